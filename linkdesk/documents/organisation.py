"""Who printed documents come from: the organisation's name, logo and "help sooner" text, kept in settings."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkdesk.caseload.models import LinkWorker
from linkdesk.store import audit
from linkdesk.store.settings import HELP_SOONER_TEXT, ORGANISATION_LOGO, ORGANISATION_NAME, get_setting, set_setting

from .base import Organisation

FALLBACK_NAME = "Social prescribing service"


@dataclass(frozen=True)
class PrintSettings:
    organisation: Organisation
    help_lines: tuple[str, ...]


def _logo(text: str) -> bytes | None:
    if not text:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None  # a damaged setting prints no logo rather than stopping every printout


def read_print_settings(session: Session) -> PrintSettings:
    name = get_setting(session, ORGANISATION_NAME).strip()
    if not name:
        profile = session.scalar(select(LinkWorker).where(LinkWorker.own_profile.is_(True)))
        name = (profile.organisation if profile else "") or FALLBACK_NAME
    lines = tuple(line.strip() for line in get_setting(session, HELP_SOONER_TEXT).splitlines() if line.strip())
    return PrintSettings(Organisation(name, _logo(get_setting(session, ORGANISATION_LOGO))), lines)


def print_settings(store) -> PrintSettings:
    with store.session() as session:
        return read_print_settings(session)


def save_print_settings(store, name: str, logo: bytes | None, help_text: str) -> None:
    """Store the organisation's name, logo (PNG or JPEG bytes, or None) and help text; audited."""
    with store.session() as session:
        set_setting(session, ORGANISATION_NAME, " ".join(name.split()))
        set_setting(session, ORGANISATION_LOGO, base64.b64encode(logo).decode("ascii") if logo else "")
        set_setting(session, HELP_SOONER_TEXT, help_text.strip())
        audit.record(session, "update", "setting", "printing", "fields: organisation name, logo, help text")
