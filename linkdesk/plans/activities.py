"""Use cases for agreed activities: add a directory service to a plan, move it through its statuses."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from linkdesk.directory.models import ServiceIndex
from linkdesk.store.base import utc_now

from .errors import AlreadyOnPlan, PlanNotFound, StatusChangeRefused
from .models import AgreedActivity, Plan
from .plans import audit_plan, load_plan
from .statuses import ENDED, REFERRED, SIGNPOSTED, ATTENDING, SUGGESTED, check_activity_change

# Which dated column each status fills in when an activity reaches it.
_DATE_COLUMNS = {SIGNPOSTED: "signposted_on", REFERRED: "referred_on", ATTENDING: "attending_from"}


def _apply(activity: AgreedActivity, change) -> None:
    activity.status, activity.status_on = change.status, change.on
    column = _DATE_COLUMNS.get(change.status)
    if column:
        setattr(activity, column, change.on)
    if change.status in ENDED:
        activity.ended_on, activity.reason = change.on, change.reason
    else:
        activity.ended_on, activity.reason = None, ""
    activity.updated_at = utc_now()


def add_to_plan(store, patient_id: int, service_id: str, status: str = SUGGESTED, on: date | str | None = None,
                reason: str = "", notes: str = "", today: date | None = None) -> AgreedActivity:
    """Add a directory service to the patient's plan, keeping a copy of its name as it is today.

    A service already on the plan (and not stopped or declined) is refused with AlreadyOnPlan.
    A status other than "suggested" must be one a suggestion could move to (signposted,
    referred, attending, declined), with its date.
    """
    today = today or date.today()
    with store.session() as session:
        service = session.scalar(select(ServiceIndex).where(ServiceIndex.service_id == service_id))
        if service is None:
            raise PlanNotFound("service in the directory", service_id)
        plan = load_plan(session, patient_id, create=True)
        if any(activity.service_id == service_id and activity.status not in ENDED for activity in plan.activities):
            raise AlreadyOnPlan(service.name)
        activity = AgreedActivity(service_id=service_id, service_name=service.name,
                                  organisation=service.organisation or "", status=SUGGESTED, status_on=today,
                                  reason="", notes=(notes or "").strip())
        if status != SUGGESTED:
            _apply(activity, check_activity_change(SUGGESTED, status, on, reason, today))
        plan.activities.append(activity)
        plan.updated_at = utc_now()
        session.flush()
        audit_plan(session, "update", patient_id, f"activity {activity.id} added ({activity.status})")
    return activity


def _activity(session, activity_id: int) -> tuple[AgreedActivity, int]:
    row = session.execute(select(AgreedActivity, Plan.patient_id).join(Plan, Plan.id == AgreedActivity.plan_id)
                          .where(AgreedActivity.id == activity_id)).first()
    if row is None:
        raise PlanNotFound("activity", activity_id)
    return row[0], row[1]


def change_activity_status(store, activity_id: int, status: str, on: date | str | None = None, reason: str = "",
                           today: date | None = None) -> AgreedActivity:
    """Move an activity on (e.g. referred on a date, stopped with a reason); refused changes write nothing."""
    with store.session() as session:
        activity, patient_id = _activity(session, activity_id)
        change = check_activity_change(activity.status, status, on, reason, today)
        _apply(activity, change)
        audit_plan(session, "update", patient_id, f"activity {activity_id} fields: status")
    return activity


def set_activity_notes(store, activity_id: int, notes: str) -> AgreedActivity:
    with store.session() as session:
        activity, patient_id = _activity(session, activity_id)
        if activity.notes != (notes or "").strip():
            activity.notes = (notes or "").strip()
            activity.updated_at = utc_now()
            audit_plan(session, "update", patient_id, f"activity {activity_id} notes")
    return activity


def remove_activity(store, activity_id: int) -> None:
    """Take back a suggestion added by mistake; anything further along is kept (decline or stop it instead)."""
    with store.session() as session:
        activity, patient_id = _activity(session, activity_id)
        if activity.status != SUGGESTED:
            raise StatusChangeRefused(f"{activity.service_name} has gone further than a suggestion, so it stays on "
                                      "the plan's record: mark it declined or stopped instead.")
        session.delete(activity)
        audit_plan(session, "update", patient_id, f"activity {activity_id} removed")


def list_activities(store, patient_id: int) -> list[AgreedActivity]:
    with store.session() as session:
        plan = load_plan(session, patient_id)
        return list(plan.activities) if plan else []
