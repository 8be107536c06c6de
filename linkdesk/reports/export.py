"""Saving a report as PDF or CSV by the file's extension, and recording that it left the store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from linkdesk.documents.base import DocumentNotSaved
from linkdesk.documents.organisation import print_settings

from .csv_export import write_csv
from .errors import ReportError, ReportNotSaved
from .gather import audit_report, make_report
from .pdf import ReportDocument
from .records import ReportFilter
from .statistics import Report

FORMATS = (".pdf", ".csv")


class UnknownFormat(ReportError):
    def __init__(self, path: Path):
        super().__init__(f"Save the report as a .pdf or a .csv file, not {path.name!r}.")


def save_report(store, report: Report, path: Path | str) -> Path:
    path = Path(path)
    kind = path.suffix.lower()
    if kind not in FORMATS:
        raise UnknownFormat(path)
    if kind == ".csv":
        write_csv(report, path)
    else:
        document = ReportDocument(print_settings(store).organisation, report)
        try:
            document.render_to(path)
        except DocumentNotSaved as error:
            raise ReportNotSaved(path, str(error)) from error
    audit_report(store, report, kind[1:].upper())
    return path


def export_report(store, start: date, end: date, path: Path | str, filters: ReportFilter | None = None) -> Report:
    """Make the report for a period and save it; the format is the file's extension (.pdf or .csv)."""
    if Path(path).suffix.lower() not in FORMATS:
        raise UnknownFormat(Path(path))
    report = make_report(store, start, end, filters)
    save_report(store, report, path)
    return report
