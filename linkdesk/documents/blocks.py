"""Reusable printed blocks: a QR code for a website, the help box, a picture beside an item.

Plans, leaflets and booklets compose these; each takes the variant's Typesetter so sizes,
fonts and direction follow the variant and the script of what was typed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from linkdesk.documents.styles import ACCENT
from linkdesk.documents.text import Typesetter

# Past this a QR code gets too dense to scan from paper at the sizes we print.
QR_MAX_LENGTH = 300


@lru_cache(maxsize=1024)
def _qr_modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The dark and light modules of `url`'s code: choosing the best mask takes ~5 ms, so once per address."""
    encoder = QrCode(url, qrLevel="M").qr
    encoder.make()
    return tuple(tuple(bool(module) for module in row) for row in encoder.modules)


class _CachedQrCode(QrCode):
    """ReportLab's QR flowable drawn from the cached modules (a booklet draws each one twice)."""

    def draw(self):
        modules = _qr_modules(self.value)
        border = self.qrBorder
        xsize = self.width / (len(modules) + border * 2.0)
        ysize = self.height / (len(modules) + border * 2.0)
        for r, row in enumerate(modules):
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    self.rect((c + border) * xsize, self.height - (r + border + 1) * ysize, count * xsize, ysize * 1.05)
                c += count


def qr_code(url: str, size: float) -> Flowable | None:
    """A scannable QR code for `url`, `size` points square with its quiet zone; None if too long."""
    url = url.strip()
    if not url or len(url) > QR_MAX_LENGTH:
        return None
    # Level M survives a fold or a smudge; the 4-module quiet zone is what phone cameras need.
    return _CachedQrCode(url, width=size, height=size, qrLevel="M", qrBorder=4)


def column_width(typesetter: Typesetter) -> float:
    """Width of the text column: the frame less the easy read picture column, if any."""
    styles = typesetter.styles
    if not styles.sizes.picture_width:
        return styles.frame_width
    return styles.frame_width - styles.sizes.picture_width - styles.picture_gap


def website(typesetter: Typesetter, url: str, prompt: str = "Scan with your phone camera, or type:",
            width: float | None = None) -> Flowable:
    """The address in words and, beside it (never under it), a QR code for it, within `width`."""
    styles = typesetter.styles
    width = width or styles.frame_width
    words = [typesetter.paragraph(prompt), typesetter.paragraph(url, direction="ltr")]
    code = qr_code(url, styles.sizes.qr_size)
    if code is None:
        return KeepTogether(words)
    text_width = width - styles.sizes.qr_size - styles.picture_gap
    table = Table([[code, words]], colWidths=[styles.sizes.qr_size + styles.picture_gap, text_width])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def help_box(typesetter: Typesetter, title: str, lines: Sequence[str]) -> Flowable:
    """A boxed panel (e.g. "If you need help sooner") kept on one page, thick border, no tint."""
    styles = typesetter.styles
    padding = styles.sizes.paragraph_gap + 4
    content = [typesetter.paragraph(title, styles.subheading)]
    content += [typesetter.paragraph(line) for line in lines]
    table = Table([[content]], colWidths=[styles.frame_width])
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 2, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), padding / 2), ("BOTTOMPADDING", (0, 0), (-1, -1), padding / 2),
    ]))
    return KeepTogether([Spacer(1, styles.sizes.paragraph_gap), table])


def picture_item(typesetter: Typesetter, picture: Flowable | None, content: Sequence[Flowable]) -> Flowable:
    """Easy read: the picture in its own column to the left, the words beside it, never on top.

    Without a picture the column stays empty, so items line up. Variants with no picture
    column get the content as it is.
    """
    styles = typesetter.styles
    column = styles.sizes.picture_width
    if not column:
        return KeepTogether(list(content))
    table = Table([[picture or "", list(content)]], colWidths=[column + styles.picture_gap, column_width(typesetter)])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), styles.sizes.paragraph_gap),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#AEB7BD")),
    ]))
    return table
