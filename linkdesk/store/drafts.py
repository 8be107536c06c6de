"""Unsaved edits parked in the encrypted store while the app is locked, restored on unlock."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import DateTime, String, Text, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, utc_now


class Draft(Base):
    __tablename__ = "draft"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


def park_drafts(session: Session, drafts: dict[str, dict]) -> None:
    for key, payload in drafts.items():
        session.merge(Draft(key=key, payload=json.dumps(payload), saved_at=utc_now()))


def take_drafts(session: Session) -> dict[str, dict]:
    """Return every parked draft and remove them, in one transaction."""
    drafts = {row.key: json.loads(row.payload) for row in session.scalars(select(Draft))}
    session.execute(delete(Draft))
    return drafts


def park(store, drafts: dict[str, dict]) -> None:
    if drafts:
        with store.session() as session:
            park_drafts(session, drafts)


def take(store) -> dict[str, dict]:
    with store.session() as session:
        return take_drafts(session)
