"""The SIP case (ärende) and its parts, as plain data.

The rules that change these objects live in :mod:`sip_tui.domain.workflow` and
:mod:`sip_tui.domain.documents`; what each unit must do and the colour of each overview
column are derived in :mod:`sip_tui.domain.status`. Every moment is an aware datetime.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import ClassVar

# The model's vocabulary (phases, statuses, answers, …) lives in kinds.py; re-exported here.
from sip_tui.domain.kinds import (
    PHASE_LABELS as PHASE_LABELS,
)
from sip_tui.domain.kinds import (  # re-exported: the model's vocabulary
    ActivityStatus as ActivityStatus,
)
from sip_tui.domain.kinds import (
    Answer as Answer,
)
from sip_tui.domain.kinds import (
    CallKind as CallKind,
)
from sip_tui.domain.kinds import (
    ConsentBy as ConsentBy,
)
from sip_tui.domain.kinds import (
    JoinedVia as JoinedVia,
)
from sip_tui.domain.kinds import (
    Phase as Phase,
)
from sip_tui.domain.kinds import (
    Status as Status,
)


@dataclass(frozen=True)
class Individual:
    personnummer: str  # normalised 12 digits
    name: str


@dataclass(frozen=True)
class Voiding:
    """Makulering: who voided a part, when and why."""

    at: datetime
    user: str
    unit: str
    reason: str


@dataclass(frozen=True)
class EditLock:
    """Held from *Spara* until *Signera*: nobody else may edit the form meanwhile."""

    user: str
    user_name: str
    unit: str
    since: datetime


@dataclass
class Participant:
    """A unit's place in the case, and its answer to the initiative when it got one."""

    unit: str
    via: JoinedVia
    state: Answer
    joined_at: datetime
    comment: str = ""
    answered_at: datetime | None = None
    answered_by: str | None = None
    forwarded_to: str | None = None

    @property
    def has_access(self) -> bool:
        return self.state in (Answer.PENDING, Answer.ACCEPTED)

    @property
    def got_initiative(self) -> bool:
        """Sent the initiative (or forwarded it): this unit's answer is a real answer. A
        unit added by the plan or a message has answered nothing."""
        return self.via in (JoinedVia.INITIATIVE, JoinedVia.FORWARD)


@dataclass
class Consent:
    given: bool
    by: ConsentBy
    obtained_by: str
    obtained_on: date
    representative: str = ""
    secrecy_assessment: str = ""  # menprövning


@dataclass
class Initiative:
    reason: str
    consent: Consent
    recipients: list[str]  # chosen units; they become participants when it is sent
    created_at: datetime
    sent_at: datetime | None = None
    sent_by: str | None = None
    voided: Voiding | None = None


@dataclass
class Document:
    """What Kartläggning, Plan, Uppföljning and Utvärdering share: versions and locks."""

    created_at: datetime
    created_by: str
    version: int = 1
    updated_at: datetime | None = None
    updated_by: str | None = None
    edit_lock: EditLock | None = None
    locked_at: datetime | None = None
    locked_by: str | None = None
    voided: Voiding | None = None
    signatures: list[tuple[str, str, datetime]] = field(default_factory=list)  # user, unit, at
    #: A copy of the document as it was at its last signature (``None``: never signed).
    #: *"När du är klar med din redigering, signerar du det du skrivit. Nu kan andra
    #: användare läsa i dokumentet."*: while someone edits, other units read this copy.
    signed: Document | None = None
    #: The fields that are the document's text (the rest is bookkeeping).
    CONTENT: ClassVar[tuple[str, ...]] = ()

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None

    @property
    def is_active(self) -> bool:
        return self.voided is None


@dataclass
class Mapping(Document):
    """Kartläggning (SBAR): four free-text fields, none mandatory."""

    situation: str = ""
    background: str = ""
    assessment: str = ""  # Aktuellt tillstånd
    recommendation: str = ""
    CONTENT: ClassVar[tuple[str, ...]] = (
        "situation",
        "background",
        "assessment",
        "recommendation",
    )


@dataclass
class CallRecipient:
    unit: str
    must_acknowledge: bool
    state: Answer = Answer.PENDING
    comment: str = ""
    answered_at: datetime | None = None
    answered_by: str | None = None


@dataclass
class Call:
    """Kallelse to the planning meeting or to the evaluation meeting."""

    number: int
    kind: CallKind
    cycle: int
    meeting_form: str
    place: str
    meeting_at: datetime
    recipients: dict[str, CallRecipient]
    others: str  # Övrigt: external invitees
    sent_at: datetime
    sent_by: str
    voided: Voiding | None = None

    @property
    def is_active(self) -> bool:
        return self.voided is None

    def pending_units(self) -> list[str]:
        return [
            r.unit
            for r in self.recipients.values()
            if r.must_acknowledge and r.state is Answer.PENDING
        ]


@dataclass
class Activity:
    id: int
    text: str
    responsible_unit: str
    responsible_person: str = ""
    follow_up_on: date | None = None


@dataclass
class Goal:
    id: int
    goal: str
    strengths: str = ""  # vad jag är bra på
    obstacles: str = ""  # vad som kan hindra mig
    activities: list[Activity] = field(default_factory=list)


@dataclass
class Attendee:
    unit: str
    person: str


