"""Tools > Organisation details for printing: the name, logo and "If you need help sooner" text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from linkdesk.documents.organisation import print_settings, save_print_settings
from linkdesk.store.settings import DEFAULTS, HELP_SOONER_TEXT, ORGANISATION_NAME, read_setting

from .widgets import message_label

LOGO_MAX_BYTES = 2 * 1024 * 1024


class PrintSettingsDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self._store = window.store
        self.setWindowTitle("Organisation details for printing")
        self.resize(620, 460)
        current = print_settings(self._store)
        self.logo: bytes | None = current.organisation.logo
        # The stored name, not the printed fallback: saving must not freeze the fallback in place.
        self.name = QLineEdit(read_setting(self._store, ORGANISATION_NAME))
        self.name.setPlaceholderText(f"Empty: {current.organisation.name} (from your link worker profile)")
        self.name.setAccessibleName("Organisation name")
        self.logo_preview = QLabel()
        self.logo_preview.setAccessibleName("Logo")
        choose = QPushButton("&Choose a logo…")
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton("&Remove the logo")
        remove.clicked.connect(lambda: self._set_logo(None))
        logo_row = QHBoxLayout()
        for widget in (self.logo_preview, choose, remove):
            logo_row.addWidget(widget)
        logo_row.addStretch(1)
        self.help_text = QPlainTextEdit("\n".join(current.help_lines))
        self.help_text.setAccessibleName("If you need help sooner: one line each")
        restore = QPushButton("Restore the &default text")
        restore.clicked.connect(lambda: self.help_text.setPlainText(DEFAULTS[HELP_SOONER_TEXT]))
        form = QFormLayout()
        form.addRow("Organisation &name", self.name)
        form.addRow("Logo", logo_row)
        form.addRow("If you need &help sooner", self.help_text)
        form.addRow("", restore)
        self.message = message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._set_logo(self.logo)

    def _choose_logo(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose the organisation's logo", "",
                                                "Images (*.png *.jpg *.jpeg)")
        if chosen:
            self.use_logo_file(Path(chosen))

    def use_logo_file(self, path: Path) -> bool:
        """Refuse anything that is not a PNG or JPEG image now, not when a plan is printed."""
        try:
            data = path.read_bytes()
        except OSError as error:
            self.message.show_error(f"{path.name} cannot be read ({error.strerror}).")
            return False
        image = QImage()
        if len(data) > LOGO_MAX_BYTES or not image.loadFromData(data) or image.isNull() \
                or not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
            self.message.show_error(f"{path.name} is not a PNG or JPEG image of up to 2 MB; the logo was not changed.")
            return False
        self._set_logo(data)
        self.message.clear()
        return True

    def _set_logo(self, data: bytes | None) -> None:
        self.logo = data
        if data:
            image = QImage()
            image.loadFromData(data)
            self.logo_preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(48))
        else:
            self.logo_preview.setText("No logo")

    def save(self) -> None:
        save_print_settings(self._store, self.name.text(), self.logo, self.help_text.toPlainText())
        self.accept()


def show_print_settings(window) -> PrintSettingsDialog:
    dialog = PrintSettingsDialog(window)
    dialog.open()
    return dialog
