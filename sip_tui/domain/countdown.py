"""The status bar's words about the next 12:00 cut-off, as pure functions of the moment."""

from __future__ import annotations

from datetime import datetime, timedelta

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import elapsed, to_stockholm
from sip_tui.domain.texts import WEEKDAYS_SHORT, duration


def time_left(span_seconds: int) -> str:
    """``3 h 55 min``; under an hour the seconds tick too: ``14 min 05 s``."""
    if span_seconds < 3600:
        minutes, seconds = divmod(max(span_seconds, 0), 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
    return duration(timedelta(seconds=span_seconds))


def countdown_text(now: datetime, calendar: WorkCalendar, compact: bool = False) -> str:
    """``Brytpunkt 12:00 — 3 h 55 min kvar``; on a closed day it names the day first:
    ``Juldagen · nästa brytpunkt mån 28 dec 12:00 — 2 d 20 h kvar``. ``compact`` gives
    the short form of the latter two: ``Juldagen · brytpunkt mån 28/12 12:00 om 2 d 20 h``."""
    local = to_stockholm(now)
    cutoff = calendar.next_cutoff(local)
    left = time_left(int(elapsed(cutoff, local).total_seconds()))
    when = f"{calendar.cutoff:%H:%M}"
    if cutoff.date() != local.date():
        when = f"{WEEKDAYS_SHORT[cutoff.weekday()]} {cutoff.day}/{cutoff.month} {when}"
    closed = calendar.closed_reason(local.date())
    if compact and cutoff.date() != local.date():  # for 80 columns, with the counts after it
        prefix = f"{closed.capitalize()} · b" if closed is not None else "Nästa b"
        return f"{prefix}rytpunkt {when} om {left}"
    if closed is not None:
        return f"{closed.capitalize()} · nästa brytpunkt {when} — {left} kvar"
    if cutoff.date() != local.date():
        return f"Brytpunkten har passerat · nästa {when} — {left} kvar"
    return f"Brytpunkt {when} — {left} kvar"
