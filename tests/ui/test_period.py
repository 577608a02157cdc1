"""A typed period (the deviation list, the report, the log check share it): two dates in
order, or a Swedish message and the cursor in the field to mend; what was typed stays."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult
from textual.widgets import Input

from sip_tui.ui.widgets.period import typed_period


class Period(App[None]):
    def __init__(self, first: str, last: str) -> None:
        super().__init__()
        self.typed = (first, last)

    def compose(self) -> ComposeResult:
        yield Input(self.typed[0], id="first")
        yield Input(self.typed[1], id="last")


async def read(first: str, last: str) -> tuple[tuple[date, date] | None, list[str], str, str]:
    said: list[str] = []
    app = Period(first, last)
    async with app.run_test() as pilot:
        period = typed_period(app.screen, said.append)
        await pilot.pause()
        focused = app.focused.id if app.focused is not None else ""
        kept = app.query_one("#last", Input).value
    return period, said, focused or "", kept


async def test_two_dates_in_order_are_the_period() -> None:
    period, said, _, _ = await read("2026-11-01", "2026-11-30")
    assert period == (date(2026, 11, 1), date(2026, 11, 30))
    assert said == []


async def test_a_field_that_is_no_date_is_named_and_focused() -> None:
    period, said, focused, kept = await read("2026-11-01", "30 nov")
    assert period is None
    assert said == ["'30 nov' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-01."]
    assert (focused, kept) == ("last", "30 nov")


async def test_dates_in_the_wrong_order_are_refused() -> None:
    period, said, focused, _ = await read("2026-11-30", "2026-11-01")
    assert period is None
    assert said == ["Till-datumet är före från-datumet; ange perioden i rätt ordning."]
    assert focused == "last"
