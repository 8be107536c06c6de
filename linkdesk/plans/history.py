"""Plan versions: a read-only JSON copy of the whole plan each time it is agreed or printed, and their history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from .errors import PlanError, PlanNotFound
from .models import Plan, PlanVersion
from .plans import audit_plan, load_plan
from .plan_form import BARRIER_KEYS
from .snapshots import describe_changes

AGREED, PRINTED = "agreed", "printed"
KINDS = ((AGREED, "Agreed"), (PRINTED, "Printed"))


def _day(value) -> str | None:
    return value.isoformat() if value else None


def snapshot_of(plan: Plan) -> dict:
    """Everything the plan says, as plain JSON; what a version keeps and what printing renders."""
    return {
        "what_matters": plan.what_matters,
        "strengths": plan.strengths,
        "barriers": {key: getattr(plan, f"barrier_{key}") for key in BARRIER_KEYS},
        "next_review_on": _day(plan.next_review_on),
        "goals": [{"id": goal.id, "description": goal.description, "target_on": _day(goal.target_on),
                   "status": goal.status,
                   "steps": [{"what": step.what, "who": step.who, "by_when": _day(step.by_when), "done": step.done}
                             for step in goal.steps]}
                  for goal in plan.goals],
        "activities": [{"id": activity.id, "service_id": activity.service_id, "service_name": activity.service_name,
                        "organisation": activity.organisation, "status": activity.status,
                        "status_on": _day(activity.status_on), "referred_on": _day(activity.referred_on),
                        "reason": activity.reason, "notes": activity.notes}
                       for activity in plan.activities],
    }


def current_snapshot(store, patient_id: int) -> dict:
    with store.session() as session:
        plan = load_plan(session, patient_id)
        if plan is None:
            raise PlanNotFound("plan for patient", patient_id)
        return snapshot_of(plan)


def _add_version(session, plan: Plan, kind: str, snapshot: dict, note: str) -> PlanVersion:
    number = (session.scalar(select(func.max(PlanVersion.number)).where(PlanVersion.plan_id == plan.id)) or 0) + 1
    version = PlanVersion(plan_id=plan.id, number=number, kind=kind, by=session.info.get("actor", ""),
                          note=(note or "").strip()[:200], snapshot_json=json.dumps(snapshot, ensure_ascii=False))
    session.add(version)
    session.flush()
    return version


def agree_plan(store, patient_id: int, note: str = "") -> PlanVersion:
    """Keep the plan as it stands now as version N, "agreed"; later edits never change it."""
    with store.session() as session:
        plan = load_plan(session, patient_id)
        if plan is None:
            raise PlanNotFound("plan for patient", patient_id)
        snapshot = snapshot_of(plan)
        if not snapshot["what_matters"].strip() and not snapshot["goals"] and not snapshot["activities"]:
            raise PlanError("There is nothing to agree yet: write what matters to the patient, or add a goal "
                            "or an activity first.")
        version = _add_version(session, plan, AGREED, snapshot, note)
        audit_plan(session, "update", patient_id, f"plan version {version.number} agreed")
    return version


def mark_printed(store, patient_id: int, snapshot: dict | None = None, note: str = "") -> PlanVersion:
    """Keep what was printed as a "printed" version (the current plan unless the printer passes its snapshot).

    Printing calls this in the same breath as writing the PDF, so every copy a patient took
    home can be shown later exactly as it was.
    """
    with store.session() as session:
        plan = load_plan(session, patient_id)
        if plan is None:
            raise PlanNotFound("plan for patient", patient_id)
        version = _add_version(session, plan, PRINTED, snapshot if snapshot is not None else snapshot_of(plan), note)
        audit_plan(session, "print", patient_id, f"plan version {version.number} printed")
    return version


@dataclass(frozen=True)
class VersionSummary:
    id: int
    number: int
    kind: str
    at: datetime  # UTC
    by: str
    note: str
    changes: tuple[str, ...]  # what changed since the version before it


def version_history(store, patient_id: int) -> list[VersionSummary]:
    """Every version, newest first, each with what changed since the one before."""
    with store.session() as session:
        versions = list(session.scalars(select(PlanVersion).join(Plan, Plan.id == PlanVersion.plan_id)
                                        .where(Plan.patient_id == patient_id).order_by(PlanVersion.number)))
    summaries, previous = [], None
    for version in versions:
        snapshot = version.snapshot
        summaries.append(VersionSummary(version.id, version.number, version.kind, version.at, version.by,
                                        version.note, tuple(describe_changes(previous, snapshot))))
        previous = snapshot
    return summaries[::-1]


def get_version(store, version_id: int) -> PlanVersion:
    with store.session() as session:
        version = session.get(PlanVersion, version_id)
        if version is None:
            raise PlanNotFound("plan version", version_id)
    return version


def compare_versions(store, older_id: int, newer_id: int) -> list[str]:
    """What changed between any two versions of the same plan."""
    older, newer = get_version(store, older_id), get_version(store, newer_id)
    if older.plan_id != newer.plan_id:
        raise PlanError("Those two versions belong to different plans.")
    return describe_changes(older.snapshot, newer.snapshot)


def changes_since_last_version(store, patient_id: int) -> list[str]:
    """What the plan would show as changed if it were agreed now; empty when there is no version yet."""
    with store.session() as session:
        plan = load_plan(session, patient_id)
        if plan is None:
            return []
        latest = session.scalar(select(PlanVersion).where(PlanVersion.plan_id == plan.id)
                                .order_by(PlanVersion.number.desc()).limit(1))
        if latest is None:
            return []
        return describe_changes(latest.snapshot, snapshot_of(plan))
