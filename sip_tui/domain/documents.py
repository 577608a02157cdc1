"""Kartläggning, Plan, Uppföljning and Utvärdering: Spara, Signera, Lås, take over.

*Spara* saves and takes the form's edit lock: nobody else may edit it until the holder
*Signerar*. Every save carries the version the user started from; if the document has
changed since, the save is refused with :class:`EditConflict` naming who changed it, and
the caller keeps the user's text. *Lås* (coordinator only) closes the form for good.

Unsigned text is the writer's: *"När du är klar med din redigering, signerar du det du
skrivit. Nu kan andra användare läsa i dokumentet."* *Signera* keeps a copy of the document
(``Document.signed``); while someone edits, :func:`document_for` gives every other unit
that copy (with "redigeras av …"), and the writer's unit the draft. *Lås* takes the signed
version: the coordinator cannot lock over another person's unsigned draft without taking
it over first, and locks only the version the form showed (``base_version``). An edit lock
belongs to a person *on a unit*: the same login on another unit does not hold it.
"""

from __future__ import annotations

import copy
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sip_tui.domain.clock import elapsed
from sip_tui.domain.errors import (
    DomainError,
    EditConflict,
    EditLocked,
    InvalidInput,
    NotAllowed,
    WrongState,
)
from sip_tui.domain.model import (
    Activity,
    ActivityStatus,
    Answer,
    Attendee,
    Case,
    Document,
    EditLock,
    Evaluation,
    ExternalParticipant,
    FollowUp,
    FollowUpEntry,
    Goal,
    JoinedVia,
    Mapping,
    Participant,
    Phase,
    Plan,
)
from sip_tui.domain.recording import record
from sip_tui.domain.roles import EDIT_ROLES, Actor
from sip_tui.domain.rules import (
    check_access,
    check_coordinator,
    check_create_mapping,
    check_create_plan,
    check_editor,
    check_member,
    check_open,
    check_role,
    require,
    required_text,
)
from sip_tui.domain.texts import duration, short_moment

#: An edit lock nobody has saved under for this long may be taken over by the coordinator.
STALE_LOCK_AFTER = timedelta(minutes=30)


class DocumentKind(StrEnum):
    MAPPING = "mapping"
    PLAN = "plan"
    FOLLOW_UP = "follow-up"
    EVALUATION = "evaluation"

    @property
    def label(self) -> str:
        """The definite form used in messages: "kartläggningen"."""
        return _LABELS[self]

    @property
    def phase(self) -> Phase:
        return (
            Phase.KAR
            if self is DocumentKind.MAPPING
            else (Phase.SIP if self is DocumentKind.PLAN else Phase.UPP)
        )


_LABELS = {
    DocumentKind.MAPPING: "kartläggningen",
    DocumentKind.PLAN: "planen",
    DocumentKind.FOLLOW_UP: "uppföljningen",
    DocumentKind.EVALUATION: "utvärderingen",
}


def document(case: Case, kind: DocumentKind) -> Document | None:
    if kind is DocumentKind.MAPPING:
        return case.active_mapping()
    if kind is DocumentKind.PLAN:
        return case.current_plan()
    if kind is DocumentKind.FOLLOW_UP:
        return case.follow_up()
    return case.evaluation()


def _who(case: Case, lock: EditLock) -> str:
    return f"{lock.user_name} ({case.unit_name(lock.unit)})"


def holds(lock: EditLock | None, actor: Actor) -> bool:
    """The edit lock is this person's *on this unit* (the same login elsewhere is not)."""
    return lock is not None and lock.user == actor.user and lock.unit == actor.unit


def signed_copy(doc: Document) -> Document:
    """The document's text as it stands, to be kept as its last signed version (the
    bookkeeping — signatures, lock, voiding — stays with the live document)."""
    return copy.deepcopy(replace(doc, **unsigned_bookkeeping(doc)))


def unsigned_bookkeeping(doc: Document) -> dict[str, Any]:
    """The fields a signed copy leaves to the live document (so that a copy read back
    from the store equals the one kept at the signature)."""
    cleared: dict[str, Any] = {
        "edit_lock": None,
        "signed": None,
        "signatures": [],
        "locked_at": None,
        "locked_by": None,
        "voided": None,
    }
    if isinstance(doc, Plan):
        cleared["archived_at"] = None
    return cleared


