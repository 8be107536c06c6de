"""The Directory tab: search as you type over the community directory, with filters and details."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
)

from linkdesk.directory import services
from linkdesk.directory.detail import draft_for, get_service_detail
from linkdesk.directory.errors import DirectoryError
from linkdesk.directory.search import search_services
from linkdesk.documents.booklet import BookletChoice

from ..dialog_drafts import not_restored
from ..printing.actions import preview_booklet, preview_leaflet
from ..tasks import register_expected_error
from ..widgets import message_label
from ..workspace import WorkspaceContext, WorkspaceTab
from .categories_dialog import CategoriesDialog
from .detail_pane import ServiceDetailPane
from .editor import ServiceEditorDialog
from .filter_bar import FilterBar
from .results_model import ServiceTableModel
from .transfer import Transfer

register_expected_error(DirectoryError)

# A screen shows about twenty rows; a hundred is plenty to scroll, and halves the work per keystroke.
RESULT_LIMIT = 100


class DirectoryTab(WorkspaceTab):
    title = "Directory"
    lock_key = "directory"
    add_to_plan_requested = Signal(str)  # a service id; the main window passes it to the Plans tab

    def __init__(self, context: WorkspaceContext):
        super().__init__(context)
        self.dialog_draft: dict | None = None  # a service editor the lock closed (see dialog_drafts)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search services: walking, befriending, B30, Tuesday…")
        self.search_box.setAccessibleName("Search the directory")
        self.search_box.setClearButtonEnabled(True)
        font = self.search_box.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.search_box.setFont(font)

        self.add_button = QPushButton("&Add a service…")
        self.add_button.clicked.connect(self.add_service)
        self.transfer_button = QToolButton()
        self.transfer_button.setText("&Import or export")
        self.transfer_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.transfer_button)
        menu.addAction("Import from a file…", lambda: self._transfer().ask_file())
        menu.addAction("Import from a folder…", lambda: self._transfer().ask_folder())
        menu.addAction("Import from an Open Referral feed…", lambda: self._transfer().ask_feed())
        menu.addSeparator()
        menu.addAction("Export as ORUK JSON…", lambda: self._transfer().ask_export("oruk-json"))
        menu.addAction("Export as ORUK CSV…", lambda: self._transfer().ask_export("oruk-csv"))
        menu.addSeparator()
        menu.addAction("Categories of imported services…", self.edit_categories)
        self.transfer_button.setMenu(menu)
        self.booklet_button = QToolButton()
        self.booklet_button.setText("Print &booklet")
        self.booklet_button.setToolTip("A booklet of the services matching the category, area and shortlist filters")
        self.booklet_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        booklet_menu = QMenu(self.booklet_button)
        for label, variant in (("Standard…", "standard"), ("Large print…", "large"), ("Easy read…", "easy")):
            booklet_menu.addAction(label, lambda variant=variant: self.print_booklet(variant))
        self.booklet_button.setMenu(booklet_menu)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.booklet_button)
        top.addWidget(self.transfer_button)
        self.filter_bar = FilterBar()

        self.model = ServiceTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(ServiceTableModel.SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Services found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the search's own order
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Widths from the font, set once: sizing to contents would measure every row per keystroke.
        width = self.fontMetrics().horizontalAdvance
        for column, sample in ((ServiceTableModel.COST, "£10 a session"), (ServiceTableModel.POSTCODE, "B30 8SEX"),
                               (ServiceTableModel.VERIFIED, "30 Sep 2026 (check)")):
            header.resizeSection(column, width(sample) + 24)
        header.setSectionResizeMode(ServiceTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ServiceTableModel.WHEN, QHeaderView.ResizeMode.Stretch)
        # Organisation and categories are in the detail pane; the list stays readable on a laptop.
        for column in (ServiceTableModel.ORGANISATION, ServiceTableModel.CATEGORIES):
            self.table.setColumnHidden(column, True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail = ServiceDetailPane()
        self.detail.favourite_clicked.connect(self.toggle_favourite)
        self.detail.verify_clicked.connect(self.verify)
        self.detail.edit_clicked.connect(self.edit_service)
        self.detail.archive_clicked.connect(self.toggle_archived)
        self.detail.save_notes_clicked.connect(self.save_notes)
        self.detail.add_to_plan_clicked.connect(
            lambda: self.detail.detail and self.add_to_plan_requested.emit(self.detail.detail.id))
        self.detail.print_clicked.connect(self.print_leaflet)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 440])
        self.count_label = QLabel()
        self.message = message_label()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.message, 1)
        layout.addLayout(bottom)

        # Keystrokes are coalesced: one search per pause in typing, however fast the typist.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(30)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textChanged.connect(self._search_timer.start)
        self.filter_bar.changed.connect(self._search_timer.start)
        # The detail pane follows the selection after a short pause, so typing stays quick.
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(120)
        self._detail_timer.timeout.connect(self.show_current_detail)
        self._set_enabled(False)

    # -- store life --------------------------------------------------------------------

    def store_opened(self, store) -> None:
        super().store_opened(store)
        self._set_enabled(True)
        self.refresh()

    def clear_for_lock(self) -> None:
        self._search_timer.stop()
        self._detail_timer.stop()
        self.model.set_rows([])
        self.detail.show_detail(None)
        self.search_box.clear()
        self.count_label.clear()
        self.message.clear()
        self.dialog_draft = None
        self._set_enabled(False)
        super().clear_for_lock()

    def lock_snapshot(self) -> dict | None:
        snapshot = {"query": self.search_box.text()}
        if self.detail.detail is not None:
            snapshot["service_id"] = self.detail.detail.id
            if self.detail.notes_unsaved:
                snapshot["notes"] = self.detail.notes.toPlainText()
        if self.dialog_draft:
            snapshot["dialog"] = self.dialog_draft
        return snapshot if len(snapshot) > 1 or snapshot["query"] else None

    def keep_dialog_draft(self, snapshot: dict) -> None:
        """The service editor was closed by something other than its user (the lock)."""
        self.dialog_draft = snapshot

    def restore_snapshot(self, snapshot: dict) -> None:
        self.search_box.setText(snapshot.get("query", ""))
        self.refresh()
        service_id = snapshot.get("service_id")
        if service_id:
            self.select_service(service_id)
            if "notes" in snapshot:
                self.detail.show_detail(self.detail.detail, notes=snapshot["notes"])
        if snapshot.get("dialog", {}).get("kind") == "service":
            self.reopen_editor(snapshot["dialog"])

    def reopen_editor(self, draft: dict) -> ServiceEditorDialog | None:
        """The add or edit form being typed in when the app locked, filled in again (if its service is still there)."""
        service_id = draft.get("service_id")
        try:
            dialog = self.add_service() if service_id is None else self.edit_service(service_id)
        except DirectoryError:
            self.message.show_error(not_restored("service details", "the service is no longer in the directory."))
            return None
        dialog.restore(draft)
        return dialog

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.search_box, self.filter_bar, self.add_button, self.booklet_button, self.transfer_button,
                       self.table):
            widget.setEnabled(enabled)

    # -- searching ---------------------------------------------------------------------

    def refresh(self, message: str = "") -> None:
        if self.store is None:
            return
        self._search_timer.stop()
        selected = self.detail.detail.id if self.detail.detail else None
        try:
            rows = search_services(self.store, self.search_box.text(), self.filter_bar.filters(),
                                   self.filter_bar.sort_order(), limit=RESULT_LIMIT)
        except DirectoryError as error:
            self.message.show_error(str(error))
            return
        self.message.show_info(message)
        self.model.set_rows(rows)
        more = ""
        if len(rows) >= RESULT_LIMIT:
            more = (" (the best matches: type more to narrow)" if self.search_box.text().strip()
                    else f" (the first {RESULT_LIMIT}: search or filter to narrow)")
        self.count_label.setText(f"{len(rows)} service{'' if len(rows) == 1 else 's'}{more}")
        if selected and self.model.row_of(selected) is not None:
            self.select_service(selected)
        elif rows:
            self.select_row(0)
        else:
            self.detail.show_detail(None)

    def select_row(self, row: int) -> None:
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def select_service(self, service_id: str) -> None:
        row = self.model.row_of(service_id)
        if row is not None:
            self.select_row(row)
            self.show_current_detail()

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and self.store is not None:
            self._detail_timer.start()

    def show_current_detail(self) -> None:
        self._detail_timer.stop()
        current = self.table.selectionModel().currentIndex()
        if not current.isValid() or self.store is None:
            return
        service_id = self.proxy.data(current, ServiceTableModel.ID_ROLE)
        if self.detail.detail is None or self.detail.detail.id != service_id:
            self.detail.show_detail(get_service_detail(self.store, service_id))

    # -- actions on the selected service --------------------------------------------------

    def _act(self, action, done_message: str) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        try:
            action(detail.id)
        except DirectoryError as error:
            self.message.show_error(str(error))
            return
        unsaved = self.detail.notes.toPlainText() if self.detail.notes_unsaved else None
        self.detail.show_detail(get_service_detail(self.store, detail.id), notes=unsaved)  # typed notes stay
        self.refresh(done_message)

    def toggle_favourite(self) -> None:
        self._act(lambda service_id: services.toggle_favourite(self.store, service_id), "Shortlist updated.")

    def verify(self) -> None:
        self._act(lambda service_id: services.verify_service(self.store, service_id), "Marked as checked today.")

    def toggle_archived(self) -> None:
        archived = not self.detail.detail.archived
        self._act(lambda service_id: services.set_archived(self.store, service_id, archived),
                  "Service archived." if archived else "Service restored.")

    def save_notes(self) -> None:
        notes = self.detail.notes.toPlainText()
        self._act(lambda service_id: services.set_local_notes(self.store, service_id, notes), "Notes saved.")

    def print_leaflet(self):
        if self.detail.detail is not None:
            return preview_leaflet(self, self.context, self.store, self.detail.detail.id)

    def booklet_choice(self) -> BookletChoice:
        """The booklet follows the filters a booklet can honour: category, area and shortlist."""
        filters = self.filter_bar.filters()
        return BookletChoice(category=filters.category, area=filters.place, shortlist=filters.favourites_only)

    def print_booklet(self, variant: str = "standard"):
        return preview_booklet(self, self.context, self.store, self.booklet_choice(), variant)

    def edit_categories(self) -> CategoriesDialog:
        dialog = CategoriesDialog(self.store, self, on_changed=self.refresh)
        dialog.open()
        return dialog

    def add_service(self) -> ServiceEditorDialog:
        dialog = ServiceEditorDialog(services.ServiceDraft(), lambda draft: services.add_service(self.store, draft),
                                     self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id, "Service added."))
        dialog.open()
        return dialog

    def edit_service(self, service_id: str | None = None) -> ServiceEditorDialog:
        """Edit the service shown (or `service_id`); raises ServiceNotFound if it is not in the directory."""
        service_id = service_id or self.detail.detail.id
        dialog = ServiceEditorDialog(draft_for(self.store, service_id),
                                     lambda draft: services.edit_service(self.store, service_id, draft),
                                     self, title="Edit service", service_id=service_id)
        dialog.accepted.connect(lambda: self._saved(service_id, "Changes saved."))
        dialog.open()
        return dialog

    def _saved(self, service_id: str, message: str) -> None:
        self.detail.show_detail(get_service_detail(self.store, service_id))
        self.refresh(message)
        self.select_service(service_id)

    def _transfer(self) -> Transfer:
        return Transfer(self, self.context.runner, self.store, self.refresh)
