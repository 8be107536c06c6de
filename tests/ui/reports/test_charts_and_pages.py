"""The pieces of the Reports window on hand-made figures: charts, a breakdown's table and chart, ONS4, the periods."""

import io
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from linkdesk.documents.base import Organisation
from linkdesk.reports import periods
from linkdesk.reports.csv_export import report_csv, rows_of
from linkdesk.reports.pdf import ReportDocument
from linkdesk.reports.records import MeasureRow, Period, ReferralRecord, ReportFilter
from linkdesk.reports.statistics import ONS4_NOTE, Breakdown, build_report
from linkdesk.reports.stories import PublishedStory
from linkdesk.reports.suppression import FEWER_THAN, NOT_SHOWN, SUPPRESSED, Count
from linkdesk.ui.reports.charts import BarChart, ColumnChart
from linkdesk.ui.reports.controls import OWN_DATES, PeriodChoice
from linkdesk.ui.reports.page import NONE_IN_PERIOD, ReportPage
from linkdesk.ui.reports.view import WELLBEING_TABLE, ReportView

DARK_BAR, DARK_TEXT = QColor("#7fb3ff"), QColor("#f0f0f0")


def dark(widget):
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, DARK_TEXT)
    palette.setColor(QPalette.ColorRole.Highlight, DARK_BAR)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)


