"""Mapped classes of plans: the plan, goals and steps, agreed activities, versions and measures.

An agreed activity keeps the directory service's id as a plain string (directory ids come
from feeds and may be archived or replaced) plus a snapshot of its name, so the plan still
reads right whatever happens to the directory entry. Plan versions are read-only: the
migration adds a trigger that refuses any UPDATE of plan_version.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from linkdesk.store.base import Base, utc_now

CODE = String(40)


class Plan(Base):
    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"), unique=True)
    what_matters: Mapped[str] = mapped_column(Text, default="")  # in the patient's own words
    strengths: Mapped[str] = mapped_column(Text, default="")
    barrier_transport: Mapped[str] = mapped_column(Text, default="")
    barrier_cost: Mapped[str] = mapped_column(Text, default="")
    barrier_confidence: Mapped[str] = mapped_column(Text, default="")
    barrier_company: Mapped[str] = mapped_column(Text, default="")  # someone to go with
    barrier_other: Mapped[str] = mapped_column(Text, default="")
    # Preferences the suggestions use: weekday codes "MO,TU", parts of day "morning,evening",
    # accessibility features from the directory's list; empty means no preference.
    preferred_days: Mapped[str] = mapped_column(CODE, default="")
    preferred_times: Mapped[str] = mapped_column(CODE, default="")
    access_needs: Mapped[str] = mapped_column(String(200), default="")
    next_review_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    goals: Mapped[list[Goal]] = relationship(order_by="(Goal.position, Goal.id)", cascade="all, delete-orphan",
                                             passive_deletes=True)
    activities: Mapped[list[AgreedActivity]] = relationship(order_by="AgreedActivity.id",
                                                            cascade="all, delete-orphan", passive_deletes=True)


class Goal(Base):
    __tablename__ = "plan_goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text)
    target_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(CODE, default="not_started")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    steps: Mapped[list[GoalStep]] = relationship(order_by="(GoalStep.position, GoalStep.id)",
                                                 cascade="all, delete-orphan", passive_deletes=True)


class GoalStep(Base):
    __tablename__ = "plan_goal_step"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("plan_goal.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    by_when: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class AgreedActivity(Base):
    __tablename__ = "plan_activity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    service_id: Mapped[str] = mapped_column(String(100), index=True)
    service_name: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(CODE, default="suggested")
    status_on: Mapped[date] = mapped_column(Date)  # when the current status began
    signposted_on: Mapped[date | None] = mapped_column(Date)
    referred_on: Mapped[date | None] = mapped_column(Date)
    attending_from: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)  # stopped or declined
    reason: Mapped[str] = mapped_column(Text, default="")  # why it stopped or was declined
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class PlanVersion(Base):
    """A read-only copy of the whole plan as agreed or printed; editing the plan never touches it."""

    __tablename__ = "plan_version"
    __table_args__ = (Index("ix_plan_version_plan_id_number", "plan_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # "agreed" or "printed"
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)
    by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(String(200), default="")  # "large print", "agreed at review"...
    snapshot_json: Mapped[str] = mapped_column(Text)

    @property
    def snapshot(self) -> dict:
        return json.loads(self.snapshot_json)


class MeasureDefinition(Base):
    """ONS4 (built in, code "ons4") or a measure the organisation defined; items are JSON."""

    __tablename__ = "measure_definition"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(CODE, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    items_json: Mapped[str] = mapped_column(Text)
    scale_min: Mapped[int] = mapped_column(Integer, default=0)
    scale_max: Mapped[int] = mapped_column(Integer, default=10)
    built_in: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)


class MeasureRecord(Base):
    __tablename__ = "measure_record"
    __table_args__ = (Index("ix_measure_record_patient_id_definition_id", "patient_id", "definition_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"))
    definition_id: Mapped[int] = mapped_column(ForeignKey("measure_definition.id", ondelete="RESTRICT"), index=True)
    occasion: Mapped[str] = mapped_column(String(20))  # baseline, review, discharge
    recorded_on: Mapped[date] = mapped_column(Date)
    scores_json: Mapped[str] = mapped_column(Text)  # {item code: score or null}
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now)

    @property
    def scores(self) -> dict:
        return json.loads(self.scores_json)
