"""A small demo database for the watch commands' tests (built once per test session)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from sip_tui.cli import main
from sip_tui.demo.build import build_demo
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import parse_moment
from sip_tui.store.engine import make_engine
from sip_tui.store.schema import upgrade

#: Monday 23 November 2026, 10:30: before the cut-off, with work open and some overdue.
NOW = "2026-11-23T10:30"
HSV = "umea-hsv-centrum"


def build(path: Path) -> str:
    url = f"sqlite:///{path}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    build_demo(
        engine,
        login="tester",
        login_name="Tea Testare",
        cases=120,
        seed=3,
        now=parse_moment(NOW),
        calendar=WorkCalendar(),
    )
    engine.dispose()
    return url


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def sip_tui(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """``sip-tui ARGS`` in this process through main(), as the console script runs it."""
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return Result(0 if code is None else int(code), captured.out, captured.err)


def assert_one_line_error(result: Result, *fragments: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.count("\n") == 1, result.err
    assert result.err.startswith("sip-tui: ")
    for fragment in fragments:
        assert fragment in result.err
