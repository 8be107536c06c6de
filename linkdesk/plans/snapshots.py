"""What changed between two plan versions, in sentences, from their JSON snapshots (no database)."""

from __future__ import annotations

from .statuses import ACTIVITY_STATUSES, GOAL_STATUSES, label

BARRIERS = (("transport", "Transport"), ("cost", "Cost"), ("confidence", "Confidence"),
            ("company", "Someone to go with"), ("other", "Other barriers"))
TEXT_FIELDS = (("what_matters", "What matters to me"), ("strengths", "Strengths"))


def _short(text: str, most: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= most else text[:most - 1] + "…"


def _by_id(items) -> dict:
    return {item["id"]: item for item in items or ()}


def _text_change(name: str, before: str, after: str) -> str | None:
    before, after = (before or "").strip(), (after or "").strip()
    if before == after:
        return None
    if not before:
        return f"{name} added"
    if not after:
        return f"{name} removed"
    return f"{name} changed"


def describe_changes(old: dict | None, new: dict) -> list[str]:
    """Readable differences: which fields changed, goals and activities added, removed or moved on.

    `old` None means `new` is the first version. Free-text fields are named, not quoted,
    so the list stays short; goal and activity names are quoted so each can be found.
    """
    if old is None:
        return ["First version of the plan"]
    lines = []
    for key, name in TEXT_FIELDS:
        line = _text_change(name, old.get(key, ""), new.get(key, ""))
        if line:
            lines.append(line)
    for key, name in BARRIERS:
        line = _text_change(f"Barrier: {name.lower()}", old.get("barriers", {}).get(key, ""),
                            new.get("barriers", {}).get(key, ""))
        if line:
            lines.append(line)
    if old.get("next_review_on") != new.get("next_review_on"):
        before, after = old.get("next_review_on") or "none", new.get("next_review_on") or "none"
        lines.append(f"Next review date: {before} to {after}")
    lines += _goal_changes(old.get("goals", []), new.get("goals", []))
    lines += _activity_changes(old.get("activities", []), new.get("activities", []))
    return lines or ["No changes since the previous version"]


def _goal_changes(old_goals, new_goals) -> list[str]:
    lines = []
    before, after = _by_id(old_goals), _by_id(new_goals)
    for goal_id, goal in after.items():
        name = f"'{_short(goal['description'])}'"
        if goal_id not in before:
            lines.append(f"Goal added: {name}")
            continue
        previous = before[goal_id]
        if previous["description"] != goal["description"]:
            lines.append(f"Goal reworded: {name}")
        if previous["status"] != goal["status"]:
            lines.append(f"Goal {name}: {label(GOAL_STATUSES, previous['status']).lower()} to "
                         f"{label(GOAL_STATUSES, goal['status']).lower()}")
        if previous.get("target_on") != goal.get("target_on"):
            lines.append(f"Goal {name}: target date {previous.get('target_on') or 'none'} to "
                         f"{goal.get('target_on') or 'none'}")
        if previous.get("steps", []) != goal.get("steps", []):
            lines.append(f"Goal {name}: steps changed ({len(previous.get('steps', []))} to "
                         f"{len(goal.get('steps', []))})")
    lines += [f"Goal removed: '{_short(goal['description'])}'" for goal_id, goal in before.items()
              if goal_id not in after]
    return lines


def _activity_changes(old_activities, new_activities) -> list[str]:
    lines = []
    before, after = _by_id(old_activities), _by_id(new_activities)
    for activity_id, activity in after.items():
        name = activity["service_name"]
        status = label(ACTIVITY_STATUSES, activity["status"]).lower()
        if activity_id not in before:
            lines.append(f"Activity added: {name} ({status})")
            continue
        previous = before[activity_id]
        if previous["status"] != activity["status"]:
            lines.append(f"Activity {name}: {label(ACTIVITY_STATUSES, previous['status']).lower()} to {status}")
        elif previous.get("notes", "") != activity.get("notes", ""):
            lines.append(f"Activity {name}: notes changed")
    lines += [f"Activity removed: {activity['service_name']}" for activity_id, activity in before.items()
              if activity_id not in after]
    return lines
