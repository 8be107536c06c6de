"""Retention review: closed records past the configured period are listed, and nothing is deleted."""

from datetime import date

import pytest
from sqlalchemy import func, select

from linkdesk.caseload.models import Patient
from linkdesk.caseload.retention import (
    RetentionError, due_for_review, retention_years, set_retention_years, years_before,
)
from linkdesk.cli import main

from ..conftest import PASSPHRASE

# In the caseload fixture, Tomasz's only referral was declined on 10 Nov 2026; Erin's is active.
DECLINED_ON = date(2026, 11, 10)


def patients(store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(Patient))


def test_default_is_eight_years_and_open_records_are_never_due(caseload):
    store = caseload.store
    assert retention_years(store) == 8
    assert due_for_review(store, today=date(2034, 11, 10)).records == ()  # exactly 8 years: not yet
    review = due_for_review(store, today=date(2034, 11, 11))
    assert review.cutoff == date(2026, 11, 11)
    assert [(r.name, r.outcome, r.closed_on) for r in review.records] == [("Tomasz Wielgosz", "Declined",
                                                                           DECLINED_ON)]
    assert patients(store) == 2


def test_the_setting_and_the_years_option_change_the_rule(caseload):
    store = caseload.store
    assert set_retention_years(store, "2") == 2
    assert retention_years(store) == 2
    assert len(due_for_review(store, today=date(2028, 12, 1)).records) == 1
    assert due_for_review(store, years=5, today=date(2028, 12, 1)).records == ()
    for bad in ("0", "101", "eight", ""):
        with pytest.raises(RetentionError):
            set_retention_years(store, bad)
    assert retention_years(store) == 2  # a refused value changed nothing


def test_years_before_a_leap_day():
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)


def test_retention_command_lists_and_deletes_nothing(caseload, store_dir, monkeypatch, capsys):
    caseload.store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    # Tomasz's decline is two weeks old: a zero-length rule is refused, a one-year rule lists nobody yet.
    assert main(["patients", "retention", "--years", "0", "--data-dir", str(store_dir)]) == 1
    assert "from 1 to 100 years" in capsys.readouterr().err
    assert main(["patients", "retention", "--years", "1", "--data-dir", str(store_dir)]) == 0
    out = capsys.readouterr().out
    assert "Closed more than 1 year ago" in out and ": 0" in out and "Wielgosz" not in out
