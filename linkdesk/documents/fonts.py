"""Bundled fonts: which font prints which script, registered with ReportLab on first use.

Every font comes from an installed Python package (the `fontpkg-*` projects on PyPI) or,
for scripts no PyPI package covers, from `linkdesk/resources/fonts/`; never from the
system, so a PDF looks the same on every surgery laptop. Text is split into runs of one
script each and every run gets the first font that has all of its characters, so no
character prints as an empty box: one no bundled font has is replaced by a visible
U+FFFD and reported.
"""

from __future__ import annotations

import logging
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import fontpkg
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

log = logging.getLogger(__name__)

REPLACEMENT = "\ufffd"
RTL_SCRIPTS = frozenset({"arabic", "hebrew"})
# Characters with no script of their own: they join the run around them.
COMMON, INHERITED, GENERAL = "common", "inherited", "general"

# Unicode blocks of the scripts we have a dedicated font for; any other letter is GENERAL
# (Latin, Greek, Cyrillic... printed in the body font or Noto Sans).
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B80, 0x0BFF, "tamil"),
)
# Used by several Indic scripts although they sit in the Devanagari block.
_SHARED_MARKS = frozenset("\u0964\u0965")
_JOINERS = frozenset("\u200c\u200d\u034f")


def _package_file(slug: str, weight: int) -> Callable[[], Path | None]:
    """A font file from an installed fontpkg package; None for a weight only a variable font has.

    ReportLab draws the default instance of a variable font (its regular weight), so a
    variable file cannot stand in for bold: bold then falls back to the regular face.
    """
    def find() -> Path | None:
        chosen = fontpkg.select_file(fontpkg.family(slug), weight, "normal", nearest=True)
        if chosen.variable and weight != 400:
            return None
        return Path(chosen.path)
    return find