def _blank_content(doc: Document) -> dict[str, Any]:
    """The text fields of ``doc`` as a document nobody has signed yet has them: empty."""
    blank: dict[str, Any] = {}
    for f in fields(doc):
        if f.name in doc.CONTENT:
            empty = f.default_factory() if f.default_factory is not MISSING else f.default
            blank[f.name] = empty
    return blank


def document_for(case: Case, kind: DocumentKind, unit: str) -> Document | None:
    """What ``unit`` may read of the document: its own unit's unsigned draft, else the last
    signed version (empty when nothing is signed yet), with who edits it meanwhile."""
    doc = document(case, kind)
    if doc is None or doc.edit_lock is None or doc.edit_lock.unit == unit:
        return doc
    signed = doc.signed
    if signed is None:
        return replace(doc, version=0, updated_at=None, updated_by=None, **_blank_content(doc))
    content = {name: copy.deepcopy(getattr(signed, name)) for name in doc.CONTENT}
    return replace(
        doc,
        version=signed.version,
        updated_at=signed.updated_at,
        updated_by=signed.updated_by,
        **content,
    )


def _check_editable(
    case: Case, actor: Actor, kind: DocumentKind, doc: Document, base_version: int | None
) -> None:
    """Everything a save into an existing document must pass, in the order users meet it."""
    label = kind.label
    if doc.is_locked:
        raise WrongState(
            f"{label.capitalize()} är låst av samordningsansvarig och kan inte längre redigeras."
        )
    lock = doc.edit_lock
    if lock is not None and not holds(lock, actor):
        raise EditLocked(
            f"{label.capitalize()} redigeras av {_who(case, lock)} sedan "
            f"{short_moment(lock.since)}; du kan ändra när den är signerad.",
            lock.user_name,
            lock.since,
        )
    if base_version != doc.version:
        changed_at = doc.updated_at or doc.created_at
        changed_by = doc.updated_by or doc.created_by
        raise EditConflict(
            f"{label.capitalize()} har ändrats av {case.user_name(changed_by)} "
            f"{short_moment(changed_at)} "
            "sedan du öppnade den. Din text finns kvar: jämför med den nya versionen och "
            "spara igen.",
            changed_by,
            changed_at,
            doc.version,
        )


def _saved(
    case: Case, actor: Actor, at: datetime, kind: DocumentKind, doc: Document, created: bool
) -> None:
    if not created:
        doc.version += 1
    doc.updated_at, doc.updated_by = at, actor.user
    if not holds(doc.edit_lock, actor):
        doc.edit_lock = EditLock(actor.user, actor.name, actor.unit, at)
    record(case, actor, at, f"Sparade {kind.label}", kind.phase)


def _check_may_edit(case: Case, actor: Actor, kind: DocumentKind) -> None:
    require(
        check_open(case),
        check_access(case, actor.unit),
        check_editor(actor, f"redigera {kind.label}"),
        check_member(case, actor.unit),
    )


# --- Kartläggning ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MappingText:
    situation: str = ""
    background: str = ""
    assessment: str = ""
    recommendation: str = ""


def save_mapping(
    case: Case, actor: Actor, at: datetime, text: MappingText, base_version: int | None
) -> Mapping:
    """Spara kartläggningen; ``base_version`` None creates it."""
    _check_may_edit(case, actor, DocumentKind.MAPPING)
    mapping = case.active_mapping()
    created = mapping is None
    if mapping is None:
        if base_version is not None:
            raise WrongState("Kartläggningen har makulerats sedan du öppnade den.")
        require(check_create_mapping(case, actor.unit))
        mapping = Mapping(created_at=at, created_by=actor.user)
        case.mapping = mapping
    else:
        _check_editable(case, actor, DocumentKind.MAPPING, mapping, base_version)
    mapping.situation, mapping.background = text.situation, text.background
    mapping.assessment, mapping.recommendation = text.assessment, text.recommendation
    _saved(case, actor, at, DocumentKind.MAPPING, mapping, created)
    return mapping


# --- Plan ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanContent:
    meeting_on: date | None = None
    evaluation_on: date | None = None
    situation: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    externals: list[ExternalParticipant] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)  # id 0 means new
    documenting_unit: str = ""  # "" = the coordinating unit


