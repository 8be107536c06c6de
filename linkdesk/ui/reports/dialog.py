"""Tools > Reports: choose a period and filters, see the figures as tables and charts, save as PDF or CSV.

The report is worked out and saved on the task runner, never on the UI thread. Saving works
the report out again for the period and filters shown: the window is not modal, so a story's
consent may have been withdrawn, or a patient erased, since Show report. The window then
shows the figures saved. It shows figures about patients (small counts, their stories), so
it is a dialog that the lock closes like every other, and closing it forgets the report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
)

from linkdesk.caseload import practices
from linkdesk.documents.base import DocumentError
from linkdesk.reports.errors import ReportError, ReportNotSaved
from linkdesk.reports.export import FORMATS, export_report
from linkdesk.reports.gather import make_report
from linkdesk.reports.periods import THIS_FINANCIAL_YEAR
from linkdesk.reports.records import Period
from linkdesk.reports.statistics import Report

from ..tasks import TaskRunner, register_expected_error
from ..widgets import heading, message_label
from .controls import FilterChoice, PeriodChoice
from .page import text_label
from .view import ReportView, describe

for _kind in (ReportError, DocumentError):
    register_expected_error(_kind)

PLACEHOLDER = ("Choose a period and, if you like, one practice, primary care network or link worker, "
               "then press Show report.")
CHANGED = "The records changed after the report was shown, so the figures shown now are those saved."
FILE_TYPES = {"pdf": "PDF documents (*.pdf)", "csv": "CSV spreadsheets (*.csv)"}


def default_file_name(report: Report, kind: str) -> str:
    return f"linkdesk-report-{report.period.start:%Y-%m-%d}-to-{report.period.end:%Y-%m-%d}.{kind}"


class ReportsDialog(QDialog):
    def __init__(self, store, runner: TaskRunner, show_status=None, parent=None, today: date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Reports")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1060, 700)
        self._store, self._runner = store, runner
        self._show_status = show_status or (lambda text: None)
        documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        self._folder = documents if documents.is_dir() else Path.home()
        self.closed = False

        self.period = PeriodChoice(today)
        self.filters = FilterChoice()
        self.filters.fill(practices.list_practices(store), practices.list_link_workers(store))
        self.show_button = QPushButton("&Show report")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.run)
        self.pdf_button = QPushButton("Save as P&DF…")
        self.csv_button = QPushButton("Save as CS&V…")
        self.pdf_button.clicked.connect(lambda: self.save_as("pdf"))
        self.csv_button.clicked.connect(lambda: self.save_as("csv"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no steps to count: it just shows that work is going on
        self.busy.setAccessibleName("Working")
        self.busy.setMaximumWidth(160)
        self.busy.hide()
        self.message = message_label()
        self.title = heading("Social prescribing report", 1.3)
        self.title.hide()  # until there is a report to head
        self.summary = text_label("")
        self.view = ReportView()
        self.placeholder = text_label(PLACEHOLDER)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(self.view)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        actions = QHBoxLayout()
        for widget in (self.show_button, self.busy):
            actions.addWidget(widget)
        actions.addWidget(self.message, 1)
        for widget in (self.pdf_button, self.csv_button):
            actions.addWidget(widget)
        layout = QVBoxLayout(self)
        for widget in (self.period, self.filters):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.pages, 1)
        layout.addWidget(close)
        self.period.choose(THIS_FINANCIAL_YEAR)
        self._set_busy(False)

    @property
    def report(self) -> Report | None:
        return self.view.report

    # -- working out the report -----------------------------------------------------------

    def run(self) -> None:
        start, end = self.period.dates()
        try:
            Period(start, end)  # the feature's own rule and message for a period that ends before it starts
        except ReportError as error:
            kept = f" The figures shown are still for {describe(self.report)}" if self.report else ""
            self.message.show_error(f"{error}{kept}")
            return
        store, filters = self._store, self.filters.filters()
        self._set_busy(True, "Working out the figures…")
        self._runner.run(lambda task: make_report(store, start, end, filters), self._shown, self._failed)

    def _shown(self, report: Report) -> None:
        if self.closed:  # locked or closed while it was being worked out
            return
        self._display(report)
        self._set_busy(False)
        self.view.setFocus()  # keyboard and screen reader users land on the report's tabs
        received = "1 referral" if report.referrals_received == 1 else f"{report.referrals_received} referrals"
        self.message.show_info(f"The report is ready: {received} received in the period.")

    def _display(self, report: Report) -> None:
        self.view.show_report(report)
        self.title.show()
        self.summary.setText(describe(report))
        self.pages.setCurrentWidget(self.view)

    def _failed(self, error: BaseException) -> None:
        if self.closed:
            return
        self._set_busy(False)
        self.show_button.setFocus()
        self.message.show_error(str(error))

    # -- saving ---------------------------------------------------------------------------

    def save_as(self, kind: str) -> None:
        if self.report is None:
            return
        suggested = self._folder / default_file_name(self.report, kind)
        chosen, _filter = QFileDialog.getSaveFileName(self, f"Save the report as {kind.upper()}", str(suggested),
                                                      FILE_TYPES[kind])
        if chosen:
            self.save_to(Path(chosen), kind)

    def save_to(self, path: Path, kind: str = "pdf") -> None:
        """Save the report for the period and filters shown, worked out afresh; a name without .pdf or .csv
        gets the kind chosen."""
        if path.suffix.lower() not in FORMATS:
            path = path.with_name(f"{path.name}.{kind}")
        store, shown = self._store, self.report
        start, end, filters = shown.period.start, shown.period.end, shown.filters

        def work(task):
            try:
                return path, export_report(store, start, end, path, filters)
            except OSError as error:  # anything the export did not already put in plain words
                raise ReportNotSaved(path, error.strerror or str(error)) from error

        self._set_busy(True, f"Saving {path.name}…")
        self._runner.run(work, lambda saved: self._saved(*saved, shown), self._failed)

    def _saved(self, path: Path, report: Report, shown: Report) -> None:
        if self.closed:
            return
        changed = report != shown
        if changed:  # a story withdrawn or a patient erased meanwhile: show what went into the file
            self._display(report)
        self._set_busy(False)
        (self.csv_button if path.suffix.lower() == ".csv" else self.pdf_button).setFocus()
        self._folder = path.parent
        self.message.show_info(f"Saved the report as {path}" + (f". {CHANGED}" if changed else ""))
        self._show_status(f"Saved the report as {path}")

    # -- state ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.period, self.filters, self.show_button):
            widget.setEnabled(not busy)
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(not busy and self.report is not None)
        self.busy.setVisible(busy)
        if busy:
            self.message.show_info(text)
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    def done(self, result: int) -> None:
        """Closing (or the lock) forgets the figures; a report still being worked out is dropped."""
        self.closed = True
        self.view.clear_report()
        self.summary.clear()
        super().done(result)


def show_reports(window) -> ReportsDialog:
    """Open Tools > Reports for the window's store, or bring forward the one already open."""
    for existing in window.findChildren(ReportsDialog):
        if existing.isVisible() and not existing.closed:
            existing.raise_()
            existing.activateWindow()
            return existing
    dialog = ReportsDialog(window.store, window.runner, window.show_status, window)
    # The window is not modal, so the lock shortcut must work from it too, not only from the main window.
    QShortcut(window.lock_action.shortcut(), dialog, window.lock)
    dialog.show()
    dialog.activateWindow()
    return dialog