@dataclass
class ExternalParticipant:
    name: str
    relation: str = ""
    contact: str = ""
    present: bool = True


@dataclass
class Plan(Document):
    """Mål- och aktivitetsplan. ``cycle`` counts plans: *Ny plan* archives and copies."""

    cycle: int = 1
    archived_at: datetime | None = None
    meeting_on: date | None = None
    evaluation_on: date | None = None
    situation: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    externals: list[ExternalParticipant] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    #: The unit responsible for documenting the plan ("" = the coordinating unit).
    documenting_unit: str = ""
    CONTENT: ClassVar[tuple[str, ...]] = (
        "meeting_on",
        "evaluation_on",
        "situation",
        "attendees",
        "externals",
        "goals",
        "documenting_unit",
    )

    def activities(self) -> list[Activity]:
        return [activity for goal in self.goals for activity in goal.activities]


@dataclass
class FollowUpEntry:
    activity_id: int
    comment: str
    status: ActivityStatus
    by: str
    unit: str
    at: datetime


@dataclass
class FollowUp(Document):
    """Uppföljning av plan: each responsible unit follows up its activities."""

    cycle: int = 1
    entries: dict[int, FollowUpEntry] = field(default_factory=dict)
    CONTENT: ClassVar[tuple[str, ...]] = ("entries",)


@dataclass
class Evaluation(Document):
    """Utvärdering: the coordinator's summary of how goals and activities went."""

    cycle: int = 1
    summary: str = ""
    meeting_at: datetime | None = None
    CONTENT: ClassVar[tuple[str, ...]] = ("summary", "meeting_at")


@dataclass
class InfoMessage:
    number: int
    sender_unit: str
    sender: str
    text: str
    sent_at: datetime
    read_at: dict[str, datetime | None]  # recipient unit -> when it was read
    voided: Voiding | None = None

    @property
    def is_active(self) -> bool:
        return self.voided is None


@dataclass(frozen=True)
class Event:
    """One line of the case's history: who did what, when, on which unit."""

    at: datetime
    user: str
    unit: str
    action: str
    phase: Phase | None
    detail: str = ""


@dataclass
class Case:
    """An ärende: one individual, one coordinating unit, the parts of the process."""

    id: int
    individual: Individual
    coordinator_unit: str
    coordinator_user: str
    created_at: datetime
    initiative: Initiative
    participants: dict[str, Participant]
    unit_names: dict[str, str] = field(default_factory=dict)
    user_names: dict[str, str] = field(default_factory=dict)  # login -> name, for display
    discharge_ready_at: datetime | None = None  # utskrivningsklar, inpatient care only
    cycle: int = 1
    mapping: Mapping | None = None
    calls: list[Call] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    follow_ups: dict[int, FollowUp] = field(default_factory=dict)
    evaluations: dict[int, Evaluation] = field(default_factory=dict)
    messages: list[InfoMessage] = field(default_factory=list)
    closed_at: datetime | None = None
    history: list[Event] = field(default_factory=list)

    # --- derived views used by the rules and the screens ---------------------------------

    def unit_name(self, unit: str) -> str:
        return self.unit_names.get(unit, unit)

    def user_name(self, login: str) -> str:
        return self.user_names.get(login, login)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.initiative.voided is None

    @property
    def is_sent(self) -> bool:
        return self.initiative.sent_at is not None and self.initiative.voided is None

    def active_mapping(self) -> Mapping | None:
        return self.mapping if self.mapping is not None and self.mapping.is_active else None

    def current_plan(self) -> Plan | None:
        for plan in reversed(self.plans):
            if plan.cycle == self.cycle and plan.is_active and plan.archived_at is None:
                return plan
        return None

    def active_calls(self, kind: CallKind | None = None, cycle: int | None = None) -> list[Call]:
        return [
            call
            for call in self.calls
            if call.is_active
            and (kind is None or call.kind is kind)
            and (cycle is None or call.cycle == cycle)
        ]

    def current_call(self, kind: CallKind) -> Call | None:
        calls = self.active_calls(kind, self.cycle)
        return calls[-1] if calls else None

    def follow_up(self) -> FollowUp | None:
        follow_up = self.follow_ups.get(self.cycle)
        return follow_up if follow_up is not None and follow_up.is_active else None

    def evaluation(self) -> Evaluation | None:
        evaluation = self.evaluations.get(self.cycle)
        return evaluation if evaluation is not None and evaluation.is_active else None

    def active_messages(self) -> list[InfoMessage]:
        return [message for message in self.messages if message.is_active]

    def has_access(self, unit: str) -> bool:
        participant = self.participants.get(unit)
        return participant is not None and participant.has_access

    def initiative_recipients(self) -> list[Participant]:
        """The units the initiative was sent or forwarded to (not the coordinator, nor units
        that joined through the plan or a message)."""
        return [p for p in self.participants.values() if p.got_initiative]

    def initiative_answered(self) -> bool:
        """Sent, and every recipient of the initiative has answered it."""
        return self.is_sent and all(
            p.state is not Answer.PENDING for p in self.initiative_recipients()
        )

    def is_member(self, unit: str) -> bool:
        """A participant that has accepted (or joined otherwise): may work in the case."""
        participant = self.participants.get(unit)
        return participant is not None and participant.state is Answer.ACCEPTED
