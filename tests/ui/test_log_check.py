"""Scenario 5: the unit manager's monthly spot check of the access log for two individuals
(issue 14, loggkontroll): opened from the overview with L, searched by personnummer, the
finding and follow-up recorded, both checks listed; a sample drawn; only the manager."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input

from sip_tui.domain.commands import CreateCase, SendInitiative
from sip_tui.domain.model import Consent, ConsentBy
from sip_tui.store.service.api import Store
from sip_tui.ui.audit.checks import SpotCheckListScreen
from sip_tui.ui.audit.screen import LogCheckScreen
from sip_tui.ui.dialogs.answer import AnswerDialog
from tests.acting import as_user
from tests.domain.world import AHMED, HSV, KARIN, MANAGER
from tests.ui.forms import app_as
from tests.ui.helpers import loaded, until
from tests.ui.watch import footer_fits

ELSA, TOLVAN = "194506121237", "191212121212"


def case_for(store: Store, personnummer: str, name: str) -> int:
    ahmed = as_user(AHMED.user, AHMED.unit)
    case = store.execute(
        ahmed,
        CreateCase(
            personnummer=personnummer,
            name=name,
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", date(2026, 11, 20)),
            recipients=[HSV],
        ),
    )
    store.execute(ahmed, SendInitiative(case.id))
    return case.id


def read_by_karin(world: Store) -> None:
    for personnummer, name in ((ELSA, "Elsa Andersson"), (TOLVAN, "Tolvan Tolvansson")):
        world.open_case(as_user(KARIN.user, HSV), case_for(world, personnummer, name))


async def test_the_manager_records_the_spot_check_of_two_individuals(world: Store) -> None:
    read_by_karin(world)
    async with app_as(world, MANAGER).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(pilot.app.screen, LogCheckScreen))
        screen = pilot.app.screen
        assert isinstance(screen, LogCheckScreen)
        await footer_fits(pilot)
        for number, finding in ((ELSA, "Läst av hemsjukvården i uppdraget"), (TOLVAN, "OK")):
            screen.query_one("#personnummer", Input).value = number
            screen.query_one("#personnummer", Input).focus()
            await pilot.press("enter")
            await until(
                pilot,
                lambda number=number: (
                    bool(screen.found) and all(e.personnummer == number for e in screen.found)
                ),
            )
            assert [(e.login, e.action) for e in screen.found] == [("karin", "read")]
            table = screen.query_one(DataTable)
            assert number in str(table.get_row_at(0))  # shown literally
            await pilot.press("n")
            await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
            await pilot.press(*finding, "enter")
            await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
            await pilot.press(*"Ingen", "enter")
            await until(pilot, lambda: pilot.app.screen is screen)
            await until(pilot, lambda finding=finding: finding in _findings(world))
        await pilot.press("t")
        await until(pilot, lambda: isinstance(pilot.app.screen, SpotCheckListScreen))
        listing = pilot.app.screen
        await until(pilot, lambda: listing.query_one(DataTable).row_count == 2)
        await footer_fits(pilot)
    checks = world.spot_checks(as_user(MANAGER.user, HSV))
    assert [(c.finding, c.follow_up, c.checked_by) for c in checks][::-1] == [
        ("Läst av hemsjukvården i uppdraget", "Ingen", MANAGER.user),
        ("OK", "Ingen", MANAGER.user),
    ]
    assert "personnummer 191212121212" in checks[0].criteria


async def test_a_sample_is_drawn_and_marked(world: Store) -> None:
    read_by_karin(world)
    async with app_as(world, MANAGER).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await until(pilot, lambda: isinstance(pilot.app.screen, LogCheckScreen))
        screen = pilot.app.screen
        assert isinstance(screen, LogCheckScreen)
        await pilot.press("s")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press("enter")  # 10, as proposed
        await until(pilot, lambda: screen.criteria.startswith("stickprov"))
        assert {(e.login, e.personnummer) for e in screen.found} == {
            ("karin", ELSA),
            ("karin", TOLVAN),
        }
        assert screen.marked == {e.id for e in screen.found}


async def test_only_the_manager_has_the_key(world: Store) -> None:
    async with app_as(world, KARIN).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, LogCheckScreen)


def _findings(world: Store) -> list[str]:
    return [c.finding for c in world.spot_checks(as_user(MANAGER.user, HSV))]
