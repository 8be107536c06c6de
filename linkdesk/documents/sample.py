"""A small sample document in every script LinkDesk prints: used by tests, benchmarks and the self-test.

It reads like a personalised plan for an invented patient, so it exercises what real
plans will: typed names and sentences in several scripts, right-to-left text with phone
numbers in it, activities with a picture column, a website QR code and the help box.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable, PageBreak

from linkdesk.documents.base import BaseRenderer, Organisation
from linkdesk.documents.blocks import column_width, help_box, picture_item, website

PATIENT_NAME = "Zofia Wiśniewska"
ORGANISATION = Organisation("Kings Heath Link Workers")
# (language, what was typed): the test suite checks each prints in the right font.
LINES = (
    ("English", "Walking group on Tuesday mornings at the park gates."),
    ("Polish", "Zażółć gęślą jaźń. Spotkanie w Łódź."),
    ("Romanian", "Știință, țară."),
    ("Urdu", "آپ کیسے ہیں"),
    ("Arabic", "مرحبا بكم"),
    ("Bengali", "আমার সোনার বাংলা"),
    ("Punjabi", "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ"),
    ("Hindi", "नमस्ते, आप कैसे हैं?"),
)
URDU_WITH_NUMBERS = "ہمیں 0121 496 0000 پر کال کریں"
ACTIVITIES = (
    ("Walking for health", "Tuesdays, 10:00. Meet at the park gates. Free.", "https://example.org/walks"),
    ("Community garden", "Saturdays, 9:30 to 12:00. Gloves provided. Free.", ""),
    ("Coffee and chat", "Thursdays, 14:00 at the library café. £1 for drinks.", ""),
)
HELP_LINES = ("NHS 111: call 111 when you need help but it is not an emergency.",
              "Samaritans: call 116 123, any time, free.",
              "In an emergency call 999.")


def _picture(size: float, colour: str) -> Drawing:
    """A stand-in pictogram: real plans print one picture per activity category."""
    drawing = Drawing(size, size)
    drawing.add(Rect(0, 0, size, size, rx=size / 8, ry=size / 8, fillColor=colors.HexColor("#E8EDEE"),
                     strokeColor=None))
    drawing.add(Circle(size / 2, size / 2, size / 3, fillColor=colors.HexColor(colour), strokeColor=None))
    return drawing


class SampleDocument(BaseRenderer):
    title = "My plan"

    def __init__(self, organisation: Organisation = ORGANISATION, variant="standard", pages: int = 1):
        super().__init__(organisation, variant)
        self.pages = pages

    def story(self) -> list[Flowable]:
        t, s = self.typesetter, self.styles
        story: list[Flowable] = [t.paragraph("My plan", s.title)]
        story += t.label_value("Name:", PATIENT_NAME)
        story.append(t.paragraph("Names and places", s.heading))
        for _, line in LINES:
            story.append(t.paragraph(line))
        story.append(t.paragraph(URDU_WITH_NUMBERS))
        for page in range(1, self.pages):
            story.append(PageBreak())
            story.append(t.paragraph("Activities I am going to try", s.heading))
            for index, (name, when, url) in enumerate(ACTIVITIES):
                content = [t.paragraph(name, s.subheading), t.paragraph(when)]
                if url:
                    content.append(website(t, url, width=column_width(t)))
                picture = _picture(s.sizes.picture_width, ("#007F3B", "#005EB8", "#ED8B00")[index])
                story.append(picture_item(t, picture if s.sizes.picture_width else None, content))
            if page == self.pages - 1:
                story.append(help_box(t, "If you need help sooner", HELP_LINES))
        return story
