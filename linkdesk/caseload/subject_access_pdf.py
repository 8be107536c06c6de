"""The readable PDF of a subject access export: the JSON's sections as headed tables.

Text is set in Atkinson Hyperlegible (which has Polish, Romanian and other European
letters); a paragraph with a character it lacks is set in Noto Sans instead, so names
never print as empty boxes. The PDF's metadata names the kind of document, not the person.
"""

from __future__ import annotations

import io
import threading
from xml.sax.saxutils import escape

import fontpkg
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from linkdesk import __version__

BODY, BOLD, FALLBACK = "LD-SAR-Atkinson", "LD-SAR-Atkinson-Bold", "LD-SAR-NotoSans"
INK = colors.black
RULE = colors.HexColor("#425563")
SHADE = colors.HexColor("#f0f4f5")
_lock = threading.Lock()
_covered: set[int] = set()


def _register() -> None:
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


def _styles() -> dict[str, ParagraphStyle]:
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


def _paragraph(value, style: ParagraphStyle) -> Paragraph:
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


def _table(pairs: list[tuple[str, object]], styles, widths=(55 * mm, 115 * mm)) -> Table:
    table = Table([[_paragraph(label, styles["label"]), _paragraph(value, styles["body"])] for label, value in pairs],
                  colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def _grid(rows: list[dict], columns: list[str], styles, widths) -> Table:
    data = [[_paragraph(column, styles["label"]) for column in columns]]
    data += [[_paragraph(row.get(column), styles["body"]) for column in columns] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _story(content: dict, styles) -> list:
    about = content["About this export"]
    story = [Paragraph("Information LinkDesk holds about you", styles["title"]),
             _paragraph(f"{about['What']}. Exported {about['Exported at']} by {about['Exported by']} "
                        f"with {about['Software']}.", styles["body"]),
             Paragraph("Personal details", styles["heading"]),
             _table(list(content["Personal details"].items()), styles)]
    if content["Registered practice"]:
        story += [Paragraph("Registered practice", styles["heading"]),
                  _table(list(content["Registered practice"].items()), styles)]
    story.append(Paragraph("Referrals", styles["heading"]))
    if not content["Referrals"]:
        story.append(_paragraph("There are no referrals.", styles["body"]))
    for referral in content["Referrals"]:
        worker = referral["Link worker"]
        details = [(key, value) for key, value in referral.items()
                   if key not in ("Status history", "Contacts", "Link worker")]
        details.append(("Link worker", None if worker is None else f"{worker['name']}, {worker['role']}"))
        story += [Paragraph(f"Referral received {escape(referral['Date received'])}", styles["subheading"]),
                  _table(details, styles)]
        story += [Paragraph("Status history", styles["subheading"]),
                  _grid(referral["Status history"], ["Date", "From", "To", "SNOMED CT code", "SNOMED CT term"],
                        styles, [25 * mm, 28 * mm, 28 * mm, 37 * mm, 52 * mm])]
        if referral["Contacts"]:
            story.append(Paragraph("Contacts", styles["subheading"]))
            for contact in referral["Contacts"]:
                story.append(KeepTogether([_table(list(contact.items()), styles), Spacer(1, 2 * mm)]))
    story += [Paragraph("Who has looked at or changed this record", styles["heading"]),
              _grid(content["Audit log"], ["When (UTC)", "Who", "Action", "Detail"], styles,
                    [35 * mm, 30 * mm, 20 * mm, 85 * mm])]
    return story


def _footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(BODY, 9)
    canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Subject access export, page {document.page}")
    canvas.restoreState()


def render_pdf(content: dict) -> bytes:
    _register()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title="Subject access export", author="LinkDesk",
                                 creator=f"LinkDesk {__version__}", subject="", lang="en-GB")
    document.build(_story(content, _styles()), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
