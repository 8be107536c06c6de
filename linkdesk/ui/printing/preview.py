"""The print preview: the PDF's pages in a scrolling view with zoom, then Print… or Save as PDF….

Pages are drawn by pdfium when they scroll into view and a few are kept, so a 100-page
booklet costs a few pages of memory. Printing draws each page at the printer's resolution
on a worker thread (Qt allows painting on a QPrinter off the UI thread), with progress.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkdesk.documents.base import DocumentNotSaved, write_pdf
from linkdesk.documents.leaflet import PrintCancelled

from ..tasks import TaskRunner
from .pages import POINTS_PER_INCH, PdfPages

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
KEEP_PAGES = 8  # pages kept drawn; others are drawn again when scrolled back to
GAP = 12
_open_previews: weakref.WeakSet = weakref.WeakSet()


def close_previews() -> None:
    """Close every open preview: called when the app locks, as a plan preview shows patient data."""
    for dialog in list(_open_previews):
        dialog.close()


def print_pages(pages: PdfPages, printer: QPrinter, progress=None, cancel: threading.Event | None = None) -> int:
    """Paint every page on `printer` at its resolution, 1:1 on the paper; returns the pages printed."""
    printer.setFullPage(True)  # our PDFs carry their own margins: print them where they are
    painter = QPainter()
    if not painter.begin(printer):
        raise DocumentNotSaved(Path(printer.printerName() or printer.outputFileName() or "the printer"),
                               "the printer could not be started")
    try:
        scale = printer.resolution() / POINTS_PER_INCH
        for index in range(len(pages)):
            if cancel is not None and cancel.is_set():
                printer.abort()
                raise PrintCancelled()
            if index:
                printer.newPage()
            painter.drawImage(QPoint(0, 0), pages.image(index, scale))
            if progress is not None:
                progress(index + 1, len(pages))
    finally:
        painter.end()
    return len(pages)


class PageView(QWidget):
    """One page at the dialog's zoom, drawn when it is painted."""

    def __init__(self, dialog: "PreviewDialog", index: int):
        super().__init__()
        self.dialog = dialog
        self.index = index
        self.setAccessibleName(f"Page {index + 1}")
        self.resize_to_zoom()

    def resize_to_zoom(self) -> None:
        width, height = self.dialog.pages.sizes[self.index]
        scale = self.dialog.pixels_per_point()
        self.setFixedSize(round(width * scale), round(height * scale))

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        image = self.dialog.page_image(self.index)
        if image is None:  # a print job has pdfium for a moment: white now, the page shortly
            painter.fillRect(self.rect(), QColor("white"))
            QTimer.singleShot(100, self.update)
        else:
            painter.drawImage(self.rect(), image)
        painter.end()


