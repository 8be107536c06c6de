"""Named report periods: months, quarters and UK financial years, including their awkward edges."""

from datetime import date

import pytest

from linkdesk.reports import periods
from linkdesk.reports.periods import PRESETS, financial_year_start, preset_label, preset_period

NOVEMBER = date(2026, 11, 25)


@pytest.mark.parametrize(("name", "expected"), [
    (periods.THIS_MONTH, (date(2026, 11, 1), NOVEMBER)),
    (periods.LAST_MONTH, (date(2026, 10, 1), date(2026, 10, 31))),
    (periods.THIS_QUARTER, (date(2026, 10, 1), NOVEMBER)),
    (periods.LAST_QUARTER, (date(2026, 7, 1), date(2026, 9, 30))),
    (periods.THIS_FINANCIAL_YEAR, (date(2026, 4, 1), NOVEMBER)),
    (periods.LAST_FINANCIAL_YEAR, (date(2025, 4, 1), date(2026, 3, 31))),
])
def test_each_period_in_late_november(name, expected):
    assert preset_period(name, NOVEMBER) == expected


@pytest.mark.parametrize(("today", "name", "expected"), [
    # January: last month and last quarter are in the previous year.
    (date(2027, 1, 10), periods.LAST_MONTH, (date(2026, 12, 1), date(2026, 12, 31))),
    (date(2027, 1, 10), periods.LAST_QUARTER, (date(2026, 10, 1), date(2026, 12, 31))),
    # January to March still belong to the financial year that began the April before.
    (date(2027, 3, 31), periods.THIS_FINANCIAL_YEAR, (date(2026, 4, 1), date(2027, 3, 31))),
    (date(2027, 3, 31), periods.LAST_FINANCIAL_YEAR, (date(2025, 4, 1), date(2026, 3, 31))),
    # 1 April starts a new one.
    (date(2027, 4, 1), periods.THIS_FINANCIAL_YEAR, (date(2027, 4, 1), date(2027, 4, 1))),
    (date(2027, 4, 1), periods.LAST_FINANCIAL_YEAR, (date(2026, 4, 1), date(2027, 3, 31))),
    # March after February in a leap year.
    (date(2028, 3, 5), periods.LAST_MONTH, (date(2028, 2, 1), date(2028, 2, 29))),
    (date(2026, 4, 15), periods.LAST_QUARTER, (date(2026, 1, 1), date(2026, 3, 31))),
])
def test_edges_of_years_and_quarters(today, name, expected):
    assert preset_period(name, today) == expected


def test_a_period_that_has_not_ended_runs_to_today():
    today = date(2026, 5, 2)
    for name, _label in PRESETS:
        start, end = preset_period(name, today)
        assert start <= end <= today


def test_financial_year_start():
    assert financial_year_start(date(2026, 3, 31)) == date(2025, 4, 1)
    assert financial_year_start(date(2026, 4, 1)) == date(2026, 4, 1)


def test_labels_and_an_unknown_name():
    assert preset_label(periods.LAST_FINANCIAL_YEAR) == "Last financial year"
    with pytest.raises(ValueError):
        preset_period("next_century", NOVEMBER)
