"""Migration 0003 can be undone and redone, and a store with caseload data survives reopening."""

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
