"""Why a cell of the overview has its colour, and how urgent a row is, in plain Swedish.

``explain`` gives the text support staff read when a user asks "why is this red?": which
unit must do what, since when, from whom and by when. ``urgency`` is the overview's sort
key and ``deadline_label`` its last column. All three are pure functions of their
arguments (the time is passed in); the texts are plain text, shown literally.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from sip_tui.domain.calendar import closes_at, end_of_day, is_overdue, is_whole_day
from sip_tui.domain.clock import elapsed, to_stockholm
from sip_tui.domain.model import Phase, Status
from sip_tui.domain.status import Rule, Task, TaskKind
from sip_tui.domain.texts import (
    MONTHS_SHORT,
    WEEKDAYS_SHORT,
    deadline_moment,
    duration,
    short_moment,
)

#: Under this much time left the overview shows the deadline relative to now.
RELATIVE_WITHIN = timedelta(hours=3)
#: Further away than this the overview's deadline names the date, not only the weekday.
WEEKDAY_WITHIN = timedelta(days=6)
#: The longest deadline label (the overview's "Senast" column is this wide): "försenad 999 d
#: 23 h"; a deadline nearer than 1000 days never needs more.
LABEL_WIDTH = 19

#: The part of each column as the user creates it (the buttons' words).
PART_NAMES: Mapping[Phase, str] = {
    Phase.INI: "Initiativ",
    Phase.KAR: "Kartläggning",
    Phase.KAL: "Kallelse",
    Phase.SIP: "Plan",
    Phase.UPP: "Uppföljning",
    Phase.MED: "Informationsmeddelande",
}

_DONE: Mapping[Phase, str] = {
    Phase.INI: "initiativet är skickat och alla mottagare har svarat",
    Phase.KAR: "kartläggningen är låst",
    Phase.KAL: "kallelsen är skickad och alla som ska kvittera har svarat",
    Phase.SIP: "planen är låst",
    Phase.UPP: "utvärderingen är låst",
    Phase.MED: "alla informationsmeddelanden är lästa",
}

_NOT_YET: Mapping[Phase, str] = {
    Phase.KAR: "först när initiativet är skickat och accepterat, och bara tills planen är låst",
    Phase.KAL: "kallelser skickas av samordningsansvarig enhet när initiativet är skickat",
    Phase.SIP: "först när kallelsen till planeringsmötet är skickad",
    Phase.UPP: "först när planen är låst; samordningsansvarig enhet aktiverar uppföljningen",
    Phase.MED: "först när initiativet är skickat",
}

# What other units are waited for (THEIRS), as a noun phrase.
_AWAITED: Mapping[TaskKind, str] = {
    TaskKind.SEND_INITIATIVE: "att initiativet skickas",
    TaskKind.ANSWER_INITIATIVE: "kvittens",
    TaskKind.SIGN: "signering av {document}",
    TaskKind.LOCK_MAPPING: "låsning av kartläggningen",
    TaskKind.SEND_CALL: "kallelse till planeringsmötet (inom 3 dagar från utskrivningsklar)",
    TaskKind.CALL_NEW_PLAN: "kallelse till enheterna i den nya planen",
    TaskKind.ANSWER_CALL: "kvittens av {call}",
    TaskKind.DOCUMENT_PLAN: "dokumentation och låsning av planen",
    TaskKind.FOLLOW_UP_ACTIVITY: "uppföljning av {activities}",
    TaskKind.LOCK_FOLLOW_UP: "låsning av uppföljningen",
    TaskKind.DOCUMENT_EVALUATION: "dokumentation och låsning av utvärderingen",
    TaskKind.READ_MESSAGE: "läsning av meddelande nr {ref}",
}

_NEEDS_MEETING = "Ingen tidsgräns ännu (mötestid saknas)."


# --- explain ---------------------------------------------------------------------------------


def explain(
    phase: Phase,
    status: Status,
    tasks: Sequence[Task],
    viewer: str,
    unit_name: Callable[[str], str],
    now: datetime,
) -> str:
    """Why ``phase`` has ``status`` for the unit ``viewer``, in one or a few sentences.

    ``tasks`` are the open tasks of one case, of every unit and column (as
    :func:`sip_tui.domain.status.open_tasks` gives them); ``unit_name`` turns a unit code
    into the name users know. Plain text, no markup.
    """
    in_phase = [task for task in tasks if task.phase is phase]
    if status is Status.OURS:
        ours = _by_deadline([task for task in in_phase if task.unit == viewer])
        if not ours:
            return f"Er enhet har något kvar att göra i {PART_NAMES[phase]}."
        return " ".join(_our_task(task, in_phase, unit_name, now) for task in ours)
    if status is Status.THEIRS:
        theirs = [task for task in in_phase if task.unit != viewer]
        if not theirs:
            return f"Väntar på att en annan enhet gör klart sin del i {PART_NAMES[phase]}."
        return " ".join(_awaited(group, in_phase, unit_name, now) for group in _groups(theirs))
    if status is Status.DONE:
        return f"Klart i den här fasen: {_DONE[phase]}."
    if status is Status.CREATABLE:
        return f"Er enhet kan skapa {PART_NAMES[phase]} nu."
    return _not_yet(phase, tasks, viewer)


def _not_yet(phase: Phase, tasks: Sequence[Task], viewer: str) -> str:
    if phase is Phase.INI:
        return "Initiativet är inte skickat, eller så är ärendet makulerat."
    pending = any(task.unit == viewer and task.kind is TaskKind.ANSWER_INITIATIVE for task in tasks)
    if pending and phase in (Phase.KAR, Phase.SIP):
        reason = "först när er enhet har accepterat initiativet"
    else:
        reason = _NOT_YET[phase]
    return f"{PART_NAMES[phase]} kan inte skapas ännu: {reason}."


def _our_task(
    task: Task, in_phase: Sequence[Task], unit_name: Callable[[str], str], now: datetime
) -> str:
    since = short_moment(task.since)
    sender = f" från {unit_name(task.from_unit)}" if task.from_unit is not None else ""
    number = f" nr {task.ref}" if task.ref is not None else ""
    kind = task.kind
    if kind is TaskKind.SEND_INITIATIVE:
        what = f"Initiativet är inte skickat; utkastet skapades {since}."
    elif kind is TaskKind.ANSWER_INITIATIVE:
        what = f"Er enhet har inte kvitterat initiativet{sender}, skickat {since}."
    elif kind is TaskKind.SIGN:
        who = f"Användaren {task.holder} på er enhet" if task.holder else "Någon på er enhet"
        what = (
            f"{who} har sparat {_document(task, in_phase)} utan att signera; "
            f"ingen annan kan redigera den sedan {since}."
        )
    elif kind is TaskKind.LOCK_MAPPING:
        what = f"Er enhet har inte låst kartläggningen, skapad {since}."
    elif kind is TaskKind.SEND_CALL:
        what = (
            "Er enhet har inte skickat kallelsen till planeringsmötet; den ska skickas "
            f"inom 3 dagar från utskrivningsklar, {since}."
        )
    elif kind is TaskKind.CALL_NEW_PLAN:
        what = (
            "En ny plan är skapad; er enhet har inte skickat kallelsen till enheterna "
            f"som deltar i den nya planen (planen skapades {since})."
        )
    elif kind is TaskKind.ANSWER_CALL:
        what = f"Er enhet har inte kvitterat {_call(task)}{sender}, skickad {since}."
    elif kind is TaskKind.DOCUMENT_PLAN:
        what = f"Er enhet har inte dokumenterat och låst planen (väntar sedan {since})."
    elif kind is TaskKind.FOLLOW_UP_ACTIVITY:
        what = (
            f"Er enhet har inte följt upp aktivitet{number} i planen, "
            f"uppföljningen aktiverad {since}."
        )
    elif kind is TaskKind.LOCK_FOLLOW_UP:
        what = f"Er enhet har inte låst uppföljningen, aktiverad {since}."
    elif kind is TaskKind.DOCUMENT_EVALUATION:
        what = f"Er enhet har inte dokumenterat och låst utvärderingen (väntar sedan {since})."
    else:
        what = f"Er enhet har inte läst meddelande{number}{sender}, skickat {since}."
    return f"{what} {_our_deadline(task, now)}"


def _our_deadline(task: Task, now: datetime) -> str:
    if task.deadline is None:
        return "Ingen tidsgräns." if task.kind is TaskKind.SEND_INITIATIVE else _NEEDS_MEETING
    when = deadline_moment(task.deadline)
    end = closes_at(task.deadline)
    if task.is_overdue(now):
        return f"Senast {when} — försenad sedan {duration(elapsed(now, end))}."
    return f"Senast {when} — om {duration(elapsed(end, now))}."


def _call(task: Task) -> str:
    """The call an ANSWER_CALL task is about, by its meeting: ``kallelsen till
    utvärderingsmöte ons 2 dec 13:00`` (the number is nothing a user knows)."""
    if task.call_kind is None or task.meeting_at is None:
        return "kallelsen"
    return f"kallelsen till {task.call_kind.label} {short_moment(task.meeting_at)}"


def _document(task: Task, in_phase: Sequence[Task]) -> str:
    """The document a SIGN task is about, in the definite form."""
    if task.phase is Phase.KAR:
        return "kartläggningen"
    if task.phase is Phase.SIP:
        return "planen"
    # In UPP the evaluation is being written exactly when its task is open.
    if task.rule is Rule.AFTER_MEETING or any(
        other.kind is TaskKind.DOCUMENT_EVALUATION for other in in_phase
    ):
        return "utvärderingen"
    return "uppföljningen"


def _groups(tasks: Sequence[Task]) -> list[list[Task]]:
    """Other units' tasks of the same kind (and call or message), earliest deadline first."""
    groups: dict[tuple[TaskKind, int | None], list[Task]] = {}
    for task in tasks:
        ref = task.ref if task.kind in (TaskKind.ANSWER_CALL, TaskKind.READ_MESSAGE) else None
        groups.setdefault((task.kind, ref), []).append(task)
    return sorted(groups.values(), key=lambda group: _deadline_key(_earliest(group)))


