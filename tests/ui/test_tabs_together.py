"""The tabs working together in the main window: Add to plan, printing a plan, erasure, the caseload changing."""

import shiboken6
from PySide6.QtCore import Qt

from linkdesk.demo import populate
from linkdesk.store import TEST_KDF, create_store
from linkdesk.ui.plans import patient_picker
from linkdesk.ui.printing import preview as previews

from ..conftest import PASSPHRASE
from .patients.conftest import type_details


def _demo_window(make_window, qtbot, store_dir):
    demo_store = create_store(store_dir, PASSPHRASE, kdf=TEST_KDF)
    populate(demo_store)
    demo_store.close()
    window = make_window()
    window.start()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    plans = next(tab for tab in window.tabs if tab.title == "Plans")
    assert plans.patient_list.model().rowCount() == 0  # not read at unlock: the Patients tab is on screen
    window.show()
    window.tab_widget.setCurrentWidget(plans)  # read when first shown
    qtbot.waitUntil(lambda: plans.patient_list.model().rowCount() > 0, timeout=5000)
    plans.patient_list.setCurrentIndex(plans.patient_list.model().index(0, 0))
    qtbot.waitUntil(lambda: plans.patient_id is not None, timeout=5000)
    return window, plans


def test_add_to_plan_in_the_directory_adds_the_service_to_the_open_patients_plan(make_window, qtbot, store_dir):
    window, plans = _demo_window(make_window, qtbot, store_dir)
    directory = next(tab for tab in window.tabs if tab.title == "Directory")
    qtbot.keyClicks(directory.search_box, "Selly Oak")
    qtbot.waitUntil(lambda: not directory._search_timer.isActive() and not directory._detail_timer.isActive(),
                    timeout=3000)
    service = directory.detail.detail
    assert service is not None
    before = plans.activities.model.rowCount()
    qtbot.mouseClick(directory.detail.add_to_plan, Qt.MouseButton.LeftButton)
    rows = [plans.activities.model.index(row, 0).data() for row in range(plans.activities.model.rowCount())]
    assert plans.activities.model.rowCount() == before + 1
    assert any(service.name in (text or "") for text in rows)


def test_print_plan_opens_a_preview_and_locking_closes_it(make_window, qtbot, store_dir):
    window, plans = _demo_window(make_window, qtbot, store_dir)

    preview = plans.print_plan()

    assert preview is not None
    qtbot.waitUntil(lambda: bool(previews._open_previews), timeout=10000)
    dialog = next(iter(previews._open_previews))
    assert dialog.isVisible()
    window.lock()
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed, and deleted on close
    assert not previews._open_previews


def test_erasing_a_patient_closes_their_plan_in_the_plans_tab(make_window, qtbot, store_dir):
    window, plans = _demo_window(make_window, qtbot, store_dir)
    erased = plans.patient_id
    plans.editor.what_matters.setPlainText("typed into the plan, never saved")
    patients = next(tab for tab in window.tabs if tab.title == "Patients")
    patients.open_patient(erased)
    patients.record_tabs.setCurrentWidget(patients.pane.data_rights)
    dialog = patients.pane.data_rights.open_erase()
    qtbot.keyClicks(dialog.reason, "Asked to be forgotten")
    qtbot.keyClicks(dialog.confirm, "erase")
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)

    assert plans.patient_id is None and plans.lock_snapshot() is None  # the typed plan is gone, not parked
    assert plans.patient_model.row_of(erased) is None and plans.patient_model.rowCount() > 0


def _show(window, tab):
    window.tab_widget.setCurrentWidget(tab)
    assert tab.isVisible()


def _count_plans_list_reads(monkeypatch):
    """Every read of the caseload the Plans tab's list makes (the Patients tab reads its own)."""
    reads = []
    real = patient_picker.list_caseload
    monkeypatch.setattr(patient_picker, "list_caseload", lambda store: reads.append(store) or real(store))
    return reads


def test_a_patient_added_in_the_patients_tab_is_in_the_plans_list_when_it_is_shown(make_window, qtbot, store_dir):
    window, plans = _demo_window(make_window, qtbot, store_dir)
    window.show()
    patients = next(tab for tab in window.tabs if tab.title == "Patients")
    _show(window, patients)
    patients.new_patient()
    type_details(qtbot, patients, first_name="Ceridwen", last_name="Ashdown-Test", date_of_birth="12/06/1948")
    assert patients.save()

    _show(window, plans)
    qtbot.keyClicks(plans.search_box, "ashdown")
    qtbot.waitUntil(lambda: not plans.picker.search_timer.isActive(), timeout=2000)
    assert [plans.patient_model.index(row).data() for row in range(plans.patient_model.rowCount())] == \
        ["Ceridwen Ashdown-Test (12 Jun 1948)"]


def test_the_plans_list_is_read_again_only_after_the_caseload_changed(make_window, qtbot, store_dir, monkeypatch):
    window, plans = _demo_window(make_window, qtbot, store_dir)
    window.show()
    patients = next(tab for tab in window.tabs if tab.title == "Patients")
    reads = _count_plans_list_reads(monkeypatch)
    for _ in range(3):
        _show(window, patients)
        _show(window, plans)
    assert reads == []  # nothing changed: the list on screen is still right

    # The open patient's surname is corrected in the Patients tab while the Plans tab is hidden.
    _show(window, patients)
    patients.open_patient(plans.patient_id)
    type_details(qtbot, patients, last_name="Corrected-Test")
    assert patients.save()
    assert reads == []  # read when the list is next on screen, not for a tab nobody is looking at
    _show(window, plans)
    assert len(reads) == 1
    assert "Corrected-Test" in plans.patient_label.text()
    assert "Corrected-Test" in plans.patient_list.currentIndex().data()
    _show(window, patients)
    _show(window, plans)
    assert len(reads) == 1

    window.lock()
    qtbot.keyClicks(window.unlock_page.passphrase, PASSPHRASE)
    window.unlock_page.submit()
    assert len(reads) == 2  # every unlock reads it afresh when shown (changes made outside the app show then)
