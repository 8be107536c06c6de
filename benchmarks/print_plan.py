"""Median time to make a real personalised plan PDF from an encrypted store, in each variant.

Run with `python -m benchmarks.print_plan [ROUNDS]`. Budget (DESIGN.md): plan PDF median
<= 150 ms. Measured from the store to the PDF bytes: reading the patient, the plan and its
activities' directory entries, then laying out and writing the PDF. The first render of a
process also loads the fonts; it is reported separately and not counted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks import result
from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.practices import add_link_worker, add_practice
from linkdesk.directory.generator import synthetic_services
from linkdesk.directory.oruk_import import import_records
from linkdesk.documents.plan import plan_document
from linkdesk.documents.styles import Variant
from linkdesk.plans.activities import add_to_plan
from linkdesk.plans.plans import add_goal, update_plan
from linkdesk.store import TEST_KDF, create_store

BUDGET_MS = 150.0


def _patient(store) -> int:
    services = list(synthetic_services(50, seed=21))
    import_records(store, services, "benchmark")
    practice = add_practice(store, "Hazelwell Lane Surgery", "M85001")
    add_link_worker(store, "Jess Adeyemi", phone="0121 496 0101", own_profile=True)
    patient_id = create_patient(store, PatientDetails(first_name="Zofia", last_name="Wiśniewska",
                                                      date_of_birth=date(1950, 3, 4), practice_id=practice.id)).id
    update_plan(store, patient_id, what_matters="I want to get out of the house more. Since Jim died the days are "
                "very long.\nمیں اپنے پوتے کے ساتھ پارک جانا چاہتی ہوں", next_review_on=date(2030, 1, 8))
    add_goal(store, patient_id, "Go to a group once a week", date(2030, 1, 8), "in_progress",
             steps=[("Visit the group with the link worker", "Patient", date(2030, 1, 2)),
                    ("Go on my own", "Patient", None)])
    add_goal(store, patient_id, "Sort out the heating bills", None, "not_started", steps=[("Call the advice line", "", None)])
    for service in services[:3]:  # a typical plan: three activities, each with a website and QR code
        add_to_plan(store, patient_id, service["id"])
    return patient_id


def _render_ms(store, patient_id: int, variant: Variant) -> float:
    start = time.perf_counter()
    plan_document(store, patient_id, variant).render()
    return (time.perf_counter() - start) * 1000


def main(rounds: int = 30) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = create_store(Path(folder) / "store", "benchmark passphrase", kdf=TEST_KDF)
        try:
            patient_id = _patient(store)
            print(f"print plan: first render, loading fonts: {_render_ms(store, patient_id, Variant.STANDARD):.0f} ms")
            for variant in Variant:
                samples = sorted(_render_ms(store, patient_id, variant) for _ in range(rounds))
                median = statistics.median(samples)
                print(f"  {variant.value:<10} median {median:6.1f} ms, slowest {samples[-1]:6.1f} ms")
                result(f"plan PDF ({variant.label.lower()})", f"median {median:.0f} ms", f"<= {BUDGET_MS:.0f} ms",
                       median <= BUDGET_MS)
        finally:
            store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
