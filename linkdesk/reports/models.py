"""Mapped class of patient stories: a story or quote a patient agreed may be published, and how to name them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from linkdesk.store.base import Base, utc_now

FIRST_NAME, ANONYMOUS = "first_name", "anonymous"
NAMINGS = ((FIRST_NAME, "First name only"), (ANONYMOUS, "Anonymous"))


class PatientStory(Base):
    __tablename__ = "patient_story"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Erasing the patient removes their stories with everything else.
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"), index=True)
    told_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    # Publishing needs the patient's explicit yes; withdrawing it keeps the story but stops its use.
    consent_to_publish: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_on: Mapped[date | None] = mapped_column(Date)
    naming: Mapped[str] = mapped_column(String(20), default=ANONYMOUS)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
