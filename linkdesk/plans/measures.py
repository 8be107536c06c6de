"""Use cases for wellbeing measures: ONS4 built in, organisation-defined measures, records and change."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkdesk.caseload.dates import InvalidDate, parse_date
from linkdesk.caseload.models import Patient
from linkdesk.store import audit

from . import outcomes
from .errors import BuiltInMeasure, MeasureError, PlanNotFound
from .models import MeasureDefinition, MeasureRecord
from .outcomes import BASELINE, OCCASIONS, ONS4, ONS4_CODE, ItemChange, Measure, MeasureItem
from .plans import audit_plan


@dataclass(frozen=True)
class DefinitionInfo:
    id: int
    measure: Measure
    built_in: bool
    archived: bool


def _measure_of(row: MeasureDefinition) -> Measure:
    if row.code == ONS4_CODE:
        return ONS4  # the wording always comes from the code, never an edited copy
    items = tuple(MeasureItem(item["code"], item["label"], item["question"], item["higher_is_better"])
                  for item in json.loads(row.items_json))
    return Measure(row.code, row.name, items, row.scale_min, row.scale_max)


def _info(row: MeasureDefinition) -> DefinitionInfo:
    return DefinitionInfo(row.id, _measure_of(row), row.built_in, row.archived)


def _items_json(measure: Measure) -> str:
    return json.dumps([{"code": item.code, "label": item.label, "question": item.question,
                        "higher_is_better": item.higher_is_better} for item in measure.items], ensure_ascii=False)


def ensure_ons4(session: Session) -> MeasureDefinition:
    row = session.scalar(select(MeasureDefinition).where(MeasureDefinition.code == ONS4_CODE))
    if row is None:
        row = MeasureDefinition(code=ONS4_CODE, name=ONS4.name, items_json=_items_json(ONS4), scale_min=0,
                                scale_max=10, built_in=True)
        session.add(row)
        session.flush()
    return row


def list_definitions(store, include_archived: bool = False,
                     scored_by: int | None = None) -> list[DefinitionInfo]:
    """ONS4 first, then the organisation's own measures by name.

    Retired measures are left out unless `include_archived`, or unless the patient `scored_by`
    has scores on one: their history must stay in view even though nothing new can be recorded.
    """
    with store.session() as session:
        ensure_ons4(session)
        scored = set() if scored_by is None else set(session.scalars(
            select(MeasureRecord.definition_id).where(MeasureRecord.patient_id == scored_by).distinct()))
        rows = session.scalars(select(MeasureDefinition).order_by(MeasureDefinition.built_in.desc(),
                                                                  MeasureDefinition.name))
        return [_info(row) for row in rows if include_archived or not row.archived or row.id in scored]


def define_measure(store, name: str, item_labels, scale_min: int = 0, scale_max: int = 10,
                   higher_is_better: bool = True) -> DefinitionInfo:
    """Add an organisation-defined measure (for one the organisation holds a licence for)."""
    slug = re.sub(r"[^a-z0-9]+", "-", " ".join((name or "").split()).casefold()).strip("-")[:30] or "measure"
    measure = outcomes.define_measure(f"org-{slug}", name, item_labels, scale_min, scale_max, higher_is_better)
    with store.session() as session:
        ensure_ons4(session)
        clash = next((existing for existing in session.scalars(select(MeasureDefinition))
                      if existing.name.casefold() == measure.name.casefold()), None)
        if clash is not None:
            raise MeasureError(f"There is already a measure called {measure.name}" + (
                ". It was retired: bring it back instead." if clash.archived else "."))
        code, number = measure.code, 2
        while session.scalar(select(MeasureDefinition.id).where(MeasureDefinition.code == code)) is not None:
            code, number = f"{measure.code}-{number}", number + 1
        row = MeasureDefinition(code=code, name=measure.name, items_json=_items_json(measure),
                                scale_min=measure.scale_min, scale_max=measure.scale_max, built_in=False)
        session.add(row)
        session.flush()
        audit_plan_definition(session, row)
        return _info(row)


def audit_plan_definition(session: Session, row: MeasureDefinition) -> None:
    audit.record(session, "create", "measure definition", row.id, f"{len(json.loads(row.items_json))} items")


def set_definition_archived(store, definition_id: int, archived: bool) -> DefinitionInfo:
    """Retire an organisation's measure, or bring it back; built-in measures (ONS4) are refused.

    Retiring hides it from the choice of measures and refuses new scores (see record_measure);
    scores already recorded are kept, in the patient's history and in their exports.
    """
    with store.session() as session:
        row = _definition(session, definition_id)
        if row.built_in:
            raise BuiltInMeasure(row.name)
        if row.archived != archived:
            row.archived = archived
            audit.record(session, "update", "measure definition", row.id,
                         "retired" if archived else "brought back into use")
        return _info(row)


def _definition(session: Session, definition) -> MeasureDefinition:
    """A definition from its id, its code, or None/"ons4" for ONS4."""
    if definition in (None, ONS4_CODE):
        return ensure_ons4(session)
    column = MeasureDefinition.id if isinstance(definition, int) else MeasureDefinition.code
    row = session.scalar(select(MeasureDefinition).where(column == definition))
    if row is None:
        raise PlanNotFound("measure", definition)
    return row


def record_measure(store, patient_id: int, occasion: str, scores: dict, definition=ONS4_CODE,
                   on: date | str | None = None, today: date | None = None) -> MeasureRecord:
    """Record one completed measure (ONS4 unless another definition is named); refused input writes nothing."""
    today = today or date.today()
    if occasion not in dict(OCCASIONS):
        raise MeasureError(f"{occasion!r} is not an occasion; use baseline, review or discharge.")
    try:
        recorded_on = parse_date(on) or today
    except InvalidDate as error:
        raise MeasureError(f"The date was not understood: {error}") from None
    if recorded_on > today:
        raise MeasureError("The date a measure was completed cannot be in the future.")
    with store.session() as session:
        row = _definition(session, definition)
        if row.archived:
            raise MeasureError(f"{row.name} has been retired, so new scores cannot be recorded with it.")
        cleaned = outcomes.validate_scores(_measure_of(row), scores)
        if session.get(Patient, patient_id) is None:
            raise PlanNotFound("patient", patient_id)
        record = MeasureRecord(patient_id=patient_id, definition_id=row.id, occasion=occasion,
                               recorded_on=recorded_on, scores_json=json.dumps(cleaned))
        session.add(record)
        session.flush()
        answered = sum(value is not None for value in cleaned.values())
        audit_plan(session, "create", patient_id, f"measure {row.code} {occasion} recorded ({answered} items)")
    return record


@dataclass(frozen=True)
class MeasureResult:
    id: int
    occasion: str
    recorded_on: date
    scores: dict
    bands: dict  # item code -> band ("" for organisation measures)
    changes: tuple[ItemChange, ...]  # against the baseline before it; empty for a baseline or with none


def measure_history(store, patient_id: int, definition=ONS4_CODE) -> list[MeasureResult]:
    """Oldest first; each review or discharge compared, item by item, with the latest baseline before it."""
    with store.session() as session:
        row = _definition(session, definition)
        records = list(session.scalars(select(MeasureRecord).where(
            MeasureRecord.patient_id == patient_id, MeasureRecord.definition_id == row.id)
            .order_by(MeasureRecord.recorded_on, MeasureRecord.id)))
        measure = _measure_of(row)
    results, baseline = [], None
    for record in records:
        scores = record.scores
        bands = {item.code: outcomes.band_for(measure, item.code, scores.get(item.code)) for item in measure.items}
        changes = ()
        if record.occasion == BASELINE:
            baseline = scores
        elif baseline is not None:
            changes = tuple(outcomes.change_from_baseline(measure, baseline, scores))
        results.append(MeasureResult(record.id, record.occasion, record.recorded_on, scores, bands, changes))
    return results


def change_from_baseline(store, patient_id: int, definition=ONS4_CODE) -> list[ItemChange]:
    """The latest record against its baseline, per item; empty until there is a later record."""
    history = measure_history(store, patient_id, definition)
    return list(history[-1].changes) if history else []
