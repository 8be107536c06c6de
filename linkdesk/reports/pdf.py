"""A report as a PDF: headed tables with a bar chart beside each breakdown (ReportLab graphics).

Built on the documents layer's BaseRenderer, so it gets the organisation header, "Page X
of Y" and metadata naming the kind of document only. Charts draw the numbers shown in
the tables; a suppressed count has no bar, so the chart reveals nothing the table hides.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from linkdesk.documents.base import BaseRenderer, Organisation
from linkdesk.documents.styles import ACCENT, RULE

from .statistics import EQUALITY_INTRO, ONS4_NOTE, ONS4_SPLIT_NOTE, Breakdown, Report, split_suppressed

SHADE = colors.HexColor("#f0f4f5")
LONGEST_LABEL = 38  # characters of a category name beside a bar


def _short(label: str) -> str:
    return label if len(label) <= LONGEST_LABEL else label[:LONGEST_LABEL - 1] + "…"


def bar_chart(breakdown: Breakdown, width: float, font: str) -> Drawing | None:
    """Horizontal bars, one per visible count; None when nothing has a number to draw."""
    rows = [row for row in breakdown.rows if row.value is not None]
    if not rows or not any(row.value for row in rows):
        return None
    bar = 5 * mm
    height = bar * len(rows) + 14 * mm
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 62 * mm, 8 * mm
    chart.width, chart.height = width - chart.x - 6 * mm, height - 12 * mm
    # The first row at the top, as in the table.
    chart.data = [[row.value for row in reversed(rows)]]
    chart.categoryAxis.categoryNames = [_short(row.label) for row in reversed(rows)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueStep = max(1, -(-max(row.value for row in rows) // 5))
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def column_chart(labels: list[str], values: list[int], width: float, font: str, title: str) -> Drawing:
    height = 55 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 12 * mm
    chart.width, chart.height = width - 18 * mm, height - 20 * mm
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueStep = max(1, -(-max(values or [1]) // 5))
    chart.bars[0].fillColor = ACCENT
    drawing.add(chart)
    drawing.add(String(0, height - 4 * mm, title, fontName=font, fontSize=9))
    return drawing


class ReportDocument(BaseRenderer):
    title = "Social prescribing report"
    subject = "Referrals, activities, wellbeing and equality monitoring"

    def __init__(self, organisation: Organisation, report: Report):
        super().__init__(organisation)
        self.report = report

    # Pieces --------------------------------------------------------------------------

    def _p(self, text: str, style=None) -> Flowable:
        return self.typesetter.paragraph(text, style or self.styles.body)

    def _table(self, rows: list[list[str]], widths: list[float], header: bool = True) -> Table:
        small = self.styles.small
        cells = [[self.typesetter.paragraph(str(cell), small, bold=header and index == 0) for cell in row]
                 for index, row in enumerate(rows)]
        table = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), SHADE))
        table.setStyle(TableStyle(commands))
        return table

    def _breakdown(self, breakdown: Breakdown, chart: bool = True) -> list[Flowable]:
        width = self.styles.frame_width
        rows = [[breakdown.title, "Number"]] + [[row.label, row.shown] for row in breakdown.rows]
        if breakdown.total is not None:
            rows.append([breakdown.total.label, breakdown.total.shown])
        if len(rows) == 1 or (breakdown.total is not None and len(rows) == 2):
            return [self._p(breakdown.title, self.styles.subheading), self._p("None in this period.")]
        parts: list[Flowable] = [self._table(rows, [width * 0.7, width * 0.3])]
        if breakdown.note:
            parts.append(self._p(breakdown.note, self.styles.small))
        drawing = bar_chart(breakdown, width, self.styles.face.name) if chart else None
        if drawing is not None:
            parts += [Spacer(1, 2 * mm), drawing]
        parts.append(Spacer(1, 4 * mm))
        return [KeepTogether(parts[:2]), *parts[2:]]

    # Sections ------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        r, s = self.report, self.styles
        width = s.frame_width
        story: list[Flowable] = [
            self._p("Social prescribing report", s.title),
            self._p(f"{r.period.start.day} {r.period.start:%B %Y} to {r.period.end.day} {r.period.end:%B %Y}; "
                    f"{r.filters.describe()}."),
            self._p("Referrals", s.heading),
            self._p(f"Referrals received: {r.referrals_received}."),
            self._p(f"{r.first_contact.label} (median): {r.first_contact.shown}."),
            self._p(f"{r.contacts_per_patient.label} (median): {r.contacts_per_patient.shown}."),
        ]
        for breakdown in (r.outcomes, r.by_source, r.by_practice, r.by_need):
            story += self._breakdown(breakdown)
        story.append(self._p("Caseload size", s.heading))
        story.append(self._table([["Month end", "Open referrals"]] +
                                 [[f"{p.on.day} {p.on:%b %Y}", str(p.open_referrals)] for p in r.caseload],
                                 [width * 0.7, width * 0.3]))
        story.append(column_chart([f"{p.on:%b %y}" for p in r.caseload], [p.open_referrals for p in r.caseload],
                                  width, s.face.name, "Open referrals at each month end"))
        story.append(self._p("Activities", s.heading))
        story.append(self._p(f"People who started attending an activity: {r.people_attending}."))
        for breakdown in (r.routes, r.activities_by_category, r.top_services):
            story += self._breakdown(breakdown)
        story += self._wellbeing()
        story.append(self._p("Equality monitoring", s.heading))
        story.append(self._p(EQUALITY_INTRO))
        for breakdown in r.equality:
            story += self._breakdown(breakdown, chart=False)
        if r.stories:
            story.append(self._p("In their own words", s.heading))
            story.append(self._p("Shared with the patient's consent to publish, named as they chose."))
            for told in r.stories:
                story.append(KeepTogether([self._p(f"\u201c{told.text}\u201d"),
                                           self._p(f"{told.attribution}, {told.told_on:%B %Y}", s.small),
                                           Spacer(1, 3 * mm)]))
        return story

    def _wellbeing(self) -> list[Flowable]:
        s, width = self.styles, self.styles.frame_width
        parts: list[Flowable] = [
            self._p("Wellbeing (ONS4)", s.heading),
            self._p("Each item on its own, over the people with both a baseline score and a later one (n); "
                    "lower anxiety is better."),
        ]
        rows = [["Item", "n", "Baseline mean", "Latest mean", "Change", "Improved / no change / worse"]]
        for item in self.report.ons4:
            n, baseline, latest, change, improved, same, worse = item.shown()
            split = f"{improved} / {same} / {worse}" if item.n else improved  # "" or "not shown" when no figures
            rows.append([item.label, n, baseline, latest, change, split])
        parts.append(self._table(rows, [width * 0.2, width * 0.08, width * 0.12, width * 0.12, width * 0.1,
                                        width * 0.38]))
        if any(item.hidden for item in self.report.ons4):
            parts.append(self._p(ONS4_NOTE, s.small))
        if split_suppressed(self.report.ons4):
            parts.append(self._p(ONS4_SPLIT_NOTE, s.small))
        return [KeepTogether(parts)]
