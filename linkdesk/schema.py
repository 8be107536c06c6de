"""Imports every mapped class, so `Base.metadata` describes the whole schema.

Used by the test that migrations and models agree, and when writing a new migration
(see docs/ARCHITECTURE.md). Each feature package adds its models module here.
"""

from linkdesk.store import audit, drafts, settings  # noqa: F401
from linkdesk.store.base import Base

metadata = Base.metadata
