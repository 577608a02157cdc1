"""``sip-tui status``: exit 0 / 1 / 2, the documented JSON, no names without --details,
and the overdue cases are exactly the overview's overdue rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.domain.explain import deadline_label, urgency
from sip_tui.domain.watch import SetWeekdays
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.cli.watch_world import HSV, NOW, assert_one_line_error, build, sip_tui
from tests.domain.world import KARIN, MANAGER, at
from tests.store.seed import seed_world, sent_case

Capsys = pytest.CaptureFixture[str]

#: docs/operations.md: every key of the report and its type (lists: of items).
ITEM = {"case_id": int, "deadline": str, "label": str, "open_tasks": int}
SCHEMA: dict[str, Any] = {
    "schema": int,
    "unit": {"code": str, "name": str},
    "now": str,
    "next_cutoff": str,
    "counts": {k: int for k in ("open_cases", "open_tasks", "due_at_cutoff", "due_today")}
    | {"overdue": int},
    "overdue": [ITEM],
    "due_at_cutoff": [ITEM],
    "due_today": [ITEM],
    "on_watch": {"working_day": bool, "count": int, "covering": bool, "warning": (str, None)},
}


def conforms(value: Any, shape: Any) -> bool:
    if isinstance(shape, dict):
        return (
            isinstance(value, dict)
            and set(value) == set(shape)
            and all(conforms(value[key], shape[key]) for key in shape)
        )
    if isinstance(shape, list):
        return isinstance(value, list) and all(conforms(each, shape[0]) for each in value)
    if isinstance(shape, tuple):
        return any(value is None if kind is None else isinstance(value, kind) for kind in shape)
    return isinstance(value, shape) and not (shape is int and isinstance(value, bool))


@pytest.fixture
def one_case(tmp_path: Path) -> str:
    """Elsa's initiative sent to home health care on Friday: due Monday 12:00."""
    url = f"sqlite:///{tmp_path / 'one.db'}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_world(engine)
    store = Store(engine, Clock(lambda: at("2026-11-20 09:12")), WorkCalendar())
    sent_case(store, [HSV])
    store.change_roster(as_user(MANAGER.user, HSV), SetWeekdays(KARIN.user, frozenset(range(5))))
    engine.dispose()
    return url


def status(capsys: Capsys, monkeypatch: pytest.MonkeyPatch, now: str, *args: str) -> Any:
    monkeypatch.setenv("SIP_TUI_NOW", now)
    return sip_tui(capsys, "status", "--unit", HSV, *args)


def test_due_is_exit_0_overdue_from_the_second_after_the_cutoff_is_exit_1(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, one_case: str
) -> None:
    due = status(capsys, monkeypatch, "2026-11-23T12:00:00", "--db", one_case, "--json")
    assert due.code == 0, due.err
    report = json.loads(due.out)
    assert conforms(report, SCHEMA), report
    assert report["counts"]["due_at_cutoff"] == 1
    assert [item["label"] for item in report["due_at_cutoff"]] == ["om under 1 min"]
    assert report["on_watch"] == {
        "working_day": True,
        "count": 1,
        "covering": False,
        "warning": None,
    }
    late = status(capsys, monkeypatch, "2026-11-23T12:00:01", "--db", one_case, "--json")
    assert late.code == 1, late.err
    report = json.loads(late.out)
    assert report["counts"]["overdue"] == 1
    assert [item["deadline"] for item in report["overdue"]] == ["2026-11-23T12:00:00+01:00"]


def test_no_name_or_personnummer_unless_details(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, one_case: str
) -> None:
    for args in (("--json",), ()):
        plain = status(capsys, monkeypatch, "2026-11-23T10:30", "--db", one_case, *args)
        assert "Elsa" not in plain.out
        assert "1945" not in plain.out
        assert "Karin" not in plain.out
    detailed = status(
        capsys, monkeypatch, "2026-11-23T10:30", "--db", one_case, "--json", "--details"
    )
    item = json.loads(detailed.out)["due_at_cutoff"][0]
    assert (item["individual"], item["personnummer"]) == ("Elsa Andersson", "194506121237")
    assert json.loads(detailed.out)["on_watch"]["people"] == [
        {"login": KARIN.user, "name": KARIN.name}
    ]


def test_unknown_unit_and_store_down_are_exit_2_with_one_line(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, one_case: str
) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    result = sip_tui(capsys, "status", "--unit", "nope", "--db", one_case, "--json")
    assert_one_line_error(result, "unknown unit 'nope'")
    down = "postgresql://nobody@127.0.0.1:1/sip"
    assert_one_line_error(sip_tui(capsys, "status", "--unit", HSV, "--db", down, "--json"))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(tmp_path_factory.mktemp("status") / "demo.db")


@pytest.mark.parametrize("unit", [HSV, "alidhems-hc", "psyk-opv-umea"])
def test_the_overdue_cases_are_the_overviews_overdue_rows(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, demo_url: str, unit: str
) -> None:
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    result = sip_tui(capsys, "status", "--unit", unit, "--db", demo_url, "--json")
    report = json.loads(result.out)
    assert conforms(report, SCHEMA)

    now = parse_moment(NOW)
    engine = make_engine(demo_url)
    store = Store(engine, Clock.frozen(now), WorkCalendar())
    cutoff = store.calendar.next_cutoff(now)
    rows = store.overview_for(unit)
    first = [r for r in rows if urgency(r.next_deadline, r.statuses, now, cutoff)[0] == 0]
    engine.dispose()

    assert first, "the demo world has overdue work on this unit"
    assert {item["case_id"] for item in report["overdue"]} == {r.case_id for r in first}
    assert all(deadline_label(r.next_deadline, now).startswith("försenad") for r in first)
    assert result.code == 1


@pytest.mark.parametrize(
    "command",
    [
        ["status", "--unit", HSV],
        ["roster", "--unit", HSV],
        ["notify"],
        ["deviations", "--unit", HSV, "--from", "2026-11-01", "--to", "2026-11-30"],
    ],
)
def test_a_missing_database_file_is_one_line_and_is_not_created(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: list[str]
) -> None:
    """A watch command pointed at no database (a typo in --db, a script before the first
    `db upgrade`) says so and leaves no empty file behind for the app to meet later."""
    monkeypatch.setenv("SIP_TUI_NOW", NOW)
    missing = tmp_path / "sub" / "nothing.db"
    result = sip_tui(capsys, *command, "--db", f"sqlite:///{missing}")
    assert_one_line_error(result, "no sip-tui database")
    assert not missing.exists()
