"""Store-wide settings (lock timeout, backup folder...) kept inside the encrypted store."""

from __future__ import annotations

import hashlib
import secrets
import socket
from pathlib import Path

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from .base import Base

IDLE_LOCK_MINUTES = "idle_lock_minutes"
BACKUP_FOLDER = "backup_folder"
ORGANISATION_NAME = "organisation_name"  # printed at the top of plans and leaflets
ORGANISATION_LOGO = "organisation_logo"  # a PNG or JPEG, base64; empty: no logo
HELP_SOONER_TEXT = "help_sooner_text"  # the plan's "If you need help sooner" box, a line each
STORE_ID = "store_id"  # random, made on first use; with the host and folder, names automatic backups

DEFAULTS = {
    IDLE_LOCK_MINUTES: "5",
    BACKUP_FOLDER: "",  # empty: the "backups" folder inside the store folder
    ORGANISATION_NAME: "",  # empty: the link worker profile's organisation
    ORGANISATION_LOGO: "",
    HELP_SOONER_TEXT: "NHS 111: call 111 if you need medical help fast but it is not an emergency.\n"
                      "Samaritans: call 116 123, free, any time of day or night.\n"
                      "In an emergency, call 999.",
    STORE_ID: "",
}


class AppSetting(Base):
    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def get_setting(session: Session, key: str) -> str:
    row = session.get(AppSetting, key)
    return row.value if row is not None else DEFAULTS[key]


def set_setting(session: Session, key: str, value: str) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    session.merge(AppSetting(key=key, value=value))


def read_setting(store, key: str) -> str:
    with store.session() as session:
        return get_setting(session, key)


def write_setting(store, key: str, value: str) -> None:
    with store.session() as session:
        set_setting(session, key, value)


def idle_lock_minutes(store) -> int:
    """The idle time before the app locks itself; a damaged value falls back to the default."""
    try:
        minutes = int(read_setting(store, IDLE_LOCK_MINUTES))
    except ValueError:
        minutes = int(DEFAULTS[IDLE_LOCK_MINUTES])
    return max(1, min(minutes, 240))


def store_id(store) -> str:
    """Eight hex digits telling this store's automatic backups from another store's in a shared folder.

    A random value kept in the store, mixed with this computer's name and the store's
    folder: a backup restored in place keeps naming its backups as before, while a copy of
    the store on another laptop (set up from one template, or from a backup) gets its own
    names, so two laptops never count or rotate each other's backups.
    """
    with store.session() as session:
        value = get_setting(session, STORE_ID)
        if not value:
            value = secrets.token_hex(8)
            set_setting(session, STORE_ID, value)
    where = f"{value}|{socket.gethostname()}|{Path(store.folder).resolve()}"
    return hashlib.sha256(where.encode("utf-8")).hexdigest()[:8]
