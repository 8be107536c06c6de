"""Add or edit a service: the common fields of one service at one place, with its sessions.

What was typed survives a lock (`DraftDialog`): the snapshot holds the form as a
`ServiceDraft` and which service it edits (None when adding one).
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from dataclasses import fields as dataclass_fields

from PySide6.QtCore import QTime, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from linkdesk.directory.categories import CATEGORIES
from linkdesk.directory.errors import DirectoryError, InvalidService
from linkdesk.directory.schedule import describe
from linkdesk.directory.services import ServiceDraft, SessionDraft

from ..dialog_drafts import DraftDialog
from ..widgets import message_label
from .filter_bar import DAYS

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# (label, ordinal prefix for byday, weekly interval): "Every other week" is WEEKLY with interval 2.
WEEKS = (("Every week", "", 1), ("Every other week", "", 2), ("First", "1", 1), ("Second", "2", 1),
         ("Third", "3", 1), ("Fourth", "4", 1), ("Last", "-1", 1))


def _clock_time(text: str | None) -> bool:
    """Exactly "HH:MM", so the time box writes back what it was given."""
    return bool(re.fullmatch(r"\d\d:\d\d", text or "")) and QTime.fromString(text, "HH:mm").isValid()


def fits_the_row(session: SessionDraft) -> bool:
    """Whether a SessionRow can show `session` exactly and so save it back unchanged.

    One day (a week of the month the row offers, or none), weekly or monthly, no month days,
    both times as HH:MM. Anything else, a blank day or time included, would be given the
    row's defaults (Monday, 10:00 to 11:30), so it is kept as it is instead.
    """
    weeks = "|".join(re.escape(prefix) for _, prefix, _ in WEEKS if prefix)
    day = re.fullmatch(rf"({weeks})?({'|'.join(DAY_CODES)})", session.byday or "")
    freq = (session.freq or "WEEKLY").upper()
    if day is None or session.bymonthday or not (_clock_time(session.opens_at) and _clock_time(session.closes_at)):
        return False
    if day[1]:
        return freq == "MONTHLY" and (session.interval or 1) == 1
    return freq == "WEEKLY" and (session.interval or 1) in (1, 2)


class SessionRow(QWidget):
    """One regular session: which day, which week of the month, from and to.

    A session the row cannot show exactly (two days, every third week, given days of the
    month, no day or no times...) is shown in words and kept as it is, so editing another field never changes
    it; remove it and add a new one to change it. What the row does not show (how people
    take part, the session's own description) is kept either way.
    """

    def __init__(self, session: SessionDraft | None = None):
        super().__init__()
        self._original = session or SessionDraft()
        self.kept_as_is = session is not None and not fits_the_row(session)
        self.remove = QPushButton("Remove")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if self.kept_as_is:
            self.summary = QLabel(f"{describe(self._original) or 'A session'} (kept as imported)")
            self.summary.setWordWrap(True)
            self.summary.setToolTip("To change this session, remove it and add a new one.")
            row.addWidget(self.summary, 1)
            row.addWidget(self.remove)
            return
        self.week = QComboBox()
        self.week.setAccessibleName("Which week")
        for label, prefix, interval in WEEKS:
            self.week.addItem(label, f"{prefix}/{interval}")  # a string: Qt's findData cannot match tuples
        self.day = QComboBox()
        self.day.setAccessibleName("Day")
        for name, code in zip(DAYS, DAY_CODES):
            self.day.addItem(name, code)
        self.opens = QTimeEdit(QTime(10, 0))
        self.opens.setAccessibleName("From")
        self.closes = QTimeEdit(QTime(11, 30))
        self.closes.setAccessibleName("To")
        for widget in (self.week, self.day, self.opens, self.closes, self.remove):
            row.addWidget(widget)
        if session is not None:
            self._load(session)

    def _load(self, session: SessionDraft) -> None:
        prefix, code = session.byday[:-2], session.byday[-2:]  # as fits_the_row checked: "TU", "-1FR"
        interval = 1 if prefix else (session.interval or 1)
        self.week.setCurrentIndex(max(0, self.week.findData(f"{prefix}/{interval}")))
        self.day.setCurrentIndex(max(0, self.day.findData(code)))
        self.opens.setTime(QTime.fromString(session.opens_at, "HH:mm"))
        self.closes.setTime(QTime.fromString(session.closes_at, "HH:mm"))

    def draft(self) -> SessionDraft:
        if self.kept_as_is:
            return self._original
        prefix, interval = self.week.currentData().split("/")
        return replace(self._original, byday=f"{prefix}{self.day.currentData()}",
                       freq="MONTHLY" if prefix else "WEEKLY", interval=int(interval),
                       opens_at=self.opens.time().toString("HH:mm"),
                       closes_at=self.closes.time().toString("HH:mm"))


def service_draft_from(data: dict) -> ServiceDraft:
    """A ServiceDraft back from its parked form (`asdict`), ignoring keys an older version wrote."""
    known = {item.name for item in dataclass_fields(ServiceDraft)}
    values = {key: value for key, value in data.items() if key in known}
    session_keys = {item.name for item in dataclass_fields(SessionDraft)}
    values["sessions"] = [SessionDraft(**{key: value for key, value in session.items() if key in session_keys})
                          for session in values.get("sessions", [])]
    return ServiceDraft(**values)


class ServiceEditorDialog(DraftDialog):
    draft_kind = "service"

    def __init__(self, draft: ServiceDraft, save, parent: QWidget | None = None, title: str = "Add a service",
                 service_id: str | None = None):
        """`save(draft)` stores it and raises InvalidService naming the field if it is not right."""
        super().__init__(parent)
        self._save = save
        self.service_id = service_id
        self.setWindowTitle(title)
        self.resize(640, 720)
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()

        def line(name: str, label: str, value: str) -> QLineEdit:
            edit = QLineEdit(value)
            edit.setAccessibleName(label.replace("&", ""))
            form.addRow(label, edit)
            self.fields[name] = edit
            return edit

        self.name = line("name", "&Name", draft.name)
        self.organisation = line("organisation", "&Organisation", draft.organisation)
        self.description = QPlainTextEdit(draft.description)
        self.description.setAccessibleName("Description")
        form.addRow("&Description", self.description)
        self.fields["description"] = self.description
        self.categories = QStandardItemModel(self)
        for category in CATEGORIES:
            item = QStandardItem(category.label)
            item.setData(category.code)
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Checked if category.code in draft.categories else Qt.CheckState.Unchecked)
            self.categories.appendRow(item)
        categories = QListView()
        categories.setModel(self.categories)
        categories.setAccessibleName("Categories")
        categories.setMaximumHeight(140)
        form.addRow("&Categories", categories)
        self.fields["categories"] = categories
        self.location_name = line("location_name", "&Place", draft.location_name)
        self.address_1 = line("address_1", "Address line &1", draft.address_1)
        self.address_2 = line("address_2", "Address line &2", draft.address_2)
        self.city = line("city", "Town or cit&y", draft.city)
        self.postcode = line("postcode", "Post&code", draft.postcode)

        self.sessions_box = QVBoxLayout()
        sessions_holder = QWidget()
        sessions_layout = QVBoxLayout(sessions_holder)
        sessions_layout.setContentsMargins(0, 0, 0, 0)
        sessions_layout.addLayout(self.sessions_box)
        add_session = QPushButton("Add a &session")
        add_session.clicked.connect(lambda: self._add_session(None))
        sessions_layout.addWidget(add_session)
        form.addRow("When", sessions_holder)
        self.session_rows: list[SessionRow] = []
        for session in draft.sessions:
            self._add_session(session)

        self.free = QCheckBox("Free")
        self.free.setChecked(draft.cost_amount == 0)
        self.cost_amount = QDoubleSpinBox()
        self.cost_amount.setPrefix("£")
        self.cost_amount.setRange(0, 10_000)
        self.cost_amount.setAccessibleName("Cost in pounds")
        self.cost_amount.setValue(draft.cost_amount or 0)
        self.cost_description = QLineEdit(draft.cost_description)
        self.cost_description.setPlaceholderText("a session")
        self.cost_description.setAccessibleName("Cost is for")
        cost_row = QHBoxLayout()
        for widget in (self.free, self.cost_amount, self.cost_description):
            cost_row.addWidget(widget)
        self.free.toggled.connect(lambda free: self.cost_amount.setEnabled(not free))
        self.cost_amount.setEnabled(not self.free.isChecked())
        form.addRow("Cost", cost_row)
        self.fields["cost"] = self.cost_amount

        self.phone = line("phone", "P&hone", draft.phone)
        self.email = line("email", "&Email", draft.email)
        self.website = line("website", "&Website", draft.website)
        self.eligibility = line("eligibility", "Who it is &for", draft.eligibility)
        self.minimum_age = QSpinBox()
        self.maximum_age = QSpinBox()
        for spin, value, name in ((self.minimum_age, draft.minimum_age, "Youngest age"),
                                  (self.maximum_age, draft.maximum_age, "Oldest age")):
            spin.setRange(0, 120)
            spin.setSpecialValueText("Any")
            spin.setValue(value or 0)
            spin.setAccessibleName(name)
        ages = QHBoxLayout()
        ages.addWidget(self.minimum_age)
        ages.addWidget(self.maximum_age)
        form.addRow("Ages (youngest, oldest)", ages)
        self.fields["minimum_age"] = self.minimum_age
        self.fields["maximum_age"] = self.maximum_age
        self.accessibility = line("accessibility", "Accessi&bility", draft.accessibility)
        self.alert = line("alert", "Please &note", draft.alert)

        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        self.message = message_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.discard)
        layout.addWidget(buttons)

    def snapshot(self) -> dict:
        return {"kind": self.draft_kind, "service_id": self.service_id, "fields": asdict(self.draft())}

    def restore(self, snapshot: dict) -> None:
        self.load(service_draft_from(snapshot.get("fields", {})))

    def load(self, draft: ServiceDraft) -> None:
        """Put a draft's values in every field, sessions included (those shown now are replaced)."""
        for name in ("name", "organisation", "location_name", "address_1", "address_2", "city", "postcode",
                     "phone", "email", "website", "eligibility", "accessibility", "alert"):
            self.fields[name].setText(getattr(draft, name))
        self.description.setPlainText(draft.description)
        for row in range(self.categories.rowCount()):
            item = self.categories.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data() in draft.categories else Qt.CheckState.Unchecked)
        for row in list(self.session_rows):
            self._remove_session(row)
        for session in draft.sessions:
            self._add_session(session)
        self.free.setChecked(draft.cost_amount == 0)
        self.cost_amount.setValue(draft.cost_amount or 0)
        self.cost_description.setText(draft.cost_description)
        self.minimum_age.setValue(draft.minimum_age or 0)
        self.maximum_age.setValue(draft.maximum_age or 0)

    def _add_session(self, session: SessionDraft | None) -> None:
        row = SessionRow(session)
        row.remove.clicked.connect(lambda: self._remove_session(row))
        self.session_rows.append(row)
        self.sessions_box.addWidget(row)

    def _remove_session(self, row: SessionRow) -> None:
        self.session_rows.remove(row)
        row.deleteLater()

    def draft(self) -> ServiceDraft:
        codes = [self.categories.item(row).data() for row in range(self.categories.rowCount())
                 if self.categories.item(row).checkState() == Qt.CheckState.Checked]
        amount = 0.0 if self.free.isChecked() else (self.cost_amount.value() or None)
        return ServiceDraft(
            name=self.name.text(), organisation=self.organisation.text(),
            description=self.description.toPlainText(), categories=codes,
            website=self.website.text(), email=self.email.text(), phone=self.phone.text(),
            location_name=self.location_name.text(), address_1=self.address_1.text(),
            address_2=self.address_2.text(), city=self.city.text(), postcode=self.postcode.text(),
            sessions=[row.draft() for row in self.session_rows],
            cost_amount=amount, cost_description=self.cost_description.text(),
            eligibility=self.eligibility.text(),
            minimum_age=self.minimum_age.value() or None, maximum_age=self.maximum_age.value() or None,
            accessibility=self.accessibility.text(), alert=self.alert.text(),
        )

    def submit(self) -> None:
        self.message.clear()
        try:
            self.saved_id = self._save(self.draft())
        except InvalidService as error:
            self.message.show_error(str(error))
            widget = self.fields.get(error.field)
            if widget is not None:
                widget.setFocus()
            return
        except DirectoryError as error:
            self.message.show_error(str(error))
            return
        self.accept()
