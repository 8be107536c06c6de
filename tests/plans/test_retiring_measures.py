"""Retiring an organisation's own measure on a real encrypted store: out of the choice, its history kept."""

from datetime import date

import pytest

from linkdesk.plans import measures
from linkdesk.plans.errors import BuiltInMeasure, MeasureError, PlanError
from linkdesk.plans.outcomes import LIFE_SATISFACTION
from linkdesk.plans.subject_access import plan_sections
from linkdesk.store.audit import read_events

from .conftest import make_patient

ONS4_NAME = "ONS personal wellbeing (ONS4)"


@pytest.fixture
def connected(directory_store):
    return measures.define_measure(directory_store, "Feeling connected",
                                   ["I have someone to talk to", "I feel part of my community"], 1, 5)


def _names(infos):
    return [info.measure.name for info in infos]


def test_a_retired_measure_leaves_the_choice_and_can_be_brought_back(directory_store, connected):
    store = directory_store

    retired = measures.set_definition_archived(store, connected.id, True)

    assert retired.archived and retired.id == connected.id
    assert _names(measures.list_definitions(store)) == [ONS4_NAME]
    assert [(info.measure.name, info.archived) for info in measures.list_definitions(store, include_archived=True)] \
        == [(ONS4_NAME, False), ("Feeling connected", True)]
    back = measures.set_definition_archived(store, connected.id, False)
    assert not back.archived
    assert _names(measures.list_definitions(store)) == [ONS4_NAME, "Feeling connected"]


def test_defining_a_retired_measure_again_says_to_bring_it_back(directory_store, connected):
    measures.set_definition_archived(directory_store, connected.id, True)

    with pytest.raises(MeasureError, match="already a measure called Feeling Connected. It was retired: bring it back"):
        measures.define_measure(directory_store, "Feeling Connected", ["Anything"], 1, 5)

    assert len(measures.list_definitions(directory_store, include_archived=True)) == 2


def test_ons4_cannot_be_retired_and_stays_in_use(directory_store, patient):
    store = directory_store
    ons4 = measures.list_definitions(store)[0]

    with pytest.raises(BuiltInMeasure, match="ONS4.*built in.*cannot be retired") as refused:
        measures.set_definition_archived(store, ons4.id, True)

    assert isinstance(refused.value, PlanError)  # shown to the user as it is
    assert _names(measures.list_definitions(store)) == [ONS4_NAME]
    measures.record_measure(store, patient.id, "baseline", {LIFE_SATISFACTION: 6})
    assert len(measures.measure_history(store, patient.id)) == 1


def test_a_retired_measure_takes_no_new_scores_and_writes_nothing(directory_store, patient, connected):
    store = directory_store
    measures.set_definition_archived(store, connected.id, True)

    with pytest.raises(MeasureError, match="Feeling connected has been retired"):
        measures.record_measure(store, patient.id, "baseline", {"item_1": 2}, definition=connected.id)

    assert measures.measure_history(store, patient.id, connected.id) == []


def test_scores_recorded_before_retiring_stay_in_the_history_and_the_export(directory_store, patient, connected):
    store = directory_store
    measures.record_measure(store, patient.id, "baseline", {"item_1": 2, "item_2": 1}, definition=connected.id,
                            on=date(2026, 10, 5))
    measures.record_measure(store, patient.id, "review", {"item_1": 4, "item_2": 3}, definition=connected.id,
                            on=date(2026, 11, 2))
    never_scored = make_patient(store, "Aled", "Pritchard")

    measures.set_definition_archived(store, connected.id, True)

    history = measures.measure_history(store, patient.id, connected.id)
    assert [(result.occasion, result.scores) for result in history] == \
        [("baseline", {"item_1": 2, "item_2": 1}), ("review", {"item_1": 4, "item_2": 3})]
    assert [change.text for change in history[-1].changes][0] == "I have someone to talk to: 2 to 4 (up 2, improved)"
    # Offered for this patient (their history must stay in view), but not for someone who never used it.
    assert [(info.measure.name, info.archived) for info in measures.list_definitions(store, scored_by=patient.id)] \
        == [(ONS4_NAME, False), ("Feeling connected", True)]
    assert _names(measures.list_definitions(store, scored_by=never_scored.id)) == [ONS4_NAME]
    with store.session() as session:
        exported = plan_sections(session, patient.id)["Wellbeing measures"]
    assert [(entry["Measure"], entry["Occasion"]) for entry in exported] == \
        [("Feeling connected", "Baseline"), ("Feeling connected", "Review")]


def test_retiring_and_bringing_back_are_audited_once_each(directory_store, connected):
    store = directory_store

    measures.set_definition_archived(store, connected.id, True)
    measures.set_definition_archived(store, connected.id, True)  # already retired: nothing changes
    measures.set_definition_archived(store, connected.id, False)

    events = [(event.action, event.entity_id, event.detail) for event in read_events(store)
              if event.entity == "measure definition"]  # newest first
    assert events == [("update", str(connected.id), "brought back into use"),
                      ("update", str(connected.id), "retired"),
                      ("create", str(connected.id), "2 items")]
