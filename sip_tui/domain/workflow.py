"""The SIP process as actions on a case: the initiative and its answers, cycles, closing.

Every action takes the acting user (:class:`Actor`) and the moment, checks who may do it
and when, and either changes the case (appending to its history) or raises a
:class:`DomainError` with a Swedish message and leaves the case untouched. Calls, messages,
voiding and the documents have modules of their own (``calls``, ``messages``, ``voiding``,
``documents``); the statuses and tasks are derived in ``status``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import datetime

from sip_tui.domain.errors import InvalidInput, WrongState
from sip_tui.domain.model import (
    Answer,
    Case,
    Consent,
    ConsentBy,
    FollowUp,
    Individual,
    Initiative,
    JoinedVia,
    Participant,
    Phase,
    Plan,
)
from sip_tui.domain.recording import record
from sip_tui.domain.roles import COORDINATE_ROLES, Actor
from sip_tui.domain.rules import (
    aware,
    check_access,
    check_acknowledger,
    check_activate_follow_up,
    check_coordinator,
    check_member,
    check_open,
    check_role,
    check_sent,
    limited_text,
    require,
    required_text,
)
from sip_tui.domain.texts import short_moment

# --- the case and its initiative ------------------------------------------------------------


def _check_recipients(actor: Actor, recipients: Iterable[str]) -> list[str]:
    units = list(dict.fromkeys(unit.strip() for unit in recipients if unit.strip()))
    if actor.unit in units:
        raise InvalidInput("Er egen enhet kan inte vara mottagare av initiativet.", "recipients")
    return units


def new_case(
    *,
    case_id: int,
    actor: Actor,
    at: datetime,
    individual: Individual,
    reason: str,
    consent: Consent,
    recipients: Iterable[str],
    unit_names: Mapping[str, str] | None = None,
    discharge_ready_at: datetime | None = None,
    typed_name: str | None = None,
) -> Case:
    """Nytt ärende: a case with a draft initiative; the actor's unit coordinates.

    ``individual`` is the individual as registered; ``typed_name`` what the coordinator
    typed (by default the registered name). A known individual keeps the registered name
    in every case; a different spelling typed for the new case is kept in its history."""
    aware(at)
    require(check_role(actor, COORDINATE_ROLES, "skapa ärenden"))
    typed = required_text(
        individual.name if typed_name is None else typed_name, "name", "Ange den enskildes namn."
    )
    registered = individual.name.strip() or typed
    individual = Individual(individual.personnummer, registered)
    initiative = Initiative(
        reason=limited_text(reason.strip(), "reason"),
        consent=consent,
        recipients=_check_recipients(actor, recipients),
        created_at=at,
    )
    case = Case(
        id=case_id,
        individual=individual,
        coordinator_unit=actor.unit,
        coordinator_user=actor.user,
        created_at=at,
        initiative=initiative,
        participants={
            actor.unit: Participant(actor.unit, JoinedVia.COORDINATOR, Answer.ACCEPTED, at)
        },
        unit_names=dict(unit_names or {}),
        discharge_ready_at=discharge_ready_at,
    )
    spelled = (
        "" if typed == registered else f"namnet angavs som {typed}; registrerat namn: {registered}"
    )
    record(case, actor, at, "Skapade ärendet", Phase.INI, spelled)
    return case


def update_initiative(
    case: Case,
    actor: Actor,
    at: datetime,
    *,
    reason: str,
    consent: Consent,
    recipients: Iterable[str],
) -> None:
    """Spara: change the initiative while it is still a draft."""
    require(check_open(case), check_coordinator(case, actor, "ändra initiativet"))
    if case.initiative.sent_at is not None:
        raise WrongState("Initiativet är redan skickat och kan inte ändras.")
    units = _check_recipients(actor, recipients)
    case.initiative.reason = limited_text(reason.strip(), "reason")
    case.initiative.consent = consent
    case.initiative.recipients = units
    record(case, actor, at, "Sparade initiativet", Phase.INI)


def send_initiative(case: Case, actor: Actor, at: datetime) -> None:
    """Skicka: the chosen recipients get the initiative and must acknowledge it."""
    require(check_open(case), check_coordinator(case, actor, "skicka initiativet"))
    initiative = case.initiative
    if initiative.sent_at is not None:
        raise WrongState("Initiativet är redan skickat.")
    required_text(initiative.reason, "reason", "Ange anledningen till initiativet.")
    if not initiative.consent.given:
        raise InvalidInput(
            "Samtycke krävs: initiativet kan skickas först när den enskilde eller "
            "ställföreträdaren har samtyckt.",
            "consent",
        )
    _check_consent_record(initiative.consent, at)
    if not initiative.recipients:
        raise InvalidInput("Välj minst en mottagande enhet.", "recipients")
    initiative.sent_at = at
    initiative.sent_by = actor.user
    for unit in initiative.recipients:
        case.participants[unit] = Participant(unit, JoinedVia.INITIATIVE, Answer.PENDING, at)
    record(
        case,
        actor,
        at,
        "Skickade initiativet",
        Phase.INI,
        ", ".join(case.unit_name(unit) for unit in initiative.recipients),
    )


def _check_consent_record(consent: Consent, at: datetime) -> None:
    """A given consent must say who gave it, who obtained it and when (not in the future)."""
    if consent.by is ConsentBy.REPRESENTATIVE and not consent.representative.strip():
        raise InvalidInput(
            "Ange ställföreträdarens namn (vårdnadshavare, god man eller förvaltare).",
            "consent.representative",
        )
    if not consent.obtained_by.strip():
        raise InvalidInput("Ange vem som inhämtade samtycket.", "consent.obtained_by")
    if consent.obtained_on > at.date():
        raise InvalidInput("Samtyckets datum kan inte ligga i framtiden.", "consent.obtained_on")


def _pending_initiative(case: Case, actor: Actor, what: str) -> Participant:
    require(check_sent(case), check_access(case, actor.unit), check_acknowledger(actor, what))
    participant = case.participants[actor.unit]
    if participant.state is not Answer.PENDING:
        raise WrongState("Er enhet har redan kvitterat initiativet.")
    return participant


def _answer(
    participant: Participant, actor: Actor, at: datetime, state: Answer, comment: str
) -> None:
    participant.state = state
    participant.comment = comment
    participant.answered_at = at
    participant.answered_by = actor.user


def accept_initiative(case: Case, actor: Actor, at: datetime, comment: str = "") -> None:
    """Acceptera: our unit has a commitment to the individual and joins the case."""
    participant = _pending_initiative(case, actor, "kvittera initiativ")
    _answer(participant, actor, at, Answer.ACCEPTED, comment.strip())
    record(case, actor, at, "Accepterade initiativet", Phase.INI, comment.strip())


def decline_initiative(case: Case, actor: Actor, at: datetime, reason: str) -> None:
    """Neka: no commitment. Requires a reason; the unit loses its access to the case."""
    participant = _pending_initiative(case, actor, "kvittera initiativ")
    text = required_text(reason, "reason", "Ange varför initiativet nekas.")
    _answer(participant, actor, at, Answer.DECLINED, text)
    record(case, actor, at, "Nekade initiativet", Phase.INI, text)


def forward_initiative(
    case: Case, actor: Actor, at: datetime, to_unit: str, comment: str = ""
) -> None:
    """Vidarebefordra a misdirected initiative to the right unit; ours loses access."""
    participant = _pending_initiative(case, actor, "vidarebefordra initiativ")
    target = to_unit.strip()
    if not target or target == actor.unit:
        raise InvalidInput("Välj den enhet som initiativet ska vidarebefordras till.", "to_unit")
    if case.has_access(target):
        raise InvalidInput(f"{case.unit_name(target)} deltar redan i ärendet.", "to_unit")
    _answer(participant, actor, at, Answer.FORWARDED, comment.strip())
    participant.forwarded_to = target
    case.participants[target] = Participant(target, JoinedVia.FORWARD, Answer.PENDING, at)
    record(
        case, actor, at, "Vidarebefordrade initiativet", Phase.INI, f"till {case.unit_name(target)}"
    )


def set_discharge_ready(case: Case, actor: Actor, at: datetime, ready_at: datetime) -> None:
    """Utskrivningsklar: the call to planning must then go out within 3 days."""
    require(
        check_open(case),
        check_member(case, actor.unit),
        check_acknowledger(actor, "registrera utskrivningsklar"),
    )
    aware(ready_at)
    case.discharge_ready_at = ready_at
    record(case, actor, at, "Registrerade utskrivningsklar", Phase.KAL, short_moment(ready_at))


# --- follow-up, new plan, closing -------------------------------------------------------------


def activate_follow_up(case: Case, actor: Actor, at: datetime) -> FollowUp:
    """Aktivera uppföljning (coordinator, once the plan is locked)."""
    require(
        check_open(case),
        check_coordinator(case, actor, "aktivera uppföljningen"),
        check_activate_follow_up(case, actor.unit),
    )
    follow_up = FollowUp(created_at=at, created_by=actor.user, cycle=case.cycle)
    case.follow_ups[case.cycle] = follow_up
    record(case, actor, at, "Aktiverade uppföljningen", Phase.UPP)
    return follow_up


def new_plan(case: Case, actor: Actor, at: datetime) -> Plan:
    """Ny plan: archive the locked plan and start an editable copy in a new cycle."""
    require(check_open(case), check_coordinator(case, actor, "skapa ny plan"))
    current = case.current_plan()
    if current is None or not current.is_locked:
        raise WrongState("Ny plan kan skapas först när den nuvarande planen är låst.")
    current.archived_at = at
    case.cycle += 1
    plan = Plan(
        created_at=at,
        created_by=actor.user,
        cycle=case.cycle,
        situation=current.situation,
        attendees=copy.deepcopy(current.attendees),
        externals=copy.deepcopy(current.externals),
        goals=copy.deepcopy(current.goals),
        documenting_unit=current.documenting_unit,
    )
    case.plans.append(plan)
    record(case, actor, at, "Skapade ny plan", Phase.SIP, f"plan {case.cycle}")
    return plan


def close_case(case: Case, actor: Actor, at: datetime) -> None:
    """Avsluta ärendet after the evaluation is locked."""
    require(check_open(case), check_coordinator(case, actor, "avsluta ärendet"))
    evaluation = case.evaluation()
    if evaluation is not None and not evaluation.summary.strip():
        # "Utvärderingen ska dokumenteras med en sammanfattande beskrivning av resultatet
        # för målen och aktiviteterna."
        raise WrongState(
            "Ärendet kan inte avslutas: utvärderingen saknar en sammanfattande beskrivning "
            "av resultatet för målen och aktiviteterna."
        )
    if evaluation is None or not evaluation.is_locked:
        raise WrongState("Ärendet kan avslutas när utvärderingen är dokumenterad och låst.")
    case.closed_at = at
    record(case, actor, at, "Avslutade ärendet", Phase.UPP)
