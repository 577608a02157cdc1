"""What ``sip-tui demo`` does before the app starts: the demo database, kept or built.

The default demo database (``demo.db`` in the user data directory) is built once and then
kept: ``sip-tui demo`` opens it again as the user left it, ``--rebuild`` builds a new one.
A new one is built beside it (``demo.db.new``) and only then replaces it, so an interrupted
build never leaves half a demo behind, nor loses the old one.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_path

from sip_tui.demo.build import DemoError, build_demo
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, to_stockholm
from sip_tui.identity import os_login, os_real_name
from sip_tui.store.engine import display_url, make_engine
from sip_tui.store.errors import StoreError
from sip_tui.store.schema import upgrade
from sip_tui.store.translate import translate_errors


class DemoSetupError(StoreError):
    """The demo could not be created (shown as one line)."""


@dataclass(frozen=True)
class DemoOptions:
    """What to build: ``cases`` cases from ``seed``, at least ``units`` units."""

    cases: int
    seed: int
    units: int | None
    clock: Clock
    calendar: WorkCalendar


def demo_database() -> Path:
    return user_data_path("sip-tui") / "demo.db"


def demo_user_name(login: str) -> str:
    """The name the person running the demo has in it: their real name, else a demo name
    that still says which account it is (never just ``root``)."""
    return os_real_name() or f"Demo Användare ({login})"


def prepare_demo(
    db: str | None,
    options: DemoOptions,
    *,
    rebuild: bool,
    customised: bool,
    prog: str,
    say: Callable[[str], None],
) -> str:
    """Make the demo database ready; its URL. ``say`` prints a line for the user.

    ``db``: an empty database to build the demo in; ``None``: the default demo database,
    kept if it exists unless ``rebuild``. ``customised``: the user gave options that only
    matter for a new build (then an existing demo without ``rebuild`` is an error, not a
    silent surprise).
    """
    if db is not None:
        if rebuild:
            raise DemoSetupError(
                "--rebuild replaces the default demo database only; with --db give an empty "
                "database"
            )
        for line in _build(db, options, again=f"{prog} run --db {display_url(db)}", prog=prog):
            say(line)
        return db
    path = demo_database()
    url = _sqlite_url(path)
    if _exists(path) and not rebuild:
        if customised:
            raise DemoSetupError(
                f"a demo database already exists ({path}); add --rebuild to replace it with "
                "one built with these options"
            )
        # One from an older sip-tui is brought up to date; else nothing to do.
        upgrade(url, kind="demo")
        say(f"the demo as you left it ({path}); a new one: `{prog} demo --rebuild`")
        return url
    new = path.with_name(path.name + ".new")
    _remove(new)
    try:
        lines = list(_build(_sqlite_url(new), options, again=f"{prog} demo", prog=prog))
        _settle(new)
    except BaseException:
        _remove(new)
        raise
    _remove(path)
    new.replace(path)
    for line in lines:
        say(line.replace(display_url(_sqlite_url(new)), display_url(url)))
    return url


def _build(url: str, options: DemoOptions, *, again: str, prog: str) -> list[str]:
    """Build the demo in the empty database ``url``; the lines to print."""
    started = time.perf_counter()
    login = os_login()
    name = demo_user_name(login)
    now = to_stockholm(options.clock.now())
    upgrade(url, kind="demo")
    engine = make_engine(url)
    try:
        with translate_errors(engine):
            summary = build_demo(
                engine,
                login=login,
                login_name=name,
                cases=options.cases,
                seed=options.seed,
                now=now,
                calendar=options.calendar,
                unit_count=options.units,
            )
    except DemoError as error:
        raise DemoSetupError(str(error)) from None
    finally:
        engine.dispose()
    frozen = now.strftime("%Y-%m-%dT%H:%M")
    return [
        f"demo database {display_url(url)}",
        f"  {summary.cases} cases, {summary.units} units, built in "
        f"{time.perf_counter() - started:.1f} s",
        f"you can log in as {name} on:"
        if login in name
        else f"you ({login}) can log in as {name} on:",
        *(f"  {code:<20} {unit} ({roles})" for code, unit, roles in summary.own_units),
        f"open it again: {again}",
        f"its deadlines count from {frozen.replace('T', ' ')}; "
        "freeze the clock there to see it so:",
        f"  SIP_TUI_NOW={frozen} {again}",
    ]


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _exists(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _companions(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _remove(path: Path) -> None:
    for file in _companions(path):
        file.unlink(missing_ok=True)


def _settle(path: Path) -> None:
    """Fold a write-ahead log left beside ``path`` into it, so the one file can be moved."""
    if any(file.exists() for file in _companions(path)[1:]):
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    for file in _companions(path)[1:]:
        file.unlink(missing_ok=True)
