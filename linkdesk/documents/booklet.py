"""Booklets: many services in one PDF, grouped by category, with a contents page and "Page X of Y".

A booklet is a category, a postcode area, the shortlist, a list of ids, or the activities
on a patient's plan. The contents needs the page each service lands on, which is known only after layout: its
numbers are PDF forms filled in at the end, so the booklet is laid out once. Layout
reports progress and stops at the next service when cancelled (the UI runs this off its
thread); a cancelled booklet raises PrintCancelled and writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from linkdesk.directory.categories import CATEGORIES, find_category
from linkdesk.directory.search import SearchFilters, search_services

from .base import BaseRenderer, DocumentError, Organisation
from .fonts import font_name
from .leaflet import PrintCancelled, Progress, ServiceSheet, load_sheets, service_story
from .organisation import print_settings
from .styles import RULE, Variant

MAX_SERVICES = 2000  # past this a booklet is a directory export, not something to hand a patient
OTHER = "Other services"


class NothingToPrint(DocumentError):
    def __init__(self, what: str):
        super().__init__(f"There are no services to print for {what}.")
        self.what = what


class TooManyServices(DocumentError):
    def __init__(self, count: int):
        super().__init__(f"{count} services is too many for one booklet (the most is {MAX_SERVICES}); "
                         "choose a category or an area.")


@dataclass(frozen=True)
class BookletChoice:
    """Which services go in a booklet: explicit ids, else every service matching all the filters."""

    category: str | None = None  # a category code or label
    area: str | None = None  # a postcode district ("B30") or area ("B")
    shortlist: bool = False
    ids: tuple[str, ...] = ()

    def heading(self) -> str:
        """The booklet's title: "Physical activity in B30", "Your shortlist", "Activities"."""
        if self.ids:
            return "Activities chosen for you"
        what = find_category(self.category).label if self.category else "Activities and support"
        if self.area:
            what += f" in {self.area.strip().upper()}"
        return f"Your shortlist: {what[0].lower()}{what[1:]}" if self.shortlist else what


def choose_services(store, choice: BookletChoice) -> list[str]:
    """The ids of the services a choice names, in name order (ids as given).

    Raises the directory's SearchError for a category or area it cannot read and
    NothingToPrint when nothing matches.
    """
    if choice.ids:
        return list(dict.fromkeys(choice.ids))
    filters = SearchFilters(category=choice.category, place=choice.area, favourites_only=choice.shortlist)
    found = search_services(store, "", filters, sort="name", limit=MAX_SERVICES + 1)
    if not found:
        raise NothingToPrint(f"“{choice.heading()}”")
    if len(found) > MAX_SERVICES:
        raise TooManyServices(len(found))
    return [summary.id for summary in found]


def group_by_category(sheets: list[ServiceSheet], preferred: str | None = None) -> list[tuple[str, list[ServiceSheet]]]:
    """(category label, its services by name) in the directory's category order; uncategorised last.

    A service in several categories appears once, under `preferred` if it has it, else its first.
    """
    order = {category.label: index for index, category in enumerate(CATEGORIES)}
    groups: dict[str, list[ServiceSheet]] = {}
    for sheet in sheets:
        labels = [label for label in sheet.detail.categories if label in order]
        group = preferred if preferred in labels else labels[0] if labels else OTHER
        groups.setdefault(group, []).append(sheet)
    ordered = sorted(groups, key=lambda label: order.get(label, len(order)))
    return [(label, sorted(groups[label], key=lambda sheet: sheet.detail.name.casefold())) for label in ordered]


class _PageMark(Flowable):
    """Takes no space; when laid out it notes its page and lets the booklet report progress or stop."""

    def __init__(self, key: tuple[str, str], on_draw: Callable[[tuple[str, str], int], None]):
        super().__init__()
        self.key = key
        self.on_draw = on_draw

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.on_draw(self.key, self.canv.getPageNumber())


class _PageNumber(Flowable):
    """A contents entry's page number, drawn as a PDF form that is filled in once the page is known.

    ReportLab lets a page use a form defined later, so the contents (at the front) can show
    pages that only exist after the whole booklet is laid out: one pass instead of two.
    """

    def __init__(self, form: str, style, width: float):
        super().__init__()
        self.form, self.style, self.width = form, style, width

    def wrap(self, available_width, available_height):
        return self.width, self.style.leading

    def draw(self):
        self.canv.doForm(self.form)


def _form_name(key: tuple[str, str]) -> str:
    return "page-" + "-".join(key).replace(" ", "_")


