"""The demo caseload: fictional, valid, the same every time, with something in every status and today."""

from datetime import date

from linkdesk.caseload import demo, nhs_number, referral_rules
from linkdesk.caseload.listing import list_caseload, today_list
from linkdesk.caseload.practices import list_practices, own_profile
from linkdesk.caseload.retention import due_for_review
from linkdesk.store import TEST_KDF, create_store

TODAY = date(2026, 11, 25)


def _demo_rows(folder, today=TODAY):
    store = create_store(folder, "demo passphrase 1", kdf=TEST_KDF)
    try:
        demo.add_demo_data(store, today=today)
        return list_caseload(store), today_list(store, today=today), list_practices(store), own_profile(store)
    finally:
        store.close()


def test_the_demo_caseload_is_fictional_valid_and_complete(tmp_path):
    rows, today, practices, me = _demo_rows(tmp_path / "demo")
    assert len(rows) == 40
    numbers = [row.nhs_number.replace(" ", "") for row in rows if row.nhs_number]
    assert len(numbers) == 38 and len(set(numbers)) == 38
    assert all(number.startswith("999") and nhs_number.is_valid(number) for number in numbers)
    assert {row.status for row in rows} == {code for code, _ in referral_rules.STATUSES}
    assert len(practices) == 4 and len({practice.pcn for practice in practices}) == 2
    assert len({row.practice for row in rows}) == 4
    assert {item.kind for item in today} == {"first contact", "follow-up"}
    assert me.name == "Jess Adeyemi"


def test_the_demo_is_the_same_every_time(tmp_path):
    first, _, _, _ = _demo_rows(tmp_path / "one")
    second, _, _, _ = _demo_rows(tmp_path / "two")
    assert [(row.display_name, row.nhs_number, row.status, row.next_due) for row in first] == \
           [(row.display_name, row.nhs_number, row.status, row.next_due) for row in second]


def test_the_demo_works_on_any_day(tmp_path):
    # A bank holiday weekend, a leap day: the dates are relative and must always be valid.
    for index, day in enumerate((date(2027, 1, 1), date(2028, 2, 29), date.today())):
        rows, today, _, _ = _demo_rows(tmp_path / f"day{index}", today=day)
        assert len(rows) == 40 and today


def test_the_demo_has_records_due_for_review_under_the_default_rule(tmp_path):
    store = create_store(tmp_path / "demo", "demo passphrase 1", kdf=TEST_KDF)
    try:
        demo.add_demo_data(store, today=TODAY)
        review = due_for_review(store, today=TODAY)  # the store's rule: 8 years after the last referral closed
    finally:
        store.close()
    assert review.years == 8
    assert [(record.name, record.outcome) for record in review.records] == [
        ("Farid Ahmadi", "Discharged"), ("Kwame Mensah", "Discharged")]  # oldest first
    assert all(record.closed_on.year == 2017 for record in review.records)
