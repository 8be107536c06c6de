"""PDF pages as QImages, drawn by pdfium (pypdfium2): for the preview and for printing.

pdfium is not safe to call from two threads at once, and the preview (UI thread) and a
print job (worker thread) may both want it: every call goes through one lock.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pypdfium2
from PySide6.QtGui import QImage

_PDFIUM = threading.Lock()

POINTS_PER_INCH = 72


@contextmanager
def pdfium(blocking: bool = True):
    """Hold the pdfium lock; with blocking=False, yields False at once if another thread has it."""
    acquired = _PDFIUM.acquire(blocking)
    try:
        yield acquired
    finally:
        if acquired:
            _PDFIUM.release()


class PdfPages:
    """One rendered PDF held in memory; page sizes in points, pages drawn on request."""

    def __init__(self, data: bytes):
        self.data = data
        with pdfium():
            self._document = pypdfium2.PdfDocument(data)
            self.sizes = [self._document[index].get_size() for index in range(len(self._document))]

    def __len__(self) -> int:
        return len(self.sizes)

    def _image(self, index: int, scale: float) -> QImage:
        bitmap = self._document[index].render(scale=scale, rev_byteorder=True)
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
        return image.copy()  # own the pixels: pdfium frees its buffer with the bitmap

    def image(self, index: int, scale: float) -> QImage:
        """Page `index` at `scale` pixels per point (waits for the lock)."""
        with pdfium():
            return self._image(index, scale)

    def try_image(self, index: int, scale: float) -> QImage | None:
        """As image(), but None at once when a print job is using pdfium (the caller tries again soon)."""
        with pdfium(blocking=False) as free:
            return self._image(index, scale) if free else None

    def close(self) -> None:
        with pdfium():
            self._document.close()
