"""Use cases for the plan itself: open a patient's plan, save the editor's draft, goals and steps.

Every change writes one audit row (entity "plan", the patient's id) naming the fields and
counting the goals that changed, never their content.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from linkdesk.caseload.models import Patient
from linkdesk.store import audit
from linkdesk.store.base import utc_now

from .errors import PlanNotFound
from .models import Goal, GoalStep, Plan
from .plan_form import BARRIER_KEYS, GoalDraft, PlanDraft, StepDraft, validate_plan

ENTITY = "plan"
_SCALAR_FIELDS = ("what_matters", "strengths", "next_review_on")


def audit_plan(session: Session, action: str, patient_id: int, detail: str) -> None:
    audit.record(session, action, ENTITY, patient_id, detail)


def load_plan(session: Session, patient_id: int, create: bool = False) -> Plan | None:
    """The patient's plan with goals, steps and activities loaded; created (and audited) if asked."""
    plan = session.scalar(select(Plan).where(Plan.patient_id == patient_id).options(
        selectinload(Plan.goals).selectinload(Goal.steps), selectinload(Plan.activities)))
    if plan is None and create:
        if session.get(Patient, patient_id) is None:
            raise PlanNotFound("patient", patient_id)
        plan = Plan(patient_id=patient_id)
        session.add(plan)
        session.flush()
        audit_plan(session, "create", patient_id, "plan started")
        plan = load_plan(session, patient_id)
    return plan


def open_plan(store, patient_id: int) -> Plan:
    """Get or create the patient's plan (detached, everything loaded); opening it is audited as a view."""
    with store.session() as session:
        plan = load_plan(session, patient_id, create=True)
        audit_plan(session, "view", patient_id, "plan opened")
    return plan


def draft_of(plan: Plan) -> PlanDraft:
    """What the editor starts from."""
    return PlanDraft(
        plan.what_matters, plan.strengths, {key: getattr(plan, f"barrier_{key}") for key in BARRIER_KEYS},
        [code for code in plan.preferred_days.split(",") if code],
        [code for code in plan.preferred_times.split(",") if code],
        [code for code in plan.access_needs.split(",") if code], plan.next_review_on,
        [GoalDraft(goal.description, goal.target_on, goal.status,
                   [StepDraft(step.what, step.who, step.by_when, step.done, step.id) for step in goal.steps], goal.id)
         for goal in plan.goals])


def _plan_values(draft: PlanDraft) -> dict:
    values = {"what_matters": draft.what_matters, "strengths": draft.strengths,
              "next_review_on": draft.next_review_on, "preferred_days": ",".join(draft.preferred_days),
              "preferred_times": ",".join(draft.preferred_times), "access_needs": ",".join(draft.access_needs)}
    values.update({f"barrier_{key}": draft.barriers.get(key, "") for key in BARRIER_KEYS})
    return values


def _step_values(steps: list[StepDraft]) -> list[tuple]:
    return [(step.what, step.who, step.by_when, step.done) for step in steps]


def _apply_goals(plan: Plan, goals: list[GoalDraft]) -> dict[str, int]:
    """Bring the plan's goals in line with the draft; returns counts of added, changed and removed."""
    counts = {"added": 0, "changed": 0, "removed": 0}
    existing = {goal.id: goal for goal in plan.goals}
    wanted_ids = {goal.id for goal in goals if goal.id is not None}
    for goal in list(plan.goals):
        if goal.id not in wanted_ids:
            plan.goals.remove(goal)
            counts["removed"] += 1
    for position, draft in enumerate(goals):
        goal = existing.get(draft.id)
        if goal is None:
            if draft.id is not None:
                raise PlanNotFound("goal", draft.id)
            goal = Goal(description=draft.description, target_on=draft.target_on, status=draft.status,
                        position=position, steps=[])
            plan.goals.append(goal)
            counts["added"] += 1
        elif ((goal.description, goal.target_on, goal.status) == (draft.description, draft.target_on, draft.status)
              and _step_values(draft.steps) == _step_values(goal.steps)):
            goal.position = position
            continue
        else:
            goal.description, goal.target_on, goal.status = draft.description, draft.target_on, draft.status
            goal.position, goal.updated_at = position, utc_now()
            counts["changed"] += 1
        if _step_values(draft.steps) != _step_values(goal.steps):
            goal.steps.clear()
            goal.steps.extend(GoalStep(what=step.what, who=step.who, by_when=step.by_when, done=step.done,
                                       position=number) for number, step in enumerate(draft.steps))
    return counts


