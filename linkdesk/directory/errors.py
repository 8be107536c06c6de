"""Errors a user can cause in the directory, each with a plain-English message."""

from __future__ import annotations


class DirectoryError(Exception):
    """Base class: the message is shown to the user as it is."""


class ServiceNotFound(DirectoryError):
    def __init__(self, service_id: str):
        super().__init__(f"There is no service with id {service_id} in the directory.")
        self.service_id = service_id


class InvalidService(DirectoryError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class ImportFailed(DirectoryError):
    """The whole file was rejected and nothing was changed; the message names record and field."""


class ImportCancelled(DirectoryError):
    def __init__(self):
        super().__init__("The import was cancelled; the directory was not changed.")


class FeedError(DirectoryError):
    """The ORUK feed could not be read (offline, timed out, an HTTP error or invalid JSON)."""


class ExportFailed(DirectoryError):
    """An export or template could not be written; nothing half-written is left behind."""

    def __init__(self, path, why: str, what: str = "The directory"):
        super().__init__(f"{what} could not be saved to {path}: {why}. Choose another place.")
        self.path = path
