"""The caseload: practices, link workers, patients, referrals, contacts and follow-ups.

Pure rules live in small modules (nhs_number, contact_details, dates, referral_rules,
patient_form); use cases taking a Store live in practices, patients, referrals,
listing, clinical_record, importer, subject_access, revisions, erasure and retention.
"""
