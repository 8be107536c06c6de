"""Typographic rules of the three printed variants: standard, large print and easy read.

Sizes are points (1/72 inch), lengths millimetres converted to points; nothing assumes
pixels. Every variant is left-aligned and ragged-right (never justified), uses bold
rather than italics, underlining or capitals for emphasis, and black text on white.
Large print follows RNIB clear print guidance: at least 16 pt everywhere (page numbers
too), generous line and paragraph spacing, a plain sans serif (Atkinson Hyperlegible,
designed for low-vision readers), and no text over pictures. Easy read uses the same
large type, shorter lines, and a column beside each item for a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from linkdesk.documents.fonts import ATKINSON, Face, font_name

INK = colors.black
ACCENT = colors.HexColor("#003087")  # NHS blue: 12.6:1 contrast on white, above AAA
RULE = colors.HexColor("#425563")


class Variant(str, Enum):
    STANDARD = "standard"
    LARGE = "large"
    EASY = "easy"

    @property
    def label(self) -> str:
        return {"standard": "Standard", "large": "Large print", "easy": "Easy read"}[self.value]


@dataclass(frozen=True)
class Sizes:
    body: float
    leading: float  # distance between baselines
    title: float
    heading: float
    subheading: float
    small: float  # header, footer, page numbers
    paragraph_gap: float
    margin: float
    picture_width: float  # easy read: the picture column; 0 = no picture column
    qr_size: float


SIZES = {
    Variant.STANDARD: Sizes(body=11.5, leading=16, title=22, heading=15, subheading=12.5, small=9,
                            paragraph_gap=6, margin=18 * mm, picture_width=0, qr_size=24 * mm),
    Variant.LARGE: Sizes(body=16, leading=24, title=28, heading=22, subheading=18, small=16,
                         paragraph_gap=12, margin=20 * mm, picture_width=0, qr_size=32 * mm),
    Variant.EASY: Sizes(body=16, leading=24, title=28, heading=22, subheading=18, small=14,
                        paragraph_gap=14, margin=20 * mm, picture_width=32 * mm, qr_size=32 * mm),
}


@dataclass(frozen=True)
class StyleSet:
    """The paragraph styles and page geometry of one variant."""

    variant: Variant
    face: Face
    sizes: Sizes
    body: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    small: ParagraphStyle
    page_size: tuple[float, float] = A4

    @property
    def margin(self) -> float:
        return self.sizes.margin

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def picture_gap(self) -> float:
        return 6 * mm


def _style(name: str, face: Face, size: float, leading: float, *, bold: bool = False,
           colour=INK, before: float = 0, after: float = 0) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=font_name(face, bold), fontSize=size, leading=leading, textColor=colour,
        alignment=TA_LEFT, spaceBefore=before, spaceAfter=after,
        # HarfBuzz shaping: joined Arabic letters, Indic conjuncts and vowel signs in place.
        shaping=1,
        # A short last line is easier than a lone word; never split a paragraph's last line off.
        allowWidows=0, allowOrphans=0, splitLongWords=1,
    )


def style_set(variant: Variant | str, face: Face = ATKINSON) -> StyleSet:
    variant = Variant(variant)
    s = SIZES[variant]
    ratio = s.leading / s.body  # headings keep the body's generous line spacing
    return StyleSet(
        variant=variant, face=face, sizes=s,
        body=_style(f"{variant.value}-body", face, s.body, s.leading, after=s.paragraph_gap),
        title=_style(f"{variant.value}-title", face, s.title, s.title * 1.25, bold=True, colour=ACCENT,
                     after=s.paragraph_gap * 1.5),
        heading=_style(f"{variant.value}-heading", face, s.heading, s.heading * min(ratio, 1.35), bold=True,
                       colour=ACCENT, before=s.paragraph_gap * 1.5, after=s.paragraph_gap),
        subheading=_style(f"{variant.value}-subheading", face, s.subheading, s.subheading * min(ratio, 1.4),
                          bold=True, before=s.paragraph_gap, after=s.paragraph_gap / 2),
        small=_style(f"{variant.value}-small", face, s.small, s.small * 1.3),
    )
