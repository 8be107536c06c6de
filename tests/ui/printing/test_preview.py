"""The print preview under qtbot: pages shown, zoom, Save as PDF, printing to a PDF printer, Cancel."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.directory.demo import FEATURED
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_records
from linkdesk.documents.booklet import BookletChoice, booklet_for
from linkdesk.plans.activities import add_to_plan
from linkdesk.plans.history import version_history
from linkdesk.plans.plans import update_plan
from linkdesk.ui.lock import ClipboardGuard
from linkdesk.ui.printing.actions import Preview, preview_booklet, preview_leaflet, preview_plan
from linkdesk.ui.printing.preview import close_previews
from linkdesk.ui.workspace import WorkspaceContext

from ...documents.pdf import font_sizes, page_texts


def page_text(data: bytes) -> str:
    return " ".join(page_texts(data))


@pytest.fixture
def context(runner):
    messages = []
    context = WorkspaceContext(runner, ClipboardGuard(), messages.append)
    context.messages = messages
    return context


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    yield widget
    close_previews()


@pytest.fixture
def directory(store):
    import_records(store, FEATURED + list(synthetic_services(30, seed=9)), "test feed")
    return store


@pytest.fixture
def patient(directory):
    patient_id = create_patient(directory, PatientDetails(first_name="Amira", last_name="Haddad",
                                                          date_of_birth=date(1961, 5, 6),
                                                          communication_needs=frozenset({"large_print"}))).id
    update_plan(directory, patient_id, what_matters="Feeling less alone.")
    add_to_plan(directory, patient_id, FEATURED[0]["id"])
    return patient_id


def ink(widget) -> int:
    image = widget.grab().toImage()
    return sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 100)


def test_a_leaflet_preview_shows_its_one_page_drawn(qtbot, parent, context, directory):
    preview = preview_leaflet(parent, context, directory, FEATURED[0]["id"])
    dialog = preview.dialog
    assert dialog is not None and dialog.isVisible()
    assert len(dialog.page_views) == 1 and dialog.count_label.text() == "1 page"
    assert ink(dialog.page_views[0]) > 50  # the page's words, not a blank rectangle


def test_zoom_changes_the_size_of_the_pages(qtbot, parent, context, directory):
    dialog = preview_leaflet(parent, context, directory, FEATURED[0]["id"]).dialog
    before = dialog.page_views[0].width()
    dialog.zoom_in.click()
    assert dialog.page_views[0].width() > before and dialog.zoom_label.text() == "125%"
    dialog.zoom_out.click()
    dialog.zoom_out.click()
    assert dialog.page_views[0].width() < before and dialog.zoom_label.text() == "75%"


def test_a_booklet_preview_shows_every_page_and_progress_ends(qtbot, parent, context, directory):
    preview = preview_booklet(parent, context, directory, BookletChoice())
    dialog = preview.dialog
    pages = len(pypdf.PdfReader(io.BytesIO(dialog.pages.data)).pages)
    assert len(dialog.page_views) == pages > 2
    assert dialog.count_label.text() == f"{pages} pages"
    assert preview.progress is None  # the progress dialog went away


def test_a_cancelled_booklet_opens_no_preview(qtbot, parent, context, directory):
    request = Preview(parent, context, "Activities booklet", "booklet.pdf")

    def work(task):
        task.cancel()  # as if Cancel was pressed while the booklet was being prepared
        return booklet_for(directory, BookletChoice(), "standard", task.progress, task.cancel_event).render()

    request.start(work, show_progress=True)
    assert request.dialog is None and request.progress is None
    assert context.messages[-1] == "Printing cancelled"


def test_previewing_a_plan_is_not_printing_it_but_saving_it_is(qtbot, parent, context, directory, patient, tmp_path):
    dialog = preview_plan(parent, context, directory, patient).dialog
    assert len(dialog.page_views) >= 1
    assert "Amira" in page_text(dialog.pages.data)
    assert min(font_sizes(dialog.pages.data)) >= 16  # large print, from the patient's needs
    assert version_history(directory, patient) == []
    assert dialog.save_to(tmp_path / "plan")  # ".pdf" is added
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert [(version.kind, version.note) for version in version_history(directory, patient)] == [
        ("printed", "large print")]
    assert "kept as printed" in context.messages[-1]


def test_printing_paints_every_page_on_the_printer_and_records_the_plan(qtbot, parent, context, directory, patient,
                                                                        tmp_path):
    dialog = preview_plan(parent, context, directory, patient, "standard").dialog
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.print_to(printer)
    printed = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == len(dialog.page_views)
    assert len(printed.pages[0].images) == 1  # the page, drawn at the printer's resolution
    assert version_history(directory, patient)[0].note == "standard"


def test_locking_closes_every_preview(qtbot, parent, context, directory):
    dialog = preview_leaflet(parent, context, directory, FEATURED[0]["id"]).dialog
    with qtbot.waitSignal(dialog.destroyed):
        close_previews()