def _validate_plan(content: PlanContent) -> None:
    if content.meeting_on and content.evaluation_on and content.evaluation_on <= content.meeting_on:
        raise InvalidInput("Planerad utvärdering måste ligga efter mötesdatumet.", "evaluation_on")
    for number, goal in enumerate(content.goals, start=1):
        required_text(goal.goal, f"goals.{number}.goal", f"Mål {number} saknar text.")
        for index, activity in enumerate(goal.activities, start=1):
            where = f"goals.{number}.activities.{index}"
            required_text(
                activity.text, f"{where}.text", f"Aktivitet {index} under mål {number} saknar text."
            )
            required_text(
                activity.responsible_unit,
                f"{where}.responsible_unit",
                f"Ange ansvarig enhet för aktivitet {index} under mål {number}.",
            )
    for number, attendee in enumerate(content.attendees, start=1):
        required_text(
            attendee.unit, f"attendees.{number}.unit", f"Välj enhet för deltagare {number}."
        )
    for external in content.externals:
        required_text(external.name, "externals", "Övriga deltagare måste ha ett namn.")


def _numbered(goals: list[Goal]) -> list[Goal]:
    """Give new goals and activities (id 0) ids after the highest one in use."""
    next_goal = max((goal.id for goal in goals), default=0) + 1
    activity_ids = [activity.id for goal in goals for activity in goal.activities]
    next_activity = max(activity_ids, default=0) + 1
    numbered = []
    for goal in goals:
        activities = []
        for activity in goal.activities:
            if activity.id == 0:
                activity = Activity(
                    next_activity,
                    activity.text,
                    activity.responsible_unit,
                    activity.responsible_person,
                    activity.follow_up_on,
                )
                next_activity += 1
            activities.append(activity)
        goal_id = goal.id
        if goal_id == 0:
            goal_id, next_goal = next_goal, next_goal + 1
        numbered.append(Goal(goal_id, goal.goal, goal.strengths, goal.obstacles, activities))
    return numbered


def save_plan(
    case: Case, actor: Actor, at: datetime, content: PlanContent, base_version: int | None
) -> Plan:
    """Spara planen. Units among the attendees or responsible for an activity join the case."""
    _check_may_edit(case, actor, DocumentKind.PLAN)
    _validate_plan(content)
    plan = case.current_plan()
    created = plan is None
    if plan is None:
        if base_version is not None:
            raise WrongState("Planen har makulerats sedan du öppnade den.")
        require(check_create_plan(case, actor.unit))
        plan = Plan(created_at=at, created_by=actor.user, cycle=case.cycle)
        case.plans.append(plan)
    else:
        _check_editable(case, actor, DocumentKind.PLAN, plan, base_version)
    plan.meeting_on, plan.evaluation_on = content.meeting_on, content.evaluation_on
    plan.situation = content.situation
    plan.attendees = list(content.attendees)
    plan.externals = list(content.externals)
    plan.goals = _numbered(list(content.goals))
    plan.documenting_unit = _documenting_unit(case, content.documenting_unit)
    units = [a.unit for a in plan.attendees] + [a.responsible_unit for a in plan.activities()]
    for unit in dict.fromkeys(units):
        # A recipient still to answer the initiative keeps that task: being in the plan is
        # no answer (no invented acknowledgement); only a unit without access is added.
        if not case.has_access(unit):
            case.participants[unit] = Participant(unit, JoinedVia.PLAN, Answer.ACCEPTED, at)
    _saved(case, actor, at, DocumentKind.PLAN, plan, created)
    return plan


def documenting_unit(case: Case, plan: Plan) -> str:
    """The unit responsible for documenting ``plan``. Seed 001: "Samordningsansvarig är
    också dokumentationsansvarig om man inte kommer överens om något annat på mötet"."""
    return plan.documenting_unit or case.coordinator_unit


def _documenting_unit(case: Case, unit: str) -> str:
    unit = unit.strip()
    if unit in ("", case.coordinator_unit):
        return ""
    if not case.has_access(unit):
        raise InvalidInput(
            f"{case.unit_name(unit)} deltar inte i ärendet och kan inte vara "
            "dokumentationsansvarig; välj en enhet i ärendet.",
            "documenting_unit",
        )
    return unit


