"""Demo plans: most demo patients get a plan in a realistic state, the same every time.

Runs after the caseload's demo (it needs patients) and the directory's (activities point
at real demo services). Everything is written in one transaction.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from linkdesk.caseload.models import Patient

from .fit import rank
from .history import AGREED, snapshot_of
from .measures import ensure_ons4
from .models import AgreedActivity, Goal, GoalStep, MeasureRecord, Plan, PlanVersion
from .outcomes import ANXIETY, HAPPINESS, LIFE_SATISFACTION, WORTHWHILE
from .statuses import ACHIEVED, ATTENDING, DECLINED, IN_PROGRESS, NOT_STARTED, REFERRED, SIGNPOSTED, STOPPED, \
    SUGGESTED
from .suggestions import candidate_services, patient_needs

WHAT_MATTERS = (
    "I want to get out of the house more. Since Jim died the days are very long.",
    "Being able to walk to the shops again without getting out of breath.",
    "Sorting out the money worries so I can sleep at night.",
    "Meeting people who speak my language. I feel alone here.",
    "Feeling useful again. I was a carpenter for forty years.",
    "Looking after my mum without losing myself.",
    "Getting back into work, even a few hours a week.",
    "Feeling less anxious when I go out.",
    "Cooking proper meals instead of living on toast.",
    "Spending time outdoors. The garden used to be my happy place.",
)
STRENGTHS = ("Good sense of humour", "Close to family", "Used to run a choir", "Handy with tools",
             "Loves gardening", "Determined", "Good cook", "Walks the dog every day", "Good neighbours")
# Each step says who does it, so a printed plan never reads "Go on my own (my link worker)".
GOALS = (
    ("Go to a group once a week", (("Visit the group together", "Link worker"), ("Go on my own", "Patient"))),
    ("Walk to the park and back", (("Walk to the end of the road daily", "Patient"),
                                   ("Try the walking group", "Patient"))),
    ("Get a benefits check", (("Gather letters and bank statements", "Daughter"),
                              ("Book the advice appointment", "Link worker"))),
    ("Cook two hot meals a week", (("Go to the cookery class", "Patient"), ("Make a shopping list", "Daughter"))),
    ("Have a day for myself each week", (("Ask about respite sitting", "Link worker"),
                                         ("Join the carers' coffee morning", "Patient"))),
)
BARRIERS = {"transport": "No car; the 45 bus is hard to get on", "cost": "Can't afford more than a few pounds",
            "confidence": "Nervous meeting new people", "company": "Would like someone to go with the first time"}
ACTIVITY_PATHS = ((SUGGESTED,), (SIGNPOSTED,), (REFERRED,), (REFERRED, ATTENDING), (SIGNPOSTED, ATTENDING),
                  (REFERRED, ATTENDING, STOPPED), (DECLINED,))
STOP_REASONS = ("Session times changed", "Felt well enough to stop", "Moved away")


# The quote a patient with this referral need might give; others get one from WHAT_MATTERS.
NEED_QUOTES = {"bereavement": 0, "loneliness": 0, "physical_activity": 1, "long_term_condition": 1, "money": 2,
               "housing": 2, "mental_wellbeing": 7, "carer_support": 5, "employment": 6, "healthy_eating": 8}


def _clamp(value: int) -> int:
    return max(0, min(10, value))


def _baseline(rng: random.Random) -> dict:
    return {LIFE_SATISFACTION: rng.randint(2, 6), WORTHWHILE: rng.randint(3, 7), HAPPINESS: rng.randint(2, 7),
            ANXIETY: rng.randint(4, 9)}


def _review(rng: random.Random, baseline: dict) -> dict:
    """Mostly a little better (anxiety a little lower), as a real caseload tends to look, with some noise."""
    shift = rng.choice((2, 1, 1, 0, -1))
    return {item: _clamp(score + (-shift if item == ANXIETY else shift) + rng.randint(-1, 1))
            for item, score in baseline.items()}


def follow_path(activity, path, dates, stop_reason: str) -> None:
    """Move an agreed activity (a model or any object with its fields) along `path`, one status per date."""
    for status, on in zip(path, dates):
        activity.status, activity.status_on = status, on
        if status == SIGNPOSTED:
            activity.signposted_on = on
        elif status == REFERRED:
            activity.referred_on = on
        elif status == ATTENDING:
            activity.attending_from = on
        elif status in (STOPPED, DECLINED):
            activity.ended_on = on
            activity.reason = stop_reason if status == STOPPED else ""


def add_demo_data(store, today: date | None = None) -> None:
    today = today or date.today()
    with store.session() as session:
        patient_ids = list(session.scalars(select(Patient.id).order_by(Patient.id)))
        ons4 = ensure_ons4(session)
        for number, patient_id in enumerate(patient_ids):
            if number % 6 == 5:  # some patients are new referrals with no plan yet
                continue
            _plan_for(session, patient_id, number, ons4.id, today)


def _plan_for(session, patient_id: int, number: int, ons4_id: int, today: date) -> None:
    rng = random.Random(2026 * 1000 + number)
    needs = patient_needs(session, patient_id)
    quote = next((NEED_QUOTES[need] for need in sorted(needs.needs) if need in NEED_QUOTES), number)
    if needs.language and needs.language.lower() != "english":
        quote = 3
    plan = Plan(patient_id=patient_id, what_matters=WHAT_MATTERS[quote % len(WHAT_MATTERS)],
                strengths=", ".join(rng.sample(STRENGTHS, 2)), next_review_on=today + timedelta(days=7 + number % 40))
    for key in rng.sample(sorted(BARRIERS), rng.randint(0, 2)):
        setattr(plan, f"barrier_{key}", BARRIERS[key])
    if number % 3 == 0:
        plan.preferred_days, plan.preferred_times = "TU,TH", "morning"
    session.add(plan)
    session.flush()
    for position, (description, steps) in enumerate(rng.sample(GOALS, 1 + number % 2)):
        goal = Goal(plan_id=plan.id, position=position, description=description,
                    target_on=today + timedelta(days=30 + 7 * position),
                    status=(NOT_STARTED, IN_PROGRESS, IN_PROGRESS, ACHIEVED)[(number + position) % 4])
        goal.steps = [GoalStep(position=index, what=what, who=who,
                               by_when=today + timedelta(days=7 * (index + 1)), done=goal.status == ACHIEVED)
                      for index, (what, who) in enumerate(steps)]
        session.add(goal)
    fits = rank(needs, candidate_services(session, needs, set()), limit=3)
    for index, fit in enumerate(fits[: 1 + number % 3]):
        path = ACTIVITY_PATHS[(number + index) % len(ACTIVITY_PATHS)]
        started = today - timedelta(days=40 - 3 * index)
        activity = AgreedActivity(plan_id=plan.id, service_id=fit.service_id, service_name=fit.name,
                                  organisation=fit.organisation, status=SUGGESTED, status_on=started)
        follow_path(activity, path, [started + timedelta(days=10 * step) for step in range(len(path))],
                    STOP_REASONS[number % 3])
        session.add(activity)
    baseline = _baseline(rng)
    session.add(MeasureRecord(patient_id=patient_id, definition_id=ons4_id, occasion="baseline",
                              recorded_on=today - timedelta(days=45), scores_json=json.dumps(baseline)))
    if number % 2 == 0:
        session.add(MeasureRecord(patient_id=patient_id, definition_id=ons4_id, occasion="review",
                                  recorded_on=today - timedelta(days=5),
                                  scores_json=json.dumps(_review(rng, baseline))))
    session.flush()
    if number % 3 != 2:
        session.refresh(plan)
        agreed_at = datetime.combine(today - timedelta(days=20 + number % 10), time(11, 15))
        session.add(PlanVersion(plan_id=plan.id, number=1, kind=AGREED, by="demo", at=agreed_at,
                                snapshot_json=json.dumps(snapshot_of(plan), ensure_ascii=False)))
