"""Mapped classes of the caseload: practices, link workers, patients and their revisions, referrals, contacts.

Lists of codes (communication needs, referral needs) are kept as comma-separated codes in
one column: they are read whole with their record and never joined on.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from linkdesk.store.base import Base, utc_now

NAME = String(200)
CODE = String(40)


def join_codes(codes) -> str:
    return ",".join(sorted(set(codes)))


def split_codes(text: str | None) -> frozenset[str]:
    return frozenset(code for code in (text or "").split(",") if code)


class Practice(Base):
    __tablename__ = "practice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    ods_code: Mapped[str] = mapped_column(String(10), unique=True)
    pcn: Mapped[str] = mapped_column(NAME, default="")


class LinkWorker(Base):
    """A link worker as printed on plans; `own_profile` marks the person using this laptop."""

    __tablename__ = "link_worker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(NAME)
    role: Mapped[str] = mapped_column(NAME, default="Social prescribing link worker")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(NAME, default="")
    organisation: Mapped[str] = mapped_column(NAME, default="")
    own_profile: Mapped[bool] = mapped_column(Boolean, default=False)


class Patient(Base):
    __tablename__ = "patient"
    __table_args__ = (Index("ix_patient_date_of_birth", "date_of_birth"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(20), default="")
    first_name: Mapped[str] = mapped_column(NAME)
    last_name: Mapped[str] = mapped_column(NAME)
    preferred_name: Mapped[str] = mapped_column(NAME, default="")
    date_of_birth: Mapped[date] = mapped_column(Date)
    # Ten digits, or NULL when not known: one record per NHS number.
    nhs_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    address_line_1: Mapped[str] = mapped_column(NAME, default="")
    address_line_2: Mapped[str] = mapped_column(NAME, default="")
    town: Mapped[str] = mapped_column(NAME, default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    mobile_phone: Mapped[str] = mapped_column(String(20), default="")
    home_phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(NAME, default="")
    preferred_contact_method: Mapped[str] = mapped_column(CODE, default="")
    preferred_contact_times: Mapped[str] = mapped_column(NAME, default="")
    main_language: Mapped[str] = mapped_column(NAME, default="English")
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    communication_needs: Mapped[str] = mapped_column(String(200), default="")
    communication_other: Mapped[str] = mapped_column(NAME, default="")
    practice_id: Mapped[int | None] = mapped_column(ForeignKey("practice.id", ondelete="SET NULL"), index=True)
    consent_social_prescribing: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_share_with_providers: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_anonymised_story: Mapped[bool] = mapped_column(Boolean, default=False)
    ethnic_category: Mapped[str] = mapped_column(String(2), default="")
    sex: Mapped[str] = mapped_column(CODE, default="")
    gender_identity: Mapped[str] = mapped_column(CODE, default="")
    risk_notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    practice: Mapped[Practice | None] = relationship()
    referrals: Mapped[list[Referral]] = relationship(
        back_populates="patient", order_by="(Referral.received_on, Referral.id)",
        cascade="all, delete-orphan", passive_deletes=True)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Referral(Base):
    __tablename__ = "referral"
    __table_args__ = (Index("ix_referral_patient_id_received_on", "patient_id", "received_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"))
    received_on: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(CODE)
    referrer: Mapped[str] = mapped_column(NAME, default="")
    needs: Mapped[str] = mapped_column(String(400), default="")
    needs_other: Mapped[str] = mapped_column(NAME, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(CODE, default="received", index=True)
    status_changed_on: Mapped[date] = mapped_column(Date)
    discharge_reason: Mapped[str | None] = mapped_column(CODE)
    # The latest SNOMED CT code recorded (acceptance or decline); the history keeps each one.
    snomed_code: Mapped[str | None] = mapped_column(String(20))
    link_worker_id: Mapped[int | None] = mapped_column(ForeignKey("link_worker.id", ondelete="SET NULL"), index=True)
    # From the latest contact, kept here so the caseload and "today" need no per-row query.
    next_contact_due: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    patient: Mapped[Patient] = relationship(back_populates="referrals")
    link_worker: Mapped[LinkWorker | None] = relationship()
    contacts: Mapped[list[PatientContact]] = relationship(
        back_populates="referral", order_by="(PatientContact.at, PatientContact.id)", cascade="all, delete-orphan",
        passive_deletes=True)
    status_changes: Mapped[list[StatusChange]] = relationship(
        order_by="StatusChange.id", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def need_codes(self) -> frozenset[str]:
        return split_codes(self.needs)


class StatusChange(Base):
    """One step in a referral's life, with the SNOMED CT code it recorded, if any."""

    __tablename__ = "referral_status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[date] = mapped_column(Date)
    from_status: Mapped[str | None] = mapped_column(CODE)
    to_status: Mapped[str] = mapped_column(CODE)
    snomed_code: Mapped[str | None] = mapped_column(String(20))
    discharge_reason: Mapped[str | None] = mapped_column(CODE)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class PatientContact(Base):
    __tablename__ = "patient_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)  # local time, as the link worker entered it
    kind: Mapped[str] = mapped_column(CODE)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    did_not_attend: Mapped[bool] = mapped_column(Boolean, default=False)
    next_contact_due: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    referral: Mapped[Referral] = relationship(back_populates="contacts")


class PatientRevision(Base):
    """One field's earlier and later value when a patient's details were corrected (rectification keeps history)."""

    __tablename__ = "patient_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Erasure removes the history with the patient: old values are personal data too.
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    field: Mapped[str] = mapped_column(String(40))  # the PatientDetails field name, which never changes
    old_value: Mapped[str] = mapped_column(Text, default="")  # as people read it: words, ISO dates
    new_value: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str] = mapped_column(String(200))
