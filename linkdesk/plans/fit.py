"""How well a directory service fits a patient: a transparent score with the reasons a person can read.

Every point added has a reason shown beside the suggestion ("Free", "Same area: B30",
"Tuesday mornings"), and every known mismatch a caution, so the link worker can see why
a service is high on the list and overrule it.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkdesk.caseload.vocabulary import NEEDS
from linkdesk.directory.categories import BY_CODE
from linkdesk.directory.schedule import DAY_NAMES

# A referral need -> (categories that meet it, categories that often help with it).
NEED_CATEGORIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "loneliness": (("social",), ("arts", "nature", "faith", "volunteering", "physical-activity")),
    "mental_wellbeing": (("mental-wellbeing",), ("nature", "arts", "physical-activity", "social")),
    "long_term_condition": (("health",), ("physical-activity",)),
    "physical_activity": (("physical-activity",), ("nature",)),
    "healthy_eating": (("food",), ("physical-activity", "health")),
    "money": (("money", "advice"), ()),
    "housing": (("housing", "advice"), ()),
    "employment": (("employment", "volunteering"), ("digital",)),
    "carer_support": (("carers",), ("social",)),
    "bereavement": (("bereavement",), ("social", "mental-wellbeing")),
    "family": (("family",), ()),
    "digital_inclusion": (("digital",), ("employment",)),
}
# Accessible Information Standard needs -> the directory's accessibility features that meet them.
AIS_ACCESS = {"bsl_interpreter": "bsl", "large_print": "large print", "easy_read": "large print"}
ACCESS_WORDS = {"wheelchair": "Step-free access", "hearing loop": "Hearing loop", "accessible toilet":
                "Accessible toilet", "parking": "Accessible parking", "bsl": "British Sign Language",
                "large print": "Large print or easy read"}
PERIOD_WORDS = ("mornings", "afternoons", "evenings")

NEED_POINTS, RELATED_POINTS, LANGUAGE_POINTS, ACCESS_POINTS, TIME_POINTS = 30, 10, 15, 8, 15
FREE_POINTS, FREE_MONEY_POINTS, DISTRICT_POINTS, AREA_POINTS, REMOTE_POINTS = 10, 20, 20, 8, 8


@dataclass(frozen=True)
class PatientNeeds:
    """What the ranking knows about the patient, gathered from their record, referrals and plan."""

    needs: frozenset[str] = frozenset()  # referral need codes
    language: str = ""  # main language; English counts as no preference
    access: frozenset[str] = frozenset()  # accessibility features from categories.ACCESS_NAMES
    slot_mask: int = 0  # preferred (weekday, part of day) bits as in the directory index; 0 = any
    money_worry: bool = False  # money is a need, or cost is a barrier
    district: str = ""  # postcode district, "B30"
    area: str = ""  # postcode area, "B"


@dataclass(frozen=True)
class ServiceFacts:
    id: str
    name: str
    organisation: str = ""
    categories: frozenset[str] = frozenset()  # category codes
    languages: frozenset[str] = frozenset()  # lower case names
    access: frozenset[str] = frozenset()
    slot_mask: int = 0
    free: bool = False
    district: str = ""
    area: str = ""
    remote: bool = False  # can be attended online or by phone
    next_session: str = ""
    cost: str = ""


@dataclass(frozen=True)
class Fit:
    service_id: str
    name: str
    organisation: str
    score: int
    reasons: tuple[str, ...]
    cautions: tuple[str, ...]
    next_session: str = ""
    cost: str = ""
    meets_need: bool = False  # meets or helps with one of the patient's needs

    @property
    def explanation(self) -> str:
        text = ", ".join(self.reasons)
        if self.cautions:
            text += (". " if text else "") + "But: " + ", ".join(self.cautions).lower()
        return text


def need_label(code: str) -> str:
    return dict(NEEDS).get(code, code).lower()


def describe_slots(mask: int, most: int = 2) -> str:
    """Bits day*3+period -> "Tuesday mornings, Thursday afternoons" (the first `most`, then "and more")."""
    parts = [f"{DAY_NAMES[bit // 3]} {PERIOD_WORDS[bit % 3]}" for bit in range(21) if mask & (1 << bit)]
    shown = ", ".join(parts[:most])
    return shown + (" and more" if len(parts) > most else "")


def preference_mask(days, periods) -> int:
    """Preferred weekdays (Monday 0) and parts of the day (0 morning...) -> slot bits; none chosen = any."""
    days = sorted(set(days)) or range(7)
    periods = sorted(set(periods)) or range(3)
    if len(days) == 7 and len(periods) == 3:
        return 0
    return sum(1 << (day * 3 + period) for day in days for period in periods)


def score_service(patient: PatientNeeds, service: ServiceFacts) -> Fit:
    points, reasons, cautions = 0, [], []
    met = [need for need in sorted(patient.needs)
           if set(NEED_CATEGORIES.get(need, ((), ()))[0]) & service.categories]
    helps = [need for need in sorted(patient.needs) if need not in met
             and set(NEED_CATEGORIES.get(need, ((), ()))[1]) & service.categories]
    points += NEED_POINTS * min(len(met), 2) + (RELATED_POINTS if helps and not met else 0)
    reasons += [f"For {need_label(need)}" for need in met]
    if helps and not met:
        reasons.append(f"Can help with {need_label(helps[0])}")
    if not patient.needs and service.categories:
        reasons.append(BY_CODE[sorted(service.categories, key=list(BY_CODE).index)[0]].label)

    language = patient.language.strip().lower()
    if language and language != "english" and language in service.languages:
        points += LANGUAGE_POINTS
        reasons.append(f"In {patient.language.strip()}")

    for feature in sorted(patient.access):
        if feature in service.access:
            points += ACCESS_POINTS
            reasons.append(ACCESS_WORDS.get(feature, feature.capitalize()))
        else:
            cautions.append(f"No {ACCESS_WORDS.get(feature, feature).lower()} recorded")

    if patient.slot_mask and service.slot_mask:
        overlap = patient.slot_mask & service.slot_mask
        if overlap:
            points += TIME_POINTS
            reasons.append(describe_slots(overlap))
        else:
            cautions.append("Not at their preferred times")

    if service.free:
        points += FREE_MONEY_POINTS if patient.money_worry else FREE_POINTS
        reasons.append("Free")
    elif patient.money_worry:
        cautions.append(f"Has a cost ({service.cost})" if service.cost else "Has a cost")

    if patient.district and service.district == patient.district:
        points += DISTRICT_POINTS
        reasons.append(f"Same area: {service.district}")
    elif patient.area and service.area == patient.area:
        points += AREA_POINTS
        reasons.append(f"Nearby: {service.district}" if service.district else f"Same postcode area: {service.area}")
    elif service.remote and not service.district:
        points += REMOTE_POINTS
        reasons.append("Online or by phone")
    elif patient.district and service.district:
        cautions.append(f"Further away: {service.district}")
    return Fit(service.id, service.name, service.organisation, points, tuple(reasons), tuple(cautions),
               service.next_session, service.cost, bool(met or helps))


def rank(patient: PatientNeeds, services, limit: int = 20) -> list[Fit]:
    """Best fit first (ties by name). With needs known, only services meeting or helping one are listed."""
    fits = [score_service(patient, service) for service in services]
    if patient.needs:
        fits = [fit for fit in fits if fit.meets_need]
    fits.sort(key=lambda fit: (-fit.score, fit.name.casefold(), fit.service_id))
    return fits[:limit]
