"""Throwaway databases for the store tests, on SQLite and on PostgreSQL.

Every test that takes ``db_url``, ``empty_db_url`` or ``engine`` runs twice, once per
backend (test ids ``[sqlite]`` and ``[postgresql]``). Each gets a database of its own:

* ``db_url`` is migrated to the newest schema. To keep that fast the migrations run once per
  test session and xdist worker, into a template; each test then gets a copy (SQLite: the
  file copied; PostgreSQL: ``CREATE DATABASE ... TEMPLATE ...``), dropped after the test.
* ``empty_db_url`` has no schema at all (for migration tests).

PostgreSQL is the server at ``SIP_TEST_POSTGRES`` (an admin URL, default
``postgresql://postgres@127.0.0.1:5432/postgres``). When it cannot be reached the PostgreSQL
half is skipped with the reason shown, except under CI (``CI`` set and not empty), where
those tests fail: CI must not pass without having run them.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import URL, Engine, make_url

from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade

BACKENDS = ("sqlite", "postgresql")
ADMIN_URL = os.environ.get(
    "SIP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
).strip()
#: "gw0", "gw1", ... under pytest-xdist; "main" without it.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")


def _unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


@dataclass
class PostgresServer:
    """The test server: creates and drops databases through one autocommit connection."""

    admin: URL
    connection: psycopg.Connection[tuple[object, ...]] | None = None
    problem: str | None = None
    template: str | None = None
    created: list[str] = field(default_factory=list)

    def require(self) -> None:
        """Skip the test (fail it under CI) when the server is unreachable."""
        if self.problem is None:
            return
        message = (
            f"PostgreSQL at {self.admin.render_as_string(hide_password=True)} is unreachable "
            f"({self.problem}); start it or point SIP_TEST_POSTGRES at one"
        )
        if os.environ.get("CI", "").strip():
            pytest.fail(f"{message} (CI is set, so the PostgreSQL tests must run)")
        pytest.skip(message)

    def url(self, database: str) -> str:
        # The plain postgresql:// form users write; make_engine() picks psycopg 3.
        return self.admin.set(drivername="postgresql", database=database).render_as_string(
            hide_password=False
        )

    def create(self, database: str, template: str = "template0") -> str:
        assert self.connection is not None
        self.connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(database), sql.Identifier(template)
            )
        )
        self.created.append(database)
        return self.url(database)

    def drop(self, database: str) -> None:
        assert self.connection is not None
        self.connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        self.created.remove(database)

    def migrated_template(self) -> str:
        """A database at the newest schema to copy; migrated on first use."""
        if self.template is None:
            name = _unique(f"sip_template_{WORKER}")
            upgrade(
                self.create(name), kind="training"
            )  # its engine is disposed: no connection left open
            self.template = name
        return self.template


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL test server (maybe unreachable: call ``require()`` before use)."""
    admin = make_url(ADMIN_URL)
    server = PostgresServer(admin)
    try:
        server.connection = psycopg.connect(
            host=admin.host or "",
            port=admin.port or 5432,
            user=admin.username or "",
            password=admin.password or "",
            dbname=admin.database or "postgres",
            connect_timeout=5,
            autocommit=True,
        )
    except psycopg.Error as error:
        server.problem = " ".join(str(error).split()) or type(error).__name__
    yield server
    if server.connection is not None:
        for database in list(server.created):
            server.drop(database)
        server.connection.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file at the newest schema, to copy (WAL checkpointed: one file)."""
    path = tmp_path_factory.mktemp("sqlite-template") / "sip.db"
    upgrade(f"sqlite:///{path}", kind="training")
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """``"sqlite"`` or ``"postgresql"``: every test using it runs on both."""
    name: str = request.param
    return name


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database at the newest schema, this test's alone."""
    if backend == "sqlite":
        path = tmp_path / "sip.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    server.require()
    name = _unique("sip_test")
    url = server.create(name, template=server.migrated_template())
    yield url
    server.drop(name)


@pytest.fixture
def empty_db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database without any schema (SQLite: the file does not exist)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    server.require()
    name = _unique("sip_test")
    url = server.create(name)
    yield url
    server.drop(name)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """``make_engine(db_url)``, disposed after the test."""
    made = make_engine(db_url)
    yield made
    made.dispose()
