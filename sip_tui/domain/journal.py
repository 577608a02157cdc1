"""The downtime journal (*driftstoppsjournal*, seeds 002, 003 and 004): what a unit noted
while the shared store was down, so it can be registered afterwards (*efterregistrering*).

Seed 002: *"Notera datum och signatur för när du meddelar eller mottar information. Skriv
namnet på den person du talar med"*; seed 004: the checklist steps a note belongs to
(Initiativ with Samtycke, Kallelse till SIP, till uppföljning, till utvärdering och
avslut); seed 003: per message type, who registers it afterwards — *"samordningsansvarig
enhet ansvarar för registrering i efterhand"* for calls; the unit that took an initiative
creates the case. So by default the unit that *gave* the information registers it, and a
unit that *received* it waits for the other unit's registration and acknowledges it then;
the writer may change that (:attr:`JournalEntry.registrar`).

Pure: an entry is checked here (:func:`check_entry`, Swedish refusals under the field that
is wrong), stored by :mod:`sip_tui.local.journal`, reconciled by the UI (:func:`target_of`:
which form registers it).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.errors import InvalidInput, WrongState
from sip_tui.domain.model import CallKind
from sip_tui.domain.personnummer import PersonnummerError, parse_personnummer
from sip_tui.domain.rules import NAME_LIMIT, limited_text

#: A note may be written a little ahead of the clock (a slow clock on a thin client), not more.
FUTURE_SLACK = timedelta(minutes=5)


class Step(StrEnum):
    """The seed-004 checklist step a note belongs to."""

    INITIATIVE = "initiative"
    CALL_PLANNING = "call-planning"
    CALL_FOLLOW_UP = "call-follow-up"
    CALL_EVALUATION = "call-evaluation"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]

    @property
    def is_call(self) -> bool:
        return self is not Step.INITIATIVE


STEP_LABELS: dict[Step, str] = {
    Step.INITIATIVE: "Initiativ (med samtycke)",
    Step.CALL_PLANNING: "Kallelse till SIP",
    Step.CALL_FOLLOW_UP: "Kallelse till uppföljning",
    Step.CALL_EVALUATION: "Kallelse till utvärdering och avslut",
}


class Direction(StrEnum):
    GIVEN = "given"  # vi meddelade
    RECEIVED = "received"  # vi mottog

    @property
    def label(self) -> str:
        return "Lämnad" if self is Direction.GIVEN else "Mottagen"


class Registrar(StrEnum):
    """Who registers the note in sip-tui when the store is back."""

    OUR_UNIT = "ours"
    OTHER_UNIT = "theirs"

    @property
    def label(self) -> str:
        return "Vår enhet" if self is Registrar.OUR_UNIT else "Den andra enheten"


class Target(StrEnum):
    """What registering a note opens."""

    NEW_CASE = "new-case"  # Nytt ärende with the initiative
    CALL = "call"  # the individual's case, its Kallelse
    CASE = "case"  # the individual's case: acknowledge what the other unit registered


@dataclass(frozen=True)
class JournalDraft:
    """A note as typed (texts untrimmed; moments parsed by the form)."""

    at: datetime
    login: str
    signature: str
    direction: Direction
    person: str
    unit_name: str
    information: str
    personnummer: str
    individual_name: str
    step: Step
    registrar: Registrar
    unit_code: str = ""  # the unit spoken to, when it is one of the phone list's
    meeting_at: datetime | None = None  # a call: the meeting agreed on the phone
    unit: str = ""  # our unit, when known (written in the app); "" in `sip-tui downtime`


@dataclass(frozen=True)
class JournalEntry:
    """A checked note; ``id`` is given when it is stored (0 before)."""

    id: int
    at: datetime
    login: str
    signature: str
    direction: Direction
    person: str
    unit_name: str
    information: str
    personnummer: str  # 12 digits
    individual_name: str
    step: Step
    registrar: Registrar
    unit_code: str = ""
    meeting_at: datetime | None = None
    unit: str = ""
    done_at: datetime | None = None
    done_by: str | None = None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def formatted_personnummer(self) -> str:
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"


def default_registrar(step: Step, direction: Direction) -> Registrar:
    """Who registers afterwards unless the writer says otherwise (seed 003): the unit that
    gave the information — the one that took the initiative, the coordinating unit that
    called — else the other one."""
    return Registrar.OUR_UNIT if direction is Direction.GIVEN else Registrar.OTHER_UNIT


def registrar_reason(step: Step) -> str:
    """Why, in the seeds' words."""
    if step is Step.INITIATIVE:
        return "Den enhet som tog initiativet skapar ärendet i efterhand."
    return "Samordningsansvarig enhet ansvarar för registrering i efterhand."


