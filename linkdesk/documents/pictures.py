"""Easy read pictograms: one plain picture per directory category, drawn as ReportLab shapes.

Easy read guidance asks for one clear picture beside each idea. These are our own
drawings (no third-party images): a few bold shapes each on a pale square, drawn on a
100 by 100 grid and scaled to the variant's picture column. No text inside a picture,
so nothing depends on a font.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Polygon, PolyLine, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable

from linkdesk.directory.categories import BY_CODE, BY_LABEL

BACKGROUND = colors.HexColor("#E8EDEE")
INK = colors.HexColor("#231F20")
BLUE = colors.HexColor("#005EB8")
DARK_BLUE = colors.HexColor("#003087")
GREEN = colors.HexColor("#007F3B")
LIGHT_GREEN = colors.HexColor("#78BE20")
YELLOW = colors.HexColor("#FFB81C")
ORANGE = colors.HexColor("#ED8B00")
RED = colors.HexColor("#DA291C")
PURPLE = colors.HexColor("#330072")
PINK = colors.HexColor("#AE2573")
AQUA = colors.HexColor("#00A499")
BROWN = colors.HexColor("#7C4A1E")
WHITE = colors.white

Shapes = list


def _stroke(points, colour=INK, width=7) -> PolyLine:
    return PolyLine(points, strokeColor=colour, strokeWidth=width, strokeLineCap=1, strokeLineJoin=1)


def _person(x: float, y: float, height: float, colour) -> Shapes:
    """A simple standing person whose feet are at (x, y)."""
    head = height * 0.18
    body = Rect(x - height * 0.17, y, height * 0.34, height * 0.62, rx=height * 0.12, ry=height * 0.12,
                fillColor=colour, strokeColor=None)
    return [body, Circle(x, y + height * 0.62 + head * 1.15, head, fillColor=colour, strokeColor=None)]


def _heart(cx: float, cy: float, size: float, colour) -> Shapes:
    r = size * 0.28
    return [Circle(cx - r * 0.95, cy, r, fillColor=colour, strokeColor=None),
            Circle(cx + r * 0.95, cy, r, fillColor=colour, strokeColor=None),
            Polygon([cx - r * 1.85, cy - r * 0.35, cx + r * 1.85, cy - r * 0.35, cx, cy - size * 0.72],
                    fillColor=colour, strokeColor=None)]


def _arc(cx: float, cy: float, r: float, start: float, end: float, steps: int = 16) -> list[float]:
    points = []
    for step in range(steps + 1):
        angle = math.radians(start + (end - start) * step / steps)
        points += [cx + r * math.cos(angle), cy + r * math.sin(angle)]
    return points


def physical_activity() -> Shapes:  # a person walking briskly
    return [Circle(58, 80, 9, fillColor=GREEN, strokeColor=None),
            _stroke([55, 68, 47, 44], GREEN, 9),
            _stroke([30, 52, 42, 62, 53, 63, 66, 52], GREEN, 7),
            _stroke([47, 44, 34, 28, 26, 14], GREEN, 8),
            _stroke([47, 44, 60, 28, 72, 16], GREEN, 8)]


def arts() -> Shapes:  # a painter's palette and brush
    return [Ellipse(46, 50, 36, 28, fillColor=YELLOW, strokeColor=INK, strokeWidth=3),
            Circle(34, 38, 7, fillColor=BACKGROUND, strokeColor=INK, strokeWidth=2),
            Circle(30, 60, 6, fillColor=RED, strokeColor=None),
            Circle(46, 68, 6, fillColor=BLUE, strokeColor=None),
            Circle(62, 62, 6, fillColor=GREEN, strokeColor=None),
            _stroke([60, 30, 88, 12], BROWN, 6)]


def social() -> Shapes:  # two people side by side and a speech bubble
    return [*_person(32, 10, 56, BLUE), *_person(66, 10, 56, PINK),
            Rect(58, 74, 32, 18, rx=6, ry=6, fillColor=WHITE, strokeColor=INK, strokeWidth=2),
            Polygon([64, 76, 72, 76, 62, 68], fillColor=WHITE, strokeColor=None)]


def nature() -> Shapes:  # a tree
    return [Rect(44, 10, 12, 34, fillColor=BROWN, strokeColor=None),
            Circle(50, 58, 26, fillColor=GREEN, strokeColor=None),
            Circle(34, 48, 14, fillColor=LIGHT_GREEN, strokeColor=None),
            Circle(66, 48, 14, fillColor=LIGHT_GREEN, strokeColor=None)]


def food() -> Shapes:  # a cooking pot with steam
    return [Rect(20, 16, 60, 36, rx=8, ry=8, fillColor=ORANGE, strokeColor=INK, strokeWidth=3),
            Rect(16, 50, 68, 7, rx=3, ry=3, fillColor=INK, strokeColor=None),
            _stroke([12, 38, 20, 38], INK, 5), _stroke([80, 38, 88, 38], INK, 5),
            _stroke([36, 64, 32, 72, 38, 80, 34, 88], INK, 4),
            _stroke([52, 64, 48, 72, 54, 80, 50, 88], INK, 4),
            _stroke([68, 64, 64, 72, 70, 80, 66, 88], INK, 4)]


def volunteering() -> Shapes:  # a hand raised to help, a heart on its palm
    skin = dict(fillColor=YELLOW, strokeColor=None)
    return [Rect(30, 10, 40, 44, rx=10, ry=10, **skin),
            Rect(30, 44, 9, 34, rx=4.5, ry=4.5, **skin), Rect(40.5, 48, 9, 40, rx=4.5, ry=4.5, **skin),
            Rect(51, 48, 9, 38, rx=4.5, ry=4.5, **skin), Rect(61.5, 44, 8.5, 30, rx=4.25, ry=4.25, **skin),
            Polygon([32, 24, 14, 48, 21, 54, 38, 36], **skin),
            *_heart(50, 34, 22, RED)]


def money() -> Shapes:  # a banknote and a pile of coins
    shapes = [Rect(10, 46, 56, 32, rx=3, ry=3, fillColor=LIGHT_GREEN, strokeColor=INK, strokeWidth=3),
              Circle(38, 62, 8, fillColor=WHITE, strokeColor=INK, strokeWidth=2)]
    for level in range(4):
        shapes.append(Ellipse(68, 16 + level * 8, 18, 7, fillColor=YELLOW, strokeColor=INK, strokeWidth=2))
    return shapes


def housing() -> Shapes:  # a house with a door and a window
    return [Polygon([10, 52, 50, 88, 90, 52], fillColor=RED, strokeColor=None),
            Rect(20, 12, 60, 42, fillColor=WHITE, strokeColor=INK, strokeWidth=3),
            Rect(42, 12, 16, 26, fillColor=BLUE, strokeColor=None),
            Rect(62, 32, 12, 12, fillColor=YELLOW, strokeColor=INK, strokeWidth=2)]


def employment() -> Shapes:  # a briefcase
    return [Rect(36, 60, 28, 16, rx=5, ry=5, fillColor=None, strokeColor=INK, strokeWidth=6),
            Rect(12, 16, 76, 48, rx=6, ry=6, fillColor=BROWN, strokeColor=INK, strokeWidth=3),
            Rect(12, 38, 76, 5, fillColor=INK, strokeColor=None),
            Rect(45, 34, 10, 12, fillColor=YELLOW, strokeColor=None)]


def mental_wellbeing() -> Shapes:  # a smiling face
    return [Circle(50, 50, 38, fillColor=YELLOW, strokeColor=INK, strokeWidth=3),
            Circle(37, 60, 5, fillColor=INK, strokeColor=None),
            Circle(63, 60, 5, fillColor=INK, strokeColor=None),
            _stroke(_arc(50, 48, 20, 200, 340), INK, 5)]


def carers() -> Shapes:  # someone standing beside a person in a chair, a heart above
    return [*_person(30, 10, 64, PURPLE),
            Rect(52, 30, 32, 6, fillColor=INK, strokeColor=None),
            Rect(78, 30, 6, 30, fillColor=INK, strokeColor=None),
            Circle(58, 22, 9, fillColor=None, strokeColor=INK, strokeWidth=4),
            *_person(66, 34, 34, AQUA), *_heart(50, 90, 14, RED)]


def bereavement() -> Shapes:  # a lit candle
    return [Rect(38, 10, 24, 52, rx=2, ry=2, fillColor=WHITE, strokeColor=INK, strokeWidth=3),
            _stroke([50, 62, 50, 68], INK, 3),
            Ellipse(50, 78, 8, 13, fillColor=ORANGE, strokeColor=None),
            Ellipse(50, 75, 4, 7, fillColor=YELLOW, strokeColor=None)]


def family() -> Shapes:  # two adults and a child holding hands
    return [*_person(24, 10, 70, BLUE), *_person(76, 10, 70, PINK), *_person(50, 10, 42, ORANGE),
            _stroke([35, 30, 44, 26], INK, 3), _stroke([56, 26, 65, 30], INK, 3)]


def digital() -> Shapes:  # a laptop
    return [Rect(20, 34, 60, 42, rx=3, ry=3, fillColor=DARK_BLUE, strokeColor=INK, strokeWidth=3),
            Rect(26, 40, 48, 30, fillColor=colors.HexColor("#41B6E6"), strokeColor=None),
            Polygon([10, 20, 90, 20, 82, 32, 18, 32], fillColor=colors.HexColor("#768692"),
                    strokeColor=INK, strokeWidth=2)]


def faith() -> Shapes:  # three people gathered under one roof
    return [_stroke([10, 62, 50, 90, 90, 62], DARK_BLUE, 7),
            *_person(28, 10, 46, PURPLE), *_person(50, 10, 52, GREEN), *_person(72, 10, 46, ORANGE)]


def health() -> Shapes:  # a heart with a heartbeat line across it
    return [*_heart(50, 62, 70, RED), _stroke([12, 52, 34, 52, 42, 66, 52, 36, 60, 52, 88, 52], WHITE, 5)]


def advice() -> Shapes:  # a speech bubble with "i" for information, drawn as shapes
    return [Rect(14, 30, 72, 54, rx=12, ry=12, fillColor=AQUA, strokeColor=None),
            Polygon([26, 32, 42, 32, 20, 14], fillColor=AQUA, strokeColor=None),
            Circle(50, 72, 5, fillColor=WHITE, strokeColor=None),
            Rect(45, 38, 10, 26, fillColor=WHITE, strokeColor=None)]


PICTURES: dict[str, Callable[[], Shapes]] = {
    "physical-activity": physical_activity, "arts": arts, "social": social, "nature": nature, "food": food,
    "volunteering": volunteering, "money": money, "housing": housing, "employment": employment,
    "mental-wellbeing": mental_wellbeing, "carers": carers, "bereavement": bereavement, "family": family,
    "digital": digital, "faith": faith, "health": health, "advice": advice,
}


def category_code(category: str) -> str | None:
    """The code of a category given by code or label ("Physical activity"); None if unknown."""
    key = (category or "").strip().lower()
    if key in BY_CODE:
        return key
    found = BY_LABEL.get(key)
    return found.code if found else None


class Pictogram(Flowable):
    """A category picture drawn once per PDF as a form and reused: a booklet may show it a hundred times."""

    def __init__(self, code: str, size: float):
        super().__init__()
        self.code, self.size = code, size
        self.width = self.height = size

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        name = f"pictogram-{self.code}-{self.size:.0f}"
        if not self.canv.hasForm(name):
            self.canv.beginForm(name, 0, 0, self.size, self.size)
            renderPDF.draw(drawing(self.code, self.size), self.canv, 0, 0)
            self.canv.endForm()
        self.canv.doForm(name)


def drawing(code: str, size: float) -> Drawing:
    """The pictogram of a category code as a ReportLab drawing, `size` points square."""
    result = Drawing(size, size)
    result.add(Rect(0, 0, size, size, rx=size / 8, ry=size / 8, fillColor=BACKGROUND, strokeColor=None))
    scale = size / 100
    result.add(Group(*PICTURES[code](), transform=(scale, 0, 0, scale, 0, 0)))
    return result


def picture(category: str | None, size: float) -> Flowable | None:
    """The category's pictogram, `size` points square; None for no or an unknown category."""
    code = category_code(category or "")
    return Pictogram(code, size) if code else None
