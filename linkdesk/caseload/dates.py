"""Dates as people type them, date of birth rules, and working days in England and Wales."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

OLDEST_AGE = 120
# ISO (2026-11-25) or day first, as written in the UK (25/11/2026, 25-11-2026, 25.11.2026).
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_UK = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


class InvalidDate(ValueError):
    """The text is not a real date, or not a plausible one here; the message says why."""


def parse_date(value: date | str | None) -> date | None:
    """A date from a date, ISO text or UK day/month/year text; None for empty text."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _UK.match(text)
        if not match:
            raise InvalidDate("Enter a date as day/month/year, for example 25/11/1980.")
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDate(f"{text} is not a real date (check the day and the month).") from None


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def check_date_of_birth(born: date, today: date | None = None) -> date:
    """Refuse a birth date in the future or more than OLDEST_AGE years ago."""
    today = today or date.today()
    if born > today:
        raise InvalidDate("The date of birth cannot be in the future.")
    if age_on(born, today) > OLDEST_AGE:
        raise InvalidDate(f"This would make the person older than {OLDEST_AGE}: check the year.")
    return born


def check_not_future(when: date, what: str, today: date | None = None) -> date:
    if when > (today or date.today()):
        raise InvalidDate(f"The {what} cannot be in the future.")
    return when


# -- working days ---------------------------------------------------------------------


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Gregorian algorithm, also called Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month = (h + el - 7 * m + 114) // 31
    day = (h + el - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


# One-off changes the rules cannot know; add new ones as the government announces them.
_ONE_OFF_MOVES: dict[int, tuple[tuple[date, date | None], ...]] = {
    2020: ((date(2020, 5, 4), date(2020, 5, 8)),),  # VE Day anniversary
    2022: ((date(2022, 5, 30), date(2022, 6, 2)), (None, date(2022, 6, 3)), (None, date(2022, 9, 19))),
    2023: ((None, date(2023, 5, 8)),),  # the coronation
}


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays: the standing rules with their weekend substitutes."""
    days = {easter_sunday(year) - timedelta(days=2), easter_sunday(year) + timedelta(days=1),
            _first_monday(year, 5), _last_monday(year, 5), _last_monday(year, 8)}
    new_year = date(year, 1, 1)
    days.add(new_year + timedelta(days={5: 2, 6: 1}.get(new_year.weekday(), 0)))
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    # Christmas on Saturday: Monday and Tuesday off; on Sunday: Tuesday for Christmas, Monday for Boxing Day.
    if christmas.weekday() == 5:
        days |= {date(year, 12, 27), date(year, 12, 28)}
    elif christmas.weekday() == 6:
        days |= {date(year, 12, 26), date(year, 12, 27)}
    elif christmas.weekday() == 4:
        days |= {christmas, date(year, 12, 28)}
    else:
        days |= {christmas, boxing}
    for removed, added in _ONE_OFF_MOVES.get(year, ()):
        days.discard(removed)
        if added is not None:
            days.add(added)
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


@lru_cache(maxsize=4096)
def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (start itself is not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def parse_datetime(value: datetime | str | None) -> datetime | None:
    """A date and time as typed ('25/11/2026 14:30', '2026-11-25 14:30'); a date alone means midnight."""
    if value is None or isinstance(value, datetime):
        return value
    text = value.strip()
    if not text:
        return None
    day_text, _, time_text = text.replace("T", " ").partition(" ")
    day = parse_date(day_text)
    time_text = time_text.strip()
    if not time_text:
        return datetime.combine(day, time())
    match = re.match(r"^(\d{1,2})[:.](\d{2})$", time_text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise InvalidDate(f"{time_text} is not a time of day (use 24-hour time, like 14:30).")
    return datetime.combine(day, time(int(match.group(1)), int(match.group(2))))