def _resource_file(filename: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        return Path(str(resources.files("linkdesk").joinpath("resources", "fonts", filename)))
    return find


@dataclass(frozen=True)
class Face:
    """One typeface as ReportLab knows it: `name` for regular, `bold_name` for bold."""

    name: str
    label: str
    regular: Callable[[], Path | None]
    bold: Callable[[], Path | None]
    # Printed this much larger than the body size so its letters look as big as the Latin ones.
    scale: float = 1.0

    @property
    def bold_name(self) -> str:
        return f"{self.name}-Bold"


def _face(name: str, label: str, slug: str, scale: float = 1.0) -> Face:
    return Face(name, label, _package_file(slug, 400), _package_file(slug, 700), scale)


def _vendored(name: str, label: str, stem: str) -> Face:
    return Face(name, label, _resource_file(f"{stem}-Regular.ttf"), _resource_file(f"{stem}-Bold.ttf"))


ATKINSON = _face("LD-Atkinson", "Atkinson Hyperlegible", "atkinson-hyperlegible")
NOTO_SANS = _face("LD-NotoSans", "Noto Sans", "noto-sans")
ARABIC = _face("LD-NotoSansArabic", "Noto Sans Arabic", "noto-sans-arabic", scale=1.15)
DEVANAGARI = _face("LD-NotoSansDevanagari", "Noto Sans Devanagari", "noto-sans-devanagari")
BENGALI = _face("LD-HindSiliguri", "Hind Siliguri", "hind-siliguri")
TAMIL = _face("LD-NotoSansTamil", "Noto Sans Tamil", "noto-sans-tamil")
GURMUKHI = _vendored("LD-NotoSansGurmukhi", "Noto Sans Gurmukhi", "NotoSansGurmukhi")
GUJARATI = _vendored("LD-NotoSansGujarati", "Noto Sans Gujarati", "NotoSansGujarati")
HEBREW = _vendored("LD-NotoSansHebrew", "Noto Sans Hebrew", "NotoSansHebrew")

SCRIPT_FACES: dict[str, Face] = {
    "arabic": ARABIC, "hebrew": HEBREW, "devanagari": DEVANAGARI, "bengali": BENGALI,
    "gurmukhi": GURMUKHI, "gujarati": GUJARATI, "tamil": TAMIL,
}
ALL_FACES: tuple[Face, ...] = (ATKINSON, NOTO_SANS, *SCRIPT_FACES.values())

_lock = threading.Lock()
_registered: dict[str, frozenset[int]] = {}


def register(face: Face) -> frozenset[int]:
    """Register `face` (regular and bold) with ReportLab once; return the code points it has."""
    covered = _registered.get(face.name)
    if covered is not None:
        return covered
    with _lock:
        if face.name not in _registered:
            regular = face.regular()
            bold = face.bold() or regular
            font = TTFont(face.name, str(regular))
            pdfmetrics.registerFont(font)
            pdfmetrics.registerFont(TTFont(face.bold_name, str(bold)))
            # So <b> inside Paragraph markup picks the bold face of whichever font a run uses.
            for bold_flag, italic_flag, target in ((0, 0, face.name), (1, 0, face.bold_name),
                                                   (0, 1, face.name), (1, 1, face.bold_name)):
                addMapping(face.name, bold_flag, italic_flag, target)
                addMapping(face.bold_name, bold_flag, italic_flag, target)
            _registered[face.name] = frozenset(font.face.charToGlyph)
    return _registered[face.name]


def has_bold(face: Face) -> bool:
    return face.bold() is not None


def script_of(char: str) -> str:
    """The script a character belongs to, or COMMON / INHERITED for ones that take their neighbours'."""
    code = ord(char)
    if char in _SHARED_MARKS:
        return COMMON
    for first, last, script in _SCRIPT_RANGES:
        if first <= code <= last:
            return script
    if char in _JOINERS:
        return INHERITED
    category = unicodedata.category(char)
    if category[0] == "M":
        return INHERITED
    if category[0] == "L" or (category == "Nd" and code > 0x7F):
        return GENERAL
    return COMMON


def _resolve_scripts(text: str) -> list[str]:
    """Give every neutral character the script before it (or, at the start, the one after it)."""
    scripts = [script_of(char) for char in text]
    previous = None
    for index, script in enumerate(scripts):
        if script in (COMMON, INHERITED):
            if previous is not None:
                scripts[index] = previous
        else:
            previous = script
    following = GENERAL
    for index in range(len(scripts) - 1, -1, -1):
        if scripts[index] in (COMMON, INHERITED):
            scripts[index] = following
        else:
            following = scripts[index]
    return scripts


@dataclass(frozen=True)
class Run:
    """Consecutive characters printed in one font."""

    text: str
    face: Face
    script: str

    @property
    def rtl(self) -> bool:
        return self.script in RTL_SCRIPTS


def _chain(script: str, base: Face) -> list[Face]:
    first = SCRIPT_FACES.get(script)
    chain = [first] if first else []
    chain += [face for face in (base, NOTO_SANS, *SCRIPT_FACES.values()) if face not in chain]
    return chain


def _segments(text: str) -> list[tuple[str, str]]:
    scripts = _resolve_scripts(text)
    segments: list[tuple[str, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or scripts[index] != scripts[start]:
            segments.append((text[start:index], scripts[start]))
            start = index
    return segments


def split_runs(text: str, base: Face = ATKINSON,
               on_missing: Callable[[str], None] | None = None) -> list[Run]:
    """Split `text` into runs of one font each, in logical (typed) order.

    A same-script stretch goes whole into the first font of its chain (the script's own
    font, then `base`, then Noto Sans, then the others) that has every character of it,
    so a Polish name is never split between two Latin fonts. Only when no font has them
    all is it split character by character; a character no font has becomes U+FFFD and
    `on_missing` hears of it.
    """
    runs: list[Run] = []
    for segment, script in _segments(text):
        chain = _chain(script, base)
        whole = next((face for face in chain if set(map(ord, segment)) <= register(face)), None)
        if whole is not None:
            _append(runs, segment, whole, script)
            continue
        for char in segment:
            face = next((face for face in chain if ord(char) in register(face)), None)
            if face is None:
                if on_missing is not None:
                    on_missing(char)
                log.warning("No bundled font has U+%04X; printed as U+FFFD instead", ord(char))
                char, face = REPLACEMENT, NOTO_SANS
            _append(runs, char, face, script)
    return runs


def _append(runs: list[Run], text: str, face: Face, script: str) -> None:
    if runs and runs[-1].face == face and runs[-1].script == script:
        runs[-1] = Run(runs[-1].text + text, face, script)
    else:
        runs.append(Run(text, face, script))


def font_name(face: Face, bold: bool) -> str:
    register(face)
    return face.bold_name if bold else face.name
