"""Caseload migrations (0003; 0006, the history of changes) undo and redo; older stores upgrade with their data."""

from alembic import command
from sqlalchemy import inspect

from linkdesk.caseload.listing import list_caseload
from linkdesk.caseload.patients import create_patient
from linkdesk.store import migrate, open_store

from .conftest import PASSPHRASE_FOR_TESTS, TODAY, aisha

CASELOAD_TABLES = {"practice", "link_worker", "patient", "referral", "referral_status_change", "patient_contact"}


def _tables(store) -> set[str]:
    with store.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_downgrade_removes_only_the_caseload_and_upgrade_restores_it(store):
    config = migrate._config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    tables = _tables(store)
    assert not CASELOAD_TABLES & tables
    assert "audit_event" in tables and "dir_service" in tables
    migrate.upgrade(store.engine)
    assert CASELOAD_TABLES <= _tables(store)


def test_patients_are_still_there_after_closing_and_reopening(store, store_dir):
    create_patient(store, aisha(), today=TODAY)
    store.close()
    reopened = open_store(store_dir, PASSPHRASE_FOR_TESTS)
    try:
        assert [row.display_name for row in list_caseload(reopened)] == ["Aisha Rahman"]
    finally:
        reopened.close()


def _store_at(store_dir, revision: str):
    """A store as an earlier LinkDesk left it: the schema stops at `revision`."""
    from linkdesk.store import TEST_KDF
    from linkdesk.store.keys import HEADER_NAME, KeyHeader, KeySlot, write_header
    from linkdesk.store.store import Store

    store_dir.mkdir(parents=True)
    slot, key = KeySlot.create(PASSPHRASE_FOR_TESTS, TEST_KDF)
    write_header(store_dir / HEADER_NAME, KeyHeader(slot))
    old = Store(store_dir, key, KeyHeader(slot), cache_mib=8)
    migrate.upgrade(old.engine, revision)
    return old


def test_a_store_from_before_the_history_of_changes_upgrades_and_keeps_history_from_then_on(store_dir):
    from dataclasses import replace

    from linkdesk.caseload.patients import details_of, get_patient, update_patient
    from linkdesk.caseload.revisions import revision_history

    old = _store_at(store_dir, "0005")
    patient = create_patient(old, aisha(), today=TODAY)
    assert "patient_revision" not in _tables(old)
    old.close()

    upgraded = open_store(store_dir, PASSPHRASE_FOR_TESTS)
    try:
        assert migrate.current_revision(upgraded.engine) == migrate.head_revision()
        assert revision_history(upgraded, patient.id) == []  # nothing was recorded before the upgrade
        details = details_of(get_patient(upgraded, patient.id))
        update_patient(upgraded, patient.id, replace(details, town="Birmingham"), today=TODAY)
        [change] = revision_history(upgraded, patient.id)
        assert (change.field, change.old, change.new) == ("Town or city", "", "Birmingham")
    finally:
        upgraded.close()


def test_downgrading_0006_removes_only_the_history_of_changes(store):
    create_patient(store, aisha(), today=TODAY)
    config = migrate._config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
    tables = _tables(store)
    assert "patient_revision" not in tables
    assert {"patient", "patient_story"} <= tables
    migrate.upgrade(store.engine)
    assert "patient_revision" in _tables(store)
    assert [row.display_name for row in list_caseload(store)] == ["Aisha Rahman"]
