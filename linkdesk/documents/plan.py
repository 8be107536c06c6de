"""The personalised plan a patient takes home: their words, goals, activities, next review and who to call.

`plan_document()` gathers everything (no side effects: previewing is not printing);
`record_printed()` keeps the exact snapshot printed as a "printed" plan version, audited
as a print of the patient's plan. `print_plan()` does both around writing the file.
The variant follows the patient's Accessible Information Standard needs unless the link
worker chooses another. Nothing about the patient goes into the PDF's metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether
from sqlalchemy import select

from linkdesk.caseload.models import LinkWorker, Patient
from linkdesk.caseload.nhs_number import InvalidNhsNumber, normalise
from linkdesk.caseload.patients import load_patient
from linkdesk.directory.detail import service_detail
from linkdesk.directory.errors import ServiceNotFound
from linkdesk.plans.errors import PlanNotFound
from linkdesk.plans.history import mark_printed, snapshot_of
from linkdesk.plans.plans import load_plan
from linkdesk.plans.statuses import ACHIEVED, ATTENDING, CHANGED, ENDED, REFERRED
from linkdesk.store import audit

from .base import BaseRenderer, DocumentError, Organisation
from .blocks import help_box
from .booklet import BookletDocument, NothingToPrint
from .leaflet import ServiceSheet, load_sheets, long_date, sentences, service_story
from .organisation import read_print_settings
from .styles import Variant


class PatientNotFound(DocumentError):
    def __init__(self, text: str):
        super().__init__(f"There is no patient with id or NHS number {text!r}.")


@dataclass(frozen=True)
class Activity:
    """One activity on the printed plan: the service as the directory has it now, if it still does."""

    name: str
    organisation: str
    status: str
    sheet: ServiceSheet | None  # None: no longer in the directory


@dataclass(frozen=True)
class Worker:
    name: str
    role: str
    phone: str
    email: str
    practice: str


def variant_for(needs) -> Variant:
    """Easy read for an easy read need (it is large type too), large print for large print, else standard."""
    if "easy_read" in needs:
        return Variant.EASY
    if "large_print" in needs:
        return Variant.LARGE
    return Variant.STANDARD


def patient_id_for(store, text: str) -> int:
    """A patient's id from what was typed: an NHS number (any spacing) or the record's id."""
    text = (text or "").strip()
    with store.session() as session:
        try:
            digits = normalise(text)
        except InvalidNhsNumber:
            digits = None
        if digits:
            found = session.scalar(select(Patient.id).where(Patient.nhs_number == digits))
        else:
            found = int(text) if text.isdigit() and session.get(Patient, int(text)) else None
    if found is None:
        raise PatientNotFound(text)
    return found


def _worker(session, patient: Patient) -> Worker | None:
    """The link worker on the patient's latest referral, else the profile of whoever uses this laptop."""
    worker = next((referral.link_worker for referral in reversed(patient.referrals) if referral.link_worker), None)
    worker = worker or session.scalar(select(LinkWorker).where(LinkWorker.own_profile.is_(True)))
    if worker is None:
        return None
    practice = patient.practice.name if patient.practice else ""
    return Worker(worker.name, worker.role, worker.phone, worker.email, practice)


def _activities(session, snapshot: dict) -> list[Activity]:
    activities = []
    for item in snapshot["activities"]:
        if item["status"] in ENDED:
            continue
        try:
            sheet = ServiceSheet(service_detail(session, item["service_id"]), ())
        except ServiceNotFound:
            sheet = None
        activities.append(Activity(item["service_name"], item["organisation"], item["status"], sheet))
    return activities


