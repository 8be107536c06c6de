"""Cleaning what messy directory files contain: HTML descriptions, dates, times and numbers."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timezone
from html.parser import HTMLParser


class _TextCollector(HTMLParser):
    BREAKS = {"br", "p", "div", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BREAKS or tag == "li":
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def html_to_text(value: str) -> str:
    """Plain text from a description that may hold HTML: paragraphs and list items kept as lines."""
    if not _TAG.search(value):
        return tidy_spaces(html.unescape(value)) if "&" in value else tidy_spaces(value)
    collector = _TextCollector()
    collector.feed(value)
    collector.close()
    return tidy_spaces("".join(collector.parts))


def tidy_spaces(value: str) -> str:
    """Collapse runs of spaces within lines and blank lines between them; trim the ends."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in value.replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_MONTHS = {name: number for number, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


def parse_date(value) -> date | None:
    """A date from the formats real files hold; None when empty. Raises ValueError when unreadable.

    Day-first for slashed dates (01/03/2024 is 1 March), as a UK spreadsheet writes them.
    """
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    text = str(value).strip()
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", text) or re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if match:
        return date(int(match[1]), int(match[2]), int(match[3]))
    match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", text)
    if match:
        year = int(match[3])
        year += 2000 if year < 100 and year < 70 else (1900 if year < 100 else 0)
        return date(year, int(match[2]), int(match[1]))
    words = re.findall(r"[A-Za-z]+|\d+", text)
    numbers = [int(word) for word in words if word.isdigit()]
    months = [_MONTHS[word[:3].lower()] for word in words if word[:3].lower() in _MONTHS and not word.isdigit()]
    if len(months) == 1 and len(numbers) == 2:
        day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else (numbers[1], numbers[0])
        return date(year, months[0], day)
    raise ValueError(f"{text!r} is not a date LinkDesk can read (try 2024-03-01)")


def parse_datetime(value) -> datetime | None:
    """An ISO 8601 timestamp (with Z or an offset, kept as UTC without a zone) or a plain date."""
    if value is None or isinstance(value, datetime):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.combine(parse_date(text), time())
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def parse_time(value) -> str | None:
    """"HH:MM" from "10:00:00", "10:00", "10am", "2.30pm", "1400"; None when empty."""
    if value is None:
        return None
    text = str(value).strip().lower().replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2}(?:\.\d+)?)?(am|pm)?(?:z|[+-]\d{2}:?\d{2})?", text)
    if not match and re.fullmatch(r"\d{4}", text):
        match = re.fullmatch(r"(\d{2})(\d{2})()", text)
    if not match:
        raise ValueError(f"{value!r} is not a time of day LinkDesk can read (try 14:30)")
    hour, minute = int(match[1]), int(match[2] or 0)
    suffix = match[3]
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise ValueError(f"{value!r} is not a time of day")
    return f"{hour:02d}:{minute:02d}"


def parse_number(value) -> float | None:
    """A number from 35, "35", "£35.00", "1,200"; None when empty. Raises ValueError otherwise."""
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").lstrip("£$€").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a number") from None
