"""The record's "Stories and data" tab: stories, the history of corrections, subject access export and erasure.

Stories and history load when the tab is first shown for a patient, so opening a record
does not also audit a view of its history that nobody looked at.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from linkdesk.caseload.errors import CaseloadError, ExportFailed
from linkdesk.caseload.subject_access import export_subject_access

from ..tasks import register_expected_error
from ..widgets import button_row, heading, message_label
from ..widgets.one_dialog import OneDialog
from ..workspace import WorkspaceContext
from .erase_dialog import EraseDialog
from .history_panel import HistoryPanel
from .stories_panel import StoriesPanel
from .tables import named_button

register_expected_error(CaseloadError)  # ExportFailed reaches the panel as a message, never a crash


def subject_access_work(store, patient_id: int, folder: Path):
    """The export as background work: a folder that cannot be made or written is the user's problem, not a bug."""
    def work(_task):
        try:
            return export_subject_access(store, patient_id, folder)
        except OSError as error:
            raise ExportFailed(f"The export could not be written to {folder}: {error.strerror or error}.") from error
    return work


class DataRightsPanel(QWidget):
    erased = Signal(int, str)  # the patient's id and what went with them, once the erasure is done

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.store = None
        self.patient = None
        self._loaded_for: int | None = None
        self._dialogs = OneDialog(before_close=lambda dialog: dialog.erased.disconnect(self.erased))
        self.stories = StoriesPanel()
        self.history = HistoryPanel()
        self.export_button = named_button("E&xport everything held (subject access)…",
                                          "Export everything held about this patient as JSON and PDF")
        self.erase_button = named_button("Erase this &patient…", "Erase this patient's record for good")
        rights_note = QLabel("A subject access export holds everything LinkDesk keeps about the person, including "
                             "who opened their record. Erasing removes the record for good, with a reason.")
        rights_note.setWordWrap(True)
        self.message = message_label()
        buttons = button_row(self.export_button, self.erase_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Stories and quotes", 1.15))
        layout.addWidget(self.stories, 1)
        layout.addWidget(heading("Changes to this record", 1.15))
        layout.addWidget(self.history, 1)
        layout.addWidget(heading("Data rights", 1.15))
        layout.addWidget(rights_note)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.export_button.clicked.connect(lambda: self.choose_export_folder())
        self.erase_button.clicked.connect(lambda: self.open_erase())
        self._update_buttons()

    @property
    def dialog(self) -> EraseDialog | None:
        return self._dialogs.current

    # -- what the record pane calls ------------------------------------------------------

    def set_patient(self, store, patient, shown: bool) -> None:
        """A new or refreshed record; `shown` says whether this tab is the one on screen."""
        self._dialogs.close()
        self.store, self.patient = store, patient
        self._loaded_for = None
        self.message.clear()
        if patient is None:
            self.stories.clear()
            self.history.clear()
        elif shown:
            self.load()
        self._update_buttons()

    def load(self) -> None:
        """Fill the stories and history for the open patient, once per patient (or after a save)."""
        if self.patient is None or self._loaded_for == self.patient.id:
            return
        self._loaded_for = self.patient.id
        self.stories.set_patient(self.store, self.patient)
        try:
            self.history.show_patient(self.store, self.patient.id)
        except CaseloadError as error:
            self.message.show_error(str(error))

    def clear(self) -> None:
        self.set_patient(None, None, False)

    def _update_buttons(self) -> None:
        for button in (self.export_button, self.erase_button):
            button.setEnabled(self.patient is not None)

    # -- subject access ------------------------------------------------------------------

    def choose_export_folder(self) -> None:
        if self.patient is None:
            return
        chosen = QFileDialog.getExistingDirectory(self, "Choose a folder for the subject access export",
                                                  str(Path.home()))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, folder: Path) -> None:
        """Write the JSON and PDF off the UI thread; the result (or the problem) is shown under the buttons."""
        self.export_button.setEnabled(False)
        self.message.show_info("Exporting…")
        patient_id = self.patient.id
        self.context.runner.run(subject_access_work(self.store, patient_id, folder),
                                lambda paths: self._exported(patient_id, paths), self._export_failed)

    def _exported(self, patient_id: int, paths) -> None:
        self._update_buttons()
        json_path, pdf_path = paths
        if self.patient is None or self.patient.id != patient_id:
            return  # another record is open now; its message must not claim this export
        self.message.show_info(f"Exported everything held about this patient to {json_path} and {pdf_path}. "
                               "The files hold personal data: keep them safe and delete them once sent.")
        self.context.show_status(f"Subject access export written to {json_path.parent}")

    def _export_failed(self, error: BaseException) -> None:
        self._update_buttons()
        self.message.show_error(str(error))

    # -- erasure -------------------------------------------------------------------------

    def open_erase(self) -> EraseDialog | None:
        if self.patient is None:
            return None
        name = f"{self.patient.first_name} {self.patient.last_name}"
        dialog = EraseDialog(self.store, self.patient.id, name, self)
        dialog.erased.connect(self.erased)
        return self._dialogs.open(dialog)
