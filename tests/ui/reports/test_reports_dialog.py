"""Tools > Reports on the demo store: the report's own figures; filters change them; bad input changes nothing."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel

from linkdesk.caseload import vocabulary
from linkdesk.reports.gather import make_report
from linkdesk.reports.records import ReportFilter
from linkdesk.reports.statistics import ONS4_SPLIT_NOTE, split_suppressed
from linkdesk.reports.suppression import FEWER_THAN, NOT_SHOWN, SUPPRESSED, WITHHELD
from linkdesk.ui.reports.dialog import PLACEHOLDER, ReportsDialog
from linkdesk.ui.reports.view import CASELOAD_CHART, WELLBEING_TABLE

from ...conftest import PASSPHRASE
from .conftest import END, START


def cells(table) -> list[list[str]]:
    model = table.model()
    return [[model.index(row, column).data() for column in range(model.columnCount())]
            for row in range(model.rowCount())]


def show(dialog, qtbot):
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None, dialog.message.text()
    return dialog.report


def test_tools_reports_is_in_the_menu_with_a_shortcut_and_off_while_locked(window):
    action = next(action for action in window.store_actions if action.text() == "&Reports…")
    assert action.shortcut() == QKeySequence("Ctrl+R")
    assert action.isEnabled()
    window.lock()
    assert not action.isEnabled()


def test_the_figures_shown_are_the_reports_own(window, dialog, qtbot):
    shown = show(dialog, qtbot)
    expected = make_report(window.store, START, END, ReportFilter())
    assert expected.referrals_received == shown.referrals_received == 38  # 40 patients; two were referred and discharged nine years ago
    view = dialog.view
    assert view.figures["Referrals received"].text() == "Referrals received: 38."
    assert view.figures["Days from referral to first contact"].text() == \
        f"Days from referral to first contact (median): {expected.first_contact.shown}."
    assert "(n = " in view.figures["Contacts per patient"].text()
    assert dialog.summary.text() == "1 April 2026 to 25 November 2026; all practices and link workers."
    assert [view.tabText(index) for index in range(view.count())] == [
        "Referrals", "Activities", "Wellbeing (ONS4)", "Equality monitoring", "In their own words"]

    for breakdown in (expected.outcomes, expected.by_source, expected.by_practice, expected.by_need,
                      expected.routes, expected.activities_by_category, expected.top_services):
        rows = [[row.label, row.shown] for row in breakdown.rows]
        if breakdown.total is not None:
            rows.append([breakdown.total.label, breakdown.total.shown])
        assert cells(view.tables[breakdown.title]) == rows
        assert view.charts[breakdown.title].bars() == [(row.label, row.value) for row in breakdown.rows]
    assert cells(view.tables["Referrals by practice"])[-1] == ["Total", "38"]

    caseload = view.charts[CASELOAD_CHART].bars()
    assert caseload == [(f"{point.on:%b %y}", point.open_referrals) for point in expected.caseload]
    assert caseload[-1][1] > 0 and len(cells(view.tables[CASELOAD_CHART])) == len(expected.caseload)

    ons4 = cells(view.tables[WELLBEING_TABLE])
    for row, item in zip(ons4, expected.ons4):
        assert item.n >= 5
        assert row[1:5] == [str(item.n), f"{item.baseline_mean:g}", f"{item.latest_mean:g}", f"{item.mean_change:+g}"]
        # Improved / no change / worse: a true count where it is 5 or more, never a number under 5.
        assert row[5:] == list(item.split_shown)
        for cell, count in zip(row[5:], (item.improved, item.no_change, item.worse)):
            if cell == SUPPRESSED:
                assert count >= 5
            elif 0 < count < 5:
                assert cell in (FEWER_THAN, NOT_SHOWN)
            else:
                assert cell in (str(count), NOT_SHOWN)
    assert ons4[3][0] == "Anxiety (lower is better)"
    page_text = " ".join(label.text() for label in view.findChildren(QLabel))
    assert split_suppressed(expected.ons4) and ONS4_SPLIT_NOTE in page_text  # the demo hides some: it says why


def test_equality_cells_are_suppressed_exactly_as_in_the_pdf_and_never_charted(dialog, qtbot):
    report = show(dialog, qtbot)
    shown_anywhere = []
    for breakdown in report.equality:
        table = cells(dialog.view.tables[breakdown.title])
        assert table[:len(breakdown.rows)] == [[row.label, row.shown] for row in breakdown.rows]
        assert breakdown.title not in dialog.view.charts
        shown_anywhere += [cell for _, cell in table]
    assert FEWER_THAN in shown_anywhere and SUPPRESSED in shown_anywhere
    ethnic = dialog.view.tables["Ethnic category"].model()
    hidden = next(row for row in range(ethnic.rowCount()) if ethnic.index(row, 1).data() in (FEWER_THAN, SUPPRESSED))
    assert "protect privacy" in ethnic.index(hidden, 1).data(Qt.ItemDataRole.ToolTipRole)
    # Every category is listed, zeros too, and the total (the people referred) is always shown.
    assert ethnic.rowCount() == len(vocabulary.ETHNIC_CATEGORIES) + 2
    assert [ethnic.index(ethnic.rowCount() - 1, column).data() for column in (0, 1)] == ["Total", "38"]
    # The demo's age bands: 85 and over has 3, and the smallest other bands are 5 and 5, so hiding one 5 would
    # still give away the 3; the whole breakdown is withheld.
    assert cells(dialog.view.tables["Age at the end of the period"]) == [[WITHHELD, NOT_SHOWN], ["Total", "38"]]
    age = dialog.view.tables["Age at the end of the period"].model()
    assert "protect privacy" in age.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_consented_stories_only(dialog, qtbot):
    report = show(dialog, qtbot)
    texts = dialog.view.stories_shown
    assert all(text in dialog.view.stories_text.toPlainText() for text in texts)
    assert len(texts) == len(report.stories) == 3
    assert any("walking group gets me out" in text for text in texts)
    assert not any("stayed between us" in text for text in texts)


def test_filtering_by_practice_pcn_or_link_worker_changes_the_figures(window, dialog, qtbot):
    store = window.store
    everyone = show(dialog, qtbot)
    filters = dialog.filters
    assert filters.practice.itemText(0) == "All practices"
    assert filters.pcn.count() == 3  # "All ..." and the demo's two networks, each once
    dialog.filters.choose(practice="M89901")
    one_practice = show(dialog, qtbot)
    expected = make_report(store, START, END, ReportFilter("M89901"))
    assert one_practice.referrals_received == expected.referrals_received < everyone.referrals_received
    assert dialog.view.figures["Referrals received"].text() == f"Referrals received: {expected.referrals_received}."
    assert cells(dialog.view.tables["Referrals by practice"])[0] == ["Hazelwell Lane Surgery", "10"]
    assert "practice M89901" in dialog.summary.text()

    dialog.filters.choose(pcn="Northfield and Kings Norton PCN (demo)")
    network = show(dialog, qtbot)
    assert network.referrals_received == make_report(
        store, START, END, ReportFilter(pcn="Northfield and Kings Norton PCN (demo)")).referrals_received == 18

    worker_id = dialog.filters.worker.itemData(2)
    dialog.filters.choose(worker=worker_id)
    worker = show(dialog, qtbot)
    expected = make_report(store, START, END, ReportFilter("", "", worker_id))
    assert worker.filters == expected.filters  # the worker's id, with their name filled in for the summary
    assert worker.filters.link_worker_id == worker_id
    assert worker.referrals_received == expected.referrals_received
    assert f"link worker {dialog.filters.worker.itemText(2)}" in dialog.summary.text()


def test_a_period_ending_before_it_starts_is_refused_and_nothing_changes(dialog, qtbot):
    dialog.period.set_dates(END, START)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert "must end on or after it starts" in dialog.message.text()
    assert dialog.report is None
    assert dialog.pages.currentWidget() is dialog.placeholder and dialog.placeholder.text() == PLACEHOLDER
    assert not dialog.pdf_button.isEnabled() and not dialog.csv_button.isEnabled()

    dialog.period.set_dates(START, END)
    before = show(dialog, qtbot)
    dialog.period.set_dates(END, START)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.report is before and dialog.pdf_button.isEnabled()
    assert "must end on or after it starts" in dialog.message.text()
    assert "The figures shown are still for 1 April 2026 to 25 November 2026" in dialog.message.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform's, not ours
def test_tools_reports_again_brings_the_open_window_forward(window, dialog):
    assert window.show_reports() is dialog


def test_lock_closes_the_window_and_forgets_the_report(window, dialog, qtbot):
    show(dialog, qtbot)
    assert dialog.view.stories_shown and dialog.view.stories_text is not None
    window.lock()
    assert dialog.closed and dialog.report is None and not dialog.view.stories_shown and dialog.view.stories_text is None
    assert not [found for found in window.findChildren(ReportsDialog) if not _deleted(found) and found.isVisible()]
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    reopened = window.show_reports()
    assert reopened is not dialog and reopened.report is None
    assert reopened.pages.currentWidget() is reopened.placeholder


def _deleted(widget) -> bool:
    from shiboken6 import isValid

    return not isValid(widget)


def test_ctrl_l_in_the_reports_window_locks_too(window, dialog, qtbot):
    show(dialog, qtbot)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.store is None and dialog.closed and dialog.report is None
