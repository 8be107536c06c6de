"""Dialogs to record a patient's story or quote, and to give consent to publish one, with how they are named."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload.errors import CaseloadError
from linkdesk.reports.errors import ReportError
from linkdesk.reports.stories import ANONYMOUS, FIRST_NAME, NAMINGS, add_story, attribution, set_consent

from ..dialog_drafts import DraftDialog
from ..widgets import message_label
from .referral_dialogs import DATE_HINT

AS_RECORDED = ("The words are printed in reports exactly as recorded here, so leave out surnames, places and "
               "anything else that would identify the patient or anyone else.")
CONSENT_LABEL = "The patient has &agreed this may be published"


class NamingChoice(QWidget):
    """First name only or anonymous, with how a report would sign the story."""

    def __init__(self, patient, naming: str = ANONYMOUS):
        super().__init__()
        self._patient = patient
        self.published = True
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for code, label in NAMINGS:
            button = QRadioButton(label)
            button.setAccessibleName(f"Name the patient: {label.lower()}")
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        self.preview = QLabel()
        self.preview.setAccessibleName("How a report signs the story")
        layout.addWidget(self.preview)
        self.group.buttonToggled.connect(lambda *_: self.update_preview())
        self.set_naming(naming)

    @property
    def naming(self) -> str:
        return next((code for code, button in self.buttons.items() if button.isChecked()), ANONYMOUS)

    def set_naming(self, naming: str) -> None:
        self.buttons.get(naming, self.buttons[ANONYMOUS]).setChecked(True)
        self.update_preview()

    def attribution(self) -> str:
        return attribution(self.naming, self._patient.first_name, self._patient.preferred_name or "")

    def set_published(self, published: bool) -> None:
        self.published = published
        self.update_preview()

    def update_preview(self) -> None:
        self.preview.setText(f"Signed in reports: — {self.attribution()}" if self.published
                             else "Not printed in reports until the patient agrees.")


class StoryDialog(DraftDialog):
    """Add a story: its words, when it was told, consent (unticked until the patient agrees) and naming.

    Cancel, Escape and the close button discard what was typed; the lock parks it (`DraftDialog`).
    """

    draft_kind = "story"
    saved = Signal(int)  # the new story's id

    def __init__(self, store, patient, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._patient = patient
        self.setWindowTitle("Add a story or quote")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("The story or quote")
        self.text.setTabChangesFocus(True)
        self.told_on = QLineEdit(date.today().strftime("%d/%m/%Y"))
        self.told_on.setAccessibleName("Told on")
        self.told_on.setAccessibleDescription(DATE_HINT)
        self.consent = QCheckBox(CONSENT_LABEL)
        self.naming = NamingChoice(patient)
        note = QLabel(AS_RECORDED)
        note.setWordWrap(True)
        self.message = message_label()
        form = QFormLayout()
        text_label = QLabel("&Story or quote")
        text_label.setBuddy(self.text)
        form.addRow(text_label, self.text)
        told_label = QLabel("&Told on")
        told_label.setBuddy(self.told_on)
        form.addRow(told_label, self.told_on)
        form.addRow("", self.consent)
        form.addRow("Named as", self.naming)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.discard)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.consent.toggled.connect(self.naming.set_published)
        self.naming.set_published(False)
        self.resize(560, 440)

    def snapshot(self) -> dict:
        return {"kind": self.draft_kind, "patient_id": self._patient.id, "fields": {
            "text": self.text.toPlainText(), "told_on": self.told_on.text(),
            "consent": self.consent.isChecked(), "naming": self.naming.naming}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        self.text.setPlainText(fields.get("text", ""))
        self.told_on.setText(fields.get("told_on", ""))
        self.consent.setChecked(bool(fields.get("consent")))
        self.naming.set_naming(fields.get("naming", ANONYMOUS))

    def submit(self) -> bool:
        try:
            story = add_story(self._store, self._patient.id, self.text.toPlainText(),
                              consent_to_publish=self.consent.isChecked(), naming=self.naming.naming,
                              told_on=self.told_on.text())
        except (ReportError, CaseloadError) as error:
            self.message.show_error(str(error))
            return False
        self.discarded = True  # saved: nothing left to park
        self.saved.emit(story.id)
        self.accept()
        return True


class ConsentDialog(QDialog):
    """Record that the patient agreed their story may be published, and how they want to be named."""

    saved = Signal(int)

    def __init__(self, store, patient, story, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._story = story
        self.setWindowTitle("Consent to publish")
        quoted = QLabel(f"“{story.text}”")
        quoted.setWordWrap(True)
        quoted.setAccessibleName("The story")
        question = QLabel("Only give consent when the patient has agreed that these words may be printed in "
                          "reports for the organisation and its funders. " + AS_RECORDED)
        question.setWordWrap(True)
        self.naming = NamingChoice(patient, story.naming or FIRST_NAME)
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("The patient &agrees")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (quoted, question, self.naming, self.message, self.buttons):
            layout.addWidget(widget)
        self.resize(520, 320)

    def submit(self) -> bool:
        try:
            set_consent(self._store, self._story.id, True, self.naming.naming)
        except (ReportError, CaseloadError) as error:
            self.message.show_error(str(error))
            return False
        self.saved.emit(self._story.id)
        self.accept()
        return True
