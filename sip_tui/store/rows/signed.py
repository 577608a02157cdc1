"""A document's signed version as JSON (table ``signed_document``) and back.

Only the document kind's text fields (``Document.CONTENT``) are kept; the bookkeeping
(created, locked, voided, signatures) is the live document's.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sip_tui.domain import model as dm
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.documents import unsigned_bookkeeping


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _encode(doc: dm.Document) -> dict[str, Any]:
    if isinstance(doc, dm.Mapping):
        return {name: getattr(doc, name) for name in doc.CONTENT}
    if isinstance(doc, dm.Plan):
        return {
            "meeting_on": _day(doc.meeting_on),
            "evaluation_on": _day(doc.evaluation_on),
            "situation": doc.situation,
            "documenting_unit": doc.documenting_unit,
            "attendees": [[a.unit, a.person] for a in doc.attendees],
            "externals": [[e.name, e.relation, e.contact, e.present] for e in doc.externals],
            "goals": [
                {
                    "id": g.id,
                    "goal": g.goal,
                    "strengths": g.strengths,
                    "obstacles": g.obstacles,
                    "activities": [
                        [
                            a.id,
                            a.text,
                            a.responsible_unit,
                            a.responsible_person,
                            _day(a.follow_up_on),
                        ]
                        for a in g.activities
                    ],
                }
                for g in doc.goals
            ],
        }
    if isinstance(doc, dm.FollowUp):
        return {
            "entries": [
                [e.activity_id, e.comment, e.status.value, e.by, e.unit, _moment(e.at)]
                for e in doc.entries.values()
            ]
        }
    assert isinstance(doc, dm.Evaluation)
    return {"summary": doc.summary, "meeting_at": _moment(doc.meeting_at)}


def content_json(doc: dm.Document) -> str:
    return json.dumps(_encode(doc), ensure_ascii=False, sort_keys=True)


def _on(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).astimezone(STOCKHOLM) if text else None


def _decode(doc: dm.Document, data: dict[str, Any]) -> dict[str, Any]:
    if isinstance(doc, dm.Mapping):
        return {name: data[name] for name in doc.CONTENT}
    if isinstance(doc, dm.Plan):
        return {
            "meeting_on": _on(data["meeting_on"]),
            "evaluation_on": _on(data["evaluation_on"]),
            "situation": data["situation"],
            "documenting_unit": data.get("documenting_unit", ""),  # before migration 0004
            "attendees": [dm.Attendee(*a) for a in data["attendees"]],
            "externals": [dm.ExternalParticipant(*e) for e in data["externals"]],
            "goals": [
                dm.Goal(
                    g["id"],
                    g["goal"],
                    g["strengths"],
                    g["obstacles"],
                    [dm.Activity(a[0], a[1], a[2], a[3], _on(a[4])) for a in g["activities"]],
                )
                for g in data["goals"]
            ],
        }
    if isinstance(doc, dm.FollowUp):
        entries = {}
        for activity_id, comment, status, by, unit, at in data["entries"]:
            moment = _at(at)
            assert moment is not None
            entries[activity_id] = dm.FollowUpEntry(
                activity_id, comment, dm.ActivityStatus(status), by, unit, moment
            )
        return {"entries": entries}
    return {"summary": data["summary"], "meeting_at": _at(data["meeting_at"])}


def signed_from(
    doc: dm.Document, version: int, updated_at: datetime | None, updated_by: str | None, text: str
) -> dm.Document:
    """The signed copy of ``doc`` from its stored row."""
    return replace(
        doc,
        version=version,
        updated_at=updated_at,
        updated_by=updated_by,
        **unsigned_bookkeeping(doc),
        **_decode(doc, json.loads(text)),
    )
