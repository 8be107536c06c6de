"""Activity leaflets: one directory service written out for a patient to take home, one A4 page each.

`service_story()` is the printed form of a service (what, when, where, how to get there,
cost, who to contact, website with a QR code, accessibility, when it was last checked);
leaflets, booklets and the activities on a personalised plan all print it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, KeepTogether
from sqlalchemy import select

from linkdesk.directory.detail import ServiceDetail, service_detail
from linkdesk.directory.models import Location, ServiceAtLocation

from .base import BaseRenderer, DocumentError, Organisation
from .blocks import column_width, picture_item, website
from .organisation import print_settings
from .pictures import category_code, picture
from .styles import Variant
from .text import Typesetter

Progress = Callable[[int, int], None]


class PrintCancelled(DocumentError):
    def __init__(self):
        super().__init__("Printing was cancelled; no file was saved.")


@dataclass(frozen=True)
class ServiceSheet:
    """What a printout says about one service: its detail and how to get to its places."""

    detail: ServiceDetail
    travel: tuple[str, ...]

    @property
    def category(self) -> str | None:
        """The code of the service's first category, which picks its easy read picture."""
        for label in self.detail.categories:
            code = category_code(label)
            if code:
                return code
        return None


def load_sheets(store, service_ids: Sequence[str], progress: Progress | None = None,
                cancel: threading.Event | None = None) -> list[ServiceSheet]:
    """The printable details of these services, in this order (one session for them all).

    Raises the directory's ServiceNotFound for an id it does not have.
    """
    sheets = []
    with store.session() as session:
        for number, service_id in enumerate(service_ids, start=1):
            if cancel is not None and cancel.is_set():
                raise PrintCancelled()
            travel = session.scalars(
                select(Location.transportation).join(ServiceAtLocation, ServiceAtLocation.location_id == Location.id)
                .where(ServiceAtLocation.service_id == service_id, Location.transportation.is_not(None)))
            sheets.append(ServiceSheet(service_detail(session, service_id),
                                       tuple(dict.fromkeys(text.strip() for text in travel if text.strip()))))
            if progress is not None:
                progress(number, len(service_ids))
    return sheets


def long_date(day: date) -> str:
    """"3 March 2026": the NHS style, no leading zero and no ordinal."""
    return f"{day.day} {day:%B %Y}"


def sentences(text: str) -> list[str]:
    """Easy read puts one idea on each line: the text split after each full stop, ? or !."""
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part.strip()]


# Section names: plain for standard and large print, a question a reader would ask for easy read.
LABELS = {
    "what": ("What it is", "What is it?"),
    "when": ("When", "When is it?"),
    "where": ("Where", "Where is it?"),
    "travel": ("How to get there", "How do I get there?"),
    "cost": ("Cost", "How much does it cost?"),
    "contact": ("Who to contact", "Who can I talk to?"),
    "website": ("Website", "Website"),
    "access": ("Accessibility", "Is it easy to get in and around?"),
    "who": ("Who it is for", "Who is it for?"),
}


def label(typesetter: Typesetter, key: str) -> str:
    return LABELS[key][typesetter.styles.variant is Variant.EASY]


def _when(detail: ServiceDetail) -> list[str]:
    """Session lines, without ", at <place>" when every session is at the one address printed under Where."""
    places = {line.rsplit(", at ", 1)[1] for line in detail.when if ", at " in line}
    if len(detail.addresses) == 1 and len(places) == 1 and all(", at " in line for line in detail.when):
        return [line.rsplit(", at ", 1)[0] for line in detail.when]
    return list(detail.when)


def _sections(sheet: ServiceSheet) -> list[tuple[str, list[str]]]:
    detail = sheet.detail
    where = list(detail.addresses)
    if not where and detail.attending:
        where = [", ".join(detail.attending).capitalize()]
    contact = list(detail.contacts) + [f"Phone: {phone}" for phone in detail.phones]
    if detail.email:
        contact.append(f"Email: {detail.email}")
    return [
        ("when", _when(detail)),
        ("where", where),
        ("travel", list(sheet.travel) + ([detail.how_to_access] if detail.how_to_access else [])),
        ("cost", [detail.cost] if detail.cost else []),
        ("contact", contact),
        ("access", list(detail.accessibility)),
        ("who", [line for line in (detail.eligibility, detail.ages) if line]),
    ]


def checked_line(detail: ServiceDetail, easy: bool = False) -> str:
    if detail.last_verified is None:
        if easy:
            return "Please check these details before you go."
        return "These details have not been checked yet: please check with the organisation before you go."
    if easy:
        return f"We checked this on {long_date(detail.last_verified)}."
    return f"Details last checked on {long_date(detail.last_verified)}. Things change: please check before you go."


def service_story(t: Typesetter, sheet: ServiceSheet, *, leaflet: bool = False) -> list[Flowable]:
    """One service as flowables: headed sections on a leaflet, compact "Label: value" lines elsewhere.

    In easy read the category picture sits in its own column beside the words.
    """
    s = t.styles
    detail = sheet.detail
    easy = s.variant is Variant.EASY
    width = s.frame_width if leaflet else column_width(t)
    head = [t.paragraph(detail.name, s.title if leaflet else s.subheading)]
    if detail.organisation:
        head.append(t.paragraph(f"Run by {detail.organisation}"))
    if detail.alert:
        head += t.label_value("Please note:", detail.alert)
    description = sentences(detail.description) if easy else [detail.description] if detail.description else []
    # Large type makes a page of headings too long for one sheet: bold labels keep it to one.
    section_style = s.heading if s.variant is Variant.STANDARD else s.subheading
    body: list[Flowable] = []
    if leaflet and description:
        body.append(t.paragraph(label(t, "what"), section_style))
    body += [t.paragraph(text) for text in description]
    for key, lines in _sections(sheet):
        if not lines:
            continue
        if leaflet and (s.variant is Variant.STANDARD or len(lines) > 1 or len(lines[0]) > 60):
            body.append(t.paragraph(label(t, key), section_style))
            body += [t.paragraph(line) for line in lines]
        else:
            body += t.label_value(label(t, key) + ("" if easy else ":"), lines[0])
            body += [t.paragraph(line) for line in lines[1:]]
    if detail.website:
        if leaflet:
            body.append(t.paragraph(label(t, "website"), section_style))
        body.append(website(t, detail.website, width=width))
    body.append(t.paragraph(checked_line(detail, easy), s.small))
    art = picture(sheet.category, s.sizes.picture_width) if easy else None
    if leaflet:
        # The picture goes beside the name only: the sections below get the whole width.
        return [picture_item(t, art, head) if easy else KeepTogether(head), *body]
    # Flat unless there is a picture: the caller keeps it together, and a KeepTogether inside
    # another one would push every service onto a page of its own.
    return [picture_item(t, art, head + body)] if easy else head + body


class LeafletDocument(BaseRenderer):
    """One service on one A4 page (longer only when the service's own text is very long)."""

    title = "Activity leaflet"

    def __init__(self, organisation: Organisation, sheet: ServiceSheet, variant: Variant | str = Variant.STANDARD):
        super().__init__(organisation, variant)
        self.sheet = sheet

    def story(self) -> list[Flowable]:
        return service_story(self.typesetter, self.sheet, leaflet=True)


def leaflet_for(store, service_id: str, variant: Variant | str = Variant.STANDARD) -> LeafletDocument:
    """The leaflet of one service, ready to render (raises ServiceNotFound for an unknown id)."""
    sheet = load_sheets(store, [service_id])[0]
    return LeafletDocument(print_settings(store).organisation, sheet, variant)
