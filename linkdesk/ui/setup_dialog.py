"""Tools > Practices and link workers: the surgeries served, and who works here (printed on plans)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from linkdesk.caseload import practices
from linkdesk.caseload.errors import CaseloadError, ValidationError

from .widgets import MessageLabel, message_label
from .widgets.table_model import RowTableModel


class RecordTableModel(RowTableModel):
    """Rows are mapped objects; `fields` names the attribute shown in each column."""

    def __init__(self, headers: tuple[str, ...], fields: tuple[str, ...], parent=None):
        super().__init__(parent)
        self.HEADERS = headers
        self.fields = fields

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        record = self.row_at(index.row())
        field = self.fields[index.column()]
        if field == "own_profile":
            return "Me" if record.own_profile else ""
        return getattr(record, field)


class RecordSection(QGroupBox):
    """A table of records with a form below it: choose a row to edit it, or fill the form to add one."""

    def __init__(self, title: str, columns: tuple[tuple[str, str], ...], form_fields: tuple[tuple[str, str], ...],
                 load: Callable[[], list], add: Callable[..., object], update: Callable[..., object]):
        super().__init__(title)
        self._load, self._add, self._update = load, add, update
        self.model = RecordTableModel(tuple(h for h, _ in columns), tuple(f for _, f in columns), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.problems: dict[str, MessageLabel] = {}
        for label, name in form_fields:
            edit = QLineEdit()
            edit.setAccessibleName(label.replace("&", ""))
            problem = MessageLabel()
            problem.hide()
            form.addRow(label, edit)  # the field itself, so the label's Alt shortcut reaches it
            form.addRow("", problem)
            self.fields[name], self.problems[name] = edit, problem
        self.add_button = QPushButton("Add as new")
        self.save_button = QPushButton("Save changes")
        self.clear_button = QPushButton("Clear the form")
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.clear_button.clicked.connect(self.clear_form)
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.clear_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(self.buttons)
        layout.addWidget(self.message)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.model.set_rows(self._load())
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == select_id:
                self.table.selectRow(row)
        self.save_button.setEnabled(self.selected() is not None)

    def selected(self):
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selected(self, *_args) -> None:
        record = self.selected()
        if record is not None:
            for name, edit in self.fields.items():
                edit.setText(getattr(record, name) or "")
        self.save_button.setEnabled(record is not None)
        self._show_problems({})

    def clear_form(self) -> None:
        self.table.clearSelection()
        self.table.selectionModel().clearCurrentIndex()
        for edit in self.fields.values():
            edit.clear()
        self._show_problems({})
        self.save_button.setEnabled(False)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.fields.items()}

    def add(self) -> None:
        self._write(lambda: self._add(**self.values()), "Added.")

    def save(self) -> None:
        record = self.selected()
        if record is not None:
            self._write(lambda: self._update(record.id, **self.values()), "Changes saved.")

    def _write(self, action, done: str) -> None:
        try:
            record = action()
        except ValidationError as error:
            self._show_problems(dict(error.problems))
            self.message.show_error("Nothing was saved: please correct the fields marked in red.")
            return
        except CaseloadError as error:
            self.message.show_error(str(error))
            return
        self.reload(select_id=record.id)
        self._show_problems({})
        self.message.show_info(done)

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.problems.items():
            label.setVisible(name in problems)
            if name in problems:
                label.show_error(problems[name])


class SetupDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        store = window.store
        self.setWindowTitle("Practices and link workers")
        self.resize(760, 720)
        self.practices = RecordSection(
            "Practices", (("Practice", "name"), ("ODS code", "ods_code"), ("Primary care network", "pcn")),
            (("Practice &name", "name"), ("&ODS code", "ods_code"), ("Primary care &network", "pcn")),
            lambda: practices.list_practices(store),
            lambda **values: practices.add_practice(store, **values),
            lambda record_id, **values: practices.update_practice(store, record_id, **values))
        self.workers = RecordSection(
            "Link workers", (("Name", "name"), ("Role", "role"), ("Phone", "phone"), ("This laptop", "own_profile")),
            (("N&ame", "name"), ("&Role", "role"), ("&Phone", "phone"), ("&Email", "email"),
             ("Or&ganisation", "organisation")),
            lambda: practices.list_link_workers(store),
            lambda **values: practices.add_link_worker(store, **values),
            lambda record_id, **values: practices.update_link_worker(store, record_id, **values))
        self.me_button = QPushButton("This is &me (printed on plans)")
        self.me_button.clicked.connect(lambda: self.set_me(store))
        self.workers.buttons.insertWidget(3, self.me_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.practices, 1)
        layout.addWidget(self.workers, 1)
        layout.addWidget(buttons)

    def set_me(self, store) -> None:
        worker = self.workers.selected()
        if worker is None:
            self.workers.message.show_error("Choose yourself in the list first.")
            return
        practices.set_own_profile(store, worker.id)
        self.workers.reload(select_id=worker.id)
        self.workers.message.show_info(f"{worker.name} is printed on plans made on this laptop.")


def show_setup(window) -> SetupDialog:
    dialog = SetupDialog(window)
    dialog.open()
    return dialog
