"""The case's history: every action leaves one line of who did what, when, on which unit."""

from __future__ import annotations

from datetime import datetime

from sip_tui.domain.model import Case, Event, Phase
from sip_tui.domain.roles import Actor


def record(
    case: Case, actor: Actor, at: datetime, action: str, phase: Phase | None, detail: str = ""
) -> None:
    case.history.append(Event(at, actor.user, actor.unit, action, phase, detail))