def check_entry(draft: JournalDraft, now: datetime) -> JournalEntry:
    """The note to store, texts trimmed and the personnummer as 12 digits; else an
    :class:`InvalidInput` naming the field that is wrong."""
    at = to_stockholm(draft.at)
    if at > now + FUTURE_SLACK:
        raise InvalidInput("Tidpunkten ligger i framtiden; skriv när samtalet var.", "at")
    signature = _required(draft.signature, "signature", "Skriv din signatur.")
    person = _required(draft.person, "person", "Skriv namnet på den du talade med.")
    unit_name = _required(draft.unit_name, "unit_name", "Skriv vilken enhet personen var på.")
    try:
        personnummer = parse_personnummer(draft.personnummer, now.date()).digits12
    except PersonnummerError as problem:
        raise InvalidInput(str(problem), "personnummer") from None
    name = _required(draft.individual_name, "individual_name", "Skriv den enskildes namn.")
    information = limited_text(draft.information, "information").strip()
    if not information:
        raise InvalidInput("Skriv vilken information som lämnades eller mottogs.", "information")
    meeting_at = None if draft.meeting_at is None else to_stockholm(draft.meeting_at)
    if meeting_at is not None and not draft.step.is_call:
        raise InvalidInput(
            "Mötestiden hör till en kallelse; lämna fältet tomt för ett initiativ.", "meeting_at"
        )
    return JournalEntry(
        0,
        at,
        draft.login,
        signature,
        draft.direction,
        person,
        unit_name,
        information,
        personnummer,
        name,
        draft.step,
        draft.registrar,
        draft.unit_code.strip(),
        meeting_at,
        draft.unit,
    )


def _required(text: str, field: str, refusal: str) -> str:
    """A name or a unit, trimmed: required, at most :data:`NAME_LIMIT` characters."""
    value = text.strip()
    if not value:
        raise InvalidInput(refusal, field)
    if len(value) > NAME_LIMIT:
        raise InvalidInput(f"Namnet får vara högst {NAME_LIMIT} tecken (nu {len(value)}).", field)
    return value


def open_entries(entries: list[JournalEntry]) -> list[JournalEntry]:
    """What must still be registered: the notes not marked done, oldest first."""
    return sorted((e for e in entries if not e.is_done), key=lambda e: (e.at, e.id))


def mark_done(entry: JournalEntry, login: str, at: datetime) -> JournalEntry:
    """The note marked registered by ``login`` at ``at``; refused when it already is."""
    if entry.is_done:
        raise WrongState(f"Anteckningen är redan markerad som registrerad av {entry.done_by}.")
    return replace(entry, done_at=to_stockholm(at), done_by=login)


def target_of(entry: JournalEntry) -> Target:
    """Which form registers the note: our initiative a new case, our call the case's
    Kallelse; what the other unit registers, the individual's case (to acknowledge)."""
    if entry.registrar is Registrar.OTHER_UNIT:
        return Target.CASE
    return Target.NEW_CASE if entry.step is Step.INITIATIVE else Target.CALL


def call_kind(step: Step) -> CallKind | None:
    """The kind of call a step is in sip-tui (follow-up and evaluation share the
    evaluation call: *"Uppföljning och utvärdering"*); ``None`` for the initiative."""
    if step is Step.INITIATIVE:
        return None
    return CallKind.PLANNING if step is Step.CALL_PLANNING else CallKind.EVALUATION


def what_to_do(entry: JournalEntry) -> str:
    """The reconciliation's one line on what registering the note means."""
    target = target_of(entry)
    if target is Target.NEW_CASE:
        return "Skapa ärendet och skicka initiativet."
    if target is Target.CALL:
        return "Skicka kallelsen i ärendet."
    return f"{entry.unit_name} registrerar; kvittera i ärendet när det kommit."
