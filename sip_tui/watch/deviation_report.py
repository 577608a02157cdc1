"""``sip-tui deviations``: a unit's deviation register as rows (a table or CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sip_tui.domain.clock import to_stockholm
from sip_tui.domain.deviations import Deviation, DeviationStatus

HEADER = (
    "id",
    "occurred_at",
    "status",
    "case",
    "item",
    "description",
    "reported_by",
    "reported_at",
    "decided_by",
    "decided_at",
    "reason",
)
#: Who reported a proposal: sip-tui itself.
PROPOSER = "sip-tui"


class ReportInputError(ValueError):
    """An argument of ``sip-tui deviations`` that cannot be used; one line."""


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ReportInputError(
            f"{option} {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-23"
        ) from None


def parse_statuses(values: Sequence[str]) -> set[DeviationStatus]:
    """``--status`` given once or more, each one status or several separated by commas."""
    known = {status.value: status for status in DeviationStatus}
    chosen: set[DeviationStatus] = set()
    for value in values:
        for word in filter(None, (part.strip().lower() for part in value.split(","))):
            if word not in known:
                raise ReportInputError(f"--status {word!r} is not a status; use {', '.join(known)}")
            chosen.add(known[word])
    return chosen


def _moment(moment: datetime | None) -> str:
    return "" if moment is None else f"{to_stockholm(moment):%Y-%m-%d %H:%M:%S}"


def rows(found: Sequence[Deviation], one_line: bool) -> list[tuple[str, ...]]:
    """One row per deviation; ``one_line`` folds typed line breaks for a terminal table
    (CSV keeps the text as typed)."""

    def text(value: str) -> str:
        return " ".join(value.split()) if one_line else value

    return [
        (
            str(d.id),
            _moment(d.occurred_at),
            d.status.value,
            "" if d.case_id is None else str(d.case_id),
            d.item if d.item_ref is None else f"{d.item} {d.item_ref}",
            text(d.description),
            d.reported_by or PROPOSER,
            _moment(d.reported_at),
            d.decided_by or "",
            _moment(d.decided_at),
            text(d.reason),
        )
        for d in found
    ]
