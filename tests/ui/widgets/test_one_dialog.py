"""OneDialog: one dialog open at a time, and a closed one leaves nothing among its panel's children."""

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton, QWidget

from linkdesk.ui.widgets import button_row
from linkdesk.ui.widgets.one_dialog import OneDialog


def typed_dialog(parent: QWidget, text: str) -> QDialog:
    dialog = QDialog(parent)
    field = QLineEdit(dialog)
    field.setText(text)
    return dialog


@pytest.fixture
def cut_loose():
    return []


@pytest.fixture
def finished():
    return []


@pytest.fixture
def dialogs(cut_loose, finished):
    return OneDialog(before_close=cut_loose.append, on_finished=finished.append)


def test_opening_another_dialog_closes_the_first_for_good(parent, dialogs, cut_loose, finished):
    first = dialogs.open(typed_dialog(parent, "Private note"))
    assert dialogs.current is first and first.isVisible()

    second = dialogs.open(typed_dialog(parent, "Another note"))
    assert dialogs.current is second and second.isVisible()
    assert cut_loose == [first] and finished == [first]  # cut loose before it was rejected
    assert not first.isVisible() and first.parent() is None
    assert [field.text() for field in parent.findChildren(QLineEdit)] == ["Another note"]

    dialogs.close()
    assert dialogs.current is None and cut_loose == [first, second]
    assert parent.findChildren(QLineEdit) == []
    dialogs.close()  # nothing open: nothing to do
    assert cut_loose == [first, second]


def test_a_dialog_the_user_closes_is_forgotten_without_being_cut_loose(parent, dialogs, cut_loose, finished):
    dialog = dialogs.open(typed_dialog(parent, "Done with this"))
    dialog.accept()
    assert dialogs.current is None and finished == [dialog] and cut_loose == []


def test_a_button_row_keeps_its_buttons_at_the_left(parent):
    row = button_row(QPushButton("Add"), QPushButton("Edit"))
    parent.setLayout(row)
    assert [row.itemAt(number).widget().text() for number in range(2)] == ["Add", "Edit"]
    assert row.count() == 3 and row.itemAt(2).spacerItem() is not None  # the spare room comes last
