"""Demo data for reports: a few invented patient stories, some consented for publishing."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from linkdesk.caseload.models import Patient

from .models import ANONYMOUS, FIRST_NAME, PatientStory

STORIES = (
    ("The walking group gets me out on a Tuesday. I have people to talk to now, not just the telly.", True,
     FIRST_NAME),
    ("I was frightened of the letters. Sorting the debt out means I can sleep again.", True, ANONYMOUS),
    ("Going to the choir with my neighbour made the first time easier.", True, FIRST_NAME),
    ("I'd rather this stayed between us for now.", False, ANONYMOUS),
)


def add_demo_data(store, today: date | None = None) -> None:
    today = today or date.today()
    with store.session() as session:
        patient_ids = list(session.scalars(select(Patient.id).order_by(Patient.id).limit(len(STORIES) * 3)))
        for number, (text, consent, naming) in enumerate(STORIES):
            if number * 3 >= len(patient_ids):
                break
            told_on = today - timedelta(days=10 + 20 * number)
            session.add(PatientStory(patient_id=patient_ids[number * 3], told_on=told_on, text=text,
                                     consent_to_publish=consent, consent_on=told_on if consent else None,
                                     naming=naming))
