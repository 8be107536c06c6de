"""`linkdesk plan show|suggest` over a real store."""

import json

from linkdesk.cli import main
from linkdesk.plans import activities, measures, plans

from ..conftest import PASSPHRASE
from .conftest import WALKING_GROUP, make_patient


def _run(capsys, store_dir, *argv):
    code = main(["--data-dir", str(store_dir), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_plan_show_prints_the_plan_and_the_change_in_wellbeing(directory_store, store_dir, capsys, monkeypatch):
    patient = make_patient(directory_store)
    plans.update_plan(directory_store, patient.id, what_matters="Seeing my sister in Wales")
    plans.add_goal(directory_store, patient.id, "Take the train on my own", steps=[("Buy a railcard", "Patient", None)])
    activities.add_to_plan(directory_store, patient.id, WALKING_GROUP, status="referred")
    measures.record_measure(directory_store, patient.id, "baseline", {"anxiety": 8})
    measures.record_measure(directory_store, patient.id, "review", {"anxiety": 5})
    directory_store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)

    code, out, _ = _run(capsys, store_dir, "plan", "show", str(patient.id))
    assert code == 0
    assert "What matters to me: Seeing my sister in Wales" in out
    assert "Goal: Take the train on my own (not started)" in out and "  Step: Buy a railcard (Patient)" in out
    assert "Activity: Cotteridge Walking Group: referred to the provider" in out
    assert "ONS4 Anxiety: 8 to 5 (down 3, improved)" in out

    code, out, _ = _run(capsys, store_dir, "plan", "show", str(patient.id), "--json")
    assert json.loads(out)["plan"]["activities"][0]["status"] == "referred"


def test_plan_suggest_lists_services_with_reasons_and_unknown_patients_fail_cleanly(
        directory_store, store_dir, capsys, monkeypatch):
    patient = make_patient(directory_store, needs=("physical_activity",))
    directory_store.close()
    monkeypatch.setenv("LINKDESK_PASSPHRASE", PASSPHRASE)
    code, out, _ = _run(capsys, store_dir, "plan", "suggest", str(patient.id), "--limit", "3")
    assert code == 0 and len(out.strip().splitlines()) == 3
    assert "For physical activity" in out

    code, _, err = _run(capsys, store_dir, "plan", "show", "4242")
    assert code == 1 and err.strip() == "linkdesk: error: There is no plan for patient with id 4242."
