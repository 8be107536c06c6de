"""Directory test helpers: the standard's own examples and a small synthetic directory."""

from pathlib import Path

import pytest

# shared/ sits beside the project checkout (on developers' machines and in CI alike).
OPENREFERRAL = Path(__file__).resolve().parents[3] / "shared" / "openreferral"
HSDS_EXAMPLES = OPENREFERRAL / "hsds-3.0" / "examples"
ORUK_EXAMPLES = OPENREFERRAL / "oruk-3.0" / "examples"
SERVICE_SCHEMA = OPENREFERRAL / "hsds-3.0" / "schema" / "compiled" / "service.json"
EXAMPLE_ID = "ac148810-d857-441c-9679-408f346de14b"


@pytest.fixture
def examples():
    return HSDS_EXAMPLES
