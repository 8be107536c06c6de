"""The pieces of the Reports window on hand-made figures: charts, a breakdown's table and chart, the period choices."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from linkdesk.reports import periods
from linkdesk.reports.statistics import Breakdown
from linkdesk.reports.stories import PublishedStory
from linkdesk.reports.suppression import FEWER_THAN, SUPPRESSED, Count
from linkdesk.ui.reports.charts import BarChart, ColumnChart
from linkdesk.ui.reports.controls import OWN_DATES, PeriodChoice
from linkdesk.ui.reports.page import NONE_IN_PERIOD, ReportPage

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
    from linkdesk.ui.reports.view import ReportView

    view = ReportView()
    qtbot.addWidget(view)
    page = view._stories(type("R", (), {"stories": (PublishedStory(date(2026, 11, 2), "<b>Bold</b> & <i>me</i>",
                                                                   "Anonymous"),)})())
    (label,) = view.story_labels
    assert label.text() == "\u201c<b>Bold</b> & <i>me</i>\u201d"
    assert label.textFormat().name == "PlainText"
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
