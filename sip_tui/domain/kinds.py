"""The closed sets of words the case is made of: the overview's phases and statuses, the
answers a unit gives, how a unit joined, the kinds of call, consent and activity status."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """The six columns of the overview, in order."""

    INI = "INI"
    KAR = "KAR"
    KAL = "KAL"
    SIP = "SIP"
    UPP = "UPP"
    MED = "MED"

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.INI: "Initiativ",
    Phase.KAR: "Kartläggning",
    Phase.KAL: "Kallelse",
    Phase.SIP: "Plan",
    Phase.UPP: "Uppföljning",
    Phase.MED: "Meddelande",
}


class Status(StrEnum):
    """The status of one column relative to the viewing unit (seed 001, "Symboler")."""

    DONE = "done"  # green: finished in this phase
    OURS = "ours"  # red: the viewing unit has something left to do
    THEIRS = "theirs"  # blue: another unit has something left to do
    CREATABLE = "creatable"  # grey with a cross: the viewing unit can create this part now
    NOT_YET = "not-yet"  # grey: this part cannot be created (yet)


class Answer(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    FORWARDED = "forwarded"


class JoinedVia(StrEnum):
    """How a unit came to take part in the case."""

    COORDINATOR = "coordinator"
    INITIATIVE = "initiative"
    FORWARD = "forward"
    PLAN = "plan"
    MESSAGE = "message"


class CallKind(StrEnum):
    PLANNING = "planning"
    EVALUATION = "evaluation"

    @property
    def label(self) -> str:
        return "planeringsmöte" if self is CallKind.PLANNING else "utvärderingsmöte"


class ConsentBy(StrEnum):
    INDIVIDUAL = "individual"
    REPRESENTATIVE = "representative"  # vårdnadshavare, god man, förvaltare


class ActivityStatus(StrEnum):
    NOT_STARTED = "not-started"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"
