"""A paragraph flowable for text with right-to-left script in it (Urdu, Arabic, Hebrew).

ReportLab's own right-to-left support needs `rlbidi`, which is not on PyPI; without it a
Paragraph lays words out in typed order, so an Urdu sentence would read backwards. This
flowable breaks lines itself (in typed order, measuring HarfBuzz-shaped widths), then
puts each line's pieces in visual order (`bidi.py`) and aligns the line to the right for
a right-to-left paragraph. Plain text only: one style, optionally bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr
from reportlab.platypus import Flowable

from linkdesk.documents import bidi
from linkdesk.documents.fonts import Run, font_name

_SPACES = re.compile(r"[ \t\u2000-\u200a\u3000]+")


@dataclass(frozen=True)
class Piece:
    """Text in one font, shaped, with its width in points and bidi class."""

    text: str
    font: str
    size: float
    width: float
    kind: str


def shape(text: str, font: str, size: float) -> Piece:
    shaped = shapeStr(text, font, size)
    if isinstance(shaped, ShapedStr):
        width = sum(data.x_advance for data in shaped.__shapeData__) * size / 1000
    else:
        width = pdfmetrics.stringWidth(shaped, font, size)
    return Piece(shaped, font, size, width, bidi.piece_class(text))


@dataclass(frozen=True)
class Word:
    pieces: tuple[Piece, ...]

    @property
    def width(self) -> float:
        return sum(piece.width for piece in self.pieces)


# A forced line break (a newline in the typed text).
BREAK = None


def words_of(text: str, runs_of, style: ParagraphStyle, bold: bool) -> list[Word | None]:
    """Shape `text` into words; `runs_of(word)` splits a word into single-font runs."""
    words: list[Word | None] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            words.append(BREAK)
        for token in _SPACES.split(line.strip()):
            if token:
                runs: list[Run] = runs_of(token)
                words.append(Word(tuple(shape(run.text, font_name(run.face, bold), style.fontSize * run.face.scale)
                                        for run in runs)))
    return words


class BidiParagraph(Flowable):
    """Wraps, splits across pages and draws like a Paragraph, in the right direction."""

    def __init__(self, words: list[Word | None], style: ParagraphStyle, direction: str, space: Piece):
        super().__init__()
        self.words = words
        self.style = style
        self.direction = direction
        self.space = space
        self._lines: list[list[Word]] = []

    def _break(self, width: float) -> list[list[Word]]:
        lines: list[list[Word]] = [[]]
        used = 0.0
        for word in self.words:
            if word is BREAK:
                lines.append([])
                used = 0.0
                continue
            needed = word.width + (self.space.width if lines[-1] else 0)
            if lines[-1] and used + needed > width:
                lines.append([word])
                used = word.width
            else:
                lines[-1].append(word)
                used += needed
        return lines

    def wrap(self, availWidth, availHeight):
        self._lines = self._break(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        lines = self._break(availWidth)
        fits = int(availHeight // self.style.leading)
        if fits >= len(lines):
            return [self]
        if len(lines) - fits == 1:  # no widow: carry one more line over
            fits -= 1
        if fits < 2:  # no orphan: the whole paragraph moves on
            return []
        head = [word for line in lines[:fits] for word in line]
        tail = [word for line in lines[fits:] for word in line]
        first = BidiParagraph(head, self.style, self.direction, self.space)
        rest = BidiParagraph(tail, self.style, self.direction, self.space)
        first.spaceAfter_ = 0  # the split paragraph continues on the next page
        return [first, rest]

    def getSpaceBefore(self):
        return self.style.spaceBefore

    def getSpaceAfter(self):
        return getattr(self, "spaceAfter_", self.style.spaceAfter)

    def line_pieces(self, line: list[Word]) -> list[Piece]:
        """The line's pieces (spaces included) left to right as they will be printed."""
        pieces: list[Piece] = []
        for index, word in enumerate(line):
            if index:
                pieces.append(self.space)
            pieces.extend(word.pieces)
        order = bidi.visual_order(bidi.levels([piece.kind for piece in pieces], self.direction))
        return [pieces[index] for index in order]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        for number, line in enumerate(self._lines):
            pieces = self.line_pieces(line)
            used = sum(piece.width for piece in pieces)
            if self.style.alignment == TA_CENTER:
                x = (self.width - used) / 2
            elif self.direction == bidi.RTL:
                x = self.width - used
            else:
                x = 0.0
            baseline = self.height - self.style.fontSize - number * self.style.leading
            for piece in pieces:
                canvas.setFont(piece.font, piece.size)
                canvas.drawString(x, baseline, piece.text)
                x += piece.width
        canvas.restoreState()
