"""Makulera: the coordinator voids a wrong or no longer wanted part, with a reason."""

from __future__ import annotations

from datetime import datetime

from sip_tui.domain.calls import find_call
from sip_tui.domain.errors import WrongState
from sip_tui.domain.model import (
    Case,
    Phase,
    Voiding,
)
from sip_tui.domain.recording import record
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import (
    check_coordinator,
    check_open,
    require,
    required_text,
)

# --- Makulera -----------------------------------------------------------------------------------


def _voiding(case: Case, actor: Actor, at: datetime, reason: str) -> Voiding:
    require(check_open(case), check_coordinator(case, actor, "makulera"))
    text = required_text(reason, "reason", "Ange varför uppgiften makuleras.")
    return Voiding(at, actor.user, actor.unit, text)


def void_initiative(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    """Makulera the initiative: the whole case is voided and leaves every overview."""
    case.initiative.voided = _voiding(case, actor, at, reason)
    record(case, actor, at, "Makulerade initiativet", Phase.INI, reason.strip())


def void_mapping(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    voiding = _voiding(case, actor, at, reason)
    mapping = case.active_mapping()
    if mapping is None:
        raise WrongState("Det finns ingen kartläggning att makulera.")
    mapping.voided, mapping.edit_lock = voiding, None
    record(case, actor, at, "Makulerade kartläggningen", Phase.KAR, voiding.reason)


def void_call(case: Case, actor: Actor, at: datetime, number: int, reason: str) -> None:
    """Makulera kallelse; a new one can then be sent."""
    voiding = _voiding(case, actor, at, reason)
    call = find_call(case, number)
    if not call.is_active:
        raise WrongState("Kallelsen är redan makulerad.")
    call.voided = voiding
    record(
        case, actor, at, f"Makulerade kallelsen till {call.kind.label}", Phase.KAL, voiding.reason
    )


def void_plan(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    voiding = _voiding(case, actor, at, reason)
    plan = case.current_plan()
    if plan is None:
        raise WrongState("Det finns ingen plan att makulera.")
    if case.follow_up() is not None:
        raise WrongState("Planen kan inte makuleras när uppföljningen är aktiverad.")
    plan.voided, plan.edit_lock = voiding, None
    record(case, actor, at, "Makulerade planen", Phase.SIP, voiding.reason)


def void_follow_up(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    """Makulera the follow-up while it is not locked; it can then be activated anew."""
    voiding = _voiding(case, actor, at, reason)
    follow_up = case.follow_up()
    if follow_up is None:
        raise WrongState("Det finns ingen aktiverad uppföljning att makulera.")
    if follow_up.is_locked:
        raise WrongState("Uppföljningen är låst och kan inte makuleras.")
    if case.evaluation() is not None:
        raise WrongState("Uppföljningen kan inte makuleras när utvärderingen är påbörjad.")
    follow_up.voided, follow_up.edit_lock = voiding, None
    record(case, actor, at, "Makulerade uppföljningen", Phase.UPP, voiding.reason)


def void_follow_up_entry(
    case: Case, actor: Actor, at: datetime, activity_id: int, reason: str
) -> None:
    """Makulera one activity's follow-up (a wrong comment or status) while the follow-up is
    not locked; the responsible unit can then follow the activity up anew. The history
    keeps what was voided."""
    voiding = _voiding(case, actor, at, reason)
    follow_up = case.follow_up()
    if follow_up is None or follow_up.is_locked:
        raise WrongState(
            "Uppföljningen är inte öppen; en aktivitets uppföljning kan inte makuleras."
        )
    entry = follow_up.entries.get(activity_id)
    if entry is None:
        raise WrongState("Aktiviteten har ingen uppföljning att makulera.")
    plan = case.current_plan()
    activity = next((a for a in plan.activities() if a.id == activity_id), None) if plan else None
    what = activity.text if activity is not None else f"aktivitet {activity_id}"
    del follow_up.entries[activity_id]
    record(
        case,
        actor,
        at,
        f"Makulerade uppföljningen av «{what}»",
        Phase.UPP,
        f"{voiding.reason} (var: «{entry.comment}»)",
    )


def void_evaluation(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    """Makulera the evaluation while it is not locked; it can then be written anew."""
    voiding = _voiding(case, actor, at, reason)
    evaluation = case.evaluation()
    if evaluation is None:
        raise WrongState("Det finns ingen utvärdering att makulera.")
    if evaluation.is_locked:
        raise WrongState("Utvärderingen är låst och kan inte makuleras.")
    evaluation.voided, evaluation.edit_lock = voiding, None
    record(case, actor, at, "Makulerade utvärderingen", Phase.UPP, voiding.reason)


def void_message(case: Case, actor: Actor, at: datetime, number: int, reason: str) -> None:
    voiding = _voiding(case, actor, at, reason)
    message = next((m for m in case.messages if m.number == number and m.is_active), None)
    if message is None:
        raise WrongState(f"Det finns inget aktivt meddelande {number} att makulera.")
    message.voided = voiding
    record(case, actor, at, "Makulerade informationsmeddelande", Phase.MED, voiding.reason)
