"""Outages for the UI tests (helper module): a PostgreSQL store whose server the test
stops and starts (a :class:`~tests.proxy.TcpProxy` of its own in front of the shared
server, on its own port: the shared server is never touched), and what the screens say
about an outage.

The database is a throwaway one on the shared server (``SIP_TEST_POSTGRES``, as the store
tests use), migrated and seeded with the domain tests' world; the app reaches it only
through the proxy. When the server cannot be reached the test is skipped with the reason,
and fails under CI (``CI`` set), which must not pass without having run it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import make_url
from textual.screen import Screen

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from sip_tui.ui.widgets.outage_banner import OutageBanner
from tests.proxy import TcpProxy
from tests.store.seed import seed_world

ADMIN_URL = os.environ.get(
    "SIP_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
).strip()


@dataclass
class PgOutage:
    """A migrated, seeded PostgreSQL store reached through ``proxy``: ``proxy.cut()``
    stops the server as the app sees it, ``proxy.restore()`` starts it again. ``direct``
    reaches the same database past the proxy (another user, the test's own checks)."""

    store: Store
    proxy: TcpProxy
    url: str
    direct: Store


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    admin = make_url(ADMIN_URL)
    try:
        return psycopg.connect(
            host=admin.host or "",
            port=admin.port or 5432,
            user=admin.username or "",
            password=admin.password or "",
            dbname=admin.database or "postgres",
            connect_timeout=5,
            autocommit=True,
        )
    except psycopg.Error as error:
        problem = " ".join(str(error).split()) or type(error).__name__
        message = (
            f"PostgreSQL at {admin.render_as_string(hide_password=True)} is unreachable "
            f"({problem}); start it or point SIP_TEST_POSTGRES at one"
        )
        if os.environ.get("CI", "").strip():
            pytest.fail(f"{message} (CI is set, so the outage tests must run)")
        pytest.skip(message)


@contextmanager
def pg_outage(now: datetime) -> Iterator[PgOutage]:
    """The store (clock frozen at ``now``) behind a proxy of this test's own; everything
    (database, proxy, engines) removed afterwards."""
    admin_url = make_url(ADMIN_URL)
    name = f"sip_outage_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    try:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        direct_url = admin_url.set(drivername="postgresql", database=name).render_as_string(
            hide_password=False
        )
        upgrade(direct_url, kind="training")
        with TcpProxy(admin_url.host or "127.0.0.1", admin_url.port or 5432) as proxy:
            url = admin_url.set(
                drivername="postgresql", database=name, host=proxy.host, port=proxy.port
            ).render_as_string(hide_password=False)
            clock, calendar = Clock.frozen(now), WorkCalendar()
            direct = Store(make_engine(direct_url), clock, calendar)
            seed_world(direct.engine)
            store = Store(make_engine(url), clock, calendar)
            try:
                yield PgOutage(store, proxy, url, direct)
            finally:
                store.engine.dispose()
                direct.engine.dispose()
    finally:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.close()


def banner(screen: Screen[object]) -> str:
    """The outage banner's text on ``screen`` ('' when it has none)."""
    found = list(screen.query_children(OutageBanner))
    return found[0].text if found else ""
