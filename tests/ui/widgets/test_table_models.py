"""The shared table bases without any view: a read-only list and an editable table over the caller's list."""

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from linkdesk.ui.widgets.editable_table_model import EditableTableModel
from linkdesk.ui.widgets.table_model import RowListModel

EDIT = Qt.ItemDataRole.EditRole


@dataclass
class Item:
    name: str = ""


class NameListModel(RowListModel):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.row_at(index.row()).name if index.isValid() and role == Qt.ItemDataRole.DisplayRole else None


class NameTableModel(EditableTableModel):
    HEADERS = ("Name",)

    def flags(self, index):
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.isValid() else flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, EDIT):
            return None
        return self.row_at(index.row()).name

    def setData(self, index, value, role=EDIT):
        if not index.isValid() or role != EDIT:
            return False
        self.row_at(index.row()).name = value
        return self.cell_edited(index)


def test_a_list_model_shows_a_copy_of_the_rows_it_is_given(qtmodeltester):
    rows = [Item("Amira"), Item("Ben")]
    model = NameListModel()
    model.set_rows(rows)
    rows.append(Item("Chen"))
    assert model.rowCount() == 2 and model.index(1).data() == "Ben"
    assert model.rowCount(model.index(0)) == 0  # a flat list: rows have no children
    qtmodeltester.check(model)


def test_an_editable_table_edits_its_owners_list_and_says_so(qtmodeltester):
    owned = [Item("Walk on Tuesdays")]
    model = NameTableModel()
    edits = []
    model.edited.connect(lambda: edits.append("edited"))
    model.set_rows(owned)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"

    assert model.append_row(Item()) == 1
    assert model.setData(model.index(1, 0), "Join the choir")
    assert [item.name for item in owned] == ["Walk on Tuesdays", "Join the choir"]
    model.remove_row(0)
    assert [item.name for item in owned] == ["Join the choir"] and model.rowCount(QModelIndex()) == 1
    assert edits == ["edited"] * 3
    qtmodeltester.check(model)
