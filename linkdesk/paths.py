"""Where things live on disk: the default store folder, overridable with --data-dir."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "LinkDesk"


def default_data_dir() -> Path:
    """The signed-in user's own data folder, e.g. %LOCALAPPDATA%\\LinkDesk\\store on Windows."""
    return user_data_path(APP_NAME, appauthor=False, roaming=False) / "store"


def resolve_data_dir(option: str | None) -> Path:
    return Path(option).expanduser().resolve() if option else default_data_dir()
