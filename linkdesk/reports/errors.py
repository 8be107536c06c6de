"""Errors a user can cause when asking for a report, each with a plain-English message."""

from __future__ import annotations


class ReportError(Exception):
    """Base class: the message is shown to the user as it is."""


class BadPeriod(ReportError):
    def __init__(self, start, end):
        super().__init__(f"The report period must end on or after it starts ({start:%d %b %Y} to {end:%d %b %Y}).")


class UnknownFilter(ReportError):
    def __init__(self, kind: str, value: str):
        super().__init__(f"There is no {kind} {value!r} in this store.")


class ReportNotSaved(ReportError):
    def __init__(self, path, reason: str):
        super().__init__(f"Could not save the report as {path}: {reason}.")
