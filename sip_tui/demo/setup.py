"""What ``sip-tui demo`` does before the app starts: a fresh database with a demo world."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

from platformdirs import user_data_path

from sip_tui.demo.build import DemoError, build_demo
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.identity import os_full_name, os_login
from sip_tui.store.engine import display_url, make_engine, translate_errors, upgrade
from sip_tui.store.errors import StoreError


class DemoSetupError(StoreError):
    """The demo could not be created (shown as one line)."""


def demo_database() -> Path:
    return user_data_path("sip-tui") / "demo.db"


def demo_url() -> str:
    """The default demo database, removed first so every demo starts fresh."""
    path = demo_database()
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    return f"sqlite:///{path}"


def create_demo(
    url: str,
    *,
    cases: int,
    seed: int,
    units: int | None,
    clock: Clock,
    calendar: WorkCalendar,
) -> Iterator[str]:
    """Build the demo; yield the lines to print (where it is, whom to log in as)."""
    started = time.perf_counter()
    upgrade(url)
    engine = make_engine(url)
    try:
        with translate_errors(engine):
            summary = build_demo(
                engine,
                login=os_login(),
                login_name=os_full_name(),
                cases=cases,
                seed=seed,
                now=clock.now(),
                calendar=calendar,
                unit_count=units,
            )
    except DemoError as error:
        raise DemoSetupError(str(error)) from None
    finally:
        engine.dispose()
    yield (
        f"demo database {display_url(url)}: {summary.cases} cases, {summary.units} units "
        f"({time.perf_counter() - started:.1f} s)"
    )
    yield f"you ({os_login()}) can log in on:"
    for code, name, roles in summary.own_units:
        yield f"  {code:<20} {name} ({roles})"
    yield f"start it again with: sip-tui run --db {display_url(url)}"
