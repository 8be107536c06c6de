"""Plans, activities, versions and measures on a real encrypted store, as the Plans tab uses them."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError, IntegrityError

from linkdesk.caseload.patients import delete_patient
from linkdesk.directory import services as directory_services
from linkdesk.plans import activities, history, measures, plans
from linkdesk.plans.errors import AlreadyOnPlan, MeasureError, PlanError, PlanNotFound, PlanValidationError, \
    StatusChangeRefused
from linkdesk.plans.models import Plan, PlanVersion
from linkdesk.plans.outcomes import ANXIETY, HAPPINESS, LIFE_SATISFACTION, WORTHWHILE
from linkdesk.plans.plan_form import GoalDraft
from linkdesk.plans.suggestions import suggestions
from linkdesk.store.audit import read_events

from .conftest import MENS_SHED, WALKING_GROUP, make_patient

TODAY = date(2026, 11, 25)


def _plan_audit(store):
    return [event for event in read_events(store) if event.entity == "plan"]


def test_a_plan_is_created_once_and_edits_are_audited_by_field_name_only(directory_store, patient):
    store = directory_store
    first = plans.open_plan(store, patient.id)
    again = plans.open_plan(store, patient.id)
    assert first.id == again.id
    plans.update_plan(store, patient.id, what_matters="I want to see my friends again",
                      barriers={"transport": "Buses are hard since the fall"}, next_review_on="10/01/2027")
    plan = plans.open_plan(store, patient.id)
    assert plan.what_matters == "I want to see my friends again"
    assert plan.barrier_transport == "Buses are hard since the fall"
    assert plan.next_review_on == date(2027, 1, 10)
    details = [event.detail for event in _plan_audit(store) if event.action == "update"]
    assert details == ["fields: what_matters, next_review_on, barrier_transport"]
    assert all("friends" not in event.detail and "Buses" not in event.detail for event in read_events(store))
    assert all(event.entity_id == str(patient.id) for event in _plan_audit(store))


def test_saving_the_same_draft_twice_writes_nothing_the_second_time(directory_store, patient):
    plans.update_plan(directory_store, patient.id, strengths="Good with her hands")
    plans.add_goal(directory_store, patient.id, "Make a bird box", steps=[("Buy wood", "", None)])

    def updates():
        return [event for event in _plan_audit(directory_store) if event.action == "update"]

    before = updates()
    plans.save_plan(directory_store, patient.id, plans.draft_of(plans.open_plan(directory_store, patient.id)))
    assert updates() == before


def test_goals_and_steps_are_added_edited_and_removed(directory_store, patient):
    store = directory_store
    goal = plans.add_goal(store, patient.id, "Walk to the park without stopping", "2027-02-01",
                          steps=[("Try the walking group", "Maureen", "2026-12-01")])
    assert [(step.what, step.who, step.by_when) for step in goal.steps] == \
        [("Try the walking group", "Maureen", date(2026, 12, 1))]
    goal = plans.add_step(store, goal.id, "Ring Jo the walk leader", "Link worker")
    assert len(goal.steps) == 2
    goal = plans.update_goal(store, goal.id, status="in_progress")
    assert goal.status == "in_progress" and len(goal.steps) == 2
    second = plans.add_goal(store, patient.id, "Cook a meal for a friend")
    plans.remove_goal(store, goal.id)
    assert [g.description for g in plans.open_plan(store, patient.id).goals] == [second.description]
    detail = [event.detail for event in _plan_audit(store) if event.action == "update"]
    assert "goals: 1 removed" in detail and "goals: 1 changed" in detail


def test_a_refused_draft_leaves_the_plan_exactly_as_it_was(directory_store, patient):
    store = directory_store
    plans.update_plan(store, patient.id, what_matters="My garden")
    draft = plans.draft_of(plans.open_plan(store, patient.id))
    draft.what_matters = "Something new"
    draft.goals.append(GoalDraft("A goal", "not a date"))
    with pytest.raises(PlanValidationError, match="goal 1 target date"):
        plans.save_plan(store, patient.id, draft)
    plan = plans.open_plan(store, patient.id)
    assert plan.what_matters == "My garden" and plan.goals == []


def test_a_plan_for_a_patient_who_does_not_exist_is_refused(directory_store):
    with pytest.raises(PlanNotFound, match="no patient with id 999"):
        plans.open_plan(directory_store, 999)


def test_adding_a_service_keeps_its_name_even_if_the_directory_entry_changes(directory_store, patient):
    store = directory_store
    activity = activities.add_to_plan(store, patient.id, WALKING_GROUP)
    assert (activity.service_name, activity.status) == ("Cotteridge Walking Group", "suggested")
    directory_services.set_archived(store, WALKING_GROUP, True)
    assert plans.open_plan(store, patient.id).activities[0].service_name == "Cotteridge Walking Group"
    with pytest.raises(AlreadyOnPlan, match="already on this plan"):
        activities.add_to_plan(store, patient.id, WALKING_GROUP)
    with pytest.raises(PlanNotFound, match="no service in the directory"):
        activities.add_to_plan(store, patient.id, "no-such-service")


def test_an_activity_moves_through_signposting_referral_and_stopping(directory_store, patient):
    store = directory_store
    activity = activities.add_to_plan(store, patient.id, MENS_SHED, status="signposted", on="2026-11-02",
                                      today=TODAY)
    assert activity.signposted_on == date(2026, 11, 2) and activity.referred_on is None
    activity = activities.change_activity_status(store, activity.id, "referred", "2026-11-10", today=TODAY)
    assert (activity.status, activity.referred_on, activity.signposted_on) == \
        ("referred", date(2026, 11, 10), date(2026, 11, 2))
    activities.change_activity_status(store, activity.id, "attending", today=TODAY)
    with pytest.raises(StatusChangeRefused, match="Say why"):
        activities.change_activity_status(store, activity.id, "stopped", today=TODAY)
    assert plans.open_plan(store, patient.id).activities[0].status == "attending"  # nothing half-written
    stopped = activities.change_activity_status(store, activity.id, "stopped", reason="Moved to Redditch",
                                                today=TODAY)
    assert (stopped.status, stopped.reason, stopped.ended_on) == ("stopped", "Moved to Redditch", TODAY)
    # The audit names the field that changed, never its value (which could say why someone stopped).
    assert any(event.detail == f"activity {activity.id} fields: status" for event in _plan_audit(store))
    assert not any("stopped" in event.detail for event in _plan_audit(store))
    assert not any("Redditch" in event.detail for event in read_events(store))
    # Once stopped, the same service may be suggested again as a new activity.
    assert activities.add_to_plan(store, patient.id, MENS_SHED).id != activity.id


def test_only_a_bare_suggestion_can_be_removed(directory_store, patient):
    store = directory_store
    first = activities.add_to_plan(store, patient.id, WALKING_GROUP)
    second = activities.add_to_plan(store, patient.id, MENS_SHED, status="referred", today=TODAY)
    activities.remove_activity(store, first.id)
    with pytest.raises(StatusChangeRefused, match="declined or stopped instead"):
        activities.remove_activity(store, second.id)
    assert [a.service_id for a in activities.list_activities(store, patient.id)] == [MENS_SHED]


def test_agreeing_keeps_a_version_that_later_edits_never_change(directory_store, patient):
    store = directory_store
    with pytest.raises(PlanError, match="nothing to agree"):
        plans.open_plan(store, patient.id) and history.agree_plan(store, patient.id)
    plans.update_plan(store, patient.id, what_matters="Feeling useful again")
    plans.add_goal(store, patient.id, "Volunteer one morning a week")
    activities.add_to_plan(store, patient.id, WALKING_GROUP)
    first = history.agree_plan(store, patient.id)
    plans.update_plan(store, patient.id, what_matters="Feeling useful, and less tired")
    activity = activities.list_activities(store, patient.id)[0]
    activities.change_activity_status(store, activity.id, "referred", today=TODAY)
    assert history.get_version(store, first.id).snapshot["what_matters"] == "Feeling useful again"
    assert history.changes_since_last_version(store, patient.id) == [
        "What matters to me changed", "Activity Cotteridge Walking Group: suggested to referred to the provider"]
    printed = history.mark_printed(store, patient.id, note="large print")
    listed = history.version_history(store, patient.id)
    assert [(v.number, v.kind) for v in listed] == [(2, "printed"), (1, "agreed")]
    assert listed[1].changes == ("First version of the plan",)
    assert "What matters to me changed" in listed[0].changes and listed[0].note == "large print"
    assert history.compare_versions(store, first.id, printed.id) == list(listed[0].changes)
    assert _plan_audit(store)[0].action == "print"  # newest first


def test_the_database_itself_refuses_to_alter_a_version(directory_store, patient):
    store = directory_store
    plans.update_plan(store, patient.id, what_matters="My dog")
    version = history.agree_plan(store, patient.id)
    with pytest.raises(DatabaseError, match="read-only"):
        with store.session() as session:
            session.execute(text("UPDATE plan_version SET snapshot_json = '{}' WHERE id = :id"), {"id": version.id})
    assert history.get_version(store, version.id).snapshot["what_matters"] == "My dog"


def test_deleting_a_patient_removes_their_plan_versions_and_measures(directory_store, patient):
    store = directory_store
    plans.update_plan(store, patient.id, what_matters="My dog")
    history.agree_plan(store, patient.id)
    measures.record_measure(store, patient.id, "baseline", {LIFE_SATISFACTION: 5})
    delete_patient(store, patient.id)
    with store.session() as session:
        assert session.scalars(select(Plan)).all() == [] and session.scalars(select(PlanVersion)).all() == []
        assert session.execute(text("SELECT count(*) FROM measure_record")).scalar() == 0


def test_ons4_baseline_and_review_give_change_per_item(directory_store, patient):
    store = directory_store
    measures.record_measure(store, patient.id, "baseline", {LIFE_SATISFACTION: 3, WORTHWHILE: 4, HAPPINESS: 5,
                                                            ANXIETY: 8}, on="2026-09-01", today=TODAY)
    measures.record_measure(store, patient.id, "review", {LIFE_SATISFACTION: "6", WORTHWHILE: 4, HAPPINESS: 3,
                                                          ANXIETY: 4}, on="2026-11-20", today=TODAY)
    history_ = measures.measure_history(store, patient.id)
    assert [record.occasion for record in history_] == ["baseline", "review"]
    assert history_[0].bands == {LIFE_SATISFACTION: "Low", WORTHWHILE: "Low", HAPPINESS: "Medium", ANXIETY: "High"}
    verdicts = {change.code: change.verdict for change in measures.change_from_baseline(store, patient.id)}
    assert verdicts == {LIFE_SATISFACTION: "improved", WORTHWHILE: "no change", HAPPINESS: "worse",
                        ANXIETY: "improved"}
    details = [event.detail for event in _plan_audit(store) if event.action == "create"]
    assert "measure ons4 baseline recorded (4 items)" in details


@pytest.mark.parametrize("occasion, scores, on, words", [
    ("baseline", {LIFE_SATISFACTION: 12}, None, "must be from 0 to 10"),
    ("first visit", {LIFE_SATISFACTION: 5}, None, "not an occasion"),
    ("review", {LIFE_SATISFACTION: 5}, "2027-05-01", "future"),
    ("review", {LIFE_SATISFACTION: 5}, "30/02/2026", "not a real date"),
])
def test_bad_measures_are_refused_and_nothing_is_written(directory_store, patient, occasion, scores, on, words):
    with pytest.raises(MeasureError, match=words):
        measures.record_measure(directory_store, patient.id, occasion, scores, on=on, today=TODAY)
    assert measures.measure_history(directory_store, patient.id) == []


def test_an_organisation_measure_is_defined_once_and_recorded_on_its_own_scale(directory_store, patient):
    store = directory_store
    defined = measures.define_measure(store, "Feeling connected", ["I have someone to talk to", "I feel part of "
                                                                   "my community"], 1, 5)
    with pytest.raises(MeasureError, match="already a measure called"):
        measures.define_measure(store, "feeling connected", ["x"], 1, 5)
    assert [info.measure.name for info in measures.list_definitions(store)] == \
        ["ONS personal wellbeing (ONS4)", "Feeling connected"]
    with pytest.raises(MeasureError, match="must be from 1 to 5"):
        measures.record_measure(store, patient.id, "baseline", {"item_1": 7}, definition=defined.id)
    measures.record_measure(store, patient.id, "baseline", {"item_1": 2, "item_2": 1}, definition=defined.id)
    measures.record_measure(store, patient.id, "discharge", {"item_1": 4, "item_2": 1}, definition=defined.id)
    changes = measures.change_from_baseline(store, patient.id, defined.id)
    assert [change.text for change in changes] == [
        "I have someone to talk to: 2 to 4 (up 2, improved)", "I feel part of my community: 1 to 1 (no change)"]
    assert measures.measure_history(store, patient.id) == []  # ONS4 is separate


def test_suggestions_rank_services_for_the_patient_with_reasons(directory_store):
    store = directory_store
    patient = make_patient(store, "Ranjit", "Sandhu", needs=("physical_activity", "money"), postcode="B30 1AA")
    plans.update_plan(store, patient.id, preferred_days=["TU"], preferred_times=["morning"])
    ranked = suggestions(store, patient.id, limit=10)
    assert ranked and ranked[0].service_id == WALKING_GROUP
    assert {"For physical activity", "Tuesday mornings", "Free", "Same area: B30"} <= set(ranked[0].reasons)
    assert [fit.score for fit in ranked] == sorted((fit.score for fit in ranked), reverse=True)
    activities.add_to_plan(store, patient.id, WALKING_GROUP)
    assert WALKING_GROUP not in [fit.service_id for fit in suggestions(store, patient.id, limit=10)]


def test_two_plans_for_one_patient_are_impossible(directory_store, patient):
    plans.open_plan(directory_store, patient.id)
    with pytest.raises(IntegrityError):
        with directory_store.session() as session:
            session.add(Plan(patient_id=patient.id))