def _awaited(
    group: Sequence[Task], in_phase: Sequence[Task], unit_name: Callable[[str], str], now: datetime
) -> str:
    first = group[0]
    activities = sorted({task.ref for task in group if task.ref is not None})
    noun = _AWAITED[first.kind].format(
        document=_document(first, in_phase),
        ref=first.ref if first.ref is not None else "",
        call=_call(first),
        activities=(
            "aktivitet nr " + _enumerate([str(ref) for ref in activities])
            if activities
            else "aktiviteter"
        ),
    )
    names: list[str] = []
    for task in group:
        name = unit_name(task.unit)
        if task.kind is TaskKind.SIGN and task.holder:
            name = f"{name} ({task.holder})"
        if name not in names:
            names.append(name)
    if len(names) == 1:
        units = f"från {names[0]}"
    else:
        units = f"från {len(names)} enheter: {', '.join(names)}"
    return f"Väntar på {noun} {units} — {_their_deadline(_earliest(group), now)}."


def _their_deadline(deadline: datetime | None, now: datetime) -> str:
    if deadline is None:
        return "ingen tidsgräns ännu"
    when = f"senast {deadline_moment(deadline)}"
    if is_overdue(deadline, now):
        return f"{when}, försenad sedan {duration(elapsed(now, closes_at(deadline)))}"
    return when


