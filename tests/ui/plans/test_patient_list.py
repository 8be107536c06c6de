"""The Plans tab's patient list follows the caseload: at once when on screen, otherwise when next shown."""

from ...plans.conftest import make_patient


def _listed(tab):
    return [tab.patient_model.index(row).data() for row in range(tab.patient_model.rowCount())]


def test_a_change_announced_while_the_list_is_on_screen_shows_at_once(tab, store):
    make_patient(store, "Ffion", "Tudor-Test", needs=())
    assert not any(name.startswith("Ffion Tudor-Test") for name in _listed(tab))  # not announced yet

    tab.caseload_changed()

    assert any(name.startswith("Ffion Tudor-Test") for name in _listed(tab))


def test_a_change_announced_while_the_tab_is_hidden_shows_when_it_is_shown(tab, store):
    tab.hide()
    make_patient(store, "Ffion", "Tudor-Test", needs=())
    tab.caseload_changed()
    assert not any(name.startswith("Ffion Tudor-Test") for name in _listed(tab))

    tab.show()

    assert any(name.startswith("Ffion Tudor-Test") for name in _listed(tab))


def test_after_a_lock_nothing_is_read_until_the_next_unlock(tab, store):
    tab.clear_for_lock()
    tab.caseload_changed()  # nothing should announce one while locked; if it did, nothing is read
    tab.hide()
    tab.show()
    assert _listed(tab) == []

    tab.store_opened(store)
    assert len(_listed(tab)) == 2
