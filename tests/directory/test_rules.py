"""Pure directory rules, without a database: schedules, costs, places, text and dates."""

from datetime import date
from types import SimpleNamespace

import pytest

from linkdesk.directory import schedule
from linkdesk.directory.categories import guess_category
from linkdesk.directory.cost import Price, cost_text
from linkdesk.directory.places import address_line, check_coordinates, parse_place_filter, postcode_place
from linkdesk.directory.text import html_to_text, parse_date, parse_time


def session(**fields):
    base = dict(freq=None, interval=None, byday=None, bymonthday=None, opens_at=None, closes_at=None, description=None)
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize("fields, words", [
    (dict(freq="WEEKLY", byday="TU", opens_at="10:00", closes_at="11:30"), "Every Tuesday, 10:00 to 11:30"),
    (dict(freq="MONTHLY", byday="1MO", opens_at="14:00", closes_at="16:00"), "First Monday of the month, 14:00 to 16:00"),
    (dict(freq="MONTHLY", byday="-1FR"), "Last Friday of the month"),
    (dict(freq="WEEKLY", interval=2, byday="WE"), "Every other Wednesday"),
    (dict(freq="WEEKLY", byday="MO,TU,WE,TH,FR", opens_at="09:00", closes_at="17:00"), "Every weekday, 09:00 to 17:00"),
    (dict(freq="WEEKLY", byday="TH,FR"), "Every Thursday and Friday"),
    (dict(freq="MONTHLY", bymonthday="2,3"), "On the 2nd and 3rd of the month"),
    (dict(description="Ring for an appointment"), "Ring for an appointment"),
])
def test_schedules_read_as_a_person_would_write_them(fields, words):
    assert schedule.describe(session(**fields)) == words


def test_day_and_time_of_day():
    tuesday_morning = session(byday="TU", opens_at="10:00", closes_at="11:30")
    assert schedule.runs_on(tuesday_morning, 1, schedule.MORNING)
    assert not schedule.runs_on(tuesday_morning, 1, schedule.EVENING)
    assert not schedule.runs_on(tuesday_morning, 2)
    all_day = session(byday="SA", opens_at="10:00", closes_at="18:00")
    assert schedule.periods(all_day.opens_at, all_day.closes_at) == {schedule.MORNING, schedule.AFTERNOON, schedule.EVENING}
    assert schedule.parse_weekday("tue") == 1
    with pytest.raises(ValueError):
        schedule.parse_weekday("blursday")


def test_costs_in_words():
    assert cost_text([Price(0, "GBP")]) == "Free"
    assert cost_text([Price(3, "GBP", None, "per session")]) == "£3 a session"
    assert cost_text([Price(35, "gbp", "Under 18s", "per 1 hour session")]) == "£35 per 1 hour session (Under 18s)"
    assert cost_text([Price(2.5, "GBP")]) == "£2.50"
    assert cost_text([], "This service is free of charge") == "Free"
    assert cost_text([], None) == ""


def test_postcodes_and_addresses():
    assert postcode_place("b303ej").district == "B30"
    assert postcode_place("B30").area == "B"
    assert postcode_place("ABC 1234") is None
    assert parse_place_filter("b30") == ("district", "B30")
    assert parse_place_filter("B") == ("area", "B")
    with pytest.raises(ValueError):
        parse_place_filter("not a place")
    assert address_line("24 Pershore Road", "", "Birmingham", "b30 3ej", "Cotteridge Church Hall") == \
        "Cotteridge Church Hall, 24 Pershore Road, Birmingham B30 3EJ"


def test_impossible_coordinates_are_dropped_with_a_note():
    assert check_coordinates(100, 101)[:2] == (None, None)
    assert "impossible" in check_coordinates(100, 101)[2]
    assert check_coordinates(52.43, -1.93) == (52.43, -1.93, "")
    assert check_coordinates(0, 0)[:2] == (None, None)


def test_html_descriptions_become_plain_text():
    assert html_to_text("<p>Tea &amp; chat</p><ul><li>Mondays</li><li>Fridays</li></ul>") == "Tea & chat\n\n• Mondays\n\n• Fridays"
    assert html_to_text("No tags here") == "No tags here"
    assert "alert" not in html_to_text("<script>alert(1)</script>Hello")


@pytest.mark.parametrize("text, expected", [
    ("2024-03-01", date(2024, 3, 1)), ("01/03/2024", date(2024, 3, 1)), ("1.3.24", date(2024, 3, 1)),
    ("1 March 2024", date(2024, 3, 1)), ("March 1, 2024", date(2024, 3, 1)), ("2024-03-01T10:00:00Z", date(2024, 3, 1)),
    ("", None),
])
def test_dates_in_the_formats_messy_files_hold(text, expected):
    assert parse_date(text) == expected


def test_unreadable_dates_and_times_say_so():
    with pytest.raises(ValueError, match="not a date"):
        parse_date("sometime soon")
    assert parse_time("2.30pm") == "14:30"
    assert parse_time("10:00:00") == "10:00"
    with pytest.raises(ValueError):
        parse_time("25:00")


def test_terms_map_to_categories_by_their_words():
    assert guess_category("Walking groups") == "physical-activity"
    assert guess_category("Debt advice") == "money"
    assert guess_category("name") == ""
