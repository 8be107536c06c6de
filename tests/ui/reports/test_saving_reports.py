"""Save as PDF… and Save as CSV… from Tools > Reports: real files, read back, of the records as they are now."""

import csv

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from linkdesk.caseload.erasure import erase_patient
from linkdesk.reports.gather import make_report
from linkdesk.reports.models import PatientStory
from linkdesk.reports.records import ReportFilter
from linkdesk.reports.stories import set_consent
from linkdesk.store.audit import read_events
from linkdesk.ui.reports.dialog import CHANGED, ReportsDialog
from linkdesk.ui.tasks import TaskRunner

from .conftest import END, START

SECTIONS = ("Referrals", "Caseload size", "Activities", "Wellbeing (ONS4)", "Equality monitoring",
            "In their own words")


@pytest.fixture
def save_dialog_answers(monkeypatch):
    """QFileDialog.getSaveFileName answers with the next path given; what it was offered is kept."""
    offered, answers = [], []

    def answer(parent, caption, suggested, file_types):
        offered.append((caption, suggested, file_types))
        return (str(answers.pop(0)) if answers else "", file_types)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    return offered, answers


def shown(dialog, qtbot):
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    return dialog.report


def test_save_buttons_wait_for_a_report(dialog):
    assert not dialog.pdf_button.isEnabled() and not dialog.csv_button.isEnabled()


def test_save_as_pdf_writes_the_report_with_every_section(window, dialog, qtbot, tmp_path, save_dialog_answers):
    offered, answers = save_dialog_answers
    shown(dialog, qtbot)
    answers.append(tmp_path / "for the PCN.pdf")
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    caption, suggested, file_types = offered[0]
    assert suggested.endswith("linkdesk-report-2026-04-01-to-2026-11-25.pdf") and "*.pdf" in file_types
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "for the PCN.pdf").pages)
    for title in SECTIONS:
        assert title in text
    assert "Referrals received: 38." in text and "The walking group gets me out" in text
    assert dialog.message.text() == f"Saved the report as {tmp_path / 'for the PCN.pdf'}"
    assert str(tmp_path / "for the PCN.pdf") in window.statusBar().currentMessage()
    assert any(event.action == "export" and "PDF report 2026-04-01 to 2026-11-25" in event.detail
               for event in read_events(window.store))


def test_save_as_csv_adds_the_extension_and_writes_the_figures(window, dialog, qtbot, tmp_path, save_dialog_answers):
    offered, answers = save_dialog_answers
    report = shown(dialog, qtbot)
    answers.append(tmp_path / "figures")  # typed without an extension
    qtbot.mouseClick(dialog.csv_button, Qt.MouseButton.LeftButton)
    assert offered[0][1].endswith("linkdesk-report-2026-04-01-to-2026-11-25.csv")
    with open(tmp_path / "figures.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["section", "item", "value", "n", "note"]
    assert ["Referrals", "Referrals received", str(report.referrals_received), "", ""] in rows
    assert dialog.message.text().endswith("figures.csv")
    # The next save starts in the folder used.
    answers.append("")
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert offered[1][1].startswith(str(tmp_path))


def test_cancelling_the_file_dialog_saves_nothing(window, dialog, qtbot, save_dialog_answers):
    offered, _answers = save_dialog_answers
    shown(dialog, qtbot)
    exports = [event.id for event in read_events(window.store) if event.action == "export"]
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)  # no answer given: cancelled
    assert len(offered) == 1
    assert [event.id for event in read_events(window.store) if event.action == "export"] == exports
    assert not dialog.message.text().startswith("Saved") and dialog.pdf_button.isEnabled()


@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_a_place_that_cannot_be_written_gives_a_plain_message(dialog, qtbot, tmp_path, save_dialog_answers, where):
    _offered, answers = save_dialog_answers
    shown(dialog, qtbot)
    target = tmp_path / "nowhere" / "report.pdf" if where == "missing folder" else tmp_path / "taken.pdf"
    if where == "a folder":
        target.mkdir()
    answers.append(target)
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    message = dialog.message.text()
    assert message.startswith(f"Could not save the report as {target}") and "Traceback" not in message
    assert dialog.message.accessibleDescription() == "Error"
    assert target.is_dir() if where == "a folder" else not target.parent.exists()
    assert dialog.pdf_button.isEnabled() and dialog.report is not None  # try again somewhere else


