"""Typed text to flowables: a font per script run, shaping, and the right direction.

`Typesetter.paragraph()` is the one way documents print text someone typed. Left-to-right
text becomes a ReportLab Paragraph with `<font name=...>` markup per run (so Polish,
Bengali and Gurmukhi in one sentence each get their own font, shaped by HarfBuzz); text
that is mostly right-to-left becomes a `BidiParagraph`, right-aligned with its words in
reading order. Characters no bundled font has are collected in `missing`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from linkdesk.documents import bidi
from linkdesk.documents.bidi_paragraph import BidiParagraph, shape, words_of
from linkdesk.documents.fonts import RTL_SCRIPTS, Run, font_name, script_of, split_runs
from linkdesk.documents.styles import StyleSet

# Breaks ReportLab's word where two fonts meet with no space between (a rare word typed
# in two scripts): ReportLab shapes a word with the font of its first part, which would
# print the rest as wrong glyphs. It splits words only where str.split() does, so a
# zero-width space would not do; a visible space is the honest price.
_FONT_BREAK = " "


def has_rtl(text: str) -> bool:
    if text.isascii():  # most of what is printed; spares a script lookup per character
        return False
    return any(script_of(char) in RTL_SCRIPTS for char in text)


def is_bold(style: ParagraphStyle) -> bool:
    return style.fontName.endswith("-Bold")


class Typesetter:
    """Turns typed text into flowables in one variant's fonts; remembers characters it could not print."""

    def __init__(self, styles: StyleSet):
        self.styles = styles
        self.missing: set[str] = set()

    def runs(self, text: str) -> list[Run]:
        return split_runs(text, self.styles.face, self.missing.add)

    def markup(self, text: str, bold: bool = False, size: float | None = None) -> str:
        """Paragraph markup for left-to-right `text`: escaped, one `<font>` per run."""
        size = size or self.styles.body.fontSize
        parts: list[str] = []
        previous: Run | None = None
        for run in self.runs(text):
            if previous is not None and previous.face != run.face \
                    and not previous.text[-1:].isspace() and not run.text[:1].isspace():
                parts.append(_FONT_BREAK)
            body = escape(run.text).replace("\n", "<br/>")
            scaled = f' size="{size * run.face.scale:.2f}"' if run.face.scale != 1 else ""
            parts.append(f'<font name="{font_name(run.face, bold)}"{scaled}>{body}</font>')
            previous = run
        return "".join(parts)

    def paragraph(self, text: str, style: ParagraphStyle | None = None, bold: bool | None = None,
                  direction: str | None = None) -> Flowable:
        """A flowable printing `text` (plain, as typed) in `style`; `direction` overrides the guess."""
        style = style or self.styles.body
        bold = is_bold(style) if bold is None else bold
        direction = direction or (bidi.base_direction(text) if has_rtl(text) else bidi.LTR)
        if not has_rtl(text):
            return Paragraph(self.markup(text, bold, style.fontSize), style)
        space = shape(" ", font_name(self.styles.face, bold), style.fontSize)
        return BidiParagraph(words_of(text, self.runs, style, bold), style, direction, space)

    def label_value(self, label: str, value: str, style: ParagraphStyle | None = None) -> list[Flowable]:
        """'Label' in bold then the typed value: one line when left-to-right, two otherwise."""
        style = style or self.styles.body
        if has_rtl(value):
            return [self.paragraph(label, style, bold=True), self.paragraph(value, style)]
        size = style.fontSize
        return [Paragraph(f"<b>{self.markup(label, True, size)}</b> {self.markup(value, size=size)}", style)]
