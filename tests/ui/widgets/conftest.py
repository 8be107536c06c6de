"""Fixtures for the shared widget helpers."""

import pytest
from PySide6.QtWidgets import QWidget


@pytest.fixture
def parent(qtbot):
    """A plain widget standing in for the panel or tab a helper works for."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget
