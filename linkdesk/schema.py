"""Imports every mapped class, so `Base.metadata` describes the whole schema.

Used by the test that migrations and models agree, and when writing a new migration
(see docs/ARCHITECTURE.md). Each feature package adds its models module here.
"""

from linkdesk.caseload import models as caseload_models  # noqa: F401
from linkdesk.directory import models as directory_models  # noqa: F401
from linkdesk.plans import models as plans_models  # noqa: F401
from linkdesk.reports import models as reports_models  # noqa: F401
from linkdesk.store import audit, drafts, settings  # noqa: F401
from linkdesk.store.base import Base

metadata = Base.metadata


def include_name(name, type_, parent_names) -> bool:
    """For comparing schemas: FTS5 indexes ("*_fts") and their shadow tables are not mapped classes."""
    return not (type_ == "table" and "_fts" in (name or ""))
