"""`linkdesk plan show|suggest`: a patient's plan and ranked suggestions from the command line."""

from __future__ import annotations

import json
from dataclasses import asdict

from linkdesk.plans.errors import PlanError
from linkdesk.plans.history import current_snapshot, version_history
from linkdesk.plans.measures import change_from_baseline
from linkdesk.plans.statuses import ACTIVITY_STATUSES, GOAL_STATUSES, label
from linkdesk.plans.suggestions import suggestions

from .common import CommandError, open_for


def add_commands(subparsers, common) -> None:
    plan = subparsers.add_parser("plan", parents=[common], help="show a patient's plan or suggestions")
    commands = plan.add_subparsers(title="plan commands", metavar="COMMAND", required=True)

    command = commands.add_parser("show", parents=[common], help="print a patient's current plan")
    command.add_argument("patient", metavar="PATIENT", type=int, help="the patient's record id")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.set_defaults(func=show_plan)

    command = commands.add_parser("suggest", parents=[common], help="services ranked by fit for a patient")
    command.add_argument("patient", metavar="PATIENT", type=int, help="the patient's record id")
    command.add_argument("--limit", type=int, default=10, metavar="N")
    command.add_argument("--json", action="store_true", help="print JSON")
    command.set_defaults(func=suggest)


def show_plan(args) -> int:
    store = open_for(args)
    try:
        snapshot = current_snapshot(store, args.patient)
        versions = version_history(store, args.patient)
        changes = change_from_baseline(store, args.patient)
        store.audit("view", "plan", args.patient, "plan shown at the command line")
    except PlanError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps({"plan": snapshot, "versions": len(versions),
                          "ons4_change": [asdict(change) for change in changes]}, indent=2, ensure_ascii=False))
        return 0
    print(f"What matters to me: {snapshot['what_matters'] or '(not written yet)'}")
    if snapshot["strengths"]:
        print(f"Strengths: {snapshot['strengths']}")
    for goal in snapshot["goals"]:
        print(f"Goal: {goal['description']} ({label(GOAL_STATUSES, goal['status']).lower()})")
        for step in goal["steps"]:
            print(f"  Step: {step['what']}" + (f" ({step['who']})" if step["who"] else ""))
    for activity in snapshot["activities"]:
        print(f"Activity: {activity['service_name']}: {label(ACTIVITY_STATUSES, activity['status']).lower()}")
    print(f"Versions kept: {len(versions)}")
    for change in changes:
        print(f"ONS4 {change.text}")
    return 0


def suggest(args) -> int:
    store = open_for(args)
    try:
        fits = suggestions(store, args.patient, max(1, args.limit))
        # The reasons name the patient's needs and preferences: showing them is a view.
        store.audit("view", "plan", args.patient, "suggestions shown at the command line")
    except PlanError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(fit) for fit in fits], indent=2, ensure_ascii=False))
        return 0
    for fit in fits:
        print(f"{fit.score:3d}  {fit.name}: {fit.explanation}")
    if not fits:
        print("No services match this patient's needs yet.")
    return 0
