"""Subject access export, the plan part: plan, goals, activities, versions and wellbeing measures."""

import json
from datetime import date

import pytest
from pypdf import PdfReader

from linkdesk.caseload.patient_form import PatientDetails
from linkdesk.caseload.patients import create_patient
from linkdesk.caseload.subject_access import export_subject_access
from linkdesk.directory import demo as directory_demo
from linkdesk.plans import activities, history, measures, plans
from linkdesk.plans.outcomes import ANXIETY, HAPPINESS, LIFE_SATISFACTION, WORTHWHILE
from linkdesk.plans.plan_form import StepDraft

from ..plans.conftest import WALKING_GROUP
from .conftest import TODAY, aisha

BASELINE = {LIFE_SATISFACTION: 3, WORTHWHILE: 4, HAPPINESS: 6, ANXIETY: 8}
REVIEW = {LIFE_SATISFACTION: 7, WORTHWHILE: None, HAPPINESS: 9, ANXIETY: 2}


def make_plan(store, patient_id: int) -> None:
    """A plan agreed as version 1, then moved on: a goal achieved, the walking group attended."""
    plans.update_plan(store, patient_id, what_matters="Getting out to the allotment again.",
                      strengths="Knows everyone on the allotments", barriers={"transport": "The 45 bus is hard"},
                      preferred_days=["TU"], preferred_times=["morning"], access_needs=["wheelchair"],
                      next_review_on="10/01/2027")
    goal = plans.add_goal(store, patient_id, "Walk to the allotment twice a week", target_on="31/12/2026",
                          steps=[StepDraft("Try the walking group", "Aisha", "01/12/2026")])
    walking = activities.add_to_plan(store, patient_id, WALKING_GROUP, status="referred", on="2026-11-10",
                                     today=TODAY)
    activities.set_activity_notes(store, walking.id, "Meets at the library on Tuesdays.")
    history.agree_plan(store, patient_id, note="agreed at first meeting")
    plans.update_goal(store, goal.id, status="achieved")
    activities.change_activity_status(store, walking.id, "attending", on="2026-11-18", today=TODAY)
    measures.record_measure(store, patient_id, "baseline", BASELINE, on="2026-11-03", today=TODAY)
    measures.record_measure(store, patient_id, "review", REVIEW, on="2026-11-24", today=TODAY)


@pytest.fixture
def planned(store, practice):
    directory_demo.add_demo_data(store)
    patient = create_patient(store, aisha(practice_id=practice.id), today=TODAY)
    make_plan(store, patient.id)
    return patient


def export_and_read(store, patient_id, folder) -> tuple[dict, str]:
    json_path, pdf_path = export_subject_access(store, patient_id, folder)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf_path).pages)
    return json.loads(json_path.read_text(encoding="utf-8")), text


def test_the_json_holds_the_plan_goals_and_steps_in_words(store, planned, tmp_path):
    content, _ = export_and_read(store, planned.id, tmp_path)
    plan = content["Plan"]
    assert plan["What matters to me"] == "Getting out to the allotment again."
    assert plan["Strengths"] == "Knows everyone on the allotments"
    assert plan["Barriers and the support for them"] == {
        "Transport": "The 45 bus is hard", "Cost": "", "Confidence": "", "Someone to go with": "",
        "Other barriers": ""}
    assert (plan["Preferred days"], plan["Preferred times of day"], plan["Access needs"]) == \
        (["Tuesday"], ["Morning"], ["Step-free access"])
    assert plan["Next review date"] == "2027-01-10"
    (goal,) = plan["Goals"]
    assert (goal["Goal"], goal["Target date"], goal["Status"]) == \
        ("Walk to the allotment twice a week", "2026-12-31", "Achieved")
    assert goal["Steps"] == [{"Step": "Try the walking group", "Who": "Aisha", "By when": "2026-12-01",
                              "Done": False}]


def test_the_json_holds_each_activity_with_its_dates_and_notes(store, planned, tmp_path):
    content, _ = export_and_read(store, planned.id, tmp_path)
    (activity,) = content["Agreed activities"]
    assert activity["Service"] == "Cotteridge Walking Group"
    assert activity["Directory service id"] == WALKING_GROUP
    assert (activity["Status"], activity["Status since"]) == ("Attending", "2026-11-18")
    assert (activity["Signposted on"], activity["Referred on"], activity["Attending from"]) == \
        (None, "2026-11-10", "2026-11-18")
    assert activity["Notes"] == "Meets at the library on Tuesdays."


def test_the_json_holds_each_version_as_it_was_agreed(store, planned, tmp_path):
    content, _ = export_and_read(store, planned.id, tmp_path)
    (version,) = content["Plan versions"]
    assert (version["Version"], version["Kind"], version["By"], version["Note"]) == \
        (1, "Agreed", store.actor, "agreed at first meeting")
    assert version["When (UTC)"][:4] == str(date.today().year)
    # The copy as it was kept: the goal was not yet achieved and the walking group only referred.
    kept = version["Content"]
    assert kept["what_matters"] == "Getting out to the allotment again."
    assert [(goal["description"], goal["status"]) for goal in kept["goals"]] == \
        [("Walk to the allotment twice a week", "not_started")]
    assert [(item["service_name"], item["status"]) for item in kept["activities"]] == \
        [("Cotteridge Walking Group", "referred")]


