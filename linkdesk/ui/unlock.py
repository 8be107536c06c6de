"""The two screens before any data shows: "Create your store" and "Unlock LinkDesk"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkdesk.store import (
    DamagedStore,
    KdfParams,
    NewerStore,
    StoreError,
    StoreNotFound,
    WeakPassphrase,
    WrongPassphrase,
    create_store,
    open_store,
)
from linkdesk.store.passphrase import strength_hint, validate_new_passphrase

from .tasks import TaskRunner
from .widgets import heading, message_label, password_field


class _CentredPage(QWidget):
    """A narrow column in the middle of the window, as on any sign-in screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.column = QVBoxLayout()
        self.column.setSpacing(12)
        holder = QWidget()
        holder.setLayout(self.column)
        holder.setMaximumWidth(560)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)
        outer.setAlignment(holder, Qt.AlignmentFlag.AlignVCenter)


class UnlockPage(_CentredPage):
    """Asks for the passphrase; derives the key on a worker thread so the window stays live."""

    unlocked = Signal(object)  # the open Store
    no_store = Signal()
    restore_requested = Signal()

    def __init__(self, runner: TaskRunner, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self.folder = folder
        self._busy = False
        # The first unlock of a session checks every page of the file; later ones (after Ctrl+L or
        # the idle lock, many times a day) only what opening needs. See docs/SECURITY.md.
        self.thorough = True
        self.column.addWidget(heading("Unlock LinkDesk"))
        self.folder_label = QLabel(f"Store: {folder}")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.column.addWidget(self.folder_label)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.column.addWidget(self.hint)

        form = QFormLayout()
        self.passphrase = password_field("Passphrase")
        self.passphrase.returnPressed.connect(self.submit)
        form.addRow("&Passphrase", self.passphrase)
        self.column.addLayout(form)

        buttons = QHBoxLayout()
        self.restore_button = QPushButton("&Restore from backup…")
        self.restore_button.clicked.connect(self.restore_requested)
        self.restore_button.hide()
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        self.column.addLayout(buttons)
        self.message = message_label()
        self.column.addWidget(self.message)

    def set_hint(self, text: str) -> None:
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.set_busy(False)
        self.passphrase.setFocus()

    def submit(self) -> None:
        if self._busy:  # one unlock, or one restore, at a time
            return
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.show_error("Type your passphrase.")
            return
        self.set_busy(True)
        self.message.show_info("Unlocking…")
        folder, thorough = self.folder, self.thorough
        self._runner.run(lambda task: open_store(folder, passphrase, thorough=thorough), self._opened, self._failed,
                         on_finished=lambda: self.set_busy(False))  # also after a bug, shown by the error dialog

    def _opened(self, store) -> None:
        self.thorough = False
        self.passphrase.clear()
        self.message.clear()
        self.set_busy(False)
        self.unlocked.emit(store)

    def _failed(self, error: StoreError) -> None:
        self.set_busy(False)
        if isinstance(error, StoreNotFound):
            self.no_store.emit()
            return
        self.message.show_error(str(error))
        self.restore_button.setVisible(isinstance(error, (DamagedStore, NewerStore)))
        if isinstance(error, WrongPassphrase):
            self.passphrase.selectAll()
        self.passphrase.setFocus()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        """While a key is derived here, or a backup is restored over this store, nothing can be started."""
        self._busy = busy
        for widget in (self.passphrase, self.unlock_button, self.restore_button):
            widget.setEnabled(not busy)


class CreateStorePage(_CentredPage):
    """First run: choose a passphrase, twice, knowing there is no recovery."""

    created = Signal(object)  # the open Store

    def __init__(self, runner: TaskRunner, folder: Path, kdf: KdfParams | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._kdf = kdf
        self.folder = folder
        self.column.addWidget(heading("Create your store"))
        intro = QLabel(
            f"LinkDesk keeps everything in an encrypted store in {folder}. "
            "Choose a passphrase of at least 10 characters; three or four unrelated words work well."
        )
        intro.setWordWrap(True)
        self.column.addWidget(intro)
        warning = QLabel(
            "<b>There is no way to recover a lost passphrase.</b> If it is lost, everything in the "
            "store is lost with it. Keep it in your organisation's password manager."
        )
        warning.setWordWrap(True)
        warning.setAccessibleName("Warning: there is no passphrase recovery")
        self.column.addWidget(warning)

        form = QFormLayout()
        self.passphrase = password_field("New passphrase")
        self.repeated = password_field("New passphrase again")
        self.repeated.returnPressed.connect(self.submit)
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("&Type it again", self.repeated)
        self.strength = QLabel(strength_hint(""))
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName("Passphrase strength")
        form.addRow("Strength", self.strength)
        self.passphrase.textChanged.connect(lambda text: self.strength.setText(strength_hint(text)))
        self.column.addLayout(form)

        self.create_button = QPushButton("&Create store")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        self.column.addLayout(row)
        self.message = message_label()
        self.column.addWidget(self.message)

    def submit(self) -> None:
        passphrase, repeated = self.passphrase.text(), self.repeated.text()
        try:
            validate_new_passphrase(passphrase, repeated)
        except WeakPassphrase as error:
            self.message.show_error(str(error))
            return
        self._set_busy(True)
        self.message.show_info("Creating your store…")
        folder, kdf = self.folder, self._kdf
        self._runner.run(
            lambda task: create_store(folder, passphrase, repeated=repeated, kdf=kdf),
            self._created,
            self._failed,
        )

    def _created(self, store) -> None:
        self.passphrase.clear()
        self.repeated.clear()
        self.message.clear()
        self._set_busy(False)
        self.created.emit(store)

    def _failed(self, error: StoreError) -> None:
        self._set_busy(False)
        self.message.show_error(str(error))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.repeated, self.create_button):
            widget.setEnabled(not busy)