def colours_in(widget) -> set[str]:
    image = widget.grab().toImage()
    return {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_a_bar_chart_draws_its_bars_in_the_palettes_colours_and_says_its_numbers(qtbot):
    chart = BarChart("Referrals by source")
    qtbot.addWidget(chart)
    dark(chart)
    chart.set_bars([("GP", 12), ("Self-referral", 5), ("Housing", 0)])
    chart.resize(500, chart.sizeHint().height())
    assert chart.bars() == [("GP", 12), ("Self-referral", 5), ("Housing", 0)]
    assert chart.accessibleName() == "Chart: Referrals by source"
    assert "GP: 12; Self-referral: 5; Housing: 0" in chart.accessibleDescription()
    drawn = colours_in(chart)
    assert DARK_BAR.name() in drawn  # bars in the palette's highlight, so a dark theme works
    assert chart.sizeHint().height() > 3 * chart.fontMetrics().height()


def test_a_column_chart_for_the_caseload(qtbot):
    chart = ColumnChart("Open referrals at each month end")
    qtbot.addWidget(chart)
    dark(chart)
    months = [(f"M{number}", number) for number in range(1, 25)]  # two years: labels must thin out, bars not
    chart.set_bars(months)
    chart.resize(300, chart.sizeHint().height())
    assert chart.bars() == months
    assert DARK_BAR.name() in colours_in(chart)
    assert "M24: 24" in chart.accessibleDescription()


def test_a_suppressed_count_is_in_the_table_but_has_no_bar(qtbot):
    tables, charts = {}, {}
    page = ReportPage("Activities", tables, charts)
    qtbot.addWidget(page)
    breakdown = Breakdown("Agreed activities by category", (
        Count.plain("Physical activity", 9), Count("Carers", None, FEWER_THAN), Count("Volunteering", None, SUPPRESSED),
        Count.plain("Food and cooking", 6)), Count.plain("Total", 20),
        "An activity in several categories counts in each.")
    page.breakdown(breakdown)
    model = tables["Agreed activities by category"].model()
    assert [model.index(row, 1).data() for row in range(model.rowCount())] == ["9", FEWER_THAN, SUPPRESSED, "6", "20"]
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Agreed activities by category"
    assert charts["Agreed activities by category"].bars() == [("Physical activity", 9), ("Food and cooking", 6)]
    notes = [label.text() for label in page.findChildren(QLabel)]
    assert "An activity in several categories counts in each." in notes


def test_an_empty_breakdown_says_none_and_draws_nothing(qtbot):
    tables, charts = {}, {}
    page = ReportPage("Referrals", tables, charts)
    qtbot.addWidget(page)
    page.breakdown(Breakdown("Referrals by need", (), Count.plain("Total", 0)))
    assert not tables and not charts
    assert NONE_IN_PERIOD in [label.text() for label in page.findChildren(QLabel)]


def test_a_story_is_shown_as_plain_text_never_as_markup(qtbot):
    view = ReportView()
    qtbot.addWidget(view)
    page = view._stories(type("R", (), {"stories": (PublishedStory(date(2026, 11, 2), "<b>Bold</b> & <i>me</i>",
                                                                   "Anonymous"),)})())
    assert view.stories_shown == ["\u201c<b>Bold</b> & <i>me</i>\u201d"]
    shown = view.stories_text.toPlainText()
    assert "\u201c<b>Bold</b> & <i>me</i>\u201d" in shown and "Anonymous, November 2026" in shown  # the tags as typed
    assert "<b>" not in view.stories_text.toHtml().replace("&lt;b&gt;", "")  # never made bold
    assert page.title == "In their own words"


def test_quick_choices_fill_in_the_dates_and_a_date_typed_makes_them_your_own(qtbot):
    choice = PeriodChoice(today=date(2027, 1, 10))
    qtbot.addWidget(choice)
    expected = {
        periods.THIS_MONTH: (date(2027, 1, 1), date(2027, 1, 10)),
        periods.LAST_MONTH: (date(2026, 12, 1), date(2026, 12, 31)),
        periods.THIS_QUARTER: (date(2027, 1, 1), date(2027, 1, 10)),
        periods.LAST_QUARTER: (date(2026, 10, 1), date(2026, 12, 31)),
        periods.THIS_FINANCIAL_YEAR: (date(2026, 4, 1), date(2027, 1, 10)),
        periods.LAST_FINANCIAL_YEAR: (date(2025, 4, 1), date(2026, 3, 31)),
    }
    for name, dates in expected.items():
        index = choice.preset.findData(name)
        choice.preset.setCurrentIndex(index)
        choice.preset.activated.emit(index)  # as when chosen with the mouse or keyboard
        assert choice.dates() == dates
        assert choice.preset.currentText() == periods.preset_label(name)
    assert choice.start.calendarPopup() and choice.end.calendarPopup()
    choice.end.setDate(choice.end.date().addDays(-1))
    assert choice.preset.currentText() == OWN_DATES
    assert choice.dates() == (date(2025, 4, 1), date(2026, 3, 30))


def test_an_ons4_item_of_fewer_than_five_people_reads_the_same_on_screen_in_the_pdf_and_the_csv(qtbot):
    """Three people with scores: their means (4.33 and 4.67) and 1 / 1 / 1 would be their own answers."""
    period = Period(date(2026, 11, 1), date(2026, 11, 30))
    referrals = [ReferralRecord(number, number, date(2026, 11, number), "gp") for number in (1, 2, 3)]
    before, after = (4, 5, 4), (5, 4, 4)
    measures = [row for number in (1, 2, 3) for row in (
        MeasureRow(number, "baseline", date(2026, 11, 3), {"life_satisfaction": before[number - 1]}),
        MeasureRow(number, "review", date(2026, 11, 20), {"life_satisfaction": after[number - 1]}))]
    report = build_report(period, ReportFilter(), referrals, [], [], measures)

    view = ReportView()
    qtbot.addWidget(view)
    view.show_report(report)
    model = view.tables[WELLBEING_TABLE].model()
    life = [model.index(0, column).data() for column in range(model.columnCount())]
    assert life == ["Life satisfaction", FEWER_THAN] + [NOT_SHOWN] * 6
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == ONS4_NOTE
    assert [model.index(3, column).data() for column in range(2)] == ["Anxiety (lower is better)", "0"]
    assert ONS4_NOTE in [label.text() for label in view.findChildren(QLabel)]

    rows = [row for row in rows_of(report) if row[1].startswith("Life satisfaction")]
    assert [row[2:4] for row in rows] == [(NOT_SHOWN, FEWER_THAN)] * 4 and all(ONS4_NOTE in row[4] for row in rows)
    pdf = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(
        ReportDocument(Organisation("Invented Wellbeing Trust"), report).render())).pages)
    wellbeing = pdf[pdf.index("Wellbeing (ONS4)"):pdf.index("Equality monitoring")]
    assert "Life satisfaction fewer than 5 not shown not shown" in " ".join(wellbeing.split())
    assert "its figures are not shown" in wellbeing
    for secret in ("4.33", "4.67", "1 / 1 / 1"):
        assert secret not in pdf and secret not in report_csv(report)
