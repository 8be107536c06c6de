"""The plan as the editor edits it: a draft of every field, goal and step, validated before saving.

A draft is plain data (dates may still be text as typed) and turns into JSON and back,
so unsaved edits can be parked while the app is locked and restored exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date

from linkdesk.caseload.dates import InvalidDate, parse_date
from linkdesk.directory.categories import ACCESS_NAMES
from linkdesk.directory.schedule import DAY_CODES

from .errors import PlanValidationError
from .snapshots import BARRIERS
from .statuses import NOT_STARTED, goal_status_codes

PERIODS = ("morning", "afternoon", "evening")
BARRIER_KEYS = tuple(key for key, _ in BARRIERS)
LONGEST_TEXT = 20_000  # characters in one free-text field: pages of typing, never a pasted file


@dataclass
class StepDraft:
    what: str = ""
    who: str = ""
    by_when: date | str | None = None
    done: bool = False
    id: int | None = None


@dataclass
class GoalDraft:
    description: str = ""
    target_on: date | str | None = None
    status: str = NOT_STARTED
    steps: list[StepDraft] = field(default_factory=list)
    id: int | None = None


@dataclass
class PlanDraft:
    what_matters: str = ""
    strengths: str = ""
    barriers: dict[str, str] = field(default_factory=dict)  # BARRIER_KEYS -> free text
    preferred_days: list[str] = field(default_factory=list)  # "MO", "TU"...
    preferred_times: list[str] = field(default_factory=list)  # PERIODS
    access_needs: list[str] = field(default_factory=list)  # categories.ACCESS_NAMES
    next_review_on: date | str | None = None
    goals: list[GoalDraft] = field(default_factory=list)


def _date_text(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def draft_to_json(draft: PlanDraft) -> dict:
    data = asdict(draft)
    data["next_review_on"] = _date_text(draft.next_review_on)
    for goal in data["goals"]:
        goal["target_on"] = _date_text(goal["target_on"])
        for step in goal["steps"]:
            step["by_when"] = _date_text(step["by_when"])
    return data


def draft_from_json(data: dict) -> PlanDraft:
    goals = [GoalDraft(goal.get("description", ""), goal.get("target_on"), goal.get("status", NOT_STARTED),
                       [StepDraft(**step) for step in goal.get("steps", [])], goal.get("id"))
             for goal in data.get("goals", [])]
    return PlanDraft(data.get("what_matters", ""), data.get("strengths", ""), dict(data.get("barriers", {})),
                     list(data.get("preferred_days", [])), list(data.get("preferred_times", [])),
                     list(data.get("access_needs", [])), data.get("next_review_on"), goals)


def _date(value, where: str, problems: dict) -> date | None:
    try:
        return parse_date(value)
    except InvalidDate as error:
        problems[where] = str(error)
        return None


def _text(value: str, where: str, problems: dict) -> str:
    text = (value or "").strip()
    if len(text) > LONGEST_TEXT:
        problems[where] = f"is too long ({len(text)} characters; at most {LONGEST_TEXT})"
    return text


def validate_plan(draft: PlanDraft) -> PlanDraft:
    """A cleaned copy with dates parsed and text trimmed; raises PlanValidationError naming every problem.

    Goals need a description; a step needs to say what will happen. Empty goals and steps
    (added then left blank) are dropped rather than refused, as a tired user would expect.
    """
    problems: dict[str, str] = {}
    unknown_barriers = set(draft.barriers) - set(BARRIER_KEYS)
    if unknown_barriers:
        problems["barriers"] = f"unknown kind {', '.join(sorted(unknown_barriers))}"
    barriers = {key: _text(draft.barriers.get(key, ""), f"barrier {key}", problems) for key in BARRIER_KEYS}
    for name, values, allowed in (("preferred days", draft.preferred_days, DAY_CODES),
                                  ("preferred times", draft.preferred_times, PERIODS),
                                  ("accessibility needs", draft.access_needs, ACCESS_NAMES)):
        wrong = [value for value in values if value not in allowed]
        if wrong:
            problems[name] = f"{', '.join(map(str, wrong))} is not one of {', '.join(allowed)}"
    goals = []
    for number, goal in enumerate(draft.goals, start=1):
        where = f"goal {number}"
        description = _text(goal.description, where, problems)
        steps = []
        for step_number, step in enumerate(goal.steps, start=1):
            step_where = f"{where} step {step_number}"
            what = _text(step.what, step_where, problems)
            who = (step.who or "").strip()
            by_when = _date(step.by_when, f"{step_where} by when", problems)
            if not what and (who or by_when):
                problems[step_where] = "say what the step is"
            if what:
                steps.append(StepDraft(what, who[:200], by_when, bool(step.done), step.id))
        if goal.status not in goal_status_codes():
            problems[f"{where} status"] = f"{goal.status!r} is not a goal status"
        target = _date(goal.target_on, f"{where} target date", problems)
        if not description and (steps or target):
            problems[where] = "describe the goal"
        if description or goal.id is not None:
            if not description and goal.id is not None:
                problems[where] = "describe the goal (or remove it)"
            goals.append(GoalDraft(description, target, goal.status, steps, goal.id))
    review = _date(draft.next_review_on, "next review date", problems)
    what_matters = _text(draft.what_matters, "what matters", problems)
    strengths = _text(draft.strengths, "strengths", problems)
    if problems:
        raise PlanValidationError(problems)
    return replace(draft, what_matters=what_matters, strengths=strengths, barriers=barriers,
                   preferred_days=[day for day in DAY_CODES if day in draft.preferred_days],
                   preferred_times=[period for period in PERIODS if period in draft.preferred_times],
                   access_needs=[need for need in ACCESS_NAMES if need in draft.access_needs],
                   next_review_on=review, goals=goals)
