"""A database without a sip-tui schema, on both backends: seen as such, and created only
when the user chooses so."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sip_tui.demo.setup import DemoOptions
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.first_run import Found, NoDatabase, ready_database, what_is_at
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import check_schema, current_revision, head_revision


def revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def answers(*typed: str) -> Iterator[str]:
    yield from typed


def ready(url: str, *typed: str) -> tuple[str, list[str]]:
    said: list[str] = []
    given = answers(*typed)
    chosen = ready_database(
        url,
        given=True,
        demo=DemoOptions(1, 1, None, Clock.from_environment({}), WorkCalendar()),
        prog="sip-tui",
        ask=lambda _question: next(given),
        say=said.append,
    )
    return chosen, said


def test_an_empty_database_has_no_schema_a_migrated_one_has(
    empty_db_url: str, db_url: str, backend: str
) -> None:
    expected = Found.NOTHING if backend == "sqlite" else Found.NO_SCHEMA
    assert what_is_at(empty_db_url) is expected
    assert what_is_at(db_url) is Found.SCHEMA
    assert ready(db_url) == (db_url, [])  # nothing asked


def test_declining_leaves_the_database_without_schema(empty_db_url: str, backend: str) -> None:
    with pytest.raises(NoDatabase, match="nothing created"):
        ready(empty_db_url, "q")
    if backend == "sqlite":
        assert what_is_at(empty_db_url) is Found.NOTHING
    else:
        assert revision(empty_db_url) is None


def test_creating_gives_the_newest_schema(empty_db_url: str) -> None:
    chosen, said = ready(empty_db_url, "c")
    assert chosen == empty_db_url
    assert said[-1].startswith(f"created the sip-tui schema (revision {head_revision()})")
    engine = make_engine(empty_db_url)
    try:
        check_schema(engine)  # no NotMigrated: the app can start on it
    finally:
        engine.dispose()