def _check_may_lock(case: Case, actor: Actor, kind: DocumentKind) -> DomainError | None:
    """Lås is the coordinator's, and for the plan also its documenting unit's (an editor
    there), when the meeting agreed that another unit documents it."""
    plan = case.current_plan() if kind is DocumentKind.PLAN else None
    if plan is not None and plan.documenting_unit and actor.unit == plan.documenting_unit:
        return check_access(case, actor.unit) or check_role(actor, EDIT_ROLES, "låsa planen")
    return check_coordinator(case, actor, f"låsa {kind.label}")


# --- Uppföljning och utvärdering ------------------------------------------------------------


@dataclass(frozen=True)
class ActivityFollowUp:
    activity_id: int
    comment: str
    status: ActivityStatus


def save_follow_up(
    case: Case, actor: Actor, at: datetime, entries: list[ActivityFollowUp], base_version: int
) -> FollowUp:
    """Följ upp aktivitet: the responsible unit (or the coordinator) comments each one."""
    _check_may_edit(case, actor, DocumentKind.FOLLOW_UP)
    follow_up = case.follow_up()
    plan = case.current_plan()
    if follow_up is None or plan is None:
        raise WrongState("Uppföljningen är inte aktiverad av samordningsansvarig.")
    _check_editable(case, actor, DocumentKind.FOLLOW_UP, follow_up, base_version)
    activities = {activity.id: activity for activity in plan.activities()}
    for entry in entries:
        activity = activities.get(entry.activity_id)
        if activity is None:
            raise InvalidInput(f"Aktivitet {entry.activity_id} finns inte i planen.")
        if actor.unit not in (activity.responsible_unit, case.coordinator_unit):
            raise NotAllowed(f"Er enhet ansvarar inte för aktiviteten «{activity.text}».")
        required_text(
            entry.comment,
            f"activity.{entry.activity_id}",
            f"Skriv en kommentar till aktiviteten «{activity.text}».",
        )
    for entry in entries:
        follow_up.entries[entry.activity_id] = FollowUpEntry(
            entry.activity_id, entry.comment.strip(), entry.status, actor.user, actor.unit, at
        )
    _saved(case, actor, at, DocumentKind.FOLLOW_UP, follow_up, created=False)
    return follow_up


def save_evaluation(
    case: Case,
    actor: Actor,
    at: datetime,
    summary: str,
    meeting_at: datetime | None,
    base_version: int | None,
) -> Evaluation:
    """Dokumentera utvärderingen (coordinator), after the follow-up is locked."""
    require(check_open(case), check_coordinator(case, actor, "dokumentera utvärderingen"))
    follow_up = case.follow_up()
    if follow_up is None or not follow_up.is_locked:
        raise WrongState("Utvärderingen kan dokumenteras när uppföljningen är låst.")
    evaluation = case.evaluation()
    created = evaluation is None
    if evaluation is None:
        if base_version is not None:
            raise WrongState("Utvärderingen har makulerats sedan du öppnade den.")
        evaluation = Evaluation(created_at=at, created_by=actor.user, cycle=case.cycle)
        case.evaluations[case.cycle] = evaluation
    else:
        _check_editable(case, actor, DocumentKind.EVALUATION, evaluation, base_version)
    evaluation.summary, evaluation.meeting_at = summary, meeting_at
    _saved(case, actor, at, DocumentKind.EVALUATION, evaluation, created)
    return evaluation


# --- Signera, Lås, ta över ---------------------------------------------------------------------


def _existing(case: Case, kind: DocumentKind) -> Document:
    doc = document(case, kind)
    if doc is None:
        raise WrongState(f"Det finns ingen {kind.label.removesuffix('en')} ännu.")
    return doc


def _sign(case: Case, actor: Actor, at: datetime, kind: DocumentKind, doc: Document) -> None:
    doc.edit_lock = None
    doc.signatures.append((actor.user, actor.unit, at))
    doc.signed = signed_copy(doc)
    record(case, actor, at, f"Signerade {kind.label}", kind.phase)


