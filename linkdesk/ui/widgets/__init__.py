"""Small widget factories shared by every screen, so text sizes and roles stay consistent."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget


def heading(text: str, scale: float = 1.5) -> QLabel:
    """A heading sized relative to the system font, never in fixed pixels."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class MessageLabel(QLabel):
    """Where a screen says what is happening, or what went wrong (bold, in the error colour)."""

    ERROR_COLOUR = "#b3261e"  # dark red with enough contrast on the light and dark palettes' bases

    def __init__(self):
        super().__init__()
        self.setWordWrap(True)
        self.setAccessibleName("Message")
        self._normal = self.palette()

    def show_info(self, text: str) -> None:
        self.setPalette(self._normal)
        font = self.font()
        font.setBold(False)
        self.setFont(font)
        self.setText(text)

    def show_error(self, text: str) -> None:
        palette = QPalette(self._normal)
        palette.setColor(QPalette.ColorRole.WindowText, self.ERROR_COLOUR)
        self.setPalette(palette)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setText(text)
        self.setAccessibleDescription("Error")


def message_label() -> MessageLabel:
    return MessageLabel()


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the left, the spare room after them."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field
