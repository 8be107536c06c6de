"""Wellbeing measures as pure rules: ONS4 wording and bands, validating scores, change from baseline.

Each item is reported on its own and never summed: ONS publishes the four personal
wellbeing measures separately because they measure different things.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import MeasureError

BASELINE, REVIEW, DISCHARGE = "baseline", "review", "discharge"
OCCASIONS = ((BASELINE, "Baseline"), (REVIEW, "Review"), (DISCHARGE, "Discharge"))


@dataclass(frozen=True)
class MeasureItem:
    code: str
    label: str  # a short name for tables: "Life satisfaction"
    question: str  # the wording read to the patient
    higher_is_better: bool = True


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    items: tuple[MeasureItem, ...]
    scale_min: int = 0
    scale_max: int = 10
    introduction: str = ""

    def item(self, code: str) -> MeasureItem:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)


ONS4_CODE = "ons4"
# The ONS harmonised standard wording (Annual Population Survey, self-completion form).
ONS4_INTRODUCTION = ("Next I would like to ask you four questions about your feelings on aspects of your life. "
                     "There are no right or wrong answers. For each of these questions I'd like you to give an "
                     "answer on a scale of 0 to 10, where 0 is 'not at all' and 10 is 'completely'.")
LIFE_SATISFACTION, WORTHWHILE, HAPPINESS, ANXIETY = "life_satisfaction", "worthwhile", "happiness", "anxiety"
ONS4 = Measure(
    ONS4_CODE, "ONS personal wellbeing (ONS4)",
    (
        MeasureItem(LIFE_SATISFACTION, "Life satisfaction", "Overall, how satisfied are you with your life nowadays?"),
        MeasureItem(WORTHWHILE, "Worthwhile",
                    "Overall, to what extent do you feel that the things you do in your life are worthwhile?"),
        MeasureItem(HAPPINESS, "Happiness", "Overall, how happy did you feel yesterday?"),
        MeasureItem(ANXIETY, "Anxiety",
                    "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, "
                    "how anxious did you feel yesterday?", higher_is_better=False),
    ),
    0, 10, ONS4_INTRODUCTION,
)

# ONS thresholds: (lowest score of the band, band name), lowest first.
_POSITIVE_BANDS = ((0, "Low"), (5, "Medium"), (7, "High"), (9, "Very high"))
_ANXIETY_BANDS = ((0, "Very low"), (2, "Low"), (4, "Medium"), (6, "High"))


def ons4_band(item_code: str, score: int) -> str:
    """The ONS band of one ONS4 answer: "Low" to "Very high" (anxiety: "Very low" to "High")."""
    if not 0 <= score <= 10:
        raise ValueError(f"ONS4 scores are from 0 to 10, not {score}")
    bands = _ANXIETY_BANDS if item_code == ANXIETY else _POSITIVE_BANDS
    if item_code not in (LIFE_SATISFACTION, WORTHWHILE, HAPPINESS, ANXIETY):
        raise KeyError(item_code)
    return [name for lowest, name in bands if score >= lowest][-1]


def band_for(measure: Measure, item_code: str, score: int | None) -> str:
    """The band to show beside a score; organisation measures have none."""
    if score is None or measure.code != ONS4_CODE:
        return ""
    return ons4_band(item_code, score)


def validate_scores(measure: Measure, scores: dict) -> dict[str, int | None]:
    """Whole numbers within the scale, one per item; an item may be left unanswered (None).

    Accepts numbers or text as typed; raises MeasureError naming every bad item.
    """
    cleaned: dict[str, int | None] = {}
    problems = []
    unknown = set(scores) - {item.code for item in measure.items}
    if unknown:
        problems.append(f"{', '.join(sorted(unknown))} is not part of {measure.name}")
    for item in measure.items:
        value = scores.get(item.code)
        if value is None or (isinstance(value, str) and not value.strip()):
            cleaned[item.code] = None
            continue
        try:
            # A tick box's True must not pass as 1.
            number = value if isinstance(value, int) and not isinstance(value, bool) else int(str(value).strip())
        except ValueError:
            problems.append(f"{item.label}: {value!r} is not a whole number")
            continue
        if not measure.scale_min <= number <= measure.scale_max:
            problems.append(f"{item.label}: must be from {measure.scale_min} to {measure.scale_max}")
            continue
        cleaned[item.code] = number
    if not problems and all(value is None for value in cleaned.values()):
        problems.append("no item has a score")
    if problems:
        raise MeasureError(f"The {measure.name} scores were not saved: " + "; ".join(problems))
    return cleaned


@dataclass(frozen=True)
class ItemChange:
    code: str
    label: str
    baseline: int | None
    latest: int | None
    difference: int | None  # latest minus baseline
    verdict: str  # "improved", "worse", "no change" or "" when either score is missing

    @property
    def text(self) -> str:
        """"Anxiety: 7 to 4 (down 3, improved)"."""
        if self.difference is None:
            return f"{self.label}: not enough scores to compare"
        if self.difference == 0:
            return f"{self.label}: {self.baseline} to {self.latest} (no change)"
        way = "up" if self.difference > 0 else "down"
        return f"{self.label}: {self.baseline} to {self.latest} ({way} {abs(self.difference)}, {self.verdict})"


def change_from_baseline(measure: Measure, baseline: dict, latest: dict) -> list[ItemChange]:
    """Per item, never summed; for an item where lower is better (anxiety), going down is an improvement."""
    changes = []
    for item in measure.items:
        before, after = baseline.get(item.code), latest.get(item.code)
        if before is None or after is None:
            changes.append(ItemChange(item.code, item.label, before, after, None, ""))
            continue
        difference = after - before
        if difference == 0:
            verdict = "no change"
        else:
            better = difference > 0 if item.higher_is_better else difference < 0
            verdict = "improved" if better else "worse"
        changes.append(ItemChange(item.code, item.label, before, after, difference, verdict))
    return changes


def define_measure(code: str, name: str, item_labels, scale_min: int, scale_max: int,
                   higher_is_better: bool) -> Measure:
    """An organisation-defined measure from what a form gives; raises MeasureError on bad input.

    LinkDesk ships no licensed wording: the organisation types its own items (for example
    the seven SWEMWBS statements, under its own licence).
    """
    problems = []
    name = " ".join((name or "").split())
    labels = [" ".join(str(label).split()) for label in item_labels if str(label).strip()]
    if not name:
        problems.append("the measure needs a name")
    if not labels:
        problems.append("the measure needs at least one item")
    if len({label.casefold() for label in labels}) != len(labels):
        problems.append("two items have the same wording")
    try:
        scale_min, scale_max = int(scale_min), int(scale_max)
    except (TypeError, ValueError):
        problems.append("the scale must be whole numbers")
        scale_min, scale_max = 0, 0
    if not problems and scale_max <= scale_min:
        problems.append("the highest score must be above the lowest")
    if not problems and (scale_min < -1000 or scale_max > 1000):
        problems.append("the scale must be within -1000 to 1000")
    if problems:
        raise MeasureError("The measure was not saved: " + "; ".join(problems))
    items = tuple(MeasureItem(f"item_{number}", label if len(label) <= 60 else label[:57] + "...", label,
                              higher_is_better) for number, label in enumerate(labels, start=1))
    return Measure(code, name, items, scale_min, scale_max)
