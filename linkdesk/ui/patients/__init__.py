"""The Patients tab: the caseload, the "Today" panel, the patient record, referrals and contacts."""
