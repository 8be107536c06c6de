"""Reads what a report needs from the store into plain records, and builds the report (audited as an export)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from linkdesk.caseload.models import LinkWorker, Patient, Practice, Referral
from linkdesk.directory.models import ServiceIndex
from linkdesk.plans.measures import ensure_ons4
from linkdesk.plans.models import AgreedActivity, MeasureRecord, Plan
from linkdesk.store import audit

from .errors import UnknownFilter
from .records import ActivityRecord, MeasureRow, PatientRecord, Period, ReferralRecord, ReportFilter
from .statistics import Report, build_report
from .stories import publishable_stories


def _referrals(session: Session) -> tuple[list[ReferralRecord], list[PatientRecord]]:
    patients = session.scalars(select(Patient).options(
        selectinload(Patient.practice),
        selectinload(Patient.referrals).selectinload(Referral.contacts),
        selectinload(Patient.referrals).selectinload(Referral.status_changes)))
    referrals, people = [], []
    for patient in patients:
        people.append(PatientRecord(patient.id, patient.date_of_birth, patient.ethnic_category, patient.sex,
                                    patient.gender_identity))
        practice = patient.practice
        for referral in patient.referrals:
            referrals.append(ReferralRecord(
                referral.id, patient.id, referral.received_on, referral.source, referral.need_codes,
                practice.name if practice else "", practice.ods_code if practice else "",
                practice.pcn if practice else "", referral.link_worker_id, referral.status,
                tuple((change.changed_on, change.to_status) for change in referral.status_changes),
                tuple(sorted(contact.at.date() for contact in referral.contacts if not contact.did_not_attend))))
    return referrals, people


def _activities(session: Session) -> list[ActivityRecord]:
    categories = {service_id: tuple(label for label in labels.split("; ") if label)
                  for service_id, labels in session.execute(select(ServiceIndex.service_id, ServiceIndex.categories))}
    rows = session.execute(select(Plan.patient_id, AgreedActivity)
                           .join(AgreedActivity, AgreedActivity.plan_id == Plan.id))
    return [ActivityRecord(patient_id, activity.service_id, activity.service_name,
                           categories.get(activity.service_id, ()), activity.signposted_on, activity.referred_on,
                           activity.attending_from)
            for patient_id, activity in rows]


def _ons4(session: Session) -> list[MeasureRow]:
    definition = ensure_ons4(session)
    rows = session.scalars(select(MeasureRecord).where(MeasureRecord.definition_id == definition.id))
    return [MeasureRow(row.patient_id, row.occasion, row.recorded_on, row.scores) for row in rows]


def _check_filters(session: Session, filters: ReportFilter) -> ReportFilter:
    """The filters, each refused if it names nothing in the store, with the link worker's name added."""
    if filters.practice and session.scalar(
            select(Practice.id).where(Practice.ods_code == filters.practice.strip().upper())) is None:
        raise UnknownFilter("practice with the ODS code", filters.practice)
    if filters.pcn:
        names = {pcn.casefold() for pcn in session.scalars(select(Practice.pcn))}
        if " ".join(filters.pcn.split()).casefold() not in names:
            raise UnknownFilter("primary care network", filters.pcn)
    if filters.link_worker_id is None:
        return filters
    worker = session.get(LinkWorker, filters.link_worker_id)
    if worker is None:
        raise UnknownFilter("link worker with id", str(filters.link_worker_id))
    return replace(filters, link_worker_name=worker.name)


def make_report(store, start: date, end: date, filters: ReportFilter | None = None) -> Report:
    """The report for a period; an unknown practice, PCN or link worker is refused, not reported as empty."""
    period = Period(start, end)
    filters = filters or ReportFilter()
    with store.session() as session:
        filters = _check_filters(session, filters)
        referrals, patients = _referrals(session)
        report = build_report(period, filters, referrals, patients, _activities(session), _ons4(session))
        report = replace(report, stories=publishable_stories(session, period, filters, referrals))
    return report


def audit_report(store, report: Report, kind: str) -> None:
    """A report names no one, but leaving the store as a file is still recorded."""
    with store.session() as session:
        audit.record(session, "export", "report", None,
                     f"{kind} report {report.period.start:%Y-%m-%d} to {report.period.end:%Y-%m-%d}, "
                     f"{report.filters.describe()}, {report.referrals_received} referrals")