def save_plan(store, patient_id: int, draft: PlanDraft) -> Plan:
    """Validate and save the editor's whole draft in one transaction; nothing is written if it is refused."""
    cleaned = validate_plan(draft)
    with store.session() as session:
        plan = load_plan(session, patient_id, create=True)
        values = _plan_values(cleaned)
        changed = [name for name, value in values.items() if getattr(plan, name) != value]
        for name in changed:
            setattr(plan, name, values[name])
        counts = _apply_goals(plan, cleaned.goals)
        parts = []
        if changed:
            parts.append("fields: " + ", ".join(changed))
        goal_counts = ", ".join(f"{count} {what}" for what, count in counts.items() if count)
        if goal_counts:
            parts.append("goals: " + goal_counts)
        if parts:
            plan.updated_at = utc_now()
            audit_plan(session, "update", patient_id, "; ".join(parts))
        session.flush()
        plan = load_plan(session, patient_id)
    return plan


def _current_draft(store, patient_id: int) -> PlanDraft:
    with store.session() as session:
        plan = load_plan(session, patient_id, create=True)
    return draft_of(plan)


def update_plan(store, patient_id: int, **fields) -> Plan:
    """Change some of the plan's own fields: what_matters, strengths, barriers (a dict), next_review_on..."""
    return save_plan(store, patient_id, replace(_current_draft(store, patient_id), **fields))


def _goal_index(draft: PlanDraft, goal_id: int) -> int:
    for index, goal in enumerate(draft.goals):
        if goal.id == goal_id:
            return index
    raise PlanNotFound("goal", goal_id)


def _patient_of_goal(store, goal_id: int) -> int:
    with store.session() as session:
        patient_id = session.scalar(select(Plan.patient_id).join(Goal, Goal.plan_id == Plan.id)
                                    .where(Goal.id == goal_id))
    if patient_id is None:
        raise PlanNotFound("goal", goal_id)
    return patient_id


def add_goal(store, patient_id: int, description: str, target_on: date | str | None = None,
             status: str = "not_started", steps=()) -> Goal:
    draft = _current_draft(store, patient_id)
    draft.goals.append(GoalDraft(description, target_on, status, [StepDraft(*step) if isinstance(step, tuple)
                                                                  else step for step in steps]))
    plan = save_plan(store, patient_id, draft)
    return plan.goals[-1]


def update_goal(store, goal_id: int, **fields) -> Goal:
    """Change a goal's description, target_on, status or steps (a list of StepDraft)."""
    patient_id = _patient_of_goal(store, goal_id)
    draft = _current_draft(store, patient_id)
    index = _goal_index(draft, goal_id)
    draft.goals[index] = replace(draft.goals[index], **fields)
    plan = save_plan(store, patient_id, draft)
    return next(goal for goal in plan.goals if goal.id == goal_id)


def remove_goal(store, goal_id: int) -> None:
    patient_id = _patient_of_goal(store, goal_id)
    draft = _current_draft(store, patient_id)
    del draft.goals[_goal_index(draft, goal_id)]
    save_plan(store, patient_id, draft)


def add_step(store, goal_id: int, what: str, who: str = "", by_when: date | str | None = None) -> Goal:
    patient_id = _patient_of_goal(store, goal_id)
    draft = _current_draft(store, patient_id)
    draft.goals[_goal_index(draft, goal_id)].steps.append(StepDraft(what, who, by_when))
    plan = save_plan(store, patient_id, draft)
    return next(goal for goal in plan.goals if goal.id == goal_id)
