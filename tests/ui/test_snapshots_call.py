"""How the Kallelse form and the Makulera dialog look at 80×24 (SVG snapshots, each one
looked at before it was accepted)."""

from __future__ import annotations

from textual.pilot import Pilot

from sip_tui.domain.commands import AcceptCall, SendMessage, VoidCall
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.dialogs.void import VoidChoice
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN
from tests.ui.cases import accepted_case, send_planning_call
from tests.ui.forms import app_as, open_case, open_part
from tests.ui.helpers import until


class TestCallForm:
    def test_filled_in(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = accepted_case(world)

        async def fill_in(pilot: Pilot[None]) -> None:
            await open_case(pilot, case_id)
            form = await open_part(pilot, Part.CALL)
            await pilot.press("tab", *"Ålidhems HC, rum 3", "tab", *"2026-11-30", "tab", *"10:00")
            form.query_one("#must-0").focus()
            await pilot.press("space")  # Bistånd: for information only
            await pilot.pause()

        app = app_as(world, AHMED)
        assert snap_compare(app, terminal_size=(80, 24), run_before=fill_in)

    def test_sent_and_voided(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = accepted_case(world)
        number = send_planning_call(world, case_id)
        world.execute(as_user(KARIN.user, HSV), AcceptCall(case_id, number, "Vi kommer två"))
        world.execute(as_user(AHMED.user, HC), VoidCall(case_id, number, "Lokalen var upptagen"))

        async def look(pilot: Pilot[None]) -> None:
            await open_case(pilot, case_id)
            form = await open_part(pilot, Part.CALL)
            form.query_one("#form-body").scroll_end(animate=False)  # down to the calls
            await pilot.pause()

        app = app_as(world, AHMED)
        assert snap_compare(app, terminal_size=(80, 24), run_before=look)


class TestVoid:
    def test_choice(self, snap_compare, world: Store) -> None:  # type: ignore[no-untyped-def]
        case_id = accepted_case(world)
        send_planning_call(world, case_id)
        world.execute(
            as_user(KARIN.user, HSV),
            SendMessage(case_id, text="Ring mig om tiden", recipients=[HC]),
        )

        async def choose(pilot: Pilot[None]) -> None:
            await open_case(pilot, case_id)
            await pilot.press("x")
            await until(pilot, lambda: isinstance(pilot.app.screen, VoidChoice))
            await pilot.press("down")
            await pilot.pause()

        app = app_as(world, AHMED)
        assert snap_compare(app, terminal_size=(80, 24), run_before=choose)
