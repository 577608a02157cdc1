"""Helpers for the form tests: run the app as one of the world's users, open a case and
one of its parts by keyboard, read what a form shows."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static

from sip_tui.domain.roles import Actor
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.case.parts import PARTS, Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.forms.base import Field, FormScreen
from sip_tui.ui.forms.initiative.form import InitiativeForm
from sip_tui.ui.forms.plan.dialogs import AddRowScreen
from sip_tui.ui.widgets.unit_picker import SuggestionList
from tests.ui.helpers import loaded, until


def app_as(store: Store, actor: Actor) -> SipApp:
    """The app as ``actor`` logged in on the actor's unit."""
    return SipApp(
        store, actor.user, actor.name, store.memberships(actor.user), unit=actor.unit, bell=False
    )


async def open_case(pilot: Pilot[None], case_id: int) -> CaseScreen:
    """From the overview, by keyboard: move to the case's row and press Enter."""
    screen = await loaded(pilot)
    await until(pilot, lambda: any(r.case_id == case_id for r in screen.visible_rows()))
    index = next(i for i, r in enumerate(screen.visible_rows()) if r.case_id == case_id)
    screen.query_one("DataTable").move_cursor(row=index, column=0)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.case is not None,
    )
    case_screen = pilot.app.screen
    assert isinstance(case_screen, CaseScreen)
    return case_screen


async def open_part(pilot: Pilot[None], part: Part) -> FormScreen:
    """On the case screen: move to the part's line and press Enter."""
    case_screen = pilot.app.screen
    assert isinstance(case_screen, CaseScreen)
    await until(pilot, lambda: case_screen.query_one("#parts", OptionList).option_count > 0)
    case_screen.query_one("#parts", OptionList).highlighted = list(PARTS).index(part)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    await pilot.pause()
    return form


def problem(form: FormScreen) -> str:
    """The form's top message ('' when none is shown)."""
    widget = form.query_one("#form-problem", Static)
    return str(widget.render()) if widget.has_class("shown") else ""


def field_error(form: FormScreen, name: str) -> str:
    """The Swedish message under the field ``name`` ('' when none)."""
    for each in form.query(Field):
        if each.field_name == name:
            return (
                str(each.query_one(".error", Static).render()) if each.has_class("-invalid") else ""
            )
    raise AssertionError(f"no field {name}")


def state(form: FormScreen) -> str:
    return str(form.query_one("#form-state", Static).render())


def footer_keys(pilot: Pilot[None]) -> set[str]:
    """The descriptions of the keys the footer shows now."""
    return {
        binding.description
        for (_, binding, enabled, _) in pilot.app.screen.active_bindings.values()
        if enabled and binding.show
    }


async def choose(pilot: Pilot[None], label: str) -> None:
    """In the focused Select: open it, arrow down to the option starting with ``label``."""
    select = pilot.app.focused
    assert isinstance(select, Select)
    await pilot.press("enter")
    overlay = select.query_one(OptionList)  # the SelectOverlay
    await until(pilot, lambda: pilot.app.focused is overlay)

    def highlighted() -> str:
        index = overlay.highlighted
        return str(overlay.get_option_at_index(index).prompt) if index is not None else ""

    for _ in range(overlay.option_count):
        if highlighted().startswith(label):
            break
        await pilot.press("down")
    assert highlighted().startswith(label)
    await pilot.press("enter")
    await until(pilot, lambda: pilot.app.focused is select)


async def focus(pilot: Pilot[None], form: InitiativeForm, widget_id: str) -> None:
    form.query_one(f"#{widget_id}").focus()
    await pilot.pause()


async def new_case_form(pilot: Pilot[None]) -> InitiativeForm:
    await loaded(pilot)
    await pilot.press("n")
    await until(pilot, lambda: isinstance(pilot.app.screen, InitiativeForm))
    form = pilot.app.screen
    assert isinstance(form, InitiativeForm)
    await pilot.pause()
    return form


async def pick(pilot: Pilot[None], form: InitiativeForm, search: str) -> None:
    """Search for a unit in the recipients picker and add the first suggestion."""
    form.query_one("#recipients").focus()
    await pilot.pause()
    await pilot.press(*search, "down")  # into the suggestions
    assert isinstance(pilot.app.focused, SuggestionList)
    await pilot.press("enter")


async def add_row(pilot: Pilot[None], key: str) -> None:
    """F5 Ny rad, then the row's key in the menu (m mål, a aktivitet, d deltagare, ö övrig)."""
    await pilot.press("f5")
    await until(pilot, lambda: isinstance(pilot.app.screen, AddRowScreen))
    await pilot.press(key)
    await until(pilot, lambda: not isinstance(pilot.app.screen, AddRowScreen))
    await pilot.pause()