class PreviewDialog(QDialog):
    """Shows a rendered PDF; `printed` says "print" or "save" once a copy has left the app."""

    printed = Signal(str)

    def __init__(self, parent: QWidget | None, title: str, data: bytes, file_name: str, runner: TaskRunner,
                 show_status=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pages = PdfPages(data)
        self.file_name = file_name
        self.runner = runner
        self.show_status = show_status or (lambda text: None)
        self.zoom = 1.0
        self._images: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._job = None

        self.zoom_out = QPushButton("Zoom &out")
        self.zoom_in = QPushButton("Zoom &in")
        self.zoom_label = QLabel()
        self.count_label = QLabel("1 page" if len(self.pages) == 1 else f"{len(self.pages)} pages")
        self.print_button = QPushButton("&Print…")
        self.save_button = QPushButton("&Save as PDF…")
        close = QPushButton("&Close")
        self.print_button.setDefault(True)
        bar = QHBoxLayout()
        for widget in (self.zoom_out, self.zoom_in, self.zoom_label, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.print_button, self.save_button, close):
            bar.addWidget(widget)

        self.page_views = [PageView(self, index) for index in range(len(self.pages))]
        column = QWidget()
        column.setObjectName("previewPages")
        pages_layout = QVBoxLayout(column)
        pages_layout.setSpacing(GAP)
        for view in self.page_views:
            pages_layout.addWidget(view, 0, Qt.AlignmentFlag.AlignHCenter)
        self.scroll = QScrollArea()
        self.scroll.setWidget(column)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Pages")
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)

        self.zoom_out.clicked.connect(lambda: self.step_zoom(-1))
        self.zoom_in.clicked.connect(lambda: self.step_zoom(1))
        self.print_button.clicked.connect(self.ask_print)
        self.save_button.clicked.connect(self.ask_save)
        close.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.step_zoom(1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.step_zoom(-1))
        QShortcut(QKeySequence.StandardKey.Print, self, self.ask_print)
        QShortcut(QKeySequence.StandardKey.Save, self, self.ask_save)
        self._show_zoom()
        self.resize(820, 900)
        _open_previews.add(self)

    # -- pages and zoom ----------------------------------------------------------------

    def pixels_per_point(self) -> float:
        """Screen pixels per PDF point at the zoom: 100% shows the page at its real size."""
        return self.zoom * self.logicalDpiX() / POINTS_PER_INCH

    def page_image(self, index: int) -> QImage | None:
        ratio = self.devicePixelRatioF()
        scale = self.pixels_per_point() * ratio
        cached = self._images.get(index)
        if cached is not None and cached[0] == scale:
            self._images.move_to_end(index)
            return cached[1]
        image = self.pages.try_image(index, scale)
        if image is None:
            return None
        image.setDevicePixelRatio(ratio)
        self._images[index] = (scale, image)
        while len(self._images) > KEEP_PAGES:
            self._images.popitem(last=False)
        return image

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self._images.clear()
        for view in self.page_views:
            view.resize_to_zoom()
        self._show_zoom()

    def step_zoom(self, direction: int) -> None:
        nearest = min(range(len(ZOOMS)), key=lambda index: abs(ZOOMS[index] - self.zoom))
        self.set_zoom(ZOOMS[max(0, min(len(ZOOMS) - 1, nearest + direction))])

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom * 100)}%")
        self.zoom_out.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in.setEnabled(self.zoom < ZOOMS[-1])

    # -- print and save ----------------------------------------------------------------

    def ask_print(self) -> None:
        if self._job is not None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print in the background with progress and Cancel; `printed` is emitted when it is done."""
        progress = QProgressDialog("Printing…", "Cancel", 0, len(self.pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        self.print_button.setEnabled(False)
        pages = self.pages

        def finished() -> None:
            self._job = None
            self.print_button.setEnabled(True)
            progress.reset()
            progress.deleteLater()

        def done(count: int) -> None:
            finished()
            self.show_status(f"Sent {count} page{'s' if count != 1 else ''} to the printer")
            self.printed.emit("print")

        def failed(error: BaseException) -> None:
            finished()
            if not isinstance(error, PrintCancelled):
                QMessageBox.warning(self, "Print", str(error))

        def progressed(done_pages: int, total: int) -> None:
            progress.setValue(done_pages)

        self._job = self.runner.run(lambda task: print_pages(pages, printer, task.progress, task.cancel_event),
                                    done, failed, progressed)
        # The printer must outlive the job; the job finishes before the dialog can close.
        self._printer = printer
        progress.canceled.connect(lambda: self._job is not None and self._job.cancel())

    def ask_save(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Save as PDF", self.file_name, "PDF files (*.pdf)")
        if chosen:
            self.save_to(chosen)

    def save_to(self, path: str | Path) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_pdf(self.pages.data, path)
        except DocumentNotSaved as error:
            QMessageBox.warning(self, "Save as PDF", str(error))
            return False
        self.show_status(f"Saved {path}")
        self.printed.emit("save")
        return True

    def closeEvent(self, event) -> None:
        if self._job is not None:  # the printer is still being painted: stop it first
            self._job.cancel()
            self.runner.wait_for_all()
        self._images.clear()
        if self in _open_previews:
            self.pages.close()
        _open_previews.discard(self)
        super().closeEvent(event)
