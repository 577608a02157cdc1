"""Deviations (avvikelser): what counts as an overdue item, the proposal made for it, and
who may register, confirm and dismiss one.

Seed 000, *Avvikelsehantering*: *"I avvikelserapporten ska det framgå från vilken enhet
rapporten kommer från, datum och tid. Avvikelsen ska … registreras … i så nära anslutning
till händelsen som möjligt."* A deviation is a unit's, with the moment it happened, what
happened and, when it concerns one, the case and the item (a task of the case).

* **Registered** by a user: ``confirmed`` at once (the user is the one who reports).
* **Proposed** by sip-tui for each of a unit's items that passed its deadline (an
  *overdue item*: a task with a deadline, overdue from the second after it): once per
  item, keyed by unit, case, phase, kind, reference and deadline (``proposal_key``), so a
  deadline moved and missed again is a new proposal. A watcher **confirms** it or
  **dismisses** it with a reason.

The proposal's text says only what the unit sees in its overview: the case number, what
was not done and by when — never a name, a personnummer or anything about health.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from sip_tui.domain.calendar import is_overdue, overdue_from
from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.errors import InvalidInput, NotAllowed, WrongState
from sip_tui.domain.model import Phase
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.rules import limited_text
from sip_tui.domain.status import TaskKind
from sip_tui.domain.texts import deadline_moment, short_moment

#: Who may register, confirm and dismiss deviations: those who work the unit's cases and
#: its manager (*"Verksamhetsansvarig"*). Every member of the unit may read the register.
DEVIATION_ROLES = frozenset({Role.WATCHER, Role.COORDINATOR, Role.PROFESSIONAL, Role.MANAGER})


class DeviationStatus(StrEnum):
    PROPOSED = "proposed"  # by sip-tui, for an overdue item: to confirm or dismiss
    CONFIRMED = "confirmed"  # registered by a user, or a proposal a user confirmed
    DISMISSED = "dismissed"  # a proposal a user dismissed, with the reason


#: What was not done, per task kind (the proposal's words).
NOT_DONE: dict[TaskKind, str] = {
    TaskKind.SEND_INITIATIVE: "initiativet har inte skickats",
    TaskKind.ANSWER_INITIATIVE: "initiativet har inte kvitterats (Acceptera/Neka)",
    TaskKind.SIGN: "dokumentet har inte signerats",
    TaskKind.LOCK_MAPPING: "kartläggningen har inte låsts",
    TaskKind.SEND_CALL: "kallelsen har inte skickats",
    TaskKind.CALL_NEW_PLAN: "kallelsen till den nya planen har inte skickats",
    TaskKind.ANSWER_CALL: "kallelsen har inte kvitterats (Acceptera/Neka)",
    TaskKind.DOCUMENT_PLAN: "planen har inte dokumenterats och låsts",
    TaskKind.FOLLOW_UP_ACTIVITY: "aktiviteten har inte följts upp",
    TaskKind.LOCK_FOLLOW_UP: "uppföljningen har inte låsts",
    TaskKind.DOCUMENT_EVALUATION: "utvärderingen har inte dokumenterats och låsts",
    TaskKind.READ_MESSAGE: "informationsmeddelandet har inte lästs",
}


@dataclass(frozen=True)
class Item:
    """An open task of a unit, as the read model has it."""

    case_id: int
    unit: str
    phase: Phase
    kind: TaskKind
    ref: int | None
    deadline: datetime | None


@dataclass(frozen=True)
class Proposal:
    """A deviation sip-tui proposes for one overdue item."""

    key: str
    unit: str
    case_id: int
    item: TaskKind
    item_ref: int | None
    deadline: datetime
    occurred_at: datetime  # the first moment the item was overdue
    description: str


@dataclass(frozen=True)
class Deviation:
    """One row of a unit's deviation register."""

    id: int
    unit: str
    status: DeviationStatus
    occurred_at: datetime
    description: str
    reported_at: datetime
    reported_by: str | None = None  # None: proposed by sip-tui
    case_id: int | None = None
    item: str = ""  # a TaskKind value, or "" when no item is named
    item_ref: int | None = None
    deadline: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str = ""  # why it was dismissed (or the confirmer's comment)


