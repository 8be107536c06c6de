"""What the referral and contact forms hold, and their rules; pure, like patient_form."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from . import dates, vocabulary
from .errors import ValidationError

LONGEST_CONTACT_MINUTES = 600


@dataclass(frozen=True)
class ReferralDetails:
    received_on: date | str | None = None
    source: str = ""  # a code from vocabulary.REFERRAL_SOURCES
    referrer: str = ""  # who referred: name and role, or the agency
    needs: frozenset[str] = field(default_factory=frozenset)  # vocabulary.NEEDS codes
    needs_other: str = ""
    reason: str = ""  # the referrer's words: why now, what they hope for
    link_worker_id: int | None = None


@dataclass(frozen=True)
class ContactDetails:
    at: datetime | str | None = None
    kind: str = ""  # a code from vocabulary.CONTACT_KINDS
    duration_minutes: int | str | None = None
    notes: str = ""
    next_step: str = ""
    did_not_attend: bool = False
    next_contact_due: date | str | None = None


def _strip(value) -> str:
    return " ".join(str(value or "").split())


def validate_referral(details: ReferralDetails, today: date | None = None,
                      born: date | None = None) -> ReferralDetails:
    """The details tidied; raises ValidationError with every problem, keyed by field name."""
    problems: dict[str, str] = {}
    cleaned: dict[str, object] = {"referrer": _strip(details.referrer), "needs_other": _strip(details.needs_other),
                                  "reason": (details.reason or "").strip(), "source": _strip(details.source)}
    try:
        received = dates.parse_date(details.received_on)
        if received is None:
            problems["received_on"] = "Enter the date the referral was received."
        else:
            cleaned["received_on"] = dates.check_not_future(received, "date received", today)
            if born is not None and received < born:
                problems["received_on"] = "The referral cannot be received before the patient was born."
    except dates.InvalidDate as error:
        problems["received_on"] = str(error)
    if cleaned["source"] not in vocabulary.codes(vocabulary.REFERRAL_SOURCES):
        problems["source"] = "Choose where the referral came from."
    needs = frozenset(details.needs or ())
    unknown = needs - vocabulary.codes(vocabulary.NEEDS)
    if unknown:
        problems["needs"] = f"Unknown needs: {', '.join(sorted(unknown))}."
    elif "other" in needs and not cleaned["needs_other"]:
        problems["needs_other"] = "Say what the other need is."
    cleaned["needs"] = needs
    if problems:
        raise ValidationError(problems, "referral")
    return replace(details, **cleaned)


def validate_contact(details: ContactDetails, received_on: date, now: datetime | None = None) -> ContactDetails:
    problems: dict[str, str] = {}
    cleaned: dict[str, object] = {"notes": (details.notes or "").strip(),
                                  "next_step": (details.next_step or "").strip(),
                                  "kind": _strip(details.kind), "did_not_attend": bool(details.did_not_attend)}
    now = now or datetime.now()
    at = None
    try:
        at = dates.parse_datetime(details.at)
        if at is None:
            problems["at"] = "Enter when the contact happened."
        elif at > now:
            problems["at"] = "A contact cannot be recorded before it happens; use the next contact date instead."
        elif at.date() < received_on:
            problems["at"] = "The contact cannot be before the referral was received."
        cleaned["at"] = at
    except dates.InvalidDate as error:
        problems["at"] = str(error)
    if cleaned["kind"] not in vocabulary.codes(vocabulary.CONTACT_KINDS):
        problems["kind"] = "Choose how the contact happened."
    cleaned["duration_minutes"] = None
    if _strip(details.duration_minutes):
        try:
            minutes = int(_strip(details.duration_minutes))
        except ValueError:
            minutes = -1
        if not 1 <= minutes <= LONGEST_CONTACT_MINUTES:
            problems["duration_minutes"] = f"Enter the length in whole minutes, from 1 to {LONGEST_CONTACT_MINUTES}."
        cleaned["duration_minutes"] = minutes
    try:
        due = dates.parse_date(details.next_contact_due)
        if due is not None and at is not None and due < at.date():
            problems["next_contact_due"] = "The next contact must be after this one."
        cleaned["next_contact_due"] = due
    except dates.InvalidDate as error:
        problems["next_contact_due"] = str(error)
    if problems:
        raise ValidationError(problems, "contact")
    return replace(details, **cleaned)
