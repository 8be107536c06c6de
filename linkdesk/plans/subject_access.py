"""The plan and wellbeing measures part of a subject access export, read in the caller's session.

`caseload.subject_access.gather` calls `plan_sections` inside its own transaction, so the
plan, its versions and the measures are read at the same moment as the rest of the
record. Codes are written in words; a plan version's content is given as it was kept
(its JSON copy), since versions are never edited.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkdesk.directory.schedule import DAY_CODES, DAY_NAMES

from .fit import ACCESS_WORDS
from .history import KINDS
from .measures import _measure_of
from .models import AgreedActivity, MeasureDefinition, MeasureRecord, Plan, PlanVersion
from .outcomes import OCCASIONS, band_for
from .plans import load_plan
from .snapshots import BARRIERS
from .statuses import ACTIVITY_STATUSES, GOAL_STATUSES, label

_DAYS = dict(zip(DAY_CODES, DAY_NAMES))


def export_text(value) -> object:
    """Dates as ISO text, stored timestamps (UTC) to the minute; anything else as it is (every export section)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _codes(text: str) -> list[str]:
    return [code for code in (text or "").split(",") if code]


def _plan(plan: Plan) -> dict:
    return {
        "What matters to me": plan.what_matters,
        "Strengths": plan.strengths,
        "Barriers and the support for them": {name: getattr(plan, f"barrier_{key}") for key, name in BARRIERS},
        "Preferred days": [_DAYS.get(code, code) for code in _codes(plan.preferred_days)],
        "Preferred times of day": [code.capitalize() for code in _codes(plan.preferred_times)],
        "Access needs": [ACCESS_WORDS.get(code, code.capitalize()) for code in _codes(plan.access_needs)],
        "Next review date": export_text(plan.next_review_on),
        "Plan started (UTC)": export_text(plan.created_at),
        "Plan last changed (UTC)": export_text(plan.updated_at),
        "Goals": [{
            "Goal id": goal.id, "Goal": goal.description, "Target date": export_text(goal.target_on),
            "Status": label(GOAL_STATUSES, goal.status), "Added (UTC)": export_text(goal.created_at),
            "Last changed (UTC)": export_text(goal.updated_at),
            "Steps": [{"Step": step.what, "Who": step.who, "By when": export_text(step.by_when), "Done": step.done}
                      for step in goal.steps],
        } for goal in plan.goals],
    }


def _activity(activity: AgreedActivity) -> dict:
    return {
        "Activity id": activity.id, "Service": activity.service_name, "Organisation": activity.organisation,
        "Directory service id": activity.service_id, "Status": label(ACTIVITY_STATUSES, activity.status),
        "Status since": export_text(activity.status_on), "Signposted on": export_text(activity.signposted_on),
        "Referred on": export_text(activity.referred_on), "Attending from": export_text(activity.attending_from),
        "Stopped or declined on": export_text(activity.ended_on), "Reason stopped or declined": activity.reason,
        "Notes": activity.notes, "Added (UTC)": export_text(activity.created_at),
        "Last changed (UTC)": export_text(activity.updated_at),
    }


def _version(version: PlanVersion) -> dict:
    return {"Version": version.number, "Kind": label(KINDS, version.kind), "When (UTC)": export_text(version.at),
            "By": version.by, "Note": version.note, "Content": version.snapshot}


def _measures(session: Session, patient_id: int) -> list[dict]:
    """Every measure recorded, ONS4 first, then by measure name; each measure's records oldest first."""
    rows = session.execute(select(MeasureRecord, MeasureDefinition)
                           .join(MeasureDefinition, MeasureDefinition.id == MeasureRecord.definition_id)
                           .where(MeasureRecord.patient_id == patient_id)
                           .order_by(MeasureDefinition.built_in.desc(), MeasureDefinition.name,
                                     MeasureRecord.recorded_on, MeasureRecord.id))
    results = []
    for record, definition in rows:
        measure, scores = _measure_of(definition), record.scores
        items = [{"Item": item.label, "Score": scores.get(item.code),
                  "Band": band_for(measure, item.code, scores.get(item.code))} for item in measure.items]
        # A score whose item the definition no longer names is still held, so it is still shown.
        known = {item.code for item in measure.items}
        items += [{"Item": code, "Score": score, "Band": ""} for code, score in scores.items() if code not in known]
        results.append({"Measure": measure.name, "Date": export_text(record.recorded_on),
                        "Occasion": label(OCCASIONS, record.occasion),
                        "Scale": f"{measure.scale_min} to {measure.scale_max}", "Scores": items,
                        "Recorded (UTC)": export_text(record.created_at)})
    return results


def plan_sections(session: Session, patient_id: int) -> dict:
    """The plan, agreed activities, plan versions and measures; empty (None or []) when none are held."""
    plan = load_plan(session, patient_id)
    versions = [] if plan is None else session.scalars(
        select(PlanVersion).where(PlanVersion.plan_id == plan.id).order_by(PlanVersion.number))
    return {
        "Plan": None if plan is None else _plan(plan),
        "Agreed activities": [] if plan is None else [_activity(activity) for activity in plan.activities],
        "Plan versions": [_version(version) for version in versions],
        "Wellbeing measures": _measures(session, patient_id),
    }
