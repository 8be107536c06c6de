"""Alembic environment: always run programmatically on a connection LinkDesk already keyed."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=context.config.attributes.get("target_metadata"),
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables safely.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
