"""Wellbeing measures: ONS4 (exact ONS wording, 0-10, band shown) or an organisation's measure; history and change.

An organisation's own measure can be retired (and brought back): a retired one takes no new
scores, but a patient with scores on it still sees it in the choice, marked "(retired)".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from linkdesk.plans import measures
from linkdesk.plans.errors import PlanError
from linkdesk.plans.outcomes import OCCASIONS, band_for

from ..dialog_drafts import DraftDialog
from ..widgets import message_label
from .activities_panel import read_only_table
from .table_models import MeasureHistoryModel


class ScoreRow:
    """One question: its wording, a spin box (blank = not answered) and the band of the score chosen."""

    def __init__(self, measure, item):
        self.measure, self.item = measure, item
        self.question = QLabel(item.question)
        self.question.setWordWrap(True)
        self.score = QSpinBox()
        self.score.setRange(measure.scale_min - 1, measure.scale_max)
        self.score.setSpecialValueText("Not answered")  # shown at the minimum, one below the scale
        self.score.setValue(measure.scale_min - 1)
        self.score.setAccessibleName(item.label)
        self.score.setAccessibleDescription(item.question)
        self.question.setBuddy(self.score)
        self.band = QLabel()
        self.band.setAccessibleName(f"{item.label} band")
        self.score.valueChanged.connect(self._show_band)

    def value(self) -> int | None:
        return None if self.score.value() < self.measure.scale_min else self.score.value()

    def set_value(self, value: int | None) -> None:
        self.score.setValue(self.measure.scale_min - 1 if value is None else value)

    def _show_band(self, *_args) -> None:
        self.band.setText(band_for(self.measure, self.item.code, self.value()))


class DefineMeasureDialog(DraftDialog):
    """Name, one item per line, the scale and its direction; for measures the organisation holds a licence for."""

    draft_kind = "measure"

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.defined = None
        self.setWindowTitle("Define a measure")
        self.name = QLineEdit()
        self.name.setAccessibleName("Measure name")
        self.items = QPlainTextEdit()
        self.items.setAccessibleName("Items, one per line")
        self.low, self.high = QSpinBox(), QSpinBox()
        for box, value, name in ((self.low, 1, "Lowest score"), (self.high, 5, "Highest score")):
            box.setRange(-100, 100)
            box.setValue(value)
            box.setAccessibleName(name)
        self.higher_better = QCheckBox("A higher score is better")
        self.higher_better.setChecked(True)
        self.message = message_label()
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Items (one per line):", self.items)
        form.addRow("&Lowest score:", self.low)
        form.addRow("&Highest score:", self.high)
        form.addRow("", self.higher_better)
        note = QLabel("LinkDesk ships no licensed questionnaires: type the items your organisation holds a "
                      "licence to use.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.discard)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            self.defined = measures.define_measure(self.store, self.name.text(), self.items.toPlainText().splitlines(),
                                                   self.low.value(), self.high.value(), self.higher_better.isChecked())
        except PlanError as error:
            self.message.show_error(str(error))
            return
        self.accept()

    def snapshot(self) -> dict:
        """The organisation's own measure, not a patient's: nothing here names one."""
        return {"kind": self.draft_kind, "fields": {
            "name": self.name.text(), "items": self.items.toPlainText(), "low": self.low.value(),
            "high": self.high.value(), "higher_better": self.higher_better.isChecked()}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        self.name.setText(fields.get("name", ""))
        self.items.setPlainText(fields.get("items", ""))
        self.low.setValue(int(fields.get("low", self.low.value())))
        self.high.setValue(int(fields.get("high", self.high.value())))
        self.higher_better.setChecked(bool(fields.get("higher_better", True)))


class MeasuresPanel(QWidget):
    recorded = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store, self.patient_id, self.rows = None, None, []
        self.definition = QComboBox()
        self.definition.setAccessibleName("Measure")
        self.define_button = QPushButton("&Define a measure…")
        self.show_retired = QCheckBox("Show retired &measures")
        self.show_retired.setToolTip("Also list the measures your organisation no longer uses, to bring one back")
        self.retire_button = QPushButton("Re&tire this measure…")
        self.bring_back_button = QPushButton("&Bring back this measure")
        self.retired_note = QLabel("This measure is retired: the scores already recorded are shown here, "
                                   "but new scores can't be recorded with it.")
        self.retired_note.setWordWrap(True)
        self.retired_note.setAccessibleName("Measure retired")
        self.introduction = QLabel()
        self.introduction.setWordWrap(True)
        self.questions = QGridLayout()
        self.occasion = QComboBox()
        self.occasion.setAccessibleName("Occasion")
        for code, text in OCCASIONS:
            self.occasion.addItem(text, code)
        self.on = QLineEdit()
        self.on.setAccessibleName("Date completed")
        self.on.setPlaceholderText("today")
        self.on.setMinimumWidth(self.on.fontMetrics().horizontalAdvance("00/00/00000") + 16)
        self.record_button = QPushButton("&Record scores")
        self.message = message_label()
        self.history_model = MeasureHistoryModel(self)
        self.history = read_only_table(self.history_model, "Scores recorded")
        self.change = QLabel()
        self.change.setWordWrap(True)
        self.change.setAccessibleName("Change from baseline")
        self.change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        top = QHBoxLayout()
        top.addWidget(QLabel("Measure:"))
        top.addWidget(self.definition, 1)
        top.addWidget(self.define_button)
        manage = QHBoxLayout()
        manage.addWidget(self.show_retired)
        manage.addStretch(1)
        manage.addWidget(self.retire_button)
        manage.addWidget(self.bring_back_button)
        self.entry = QGroupBox("Record")
        entry_layout = QVBoxLayout(self.entry)
        entry_layout.addWidget(self.introduction)
        entry_layout.addLayout(self.questions)
        when = QHBoxLayout()
        when.addWidget(QLabel("Occasion:"))
        when.addWidget(self.occasion)
        when.addWidget(QLabel("Date:"))
        when.addWidget(self.on)
        when.addWidget(self.record_button)
        when.addStretch(1)
        entry_layout.addLayout(when)
        results = QGroupBox("Scores and change from baseline (each item on its own, never added up)")
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(self.history, 1)
        results_layout.addWidget(self.change)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addLayout(manage)
        left_layout.addWidget(self.retired_note)
        left_layout.addWidget(self.entry)
        left_layout.addWidget(self.message)  # outside the entry group, which a retired measure greys out
        left_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(results)
        splitter.setSizes([440, 560])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.definition.currentIndexChanged.connect(self._definition_changed)
        self.record_button.clicked.connect(self.record)
        self.define_button.clicked.connect(self.define)
        self.show_retired.toggled.connect(lambda _checked: self._fill_choice())
        self.retire_button.clicked.connect(self.retire)
        self.bring_back_button.clicked.connect(self.bring_back)
        self._definition_changed()

    # -- loading -----------------------------------------------------------------------------

    def show_patient(self, store, patient_id: int) -> None:
        self.store, self.patient_id = store, patient_id
        self._fill_choice()

    def _fill_choice(self, chosen_id: int | None = None) -> None:
        """Measures in use, any retired one this patient has scores on, and every retired one if asked for."""
        if self.store is None:
            return
        if chosen_id is None and self.definition.currentData() is not None:
            chosen_id = self.definition.currentData().id
        self.definition.blockSignals(True)
        self.definition.clear()
        for info in measures.list_definitions(self.store, self.show_retired.isChecked(), scored_by=self.patient_id):
            self.definition.addItem(f"{info.measure.name} (retired)" if info.archived else info.measure.name, info)
        self.definition.blockSignals(False)
        found = next((number for number in range(self.definition.count())
                      if self.definition.itemData(number).id == chosen_id), 0)
        self.definition.setCurrentIndex(found)
        self._definition_changed()

    def clear(self) -> None:
        self.store = self.patient_id = None
        self.definition.clear()
        self._build_rows(None)
        self.history_model.set_rows([])
        self.change.clear()
        self.message.clear()
        self.on.clear()

    def _build_rows(self, measure) -> None:
        while self.questions.count():
            widget = self.questions.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.rows = [ScoreRow(measure, item) for item in measure.items] if measure else []
        for number, row in enumerate(self.rows):
            self.questions.addWidget(row.question, number, 0)
            self.questions.addWidget(row.score, number, 1)
            self.questions.addWidget(row.band, number, 2)
        self.questions.setColumnStretch(0, 1)
        self.introduction.setText(measure.introduction if measure else "")
        self.introduction.setVisible(bool(measure and measure.introduction))

    def _definition_changed(self, *_args) -> None:
        info = self.definition.currentData()
        retired = info is not None and info.archived
        self._build_rows(info.measure if info else None)
        self.entry.setEnabled(not retired)
        self.retired_note.setVisible(retired)
        self.retire_button.setVisible(not retired)
        self.retire_button.setEnabled(info is not None and not info.built_in)
        self.retire_button.setToolTip(f"{info.measure.name} is built in to LinkDesk and stays in use"
                                      if info is not None and info.built_in else
                                      "Stop using this measure; the scores already recorded are kept")
        self.bring_back_button.setVisible(retired)
        self.refresh_history()

    def refresh_history(self) -> None:
        info = self.definition.currentData()
        if info is None or self.store is None:
            return
        results = measures.measure_history(self.store, self.patient_id, info.id)
        self.history_model.set_history(info.measure, results)
        latest = results[-1] if results else None
        if latest is None:
            self.change.setText("No scores recorded yet.")
        elif not latest.changes:
            self.change.setText("Change from baseline appears once a review or discharge score is recorded.")
        else:
            self.change.setText("Change from baseline:\n" + "\n".join(change.text for change in latest.changes))

    # -- entering scores -----------------------------------------------------------------------

    def entered_scores(self) -> dict:
        return {row.item.code: row.value() for row in self.rows}

    def set_scores(self, scores: dict) -> None:
        for row in self.rows:
            row.set_value(scores.get(row.item.code))

    def record(self) -> None:
        info = self.definition.currentData()
        if info is None or self.store is None:
            return
        try:
            measures.record_measure(self.store, self.patient_id, self.occasion.currentData(), self.entered_scores(),
                                    info.id, self.on.text() or date.today())
        except PlanError as error:
            self.message.show_error(str(error))
            return
        self.set_scores({})
        self.message.show_info(f"{self.occasion.currentText()} scores recorded.")
        self.refresh_history()
        self.recorded.emit(f"{info.measure.name}: {self.occasion.currentText().lower()} scores recorded.")

    def define(self) -> DefineMeasureDialog:
        dialog = DefineMeasureDialog(self.store, self)
        dialog.accepted.connect(lambda: self._defined(dialog.defined))
        dialog.open()
        return dialog

    # -- retiring a measure ------------------------------------------------------------------

    def retire(self) -> bool:
        """Ask first, saying what happens to the scores already recorded; then retire the chosen measure."""
        info = self.definition.currentData()
        if info is None or self.store is None:
            return False
        name = info.measure.name
        answer = QMessageBox.question(
            self, "Retire this measure?",
            f"Retire {name}?\n\nScores already recorded with it are kept, and are still shown in each patient's "
            "history and in their exports. New scores can't be recorded with it.\n\n"
            "To bring it back later, tick \"Show retired measures\".",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes or self.store is None:  # the app may have locked meanwhile
            return False
        return self._set_retired(info, True, f"{name} retired. Its scores are kept; new ones can't be recorded.")

    def bring_back(self) -> bool:
        info = self.definition.currentData()
        if info is None or self.store is None:
            return False
        return self._set_retired(info, False, f"{info.measure.name} is back in use.")

    def _set_retired(self, info, retired: bool, done: str) -> bool:
        try:
            measures.set_definition_archived(self.store, info.id, retired)
        except PlanError as error:
            self.message.show_error(str(error))
            return False
        self._fill_choice(info.id)
        self.message.show_info(done)
        return True

    def _defined(self, info) -> None:
        self.show_patient(self.store, self.patient_id)
        self.definition.setCurrentIndex(max(0, self.definition.findText(info.measure.name)))
