"""Without colour and in 16 colours, what matters stays the most visible: ours ("●") and
"försenad" are bold and reverse without colour, red is the terminal's red in 16 colours,
focus shows without colour; the overview's "Senast" column shows every label whole. The
tests read the segments Textual renders (after its NO_COLOR / ANSI filters)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from rich.color import ColorSystem, ColorType
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable, Input

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.explain import deadline_label
from sip_tui.store.service.api import Store
from sip_tui.ui.app import SipApp
from sip_tui.ui.colors import ColorMode, color_mode, prepare
from sip_tui.ui.forms.initiative.form import InitiativeForm
from tests.domain.world import AHMED
from tests.ui.conftest import LOGIN, NOW
from tests.ui.helpers import loaded, until

HSV = "umea-hsv-centrum"  # has overdue tasks in the demo


def app(store: Store, colors: ColorMode = "full", unit: str = HSV) -> SipApp:
    return SipApp(
        store, LOGIN, "Tea Testare", store.memberships(LOGIN), unit=unit, bell=False, colors=colors
    )


def segments(widget: Widget) -> Iterator[Segment]:
    """What the widget puts on screen, as Textual renders it (its filters applied)."""
    for strip in widget.render_lines(Region(0, 0, widget.size.width, widget.size.height)):
        yield from strip


def style_of(widget: Widget, text: str) -> Style:
    styles = [s.style for s in segments(widget) if text in s.text and s.style is not None]
    assert styles, f"{text!r} is not on screen"
    return styles[0]


# --- how the mode is chosen -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "environ", "mode"),
    [
        ("auto", {"NO_COLOR": "1", "TERM": "xterm-256color"}, "none"),
        ("auto", {"NO_COLOR": "", "TERM": "xterm-256color"}, "none"),  # set at all, as Textual
        ("auto", {"TERM": "dumb"}, "none"),
        ("auto", {"TERM": "xterm"}, "16"),
        ("auto", {"TERM": "linux"}, "16"),
        ("auto", {"TERM": "xterm-256color"}, "full"),
        ("auto", {"TERM": "xterm", "COLORTERM": "truecolor"}, "full"),
        ("auto", {"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, "16"),
        ("16", {"TERM": "xterm-256color"}, "16"),
        ("none", {"TERM": "xterm-256color"}, "none"),
    ],
)
def test_the_mode_follows_the_setting_then_no_color_then_the_terminal(
    setting: str, environ: dict[str, str], mode: ColorMode
) -> None:
    assert color_mode(setting, environ) == mode  # type: ignore[arg-type]


def test_sixteen_colours_make_textual_render_with_the_standard_colours() -> None:
    environ: dict[str, str] = {}
    prepare("16", environ)
    assert environ == {"TEXTUAL_COLOR_SYSTEM": "standard"}
    asked = {"TEXTUAL_COLOR_SYSTEM": "256"}
    prepare("16", asked)
    assert asked == {"TEXTUAL_COLOR_SYSTEM": "256"}  # the user's own choice stays
    untouched: dict[str, str] = {}
    prepare("full", untouched)
    assert untouched == {}


# --- without colour ---------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["NO_COLOR", "setting"])
async def test_ours_and_overdue_are_bold_and_reverse_without_colour(
    store: Store, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    if how == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    sip = app(store, colors="full" if how == "NO_COLOR" else "none")
    async with sip.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        assert sip.no_color
        table = screen.query_one(DataTable)
        table.blur()  # the cursor's own style aside
        await pilot.pause()
        for text in ("●", "försenad"):
            style = style_of(table, text)
            assert (style.bold, style.reverse) == (True, True), text
        assert not style_of(table, "◌").reverse  # theirs: bold only
        assert style_of(table, "◌").bold
        # the grey ones are the dimmest (Textual renders dim as a darker grey)
        dot, done = style_of(table, "·").color, style_of(table, "✓").color
        assert dot is not None
        assert done is not None
        assert dot.triplet
        assert done.triplet
        assert dot.triplet.red < done.triplet.red
    if how == "setting":
        assert "NO_COLOR" not in os.environ  # set only while Textual started


async def test_with_colour_ours_is_red_not_reverse(store: Store) -> None:
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        table = screen.query_one(DataTable)
        table.blur()
        await pilot.pause()
        style = style_of(table, "●")
        assert style.bold
        assert not style.reverse
        assert style.color is not None
        assert style.color.triplet is not None
        assert style.color.triplet.red > 200 > style.color.triplet.green


def _attributes(style: Style | None) -> tuple[bool, ...]:
    style = style or Style()
    return (bool(style.bold), bool(style.reverse), bool(style.underline))


async def test_a_focused_field_looks_different_without_colour(world: Store) -> None:
    """The new-case form's one-line fields: the focused one has a bar before it and bold
    text, not only the blinking cursor; the overview's search field a heavy border."""
    sip = SipApp(
        world,
        AHMED.user,
        AHMED.name,
        world.memberships(AHMED.user),
        unit=AHMED.unit,
        bell=False,
        colors="none",
    )
    async with sip.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        search = pilot.app.screen.query_one("#search", Input)
        await until(pilot, lambda: search.has_focus)
        await pilot.pause()
        assert "┏" in "".join(s.text for s in segments(search))  # heavy: focused
        await pilot.press("escape", "n")
        await until(pilot, lambda: isinstance(pilot.app.screen, InitiativeForm))
        form = pilot.app.screen
        name = form.query_one("#name", Input)
        pnr = form.query_one("#personnummer", Input)
        name.focus()
        await pilot.pause()
        await pilot.press(*"Elsa")
        pnr.value = "Elsa"  # the same text in both: only focus differs
        await pilot.pause()
        focused = {_attributes(s.style) for s in segments(name) if s.text.strip() == "Elsa"}
        blurred = {_attributes(s.style) for s in segments(pnr) if s.text.strip() == "Elsa"}
        assert focused == {(True, False, False)}  # bold
        assert blurred == {(False, False, False)}
        assert "".join(s.text for s in segments(name)).startswith("▌")
        assert "".join(s.text for s in segments(pnr)).startswith(" ")  # the bar's column


