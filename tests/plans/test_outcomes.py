"""ONS4 wording, bands and change from baseline; organisation-defined measures (no database)."""

import pytest

from linkdesk.plans import outcomes
from linkdesk.plans.errors import MeasureError
from linkdesk.plans.outcomes import ANXIETY, HAPPINESS, LIFE_SATISFACTION, ONS4, WORTHWHILE


def test_the_four_questions_have_the_public_ons_wording():
    questions = [item.question for item in ONS4.items]
    assert questions == [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, "
        "how anxious did you feel yesterday?",
    ]
    assert "where 0 is 'not at all' and 10 is 'completely'" in ONS4.introduction
    assert (ONS4.scale_min, ONS4.scale_max) == (0, 10)


@pytest.mark.parametrize("score, band", [(0, "Low"), (4, "Low"), (5, "Medium"), (6, "Medium"), (7, "High"),
                                         (8, "High"), (9, "Very high"), (10, "Very high")])
def test_positive_items_use_the_ons_thresholds(score, band):
    for item in (LIFE_SATISFACTION, WORTHWHILE, HAPPINESS):
        assert outcomes.ons4_band(item, score) == band


@pytest.mark.parametrize("score, band", [(0, "Very low"), (1, "Very low"), (2, "Low"), (3, "Low"), (4, "Medium"),
                                         (5, "Medium"), (6, "High"), (10, "High")])
def test_anxiety_has_its_own_thresholds(score, band):
    assert outcomes.ons4_band(ANXIETY, score) == band


@pytest.mark.parametrize("score", [-1, 11])
def test_a_score_off_the_scale_has_no_band(score):
    with pytest.raises(ValueError):
        outcomes.ons4_band(HAPPINESS, score)


def test_scores_are_validated_item_by_item_and_typed_text_is_accepted():
    cleaned = outcomes.validate_scores(ONS4, {LIFE_SATISFACTION: "7", WORTHWHILE: 5, HAPPINESS: " ", ANXIETY: 0})
    assert cleaned == {LIFE_SATISFACTION: 7, WORTHWHILE: 5, HAPPINESS: None, ANXIETY: 0}


@pytest.mark.parametrize("scores, words", [
    ({LIFE_SATISFACTION: 11}, "Life satisfaction: must be from 0 to 10"),
    ({ANXIETY: -2}, "Anxiety: must be from 0 to 10"),
    ({HAPPINESS: "seven"}, "Happiness: 'seven' is not a whole number"),
    ({HAPPINESS: "6.5"}, "not a whole number"),
    ({}, "no item has a score"),
    ({"wellbeing_total": 30}, "wellbeing_total is not part of"),
    ({WORTHWHILE: True}, "Worthwhile: True is not a whole number"),
])
def test_bad_scores_are_refused_with_the_item_named(scores, words):
    with pytest.raises(MeasureError) as caught:
        outcomes.validate_scores(ONS4, scores)
    assert words in str(caught.value)


def test_change_from_baseline_is_per_item_and_lower_anxiety_is_an_improvement():
    baseline = {LIFE_SATISFACTION: 3, WORTHWHILE: 5, HAPPINESS: 6, ANXIETY: 8}
    review = {LIFE_SATISFACTION: 6, WORTHWHILE: 5, HAPPINESS: 4, ANXIETY: 3}
    changes = {change.code: change for change in outcomes.change_from_baseline(ONS4, baseline, review)}
    assert [change.code for change in changes.values()] == [LIFE_SATISFACTION, WORTHWHILE, HAPPINESS, ANXIETY]
    assert (changes[LIFE_SATISFACTION].difference, changes[LIFE_SATISFACTION].verdict) == (3, "improved")
    assert changes[WORTHWHILE].verdict == "no change"
    assert changes[HAPPINESS].verdict == "worse"
    assert (changes[ANXIETY].difference, changes[ANXIETY].verdict) == (-5, "improved")
    assert changes[ANXIETY].text == "Anxiety: 8 to 3 (down 5, improved)"


def test_higher_anxiety_is_worse_and_a_missing_answer_is_not_compared():
    changes = outcomes.change_from_baseline(ONS4, {ANXIETY: 2, HAPPINESS: None}, {ANXIETY: 7, HAPPINESS: 5})
    by_code = {change.code: change for change in changes}
    assert by_code[ANXIETY].verdict == "worse"
    assert by_code[HAPPINESS].difference is None
    assert "not enough scores" in by_code[HAPPINESS].text


def test_an_organisation_measure_keeps_its_items_scale_and_direction():
    measure = outcomes.define_measure("org-x", "  Wellbeing  check ", ["I feel calm", "I sleep well", " "], 1, 5,
                                      higher_is_better=False)
    assert measure.name == "Wellbeing check"
    assert [item.question for item in measure.items] == ["I feel calm", "I sleep well"]
    assert (measure.scale_min, measure.scale_max) == (1, 5)
    change = outcomes.change_from_baseline(measure, {"item_1": 4}, {"item_1": 2})[0]
    assert change.verdict == "improved"
    with pytest.raises(MeasureError, match="must be from 1 to 5"):
        outcomes.validate_scores(measure, {"item_1": 0})
    assert outcomes.band_for(measure, "item_1", 3) == ""


@pytest.mark.parametrize("name, items, low, high, words", [
    ("", ["a"], 0, 10, "needs a name"),
    ("X", [], 0, 10, "at least one item"),
    ("X", ["Calm", "calm"], 0, 10, "same wording"),
    ("X", ["a"], 5, 5, "highest score must be above the lowest"),
    ("X", ["a"], "one", 5, "whole numbers"),
])
def test_a_bad_measure_definition_is_refused(name, items, low, high, words):
    with pytest.raises(MeasureError, match=words):
        outcomes.define_measure("org-x", name, items, low, high, True)
