"""A draft as text to read (``v`` in the draft list): what the user typed, field by field,
with Swedish labels, so that nothing is lost even when the store refuses it now."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum

from sip_tui.domain.documents import DocumentKind
from sip_tui.domain.kinds import ActivityStatus, CallKind, ConsentBy
from sip_tui.domain.texts import short_moment
from sip_tui.local.draft_words import summary_of
from sip_tui.local.drafts import Draft
from sip_tui.ui.forms.follow_up import STATUS_LABELS

LABELS = {
    "personnummer": "Personnummer",
    "name": "Namn",
    "reason": "Anledning",
    "consent": "Samtycke",
    "given": "Givet",
    "by": "Av",
    "obtained_by": "Inhämtat av",
    "obtained_on": "Inhämtat",
    "representative": "Företrädare",
    "secrecy_assessment": "Menprövning",
    "recipients": "Mottagare",
    "discharge_ready_at": "Utskrivningsklar",
    "ready_at": "Utskrivningsklar",
    "comment": "Kommentar",
    "to_unit": "Till enhet",
    "kind": "Slag",
    "meeting_form": "Mötesform",
    "place": "Plats",
    "meeting_at": "Mötestid",
    "others": "Övrigt",
    "number": "Nummer",
    "text": "Text",
    "add_units": "Nya enheter",
    "situation": "Situation",
    "background": "Bakgrund",
    "assessment": "Aktuellt tillstånd",
    "recommendation": "Rekommendation",
    "meeting_on": "Mötesdatum",
    "evaluation_on": "Planerad utvärdering",
    "attendees": "Deltagare",
    "unit": "Enhet",
    "person": "Person",
    "externals": "Övriga deltagare",
    "relation": "Relation",
    "contact": "Kontakt",
    "present": "Närvarande",
    "goals": "Mål",
    "goal": "Mål",
    "strengths": "Vad jag är bra på",
    "obstacles": "Vad som kan hindra mig",
    "activities": "Aktiviteter",
    "responsible_unit": "Ansvarig enhet",
    "responsible_person": "Ansvarig person",
    "follow_up_on": "Följs upp",
    "documenting_unit": "Dokumentationsansvarig",
    "entries": "Uppföljning",
    "activity_id": "Aktivitet",
    "status": "Status",
    "summary": "Sammanfattning",
}
CONSENT_BY = {ConsentBy.INDIVIDUAL: "den enskilde", ConsentBy.REPRESENTATIVE: "företrädare"}
#: Fields that only wrap a document's fields (SaveMapping.text, SavePlan.content).
WRAPPERS = {"text", "content"}
#: Fields that say nothing the user typed (the case is in the title; versions are internal).
HIDDEN = {"case_id", "base_version", "id"}


def draft_text(draft: Draft) -> str:
    lines = [f"{draft.part}, sparat lokalt {short_moment(draft.saved_at)}", ""]
    if draft.commands is None:
        lines.append(f"{draft.summary} (kan inte läsas av den här versionen av sip-tui)")
        return "\n".join(lines)
    for command in draft.commands:
        lines.append(summary_of((command,)))
        lines.extend(_lines(command, "  "))
    return "\n".join(lines)


def _lines(value: object, indent: str) -> list[str]:
    out: list[str] = []
    assert dataclasses.is_dataclass(value)
    for each in dataclasses.fields(value):
        if each.name in HIDDEN or not each.init:
            continue
        inner = getattr(value, each.name)
        label = LABELS.get(each.name, each.name)
        if dataclasses.is_dataclass(inner) and each.name in WRAPPERS:
            out.extend(_lines(inner, indent))
        elif dataclasses.is_dataclass(inner):
            out.append(f"{indent}{label}:")
            out.extend(_lines(inner, indent + "  "))
        elif isinstance(inner, (list, tuple)) and inner and dataclasses.is_dataclass(inner[0]):
            for number, item in enumerate(inner, 1):
                out.append(f"{indent}{label} {number}:")
                out.extend(_lines(item, indent + "  "))
        elif _said(inner):
            out.append(f"{indent}{label}: {_word(inner)}".replace("\n", "\n" + indent + "  "))
    return out


def _said(value: object) -> bool:
    return value not in (None, "", (), []) and not (isinstance(value, Mapping) and not value)


def _word(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (CallKind, DocumentKind)):
        return value.label
    if isinstance(value, ConsentBy):
        return CONSENT_BY[value]
    if isinstance(value, ActivityStatus):
        return STATUS_LABELS[value]
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return short_moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return ", ".join(f"{k} ({_word(v)})" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_word(v) for v in value)
    return str(value)
