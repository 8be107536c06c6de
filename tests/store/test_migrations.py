"""The migrations build exactly the schema the mapped classes describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from linkdesk.schema import include_name, metadata
from linkdesk.store import migrate


def test_migrated_schema_matches_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(
            MigrationContext.configure(connection, opts={"include_name": include_name}), metadata
        )
    assert differences == []


def test_a_new_store_is_at_the_head_revision(store):
    report = store.check()
    assert report.schema_revision == migrate.head_revision()
    assert report.ok
