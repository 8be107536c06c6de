"""`linkdesk demo` gives most demo patients a plan in a realistic state, the same every time."""

from datetime import date

from linkdesk.caseload import demo as caseload_demo
from linkdesk.caseload.listing import list_caseload
from linkdesk.directory import demo as directory_demo
from linkdesk.directory.search import search_services
from linkdesk.plans import demo as plans_demo
from linkdesk.plans import history, measures
from linkdesk.plans.history import current_snapshot
from linkdesk.plans.errors import PlanNotFound
from linkdesk.store import TEST_KDF, create_store

TODAY = date(2026, 11, 25)


def _demo(store):
    directory_demo.add_demo_data(store)
    caseload_demo.add_demo_data(store)
    plans_demo.add_demo_data(store, today=TODAY)
    return [row.patient_id for row in list_caseload(store)]


def _snapshot_or_none(store, patient_id):
    try:
        return current_snapshot(store, patient_id)
    except PlanNotFound:
        return None


def test_most_demo_patients_have_a_plan_with_activities_in_different_states(store):
    patient_ids = _demo(store)
    snapshots = {pid: snapshot for pid in patient_ids if (snapshot := _snapshot_or_none(store, pid)) is not None}
    assert len(snapshots) >= 0.7 * len(patient_ids) and len(snapshots) < len(patient_ids)
    assert all(snapshot["what_matters"] and snapshot["goals"] for snapshot in snapshots.values())
    statuses = {activity["status"] for snapshot in snapshots.values() for activity in snapshot["activities"]}
    assert {"suggested", "signposted", "referred", "attending", "stopped", "declined"} <= statuses
    known = {summary.id for summary in search_services(store, limit=1000)}
    assert all(activity["service_id"] in known for snapshot in snapshots.values()
               for activity in snapshot["activities"])
    with_review = [pid for pid in snapshots if measures.change_from_baseline(store, pid)]
    assert 0 < len(with_review) < len(snapshots)
    assert all(measures.measure_history(store, pid)[0].occasion == "baseline" for pid in snapshots)
    assert any(history.version_history(store, pid) for pid in snapshots)


def test_the_demo_plans_are_the_same_every_time(tmp_path):
    results = []
    for name in ("one", "two"):
        made = create_store(tmp_path / name, "demo passphrase 1", kdf=TEST_KDF)
        try:
            results.append([_snapshot_or_none(made, pid) for pid in _demo(made)[:12]])
        finally:
            made.close()
    assert results[0] == results[1]
