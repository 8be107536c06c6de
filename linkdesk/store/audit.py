"""The audit log: who did what to which record, written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base, utc_now

# Actions the log knows. Later features add entity kinds, not new verbs.
ACTIONS = frozenset(
    {
        "create store",
        "unlock",
        "lock",
        "change passphrase",
        "backup",
        "restore",
        "migrate",
        "create",
        "update",
        "delete",
        "view",
        "export",
        "print",
        "import",
    }
)


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    # Detail names fields and counts, never the patient data itself.
    detail: Mapped[str] = mapped_column(Text, default="")


def record(session: Session, action: str, entity: str | None = None, entity_id=None, detail: str = "") -> None:
    """Add an audit row to the caller's transaction, so it commits or rolls back with the change."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditEvent(
            at=utc_now(),
            actor=session.info.get("actor", "unknown"),
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail=detail,
        )
    )


def list_events(session: Session, since: datetime | None = None, limit: int | None = None) -> list[AuditEvent]:
    """Newest first."""
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the UI shows it (times in UTC; the UI converts to local time)."""

    at: datetime
    actor: str
    action: str
    entity: str | None
    entity_id: str | None
    detail: str


def read_events(store, since: datetime | None = None, limit: int | None = None) -> list[AuditRow]:
    """The audit log for display, newest first. Reading it is not itself audited."""
    with store.session() as session:
        return [
            AuditRow(event.at, event.actor, event.action, event.entity, event.entity_id, event.detail)
            for event in list_events(session, since, limit)
        ]
