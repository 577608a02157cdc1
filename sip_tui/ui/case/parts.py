"""The case screen's list of parts: one line per part, with our unit's status glyph and a
short plain-text summary of where the part stands."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sip_tui.domain.documents import DocumentKind, document_for
from sip_tui.domain.model import Answer, Case, Document, Phase, Status
from sip_tui.domain.status import column_statuses
from sip_tui.domain.texts import short_moment


class Part(StrEnum):
    """What the case screen can open: one form each."""

    INITIATIVE = "initiative"
    MAPPING = "mapping"
    CALL = "call"
    PLAN = "plan"
    FOLLOW_UP = "follow-up"
    EVALUATION = "evaluation"
    MESSAGES = "messages"


PARTS = {
    Part.INITIATIVE: (Phase.INI, "Initiativ"),
    Part.MAPPING: (Phase.KAR, "Kartläggning"),
    Part.CALL: (Phase.KAL, "Kallelse"),
    Part.PLAN: (Phase.SIP, "Plan"),
    Part.FOLLOW_UP: (Phase.UPP, "Uppföljning"),
    Part.EVALUATION: (Phase.UPP, "Utvärdering"),
    Part.MESSAGES: (Phase.MED, "Meddelanden"),
}


@dataclass(frozen=True)
class PartLine:
    part: Part
    label: str
    status: Status
    summary: str


def _document(document: Document | None, started: str = "påbörjad") -> str:
    if document is None:
        return "inte påbörjad"
    if document.is_locked and document.locked_at is not None:
        return f"låst {short_moment(document.locked_at)}"
    if document.edit_lock is not None:
        return f"{started}, redigeras av {document.edit_lock.user_name}"
    return f"{started}, version {document.version}"


def _initiative(case: Case) -> str:
    initiative = case.initiative
    if initiative.voided is not None:
        return "makulerat"
    if initiative.sent_at is None:
        return "utkast, inte skickat"
    answers = case.initiative_recipients()  # units added by plan or message answered nothing
    accepted = sum(p.state is Answer.ACCEPTED for p in answers)
    pending = sum(p.state is Answer.PENDING for p in answers)
    text = f"skickat {short_moment(initiative.sent_at)}, {accepted} har accepterat"
    return text + (f", {pending} väntar på svar" if pending else "")


def _call(case: Case) -> str:
    calls = case.active_calls(cycle=case.cycle)
    if not calls:
        return "ingen kallelse skickad"
    call = calls[-1]
    pending = len(call.pending_units())
    text = f"{call.kind.label} {short_moment(call.meeting_at)}"
    return text + (f", {pending} har inte kvitterat" if pending else ", alla har kvitterat")


def _messages(case: Case) -> str:
    messages = case.active_messages()
    if not messages:
        return "inga meddelanden"
    unread = sum(1 for m in messages for at in m.read_at.values() if at is None)
    return f"{len(messages)} st" + (f", {unread} olästa hos mottagarna" if unread else "")


def summary(case: Case, part: Part, unit: str) -> str:
    """The part's line as ``unit`` reads it (another unit's draft is not ours to read)."""
    if part is Part.INITIATIVE:
        return _initiative(case)
    if part is Part.MAPPING:
        return _document(document_for(case, DocumentKind.MAPPING, unit))
    if part is Part.CALL:
        return _call(case)
    if part is Part.PLAN:
        plan = document_for(case, DocumentKind.PLAN, unit)
        archived = sum(1 for p in case.plans if p.archived_at is not None)
        text = _document(plan, "påbörjad")
        return text + (f" ({archived} arkiverade)" if archived else "")
    if part is Part.FOLLOW_UP:
        follow_up = document_for(case, DocumentKind.FOLLOW_UP, unit)
        return "inte aktiverad" if follow_up is None else _document(follow_up)
    if part is Part.EVALUATION:
        return _document(document_for(case, DocumentKind.EVALUATION, unit))
    return _messages(case)


def part_lines(case: Case, unit: str) -> list[PartLine]:
    statuses = column_statuses(case, unit)
    lines = []
    for part, (phase, label) in PARTS.items():
        status = statuses[phase]
        lines.append(PartLine(part, label, status, summary(case, part, unit)))
    return lines
