"""What the case screen says about a case, as plain text: task and answer words, what our
unit must acknowledge, unread messages, external participants, the history."""

from __future__ import annotations

from rich.text import Text

from sip_tui.domain.documents import DocumentKind, document_for
from sip_tui.domain.model import Answer, Case, JoinedVia, Participant, Plan
from sip_tui.domain.status import TaskKind
from sip_tui.domain.texts import short_moment
from sip_tui.ui.widgets.literal import visible

TASKS = {
    TaskKind.SEND_INITIATIVE: "skicka initiativet",
    TaskKind.ANSWER_INITIATIVE: "kvittera initiativet",
    TaskKind.SIGN: "signera",
    TaskKind.LOCK_MAPPING: "låsa kartläggningen",
    TaskKind.SEND_CALL: "skicka kallelse (utskrivningsklar)",
    TaskKind.CALL_NEW_PLAN: "skicka kallelse till den nya planens enheter",
    TaskKind.ANSWER_CALL: "kvittera kallelsen",
    TaskKind.DOCUMENT_PLAN: "dokumentera och låsa planen",
    TaskKind.FOLLOW_UP_ACTIVITY: "följa upp aktivitet",
    TaskKind.LOCK_FOLLOW_UP: "låsa uppföljningen",
    TaskKind.DOCUMENT_EVALUATION: "dokumentera och låsa utvärderingen",
    TaskKind.READ_MESSAGE: "läsa meddelande",
}
ANSWERS = {
    Answer.PENDING: "väntar på svar",
    Answer.ACCEPTED: "accepterat",
    Answer.DECLINED: "nekat",
    Answer.FORWARDED: "vidarebefordrat",
}
#: A unit that got no initiative has answered nothing: how it came into the case.
JOINED = {
    JoinedVia.COORDINATOR: "samordnande",
    JoinedVia.PLAN: "tillagd via planen",
    JoinedVia.MESSAGE: "tillagd via meddelande",
}


def joined_text(participant: Participant) -> str:
    """A unit's place in the case: its answer to the initiative when it got one, otherwise
    how it joined ("tillagd via planen"), never an acceptance it did not give."""
    if participant.via is JoinedVia.FORWARD:
        return f"vidarebefordrat hit, {ANSWERS[participant.state]}"
    if participant.via in JOINED:
        return JOINED[participant.via]
    return ANSWERS[participant.state]


def external_lines(case: Case, unit: str) -> list[str]:
    """External participants: the plan's as ``unit`` reads it (name, relation, contact)
    and the calls' Övrigt."""
    lines = []
    plan = document_for(case, DocumentKind.PLAN, unit)
    for external in plan.externals if isinstance(plan, Plan) else []:
        details = ", ".join(x for x in (external.relation, external.contact) if x)
        lines.append(external.name + (f" ({details})" if details else ""))
    for call in case.active_calls(cycle=case.cycle):
        if call.others:
            lines.append(f"Kallade till {call.kind.label}: {call.others}")
    return lines


def history_text(case: Case) -> Text:
    """Who did what, when, in which phase: two lines an event, newest first, literal."""
    text = Text()
    for event in reversed(case.history):
        phase = event.phase.label if event.phase is not None else "Ärendet"
        text.append(f"{short_moment(event.at)}  {phase:<12} ", style="bold")
        text.append(visible(f"{case.user_name(event.user)} ({case.unit_name(event.unit)})") + "\n")
        detail = f": {event.detail}" if event.detail else ""
        text.append(visible(f"  {event.action}{detail}") + "\n")
    return text
