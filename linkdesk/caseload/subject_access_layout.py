"""Building blocks of the subject access PDF: its fonts, paragraph styles, label tables and grids.

Text is set in Atkinson Hyperlegible (which has Polish, Romanian and other European
letters); a paragraph with a character it lacks is set in Noto Sans instead, so names
never print as empty boxes.
"""

from __future__ import annotations

import threading
from xml.sax.saxutils import escape

import fontpkg
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Table, TableStyle

BODY, BOLD, FALLBACK = "LD-SAR-Atkinson", "LD-SAR-Atkinson-Bold", "LD-SAR-NotoSans"
INK = colors.black
RULE = colors.HexColor("#425563")
SHADE = colors.HexColor("#f0f4f5")
_MOST = 200 * mm  # the most a heading asks for, with what must follow it, before it starts a new page
_TALLEST_START = 40 * mm  # table rows split across pages, so a very tall first row needs only its start
TEXT_WIDTH = 170 * mm  # A4 less 20 mm margins either side
_SHORT_BLOCK = 120 * mm  # a block this tall or less is kept on one page
_lock = threading.Lock()
_covered: set[int] = set()


def register_fonts() -> None:
    with _lock:
        if _covered:
            return
        family = fontpkg.family("atkinson-hyperlegible")
        regular = TTFont(BODY, fontpkg.select_file(family, 400, "normal", nearest=True).path)
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(TTFont(BOLD, fontpkg.select_file(family, 700, "normal", nearest=True).path))
        noto = fontpkg.select_file(fontpkg.family("noto-sans"), 400, "normal", nearest=True).path
        pdfmetrics.registerFont(TTFont(FALLBACK, noto))
        _covered.update(regular.face.charToGlyph)


def make_styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=BODY, fontSize=10.5, leading=14, textColor=INK)
    return {
        "body": body,
        "label": ParagraphStyle("label", parent=body, fontName=BOLD),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=18, leading=23, spaceAfter=4 * mm),
        "heading": ParagraphStyle("heading", parent=body, fontName=BOLD, fontSize=14, leading=18,
                                  spaceBefore=6 * mm, spaceAfter=2 * mm),
        "subheading": ParagraphStyle("subheading", parent=body, fontName=BOLD, fontSize=11.5, leading=15,
                                     spaceBefore=3 * mm, spaceAfter=1.5 * mm),
    }


def together(parts: list) -> list:
    """Keep a short block (a contact, a story, a goal) on one page; a long one flows across pages.

    Keeping a block taller than the space left would leave a gap, or a heading alone, above it.
    """
    height = sum(part.wrap(TEXT_WIDTH, 10_000 * mm)[1] for part in parts)
    return [KeepTogether(parts)] if height <= _SHORT_BLOCK else parts


def _is_heading(flowable) -> bool:
    # "heading-fallback" too: a heading with letters the main font lacks is set in Noto Sans.
    return isinstance(flowable, Paragraph) and flowable.style.name.startswith(("heading", "subheading"))


def _start_height(following: list, canvas, width: float, height: float) -> float:
    """The least of what follows a heading that must sit under it: headings, then a table's first row."""
    if not following:
        return 0
    first = following[0]
    full = first.wrapOn(canvas, width, height)[1]
    if _is_heading(first):
        return (full + first.getSpaceBefore() + first.getSpaceAfter()
                + _start_height(following[1:], canvas, width, height))
    if isinstance(first, Table):  # its header row, if it repeats one, and its first row (known once wrapped)
        return min(sum(first._rowHeights[:first.repeatRows + 1]), _TALLEST_START)
    if isinstance(first, Paragraph):
        return min(full, 2 * first.style.leading)
    return full  # a block kept together moves whole, so its heading goes with it


class _HeadingBreak(CondPageBreak):
    """Starts a new page unless the heading and the start of what follows it fit on this one."""

    def __init__(self, following: list):
        super().__init__(0)
        self._following = following

    def wrap(self, availWidth, availHeight):
        # Capped under a page, so what cannot fit on any page never leaves a page blank.
        self.height = min(_start_height(self._following, self.canv, availWidth, availHeight), _MOST)
        return super().wrap(availWidth, availHeight)


def no_lonely_headings(flowables: list) -> list:
    """A heading is never left at the foot of a page without at least the start of what it heads.

    (ReportLab's keepWithNext keeps a heading with the whole of a table that fits on one
    page, so the page-long personal details would leave the first page nearly blank.)
    """
    kept = []
    for index, flowable in enumerate(flowables):
        if _is_heading(flowable) and not (kept and _is_heading(kept[-1])):
            kept.append(_HeadingBreak(flowables[index:]))
        kept.append(flowable)
    return kept


def paragraph(value, style: ParagraphStyle) -> Paragraph:
    """Any JSON value as a paragraph: "(none)" for nothing, Yes/No, lists joined with commas."""
    if value is None or value == "" or value == []:
        text = "(none)"
    elif value is True or value is False:
        text = "Yes" if value else "No"
    elif isinstance(value, list):
        text = ", ".join(str(item) for item in value)
    else:
        text = str(value)
    if not set(map(ord, text)) <= _covered:
        style = ParagraphStyle(f"{style.name}-fallback", parent=style, fontName=FALLBACK)
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def label_table(pairs: list[tuple[str, object]], styles, widths=(55 * mm, 115 * mm)) -> Table:
    """Label on the left, value on the right: one record's fields."""
    table = Table([[paragraph(label, styles["label"]), paragraph(value, styles["body"])] for label, value in pairs],
                  colWidths=widths, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def grid(rows: list[dict], columns: list[str], styles, widths) -> Table:
    """One row per record under a shaded header row that repeats on each page."""
    data = [[paragraph(column, styles["label"]) for column in columns]]
    data += [[paragraph(row.get(column), styles["body"]) for column in columns] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table
