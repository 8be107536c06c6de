"""Dialogs to add or edit a referral, change its status and record a contact, each validated whole.

A dialog saves through the caseload functions when `submit()` is called (its Save button,
or a test). On a ValidationError every problem is shown under its field, the dialog stays
open and nothing has been written; other caseload errors are shown as a plain message.
What was typed survives a lock (`DraftDialog`): each snapshot names the patient and referral.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkdesk.caseload import dates, practices, referral_rules, referrals, vocabulary
from linkdesk.caseload.errors import CaseloadError, ValidationError
from linkdesk.caseload.models import Patient, Referral
from linkdesk.caseload.referral_form import LONGEST_CONTACT_MINUTES, ContactDetails, ReferralDetails

from ..dialog_drafts import DraftDialog, choose_data
from ..widgets import MessageLabel, message_label

DATE_HINT = "day/month/year, for example 25/11/2026"


def day_text(when: date | None) -> str:
    return f"{when.day} {when:%b %Y}" if when else ""


class ProblemForm(QFormLayout):
    """A form whose fields each have a place just under them for the problem with what was typed."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, QWidget] = {}
        self._problems: dict[str, MessageLabel] = {}
        self._hints: dict[str, str] = {}

    def add(self, name: str, label: str, widget: QWidget, hint: str = "") -> QWidget:
        """Add `widget` for the form field `name`; `label` may hold an & mnemonic that focuses it."""
        plain = label.replace("&", "")
        widget.setAccessibleName(plain)
        if hint:
            widget.setAccessibleDescription(hint)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(hint)
        caption = QLabel(label)
        caption.setBuddy(widget)
        problem = message_label()
        problem.setAccessibleName(f"Problem with {plain.lower()}")
        problem.hide()
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        box.addWidget(problem)
        self.addRow(caption, box)
        self.fields[name] = widget
        self._problems[name] = problem
        self._hints[name] = hint
        return widget

    def show_problems(self, problems: dict[str, str]) -> list[str]:
        """Show each problem under its field and focus the first; return those no field here owns."""
        self.clear_problems()
        unplaced = []
        first = None
        for name, text in problems.items():
            if name not in self._problems:
                unplaced.append(text)
                continue
            self._problems[name].show_error(text)
            self._problems[name].show()
            self.fields[name].setAccessibleDescription(f"Problem: {text}")
            first = first or self.fields[name]
        if first is not None:
            first.setFocus()
        return unplaced

    def clear_problems(self) -> None:
        for name, problem in self._problems.items():
            self.fields[name].setAccessibleDescription(self._hints[name])
            problem.clear()
            problem.hide()

    def problem(self, name: str) -> str:
        """The problem shown under a field ('' when none is showing)."""
        label = self._problems[name]
        return label.text() if not label.isHidden() else ""


class CaseloadDialog(DraftDialog):
    """The frame every dialog here shares: a problem form, a message line, Save and Cancel."""

    saved = Signal(int)  # the referral's id, after a successful save
    what = "record"

    def __init__(self, store, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(title)
        self.form = ProblemForm()
        self.message = message_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.discard)

    def finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def save(self) -> int:
        """Write the record; return the referral's id. Raises ValidationError or another CaseloadError."""
        raise NotImplementedError

    def submit(self) -> bool:
        """Save and close, or show what is wrong and stay open; True when saved."""
        self.form.clear_problems()
        self.message.clear()
        try:
            referral_id = self.save()
        except ValidationError as error:
            unplaced = self.form.show_problems(error.problems)
            count = len(error.problems)
            summary = f"The {self.what} was not saved: " + (
                "correct the problem shown." if count == 1 else f"correct the {count} problems shown.")
            self.message.show_error(" ".join([summary, *unplaced]))
            return False
        except CaseloadError as error:
            self.message.show_error(str(error))
            return False
        self.saved.emit(referral_id)
        self.accept()
        return True


def _combo(choices, placeholder: str = "") -> QComboBox:
    combo = QComboBox()
    if placeholder:
        combo.addItem(placeholder, "")
    for code, label in choices:
        combo.addItem(label, code)
    return combo


def _text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)  # Tab moves on, as in every other field
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * (lines + 1))
    return box


