"""Alembic's entry point, run by `db.migrate` on a connection it passes in `config.attributes`."""

from alembic import context

from weshape_desktop.server.db import metadata

config = context.config
context.configure(
    connection=config.attributes["connection"],
    target_metadata=metadata,  # what `compare_metadata` checks the migrated schema against
    render_as_batch=True,  # SQLite can't ALTER most things: later revisions copy the table
)
with context.begin_transaction():
    context.run_migrations()
