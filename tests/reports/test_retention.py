"""Retention review: closed records past the configured period are listed, and nothing is deleted."""

from datetime import date

import pytest
from sqlalchemy import func, select

from linkdesk.caseload.models import Patient
from linkdesk.caseload.retention import (
    RetentionError, due_for_review, retention_years, set_retention_years, years_before,
)
from linkdesk.cli import main
from linkdesk.store import open_store

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


def test_an_it_manager_sets_the_rule_from_the_command_line(caseload, store_dir, monkeypatch, capsys):
    caseload.store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    assert main(["patients", "retention", "--set-years", "10", "--data-dir", str(store_dir)]) == 0
    assert capsys.readouterr().out.strip() == "The retention period is now 10 years (it was 8 years)."
    assert main(["patients", "retention", "--data-dir", str(store_dir)]) == 0
    assert capsys.readouterr().out.startswith("Closed more than 10 years ago")
    for bad in ("0", "ten"):
        assert main(["patients", "retention", "--set-years", bad, "--data-dir", str(store_dir)]) == 1
        assert "retention period must" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:  # set or list, not both
        main(["patients", "retention", "--set-years", "5", "--years", "2", "--data-dir", str(store_dir)])
    assert caught.value.code == 2
    assert main(["patients", "retention", "--set-years", "1", "--data-dir", str(store_dir)]) == 0
    assert capsys.readouterr().out.strip() == "The retention period is now 1 year (it was 10 years)."
    store = open_store(store_dir, PASSPHRASE)
    try:
        assert retention_years(store) == 1
        assert patients(store) == 2  # setting the rule deletes nothing
    finally:
        store.close()
