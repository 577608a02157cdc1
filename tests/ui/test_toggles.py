"""Ticked and unticked boxes differ in their mark, not only in colour (NO_COLOR users)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from sip_tui.ui.widgets.toggles import Choice, Tick


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Tick("Givet", False, id="tick")
        yield Choice("Den enskilde", False, id="choice")


async def test_the_mark_shows_only_when_ticked() -> None:
    async with Boxes().run_test() as pilot:
        tick = pilot.app.query_one(Tick)
        choice = pilot.app.query_one(Choice)
        assert str(tick.render()).startswith("▐ ▌")
        assert str(choice.render()).startswith("▐ ▌")
        tick.value = choice.value = True
        await pilot.pause()
        assert str(tick.render()).startswith("▐X▌")
        assert str(choice.render()).startswith("▐●▌")