def test_work_runs_off_the_ui_thread_with_a_busy_state(window, qtbot, tmp_path):
    runner = TaskRunner()  # a real thread pool
    dialog = ReportsDialog(window.store, runner, parent=window)
    dialog.show()
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible() and not dialog.show_button.isEnabled()
    assert dialog.message.text() == "Working out the figures…"
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10000)
    assert not dialog.busy.isVisible() and dialog.show_button.isEnabled() and dialog.pdf_button.isEnabled()

    dialog.save_to(tmp_path / "threaded.csv", "csv")
    assert not dialog.pdf_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=10000)
    assert (tmp_path / "threaded.csv").stat().st_size > 0

    # Closed while a report is being worked out: the result is dropped, not shown in a closed window.
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    qtbot.waitUntil(lambda: not runner.busy, timeout=10000)
    assert dialog.closed and dialog.report is None


WALKING, DEBT, CHOIR = "walking group gets me out", "Sorting the debt out", "choir with my neighbour"


def _story(store, words: str) -> PatientStory:
    with store.session() as session:
        return next(story for story in session.scalars(select(PatientStory)) if words in story.text)


@pytest.mark.parametrize("kind", ["pdf", "csv"])
def test_saving_after_a_withdrawal_or_an_erasure_leaves_their_stories_out(window, dialog, qtbot, tmp_path,
                                                                            save_dialog_answers, kind):
    """The window is not modal: consent withdrawn and a patient erased after Show report must not be saved."""
    _offered, answers = save_dialog_answers
    before = shown(dialog, qtbot)
    assert [any(words in story.text for story in before.stories) for words in (WALKING, DEBT, CHOIR)] == [True] * 3
    set_consent(window.store, _story(window.store, WALKING).id, False)
    erase_patient(window.store, _story(window.store, CHOIR).patient_id, "Asked to be forgotten (invented test)")
    assert dialog.report is before  # still on screen, as it was

    answers.append(tmp_path / f"after.{kind}")
    qtbot.mouseClick(dialog.csv_button if kind == "csv" else dialog.pdf_button, Qt.MouseButton.LeftButton)

    if kind == "pdf":
        text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "after.pdf").pages)
    else:
        text = (tmp_path / "after.csv").read_text("utf-8-sig")
    assert DEBT in text  # the story still consented is there, so the file really holds the stories
    assert WALKING not in text and CHOIR not in text
    # The window shows the report saved, and says that it changed.
    now = make_report(window.store, START, END)
    assert dialog.report == now and dialog.report.referrals_received == now.referrals_received
    assert f"Referrals received: {now.referrals_received}." in text or \
        f"Referrals,Referrals received,{now.referrals_received}" in text
    labels = dialog.view.stories_shown
    assert any(DEBT in label for label in labels)
    assert not any(WALKING in label or CHOIR in label for label in labels)
    assert dialog.message.text() == f"Saved the report as {tmp_path / f'after.{kind}'}. {CHANGED}"


def test_saving_keeps_the_period_and_filters_of_the_report_shown(window, dialog, qtbot, tmp_path):
    worker_id = dialog.filters.worker.itemData(2)
    dialog.filters.choose(worker=worker_id)
    shown(dialog, qtbot)
    dialog.filters.choose(worker=None)  # changed in the window, but not shown: the file is of what is shown
    dialog.period.set_dates(START, START)
    dialog.save_to(tmp_path / "worker.csv", "csv")
    with open(tmp_path / "worker.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    expected = make_report(window.store, START, END, ReportFilter(link_worker_id=worker_id))
    assert ["Report", "Filters", expected.filters.describe(), "", ""] in rows
    assert ["Referrals", "Referrals received", str(expected.referrals_received), "", ""] in rows
    assert dialog.message.text() == f"Saved the report as {tmp_path / 'worker.csv'}"  # nothing changed meanwhile
