"""The main window: create/unlock screens, the three tabs, menus, status bar, and locking."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget

from linkdesk.store import Store, store_exists
from linkdesk.store import drafts as parked_drafts
from linkdesk.store.backup import backup_if_due
from linkdesk.store.keys import KdfParams
from linkdesk.store.settings import idle_lock_minutes

from . import store_actions
from .lock import ClipboardGuard, IdleWatcher
from .printing.preview import close_previews
from .tasks import TaskRunner
from .ui_thread_gc import collect_now
from .unlock import CreateStorePage, UnlockPage
from .workspace import TabFactory, WorkspaceContext, WorkspaceTab


def default_tabs() -> list[TabFactory]:
    from .directory.tab import DirectoryTab
    from .patients.tab import PatientsTab
    from .plans.tab import PlansTab

    return [PatientsTab, PlansTab, DirectoryTab]


class MainWindow(QMainWindow):
    def __init__(
        self,
        folder: Path,
        runner: TaskRunner,
        *,
        tabs: Sequence[TabFactory] | None = None,
        kdf: KdfParams | None = None,
        demo_hint: str = "",
        idle_timeout_ms: int | None = None,
    ):
        super().__init__()
        self.folder = folder
        self.runner = runner
        self.store: Store | None = None
        self.clipboard = ClipboardGuard()
        self._idle_override_ms = idle_timeout_ms
        self.setWindowTitle("LinkDesk")
        self.resize(1100, 720)

        self.create_page = CreateStorePage(runner, folder, kdf)
        self.unlock_page = UnlockPage(runner, folder)
        self.unlock_page.set_hint(demo_hint)
        self.tab_widget = QTabWidget()
        self.tab_widget.setDocumentMode(True)
        context = WorkspaceContext(runner, self.clipboard, self.show_status)
        self.tabs: list[WorkspaceTab] = [factory(context) for factory in (tabs or default_tabs())]
        for tab in self.tabs:
            self.tab_widget.addTab(tab, tab.title)
        self._connect_tabs()
        self.stack = QStackedWidget()
        for page in (self.create_page, self.unlock_page, self.tab_widget):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)

        self.create_page.created.connect(self.open_workspace)
        self.unlock_page.unlocked.connect(self.open_workspace)
        self.unlock_page.no_store.connect(self.show_create)
        self.unlock_page.restore_requested.connect(lambda: store_actions.restore_from_backup(self))

        self.idle = IdleWatcher(60_000, self)
        self.idle.idle.connect(self.lock)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._build_menus()
        self._set_unlocked(False)

    def _connect_tabs(self) -> None:
        """What one tab asks of another goes through the window, so tabs never know each other."""
        planner = next((tab for tab in self.tabs if hasattr(tab, "add_service")), None)
        for tab in self.tabs:
            if planner is not None and hasattr(tab, "add_to_plan_requested"):
                tab.add_to_plan_requested.connect(lambda service_id: self._add_to_plan(planner, service_id))
            if hasattr(tab, "patient_removed"):
                for other in self.tabs:
                    if other is not tab:
                        tab.patient_removed.connect(other.forget_patient)
            if hasattr(tab, "patients_changed"):
                for other in self.tabs:
                    if other is not tab:
                        tab.patients_changed.connect(other.caseload_changed)

    def _add_to_plan(self, planner, service_id: str) -> None:
        if planner.add_service(service_id) is None:
            self.show_status(planner.message.text())

    # -- menus -------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.lock_action = self._action(file_menu, "&Lock", self.lock, "Ctrl+L")
        self.restore_action = self._action(file_menu, "&Restore from backup…",
                                           lambda: store_actions.restore_from_backup(self))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        for text, method, key in (
            ("Cu&t", "cut", QKeySequence.StandardKey.Cut),
            ("&Copy", "copy", QKeySequence.StandardKey.Copy),
            ("&Paste", "paste", QKeySequence.StandardKey.Paste),
            ("Select &all", "selectAll", QKeySequence.StandardKey.SelectAll),
        ):
            action = self._action(edit_menu, text, lambda _=False, m=method: self._edit(m))
            # Shown in the menu, but the focused widget keeps handling the key itself.
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        view_menu = bar.addMenu("&View")
        self.view_actions = [
            self._action(view_menu, f"&{tab.title}", lambda _=False, i=index: self.tab_widget.setCurrentIndex(i),
                         f"Ctrl+{index + 1}")
            for index, tab in enumerate(self.tabs)
        ]

        tools_menu = bar.addMenu("&Tools")
        self.store_actions = [
            self._action(tools_menu, "&Change passphrase…", lambda: store_actions.change_passphrase(self)),
            self._action(tools_menu, "&Back up now", lambda: store_actions.back_up_now(self)),
            self._action(tools_menu, "&Audit log…", lambda: store_actions.show_audit_log(self)),
            self._action(tools_menu, "&Practices and link workers…", self.show_setup),
            self._action(tools_menu, "&Organisation details for printing…", self.show_print_settings),
            self._action(tools_menu, "&Reports…", self.show_reports, "Ctrl+R"),
            self._action(tools_menu, "Records due for re&view…", self.show_retention),
            self._action(tools_menu, "&Settings…", lambda: store_actions.show_settings(self)),
        ]

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About LinkDesk", lambda: store_actions.show_about(self))

    def show_setup(self):
        from .setup_dialog import show_setup

        dialog = show_setup(self)
        # Practices and link workers appear in the tabs' choices: reload them when done.
        dialog.finished.connect(lambda _result: self.store and [tab.store_opened(self.store) for tab in self.tabs])
        return dialog

    def show_print_settings(self):
        from .print_settings_dialog import show_print_settings

        return show_print_settings(self)

    def show_retention(self):
        from .patients.retention_dialog import show_retention

        return show_retention(self)

    def show_reports(self):
        from .reports.dialog import show_reports

        return show_reports(self)

    def _edit(self, method: str) -> None:
        widget = QApplication.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    # -- states ------------------------------------------------------------------------

    def start(self, store: Store | None = None) -> None:
        """Show the right first screen: the workspace (demo), unlock, or create."""
        if store is not None:
            self.open_workspace(store)
        elif store_exists(self.folder):
            self.show_unlock()
        else:
            self.show_create()

    def show_create(self) -> None:
        self.stack.setCurrentWidget(self.create_page)
        self.create_page.passphrase.setFocus()
        self.store_label.setText(f"No store yet in {self.folder}")

    def show_unlock(self) -> None:
        self.unlock_page.reset()
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()
        self.store_label.setText(f"Locked: {self.folder}")

    def open_workspace(self, store: Store) -> None:
        self.store = store
        for tab in self.tabs:
            tab.store_opened(store)
        drafts = parked_drafts.take(store)
        for tab in self.tabs:
            if tab.lock_key and tab.lock_key in drafts:
                tab.restore_snapshot(drafts[tab.lock_key])
        self.idle.set_timeout_ms(self._idle_override_ms or idle_lock_minutes(store) * 60_000)
        self.idle.start()
        self.stack.setCurrentWidget(self.tab_widget)
        self.tab_widget.currentWidget().setFocus()  # keyboard users carry on straight away
        self.store_label.setText(f"Store: {store.folder}")
        self._set_unlocked(True)
        self.runner.run(lambda task: backup_if_due(store), self._backed_up, self.show_error)

    def _backed_up(self, target: Path | None) -> None:
        if target is not None:
            self.show_status(f"Today's automatic backup was written to {target}")

    def lock(self) -> None:
        """Park unsaved edits, clear every view, close the store, show the unlock screen."""
        if self.store is None:
            return
        self.idle.stop()
        # First close every dialog, so none stays over the unlock page or acts on a closed store
        # when OK is pressed later; closing one may start work, which the wait below covers.
        close_previews()  # a print preview may show a patient's plan
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # Background work must finish (or stop at its next check) before the store closes.
        self.runner.cancel_all()
        self.runner.wait_for_all()
        QApplication.processEvents()  # deliver their results while the store is still open
        snapshots = {tab.lock_key: snap for tab in self.tabs if tab.lock_key and (snap := tab.lock_snapshot())}
        parked_drafts.park(self.store, snapshots)
        self.store.audit("lock")
        for tab in self.tabs:
            tab.clear_for_lock()
        self.clipboard.clear_if_ours()
        self.statusBar().clearMessage()  # a message may name a patient
        self.store.close()
        self.store = None
        self._set_unlocked(False)
        self.show_unlock()
        collect_now()  # what the tabs let go of in cycles goes now, not whenever the locked app next allocates

    def _set_unlocked(self, unlocked: bool) -> None:
        self.lock_action.setEnabled(unlocked)
        for action in self.store_actions + self.view_actions:
            action.setEnabled(unlocked)

    # -- messages ----------------------------------------------------------------------

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def show_error(self, error: BaseException) -> None:
        store_actions.show_error(self, error)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quitting locks first, so edits are parked and the store is closed cleanly.
        self.lock()
        super().closeEvent(event)
