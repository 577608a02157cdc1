"""The command vocabulary: every user action on a case as one frozen value.

A command names what the user asks for (``AcceptInitiative(case_id, comment)``) and knows
what it does to a case (:meth:`Command.apply`, which runs the domain action and raises a
Swedish ``DomainError`` when it is not allowed). :func:`refusal` asks, on a copy of the
case, whether a command would be allowed for an actor now; the screens offer a key exactly
when it is, and send the same object to the store, which runs every command through one
pipeline (``Store.execute``) and returns the new case.

Commands that carry typed text (a reason, a comment) are asked about with the text they
will be sent with; for a key that opens a dialog first, the screen asks with a placeholder
(:data:`PROBE`) and sends ``dataclasses.replace(command, reason=typed)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import DomainError
from sip_tui.domain.kinds import CallKind
from sip_tui.domain.model import Case, Consent
from sip_tui.domain.roles import Actor
from sip_tui.domain.rules import check_text_limits, refusal_of

#: The text a command asked about before the user typed its reason (any non-empty text).
PROBE = "?"


@dataclass(frozen=True)
class Command:
    """One user action on one case (``case_id``)."""

    case_id: int
    #: The access log's name for the action (``accept-initiative``).
    action: ClassVar[str] = ""

    @property
    def log_action(self) -> str:
        return self.action

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        """Do it to ``case`` (or raise the domain's Swedish refusal, leaving it as it was)."""
        raise NotImplementedError

    def units(self) -> Mapping[str, Sequence[str]]:
        """The unit codes the command names, by form field (``to_unit``): the store refuses
        a code it does not know, in Swedish, under that field."""
        return {}


def perform(command: Command, case: Case, actor: Actor, at: datetime) -> None:
    """Run ``command`` on ``case``: every typed text within its limit
    (:func:`rules.check_text_limits`), then the action itself. The store and
    :func:`refusal` both come this way, so a form and the store refuse alike."""
    check_text_limits(command)
    command.apply(case, actor, at)


def refusal(command: Command, case: Case, actor: Actor, at: datetime) -> DomainError | None:
    """What ``command`` would be refused with now, tried on a copy of ``case``; None when
    it would be allowed."""
    return refusal_of(case, lambda copy: perform(command, copy, actor, at))


def allowed(command: Command, case: Case, actor: Actor, at: datetime) -> bool:
    return refusal(command, case, actor, at) is None


# --- the case and its initiative ---------------------------------------------------------------


@dataclass(frozen=True)
class CreateCase:
    """Nytt ärende with a draft initiative; the acting unit coordinates. Not a
    :class:`Command` (there is no case yet): the store gives the case its id."""

    personnummer: str
    name: str
    reason: str
    consent: Consent
    recipients: Sequence[str]
    discharge_ready_at: datetime | None = None
    action: ClassVar[str] = "create"

    @property
    def log_action(self) -> str:
        return self.action


@dataclass(frozen=True)
class UpdateInitiative(Command):
    reason: str
    consent: Consent
    recipients: Sequence[str]
    action: ClassVar[str] = "save-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.update_initiative(
            case, actor, at, reason=self.reason, consent=self.consent, recipients=self.recipients
        )

    def units(self) -> Mapping[str, Sequence[str]]:
        return {"recipients": self.recipients}


@dataclass(frozen=True)
class SendInitiative(Command):
    action: ClassVar[str] = "send-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.send_initiative(case, actor, at)


@dataclass(frozen=True)
class AcceptInitiative(Command):
    comment: str = ""
    action: ClassVar[str] = "accept-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.accept_initiative(case, actor, at, self.comment)


@dataclass(frozen=True)
class DeclineInitiative(Command):
    reason: str = PROBE
    action: ClassVar[str] = "decline-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.decline_initiative(case, actor, at, self.reason)


@dataclass(frozen=True)
class ForwardInitiative(Command):
    to_unit: str = ""
    comment: str = ""
    action: ClassVar[str] = "forward-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.forward_initiative(case, actor, at, self.to_unit, self.comment)

    def units(self) -> Mapping[str, Sequence[str]]:
        return {"to_unit": [self.to_unit]}


@dataclass(frozen=True)
class SetDischargeReady(Command):
    ready_at: datetime | None = None
    action: ClassVar[str] = "discharge-ready"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.set_discharge_ready(case, actor, at, self.ready_at or at)


# --- calls and messages ----------------------------------------------------------------------


@dataclass(frozen=True)
class SendCall(Command):
    kind: CallKind = CallKind.PLANNING
    meeting_form: str = ""
    place: str = ""
    meeting_at: datetime | None = None
    recipients: Mapping[str, bool] = field(default_factory=dict)  # unit -> must acknowledge
    others: str = ""
    action: ClassVar[str] = "send-call"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        calls.send_call(
            case,
            actor,
            at,
            kind=self.kind,
            meeting_form=self.meeting_form,
            place=self.place,
            meeting_at=self.meeting_at or at,
            recipients=self.recipients,
            others=self.others,
        )

    def units(self) -> Mapping[str, Sequence[str]]:
        return {"recipients": list(self.recipients)}


@dataclass(frozen=True)
class AcceptCall(Command):
    number: int = 0
    comment: str = ""
    action: ClassVar[str] = "accept-call"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        calls.accept_call(case, actor, at, self.number, self.comment)


@dataclass(frozen=True)
class DeclineCall(Command):
    number: int = 0
    reason: str = PROBE
    action: ClassVar[str] = "decline-call"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        calls.decline_call(case, actor, at, self.number, self.reason)


