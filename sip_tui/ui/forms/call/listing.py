"""What the Kallelse form shows and reads besides its fields: the case's calls as plain
text (user-typed values never as markup), the state line, and the meeting date and time
parsed from what was typed. The recipients a new call proposes are the domain's
(``calls.proposed_recipients``)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from rich.text import Text

from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.model import Answer, Call, CallKind, Case
from sip_tui.domain.texts import deadline_moment, short_moment
from sip_tui.ui.widgets.literal import visible

ANSWERS = {
    Answer.PENDING: "väntar på svar",
    Answer.ACCEPTED: "accepterat",
    Answer.DECLINED: "nekat",
    Answer.FORWARDED: "vidarebefordrat",
}
DATE_FORMAT = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME_FORMAT = re.compile(r"(\d{1,2})[:.](\d{2})")


def call_heading(call: Call) -> Text:
    """A call's first line: kind, cycle and, when voided, when, by whom and why."""
    text = Text()
    text.append(f"Kallelse till {call.kind.label}", style="bold")
    text.append(f" (plan {call.cycle})")
    if call.voided is not None:
        text.append(" MAKULERAD", style="bold red")
    return text


def call_details(case: Case, call: Call) -> Text:
    """The meeting, who was called and what each answered."""
    text = Text()
    if call.voided is not None:
        who = visible(case.user_name(call.voided.user))
        text.append(f"Makulerad {short_moment(call.voided.at)} av {who}: ")
        text.append(visible(call.voided.reason))
        text.append("\n")
    text.append(f"{short_moment(call.meeting_at)} · ")
    text.append(visible(call.meeting_form))
    text.append(" · ")
    text.append(visible(call.place))
    text.append(
        f"\nSkickad {short_moment(call.sent_at)} av {visible(case.user_name(call.sent_by))}"
    )
    for recipient in call.recipients.values():
        text.append("\n")
        text.append(visible(case.unit_name(recipient.unit)))
        must = "måste kvittera" if recipient.must_acknowledge else "för kännedom"
        text.append(f": {must}, ")
        text.append(ANSWERS[recipient.state], style="bold")
        if recipient.answered_at is not None:
            text.append(f" {short_moment(recipient.answered_at)}")
        if recipient.comment:
            text.append(" – ")
            text.append(visible(recipient.comment))
    if call.others:
        text.append("\nÖvrigt: ")
        text.append(visible(call.others))
    return text


def calls_newest_first(case: Case) -> list[Call]:
    return sorted(case.calls, key=lambda call: call.number, reverse=True)


def discharge_line(case: Case, calendar: WorkCalendar) -> str:
    """Utskrivningsklar and, while the planning call is not sent, when it must go out."""
    ready = case.discharge_ready_at
    if ready is None:
        return ""
    line = f"Utskrivningsklar {short_moment(ready)}"
    if case.cycle == 1 and not case.active_calls(CallKind.PLANNING, 1):
        deadline = calendar.discharge_call_deadline(ready)
        line += f"; kallelsen ska skickas senast {deadline_moment(deadline)}"
    return line + "."


def parse_date(text: str) -> date:
    """``2026-11-30``; a ValueError with a Swedish message otherwise."""
    value = text.strip()
    if not value:
        raise ValueError("Ange datum för mötet (ÅÅÅÅ-MM-DD).")
    if not DATE_FORMAT.fullmatch(value):
        raise ValueError("Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-11-30.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"Datumet {value} finns inte.") from None


def parse_time(text: str) -> time:
    """``10:00`` (or ``10.00``); a ValueError with a Swedish message otherwise."""
    value = text.strip()
    if not value:
        raise ValueError("Ange tid för mötet (TT:MM).")
    match = TIME_FORMAT.fullmatch(value)
    if match is None:
        raise ValueError("Skriv tiden som TT:MM, t.ex. 13:30.")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"Klockslaget {value} finns inte.")
    return time(hour, minute)


def meeting_moment(day: date, at: time) -> datetime:
    """The meeting as a Stockholm moment."""
    return to_stockholm(datetime.combine(day, at))
