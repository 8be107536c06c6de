"""Goal statuses, and the life of an agreed activity: which status changes are allowed and what each needs.

Signposting (the patient was given the details and contacts the service themselves) and
referral (the link worker contacted the provider for them, on a date) are different
things and stay different statuses: commissioners count them separately.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linkdesk.caseload.dates import InvalidDate, parse_date

from .errors import StatusChangeRefused

NOT_STARTED, IN_PROGRESS, ACHIEVED, CHANGED = "not_started", "in_progress", "achieved", "changed"
GOAL_STATUSES = ((NOT_STARTED, "Not started"), (IN_PROGRESS, "In progress"), (ACHIEVED, "Achieved"),
                 (CHANGED, "Changed"))

SUGGESTED, SIGNPOSTED, REFERRED, ATTENDING, STOPPED, DECLINED = (
    "suggested", "signposted", "referred", "attending", "stopped", "declined")
ACTIVITY_STATUSES = (
    (SUGGESTED, "Suggested"), (SIGNPOSTED, "Signposted (details given)"), (REFERRED, "Referred to the provider"),
    (ATTENDING, "Attending"), (STOPPED, "Stopped"), (DECLINED, "Declined"),
)
# Finished activities: the same service may be added to the plan again after one of these.
ENDED = frozenset({STOPPED, DECLINED})

# Someone who stopped may go back, and someone who declined may change their mind later.
ALLOWED = {
    SUGGESTED: (SIGNPOSTED, REFERRED, ATTENDING, DECLINED),
    SIGNPOSTED: (REFERRED, ATTENDING, STOPPED, DECLINED),
    REFERRED: (ATTENDING, STOPPED, DECLINED),
    ATTENDING: (STOPPED,),
    STOPPED: (ATTENDING,),
    DECLINED: (SUGGESTED,),
}


def label(choices, code: str | None) -> str:
    return dict(choices).get(code or "", code or "")


def goal_status_codes() -> frozenset[str]:
    return frozenset(code for code, _ in GOAL_STATUSES)


@dataclass(frozen=True)
class ActivityChange:
    """What a status change writes: the new status, the date it happened, and a reason if one is needed."""

    status: str
    on: date
    reason: str = ""


def check_activity_change(current: str, new: str, on: date | str | None, reason: str = "",
                          today: date | None = None) -> ActivityChange:
    """Validate a change of status; raises StatusChangeRefused with a sentence a user understands.

    Every change has a date (the referral date for "referred"), which defaults to today and
    may not be in the future; "stopped" needs a reason, "declined" may have one.
    """
    today = today or date.today()
    if new not in dict(ACTIVITY_STATUSES):
        raise StatusChangeRefused(f"{new!r} is not an activity status")
    if new == current:
        raise StatusChangeRefused(f"The activity is already {label(ACTIVITY_STATUSES, new).lower()}.")
    if new not in ALLOWED[current]:
        allowed = ", ".join(label(ACTIVITY_STATUSES, code).lower() for code in ALLOWED[current])
        raise StatusChangeRefused(
            f"An activity that is {label(ACTIVITY_STATUSES, current).lower()} cannot become "
            f"{label(ACTIVITY_STATUSES, new).lower()}; it can become: {allowed}.")
    try:
        on = parse_date(on) or today
    except InvalidDate as error:
        raise StatusChangeRefused(f"The date was not understood: {error}") from None
    if on > today:
        raise StatusChangeRefused("The date of a status change cannot be in the future.")
    reason = (reason or "").strip()
    if new == STOPPED and not reason:
        raise StatusChangeRefused("Say why the patient stopped going (for example: moved away, felt better, "
                                  "session times changed).")
    if new not in ENDED:
        reason = ""
    return ActivityChange(new, on, reason)