async def test_the_table_cursor_is_marked_by_style_without_colour(store: Store) -> None:
    async with app(store, colors="none").run_test(size=(80, 24)) as pilot:
        overview = await loaded(pilot)
        await pilot.pause()
        table = overview.query_one(DataTable)
        pnr = overview.visible_rows()[0].personnummer
        cursor = [s for s in segments(table) if s.style and s.style.underline]
        assert [s.text.strip() for s in cursor] == [f"{pnr[:8]}-{pnr[8:]}"[2:]]  # only it
        assert cursor[0].style is not None
        assert (cursor[0].style.bold, cursor[0].style.reverse) == (True, True)
        table.blur()
        await pilot.pause()
        assert not [s for s in segments(table) if s.style and s.style.underline]


# --- 16 colours -------------------------------------------------------------------------------


async def test_red_is_the_terminals_red_in_16_colours(store: Store) -> None:
    async with app(store, colors="16").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        table = screen.query_one(DataTable)
        table.blur()
        await pilot.pause()
        for text in ("●", "försenad"):
            color = style_of(table, text).color
            assert color is not None
            assert (color.type, color.number) == (ColorType.STANDARD, 1), text  # ANSI red
        blue = style_of(table, "◌").color
        assert blue is not None
        assert (blue.type, blue.number) == (ColorType.STANDARD, 4)


async def test_in_the_full_theme_a_16_colour_terminal_would_show_red_as_magenta(
    store: Store,
) -> None:
    """Why 16 colours have their own theme: the full theme turns ANSI red into RGB, whose
    nearest standard colour is magenta (5)."""
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        table = screen.query_one(DataTable)
        table.blur()
        await pilot.pause()
        color = style_of(table, "●").color
        assert color is not None
        assert color.downgrade(ColorSystem.STANDARD).number == 5


# --- the "Senast" column ----------------------------------------------------------------------


async def test_senast_shows_every_label_whole_at_80_columns(engine) -> None:  # type: ignore[no-untyped-def]
    later = NOW + timedelta(days=17, hours=3)  # three weeks overdue: "försenad 20 d 23 h"
    store = Store(engine, Clock.frozen(later), WorkCalendar())
    async with app(store).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.pause()
        table = screen.query_one(DataTable)
        lines = [
            "".join(s.text for s in strip)
            for strip in table.render_lines(Region(0, 0, table.size.width, table.size.height))
        ]
        labels = [deadline_label(row.next_deadline, later) for row in screen.visible_rows()]
        shown = labels[: table.size.height - 1]  # the rows on screen, under the header
        assert any(len(label) >= 18 for label in shown), shown
        for line, label in zip(lines[1:], shown, strict=False):
            assert line.rstrip().endswith(label), (line, label)
