"""The status bar's words on every kind of day (the clock frozen at each moment)."""

from __future__ import annotations

import pytest

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock, parse_moment
from sip_tui.ui.widgets.status_bar import Counts, StatusBar


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2026-11-23 08:05", "Brytpunkt 12:00 — 3 h 55 min kvar"),  # Monday morning
        ("2026-11-23 11:50:30", "Brytpunkt 12:00 — 9 min 30 s kvar"),  # the last hour ticks
        # "senast kl. 12.00" includes 12:00: the cut-off passes at 12:00:01
        ("2026-11-23 12:00", "Brytpunkt 12:00 — 0 s kvar"),
        (
            "2026-11-23 12:00:01",
            "Brytpunkten har passerat · nästa tis 24/11 12:00 — 23 h 59 min kvar",
        ),
        ("2026-11-21 10:00", "Lördag · nästa brytpunkt mån 23/11 12:00 — 2 d 2 h kvar"),
        ("2026-12-24 09:00", "Julafton · nästa brytpunkt mån 28/12 12:00 — 4 d 3 h kvar"),
        # The night the clocks go back (2026-10-25, a Sunday): 25 hours in that day.
        ("2026-10-24 12:00", "Lördag · nästa brytpunkt mån 26/10 12:00 — 2 d 1 h kvar"),
        # Spring forward (2026-03-29): Friday 12:30 to Monday 12:00 is an hour shorter.
        ("2026-03-27 12:30", "Brytpunkten har passerat · nästa mån 30/3 12:00 — 2 d 22 h kvar"),
    ],
)
def test_countdown_on_every_kind_of_day(moment: str, expected: str) -> None:
    bar = StatusBar(Clock.frozen(parse_moment(moment)), WorkCalendar(), who="Karin på HSV")
    bar.set_counts = lambda counts: None  # type: ignore[method-assign]  # not mounted
    assert bar.text().startswith(expected + " · ")


def test_counts_who_and_connection() -> None:
    bar = StatusBar(
        Clock.frozen(parse_moment("2026-11-23 08:05")),
        WorkCalendar(),
        who="Karin Lund på Hemsjukvården Umeå centrum",
    )
    bar.counts = Counts(due=9, overdue=4, today=2)
    assert bar.text() == (
        "Brytpunkt 12:00 — 3 h 55 min kvar · 9 att göra före brytpunkt · 2 i dag · "
        "4 försenade · Karin Lund på Hemsjukvården Umeå centrum · ansluten"
    )
    assert bar.text(78) == "Brytpunkt 12:00 — 3 h 55 min kvar · 9 före · 2 i dag · 4 försenade · ✓"
    bar.connected = False
    # Disconnected, FRÅNKOPPLAD comes first so that no width cuts it off; "i dag" goes
    # before anything else when the line is too long for an 80-column screen.
    assert bar.text(81) == (
        "FRÅNKOPPLAD · Brytpunkt 12:00 — 3 h 55 min kvar · 9 före · 2 i dag · 4 försenade"
    )
    assert bar.text(78) == "FRÅNKOPPLAD · Brytpunkt 12:00 — 3 h 55 min kvar · 9 före · 4 försenade"
    bar.counts = Counts(due=9, overdue=4)
    assert bar.text(60).startswith("FRÅNKOPPLAD · Brytpunkt 12:00 — 3 h 55 min kvar")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (
            "2026-11-22 07:00",
            "Söndag · brytpunkt mån 23/11 12:00 om 1 d 5 h · 14 före · 18 försenade · ✓",
        ),
        (
            "2026-11-23 13:00",
            "Nästa brytpunkt tis 24/11 12:00 om 23 h · 14 före · 2 i dag · 18 försenade · ✓",
        ),
        ("2026-11-23 08:05", "Brytpunkt 12:00 — 3 h 55 min kvar · 14 före · 18 försenade · ✓"),
    ],
)
def test_the_compact_form_fits_80_columns(moment: str, expected: str) -> None:
    bar = StatusBar(
        Clock.frozen(parse_moment(moment)),
        WorkCalendar(),
        who="Karin Lund på Hemsjukvården Umeå centrum",
    )
    bar.counts = Counts(due=14, overdue=18, today=2 if moment.endswith("13:00") else 0)
    assert bar.text(78) == expected
    assert len(expected) <= 78
