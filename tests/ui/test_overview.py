"""The overview as a user drives it: keys in, what the screen shows out."""

from __future__ import annotations

from datetime import date

import pytest
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import CreateCase, SendInitiative
from sip_tui.domain.explain import explain, urgency
from sip_tui.domain.model import Consent, ConsentBy, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.dialogs.simple import TextScreen
from sip_tui.ui.login import LoginScreen
from sip_tui.ui.overview.screen import OverviewScreen
from sip_tui.ui.widgets.status_bar import StatusBar
from tests.acting import as_user
from tests.ui.conftest import LOGIN, NOW, make_app
from tests.ui.helpers import loaded, until

HC, HSV = "alidhems-hc", "umea-hsv-centrum"


def overview(pilot: Pilot[None]) -> OverviewScreen:
    screen = pilot.app.screen
    assert isinstance(screen, OverviewScreen)
    return screen


def title(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#title", Static).render())


async def test_several_units_ask_which_and_the_choice_opens_its_overview(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, LoginScreen))
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Ålidhems HC — samordningsansvarig" in label for label in labels)
        index = next(i for i, label in enumerate(labels) if label.startswith("Hemsjukvården"))
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await loaded(pilot)
        assert "Hemsjukvården Umeå centrum" in title(pilot)


async def test_one_unit_goes_straight_to_the_overview(store: Store) -> None:
    async with make_app(store, only=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Hemsjukvården Umeå centrum" in title(pilot)


async def test_switching_unit(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(pilot.app.screen, LoginScreen))
        options = pilot.app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for _ in range(next(i for i, s in enumerate(labels) if s.startswith("Ålidhems"))):
            await pilot.press("down")
        await pilot.press("enter")
        await loaded(pilot)
        assert "Ålidhems HC" in title(pilot)


async def test_rows_are_sorted_by_urgency_and_only_ours_filters(store: Store) -> None:
    async with make_app(store, unit=HC).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        cutoff = WorkCalendar().next_cutoff(NOW)
        keys = [urgency(r.next_deadline, r.statuses, NOW, cutoff) for r in screen.visible_rows()]
        assert keys == sorted(keys)
        assert len({k[0] for k in keys}) >= 3  # several urgency groups, in order
        everything = screen.query_one(DataTable).row_count
        await pilot.press("o")
        shown = screen.visible_rows()
        assert 0 < len(shown) < everything
        assert all(Status.OURS in row.statuses.values() for row in shown)
        assert "bara våra" in title(pilot)


async def test_search_by_name_or_personnummer(store: Store) -> None:
    async with make_app(store, unit=HC).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        target = screen.visible_rows()[3]
        await pilot.press("slash")
        await pilot.press(*target.personnummer[2:8])
        assert [row.case_id for row in screen.visible_rows()] == [target.case_id]
        await pilot.press("escape")
        first_name = target.individual_name.split()[0]
        await pilot.press("slash", *first_name)
        rows = screen.visible_rows()
        assert target.case_id in [row.case_id for row in rows]
        assert all(first_name.casefold() in row.individual_name.casefold() for row in rows)


async def test_explain_tells_why_a_cell_has_its_status(store: Store) -> None:
    async with make_app(store, unit=HC).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        row = screen.visible_rows()[0]
        phase = next(p for p, s in row.statuses.items() if s is Status.OURS)
        column = 3 + list(row.statuses).index(phase)
        screen.query_one(DataTable).cursor_coordinate = (0, column)  # type: ignore[assignment]
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        shown = str(pilot.app.screen.query_one("#body", Static).render())
        names = store.units()
        expected = explain(
            phase, Status.OURS, store.case_tasks(row.case_id), HC, lambda c: names[c].name, NOW
        )
        assert shown == expected
        assert "er enhet" in shown.casefold()


@pytest.mark.parametrize("status", list(Status))
async def test_explain_has_a_text_for_every_status(store: Store, status: Status) -> None:
    async with make_app(store, unit=HC).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        rows = screen.visible_rows()
        where = next(
            (i, list(r.statuses).index(p), r, p)
            for i, r in enumerate(rows)
            for p, s in r.statuses.items()
            if s is status
        )
        index, offset, row, phase = where
        screen.query_one(DataTable).cursor_coordinate = (index, 3 + offset)  # type: ignore[assignment]
        await pilot.press("e")
        await until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        shown = str(pilot.app.screen.query_one("#body", Static).render())
        names = store.units()
        assert shown == explain(
            phase, status, store.case_tasks(row.case_id), HC, lambda c: names[c].name, NOW
        )
        assert shown
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, OverviewScreen)


async def test_a_change_by_another_user_shows_up_by_itself(store: Store, engine) -> None:  # type: ignore[no-untyped-def]
    other = Store(engine, Clock.frozen(NOW), WorkCalendar())
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        before = {row.case_id for row in screen.loaded.rows}  # type: ignore[union-attr]
        case_id = other.execute(
            as_user("tester", HC),
            CreateCase(
                personnummer="19450612-1237",
                name="Ny Patient",
                reason="Behov",
                consent=Consent(True, ConsentBy.INDIVIDUAL, "Tea", date(2026, 11, 20)),
                recipients=[HSV],
            ),
        ).id
        other.execute(as_user("tester", HC), SendInitiative(case_id))
        await until(
            pilot,
            lambda: case_id in {r.case_id for r in screen.loaded.rows},  # type: ignore[union-attr]
            timeout=3.0,
        )
        assert case_id not in before
        new = next(r for r in screen.loaded.rows if r.case_id == case_id)  # type: ignore[union-attr]
        assert new.statuses[next(iter(new.statuses))] is Status.OURS
        # The notification is posted as a message: it arrives a moment after the row.
        await until(
            pilot,
            lambda: "Nytt att göra i 1 ärende(n)." in [n.message for n in pilot.app._notifications],
        )


async def test_typed_names_are_shown_literally(store: Store) -> None:
    tricky = "[bold]x[/] \x1b[31mröd"
    case_id = store.execute(
        as_user(LOGIN, HC),
        CreateCase(
            personnummer="19450612-1237",
            name=tricky,
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Tea", date(2026, 11, 20)),
            recipients=[HSV],
        ),
    ).id
    async with make_app(store, unit=HC).run_test(size=(120, 30)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one(DataTable)
        cell = table.get_cell(str(case_id), "name")
        assert isinstance(cell, Text)
        assert cell.plain.startswith("[bold]x[/] ␛[31m")
        assert not cell.spans  # no style came from the name


async def test_status_bar_counts_match_the_store(store: Store) -> None:
    async with make_app(store, unit=HC).run_test(size=(160, 30)) as pilot:
        await loaded(pilot)
        bar = pilot.app.screen.query_one(StatusBar)
        due, today, overdue = store.deadline_counts(HC, NOW)
        text = bar.text()
        assert text.startswith("Brytpunkt 12:00 — 3 h 55 min kvar")
        assert f"{due} att göra före brytpunkt · {today} i dag · {overdue} försenade" in text
        assert "Tea Testare på Ålidhems HC" in text
        assert text.endswith("ansluten")
