"""The readable PDF of a subject access export: the JSON's sections as headed tables.

The building blocks (fonts, styles, tables) are in subject_access_layout and the plan's
pages in subject_access_pdf_plan. The PDF's metadata names the kind of document, not the person.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from linkdesk import __version__

from .subject_access_layout import BODY, grid, label_table, make_styles, no_lonely_headings, paragraph, \
    register_fonts, together
from .subject_access_pdf_plan import plan_flowables


def _changes(changes: list[dict], styles) -> list:
    flowables = [Paragraph("Changes to your details", styles["heading"])]
    if not changes:
        return flowables + [paragraph("Your details have not been corrected since they were first recorded.",
                                      styles["body"])]
    return flowables + [grid(changes, ["When (UTC)", "Detail", "Before", "After", "Changed by"], styles,
                             [34 * mm, 32 * mm, 38 * mm, 38 * mm, 28 * mm])]


def _stories(stories: list[dict], styles) -> list:
    flowables = [Paragraph("Your stories", styles["heading"])]
    if not stories:
        return flowables + [paragraph("No stories or quotes are recorded.", styles["body"])]
    for entry in stories:
        flowables += together([label_table(list(entry.items()), styles), Spacer(1, 2 * mm)])
    return flowables


def _flowables(content: dict, styles) -> list:
    about = content["About this export"]
    flowables = [Paragraph("Information LinkDesk holds about you", styles["title"]),
                 paragraph(f"{about['What']}. Exported {about['Exported at']} by {about['Exported by']} "
                           f"with {about['Software']}.", styles["body"]),
                 Paragraph("Personal details", styles["heading"]),
                 label_table(list(content["Personal details"].items()), styles)]
    flowables += _changes(content["Changes to personal details"], styles)
    if content["Registered practice"]:
        flowables += [Paragraph("Registered practice", styles["heading"]),
                      label_table(list(content["Registered practice"].items()), styles)]
    flowables.append(Paragraph("Referrals", styles["heading"]))
    if not content["Referrals"]:
        flowables.append(paragraph("There are no referrals.", styles["body"]))
    for referral in content["Referrals"]:
        worker = referral["Link worker"]
        details = [(key, value) for key, value in referral.items()
                   if key not in ("Status history", "Contacts", "Link worker")]
        details.append(("Link worker", None if worker is None else f"{worker['name']}, {worker['role']}"))
        flowables += [Paragraph(f"Referral received {escape(referral['Date received'])}", styles["subheading"]),
                      label_table(details, styles)]
        flowables += [Paragraph("Status history", styles["subheading"]),
                      grid(referral["Status history"], ["Date", "From", "To", "SNOMED CT code", "SNOMED CT term"],
                           styles, [25 * mm, 28 * mm, 28 * mm, 37 * mm, 52 * mm])]
        if referral["Contacts"]:
            flowables.append(Paragraph("Contacts", styles["subheading"]))
            for contact in referral["Contacts"]:
                flowables += together([label_table(list(contact.items()), styles), Spacer(1, 2 * mm)])
    flowables += plan_flowables(content, styles)
    flowables += _stories(content["Stories"], styles)
    flowables += [Paragraph("Who has looked at or changed this record", styles["heading"]),
                  grid(content["Audit log"], ["When (UTC)", "Who", "Action", "Part", "Detail"], styles,
                       [34 * mm, 26 * mm, 17 * mm, 17 * mm, 76 * mm])]
    return flowables


def _footer(canvas, document) -> None:
    canvas.saveState()
    canvas.setFont(BODY, 9)
    canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Subject access export, page {document.page}")
    canvas.restoreState()


def render_pdf(content: dict) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                                 bottomMargin=18 * mm, title="Subject access export", author="LinkDesk",
                                 creator=f"LinkDesk {__version__}", subject="", lang="en-GB")
    document.build(no_lonely_headings(_flowables(content, make_styles())), onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
