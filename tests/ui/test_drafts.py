"""Nothing typed is lost (issue 13, point 1): what the store could not take is kept as a
local draft from the moment it failed — the form keeps its text and says so — survives a
new app, and is offered and sent when the store is back; the domain checks it anew."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from sqlalchemy import event
from textual.widgets import Static

from sip_tui.domain.commands import AcceptCall, SaveMapping
from sip_tui.domain.documents import MappingText
from sip_tui.local import drafts
from sip_tui.local.owner import Owner
from sip_tui.store.errors import DatabaseUnreachable, StoreError
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.simple import CarefulConfirmScreen, TextScreen
from sip_tui.ui.drafts.screen import DraftListScreen
from sip_tui.ui.runtime.drafting import local_key
from sip_tui.ui.runtime.messages import StoreBack
from tests.acting import as_user
from tests.domain.world import AHMED, HC
from tests.ui.cases import accepted_case
from tests.ui.conftest import NOW
from tests.ui.forms import app_as, open_case, open_part, problem
from tests.ui.helpers import loaded, until

TROUBLES = {
    "unreachable": DatabaseUnreachable("could not connect to the server (simulated)"),
    "disk full": StoreError("the SQLite file sip.db is full: database or disk is full"),
}


def ahmeds(store: Store) -> Owner:
    return Owner(local_key(store), AHMED.user, HC)


def raising(trouble: StoreError) -> Callable[..., object]:
    def execute(*args: object, **kwargs: object) -> object:
        raise trouble

    return execute


def situation(store: Store, case_id: int) -> str:
    mapping = store.open_case(as_user(AHMED.user, HC), case_id).mapping
    return mapping.situation if mapping is not None else ""


def line(screen: object) -> str:
    return str(screen.query_one("#drafts-line", Static).render())  # type: ignore[attr-defined]


@pytest.mark.parametrize("trouble", list(TROUBLES), ids=list(TROUBLES))
async def test_a_draft_survives_a_new_app_and_is_saved_when_the_store_is_back(
    world: Store, monkeypatch: pytest.MonkeyPatch, trouble: str
) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        with monkeypatch.context() as down:
            down.setattr(world, "execute", raising(TROUBLES[trouble]))
            await pilot.press(*"Elsa ska skrivas ut", "f2")
            await until(pilot, lambda: "sparat som utkast på den här datorn" in problem(form))
        assert form.query_one("#situation").text == "Elsa ska skrivas ut"  # type: ignore[attr-defined]
        # In the local file from this moment: a crash now would not lose it.
        (draft,) = drafts.drafts(ahmeds(world))
        assert draft.summary == "Spara kartläggningen: Elsa ska skrivas ut"
        await pilot.press("escape")  # no "lose what you typed?": the draft holds it all
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    # The store is back; a new sip-tui starts.
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        await until(pilot, lambda: overview.drafts_line.count == 1)
        assert line(overview).startswith("1 osparat utkast – s visar dem")
        await pilot.press("s")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, DraftListScreen) and bool(pilot.app.screen.found),
        )
        listing = pilot.app.screen
        assert "Kartläggning · ärende" in str(
            listing.query_one("#drafts").get_option_at_index(0).prompt
        )  # type: ignore[attr-defined]
        await pilot.press("enter")
        await until(pilot, lambda: situation(world, case_id) == "Elsa ska skrivas ut")
        await until(pilot, lambda: drafts.count(ahmeds(world)) == 0)
        await until(pilot, lambda: not listing.found)  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, lambda: overview.drafts_line.count == 0)
        assert not overview.drafts_line.has_class("shown")


async def test_the_form_saved_again_once_the_store_is_back_settles_its_draft(
    world: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        with monkeypatch.context() as down:
            down.setattr(world, "execute", raising(TROUBLES["unreachable"]))
            await pilot.press(*"Elsa", "f2")
            await until(pilot, lambda: "sparat som utkast" in problem(form))
            await pilot.press(*" ska hem", "f2")  # still down: the draft holds the newer text
            await until(
                pilot, lambda: drafts.drafts(ahmeds(world))[0].summary.endswith("Elsa ska hem")
            )
            assert drafts.count(ahmeds(world)) == 1
        await pilot.press("f2")
        await until(pilot, lambda: situation(world, case_id) == "Elsa ska hem")
        await until(pilot, lambda: drafts.count(ahmeds(world)) == 0)


async def test_a_draft_the_domain_now_refuses_is_kept_shown_and_can_be_thrown_away(
    world: Store,
) -> None:
    case_id = accepted_case(world)
    # Kept during an outage, against version 7 of a mapping that now is at version 1.
    stale = SaveMapping(case_id, MappingText(situation="Min text om Elsa"), 7)
    drafts.keep(ahmeds(world), (stale,), NOW)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        await until(pilot, lambda: overview.drafts_line.count == 1)
        await pilot.press("s")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, DraftListScreen) and bool(pilot.app.screen.found),
        )
        listing = pilot.app.screen
        assert isinstance(listing, DraftListScreen)
        await pilot.press("enter")
        shown = listing.query_one("#drafts-problem", Static)
        await until(pilot, lambda: shown.has_class("shown"))
        assert "Utkastet finns kvar" in str(shown.render())
        assert drafts.count(ahmeds(world)) == 1
        await pilot.press("v")  # what it holds, to type it again
        await until(pilot, lambda: isinstance(pilot.app.screen, TextScreen))
        assert "Situation: Min text om Elsa" in str(pilot.app.screen.query_one("#body").render())
        await pilot.press("escape", "x")
        await until(pilot, lambda: isinstance(pilot.app.screen, CarefulConfirmScreen))
        await pilot.press("enter")  # Enter keeps it: only j throws it away
        await until(pilot, lambda: pilot.app.screen is listing)
        assert drafts.count(ahmeds(world)) == 1
        await pilot.press("x", "j")
        await until(pilot, lambda: drafts.count(ahmeds(world)) == 0)
        await until(pilot, lambda: not listing.found)
    assert situation(world, case_id) == ""


async def test_drafts_are_offered_when_the_store_comes_back(world: Store) -> None:
    case_id = accepted_case(world)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        assert overview.check_action("drafts", ()) is False  # s does nothing without drafts
        drafts.keep(ahmeds(world), (AcceptCall(case_id, 1, "Passar bra"),), NOW)
        overview.post_message(StoreBack())  # as the app does when the store answers again
        told = lambda: [n.message for n in pilot.app._notifications if n.title == "Utkast"]  # noqa: E731
        await until(pilot, told)
        assert told() == [
            "Databasen går att nå igen. Du har 1 osparat utkast: tryck s för att spara dem."
        ]
        assert overview.drafts_line.has_class("shown")
        assert overview.check_action("drafts", ()) is True


async def test_a_store_on_a_full_disk_keeps_the_draft(world: Store) -> None:
    """A real SQLite store that cannot grow (``PRAGMA max_page_count``)."""
    case_id = accepted_case(world)

    @event.listens_for(world.engine, "connect")
    def no_room(connection: sqlite3.Connection, record: object) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        form = await open_part(pilot, Part.MAPPING)
        world.engine.dispose()  # every connection from now on has no room to grow
        await pilot.press(*"Elsa ska skrivas ut. ")
        # A long text: the write needs new pages.
        form.query_one("#situation").text = "Elsa ska skrivas ut. " * 200  # type: ignore[attr-defined]
        await pilot.press("f2")
        await until(pilot, lambda: "sparat som utkast" in problem(form))
    (draft,) = drafts.drafts(ahmeds(world))
    assert draft.summary.startswith("Spara kartläggningen: Elsa ska skrivas ut.")
