"""Schedules in words a person would write, and which days and times of day they cover.

Works on anything with the ORUK schedule fields (freq, interval, byday, bymonthday,
opens_at, closes_at, description...), so it needs no database.
"""

from __future__ import annotations

import re

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth", -1: "Last", -2: "Second to last"}

MORNING, AFTERNOON, EVENING = 0, 1, 2
PERIOD_NAMES = {"morning": MORNING, "afternoon": AFTERNOON, "evening": EVENING}
# Minutes since midnight where each part of the day starts and ends.
_PERIOD_SPANS = {MORNING: (0, 12 * 60), AFTERNOON: (12 * 60, 17 * 60), EVENING: (17 * 60, 24 * 60)}


def parse_byday(byday: str | None) -> list[tuple[int | None, int]]:
    """"1MO,-1FR,TU" -> [(1, 0), (-1, 4), (None, 1)]: (which one in the month, weekday)."""
    rules = []
    for token in re.split(r"[,\s]+", (byday or "").strip().upper()):
        match = re.fullmatch(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)", token)
        if match:
            rules.append((int(match[1]) if match[1] else None, DAY_CODES.index(match[2])))
    return rules


def parse_monthdays(bymonthday: str | None) -> list[int]:
    return [int(part) for part in re.findall(r"-?\d+", bymonthday or "") if -31 <= int(part) <= 31 and int(part)]


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _nth(number: int) -> str:
    if number == -1:
        return "last day"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _weekdays(days: list[int]) -> str:
    days = sorted(set(days))
    if days == list(range(7)):
        return "day"
    if days == list(range(5)):
        return "weekday"
    return _join([DAY_NAMES[day] for day in days])


def describe_times(opens_at: str | None, closes_at: str | None) -> str:
    if opens_at and closes_at:
        return f"{opens_at} to {closes_at}"
    if opens_at:
        return f"from {opens_at}"
    if closes_at:
        return f"until {closes_at}"
    return ""


def describe(schedule) -> str:
    """"Every Tuesday, 10:00 to 11:30", "First Monday of the month, 14:00 to 16:00"...

    Falls back to the schedule's own description when the rule fields say nothing usable.
    """
    rule = describe_rule(schedule)
    times = describe_times(schedule.opens_at, schedule.closes_at)
    if not rule:
        text = (schedule.description or "").strip()
        return f"{text} ({times})" if text and times else text or (f"Times: {times}" if times else "")
    return f"{rule}, {times}" if times else rule


def describe_rule(schedule) -> str:
    freq = (schedule.freq or "").upper()
    interval = schedule.interval or 1
    byday = parse_byday(schedule.byday)
    monthdays = parse_monthdays(schedule.bymonthday)
    ordinal = [(n, day) for n, day in byday if n is not None]
    if freq == "MONTHLY" or (not freq and ordinal):
        every = "the month" if interval == 1 else f"every {interval} months"
        if ordinal:
            by_day: dict[int, list[int]] = {}
            for n, day in ordinal:
                by_day.setdefault(day, []).append(n)
            parts = []
            for day, numbers in by_day.items():
                words = [ORDINALS.get(n, f"{_nth(n)}") for n in sorted(numbers, key=lambda n: (n < 0, n))]
                words = [words[0]] + [word.lower() for word in words[1:]]
                parts.append(f"{_join(words)} {DAY_NAMES[day]}")
            return f"{_join(parts)} of {every}"
        if monthdays:
            return f"On the {_join([_nth(day) for day in sorted(monthdays, key=lambda d: (d < 0, d))])} of {every}"
        if byday:
            return f"{_weekdays([day for _, day in byday]).capitalize()}s, once a month"
        return "Monthly" if interval == 1 else f"Every {interval} months"
    days = [day for _, day in byday]
    if freq == "WEEKLY" or days:
        if not days:
            return "Weekly" if interval == 1 else f"Every {interval} weeks"
        named = _weekdays(days)
        if interval == 1:
            return f"Every {named}"
        if interval == 2:
            return f"Every other {named}"
        return f"Every {interval} weeks on {named}"
    return ""


def _minutes(hhmm: str | None) -> int | None:
    if not hhmm:
        return None
    hours, minutes = hhmm.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def periods(opens_at: str | None, closes_at: str | None) -> set[int]:
    """Parts of the day a session overlaps; a session with no times counts as any part."""
    start, end = _minutes(opens_at), _minutes(closes_at)
    if start is None and end is None:
        return {MORNING, AFTERNOON, EVENING}
    if start is None:
        start = end - 1
    if end is None or end <= start:
        end = start + 1
    return {period for period, (low, high) in _PERIOD_SPANS.items() if start < high and end > low}


def weekdays(schedule) -> set[int]:
    """Weekdays (Monday 0) the schedule can fall on; empty when only month days are known."""
    return {day for _, day in parse_byday(schedule.byday)}


def runs_on(schedule, weekday: int, period: int | None = None) -> bool:
    """Is this on weekday D (Monday 0), and if a period is given, in that part of the day?"""
    if weekday not in weekdays(schedule):
        return False
    return period is None or period in periods(schedule.opens_at, schedule.closes_at)


def slot_mask(schedules) -> int:
    """Bits day*3+period for every (weekday, part of day) any of the schedules covers."""
    mask = 0
    for schedule in schedules:
        for day in weekdays(schedule):
            for period in periods(schedule.opens_at, schedule.closes_at):
                mask |= 1 << (day * 3 + period)
    return mask


def slot_filter(weekday: int | None, period: int | None) -> int:
    """The bits a service must share with `slot_mask` to match a day and/or part-of-day filter."""
    days = [weekday] if weekday is not None else range(7)
    parts = [period] if period is not None else (MORNING, AFTERNOON, EVENING)
    return sum(1 << (day * 3 + part) for day in days for part in parts)


def parse_weekday(text: str) -> int:
    """"tue", "Tuesday", "TU" -> 1. Raises ValueError naming the input."""
    word = text.strip().lower()
    for index, name in enumerate(DAY_NAMES):
        if len(word) >= 2 and name.lower().startswith(word):
            return index
    raise ValueError(f"{text!r} is not a day of the week")
