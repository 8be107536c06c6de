"""Small widget factories shared by every screen, so text sizes and roles stay consistent."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit


def heading(text: str, scale: float = 1.5) -> QLabel:
    """A heading sized relative to the system font, never in fixed pixels."""
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def message_label() -> QLabel:
    """Where a screen tells the user what went wrong or what is happening."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("Message")
    return label


def password_field(accessible_name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    return field