def overdue(items: Iterable[Item], now: datetime) -> list[Item]:
    """The items that passed their deadline at ``now`` (overdue from the next second)."""
    return [i for i in items if i.deadline is not None and is_overdue(i.deadline, now)]


def proposal_key(item: Item) -> str:
    """The one key of an overdue item's proposal: unit, case, phase, kind, reference and
    deadline (as a UTC instant, so the key does not depend on the offset)."""
    assert item.deadline is not None
    ref = "-" if item.ref is None else str(item.ref)
    instant = item.deadline.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f"overdue|{item.unit}|{item.case_id}|{item.phase.value}|{item.kind.value}|{ref}|{instant}"
    )


def proposal_text(item: Item) -> str:
    """``Ärende 38: kallelsen har inte kvitterats (Acceptera/Neka) senast mån 23 nov 12:00.``"""
    assert item.deadline is not None
    return f"Ärende {item.case_id}: {NOT_DONE[item.kind]} senast {deadline_moment(item.deadline)}."


def proposals(items: Iterable[Item], now: datetime) -> list[Proposal]:
    """A proposal for every overdue item (the store keeps the first of each key)."""
    made = []
    for item in overdue(items, now):
        assert item.deadline is not None
        made.append(
            Proposal(
                proposal_key(item),
                item.unit,
                item.case_id,
                item.kind,
                item.ref,
                item.deadline,
                overdue_from(item.deadline),
                proposal_text(item),
            )
        )
    return made


# --- what users do -----------------------------------------------------------------------------


def check_may_change(actor: Actor) -> None:
    if not actor.has_any(DEVIATION_ROLES):
        raise NotAllowed(
            f"Som {actor.role_labels} kan du inte registrera eller hantera avvikelser; det "
            "gör enhetens bevakare, yrkesutövare, samordningsansvariga och verksamhetschef."
        )


def check_register(actor: Actor, occurred_at: datetime, description: str, now: datetime) -> str:
    """The description to store for a new deviation, or a Swedish refusal: the actor's
    role, an empty description, a text over the limit, a moment in the future."""
    check_may_change(actor)
    text = limited_text(description, "description").strip()
    if not text:
        raise InvalidInput(
            "Beskriv vad som hände: vilken enhet, vad som inte blev gjort och följden.",
            "description",
        )
    if to_stockholm(occurred_at) > to_stockholm(now):
        raise InvalidInput(
            f"Tidpunkten {short_moment(occurred_at)} har inte varit än; ange när det hände "
            f"(senast {short_moment(now)}).",
            "occurred_at",
        )
    return text


def _check_proposed(deviation: Deviation, actor: Actor) -> None:
    check_may_change(actor)
    if deviation.unit != actor.unit:
        raise NotAllowed("Avvikelsen hör till en annan enhet; byt till den enheten först.")
    if deviation.status is not DeviationStatus.PROPOSED:
        done = "bekräftad" if deviation.status is DeviationStatus.CONFIRMED else "avfärdad"
        raise WrongState(f"Avvikelse {deviation.id} är redan {done}; den kan inte ändras.")


def confirm(deviation: Deviation, actor: Actor, at: datetime, comment: str = "") -> Deviation:
    """The watcher confirms a proposal (an optional comment)."""
    _check_proposed(deviation, actor)
    text = limited_text(comment, "reason").strip()
    return replace(
        deviation,
        status=DeviationStatus.CONFIRMED,
        decided_by=actor.user,
        decided_at=at,
        reason=text,
    )


def dismiss(deviation: Deviation, actor: Actor, at: datetime, reason: str) -> Deviation:
    """The watcher dismisses a proposal; the reason is required."""
    _check_proposed(deviation, actor)
    text = limited_text(reason, "reason").strip()
    if not text:
        raise InvalidInput(
            "Ange varför förslaget avfärdas, t.ex. att uppgiften gjordes i tid utanför "
            "sip-tui eller att tidsgränsen flyttades.",
            "reason",
        )
    return replace(
        deviation,
        status=DeviationStatus.DISMISSED,
        decided_by=actor.user,
        decided_at=at,
        reason=text,
    )
