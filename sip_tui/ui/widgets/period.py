"""A period typed in two fields, ``#first`` and ``#last`` (ÅÅÅÅ-MM-DD): read and checked the
same way on every screen that has one (deviations, the report, the log check)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.dom import DOMNode
from textual.widgets import Input


def typed_period(screen: DOMNode, say: Callable[[str], object]) -> tuple[date, date] | None:
    """The period in the screen's ``#first`` and ``#last`` fields; ``None`` after saying in
    Swedish what is wrong (a field that is no date, or the two in the wrong order) and
    putting the cursor in that field. What was typed stays."""
    period: list[date] = []
    for name in ("first", "last"):
        field = screen.query_one(f"#{name}", Input)
        typed = field.value.strip()
        try:
            period.append(date.fromisoformat(typed))
        except ValueError:
            say(f"{typed!r} är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-01.")
            field.focus()
            return None
    first, last = period
    if last < first:
        say("Till-datumet är före från-datumet; ange perioden i rätt ordning.")
        screen.query_one("#last", Input).focus()
        return None
    return first, last