class BookletDocument(BaseRenderer):
    title = "Activities booklet"

    def __init__(self, organisation: Organisation, sheets: list[ServiceSheet], heading: str,
                 variant: Variant | str = Variant.STANDARD, preferred_category: str | None = None,
                 progress: Progress | None = None, cancel: threading.Event | None = None):
        super().__init__(organisation, variant)
        self.heading = heading
        self.groups = group_by_category(sheets, preferred_category)
        self.count = len(sheets)
        self.progress = progress
        self.cancel = cancel
        self.pages: dict[tuple[str, str], int] = {}
        self._numbers: dict[str, tuple[str, object, float]] = {}  # form name -> (key, style, width)

    def _marked(self, key: tuple[str, str], page: int) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise PrintCancelled()
        self.pages[key] = page
        if key[0] == "service" and self.progress is not None:
            self.progress(sum(1 for kind, _ in self.pages if kind == "service"), self.count)

    def _page_number(self, key: tuple[str, str], style, width: float) -> Flowable:
        name = _form_name(key)
        self._numbers[name] = (key, style, width)
        return _PageNumber(name, style, width)

    def footer(self, canvas, number: int, total: int) -> None:
        if number == 1:  # layout is over: every page is known, so the contents' numbers can be drawn
            for name, (key, style, width) in self._numbers.items():
                ascent, _ = getAscentDescent(style.fontName, style.fontSize)
                canvas.beginForm(name, 0, 0, width, style.leading)
                canvas.setFont(style.fontName, style.fontSize)
                canvas.setFillColor(style.textColor)
                canvas.drawRightString(width, style.leading - ascent, str(self.pages.get(key, "")))
                canvas.endForm()
        super().footer(canvas, number, total)

    def contents(self) -> list[Flowable]:
        t, s = self.typesetter, self.styles
        number_width = s.sizes.body * 3
        bold = ParagraphStyle(f"{s.body.name}-bold", parent=s.body, fontName=font_name(s.face, True))
        story: list[Flowable] = [t.paragraph("Contents", s.heading)]
        for label, sheets in self.groups:
            rows = [[t.paragraph(label, s.body, bold=True),
                     self._page_number(("category", label), bold, number_width)]]
            rows += [[t.paragraph(sheet.detail.name), self._page_number(("service", sheet.detail.id), s.body,
                                                                         number_width)]
                     for sheet in sheets]
            table = Table(rows, colWidths=[s.frame_width - number_width, number_width])
            table.setStyle(TableStyle([
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (0, 1), (0, -1), 6 * mm),  # services indented under their category
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]))
            story.append(table)
        return story

    def story(self) -> list[Flowable]:
        t, s = self.typesetter, self.styles
        self.pages.clear()
        story: list[Flowable] = [t.paragraph(self.heading, s.title)]
        noun = "activity" if self.count == 1 else "activities"
        story.append(t.paragraph(f"{self.count} {noun}, grouped by type. Things change: please check with "
                                 "the organisation before you go."))
        story += self.contents()
        story.append(PageBreak())
        for label, sheets in self.groups:
            story.append(CondPageBreak(s.page_size[1] / 4))
            for index, sheet in enumerate(sheets):
                block: list[Flowable] = []
                if index == 0:  # the heading stays with its first service, so its page number is theirs
                    block += [_PageMark(("category", label), self._marked), t.paragraph(label, s.heading)]
                block.append(_PageMark(("service", sheet.detail.id), self._marked))
                block += service_story(t, sheet)
                story.append(KeepTogether(block))
                if index < len(sheets) - 1:
                    story.append(HRFlowable(width="100%", thickness=0.5, color=RULE,
                                            spaceBefore=s.sizes.paragraph_gap, spaceAfter=s.sizes.paragraph_gap))
            story.append(Spacer(1, s.sizes.paragraph_gap))
        return story


def booklet_for(store, choice: BookletChoice, variant: Variant | str = Variant.STANDARD,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> BookletDocument:
    """The booklet a choice names, its services loaded; rendering it reports the rest of the progress.

    Progress runs over two equal parts: loading the services, then laying them out.
    """
    ids = choose_services(store, choice)
    total = 2 * len(ids)

    def loaded(done: int, _count: int) -> None:
        if progress is not None:
            progress(done, total)

    def laid_out(done: int, _count: int) -> None:
        if progress is not None:
            progress(len(ids) + done, total)

    sheets = load_sheets(store, ids, loaded, cancel)
    preferred = find_category(choice.category).label if choice.category else None
    return BookletDocument(print_settings(store).organisation, sheets, choice.heading(), variant, preferred,
                           laid_out, cancel)

