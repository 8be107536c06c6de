"""Unsaved edits parked in the encrypted store while the app is locked, restored on unlock.

A payload that holds a patient's details names them with a "patient_id" key (at any
depth), so erasing that patient can remove the draft too (`drop_drafts_where`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
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


def drop_drafts_where(session: Session, predicate: Callable[[dict], bool]) -> list[str]:
    """Delete, in the caller's transaction, every parked draft whose payload the predicate picks; their keys."""
    rows = session.scalars(select(Draft).order_by(Draft.key))
    keys = [row.key for row in rows if predicate(json.loads(row.payload))]
    if keys:
        session.execute(delete(Draft).where(Draft.key.in_(keys)))
    return keys


def names_patient(payload, patient_id: int) -> bool:
    """True if any "patient_id" in the payload (a dict or list, at any depth) is this patient."""
    if isinstance(payload, dict):
        named = payload.get("patient_id")
        if named == patient_id and not isinstance(named, bool):
            return True
        return any(names_patient(value, patient_id) for value in payload.values())
    if isinstance(payload, list):
        return any(names_patient(value, patient_id) for value in payload)
    return False


def park(store, drafts: dict[str, dict]) -> None:
    if drafts:
        with store.session() as session:
            park_drafts(session, drafts)


def take(store) -> dict[str, dict]:
    with store.session() as session:
        return take_drafts(session)
