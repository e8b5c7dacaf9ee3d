"""Alembic environment: always run programmatically on an already keyed connection."""

from alembic import context

from ilot_desktop.storage.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
