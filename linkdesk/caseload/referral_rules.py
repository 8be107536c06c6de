"""A referral's life: its statuses, which changes are allowed, and the SNOMED CT code each records."""

from __future__ import annotations

from dataclasses import dataclass

RECEIVED = "received"
CONTACTED = "contacted"
ACTIVE = "active"
DISCHARGED = "discharged"
DECLINED = "declined"
UNABLE_TO_CONTACT = "unable_to_contact"

STATUSES = (
    (RECEIVED, "Received"), (CONTACTED, "Contacted"), (ACTIVE, "Active"),
    (DISCHARGED, "Discharged"), (DECLINED, "Declined"), (UNABLE_TO_CONTACT, "Unable to contact"),
)
OPEN_STATUSES = frozenset({RECEIVED, CONTACTED, ACTIVE})

# Someone who could not be reached may get in touch later, so that ending can be reopened;
# a discharge or a decline is final, and a new referral starts a new episode.
ALLOWED = {
    RECEIVED: (CONTACTED, ACTIVE, DECLINED, UNABLE_TO_CONTACT),
    CONTACTED: (ACTIVE, DECLINED, UNABLE_TO_CONTACT),
    ACTIVE: (DISCHARGED,),
    UNABLE_TO_CONTACT: (CONTACTED, ACTIVE),
    DISCHARGED: (),
    DECLINED: (),
}

DISCHARGE_REASONS = (
    ("goals_met", "Goals met"), ("ongoing_support_elsewhere", "Support continues with another service"),
    ("no_longer_wishes", "No longer wishes to take part"), ("moved_away", "Moved away"),
    ("needs_clinical_care", "Needs clinical care first"), ("died", "Died"), ("other", "Other"),
)


@dataclass(frozen=True)
class SnomedConcept:
    code: str
    term: str


REFERRAL_TO_SOCIAL_PRESCRIBING = SnomedConcept("871731000000106", "Referral to social prescribing service")
SOCIAL_PRESCRIBING_DECLINED = SnomedConcept("871711000000103", "Social prescribing declined")

# Accepting (the referral becomes active) and declining are what the GP record needs to know.
SNOMED_FOR_STATUS = {ACTIVE: REFERRAL_TO_SOCIAL_PRESCRIBING, DECLINED: SOCIAL_PRESCRIBING_DECLINED}
SNOMED_TERMS = {concept.code: concept.term for concept in SNOMED_FOR_STATUS.values()}


class TransitionNotAllowed(ValueError):
    """The status change makes no sense from where the referral is; the message says what can follow."""


def status_label(status: str) -> str:
    return dict(STATUSES).get(status, status)


def next_statuses(status: str) -> tuple[str, ...]:
    return ALLOWED.get(status, ())


def check_transition(current: str, new: str, discharge_reason: str | None = None) -> SnomedConcept | None:
    """Raise TransitionNotAllowed unless `current` may become `new`; return the SNOMED concept to record."""
    if new not in ALLOWED:
        raise TransitionNotAllowed(f"{new!r} is not a referral status.")
    if new not in ALLOWED.get(current, ()):
        following = ", ".join(status_label(s) for s in next_statuses(current)) or "nothing: it is closed"
        raise TransitionNotAllowed(
            f"A referral that is {status_label(current).lower()} cannot become {status_label(new).lower()}; "
            f"it can become: {following}."
        )
    if new == DISCHARGED and discharge_reason not in dict(DISCHARGE_REASONS):
        raise TransitionNotAllowed("Choose a reason for the discharge.")
    if new != DISCHARGED and discharge_reason:
        raise TransitionNotAllowed("A discharge reason is only recorded when the referral is discharged.")
    return SNOMED_FOR_STATUS.get(new)
