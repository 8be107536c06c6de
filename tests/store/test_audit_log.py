"""The audit log only grows, and its rows live and die with the change they record."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError

from linkdesk.store import audit
from linkdesk.store.audit import AuditEvent, read_events
from linkdesk.store.base import utc_now
from linkdesk.store.settings import BACKUP_FOLDER, AppSetting, set_setting

from ..helpers import contents


def _events(store):
    return contents(store)["audit"]


def test_a_new_store_records_its_creation(store):
    assert [row[3] for row in _events(store)] == ["create store"]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET detail = 'tidied up'",
        "UPDATE audit_event SET actor = 'someone else' WHERE id = 1",
        "DELETE FROM audit_event",
        "DELETE FROM audit_event WHERE id = 1",
    ],
)
def test_sql_cannot_change_or_remove_audit_rows(store, statement):
    before = _events(store)
    with pytest.raises(DBAPIError, match="the audit log cannot be changed"):
        with store.engine.begin() as connection:
            connection.exec_driver_sql(statement)
    assert _events(store) == before


def test_the_orm_cannot_change_or_remove_audit_rows_either(store):
    before = _events(store)
    with pytest.raises(DBAPIError, match="the audit log cannot be changed"):
        with store.session() as session:
            session.execute(update(AuditEvent).values(detail="edited"))
    with pytest.raises(DBAPIError, match="the audit log cannot be changed"):
        with store.session() as session:
            session.execute(delete(AuditEvent))
    with pytest.raises(DBAPIError, match="the audit log cannot be changed"):
        with store.session() as session:
            session.delete(session.scalars(select(AuditEvent)).first())
    assert _events(store) == before


def test_an_audit_row_in_a_rolled_back_transaction_is_gone_with_the_change(store):
    before = contents(store)
    with pytest.raises(RuntimeError):
        with store.session() as session:
            set_setting(session, BACKUP_FOLDER, "/never/saved")
            audit.record(session, "update", "setting", BACKUP_FOLDER, detail="fields: backup folder")
            session.flush()  # both rows reached the database before the failure
            raise RuntimeError("the save failed half way")
    assert contents(store) == before
    with store.session() as session:
        assert session.get(AppSetting, BACKUP_FOLDER) is None


def test_an_audit_row_commits_with_its_change(store):
    with store.session() as session:
        set_setting(session, BACKUP_FOLDER, "/backups")
        audit.record(session, "update", "setting", BACKUP_FOLDER, detail="fields: backup folder")
    newest = read_events(store)[0]
    assert (newest.action, newest.entity, newest.entity_id) == ("update", "setting", BACKUP_FOLDER)
    assert newest.actor == store.actor


def test_unknown_actions_are_refused(store):
    with pytest.raises(ValueError, match="unknown audit action"):
        with store.session() as session:
            audit.record(session, "tidy up", "patient", 1)
    assert len(_events(store)) == 1


def test_reading_the_log_is_newest_first_and_since_filters(store):
    store.audit("export", "patient", 3, detail="subject access export")
    events = read_events(store)
    assert [event.action for event in events] == ["export", "create store"]
    assert read_events(store, since=utc_now() + timedelta(minutes=1)) == []
    assert len(read_events(store, since=utc_now() - timedelta(minutes=1))) == 2
    assert len(read_events(store, limit=1)) == 1
