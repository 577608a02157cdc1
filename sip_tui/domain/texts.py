"""Swedish renderings of moments and durations, shared by messages and screens."""

from __future__ import annotations

from datetime import datetime, timedelta

from sip_tui.domain.calendar import is_whole_day
from sip_tui.domain.clock import to_stockholm

WEEKDAYS_SHORT = ("mån", "tis", "ons", "tor", "fre", "lör", "sön")
MONTHS_SHORT = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def short_moment(moment: datetime) -> str:
    """``fre 20 nov 09:12`` in Stockholm time."""
    local = to_stockholm(moment)
    return (
        f"{WEEKDAYS_SHORT[local.weekday()]} {local.day} {MONTHS_SHORT[local.month - 1]} "
        f"{local:%H:%M}"
    )


def duration(span: timedelta) -> str:
    """``2 d 3 h``, ``1 h 12 min``, ``7 min``, ``under 1 min`` (absolute value)."""
    seconds = abs(int(span.total_seconds()))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min"
    return "under 1 min"


def deadline_moment(deadline: datetime) -> str:
    """``mån 23 nov 12:00`` for a cut-off; ``tis 24 nov`` for a whole working day (the
    documentation and locking deadlines have no hour)."""
    local = to_stockholm(deadline)
    day = f"{WEEKDAYS_SHORT[local.weekday()]} {local.day} {MONTHS_SHORT[local.month - 1]}"
    return day if is_whole_day(local) else f"{day} {local:%H:%M}"