def sign(case: Case, actor: Actor, at: datetime, kind: DocumentKind) -> None:
    """Signera: done editing; others may now read and edit. Releases our edit lock.

    Only the person who holds the edit lock, on the unit where they took it, and in a role
    that may edit there, signs."""
    require(
        check_open(case),
        check_access(case, actor.unit),
        check_editor(actor, f"signera {kind.label}"),
        check_member(case, actor.unit),
    )
    doc = _existing(case, kind)
    if not holds(doc.edit_lock, actor):
        raise WrongState(f"Du har inga osignerade ändringar i {kind.label}.")
    _sign(case, actor, at, kind, doc)


def _check_complete(kind: DocumentKind, doc: Document) -> None:
    """What the seed requires of a plan and an evaluation before they are locked."""
    if isinstance(doc, Plan):
        if doc.meeting_on is None:
            raise InvalidInput("Planen kan inte låsas utan mötesdatum.", "meeting_on")
        if doc.evaluation_on is None:
            raise InvalidInput(
                "Planen kan inte låsas utan datum för planerad utvärdering.", "evaluation_on"
            )
        if not any(a.text.strip() and a.responsible_unit for a in doc.activities()):
            raise InvalidInput(
                "Planen kan inte låsas utan minst ett mål med en aktivitet och en ansvarig.",
                "goals",
            )
    if isinstance(doc, Evaluation) and not doc.summary.strip():
        raise InvalidInput(
            "Utvärderingen ska dokumenteras med en sammanfattande beskrivning av resultatet "
            "för målen och aktiviteterna innan den låses.",
            "summary",
        )


def lock(
    case: Case, actor: Actor, at: datetime, kind: DocumentKind, base_version: int | None = None
) -> None:
    """Lås (coordinator): closes the form for further editing.

    Locks the version the coordinator saw (``base_version``; ``None`` only from scripts
    that read the case they lock). Another person's unsigned draft must be taken over
    first; the coordinator's own draft is signed by locking it."""
    require(check_open(case), _check_may_lock(case, actor, kind))
    doc = _existing(case, kind)
    if doc.is_locked:
        raise WrongState(f"{kind.label.capitalize()} är redan låst.")
    held = doc.edit_lock
    if held is not None and not holds(held, actor):
        raise EditLocked(
            f"{kind.label.capitalize()} redigeras av {_who(case, held)} sedan "
            f"{short_moment(held.since)}; be om signering eller ta över redigeringen (Ta "
            "över) först: osignerad text kan inte låsas.",
            held.user_name,
            held.since,
        )
    if base_version is not None and base_version != doc.version:
        changed_at = doc.updated_at or doc.created_at
        changed_by = doc.updated_by or doc.created_by
        raise EditConflict(
            f"{kind.label.capitalize()} har ändrats av {case.user_name(changed_by)} "
            f"{short_moment(changed_at)} sedan du öppnade den; läs den nya versionen innan "
            "du låser.",
            changed_by,
            changed_at,
            doc.version,
        )
    _check_complete(kind, doc)
    if held is not None:
        _sign(case, actor, at, kind, doc)
    doc.locked_at, doc.locked_by = at, actor.user
    record(case, actor, at, f"Låste {kind.label}", kind.phase)


def take_over(case: Case, actor: Actor, at: datetime, kind: DocumentKind) -> None:
    """The coordinator takes over an edit lock nobody has saved under for a while."""
    require(check_open(case), check_coordinator(case, actor, "ta över redigeringen"))
    doc = _existing(case, kind)
    held = doc.edit_lock
    if held is None or holds(held, actor):
        raise WrongState(f"Ingen annan redigerar {kind.label}.")
    last_activity = max(held.since, doc.updated_at or held.since)
    idle = elapsed(at, last_activity)
    if idle < STALE_LOCK_AFTER:
        raise WrongState(
            f"{_who(case, held)} sparade {kind.label} för {duration(idle)} sedan; "
            f"redigeringen kan tas över efter {duration(STALE_LOCK_AFTER)} utan ändringar."
        )
    doc.edit_lock = EditLock(actor.user, actor.name, actor.unit, at)
    record(
        case,
        actor,
        at,
        f"Tog över redigeringen av {kind.label}",
        kind.phase,
        f"med osignerade ändringar från {_who(case, held)}",
    )
