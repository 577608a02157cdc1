"""The app as a user sees it: the cut-off countdown in the status bar."""

from __future__ import annotations

from datetime import datetime, timedelta

from sip_tui.app import SipApp
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import STOCKHOLM, Clock
from sip_tui.widgets.cutoff_bar import CutoffBar


class MovableClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.moment = start

    def __call__(self) -> datetime:
        return self.moment


async def test_status_bar_counts_down_to_the_cut_off() -> None:
    source = MovableClock(datetime(2026, 11, 23, 8, 5, tzinfo=STOCKHOLM))
    app = SipApp(clock=Clock(source), calendar=WorkCalendar())
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.query_one(CutoffBar)
        assert str(bar.render()) == "Brytpunkt 12:00 — 3 h 55 min kvar"
        source.moment += timedelta(hours=3, minutes=50)
        bar.tick()
        await pilot.pause()
        assert str(bar.render()) == "Brytpunkt 12:00 — 5 min 00 s kvar"


async def test_status_bar_names_a_holiday() -> None:
    clock = Clock.frozen(datetime(2026, 12, 24, 9, 0, tzinfo=STOCKHOLM))
    app = SipApp(clock=clock, calendar=WorkCalendar())
    async with app.run_test(size=(80, 24)):
        text = str(app.query_one(CutoffBar).render())
        assert text.startswith("Julafton · nästa brytpunkt mån 28/12 12:00")
