"""Typed dates, date of birth rules, working days with bank holidays, and referral status changes."""

from datetime import date

import pytest

from linkdesk.caseload import dates, referral_rules
from linkdesk.caseload.dates import InvalidDate
from linkdesk.caseload.referral_rules import TransitionNotAllowed

TODAY = date(2026, 11, 25)

# GOV.UK's published England and Wales bank holidays.
PUBLISHED = {
    2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25",
           "2025-12-26"],
    2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
           "2026-12-28"],
    2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
           "2027-12-28"],
    2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
           "2022-09-19", "2022-12-26", "2022-12-27"],
}


@pytest.mark.parametrize("typed, meant", [
    ("25/11/1980", date(1980, 11, 25)), ("5/3/1980", date(1980, 3, 5)), ("1980-11-25", date(1980, 11, 25)),
    ("25-11-1980", date(1980, 11, 25)), ("25.11.1980", date(1980, 11, 25)), (" 29/02/2024 ", date(2024, 2, 29)),
])
def test_dates_are_read_day_first_or_iso(typed, meant):
    assert dates.parse_date(typed) == meant


@pytest.mark.parametrize("typed", ["31/02/1980", "29/02/2023", "00/01/1980", "12/13/1980", "1980-02-30"])
def test_impossible_dates_are_named(typed):
    with pytest.raises(InvalidDate, match="not a real date"):
        dates.parse_date(typed)


@pytest.mark.parametrize("typed", ["next tuesday", "11/25", "25/11/80", "1980/11/25"])
def test_unreadable_dates_show_the_expected_form(typed):
    with pytest.raises(InvalidDate, match="day/month/year"):
        dates.parse_date(typed)


def test_date_of_birth_rules():
    assert dates.check_date_of_birth(date(1950, 1, 1), TODAY) == date(1950, 1, 1)
    assert dates.check_date_of_birth(TODAY, TODAY) == TODAY  # a newborn (a parent's referral)
    with pytest.raises(InvalidDate, match="future"):
        dates.check_date_of_birth(date(2026, 11, 26), TODAY)
    with pytest.raises(InvalidDate, match="older than 120"):
        dates.check_date_of_birth(date(1905, 1, 1), TODAY)


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_list(year):
    assert sorted(dates.bank_holidays(year)) == [date.fromisoformat(day) for day in PUBLISHED[year]]


def test_working_days_skip_weekends_and_bank_holidays():
    # Received on Wednesday 23 December 2026: Thu 24, Tue 29, Wed 30, Thu 31, then Mon 4 January
    # (25 and 28 December and 1 January are bank holidays).
    assert dates.add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    assert dates.add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 27)  # a Friday to a Friday
    assert dates.working_days_between(date(2026, 11, 20), date(2026, 11, 25)) == 3
    assert dates.working_days_between(date(2026, 11, 25), date(2026, 11, 25)) == 0


def test_referral_life_follows_the_allowed_path():
    assert referral_rules.check_transition("received", "contacted") is None
    accepted = referral_rules.check_transition("contacted", "active")
    assert accepted.code == "871731000000106"
    assert referral_rules.check_transition("active", "discharged", "goals_met") is None
    declined = referral_rules.check_transition("received", "declined")
    assert declined.code == "871711000000103"
    assert referral_rules.check_transition("unable_to_contact", "contacted") is None


@pytest.mark.parametrize("current, new, says", [
    ("received", "discharged", "cannot become discharged"),
    ("discharged", "active", "nothing: it is closed"),
    ("declined", "contacted", "nothing: it is closed"),
    ("active", "declined", "it can become: Discharged"),
    ("active", "discharged", "Choose a reason"),
    ("received", "lost", "not a referral status"),
])
def test_impossible_status_changes_are_refused_with_what_can_follow(current, new, says):
    with pytest.raises(TransitionNotAllowed, match=says):
        referral_rules.check_transition(current, new)


def test_a_discharge_reason_belongs_only_to_a_discharge():
    with pytest.raises(TransitionNotAllowed, match="only recorded when"):
        referral_rules.check_transition("received", "contacted", "goals_met")
