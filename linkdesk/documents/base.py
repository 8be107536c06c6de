"""The base PDF renderer every printed document builds on (after pretix's invoice renderer).

A subclass gives a generic `title` and a `story()`; the base lays it out on A4 with a
first-page template (organisation name and logo at the top) and a later-page template,
prints "Page X of Y" in every footer, and writes metadata that names the organisation
and the kind of document only: never a patient, whose name a PDF viewer, a file index or
an email client would otherwise show without opening the file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from linkdesk import __version__
from linkdesk.documents.fonts import register
from linkdesk.documents.styles import RULE, StyleSet, Variant, style_set
from linkdesk.documents.text import Typesetter
from linkdesk.files import reason, write_atomically


class DocumentError(Exception):
    """A document could not be made for a reason the user can fix."""


class LogoUnreadable(DocumentError):
    def __init__(self, organisation: str):
        super().__init__(f"The logo of {organisation} is not a picture LinkDesk can print "
                         "(use a PNG or JPEG file).")


class DocumentNotSaved(DocumentError):
    def __init__(self, path: Path, reason: str):
        super().__init__(f"Could not save the PDF as {path}: {reason}.")


@dataclass(frozen=True)
class Organisation:
    """Who the document comes from, printed on the first page and in the PDF's author field."""

    name: str
    logo: bytes | None = None  # PNG or JPEG


class NumberedCanvas(Canvas):
    """Keeps every page until the end, so each footer can say how many pages there are."""

    def __init__(self, *args, footer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            if self._footer is not None:
                self._footer(self, number, total)
            super().showPage()
        self.page_total = total
        super().save()


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write PDF bytes to `path` whole or not at all (a temporary file in the same folder, then a rename)."""
    path = Path(path)
    try:
        write_atomically(path, data)
    except OSError as error:
        raise DocumentNotSaved(path, reason(error)) from error
    return path


class BaseRenderer:
    """Subclass and override `title` and `story()`; optionally the page hooks."""

    title = "Document"  # generic: it is the PDF's metadata title, seen without opening the file
    subject = ""
    language = "en-GB"

    def __init__(self, organisation: Organisation, variant: Variant | str = Variant.STANDARD):
        self.organisation = organisation
        self.styles: StyleSet = style_set(variant)
        self.typesetter = Typesetter(self.styles)
        self.page_count = 0
        self._logo = self._read_logo()

    # Hooks ----------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def page_number_text(self, number: int, total: int) -> str:
        return f"Page {number} of {total}"

    def header_height(self) -> float:
        return max(self.styles.sizes.title * 1.6, 16 * mm if self._logo else 0) + 6 * mm

    def first_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """Organisation name (and logo) across the top of page one."""
        styles = self.styles
        top = styles.page_size[1] - styles.margin
        logo_width = 0.0
        if self._logo is not None:
            width, height = self._logo.getSize()
            box = 16 * mm
            scale = min(box * 2.5 / width, box / height)
            logo_width = width * scale
            canvas.drawImage(self._logo, styles.page_size[0] - styles.margin - logo_width, top - height * scale,
                             width * scale, height * scale, mask="auto")
        name = self.typesetter.paragraph(self.organisation.name, styles.subheading)
        available = styles.frame_width - logo_width - (6 * mm if logo_width else 0)
        _, height = name.wrap(available, self.header_height())
        name.drawOn(canvas, styles.margin, top - height)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(1)
        rule_y = top - self.header_height() + 3 * mm
        canvas.line(styles.margin, rule_y, styles.page_size[0] - styles.margin, rule_y)
        canvas.restoreState()

    def later_page(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        """Nothing at the top of later pages: the space goes to the text."""

    def footer(self, canvas: Canvas, number: int, total: int) -> None:
        styles = self.styles
        size = styles.sizes.small
        baseline = styles.margin / 2
        canvas.saveState()
        canvas.setFillColor(styles.small.textColor)
        canvas.setFont(styles.face.name, size)
        canvas.drawRightString(styles.page_size[0] - styles.margin, baseline, self.page_number_text(number, total))
        canvas.restoreState()

    # Rendering ------------------------------------------------------------------------

    def render(self) -> bytes:
        """The whole PDF as bytes."""
        buffer = io.BytesIO()
        self._build(buffer)
        return buffer.getvalue()

    def render_to(self, path: Path | str) -> Path:
        """Write the PDF to `path` whole or not at all: a failure leaves no half-written file."""
        return write_pdf(self.render(), path)

    def _read_logo(self) -> ImageReader | None:
        if not self.organisation.logo:
            return None
        try:
            reader = ImageReader(io.BytesIO(self.organisation.logo))
            reader.getSize()
        except Exception as error:  # Pillow raises many types for a bad image; all mean the same here
            raise LogoUnreadable(self.organisation.name) from error
        return reader

    def _build(self, out) -> None:
        styles = self.styles
        register(styles.face)
        width, height = styles.page_size
        frame_height = height - 2 * styles.margin
        first = Frame(styles.margin, styles.margin, styles.frame_width, frame_height - self.header_height(),
                      id="first", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(styles.margin, styles.margin, styles.frame_width, frame_height,
                      id="later", leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        document = BaseDocTemplate(
            out, pagesize=styles.page_size, leftMargin=styles.margin, rightMargin=styles.margin,
            topMargin=styles.margin, bottomMargin=styles.margin,
            title=self.title, author=self.organisation.name, subject=self.subject, keywords="",
            creator=f"LinkDesk {__version__}", lang=self.language,
        )
        document.addPageTemplates([
            PageTemplate("first", frames=[first], onPage=self.first_page, autoNextPageTemplate="later"),
            PageTemplate("later", frames=[later], onPage=self.later_page),
        ])
        canvases: list[NumberedCanvas] = []

        def make_canvas(*args, **kwargs):
            canvas = NumberedCanvas(*args, footer=self.footer, **kwargs)
            canvases.append(canvas)
            return canvas

        document.build(self.story(), canvasmaker=make_canvas)
        self.page_count = canvases[-1].page_total if canvases else 0
