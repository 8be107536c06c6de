"""A report as CSV: one row per figure, every cell escaped so a spreadsheet never runs it as a formula.

A cell starting with = + - @ (or a tab or carriage return, which some spreadsheets strip
before looking) gets a leading single quote: OWASP's advice against CSV injection. Service
and practice names come from feeds and typing, so any of them could start that way.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from linkdesk.files import reason, write_atomically

from .errors import ReportNotSaved
from .statistics import ONS4_NOTE, ItemOutcome, Report
from .suppression import FEWER_THAN, NOT_SHOWN

HEADER = ("section", "item", "value", "n", "note")
_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value) -> str:
    """Text that could start a formula gets a leading quote; numbers we computed (-1.5) stay numbers."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:g}"
    text = str(value)
    return "'" + text if text.startswith(_RISKY_STARTS) else text


def _number(value):
    return "" if value is None else value


def rows_of(report: Report) -> list[tuple]:
    """The report's figures as (section, item, value, n, note) rows, in the order the PDF shows them."""
    rows: list[tuple] = [
        ("Report", "Period", f"{report.period.start:%Y-%m-%d} to {report.period.end:%Y-%m-%d}", "", ""),
        ("Report", "Filters", report.filters.describe(), "", ""),
        ("Referrals", "Referrals received", report.referrals_received, "", ""),
    ]
    breakdowns = [report.by_source, report.by_practice, report.by_need, report.outcomes]
    for median in (report.first_contact, report.contacts_per_patient):
        value = NOT_SHOWN if median.hidden else _number(median.value)
        rows.append(("Referrals", f"{median.label} (median)", value, median.n, median.unit))
    for point in report.caseload:
        rows.append(("Caseload", f"Open referrals on {point.on:%Y-%m-%d}", point.open_referrals, "", ""))
    breakdowns += [report.activities_by_category, report.top_services, report.routes]
    for breakdown in breakdowns:
        rows.extend(_breakdown_rows(breakdown))
    rows.append(("Signposted or referred", "People who started attending an activity", report.people_attending, "",
                 ""))
    for item in report.ons4:
        rows.extend(_ons4_rows(item))
    for breakdown in report.equality:
        rows.extend(_breakdown_rows(breakdown, section=f"Equality: {breakdown.title}"))
    for story in report.stories:
        rows.append(("Stories", story.attribution, story.text, "", f"{story.told_on:%Y-%m-%d}"))
    return rows


def _ons4_rows(item: ItemOutcome) -> list[tuple]:
    """Four rows per item; an item of 1 to 4 people says "fewer than 5" and "not shown", as on screen."""
    notes = ["lower is better"] if not item.higher_is_better else []
    if item.hidden:
        notes.append(ONS4_NOTE)
    n = FEWER_THAN if item.hidden else item.n
    note = "; ".join(notes)
    split = " / ".join(item.split_shown) if item.n else ""
    figures = (("baseline mean", item.baseline_mean), ("latest mean", item.latest_mean),
               ("mean change", item.mean_change), ("improved / no change / worse", split))
    return [("Wellbeing (ONS4)", f"{item.label}: {name}",
             NOT_SHOWN if item.hidden or (item.n and value is None) else _number(value), n, note)
            for name, value in figures]


def _breakdown_rows(breakdown, section: str | None = None) -> list[tuple]:
    section = section or breakdown.title
    rows = [(section, row.label, row.shown, "", "") for row in breakdown.rows]
    if breakdown.total is not None:
        rows.append((section, breakdown.total.label, breakdown.total.shown, "", breakdown.note))
    elif breakdown.note:
        rows.append((section, "Note", "", "", breakdown.note))
    return rows


def report_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows_of(report):
        writer.writerow([escape_cell(cell) for cell in row])
    return buffer.getvalue()


def write_csv(report: Report, path: Path | str) -> Path:
    """Write the CSV (UTF-8 with a byte order mark, which Excel needs) whole or not at all."""
    path = Path(path)
    try:
        write_atomically(path, report_csv(report).encode("utf-8-sig"))
    except OSError as error:
        raise ReportNotSaved(path, reason(error)) from error
    return path
