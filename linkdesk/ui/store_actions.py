"""The store's menu actions: change passphrase, back up, restore, audit log, settings, about.

Each is a function taking the main window, so the window itself stays small. Slow work
(key derivation, copying the database) runs on the window's TaskRunner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkdesk import __version__
from linkdesk.store import WeakPassphrase, open_store
from linkdesk.store.backup import backup_folder_for, default_backup_folder, restore_store, run_automatic_backup
from linkdesk.store.engine import sqlcipher_library_version
from linkdesk.store.passphrase import strength_hint, validate_new_passphrase
from linkdesk.store.settings import BACKUP_FOLDER, IDLE_LOCK_MINUTES, idle_lock_minutes, read_setting, write_setting

from .audit_view import AuditLogDialog
from .widgets import message_label, password_field


def show_error(parent: QWidget, error: BaseException) -> None:
    QMessageBox.warning(parent, "LinkDesk", str(error))


# -- passphrase -------------------------------------------------------------------------


class ChangePassphraseDialog(QDialog):
    """Current passphrase, new one twice; the rekey runs in the background."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.setWindowTitle("Change passphrase")
        layout = QVBoxLayout(self)
        note = QLabel(
            "The store will be re-encrypted under the new passphrase. Backups made before "
            "today still open with the passphrase they were made with."
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.current = password_field("Current passphrase")
        self.new = password_field("New passphrase")
        self.repeated = password_field("New passphrase again")
        self.strength = QLabel(strength_hint(""))
        self.strength.setWordWrap(True)
        self.new.textChanged.connect(lambda text: self.strength.setText(strength_hint(text)))
        form.addRow("&Current passphrase", self.current)
        form.addRow("&New passphrase", self.new)
        form.addRow("&Type it again", self.repeated)
        form.addRow("Strength", self.strength)
        layout.addLayout(form)
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Change passphrase")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        current, new, repeated = self.current.text(), self.new.text(), self.repeated.text()
        try:
            validate_new_passphrase(new, repeated)
        except WeakPassphrase as error:
            self.message.show_error(str(error))
            return
        self.setEnabled(False)
        self.message.show_info("Re-encrypting the store…")
        store = self._window.store
        self._window.runner.run(lambda task: store.change_passphrase(current, new, repeated), self._done, self._failed)

    def _done(self, _result) -> None:
        self._window.show_status("The passphrase was changed.")
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.message.show_error(str(error))


def change_passphrase(window) -> None:
    ChangePassphraseDialog(window).open()


# -- backup and restore -----------------------------------------------------------------


def back_up_now(window) -> None:
    store = window.store
    window.show_status("Backing up…")
    window.runner.run(
        lambda task: run_automatic_backup(store, backup_folder_for(store)),
        lambda target: window.show_status(f"Verified backup written to {target}"),
        window.show_error,
    )


def restore_from_backup(window) -> None:
    """Choose a backup folder, give its passphrase, confirm, then restore in the background."""
    if window.unlock_page.busy:  # File > Restore stays in the menu while locked
        window.show_status("Wait for the unlock or restore under way to finish.")
        return
    start = default_backup_folder(window.folder)
    chosen = QFileDialog.getExistingDirectory(window, "Choose the backup folder to restore",
                                              str(start if start.exists() else window.folder))
    if not chosen:
        return
    passphrase, ok = QInputDialog.getText(
        window, "Restore from backup",
        "Passphrase of this backup (the one in use when the backup was made):",
        QLineEdit.EchoMode.Password,
    )
    if not ok or not passphrase:
        return
    answer = QMessageBox.question(
        window, "Restore from backup",
        f"Replace the store in {window.folder} with the backup in {chosen}?\n\n"
        "The store it replaces is kept aside in a 'replaced-…' folder there, not deleted. "
        "Unsaved edits stay with it: save or discard them first, as they are not carried "
        "into the restored store.",
    )
    if answer == QMessageBox.StandardButton.Yes:
        restore_backup(window, Path(chosen), passphrase)


def restore_backup(window, backup: Path, passphrase: str) -> None:
    """Lock, restore (checked first), then open the restored store with the same passphrase.

    The unlock page stays busy until then: checking the backup derives its key, which takes a
    while, and the old store unlocked meanwhile would make the restore fail as "in use".
    """
    window.lock()
    folder, page = window.folder, window.unlock_page

    def work(task):
        aside = restore_store(folder, backup, passphrase)
        return aside, open_store(folder, passphrase)

    def done(result) -> None:
        aside, store = result
        page.set_busy(False)
        page.message.clear()
        window.open_workspace(store)
        kept = f" The replaced store is kept in {aside}." if aside else ""
        window.show_status(f"Restored from {backup}.{kept}")

    def failed(error: BaseException) -> None:
        page.set_busy(False)
        text = f"The backup was not restored: {error}"
        if window.stack.currentWidget() is page:
            page.message.show_error(text)
            page.passphrase.setFocus()
        window.show_status(text)

    page.set_busy(True)
    page.message.show_info("Checking and restoring the backup…")
    window.show_status("Checking and restoring the backup…")
    window.runner.run(work, done, failed, on_finished=lambda: page.set_busy(False))


# -- audit, settings, about ------------------------------------------------------------


def show_audit_log(window) -> AuditLogDialog:
    dialog = AuditLogDialog(window.store, window.runner, window)
    dialog.open()
    return dialog


class SettingsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        store = window.store
        self.setWindowTitle("Settings")
        form = QFormLayout(self)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 240)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setValue(idle_lock_minutes(store))
        self.idle_minutes.setAccessibleName("Lock after this many idle minutes")
        form.addRow("&Lock when idle for", self.idle_minutes)
        self.backup_folder = QLineEdit(read_setting(store, BACKUP_FOLDER))
        self.backup_folder.setPlaceholderText(str(default_backup_folder(store.folder)))
        self.backup_folder.setAccessibleName("Backup folder")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(browse)
        form.addRow("&Backup folder", row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the backup folder")
        if chosen:
            self.backup_folder.setText(chosen)

    def save(self) -> None:
        store = self._window.store
        write_setting(store, IDLE_LOCK_MINUTES, str(self.idle_minutes.value()))
        write_setting(store, BACKUP_FOLDER, self.backup_folder.text().strip())
        self._window.idle.set_timeout_ms(self.idle_minutes.value() * 60_000)
        self.accept()


def show_settings(window) -> None:
    SettingsDialog(window).open()


def about_text(window) -> str:
    lines = [f"<h3>LinkDesk {__version__}</h3>",
             "<p>The social prescribing link worker's desktop.</p>",
             f"<p><b>Data folder:</b> {window.folder}</p>"]
    if window.store is not None:
        info = window.store.cipher_info()
        kdf = info.kdf
        lines += [
            f"<p><b>SQLCipher:</b> {info.cipher_version}</p>",
            "<p><b>Encryption:</b> AES-256 with a raw 256-bit key, pages authenticated with "
            f"HMAC-SHA512, {_page_size(info.cipher_settings)}-byte pages.</p>",
            f"<p><b>Key derivation:</b> Argon2id, {kdf.memory_kib // 1024} MiB, {kdf.time_cost} passes, "
            f"{kdf.parallelism} lanes.</p>",
        ]
    else:
        lines.append(f"<p><b>SQLCipher:</b> {sqlcipher_library_version()}</p>")
    return "".join(lines)


def _page_size(settings: list[str]) -> str:
    for setting in settings:
        if "cipher_page_size" in setting:
            return setting.split("=")[1].strip(" ;")
    return "4096"


def show_about(window) -> None:
    QMessageBox.about(window, "About LinkDesk", about_text(window))
