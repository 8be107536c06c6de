"""The migrations build exactly the schema the mapped classes describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from linkdesk.schema import include_name, metadata
from linkdesk.store import migrate


def test_migrated_schema_matches_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}), metadata
        )
    assert differences == []


def test_a_new_store_is_at_the_head_revision(store):
    report = store.check()
    assert report.schema_revision == migrate.head_revision()
    assert report.ok


def test_a_store_made_by_the_first_release_opens_upgraded_with_its_data_and_a_backup(store_dir):
    """What a link worker meets after installing a newer LinkDesk over an older store."""
    from linkdesk.store import TEST_KDF, open_store
    from linkdesk.store.audit import read_events
    from linkdesk.store.backup import default_backup_folder
    from linkdesk.store.keys import HEADER_NAME, KeyHeader, KeySlot, write_header
    from linkdesk.store.store import Store, check_store

    from ..conftest import PASSPHRASE

    store_dir.mkdir(parents=True)
    slot, key = KeySlot.create(PASSPHRASE, TEST_KDF)
    write_header(store_dir / HEADER_NAME, KeyHeader(slot))
    old = Store(store_dir, key, KeyHeader(slot), cache_mib=8)
    migrate.upgrade(old.engine, "0001")  # the schema of the first release
    old.audit("backup", detail="written by the first release")
    old.close()

    upgraded = open_store(store_dir, PASSPHRASE)
    try:
        details = [event.detail for event in read_events(upgraded)]
        assert "written by the first release" in details
        assert any(detail.startswith("schema 0001 to ") for detail in details)
    finally:
        upgraded.close()
    assert check_store(store_dir, PASSPHRASE).schema_revision == migrate.head_revision()
    kept = list(default_backup_folder(store_dir).glob("before-upgrade-0001-*"))
    assert len(kept) == 1
    assert check_store(kept[0], PASSPHRASE).schema_revision == "0001"
