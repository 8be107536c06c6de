"""The patient record form: every field of PatientDetails, checked as you go, saved whole or not at all."""

from __future__ import annotations

from dataclasses import asdict, fields

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload import vocabulary
from linkdesk.caseload.errors import ValidationError
from linkdesk.caseload.patient_form import LABELS, PatientDetails, validate_patient

from ..widgets import MessageLabel

_LINES = ("first_name", "last_name", "preferred_name", "date_of_birth", "nhs_number", "address_line_1",
          "address_line_2", "town", "postcode", "mobile_phone", "home_phone", "email", "preferred_contact_times",
          "main_language", "communication_other")
_PLACEHOLDERS = {"date_of_birth": "For example 14/03/1958", "nhs_number": "For example 999 000 0018",
                 "postcode": "For example B30 2PS"}
_CHOICES = {"preferred_contact_method": vocabulary.CONTACT_METHODS, "ethnic_category": vocabulary.ETHNIC_CATEGORIES,
            "sex": vocabulary.SEXES, "gender_identity": vocabulary.GENDER_IDENTITIES}
_CHECKS = ("interpreter_needed", "consent_social_prescribing", "consent_share_with_providers",
           "consent_anonymised_story")


class PatientEditor(QWidget):
    """Emits `edited` on any change; `details()` reads the form; `show_problems()` marks the fields."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.problems: dict[str, MessageLabel] = {}
        self._loaded = PatientDetails()
        self._touched: set[str] = set()

        self.title = QComboBox()
        self.title.addItems(list(vocabulary.TITLES))
        self.widgets["title"] = self.title
        for name in _LINES:
            edit = QLineEdit()
            edit.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
            self.widgets[name] = edit
            edit.textEdited.connect(self.edited)
            edit.editingFinished.connect(lambda name=name: self._check_field(name))
        for name, choices in _CHOICES.items():
            combo = QComboBox()
            combo.addItem("Not recorded", "")
            for code, label in choices:
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(self.edited)
            self.widgets[name] = combo
        for name in _CHECKS:
            box = QCheckBox(LABELS[name])
            box.toggled.connect(self.edited)
            self.widgets[name] = box
        self.needs = {code: QCheckBox(label) for code, label in vocabulary.AIS_NEEDS}
        for box in self.needs.values():
            box.toggled.connect(self.edited)
        self.practice = QComboBox()
        self.practice.currentIndexChanged.connect(self.edited)
        self.widgets["practice_id"] = self.practice
        self.risk_notes = QPlainTextEdit()
        self.risk_notes.setMaximumHeight(100)
        self.risk_notes.textChanged.connect(self.edited)
        self.widgets["risk_notes"] = self.risk_notes
        self.title.currentIndexChanged.connect(self.edited)
        for name, widget in self.widgets.items():
            widget.setAccessibleName(LABELS[name])

        sections = (
            ("About the person", ("title", "first_name", "last_name", "preferred_name", "date_of_birth",
                                  "nhs_number")),
            ("Address and contact", ("address_line_1", "address_line_2", "town", "postcode", "mobile_phone",
                                     "home_phone", "email", "preferred_contact_method", "preferred_contact_times")),
            ("Language and communication", ("main_language", "interpreter_needed", "communication_needs",
                                            "communication_other")),
            ("Practice and consent", ("practice_id", "consent_social_prescribing", "consent_share_with_providers",
                                      "consent_anonymised_story")),
            ("Equality monitoring (optional)", ("ethnic_category", "sex", "gender_identity")),
            ("Risks or safeguarding concerns", ("risk_notes",)),
        )
        column = QVBoxLayout()
        for title, names in sections:
            box = QGroupBox(title)
            form = QFormLayout(box)
            for name in names:
                self._add_row(form, name)
            column.addWidget(box)
        column.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _add_row(self, form: QFormLayout, name: str) -> None:
        problem = MessageLabel()
        problem.hide()
        self.problems[name] = problem
        holder = QWidget()
        stack = QVBoxLayout(holder)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        if name == "communication_needs":
            for box in self.needs.values():
                stack.addWidget(box)
        else:
            stack.addWidget(self.widgets[name])
        stack.addWidget(problem)
        label = "" if name in _CHECKS else LABELS[name]
        form.addRow(label, holder)

    # -- reading and writing the form ------------------------------------------------

    def set_practices(self, practices: list[tuple[int, str]]) -> None:
        current = self.practice.currentData()
        self.practice.blockSignals(True)
        self.practice.clear()
        self.practice.addItem("Not recorded", None)
        for practice_id, name in practices:
            self.practice.addItem(name, practice_id)
        self.practice.setCurrentIndex(max(0, self.practice.findData(current)))
        self.practice.blockSignals(False)

    def details(self) -> PatientDetails:
        values = {name: self.widgets[name].text() for name in _LINES}
        values.update({name: self.widgets[name].currentData() for name in _CHOICES})
        values.update({name: self.widgets[name].isChecked() for name in _CHECKS})
        values["title"] = self.title.currentText()
        values["practice_id"] = self.practice.currentData()
        values["risk_notes"] = self.risk_notes.toPlainText()
        values["communication_needs"] = frozenset(code for code, box in self.needs.items() if box.isChecked())
        return PatientDetails(**values)

    def load(self, details: PatientDetails, as_saved: bool = True) -> None:
        """Fill the form. `as_saved=False` (restoring a draft) keeps the saved baseline as it was."""
        self.blockSignals(True)
        for name in _LINES:
            value = getattr(details, name)
            if name == "date_of_birth" and hasattr(value, "strftime"):
                value = value.strftime("%d/%m/%Y")
            self.widgets[name].setText(value or "")
        for name in _CHOICES:
            combo = self.widgets[name]
            combo.setCurrentIndex(max(0, combo.findData(getattr(details, name) or "")))
        for name in _CHECKS:
            self.widgets[name].setChecked(bool(getattr(details, name)))
        self.title.setCurrentIndex(max(0, self.title.findText(details.title or "")))
        self.practice.setCurrentIndex(max(0, self.practice.findData(details.practice_id)))
        self.risk_notes.setPlainText(details.risk_notes or "")
        for code, box in self.needs.items():
            box.setChecked(code in (details.communication_needs or ()))
        self.blockSignals(False)
        if as_saved:
            self._loaded = self.details()
        self._touched.clear()
        self.show_problems({})

    def clear(self) -> None:
        self.load(PatientDetails())

    def revert(self) -> None:
        """Back to the record as last saved or loaded."""
        self.load(self._loaded)

    @property
    def dirty(self) -> bool:
        return self.details() != self._loaded

    def snapshot(self) -> dict:
        data = asdict(self.details())
        data["communication_needs"] = sorted(data["communication_needs"])
        return data

    @staticmethod
    def details_from_snapshot(data: dict) -> PatientDetails:
        known = {item.name for item in fields(PatientDetails)}
        values = {key: value for key, value in data.items() if key in known}
        values["communication_needs"] = frozenset(values.get("communication_needs", ()))
        return PatientDetails(**values)

    # -- checking ----------------------------------------------------------------------

    def check(self) -> dict[str, str]:
        """Every problem with the form as it stands, by field name (nothing is saved)."""
        try:
            validate_patient(self.details())
        except ValidationError as error:
            return dict(error.problems)
        return {}

    def _check_field(self, name: str) -> None:
        """After leaving a field, say what is wrong with it (and with fields already visited)."""
        self._touched.add(name)
        problems = self.check()
        self.show_problems({field: text for field, text in problems.items() if field in self._touched})

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, label in self.problems.items():
            if name in problems:
                label.show_error(problems[name])
                label.show()
            else:
                label.clear()
                label.hide()
        first = next((name for name in self.widgets if name in problems), None)
        if first is not None and len(problems) and not self._touched:
            self.widgets[first].setFocus()

    def problem_text(self, name: str) -> str:
        return self.problems[name].text()