class PlanDocument(BaseRenderer):
    title = "My plan"  # the metadata title: never the patient's name

    def __init__(self, organisation: Organisation, patient_id: int, name: str, snapshot: dict,
                 activities: list[Activity], worker: Worker | None, help_lines, variant: Variant | str,
                 printed_on: date | None = None):
        super().__init__(organisation, variant)
        self.patient_id = patient_id
        self.name = name
        self.snapshot = snapshot
        self.activities = activities
        self.worker = worker
        self.help_lines = tuple(help_lines)
        self.printed_on = printed_on or date.today()

    @property
    def variant(self) -> Variant:
        return self.styles.variant

    def _words(self, text: str) -> list[Flowable]:
        """Typed text as the patient said it: a paragraph per line, a sentence per line in easy read."""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if self.variant is Variant.EASY:
            lines = [sentence for line in lines for sentence in sentences(line)]
        return [self.typesetter.paragraph(line) for line in lines]

    def _heading(self, text: str) -> Flowable:
        heading = self.typesetter.paragraph(text, self.styles.heading)
        heading.keepWithNext = True  # never alone at the foot of a page (the next item is a paragraph)
        return heading

    def _section(self, title: str, blocks: list[list[Flowable]]) -> list[Flowable]:
        """A heading kept on the page of its first block; each block kept whole.

        The heading goes inside the first block rather than using keepWithNext, because a
        KeepTogether inside another makes ReportLab start a new page every time.
        """
        if not blocks:
            return []
        heading = self.typesetter.paragraph(title, self.styles.heading)
        return [KeepTogether([heading, *blocks[0]]), *[KeepTogether(block) for block in blocks[1:]]]

    def _goals(self) -> list[list[Flowable]]:
        t, s = self.typesetter, self.styles
        blocks = []
        for goal in self.snapshot["goals"]:
            if goal["status"] == CHANGED:
                continue
            block = [t.paragraph(goal["description"], s.subheading)]
            if goal["status"] == ACHIEVED:
                block.append(t.paragraph("I have done this.", bold=True))
                blocks.append(block)
                continue
            if goal.get("target_on"):
                block.append(t.paragraph(f"By {long_date(date.fromisoformat(goal['target_on']))}."))
            steps = [step for step in goal["steps"] if not step["done"]]
            if steps:
                block.append(t.paragraph("Next steps:", bold=True))
            for step in steps:
                extra = [_who(step.get("who", ""))] if step.get("who", "").strip() else []
                if step.get("by_when"):
                    extra.append(f"by {long_date(date.fromisoformat(step['by_when']))}")
                block.append(t.paragraph(f"• {step['what']}" + (f" ({', '.join(extra)})" if extra else "")))
            blocks.append(block)
        return blocks

    def _activity(self, activity: Activity) -> list[Flowable]:
        t, s = self.typesetter, self.styles
        if activity.sheet is None:
            block = [t.paragraph(activity.name, s.subheading)]
            if activity.organisation:
                block.append(t.paragraph(f"Run by {activity.organisation}"))
            block.append(t.paragraph("Ask your link worker for the details of this activity."))
            return block
        block = service_story(t, activity.sheet)
        status = {REFERRED: "My link worker has asked them to contact me.",
                  ATTENDING: "I am going to this already."}.get(activity.status)
        if status:
            block.insert(0 if self.variant is Variant.EASY else 1, t.paragraph(status, bold=True))
        return block

    def story(self) -> list[Flowable]:
        t, s = self.typesetter, self.styles
        snapshot = self.snapshot
        story: list[Flowable] = [t.paragraph("My plan", s.title)]
        story += t.label_value("My name:", self.name)
        story += t.label_value("Date:", long_date(self.printed_on))
        for title, key in (("What matters to me", "what_matters"), ("What I am good at", "strengths")):
            words = self._words(snapshot.get(key, ""))
            if words:
                story += [self._heading(title), *words]
        story += self._section("My goals and next steps", self._goals())
        story += self._section("Activities I am going to try", [self._activity(item) for item in self.activities])
        review = snapshot.get("next_review_on")
        if review:
            day = date.fromisoformat(review)
            when = t.paragraph(f"I will see my link worker again on {day:%A} {long_date(day)}.")
        else:
            when = t.paragraph("My link worker will contact me to arrange it.")
        story += [self._heading("My next appointment"), when]
        if self.worker is not None:
            story += self._section("My link worker", [self._worker()])
        story.append(help_box(t, "If you need help sooner", self.help_lines))
        return story

    def _worker(self) -> list[Flowable]:
        t, worker = self.typesetter, self.worker
        block = t.label_value("Name:", worker.name)
        for label, value in (("Phone:", worker.phone), ("Email:", worker.email), ("Practice:", worker.practice)):
            if value:
                block += t.label_value(label, value)
        return block


def _who(text: str) -> str:
    """A step's "who" as the patient would say it: "me", "my link worker", or the name typed."""
    key = " ".join(text.split()).casefold()
    if key in ("patient", "me", "self", "myself"):
        return "me"
    if key in ("link worker", "my link worker", "social prescriber"):
        return "my link worker"
    return text.strip()


def plan_document(store, patient_id: int, variant: Variant | str | None = None,
                  today: date | None = None) -> PlanDocument:
    """The patient's plan as it stands, ready to preview or print; the variant defaults from their needs.

    Raises the caseload's NotFound for an unknown patient and PlanNotFound when they have no plan.
    """
    with store.session() as session:
        patient = load_patient(session, patient_id)
        plan = load_plan(session, patient_id)
        if plan is None:
            raise PlanNotFound("plan for patient", patient_id)
        snapshot = snapshot_of(plan)
        settings = read_print_settings(session)
        activities = _activities(session, snapshot)
        worker = _worker(session, patient)
        needs = frozenset(code for code in patient.communication_needs.split(",") if code)
        name = patient.preferred_name.strip() or f"{patient.first_name} {patient.last_name}"
    chosen = Variant(variant) if variant else variant_for(needs)
    return PlanDocument(settings.organisation, patient_id, name, snapshot, activities, worker, settings.help_lines,
                        chosen, today)


def record_printed(store, document: PlanDocument):
    """Keep what was printed as a "printed" plan version, audited as a print (entity "plan", patient id)."""
    return mark_printed(store, document.patient_id, document.snapshot, document.variant.label.lower())


def print_plan(store, patient_id: int, path: Path | str, variant: Variant | str | None = None) -> PlanDocument:
    """Write the plan's PDF to `path` (whole or not at all), then record the printed version."""
    document = plan_document(store, patient_id, variant)
    document.render_to(path)
    record_printed(store, document)
    return document


def plan_booklet(store, patient_id: int, variant: Variant | str = Variant.STANDARD,
                 progress=None, cancel=None) -> BookletDocument:
    """A booklet of the activities on the patient's plan (those not stopped or declined)."""
    with store.session() as session:
        plan = load_plan(session, patient_id)
        if plan is None:
            raise PlanNotFound("plan for patient", patient_id)
        ids = [activity.service_id for activity in plan.activities if activity.status not in ENDED]
        settings = read_print_settings(session)
    if not ids:
        raise NothingToPrint("this patient's plan: it has no activities yet")
    sheets = load_sheets(store, ids, progress, cancel)
    return BookletDocument(settings.organisation, sheets, "Activities in my plan", variant, cancel=cancel)


def record_booklet_printed(store, patient_id: int, count: int) -> None:
    """The booklet names no one, but which services a patient was given is part of their record: audited."""
    with store.session() as session:
        audit.record(session, "print", "plan", patient_id, f"activities booklet of {count} services")
