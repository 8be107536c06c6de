"""Suggestions for the Plans tab: directory services ranked by how well they fit this patient."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from linkdesk.caseload import referral_rules
from linkdesk.caseload.models import Patient, Referral, split_codes
from linkdesk.directory.categories import ACCESS_NAMES, CATEGORIES, category_bit
from linkdesk.directory.models import Language, ServiceIndex
from linkdesk.directory.places import postcode_place
from linkdesk.directory.schedule import DAY_CODES

from .errors import PlanNotFound
from .fit import AIS_ACCESS, NEED_CATEGORIES, Fit, PatientNeeds, ServiceFacts, preference_mask, rank
from .models import Plan
from .plan_form import PERIODS
from .statuses import ENDED


def patient_needs(session: Session, patient_id: int) -> PatientNeeds:
    """What the ranking uses, from the patient's record, their referrals' needs and their plan's preferences."""
    patient = session.get(Patient, patient_id)
    if patient is None:
        raise PlanNotFound("patient", patient_id)
    referrals = list(session.scalars(select(Referral).where(Referral.patient_id == patient_id)))
    open_ones = [referral for referral in referrals if referral.status in referral_rules.OPEN_STATUSES]
    needs = frozenset().union(*(referral.need_codes for referral in (open_ones or referrals)))
    plan = session.scalar(select(Plan).where(Plan.patient_id == patient_id))
    access = {AIS_ACCESS[need] for need in split_codes(patient.communication_needs) if need in AIS_ACCESS}
    slots, money = 0, "money" in needs
    if plan is not None:
        access |= split_codes(plan.access_needs) & set(ACCESS_NAMES)
        days = [DAY_CODES.index(code) for code in split_codes(plan.preferred_days) if code in DAY_CODES]
        periods = [PERIODS.index(code) for code in split_codes(plan.preferred_times) if code in PERIODS]
        slots = preference_mask(days, periods)
        money = money or bool(plan.barrier_cost.strip())
    place = postcode_place(patient.postcode)
    return PatientNeeds(needs, patient.main_language or "", frozenset(access), slots, money,
                        place.district if place else "", place.area if place else "")


def candidate_services(session: Session, needs: PatientNeeds, exclude: set[str]) -> list[ServiceFacts]:
    """Directory services (not archived, not excluded) meeting or helping one of the needs, as plain facts."""
    query = select(ServiceIndex).where(ServiceIndex.archived.is_(False))
    if needs.needs:
        mask = 0
        for need in needs.needs:
            for code in sum(NEED_CATEGORIES.get(need, ((), ())), ()):
                mask |= category_bit(code)
        query = query.where(ServiceIndex.category_mask.op("&")(mask) != 0)
    rows = [row for row in session.scalars(query) if row.service_id not in exclude]
    spoken: set[str] = set()
    language = needs.language.strip().lower()
    if language and language != "english":
        spoken = set(session.scalars(select(Language.service_id).where(or_(
            func.lower(Language.name) == language, func.lower(Language.code) == language))))
    codes = [category.code for category in CATEGORIES]
    return [ServiceFacts(
        row.service_id, row.name, row.organisation or "",
        frozenset(code for index, code in enumerate(codes) if row.category_mask & (1 << index)),
        frozenset({language}) if row.service_id in spoken else frozenset(),
        frozenset(name for index, name in enumerate(ACCESS_NAMES) if row.access_mask & (1 << index)),
        row.slot_mask, bool(row.free), row.postcode_district or "", row.postcode_area or "",
        bool(row.attend_mask & 0b110), row.next_session or "", row.cost_text or "",
    ) for row in rows]


def suggestions(store, patient_id: int, limit: int = 20, cancelled=lambda: False) -> list[Fit]:
    """Services best fitting the patient first, each with its reasons; those already on the plan are left out.

    `cancelled()` is asked between reading the directory and ranking it (each can take a second at
    50,000 services): the Plans tab asks for another patient's suggestions before these are done.
    """
    with store.session() as session:
        needs = patient_needs(session, patient_id)
        plan = session.scalar(select(Plan).where(Plan.patient_id == patient_id))
        on_plan = {activity.service_id for activity in plan.activities if activity.status not in ENDED} \
            if plan is not None else set()
        candidates = candidate_services(session, needs, on_plan)
        return [] if cancelled() else rank(needs, candidates, limit)
