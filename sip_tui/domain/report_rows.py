"""A :class:`~sip_tui.domain.report.Report` as rows of (key, Swedish label, value text):
the same rows on the report screen, from ``sip-tui report`` and in its CSV, so the figures
agree wherever they are read; and as JSON (numbers, durations in minutes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sip_tui.domain.report import ArrivalKind, Report

HEADER = ("key", "uppgift", "värde")

KIND_LABELS = {
    ArrivalKind.INITIATIVE: "initiativ",
    ArrivalKind.CALL: "kallelser",
    ArrivalKind.MESSAGE: "meddelanden",
}


def duration_text(value: timedelta | None) -> str:
    """``2 h 40 min``, ``3 d 1 h 0 min``, ``45 min``; ``–`` for none (rounded to minutes)."""
    if value is None:
        return "–"
    minutes = round(value.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h {mins} min"
    return f"{hours} h {mins} min" if hours else f"{mins} min"


def share_text(share: float | None) -> str:
    """``93,5 %`` (decimal comma, as Swedish Excel reads it); ``–`` when nothing is decided."""
    return "–" if share is None else f"{share * 100:.1f} %".replace(".", ",")


def rows(report: Report) -> list[tuple[str, str, str]]:
    """The figures, in the order they are shown."""
    out: list[tuple[str, str, str]] = [
        ("period", "Period", f"{report.first} – {report.last}"),
        ("units", "Enheter", ", ".join(report.units)),
        ("incoming", "Inkomna", str(report.incoming)),
    ]
    for kind, label in KIND_LABELS.items():
        out.append((f"incoming_{kind.value}", f"  varav {label}", str(report.by_kind[kind])))
    out += [
        ("in_time", "Kvitterade i tid", str(report.in_time)),
        ("share_in_time", "Andel i tid", share_text(report.share_in_time)),
        ("late", "Kvitterade för sent", str(report.late)),
        ("overdue", "Försenade, ej kvitterade", str(report.overdue)),
        ("pending", "Väntar, ej förfallna", str(report.pending)),
        ("median", "Median tid till kvittens", duration_text(report.median)),
        ("p90", "90:e percentil", duration_text(report.p90)),
        ("worst_overdue", "Längsta försening", duration_text(report.worst_overdue)),
    ]
    for phase, count in report.open_by_phase.items():
        out.append((f"open_{phase.value}", f"Öppna ärenden {phase.value}", str(count)))
    out += [
        ("deviations", "Avvikelser", str(report.deviations)),
        ("deviations_proposed", "Föreslagna avvikelser", str(report.proposed)),
        ("unwatched_days", "Dagar utan bevakare", str(report.unwatched_days)),
    ]
    for week in report.weeks:
        key = f"week_{week.year}_{week.number:02d}"
        out.append((f"{key}_incoming", f"Vecka {week.number} inkomna", str(week.incoming)))
        out.append((f"{key}_in_time", f"Vecka {week.number} i tid", str(week.in_time)))
    return out


def _minutes(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 60, 1)


def as_json(report: Report) -> dict[str, Any]:
    """The figures as plain JSON values; durations in minutes, the share 0–1."""
    return {
        "units": list(report.units),
        "from": report.first.isoformat(),
        "to": report.last.isoformat(),
        "incoming": report.incoming,
        "incoming_by_kind": {k.value: n for k, n in report.by_kind.items()},
        "in_time": report.in_time,
        "share_in_time": report.share_in_time,
        "late": report.late,
        "overdue": report.overdue,
        "pending": report.pending,
        "median_minutes": _minutes(report.median),
        "p90_minutes": _minutes(report.p90),
        "worst_overdue_minutes": _minutes(report.worst_overdue),
        "open_by_phase": {p.value: n for p, n in report.open_by_phase.items()},
        "deviations": report.deviations,
        "deviations_proposed": report.proposed,
        "unwatched_days": report.unwatched_days,
        "weeks": [
            {"year": w.year, "week": w.number, "incoming": w.incoming, "in_time": w.in_time}
            for w in report.weeks
        ],
    }
