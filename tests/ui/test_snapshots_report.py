"""How the report screen looks at 80×24, with its chart per week, in colour and without
(SVG snapshots, each looked at before it was accepted)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.domain.world import HSV
from tests.ui.conftest import make_app
from tests.ui.helpers import loaded, until
from tests.ui.report_app import report_store


async def _open_report(pilot: Pilot[None]) -> None:
    await loaded(pilot)
    await pilot.press("R")
    await until(pilot, lambda: getattr(pilot.app.screen, "report", None) is not None)
    await pilot.pause()


@pytest.mark.parametrize("colour", [True, False], ids=["colour", "no-colour"])
def test_report_screen(  # type: ignore[no-untyped-def]
    snap_compare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: bool
) -> None:
    if not colour:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(report_store(tmp_path), unit=HSV)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open_report)
