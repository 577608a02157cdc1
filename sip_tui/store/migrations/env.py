"""Alembic environment for sip-tui (run by Alembic, never imported).

sip-tui itself runs the migrations through :func:`sip_tui.store.schema.upgrade`, which
passes an open connection, already in a transaction, as ``config.attributes["connection"]``;
the migrations then run inside that transaction. The ``alembic`` command (see
``alembic.ini`` here) connects to ``-x db=URL``, else ``sqlalchemy.url``, else the
configured database.

Autogenerate compares against ``SQLModel.metadata`` and writes the project's own types as
plain SQLAlchemy ones, so that a migration never imports sip_tui or sqlmodel.
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

from sip_tui.store import models
from sip_tui.store.engine import database_url, make_engine

config = context.config
target_metadata = SQLModel.metadata

if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name)


def render_item(kind: str, item: Any, autogen: AutogenContext) -> str | Literal[False]:
    """Write ``UtcDateTime`` and sqlmodel's ``AutoString`` as the SQLAlchemy types beneath."""
    if kind == "type" and isinstance(item, models.UtcDateTime):
        return "sa.DateTime(timezone=True)"
    if kind == "type" and isinstance(item, AutoString):
        return f"sa.String(length={item.length})" if item.length else "sa.String()"
    return False


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("db")
    if given or config.get_main_option("sqlalchemy.url"):
        return given or config.get_main_option("sqlalchemy.url") or ""
    from sip_tui.config import load_settings

    return database_url(None, load_settings())


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_item=render_item,
        render_as_batch=True,  # ALTER on SQLite needs "batch" (copy-and-move) operations
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """``alembic upgrade --sql``: write the SQL instead of running it."""
    context.configure(
        url=make_engine(_url()).url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_item=render_item,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection: Connection | None = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as own:
            _run(own)
            own.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
