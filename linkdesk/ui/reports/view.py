"""A report on screen: one tab per section of the PDF, in its order and its words.

Referrals (with caseload size), Activities, Wellbeing (ONS4), Equality monitoring and the
patients' own words. `tables`, `charts` and `figures` name what is shown, by title.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QTabWidget, QTableView, QTextBrowser

from linkdesk.reports.statistics import EQUALITY_INTRO, ONS4_NOTE, ONS4_SPLIT_NOTE, Report, split_suppressed

from .charts import BarChart, ColumnChart
from .page import ReportPage
from .tables import CaseloadModel, Ons4Model, day_text, fitted_table

CASELOAD_CHART = "Open referrals at each month end"
WELLBEING_TABLE = "Wellbeing (ONS4)"
NO_STORIES = "No stories shared with consent to publish in this period."


def describe(report: Report) -> str:
    """The line under the report's title, as the PDF has it."""
    return f"{day_text(report.period.start)} to {day_text(report.period.end)}; {report.filters.describe()}."


class ReportView(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Report sections")
        self.report: Report | None = None
        self.tables: dict[str, QTableView] = {}
        self.charts: dict[str, BarChart | ColumnChart] = {}
        self.figures: dict[str, QLabel] = {}
        self.stories_text: QTextBrowser | None = None  # every story on one read-only page
        self.stories_shown: list[str] = []  # each quote as shown, for tests and screen readers' users

    def show_report(self, report: Report) -> None:
        current = self.currentIndex()
        self.clear_report()
        self.report = report
        for build in (self._referrals, self._activities, self._wellbeing, self._equality, self._stories):
            page = build(report).finish()
            self.addTab(page, page.title)
        self.setCurrentIndex(max(0, current))  # looking at Equality, then changing the period: stay there

    def clear_report(self) -> None:
        """Forget every figure (on lock, too: stories and small counts are about patients)."""
        while self.count():
            page = self.widget(0)
            self.removeTab(0)
            page.deleteLater()
        self.tables.clear()
        self.charts.clear()
        self.figures.clear()
        self.stories_text = None
        self.stories_shown = []
        self.report = None

    def _page(self, title: str) -> ReportPage:
        return ReportPage(title, self.tables, self.charts)

    def _figure(self, page: ReportPage, name: str, text: str) -> None:
        self.figures[name] = page.sentence(text)

    def _referrals(self, r: Report) -> ReportPage:
        page = self._page("Referrals")
        self._figure(page, "Referrals received", f"Referrals received: {r.referrals_received}.")
        for median in (r.first_contact, r.contacts_per_patient):
            self._figure(page, median.label, f"{median.label} (median): {median.shown}.")
        for breakdown in (r.outcomes, r.by_source, r.by_practice, r.by_need):
            page.breakdown(breakdown)
        page.subheading("Caseload size")
        caseload = CaseloadModel()
        caseload.set_rows(r.caseload)
        page.columns(CASELOAD_CHART, [(f"{p.on:%b %y}", p.open_referrals) for p in r.caseload],
                     fitted_table(caseload, "Caseload size"))
        return page

    def _activities(self, r: Report) -> ReportPage:
        page = self._page("Activities")
        self._figure(page, "People who started attending",
                     f"People who started attending an activity: {r.people_attending}.")
        for breakdown in (r.routes, r.activities_by_category, r.top_services):
            page.breakdown(breakdown)
        return page

    def _wellbeing(self, r: Report) -> ReportPage:
        page = self._page("Wellbeing (ONS4)")
        page.sentence("Each item on its own, over the people with both a baseline score and a later one (n); "
                      "lower anxiety is better.")
        model = Ons4Model()
        model.set_rows(r.ons4)
        self.tables[WELLBEING_TABLE] = page.add(fitted_table(model, "Wellbeing (ONS4) by item"))
        page.sentence("Change is the latest mean minus the baseline mean, over the same n people.", small=True)
        if any(item.hidden for item in r.ons4):
            page.sentence(ONS4_NOTE, small=True)
        if split_suppressed(r.ons4):
            page.sentence(ONS4_SPLIT_NOTE, small=True)
        return page

    def _equality(self, r: Report) -> ReportPage:
        page = self._page("Equality monitoring")
        page.sentence(EQUALITY_INTRO)
        for breakdown in r.equality:
            page.breakdown(breakdown, chart=False)  # as in the PDF: small groups, read better as numbers
        return page

    def _stories(self, r: Report) -> ReportPage:
        page = self._page("In their own words")
        if not r.stories:
            page.sentence(NO_STORIES)
            return page
        page.sentence("Shared with the patient's consent to publish, named as they chose.")
        # One document rather than a label per line: a year can bring hundreds of stories, and laying
        # out hundreds of word-wrapped labels held the window for a third of a second.
        self.stories_shown = [f"\u201c{told.text}\u201d" for told in r.stories]
        blocks = [f"<p>{html.escape(quote)}<br><small>{html.escape(f'{told.attribution}, {told.told_on:%B %Y}')}"
                  "</small></p>" for quote, told in zip(self.stories_shown, r.stories)]
        self.stories_text = QTextBrowser()
        self.stories_text.setAccessibleName("Stories and quotes")
        self.stories_text.setOpenLinks(False)
        self.stories_text.setHtml("".join(blocks))  # every word typed is escaped: shown as written, never as markup
        page.fill(self.stories_text)
        return page
