"""The editor's draft (validation, JSON round trip) and the readable differences between versions."""

from datetime import date

import pytest

from linkdesk.plans.errors import PlanValidationError
from linkdesk.plans.plan_form import GoalDraft, PlanDraft, StepDraft, draft_from_json, draft_to_json, validate_plan
from linkdesk.plans.snapshots import describe_changes


def test_a_draft_survives_a_trip_through_json_exactly():
    draft = PlanDraft("Getting out of the flat", "Good cook", {"transport": "No car"}, ["TU"], ["morning"],
                      ["wheelchair"], "2027-01-10",
                      [GoalDraft("Walk to the park", date(2027, 1, 1), "in_progress",
                                 [StepDraft("Ring the walk leader", "Maureen", "01/12/2026", False, 4)], 7)])
    assert draft_from_json(draft_to_json(draft)) == PlanDraft(
        "Getting out of the flat", "Good cook", {"transport": "No car"}, ["TU"], ["morning"], ["wheelchair"],
        "2027-01-10", [GoalDraft("Walk to the park", "2027-01-01", "in_progress",
                                 [StepDraft("Ring the walk leader", "Maureen", "01/12/2026", False, 4)], 7)])


def test_validation_parses_uk_dates_trims_text_and_drops_blank_goals_and_steps():
    cleaned = validate_plan(PlanDraft("  Seeing my grandchildren  ", next_review_on="10/01/2027", goals=[
        GoalDraft("Join a group", "1/2/2027", steps=[StepDraft("Visit the hall"), StepDraft("  ")]),
        GoalDraft("   "),
    ]))
    assert cleaned.what_matters == "Seeing my grandchildren"
    assert cleaned.next_review_on == date(2027, 1, 10)
    assert len(cleaned.goals) == 1 and cleaned.goals[0].target_on == date(2027, 2, 1)
    assert [step.what for step in cleaned.goals[0].steps] == ["Visit the hall"]


def test_every_problem_is_named_at_once():
    with pytest.raises(PlanValidationError) as caught:
        validate_plan(PlanDraft(next_review_on="31/02/2027", preferred_days=["XX"], goals=[
            GoalDraft("", "2027-01-01"), GoalDraft("Cook", status="finished",
                                                   steps=[StepDraft("", "Maureen", "2027-01-01")])]))
    problems = caught.value.problems
    assert set(problems) == {"next review date", "preferred days", "goal 1", "goal 2 status", "goal 2 step 1"}
    assert "not a real date" in problems["next review date"]


def test_a_pasted_novel_is_refused_rather_than_stored():
    with pytest.raises(PlanValidationError, match="too long"):
        validate_plan(PlanDraft(strengths="x" * 20_001))


def _snapshot(**changes):
    base = {"what_matters": "Getting out", "strengths": "", "barriers": {"transport": "No car"},
            "next_review_on": None,
            "goals": [{"id": 1, "description": "Walk to the park", "target_on": None, "status": "not_started",
                       "steps": []}],
            "activities": [{"id": 5, "service_id": "s", "service_name": "Walking Group", "status": "suggested",
                            "notes": ""}]}
    base.update(changes)
    return base


def test_the_first_version_and_an_unchanged_one_say_so():
    assert describe_changes(None, _snapshot()) == ["First version of the plan"]
    assert describe_changes(_snapshot(), _snapshot()) == ["No changes since the previous version"]


def test_changes_name_fields_goals_and_activities_without_quoting_free_text():
    new = _snapshot(what_matters="Getting out and about more", strengths="Loves cooking", barriers={},
                    next_review_on="2027-01-10",
                    goals=[{"id": 1, "description": "Walk to the park", "target_on": None, "status": "achieved",
                            "steps": []},
                           {"id": 2, "description": "Try the choir", "target_on": None, "status": "not_started",
                            "steps": []}],
                    activities=[{"id": 5, "service_id": "s", "service_name": "Walking Group", "status": "referred",
                                 "notes": ""}])
    lines = describe_changes(_snapshot(), new)
    assert lines == [
        "What matters to me changed", "Strengths added", "Barrier: transport removed",
        "Next review date: none to 2027-01-10", "Goal 'Walk to the park': not started to achieved",
        "Goal added: 'Try the choir'", "Activity Walking Group: suggested to referred to the provider",
    ]
    assert not any("about more" in line or "cooking" in line for line in lines)
