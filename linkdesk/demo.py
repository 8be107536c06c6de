"""`linkdesk demo`: a store full of fictional people and services, for trying LinkDesk out."""

from __future__ import annotations

from pathlib import Path

from linkdesk.store import KdfParams, Store, create_store

DEMO_PASSPHRASE = "demo passphrase"


def create_demo_store(folder: Path, passphrase: str = DEMO_PASSPHRASE, kdf: KdfParams | None = None) -> Store:
    """Create a store in `folder` (which must hold none) and fill it with demo data."""
    store = create_store(folder, passphrase, kdf=kdf)
    try:
        populate(store)
    except BaseException:
        store.close()
        raise
    return store


def populate(store: Store) -> None:
    """Each feature adds its own fictional records; every NHS number is from the 999 range."""
    for add_demo_data in _feature_demos():
        add_demo_data(store)


def _feature_demos():
    # Features register here as they arrive, in dependency order.
    from linkdesk.caseload import demo as caseload_demo
    from linkdesk.directory import demo as directory_demo
    from linkdesk.plans import demo as plans_demo
    from linkdesk.reports import demo as reports_demo

    return [directory_demo.add_demo_data, caseload_demo.add_demo_data, plans_demo.add_demo_data,
            reports_demo.add_demo_data]
