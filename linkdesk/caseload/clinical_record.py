""""Copy for clinical record": a plain-text summary of one referral for the GP system.

Plain text with no tabs or special characters, short lines, and each SNOMED CT code on
its own line with its term, so it pastes cleanly into EMIS Web or SystmOne.
"""

from __future__ import annotations

from datetime import date, datetime

from . import referral_rules, vocabulary
from .errors import NotFound
from .models import Patient, Referral
from .nhs_number import format_nhs_number
from .patients import audit_patient, load_patient


def _day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def _moment(when: datetime) -> str:
    return f"{_day(when.date())} {when:%H:%M}"


def summary_text(patient: Patient, referral: Referral) -> str:
    """The summary for a loaded patient and one of their referrals (pure; see clinical_summary)."""
    lines = ["Social prescribing summary (LinkDesk)"]
    identity = f"Patient: {patient.display_name}, born {_day(patient.date_of_birth)}"
    if patient.nhs_number:
        identity += f", NHS number {format_nhs_number(patient.nhs_number)}"
    lines.append(identity)
    source = vocabulary.label(vocabulary.REFERRAL_SOURCES, referral.source)
    lines.append(f"Referral received {_day(referral.received_on)} from {source}"
                 + (f" ({referral.referrer})" if referral.referrer else ""))
    needs = [vocabulary.label(vocabulary.NEEDS, code) for code in sorted(referral.need_codes) if code != "other"]
    if referral.needs_other:
        needs.append(referral.needs_other)
    if needs:
        lines.append("Needs: " + "; ".join(needs))
    if referral.link_worker is not None:
        worker = referral.link_worker
        lines.append(f"Link worker: {worker.name}" + (f", {worker.role}" if worker.role else "")
                     + (f", {worker.organisation}" if worker.organisation else ""))
    status = referral_rules.status_label(referral.status)
    if referral.discharge_reason:
        status += " (" + dict(referral_rules.DISCHARGE_REASONS).get(referral.discharge_reason, "") + ")"
    lines.append(f"Current status: {status} since {_day(referral.status_changed_on)}")

    coded = [change for change in referral.status_changes if change.snomed_code]
    if coded:
        lines += ["", "Coded entries:"]
        for change in coded:
            term = referral_rules.SNOMED_TERMS.get(change.snomed_code, "")
            lines.append(f"{_day(change.changed_on)}: {term} - SNOMED CT {change.snomed_code}")

    if referral.contacts:
        lines += ["", "Contacts:"]
        for contact in referral.contacts:
            how = vocabulary.label(vocabulary.CONTACT_KINDS, contact.kind)
            heading = f"{_moment(contact.at)}, {how}"
            if contact.duration_minutes:
                heading += f", {contact.duration_minutes} minutes"
            if contact.did_not_attend:
                heading += ", did not attend"
            lines.append(heading)
            if contact.notes:
                lines += [f"  {line.strip()}" for line in contact.notes.splitlines() if line.strip()]
            if contact.next_step:
                lines.append(f"  Next step: {' '.join(contact.next_step.split())}")
            if contact.next_contact_due:
                lines.append(f"  Next contact due: {_day(contact.next_contact_due)}")
    return "\n".join(lines).replace("\t", " ") + "\n"


def clinical_summary(store, referral_id: int) -> str:
    """The text to paste into the GP record; audited as an export of the patient's data."""
    with store.session() as session:
        referral = session.get(Referral, referral_id)
        if referral is None:
            raise NotFound("referral", referral_id)
        patient = load_patient(session, referral.patient_id)
        referral = next(item for item in patient.referrals if item.id == referral_id)
        text = summary_text(patient, referral)
        audit_patient(session, "export", patient.id, f"referral {referral_id} summary for the clinical record")
    return text
