"""Subject access export: everything held about one patient, as JSON and as a readable PDF.

The export is audited ("export") in the same transaction that reads the record, so the
audit rows in the files include this export, and if the files cannot be written the audit
row is rolled back with the rest: no half-made export and no false audit entry.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from linkdesk import __version__
from linkdesk.files import write_atomically
from linkdesk.plans.plans import ENTITY as PLAN_ENTITY
from linkdesk.plans.subject_access import export_text, plan_sections
from linkdesk.reports.models import NAMINGS, PatientStory
from linkdesk.store.audit import AuditEvent

from . import referral_rules, vocabulary
from .errors import ExportFailed
from .models import LinkWorker, Patient, split_codes
from .nhs_number import format_nhs_number
from .patient_form import LABELS
from .patients import audit_patient, load_patient
from .revisions import history_in
from .subject_access_pdf import render_pdf

def _worker(worker: LinkWorker | None) -> dict | None:
    if worker is None:
        return None
    return {"name": worker.name, "role": worker.role, "phone": worker.phone, "email": worker.email,
            "organisation": worker.organisation}


def _patient_section(patient: Patient) -> dict:
    section: dict[str, object] = {"LinkDesk id": patient.id}
    for field, label in LABELS.items():
        if field == "practice_id":
            continue
        value = getattr(patient, field)
        if field in vocabulary.CODED_PATIENT_FIELDS:
            value = vocabulary.label(vocabulary.CODED_PATIENT_FIELDS[field], value)
        elif field == "communication_needs":
            value = [vocabulary.label(vocabulary.AIS_NEEDS, code) for code in sorted(split_codes(value))]
        elif field == "nhs_number":
            value = format_nhs_number(value)
        section[label] = export_text(value)
    section["Record created"] = export_text(patient.created_at)
    section["Record last changed"] = export_text(patient.updated_at)
    return section


def _stories(session, patient_id: int) -> list[dict]:
    stories = session.scalars(select(PatientStory).where(PatientStory.patient_id == patient_id)
                              .order_by(PatientStory.told_on, PatientStory.id))
    return [{"Story id": story.id, "Told on": export_text(story.told_on), "In their words": story.text,
             "Consent to publish": story.consent_to_publish, "Consent given on": export_text(story.consent_on),
             "Named as": dict(NAMINGS).get(story.naming, story.naming)} for story in stories]


def _changes(session, patient_id: int) -> list[dict]:
    return [{"When (UTC)": export_text(change.changed_at), "Detail": change.field, "Before": change.old,
             "After": change.new, "Changed by": change.changed_by}
            for change in history_in(session, patient_id, newest_first=False)]


def _audit(session, patient_id: int) -> list[dict]:
    """Rows about the record and about the plan and measures (which the plans package audits as "plan")."""
    parts = {"patient": "Record", PLAN_ENTITY: "Plan"}
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity.in_(parts),
                                                      AuditEvent.entity_id == str(patient_id))
                             .order_by(AuditEvent.id))
    return [{"When (UTC)": export_text(event.at), "Who": event.actor, "Action": event.action,
             "Part": parts[event.entity], "Detail": event.detail} for event in events]


def gather(session, patient_id: int) -> dict:
    """Everything held about the patient, with codes turned into words, ready for JSON."""
    patient = load_patient(session, patient_id)
    practice = patient.practice
    referrals = []
    for referral in patient.referrals:
        referrals.append({
            "Referral id": referral.id,
            "Date received": export_text(referral.received_on),
            "Source": vocabulary.label(vocabulary.REFERRAL_SOURCES, referral.source),
            "Referrer": referral.referrer,
            "Needs": [vocabulary.label(vocabulary.NEEDS, code) for code in sorted(referral.need_codes)],
            "Other need": referral.needs_other,
            "Reason for referral": referral.reason,
            "Status": referral_rules.status_label(referral.status),
            "Discharge reason": dict(referral_rules.DISCHARGE_REASONS).get(referral.discharge_reason or "", ""),
            "Link worker": _worker(referral.link_worker),
            "Next contact due": export_text(referral.next_contact_due),
            "Status history": [{
                "Date": export_text(step.changed_on), "From": referral_rules.status_label(step.from_status or ""),
                "To": referral_rules.status_label(step.to_status), "SNOMED CT code": step.snomed_code or "",
                "SNOMED CT term": referral_rules.SNOMED_TERMS.get(step.snomed_code or "", ""), "Note": step.note,
            } for step in referral.status_changes],
            "Contacts": [{
                "When": export_text(contact.at), "How": vocabulary.label(vocabulary.CONTACT_KINDS, contact.kind),
                "Minutes": contact.duration_minutes, "Did not attend": contact.did_not_attend,
                "Notes": contact.notes, "Next step": contact.next_step,
                "Next contact due": export_text(contact.next_contact_due),
            } for contact in referral.contacts],
        })
    return {
        "About this export": {
            "What": "Everything LinkDesk holds about this person (subject access request)",
            "Exported at": export_text(datetime.now()),
            "Exported by": session.info.get("actor", "unknown"),
            "Software": f"LinkDesk {__version__}",
        },
        "Personal details": _patient_section(patient),
        "Registered practice": None if practice is None else {
            "Name": practice.name, "ODS code": practice.ods_code, "Primary care network": practice.pcn},
        "Changes to personal details": _changes(session, patient_id),
        "Referrals": referrals,
        **plan_sections(session, patient_id),
        "Stories": _stories(session, patient_id),
        "Audit log": _audit(session, patient_id),
    }


def export_names(patient_id: int) -> tuple[str, str]:
    stem = f"linkdesk-patient-{patient_id}-subject-access"
    return f"{stem}.json", f"{stem}.pdf"


def export_subject_access(store, patient_id: int, folder: Path) -> tuple[Path, Path]:
    """Write the JSON and PDF into `folder` (made if missing); never overwrites an earlier export."""
    folder = Path(folder)
    json_path, pdf_path = (folder / name for name in export_names(patient_id))
    written: list[Path] = []
    try:
        if folder.exists() and not folder.is_dir():
            raise ExportFailed(f"{folder} is a file; give a folder to write the two files into.")
        for path in (json_path, pdf_path):
            if path.exists():
                raise ExportFailed(f"{path} already exists; choose another folder or move the earlier export.")
        with store.session() as session:
            load_patient(session, patient_id)  # NotFound before anything is audited
            audit_patient(session, "export", patient_id, "subject access: JSON and PDF")
            session.flush()
            content = gather(session, patient_id)
            pdf = render_pdf(content)
            folder.mkdir(parents=True, exist_ok=True)
            for path, data in ((json_path, json.dumps(content, indent=2, ensure_ascii=False).encode("utf-8")),
                               (pdf_path, pdf)):
                write_atomically(path, data)
                written.append(path)
    except OSError as error:
        for path in written:
            path.unlink(missing_ok=True)
        raise ExportFailed(f"The export could not be written to {folder}: {error.strerror or error}.") from error
    return json_path, pdf_path
