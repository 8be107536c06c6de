"""The plan pages of the subject access PDF: the plan, agreed activities, plan versions and measures.

A plan version is summarised (when, who, what mattered, the goals and activities then);
its whole content is in the JSON file, exactly as it was kept.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from linkdesk.plans.statuses import ACTIVITY_STATUSES, GOAL_STATUSES, label

from .subject_access_layout import grid, label_table, paragraph, together

_PLAN_FIELDS = ("What matters to me", "Strengths")
_PREFERENCES = ("Preferred days", "Preferred times of day", "Access needs", "Next review date",
                "Plan started (UTC)", "Plan last changed (UTC)")
_MOST_ITEMS_AS_COLUMNS = 5  # beyond this a record's scores are listed down the page instead


def _goals(goals: list[dict], styles) -> list:
    flowables = [Paragraph("Goals and steps", styles["subheading"])]
    if not goals:
        return flowables + [paragraph("No goals are recorded.", styles["body"])]
    for goal in goals:
        parts = [label_table([(key, goal[key]) for key in ("Goal", "Target date", "Status")], styles)]
        if goal["Steps"]:
            parts.append(grid(goal["Steps"], ["Step", "Who", "By when", "Done"], styles,
                              [80 * mm, 40 * mm, 30 * mm, 20 * mm]))
        flowables += together(parts + [Spacer(1, 3 * mm)])
    return flowables


def _plan(plan: dict | None, styles) -> list:
    flowables = [Paragraph("Your plan", styles["heading"])]
    if plan is None:
        return flowables + [paragraph("No plan is recorded.", styles["body"])]
    barriers = [(f"Barrier: {name.lower()}", text) for name, text in
                plan["Barriers and the support for them"].items() if text]
    pairs = [(key, plan[key]) for key in _PLAN_FIELDS] + (barriers or [("Barriers", None)])
    pairs += [(key, plan[key]) for key in _PREFERENCES]
    return flowables + [label_table(pairs, styles)] + _goals(plan["Goals"], styles)


def _activities(activities: list[dict], styles) -> list:
    flowables = [Paragraph("Activities agreed with you", styles["heading"])]
    if not activities:
        return flowables + [paragraph("No activities are recorded.", styles["body"])]
    for activity in activities:
        # Only the dates an activity reached are shown; the JSON has every field.
        pairs = [(key, value) for key, value in activity.items() if value not in (None, "") or key == "Notes"]
        flowables += together([label_table(pairs, styles), Spacer(1, 3 * mm)])
    return flowables


def _version(version: dict, styles) -> list:
    content = version["Content"]
    goals = [f"{goal['description']} ({label(GOAL_STATUSES, goal['status'])})" for goal in content.get("goals", [])]
    activities = [f"{activity['service_name']} ({label(ACTIVITY_STATUSES, activity['status'])})"
                  for activity in content.get("activities", [])]
    title = f"Version {version['Version']}: {version['Kind'].lower()} {version['When (UTC)']} (UTC)"
    pairs = [("By", version["By"]), ("Note", version["Note"]),
             ("What mattered to you", content.get("what_matters")), ("Goals then", "\n".join(goals)),
             ("Activities then", "\n".join(activities))]
    return together([paragraph(title, styles["subheading"]), label_table(pairs, styles)])


def _versions(versions: list[dict], styles) -> list:
    flowables = [Paragraph("Versions of your plan", styles["heading"])]
    if not versions:
        return flowables + [paragraph("No version of the plan has been agreed or printed.", styles["body"])]
    flowables.append(paragraph("A copy of the plan is kept each time it is agreed with you or printed. This is a "
                               "summary of each copy; the JSON file holds each one in full.", styles["body"]))
    return flowables + [part for version in versions for part in _version(version, styles)]


def _score(item: dict) -> str:
    if item["Score"] is None:
        return "Not answered"
    return f"{item['Score']} ({item['Band']})" if item["Band"] else str(item["Score"])


def _measure(name: str, records: list[dict], styles) -> list:
    flowables = [paragraph(f"{name} (scores from {records[0]['Scale']})", styles["subheading"])]
    items = list(dict.fromkeys(item["Item"] for record in records for item in record["Scores"]))
    if len(items) > _MOST_ITEMS_AS_COLUMNS:
        for record in records:
            pairs = [("Date", record["Date"]), ("Occasion", record["Occasion"])]
            pairs += [(item["Item"], _score(item)) for item in record["Scores"]]
            flowables += together([label_table(pairs, styles), Spacer(1, 3 * mm)])
        return flowables
    rows = [{"Date": record["Date"], "Occasion": record["Occasion"],
             **{item["Item"]: _score(item) for item in record["Scores"]}} for record in records]
    width = 124 * mm / len(items)
    return flowables + [grid(rows, ["Date", "Occasion", *items], styles, [24 * mm, 22 * mm] + [width] * len(items))]


def _measures(results: list[dict], styles) -> list:
    flowables = [Paragraph("Wellbeing measures", styles["heading"])]
    if not results:
        return flowables + [paragraph("No wellbeing measures are recorded.", styles["body"])]
    by_measure: dict[str, list[dict]] = {}
    for result in results:
        by_measure.setdefault(result["Measure"], []).append(result)
    for name, records in by_measure.items():
        flowables += _measure(name, records, styles)
    return flowables


def plan_flowables(content: dict, styles) -> list:
    return (_plan(content["Plan"], styles) + _activities(content["Agreed activities"], styles)
            + _versions(content["Plan versions"], styles) + _measures(content["Wellbeing measures"], styles))
