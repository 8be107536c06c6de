"""The demo store makes a report with something in every section, and its consented stories only."""

from datetime import date

from pypdf import PdfReader

from linkdesk.caseload import demo as caseload_demo
from linkdesk.directory import demo as directory_demo
from linkdesk.plans import demo as plans_demo
from linkdesk.reports import demo as reports_demo
from linkdesk.reports.export import export_report

TODAY = date(2026, 11, 25)


def test_demo_report(store, tmp_path):
    directory_demo.add_demo_data(store)
    caseload_demo.add_demo_data(store)
    plans_demo.add_demo_data(store, today=TODAY)
    reports_demo.add_demo_data(store, today=TODAY)
    report = export_report(store, date(2025, 12, 1), TODAY, tmp_path / "demo.pdf")
    assert report.referrals_received > 10
    assert sum(row.value for row in report.activities_by_category.rows) > 0
    assert any(item.n > 0 for item in report.ons4)
    assert len(report.stories) == 3  # the fourth has no consent to publish
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "demo.pdf").pages)
    assert "The walking group gets me out" in text and "stayed between us" not in text