def test_the_json_holds_each_ons4_score_with_its_date_and_occasion(store, planned, tmp_path):
    content, _ = export_and_read(store, planned.id, tmp_path)
    baseline, review = content["Wellbeing measures"]
    assert (baseline["Measure"], baseline["Date"], baseline["Occasion"]) == \
        ("ONS personal wellbeing (ONS4)", "2026-11-03", "Baseline")
    assert (review["Date"], review["Occasion"]) == ("2026-11-24", "Review")
    assert [(item["Item"], item["Score"], item["Band"]) for item in baseline["Scores"]] == [
        ("Life satisfaction", 3, "Low"), ("Worthwhile", 4, "Low"), ("Happiness", 6, "Medium"), ("Anxiety", 8, "High")]
    assert [(item["Item"], item["Score"]) for item in review["Scores"]] == [
        ("Life satisfaction", 7), ("Worthwhile", None), ("Happiness", 9), ("Anxiety", 2)]


def test_the_audit_log_includes_who_opened_and_changed_the_plan(store, planned, tmp_path):
    plans.open_plan(store, planned.id)
    content, _ = export_and_read(store, planned.id, tmp_path)
    rows = [(row["Part"], row["Action"], row["Detail"]) for row in content["Audit log"]]
    assert ("Plan", "view", "plan opened") in rows
    assert ("Plan", "update", "plan version 1 agreed") in rows
    assert ("Plan", "create", "measure ons4 baseline recorded (4 items)") in rows
    assert rows[0] == ("Record", "create", rows[0][2]) and rows[-1][:2] == ("Record", "export")


def test_the_pdf_shows_the_plan_activities_versions_and_scores(store, planned, tmp_path):
    _, text = export_and_read(store, planned.id, tmp_path)
    for expected in ("Your plan", "Getting out to the allotment again.", "Barrier: transport", "The 45 bus is hard",
                     "Walk to the allotment twice a week", "Try the walking group",
                     "Activities agreed with you", "Cotteridge Walking Group", "Meets at the library on Tuesdays.",
                     "Versions of your plan", "Version 1: agreed", "agreed at first meeting",
                     "Walk to the allotment twice a week (Not started)",
                     "Cotteridge Walking Group (Referred to the provider)", "the JSON file holds each one in full",
                     "Wellbeing measures", "ONS personal wellbeing (ONS4)", "2026-11-03 Baseline 3 (Low) 4 (Low) "
                     "6 (Medium) 8 (High)", "2026-11-24 Review 7 (High) Not answered 9 (Very high) 2 (Low)"):
        assert expected in text, expected
    assert (text.index("Referrals") < text.index("Your plan") < text.index("Wellbeing measures")
            < text.index("Who has looked at or changed this record"))


def test_organisation_measures_are_exported_on_their_own_scale(store, planned, tmp_path):
    short = measures.define_measure(store, "Feeling connected", ["I have someone to talk to", "I feel part of it"],
                                    1, 5)
    long = measures.define_measure(store, "Six questions", [f"Question number {n}" for n in range(1, 7)], 1, 5)
    measures.record_measure(store, planned.id, "discharge", {"item_1": 4, "item_2": 2}, definition=short.id,
                            on="2026-11-20", today=TODAY)
    measures.record_measure(store, planned.id, "baseline", {f"item_{n}": n % 5 + 1 for n in range(1, 7)},
                            definition=long.id, on="2026-11-21", today=TODAY)
    content, text = export_and_read(store, planned.id, tmp_path)
    assert [result["Measure"] for result in content["Wellbeing measures"]] == [
        "ONS personal wellbeing (ONS4)", "ONS personal wellbeing (ONS4)", "Feeling connected", "Six questions"]
    connected = content["Wellbeing measures"][2]
    assert (connected["Occasion"], connected["Scale"]) == ("Discharge", "1 to 5")
    assert connected["Scores"] == [{"Item": "I have someone to talk to", "Score": 4, "Band": ""},
                                   {"Item": "I feel part of it", "Score": 2, "Band": ""}]
    for expected in ("Feeling connected (scores from 1 to 5)", "2026-11-20 Discharge 4 2",
                     "Six questions (scores from 1 to 5)", "Question number 6 2"):
        assert expected in text, expected


def test_a_patient_with_no_plan_or_measures_exports_with_those_sections_empty(store, tmp_path):
    patient = create_patient(store, PatientDetails(first_name="Kwame", last_name="Mensah", date_of_birth="1970-06-06",
                                                   nhs_number="999 100 0011"), today=TODAY)
    content, text = export_and_read(store, patient.id, tmp_path)
    assert content["Plan"] is None
    assert content["Agreed activities"] == content["Plan versions"] == content["Wellbeing measures"] == []
    for expected in ("No plan is recorded.", "No activities are recorded.",
                     "No version of the plan has been agreed or printed.", "No wellbeing measures are recorded."):
        assert expected in text, expected