@dataclass(frozen=True)
class SendMessage(Command):
    text: str = ""
    recipients: Sequence[str] = ()
    add_units: Sequence[str] = ()
    action: ClassVar[str] = "send-message"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        messages.send_message(
            case, actor, at, text=self.text, recipients=self.recipients, add_units=self.add_units
        )

    def units(self) -> Mapping[str, Sequence[str]]:
        return {"recipients": self.recipients, "add_units": self.add_units}


@dataclass(frozen=True)
class MarkMessageRead(Command):
    number: int = 0
    action: ClassVar[str] = "read-message"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        messages.mark_message_read(case, actor, at, self.number)


# --- cycles and closing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivateFollowUp(Command):
    action: ClassVar[str] = "activate-follow-up"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.activate_follow_up(case, actor, at)


@dataclass(frozen=True)
class NewPlan(Command):
    action: ClassVar[str] = "new-plan"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.new_plan(case, actor, at)


@dataclass(frozen=True)
class CloseCase(Command):
    action: ClassVar[str] = "close"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        wf.close_case(case, actor, at)


# --- Makulera ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoidInitiative(Command):
    """Voids the whole case."""

    reason: str = PROBE
    action: ClassVar[str] = "void-initiative"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_initiative(case, actor, at, self.reason)


@dataclass(frozen=True)
class VoidMapping(Command):
    reason: str = PROBE
    action: ClassVar[str] = "void-mapping"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_mapping(case, actor, at, self.reason)


@dataclass(frozen=True)
class VoidCall(Command):
    number: int = 0
    reason: str = PROBE
    action: ClassVar[str] = "void-call"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_call(case, actor, at, self.number, self.reason)


@dataclass(frozen=True)
class VoidPlan(Command):
    reason: str = PROBE
    action: ClassVar[str] = "void-plan"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_plan(case, actor, at, self.reason)


@dataclass(frozen=True)
class VoidFollowUp(Command):
    reason: str = PROBE
    action: ClassVar[str] = "void-follow-up"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_follow_up(case, actor, at, self.reason)


@dataclass(frozen=True)
class VoidFollowUpEntry(Command):
    activity_id: int = 0
    reason: str = PROBE
    action: ClassVar[str] = "void-follow-up-entry"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_follow_up_entry(case, actor, at, self.activity_id, self.reason)


@dataclass(frozen=True)
class VoidEvaluation(Command):
    reason: str = PROBE
    action: ClassVar[str] = "void-evaluation"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_evaluation(case, actor, at, self.reason)


@dataclass(frozen=True)
class VoidMessage(Command):
    number: int = 0
    reason: str = PROBE
    action: ClassVar[str] = "void-message"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        voiding.void_message(case, actor, at, self.number, self.reason)


# --- documents: Spara, Signera, Lås, Ta över ------------------------------------------------


@dataclass(frozen=True)
class SaveMapping(Command):
    text: doc.MappingText = field(default_factory=doc.MappingText)
    base_version: int | None = None
    action: ClassVar[str] = "save-mapping"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.save_mapping(case, actor, at, self.text, self.base_version)


@dataclass(frozen=True)
class SavePlan(Command):
    content: doc.PlanContent = field(default_factory=doc.PlanContent)
    base_version: int | None = None
    action: ClassVar[str] = "save-plan"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.save_plan(case, actor, at, self.content, self.base_version)

    def units(self) -> Mapping[str, Sequence[str]]:
        goals = self.content.goals
        return {
            "attendees": [attendee.unit for attendee in self.content.attendees],
            "goals": [activity.responsible_unit for goal in goals for activity in goal.activities],
        }


@dataclass(frozen=True)
class SaveFollowUp(Command):
    entries: Sequence[doc.ActivityFollowUp] = ()
    base_version: int = 0
    action: ClassVar[str] = "save-follow-up"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.save_follow_up(case, actor, at, list(self.entries), self.base_version)


@dataclass(frozen=True)
class SaveEvaluation(Command):
    summary: str = ""
    meeting_at: datetime | None = None
    base_version: int | None = None
    action: ClassVar[str] = "save-evaluation"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.save_evaluation(case, actor, at, self.summary, self.meeting_at, self.base_version)


@dataclass(frozen=True)
class DocumentCommand(Command):
    kind: doc.DocumentKind = doc.DocumentKind.MAPPING
    verb: ClassVar[str] = ""

    @property
    def log_action(self) -> str:
        return f"{self.verb}-{self.kind.value}"


@dataclass(frozen=True)
class Sign(DocumentCommand):
    """Signera: the text becomes readable by others; the edit lock is released."""

    verb: ClassVar[str] = "sign"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.sign(case, actor, at, self.kind)


@dataclass(frozen=True)
class Lock(DocumentCommand):
    """Lås the version the coordinator saw (``base_version``): refused if it changed since."""

    base_version: int | None = None
    verb: ClassVar[str] = "lock"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.lock(case, actor, at, self.kind, self.base_version)


@dataclass(frozen=True)
class TakeOver(DocumentCommand):
    verb: ClassVar[str] = "take-over"

    def apply(self, case: Case, actor: Actor, at: datetime) -> None:
        doc.take_over(case, actor, at, self.kind)


Void = (
    VoidInitiative
    | VoidMapping
    | VoidCall
    | VoidPlan
    | VoidFollowUp
    | VoidFollowUpEntry
    | VoidEvaluation
    | VoidMessage
)
