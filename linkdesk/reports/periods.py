"""Named report periods (this month, last quarter, this financial year...) as plain date ranges.

Quarters run January to March, April to June and so on, which are also the NHS financial
quarters. The UK financial year runs from 1 April to 31 March. A period that has not
ended yet ("this month") runs to today: figures for days still to come, such as the
caseload at a future month end, would only repeat today's.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

THIS_MONTH = "this_month"
LAST_MONTH = "last_month"
THIS_QUARTER = "this_quarter"
LAST_QUARTER = "last_quarter"
THIS_FINANCIAL_YEAR = "this_financial_year"
LAST_FINANCIAL_YEAR = "last_financial_year"

PRESETS = (
    (THIS_MONTH, "This month"),
    (LAST_MONTH, "Last month"),
    (THIS_QUARTER, "This quarter"),
    (LAST_QUARTER, "Last quarter"),
    (THIS_FINANCIAL_YEAR, "This financial year"),
    (LAST_FINANCIAL_YEAR, "Last financial year"),
)


def _month(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, first_month: int) -> tuple[date, date]:
    return date(year, first_month, 1), _month(year, first_month + 2)[1]


def financial_year_start(day: date) -> date:
    """1 April of the financial year `day` falls in."""
    return date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def preset_period(name: str, today: date) -> tuple[date, date]:
    """The first and last day (inclusive) of a named period, as seen on `today`."""
    if name == THIS_MONTH:
        start, end = _month(today.year, today.month)
    elif name == LAST_MONTH:
        start, end = _month(*((today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)))
    elif name == THIS_QUARTER:
        start, end = _quarter(today.year, (today.month - 1) // 3 * 3 + 1)
    elif name == LAST_QUARTER:
        start, end = preset_period(THIS_QUARTER, today)
        start, end = _quarter((start - timedelta(days=1)).year, (start - timedelta(days=1)).month - 2)
    elif name == THIS_FINANCIAL_YEAR:
        start = financial_year_start(today)
        end = date(start.year + 1, 3, 31)
    elif name == LAST_FINANCIAL_YEAR:
        start = date(financial_year_start(today).year - 1, 4, 1)
        end = date(start.year + 1, 3, 31)
    else:
        raise ValueError(f"no report period called {name!r}")
    return start, min(end, today)


def preset_label(name: str) -> str:
    return dict(PRESETS)[name]