def _enumerate(items: Sequence[str]) -> str:
    """``1``, ``1 och 2``, ``1, 2 och 3``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


def _earliest(tasks: Sequence[Task]) -> datetime | None:
    deadlines = [task.deadline for task in tasks if task.deadline is not None]
    return min(deadlines) if deadlines else None


def _deadline_key(deadline: datetime | None) -> float:
    return deadline.timestamp() if deadline is not None else math.inf


def _by_deadline(tasks: Sequence[Task]) -> list[Task]:
    return sorted(tasks, key=lambda task: (_deadline_key(task.deadline), task.since.timestamp()))


# --- the overview ----------------------------------------------------------------------------


def urgency(
    next_deadline: datetime | None,
    statuses: Mapping[Phase, Status],
    now: datetime,
    next_cutoff: datetime,
) -> tuple[int, float]:
    """The overview's sort key; ascending puts the most urgent row first.

    Groups: 0 overdue (our next deadline has passed: from the second after it), 1 due at
    the next cut-off or by the end of today, 2 some other column is ours, 3 some column is
    theirs, 4 the rest; within a group by deadline, rows without one last.
    """
    values = set(statuses.values())
    soon = max(next_cutoff, end_of_day(to_stockholm(now).date()), key=_deadline_key)
    if next_deadline is not None and is_overdue(next_deadline, now):
        group = 0
    elif next_deadline is not None and _deadline_key(next_deadline) <= _deadline_key(soon):
        group = 1
    elif Status.OURS in values:
        group = 2
    elif Status.THEIRS in values:
        group = 3
    else:
        group = 4
    return group, _deadline_key(next_deadline)


def deadline_label(deadline: datetime | None, now: datetime) -> str:
    """The overview's deadline column: ``försenad 2 d 3 h``, ``försenad 17 h`` (late by an
    hour or more: whole hours, so the column fits 80×24; ``e`` explains to the minute),
    ``försenad 12 min``, ``försenad < 1 min``, ``om 1 h 12 min``,
    ``senast mån 12:00`` (a cut-off), ``senast tis`` (a whole working day: documenting,
    locking) or, more than 6 days away, ``senast 2 dec`` (the hour is then noise, and the
    column must fit 80×24). At the deadline's own second it is due, not overdue."""
    if deadline is None:
        return ""
    end = closes_at(deadline)
    if is_overdue(deadline, now):
        late = elapsed(now, end)
        if late < timedelta(minutes=1):
            return "försenad < 1 min"  # "under 1 min" would not fit
        if late >= timedelta(hours=1):
            late -= timedelta(seconds=late.total_seconds() % 3600)
        return f"försenad {duration(late)}"
    left = elapsed(end, now)
    if left < RELATIVE_WITHIN:
        return f"om {duration(left)}"
    local = to_stockholm(deadline)
    if left > WEEKDAY_WITHIN:
        return f"senast {local.day} {MONTHS_SHORT[local.month - 1]}"
    if is_whole_day(local):
        return f"senast {WEEKDAYS_SHORT[local.weekday()]}"
    return f"senast {WEEKDAYS_SHORT[local.weekday()]} {local:%H:%M}"
