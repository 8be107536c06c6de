"""Errors a user can cause in plans and measures, each with a plain-English message."""

from __future__ import annotations


class PlanError(Exception):
    """Base class: the message is shown to the user as it is."""


class PlanValidationError(PlanError):
    """Every problem at once, as field name -> plain message; nothing was saved."""

    def __init__(self, problems: dict[str, str], what: str = "plan"):
        self.problems = dict(problems)
        listed = "; ".join(f"{field}: {message}" for field, message in self.problems.items())
        super().__init__(f"The {what} was not saved: {listed}")


class PlanNotFound(PlanError):
    def __init__(self, kind: str, record_id):
        super().__init__(f"There is no {kind} with id {record_id}.")
        self.kind = kind
        self.record_id = record_id


class StatusChangeRefused(PlanError):
    """An activity status change that is not allowed from where the activity is."""


class AlreadyOnPlan(PlanError):
    def __init__(self, service_name: str):
        super().__init__(f"{service_name} is already on this plan.")


class MeasureError(PlanError):
    """A measure record or definition that cannot be saved as given."""


class BuiltInMeasure(MeasureError):
    """ONS4 (and any other measure LinkDesk ships) stays in use: only an organisation's own can be retired."""

    def __init__(self, name: str):
        super().__init__(f"{name} is built in to LinkDesk, so it cannot be retired. "
                         "Only measures your organisation defined can be.")
        self.name = name
