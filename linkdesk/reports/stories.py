"""Patient stories: recording a story or quote, consent to publish it, and the consented ones a report may print.

A story is published only with the patient's explicit consent, and named as they chose:
by first name (their preferred name, if they gave one) or not at all. The story's words
are printed as recorded, so the link worker writes them without surnames or details that
would identify someone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from linkdesk.caseload.dates import InvalidDate, parse_date
from linkdesk.caseload.errors import NotFound
from linkdesk.caseload.models import Patient
from linkdesk.store import audit
from linkdesk.store.base import utc_now

from .errors import ReportError
from .models import ANONYMOUS, FIRST_NAME, NAMINGS, PatientStory
from .records import Period, ReferralRecord, ReportFilter

LONGEST_STORY = 4000


class StoryRefused(ReportError):
    """The story was not saved; the message names what to fix."""


@dataclass(frozen=True)
class PublishedStory:
    told_on: date
    text: str
    attribution: str  # "Maureen" or "Anonymous"


def _clean(text: str, told_on, naming: str, today: date) -> tuple[str, date]:
    problems = []
    text = (text or "").strip()
    if not text:
        problems.append("write the story or quote")
    elif len(text) > LONGEST_STORY:
        problems.append(f"keep it under {LONGEST_STORY} characters")
    if naming not in dict(NAMINGS):
        problems.append("choose how the patient is named: first name only, or anonymous")
    try:
        day = parse_date(told_on) or today
    except InvalidDate as error:
        problems.append(f"the date was not understood ({error})")
        day = today
    if day > today:
        problems.append("the date cannot be in the future")
    if problems:
        raise StoryRefused("The story was not saved: " + "; ".join(problems) + ".")
    return text, day


def add_story(store, patient_id: int, text: str, *, consent_to_publish: bool, naming: str = ANONYMOUS,
              told_on: date | str | None = None, today: date | None = None) -> PatientStory:
    today = today or date.today()
    text, day = _clean(text, told_on, naming, today)
    with store.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound("patient", patient_id)
        story = PatientStory(patient_id=patient_id, told_on=day, text=text, consent_to_publish=consent_to_publish,
                             consent_on=today if consent_to_publish else None, naming=naming)
        session.add(story)
        session.flush()
        audit.record(session, "create", "patient", patient_id,
                     f"story {story.id} ({'may be published' if consent_to_publish else 'not for publishing'})")
    return story


def set_consent(store, story_id: int, consent_to_publish: bool, naming: str | None = None,
                today: date | None = None) -> PatientStory:
    """Give or withdraw consent to publish (and change the naming); reports made from now on follow it."""
    with store.session() as session:
        story = session.get(PatientStory, story_id)
        if story is None:
            raise NotFound("story", story_id)
        if naming is not None:
            if naming not in dict(NAMINGS):
                raise StoryRefused("Choose how the patient is named: first name only, or anonymous.")
            story.naming = naming
        story.consent_to_publish = consent_to_publish
        story.consent_on = (today or date.today()) if consent_to_publish else None
        story.updated_at = utc_now()
        audit.record(session, "update", "patient", story.patient_id,
                     f"story {story_id} fields: consent to publish, naming")
    return story


def list_stories(store, patient_id: int) -> list[PatientStory]:
    """The patient's stories, oldest first, whatever their consent; audited as a view. NotFound if no such patient."""
    with store.session() as session:
        if session.get(Patient, patient_id) is None:
            raise NotFound("patient", patient_id)
        stories = list(session.scalars(select(PatientStory).where(PatientStory.patient_id == patient_id)
                                       .order_by(PatientStory.told_on, PatientStory.id)))
        audit.record(session, "view", "patient", patient_id, f"stories listed ({len(stories)})")
    return stories


def attribution(naming: str, first_name: str, preferred_name: str) -> str:
    if naming == FIRST_NAME:
        return (preferred_name or first_name).strip().split(" ")[0] or "Anonymous"
    return "Anonymous"


def publishable_stories(session, period: Period, filters: ReportFilter,
                        referrals: list[ReferralRecord]) -> tuple[PublishedStory, ...]:
    """Stories told in the period, with consent, by patients with a referral matching the filters."""
    in_scope = {r.patient_id for r in referrals if filters.matches(r)}
    rows = session.execute(select(PatientStory, Patient.first_name, Patient.preferred_name)
                           .join(Patient, Patient.id == PatientStory.patient_id)
                           .where(PatientStory.consent_to_publish.is_(True))
                           .order_by(PatientStory.told_on, PatientStory.id))
    return tuple(PublishedStory(story.told_on, story.text, attribution(story.naming, first, preferred))
                 for story, first, preferred in rows if story.patient_id in in_scope and story.told_on in period)
