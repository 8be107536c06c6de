"""Reports read from a real store, saved as CSV (escaped) and PDF (read back with pypdf), and from the CLI."""

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from linkdesk.cli import main
from linkdesk.reports.csv_export import escape_cell, report_csv
from linkdesk.reports.errors import BadPeriod, UnknownFilter
from linkdesk.reports.export import UnknownFormat, export_report
from linkdesk.reports.gather import make_report
from linkdesk.reports.records import ReportFilter
from linkdesk.reports.statistics import EQUALITY_NOTE, ONS4_NOTE
from linkdesk.reports.suppression import WITHHELD
from linkdesk.store.audit import AuditEvent

from ..conftest import PASSPHRASE
from .conftest import MARKER

START, END = date(2026, 10, 1), date(2026, 11, 30)


def test_report_from_the_store(caseload):
    report = make_report(caseload.store, START, END)
    assert report.referrals_received == 2
    assert {row.label: row.value for row in report.outcomes.rows} == {
        "Accepted": 1, "Declined": 1, "Unable to contact": 0, "Not yet decided": 0}
    # One referral reached: its median would be that person's own wait, so only "fewer than 5" is kept.
    assert (report.first_contact.value, report.first_contact.n) == (None, 1)
    assert report.first_contact.shown == "not shown (n = 1)"
    assert [point.open_referrals for point in report.caseload] == [1, 1]
    assert {row.label: row.value for row in report.routes.rows}["Signposted (details given)"] == 1
    assert report.activities_by_category.rows[0].label == "Physical activity"
    # One person has a pair of scores: their means would be their answers, so only "fewer than 5" is kept.
    life = next(item for item in report.ons4 if item.code == "life_satisfaction")
    assert (life.n, life.baseline_mean, life.mean_change, life.improved) == (None, None, None, None)
    assert life.shown()[:3] == ("fewer than 5", "not shown", "not shown")
    # One woman and one man among two people referred: "fewer than 5" twice would still say 1 and 1.
    sex = next(b for b in report.equality if b.title == "Sex")
    assert [(row.label, row.shown) for row in sex.rows] == [(WITHHELD, "not shown")]
    assert sex.total.shown == "2"


def test_filters_narrow_the_report_and_unknown_ones_are_refused(caseload):
    assert make_report(caseload.store, START, END, ReportFilter(practice="m89002")).referrals_received == 1
    assert make_report(caseload.store, START, END, ReportFilter(pcn="BOURNVILLE PCN")).referrals_received == 1
    worker = make_report(caseload.store, START, END, ReportFilter(link_worker_id=caseload.worker.id))
    assert worker.referrals_received == 1
    assert worker.filters.describe() == f"link worker {caseload.worker.name}"  # commissioners read names, not ids
    with pytest.raises(UnknownFilter, match="ODS code 'X99999'"):
        make_report(caseload.store, START, END, ReportFilter(practice="X99999"))
    with pytest.raises(UnknownFilter, match="primary care network"):
        make_report(caseload.store, START, END, ReportFilter(pcn="Nowhere PCN"))
    with pytest.raises(BadPeriod):
        make_report(caseload.store, END, START)


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+44 121", "'+44 121"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tTab", "'\tTab"), ("\rReturn", "'\rReturn"), ("Walking group", "Walking group"),
    ("a=b", "a=b"), (-1.5, "-1.5"), (3, "3"), (None, ""),
])
def test_csv_cells_that_could_run_as_formulas_are_escaped(text, expected):
    assert escape_cell(text) == expected


def test_csv_escapes_a_service_name_from_the_directory(caseload):
    with caseload.store.session() as session:
        from linkdesk.plans.models import AgreedActivity
        activity = session.scalar(select(AgreedActivity))
        activity.service_name = "=cmd|' /C calc'!A0"
    text = report_csv(make_report(caseload.store, START, END))
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Most-used services (top 10)", "'=cmd|' /C calc'!A0", "1", "", ""] in rows
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_csv_and_pdf_files_and_their_audit(caseload, tmp_path):
    export_report(caseload.store, START, END, tmp_path / "report.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "report.csv").read_text("utf-8-sig"))))
    assert rows[0] == ["section", "item", "value", "n", "note"]
    assert ["Referrals", "Referrals received", "2", "", ""] in rows
    assert ["Referrals", "Days from referral to first contact (median)", "not shown", "1", "days"] in rows
    assert ["Wellbeing (ONS4)", "Anxiety: mean change", "not shown", "fewer than 5",
            f"lower is better; {ONS4_NOTE}"] in rows
    assert not any(row[0] == "Wellbeing (ONS4)" and row[2] not in ("not shown", "") for row in rows[1:])
    assert ["Equality: Sex", WITHHELD, "not shown", "", ""] in rows
    assert ["Equality: Sex", "Total", "2", "", EQUALITY_NOTE] in rows

    export_report(caseload.store, START, END, tmp_path / "report.pdf")
    reader = PdfReader(tmp_path / "report.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Social prescribing report", "Referrals received: 2", "What happened to the referrals",
                     "Open referrals at each month end", "Wellbeing (ONS4)", "Equality monitoring",
                     "fewer than 5", "not shown", WITHHELD, f"Page 1 of {len(reader.pages)}"):
        assert expected in text
    assert "-4" not in text and "+3" not in text  # the one pair of scores' changes (anxiety 8 to 4, life 4 to 7)
    # The first name appears only as the consented story's attribution; nothing else about anyone.
    assert text.count(MARKER) == 2 and "Quillfeather" not in text and "Biscuit" not in text
    assert reader.metadata.title == "Social prescribing report"
    with caseload.store.session() as session:
        details = [e.detail for e in session.scalars(select(AuditEvent).where(AuditEvent.entity == "report"))]
    assert len(details) == 2 and details[0].startswith("CSV report 2026-10-01 to 2026-11-30")


def test_unknown_format_writes_nothing(caseload, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UnknownFormat, match="a .pdf or a .csv"):
        export_report(caseload.store, START, END, out / "report.docx")
    assert list(out.iterdir()) == []


@pytest.fixture
def folder(caseload, store_dir, monkeypatch):
    caseload.store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    return store_dir


def test_report_command(folder, tmp_path, capsys):
    out = tmp_path / "r.pdf"
    assert main(["report", "--from", "2026-10-01", "--to", "2026-11-30", "--pcn", "Selly Oak PCN", "-o", str(out),
                 "--data-dir", str(folder)]) == 0
    assert "1 referrals received" in capsys.readouterr().out
    assert "Referrals received: 1" in PdfReader(out).pages[0].extract_text()
    assert main(["report", "--from", "2026-10-01", "--to", "2026-11-30", "--practice", "Z1", "-o",
                 str(tmp_path / "r.csv"), "--data-dir", str(folder)]) == 1
    assert "no practice with the ODS code 'Z1'" in capsys.readouterr().err
    assert main(["report", "--from", "1 Oct", "--to", "2026-11-30", "-o", str(tmp_path / "r.csv"),
                 "--data-dir", str(folder)]) == 2
    assert not (tmp_path / "r.csv").exists()
