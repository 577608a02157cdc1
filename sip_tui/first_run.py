"""``sip-tui run`` on a database that does not exist yet or has no schema: what to do.

A new user's first ``sip-tui`` meets the default SQLite file, which does not exist. On a
terminal they are asked whether to build the demo, create an empty database, or stop; a
script gets one line saying the commands. Nothing is created unless chosen: a missing
SQLite file is seen without connecting (connecting would create it).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from sip_tui.demo.setup import DemoOptions, prepare_demo
from sip_tui.store.engine import display_url, make_engine, missing_sqlite_file, parse_url
from sip_tui.store.errors import StoreError
from sip_tui.store.schema import current_revision, upgrade

#: Shows a question, returns the answer typed ("" for none; "q" at end of input).
Ask = Callable[[str], str]
Say = Callable[[str], None]


class NoDatabase(StoreError):
    """There is no sip-tui database where the app should start, and none was created."""


class Found(Enum):
    NOTHING = "nothing"  # no SQLite file
    NO_SCHEMA = "no schema"  # an empty file, or a database without a sip-tui schema
    SCHEMA = "schema"  # some sip-tui schema (check_schema judges its revision)


def what_is_at(url: str) -> Found:
    """What the database at ``url`` holds; a missing SQLite file is not created."""
    parsed = parse_url(url)
    if missing_sqlite_file(parsed) is not None:
        return Found.NOTHING
    if parsed.drivername == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(str(parsed.database))
        if path.is_file() and path.stat().st_size == 0:
            return Found.NO_SCHEMA
    engine = make_engine(parsed)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    return Found.SCHEMA if revision is not None else Found.NO_SCHEMA


def ready_database(
    url: str,
    *,
    given: bool,
    demo: DemoOptions,
    prog: str,
    ask: Ask | None,
    say: Say,
) -> str:
    """The URL to start the app on: ``url`` if it has a schema, else what the user chose.

    ``given``: the user named the database (``--db``), so the commands suggested name it
    too. ``ask`` is ``None`` when nobody can answer (no terminal): then
    :class:`NoDatabase` says what to run. Declining creates nothing.
    """
    found = what_is_at(url)
    if found is Found.SCHEMA:
        return url
    shown = display_url(url)
    where = f" --db {shown}" if given else ""
    if ask is None:
        raise NoDatabase(
            f"there is no sip-tui database at {shown} yet; create it with "
            f"`{prog} db upgrade{where}`, or try the demo: `{prog} demo`"
        )
    empty = "create an empty database there"
    if found is Found.NO_SCHEMA:
        say(f"The database at {shown} has no sip-tui schema yet.")
        empty = "create the sip-tui schema in it"
    else:
        say(f"There is no sip-tui database at {shown} yet.")
    say("  d  build the demo and start the app on it (takes some seconds)")
    say(f"  c  {empty} (an administrator then adds units, users)")
    say("  q  quit; nothing is created")
    while True:
        answer = ask("Your choice [d/c/q]: ").strip().casefold()
        if answer in ("d", "demo"):
            return prepare_demo(None, demo, rebuild=False, customised=False, prog=prog, say=say)
        if answer in ("c", "create"):
            done = upgrade(url)
            say(f"created the sip-tui schema (revision {done.after}) in {shown}")
            return url
        if answer in ("q", "quit", "n", "no"):
            raise NoDatabase(f"nothing created at {shown}; `{prog} demo` builds the demo any time")
        say(f"{answer!r} is none of d, c, q")


def ask_on_terminal() -> Ask | None:
    """Questions asked on the terminal; ``None`` when nobody there can see and answer them."""
    return _ask if sys.stdin.isatty() and sys.stdout.isatty() else None


def _ask(question: str) -> str:
    try:
        return input(question)
    except EOFError:  # ctrl+d: the same as declining
        print()
        return "q"


def shown_prog(prog: str = "sip-tui") -> str:
    """How the user can run this program again: ``sip-tui`` when that is on PATH, else the
    path they used (``.venv/bin/sip-tui`` after ``make demo``)."""
    used = Path(sys.argv[0])
    on_path = shutil.which(prog)
    if used.name != prog or (on_path and Path(on_path).resolve() == used.resolve()):
        return prog
    try:
        return str(used.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(used)
