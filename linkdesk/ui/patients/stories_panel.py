"""A patient's stories and quotes: the list, adding one, and giving or withdrawing consent to publish it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from linkdesk.caseload.errors import CaseloadError
from linkdesk.reports.errors import ReportError
from linkdesk.reports.stories import attribution, list_stories, set_consent

from ..widgets import button_row, message_label
from ..widgets.one_dialog import OneDialog
from ..widgets.table_model import RecordTableModel
from .referral_dialogs import day_text
from .story_dialog import AS_RECORDED, ConsentDialog, StoryDialog
from .tables import named_button, record_table, selected_record

FIRST_WORDS = 20


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


class StoryTableModel(RecordTableModel):
    TOLD_ON, STORY, CONSENT, NAMED_AS = range(4)
    HEADERS = ("Told on", "Story", "May be published", "Named as")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.patient = None

    def set_stories(self, patient, stories) -> None:
        self.patient = patient
        self.set_rows(sorted(stories, key=lambda story: (story.told_on, story.id), reverse=True))

    def display(self, story, column: int) -> str:
        if column == self.TOLD_ON:
            return day_text(story.told_on)
        if column == self.STORY:
            return first_words(story.text)
        if column == self.CONSENT:
            return f"Yes, since {day_text(story.consent_on)}" if story.consent_to_publish else "No"
        if self.patient is None:
            return ""
        return attribution(story.naming, self.patient.first_name, self.patient.preferred_name or "")

    def tooltip(self, story, column: int) -> str | None:
        return story.text if column == self.STORY else None

    def sort_value(self, story, column: int):
        if column == self.TOLD_ON:
            return story.told_on.isoformat()
        return super().sort_value(story, column)


class StoriesPanel(QWidget):
    """Newest story first. A story being typed when the app locks is parked by the record pane (DraftDialog)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = None
        self.patient = None
        self._dialogs = OneDialog(before_close=self._discard)
        self.model = StoryTableModel(self)
        self.table = record_table(self.model, "Stories and quotes, newest first", StoryTableModel.STORY)
        self.add_button = named_button("Add &story…", "Add a story or quote")
        self.consent_button = named_button("Give &consent…", "Give or withdraw consent to publish the selected story")
        note = QLabel(AS_RECORDED + " Reports include a story only with the patient's consent.")
        note.setWordWrap(True)
        self.message = message_label()
        buttons = button_row(self.add_button, self.consent_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(lambda: self.open_add_story())
        self.consent_button.clicked.connect(self.change_consent)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    @property
    def dialog(self) -> StoryDialog | ConsentDialog | None:
        return self._dialogs.current

    def set_patient(self, store, patient) -> None:
        self._dialogs.close()
        self.store, self.patient = store, patient
        self.message.clear()
        self.reload()

    def clear(self) -> None:
        self._dialogs.close()
        self.store = self.patient = None
        self.model.set_stories(None, [])
        self.message.clear()
        self._update_buttons()

    def reload(self, select_id: int | None = None) -> None:
        """Listing the stories is audited as a view, so it happens only when they are shown."""
        try:
            stories = list_stories(self.store, self.patient.id) if self.patient is not None else []
        except CaseloadError as error:  # the patient was erased meanwhile
            stories = []
            self.message.show_error(str(error))
        self.model.set_stories(self.patient, stories)
        row = self.model.row_of(select_id) if select_id is not None else 0
        if row is not None and row < self.model.rowCount():
            self.table.selectRow(row)  # the newest at first, so consent can be changed straight away
        self._update_buttons()

    def selected_story(self):
        return selected_record(self.table)

    def _update_buttons(self, *_args) -> None:
        story = self.selected_story()
        self.add_button.setEnabled(self.patient is not None)
        self.consent_button.setEnabled(story is not None)
        consented = story is not None and story.consent_to_publish
        self.consent_button.setText("&Withdraw consent" if consented else "Give &consent…")

    # -- actions -------------------------------------------------------------------------

    def open_add_story(self) -> StoryDialog | None:
        if self.patient is None:
            return None
        dialog = StoryDialog(self.store, self.patient, self)
        dialog.saved.connect(lambda story_id: self._saved(story_id, "Story saved."))
        return self._dialogs.open(dialog)

    def change_consent(self) -> ConsentDialog | None:
        """Withdrawing takes effect at once (it only stops publishing); giving consent asks how to name them."""
        story = self.selected_story()
        if story is None:
            return None
        if story.consent_to_publish:
            try:
                set_consent(self.store, story.id, False)
            except (ReportError, CaseloadError) as error:
                self.message.show_error(str(error))
                return None
            self._saved(story.id, "Consent withdrawn: reports made from now on leave this story out.")
            return None
        dialog = ConsentDialog(self.store, self.patient, story, self)
        dialog.saved.connect(lambda story_id: self._saved(story_id, "Consent recorded: reports may include "
                                                                    "this story."))
        return self._dialogs.open(dialog)

    def _saved(self, story_id: int, text: str) -> None:
        self.reload(story_id)
        self.message.show_info(text)

    @staticmethod
    def _discard(dialog) -> None:
        dialog.discarded = True  # closed by the panel itself (another patient, or cleared): nothing to keep
