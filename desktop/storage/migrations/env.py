"""Alembic environment: runs on the connection the app hands over (batch mode for SQLite)."""

from __future__ import annotations

from alembic import context

from desktop.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app drives migrations
    raise RuntimeError("migrations run through desktop.storage, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
