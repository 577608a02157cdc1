"""Deviations in the UI: registered from the overview and from a case (the item prefilled),
the unit's list with proposals confirmed or dismissed (a reason required), and its CSV."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static, TextArea

from sip_tui.domain.deviations import DeviationStatus
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.deviations.listing import DeviationListScreen
from sip_tui.ui.deviations.register import RegisterDialog
from sip_tui.ui.dialogs.answer import AnswerDialog
from tests.acting import as_user
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import loaded, until
from tests.ui.watch import HSV, footer_fits, store_at

TUESDAY = "2026-11-24 09:00"  # Monday's 12:00 items are overdue: the register proposes them


def problem(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#problem", Static).render())


def register_of(store: Store) -> list:  # type: ignore[type-arg]
    return store.deviations(as_user(LOGIN, HSV))


async def test_registered_from_the_overview_about_the_case_under_the_cursor(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        case_id = overview.visible_rows()[0].case_id
        await pilot.press("d")
        await until(pilot, lambda: isinstance(pilot.app.screen, RegisterDialog))
        dialog = pilot.app.screen
        await footer_fits(pilot)
        assert dialog.query_one("#case", Input).value == str(case_id)
        assert dialog.query_one("#when", Input).value == "2026-11-23 08:05"
        await pilot.press("ctrl+s")  # nothing typed: the store's reason, in Swedish
        await until(pilot, lambda: "Beskriv vad som hände" in problem(pilot))
        await pilot.press(*"Kallelsen låg kvar")
        dialog.query_one("#when", Input).value = "2026-11-23 09:00"  # not yet
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "har inte varit än" in problem(pilot))
        assert dialog.query_one("#description", TextArea).text == "Kallelsen låg kvar"
        dialog.query_one("#when", Input).value = "2026-11-23 07:40"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: pilot.app.screen is overview)
    (found,) = [d for d in register_of(store) if d.reported_by == LOGIN]
    assert (found.case_id, found.description, found.item) == (case_id, "Kallelsen låg kvar", "")
    assert found.status is DeviationStatus.CONFIRMED


async def test_registered_from_a_case_with_its_task_prefilled(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        row = next(r for r in overview.visible_rows() if r.open_tasks)
        pilot.app.push_screen(CaseScreen(store, overview.session, row.case_id))
        await until(pilot, lambda: getattr(pilot.app.screen, "case", None) is not None)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(pilot.app.screen, RegisterDialog))
        dialog = pilot.app.screen
        item = dialog.query_one("#item", Select).value
        assert item != "-"
        await pilot.press(*"Ingen kvitterade i tid")
        await pilot.press("f2")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    (found,) = [d for d in register_of(store) if d.reported_by == LOGIN]
    assert found.case_id == row.case_id
    assert f"{found.item}|{found.item_ref or ''}" == item


async def open_list(pilot: Pilot[None]) -> DeviationListScreen:
    await loaded(pilot)
    await pilot.press("v")
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, DeviationListScreen) and bool(pilot.app.screen.found),
    )
    screen = pilot.app.screen
    assert isinstance(screen, DeviationListScreen)
    return screen


async def test_proposals_are_dismissed_with_a_reason_and_confirmed(store: Store) -> None:
    later = store_at(store.engine, TUESDAY)
    async with make_app(later, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot)
        proposed = [d for d in screen.found if d.status is DeviationStatus.PROPOSED]
        assert len(proposed) >= 2
        assert screen.query_one(DataTable).row_count == len(screen.found)
        first, second = screen.found[0], screen.found[1]
        assert {"b Bekräfta", "a Avfärda"} <= set(await footer_fits(pilot))
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press("enter")  # no reason: refused in the dialog
        await until(pilot, lambda: "Ange varför" in problem(pilot))
        await pilot.press(*"Kvitterat per telefon", "enter")
        await until(pilot, lambda: pilot.app.screen is screen)
        await until(pilot, lambda: screen.found[0].status is DeviationStatus.DISMISSED)
        await pilot.press("down", "b")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press("enter")  # the comment is optional
        await until(pilot, lambda: screen.found[1].status is DeviationStatus.CONFIRMED)
        # Only proposals can be decided: no Bekräfta on a confirmed one.
        await pilot.press("b")
        await pilot.pause()  # the key has been handled: no dialog came
        assert pilot.app.screen is screen
    stored = {d.id: d for d in register_of(later)}
    assert stored[first.id].status is DeviationStatus.DISMISSED
    assert stored[first.id].reason == "Kvitterat per telefon"
    assert stored[second.id].status is DeviationStatus.CONFIRMED


async def test_the_status_filter_and_the_csv_export(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path))
    later = store_at(store.engine, TUESDAY)
    async with make_app(later, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot)
        total = len(screen.found)
        screen.query_one("#status", Select).value = "confirmed"
        await until(pilot, lambda: not screen.found)
        assert "Inga avvikelser med den statusen" in problem(pilot)
        screen.query_one("#status", Select).value = "proposed"
        await until(pilot, lambda: len(screen.found) == total)
        screen.query_one(DataTable).focus()
        await pilot.press("x")
        await until(pilot, lambda: list(tmp_path.glob("*.csv")))
        (path,) = tmp_path.glob("*.csv")
        told = lambda: [n for n in pilot.app._notifications if str(path) in n.message]  # noqa: E731
        await until(pilot, told)
    assert path.name == "avvikelser-umea-hsv-centrum-2026-10-25--2026-11-24.csv"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = path.read_bytes().decode("utf-8-sig").splitlines()
    assert len(lines) == total + 1
    assert lines[0].startswith("id;occurred_at;status")
    # An export is a disclosure: logged, with the number of rows.
    (detail,) = exports(later, "export-deviations")
    assert detail.startswith(f"{total} rows")


def exports(store: Store, action: str) -> list[str]:
    """The access log's details of ``action`` (e.g. export-deviations)."""
    from sqlalchemy import select

    from sip_tui.store import models as t
    from sip_tui.store.models import table_of

    log = table_of(t.AccessLog)
    with store.engine.connect() as conn:
        return list(conn.execute(select(log.c.detail).where(log.c.action == action)).scalars())