class ReferralDialog(CaseloadDialog):
    """Add a referral for a patient, or correct one (its status moves only through StatusDialog)."""

    what = "referral"
    draft_kind = "referral"

    def __init__(self, store, patient: Patient, referral: Referral | None = None, parent: QWidget | None = None):
        title = "Add a referral" if referral is None else f"Edit the referral received {day_text(referral.received_on)}"
        super().__init__(store, title, parent)
        self.patient_id = patient.id
        self.referral_id = referral.id if referral is not None else None
        if referral is not None:
            details = referrals.details_of_referral(referral)
        else:
            own = practices.own_profile(store)
            details = ReferralDetails(received_on=date.today(), link_worker_id=own.id if own else None)
        form = self.form
        received = QLineEdit(details.received_on.strftime("%d/%m/%Y"))
        self.received_on = form.add("received_on", "Date &received", received, DATE_HINT)
        self.source = form.add("source", "Where it came &from",
                               _combo(vocabulary.REFERRAL_SOURCES, "Choose where it came from"))
        self.source.setCurrentIndex(max(0, self.source.findData(details.source)))
        self.referrer = form.add("referrer", "&Who referred", QLineEdit(details.referrer),
                                 "name and role, or the agency")
        needs_box = QWidget()
        grid = QGridLayout(needs_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.needs: dict[str, QCheckBox] = {}
        for number, (code, label) in enumerate(vocabulary.NEEDS):
            box = QCheckBox(label)
            box.setChecked(code in details.needs)
            grid.addWidget(box, number // 2, number % 2)
            self.needs[code] = box
        form.add("needs", "&Needs", needs_box)
        self.needs_other = form.add("needs_other", "The &other need", QLineEdit(details.needs_other),
                                    "when Other is ticked")
        self.reason = form.add("reason", "Re&ason for the referral", _text_box(details.reason))
        self.link_worker = form.add("link_worker_id", "&Link worker", QComboBox())
        self.link_worker.addItem("Not assigned", None)
        for worker in practices.list_link_workers(store):
            self.link_worker.addItem(worker.name, worker.id)
        self.link_worker.setCurrentIndex(max(0, self.link_worker.findData(details.link_worker_id)))
        self.finish_layout()

    def details(self) -> ReferralDetails:
        return ReferralDetails(
            received_on=self.received_on.text(), source=self.source.currentData() or "",
            referrer=self.referrer.text(), needs=frozenset(code for code, box in self.needs.items() if box.isChecked()),
            needs_other=self.needs_other.text(), reason=self.reason.toPlainText(),
            link_worker_id=self.link_worker.currentData())

    def snapshot(self) -> dict:
        needs = sorted(code for code, box in self.needs.items() if box.isChecked())
        return {"kind": self.draft_kind, "patient_id": self.patient_id, "referral_id": self.referral_id, "fields": {
            "received_on": self.received_on.text(), "source": self.source.currentData() or "",
            "referrer": self.referrer.text(), "needs": needs, "needs_other": self.needs_other.text(),
            "reason": self.reason.toPlainText(), "link_worker_id": self.link_worker.currentData()}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        self.received_on.setText(fields.get("received_on", ""))
        choose_data(self.source, fields.get("source", ""))
        self.referrer.setText(fields.get("referrer", ""))
        for code, box in self.needs.items():
            box.setChecked(code in fields.get("needs", ()))
        self.needs_other.setText(fields.get("needs_other", ""))
        self.reason.setPlainText(fields.get("reason", ""))
        choose_data(self.link_worker, fields.get("link_worker_id"))

    def save(self) -> int:
        if self.referral_id is None:
            return referrals.add_referral(self.store, self.patient_id, self.details()).id
        return referrals.update_referral(self.store, self.referral_id, self.details()).id


def snomed_note(status: str) -> str:
    concept = referral_rules.SNOMED_FOR_STATUS.get(status)
    if concept is None:
        return "No SNOMED CT code is recorded for this change."
    return f"This records SNOMED CT {concept.code}: {concept.term}."


class StatusDialog(CaseloadDialog):
    """Move a referral on: only the statuses allowed from where it is, with the code each records."""

    what = "status change"
    draft_kind = "referral_status"

    def __init__(self, store, referral: Referral, parent: QWidget | None = None):
        super().__init__(store, "Change the referral's status", parent)
        self.patient_id = referral.patient_id
        self.referral_id = referral.id
        current = referral_rules.status_label(referral.status)
        intro = QLabel(f"Now: {current.lower()} since {day_text(referral.status_changed_on)}.")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.status = self.form.add("status", "New s&tatus", QComboBox())
        for code in referral_rules.next_statuses(referral.status):
            self.status.addItem(referral_rules.status_label(code), code)
        self.snomed = QLabel()
        self.snomed.setWordWrap(True)
        self.snomed.setAccessibleName("SNOMED CT code to be recorded")
        self.form.addRow(self.snomed)
        self.on = self.form.add("on", "&Date of the change", QLineEdit(date.today().strftime("%d/%m/%Y")), DATE_HINT)
        self.discharge_reason = self.form.add("discharge_reason", "Discharge &reason",
                                              _combo(referral_rules.DISCHARGE_REASONS, "Choose a reason"))
        self.note = self.form.add("note", "N&ote", QLineEdit(), "optional")
        self.finish_layout()
        self.status.currentIndexChanged.connect(self._status_chosen)
        self._status_chosen()

    def offered(self) -> list[str]:
        return [self.status.itemData(row) for row in range(self.status.count())]

    def choose(self, status: str) -> None:
        """Pick a status by its code (a test or the panel); one that is not offered is refused."""
        row = self.status.findData(status)
        if row < 0:
            raise ValueError(f"{status!r} is not offered from here")
        self.status.setCurrentIndex(row)

    def _status_chosen(self, *_args) -> None:
        status = self.status.currentData()
        self.snomed.setText(snomed_note(status) if status else "This referral is closed: nothing can follow.")
        discharging = status == referral_rules.DISCHARGED
        self.discharge_reason.setEnabled(discharging)
        if not discharging:
            self.discharge_reason.setCurrentIndex(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(status is not None)

    def snapshot(self) -> dict:
        return {"kind": self.draft_kind, "patient_id": self.patient_id, "referral_id": self.referral_id, "fields": {
            "status": self.status.currentData(), "on": self.on.text(),
            "discharge_reason": self.discharge_reason.currentData() or "", "note": self.note.text()}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        choose_data(self.status, fields.get("status"))  # first: choosing a status resets the discharge reason
        self.on.setText(fields.get("on", ""))
        choose_data(self.discharge_reason, fields.get("discharge_reason", ""))
        self.note.setText(fields.get("note", ""))

    def save(self) -> int:
        status = self.status.currentData()
        reason = self.discharge_reason.currentData() or None
        problems = {}
        try:
            on = dates.parse_date(self.on.text())
            if on is None:
                problems["on"] = "Enter the date of the change."
        except dates.InvalidDate as error:
            problems["on"] = str(error)
        if status == referral_rules.DISCHARGED and reason is None:
            problems["discharge_reason"] = "Choose a reason for the discharge."
        if problems:
            raise ValidationError(problems, "status change")
        return referrals.change_status(self.store, self.referral_id, status, on=on, discharge_reason=reason,
                                       note=self.note.text()).id


class ContactDialog(CaseloadDialog):
    """Record one contact on a referral: when, how, how long, what was said and what comes next."""

    what = "contact"
    draft_kind = "contact"

    def __init__(self, store, referral: Referral, parent: QWidget | None = None):
        super().__init__(store, "Record a contact", parent)
        self.patient_id = referral.patient_id
        self.referral_id = referral.id
        form = self.form
        self.at = form.add("at", "&When", QLineEdit(datetime.now().strftime("%d/%m/%Y %H:%M")),
                           "day/month/year and 24-hour time, for example 25/11/2026 14:30")
        self.kind = form.add("kind", "&How", _combo(vocabulary.CONTACT_KINDS, "Choose how"))
        self.duration = form.add("duration_minutes", "&Length", QSpinBox())
        self.duration.setRange(0, LONGEST_CONTACT_MINUTES)
        self.duration.setSuffix(" minutes")
        self.duration.setSpecialValueText("Not recorded")
        self.did_not_attend = form.add("did_not_attend", "Did not attend",
                                       QCheckBox("The person did not &attend"))
        self.notes = form.add("notes", "N&otes", _text_box(lines=5))
        self.next_step = form.add("next_step", "&Next step", QLineEdit())
        self.next_contact_due = form.add("next_contact_due", "Next contact &due", QLineEdit(),
                                         DATE_HINT + " (optional)")
        self.finish_layout()

    def details(self) -> ContactDetails:
        return ContactDetails(
            at=self.at.text(), kind=self.kind.currentData() or "", duration_minutes=self.duration.value() or None,
            notes=self.notes.toPlainText(), next_step=self.next_step.text(),
            did_not_attend=self.did_not_attend.isChecked(), next_contact_due=self.next_contact_due.text())

    def snapshot(self) -> dict:
        return {"kind": self.draft_kind, "patient_id": self.patient_id, "referral_id": self.referral_id, "fields": {
            "at": self.at.text(), "how": self.kind.currentData() or "", "duration_minutes": self.duration.value(),
            "did_not_attend": self.did_not_attend.isChecked(), "notes": self.notes.toPlainText(),
            "next_step": self.next_step.text(), "next_contact_due": self.next_contact_due.text()}}

    def restore(self, snapshot: dict) -> None:
        fields = snapshot.get("fields", {})
        self.at.setText(fields.get("at", ""))
        choose_data(self.kind, fields.get("how", ""))
        self.duration.setValue(int(fields.get("duration_minutes") or 0))
        self.did_not_attend.setChecked(bool(fields.get("did_not_attend")))
        self.notes.setPlainText(fields.get("notes", ""))
        self.next_step.setText(fields.get("next_step", ""))
        self.next_contact_due.setText(fields.get("next_contact_due", ""))

    def save(self) -> int:
        referrals.record_contact(self.store, self.referral_id, self.details())
        return self.referral_id
