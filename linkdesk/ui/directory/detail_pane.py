"""The detail pane: one service written out as a person would say it, with its actions."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkdesk.directory.detail import ServiceDetail


def detail_html(detail: ServiceDetail) -> str:
    """Escaped HTML: imported text is never trusted as markup."""
    parts = [f"<h2>{escape(detail.name)}</h2>"]
    if detail.organisation:
        parts.append(f"<p>Run by {escape(detail.organisation)}</p>")
    if detail.archived:
        parts.append("<p><b>Archived:</b> no longer offered.</p>")
    if detail.alert:
        parts.append(f"<p><b>Please note:</b> {escape(detail.alert)}</p>")
    if detail.possibly_out_of_date:
        checked = detail.last_verified.strftime("%d %B %Y") if detail.last_verified else "never"
        parts.append(f"<p><b>Possibly out of date:</b> last checked {checked}. "
                     "Check with the organisation before referring.</p>")
    if detail.description:
        parts.append("".join(f"<p>{escape(paragraph)}</p>" for paragraph in detail.description.split("\n\n")))

    def section(title: str, lines) -> None:
        lines = [line for line in lines if line]
        if lines:
            parts.append(f"<h3>{title}</h3>" + "".join(f"<p>{escape(line)}</p>" for line in lines))

    section("When", detail.when)
    section("Where", detail.addresses)
    section("How to take part", [", ".join(detail.attending).capitalize() if detail.attending else "",
                                 detail.how_to_access])
    section("Cost", [detail.cost])
    contact = list(detail.contacts) + list(detail.phones)
    if detail.email:
        contact.append(f"Email: {detail.email}")
    section("Contact", contact)
    if detail.website:
        link = escape(detail.website, quote=True)
        parts.append(f'<p>Website: <a href="{link}">{escape(detail.website)}</a></p>')
    section("Accessibility", detail.accessibility)
    section("Who it is for", [detail.eligibility, detail.ages])
    section("Languages", [", ".join(detail.languages)])
    section("Categories", [", ".join(detail.categories)])
    if detail.terms:
        section("Original categories", [", ".join(detail.terms)])
    checked = detail.last_verified.strftime("%d %B %Y") if detail.last_verified else "never"
    source = f"; from {detail.source_feed}" if detail.source_feed else ""
    parts.append(f"<p><small>Last checked: {checked}{escape(source)}</small></p>")
    return "".join(parts)


class ServiceDetailPane(QWidget):
    favourite_clicked = Signal()
    verify_clicked = Signal()
    edit_clicked = Signal()
    archive_clicked = Signal()
    save_notes_clicked = Signal()
    add_to_plan_clicked = Signal()
    print_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: ServiceDetail | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Service details")
        self.favourite = QPushButton()
        self.verify = QPushButton("Chec&ked today")
        self.verify.setToolTip("Record that you checked these details with the organisation today")
        self.edit = QPushButton("&Edit…")
        self.archive = QPushButton()
        self.print_leaflet = QPushButton("&Print leaflet…")
        self.print_leaflet.setToolTip("Preview a one-page leaflet about this service, then print or save it")
        self.add_to_plan = QPushButton("A&dd to plan")
        self.add_to_plan.setToolTip("Add this service to the plan of the patient open in the Plans tab")
        for_patient = QHBoxLayout()  # what is done with the patient, apart from upkeep of the entry
        for button in (self.add_to_plan, self.print_leaflet):
            for_patient.addWidget(button)
        for_patient.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.favourite, self.verify, self.edit, self.archive):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Local notes")
        self.notes.setPlaceholderText("Your own notes about this service (kept when the directory is re-imported)")
        self.notes.setMaximumHeight(90)
        self.save_notes = QPushButton("Save &notes")
        self.notes.textChanged.connect(self._notes_edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(for_patient)
        layout.addLayout(buttons)
        layout.addWidget(QLabel("Local notes"))
        layout.addWidget(self.notes)
        notes_row = QHBoxLayout()
        notes_row.addStretch(1)
        notes_row.addWidget(self.save_notes)
        layout.addLayout(notes_row)
        self.favourite.clicked.connect(self.favourite_clicked)
        self.verify.clicked.connect(self.verify_clicked)
        self.edit.clicked.connect(self.edit_clicked)
        self.archive.clicked.connect(self.archive_clicked)
        self.save_notes.clicked.connect(self.save_notes_clicked)
        self.print_leaflet.clicked.connect(self.print_clicked)
        self.add_to_plan.clicked.connect(self.add_to_plan_clicked)
        self.show_detail(None)

    def show_detail(self, detail: ServiceDetail | None, notes: str | None = None) -> None:
        self.detail = detail
        self.browser.setHtml(detail_html(detail) if detail else "<p>Choose a service to see its details.</p>")
        for button in (self.add_to_plan, self.favourite, self.verify, self.edit, self.archive, self.print_leaflet,
                       self.notes):
            button.setEnabled(detail is not None)
        self.favourite.setText("Remove from &shortlist" if detail and detail.favourite else "Add to &shortlist")
        self.archive.setText("&Restore" if detail and detail.archived else "&Archive")
        self.notes.blockSignals(True)
        self.notes.setPlainText(notes if notes is not None else (detail.local_notes if detail else ""))
        self.notes.blockSignals(False)
        self._notes_edited()

    @property
    def notes_unsaved(self) -> bool:
        return self.detail is not None and self.notes.toPlainText() != self.detail.local_notes

    def _notes_edited(self) -> None:
        self.save_notes.setEnabled(self.notes_unsaved)
