"""Which items are overdue, the one key and the words of a deviation proposal."""

from __future__ import annotations

from datetime import timedelta

from sip_tui.domain.deviations import Item, proposal_key, proposals
from sip_tui.domain.model import Phase
from sip_tui.domain.status import TaskKind
from tests.domain.world import HSV, at

CUTOFF = at("2026-11-23 12:00")


def item(kind: TaskKind = TaskKind.ANSWER_CALL, deadline: str = "2026-11-23 12:00") -> Item:
    return Item(38, HSV, Phase.KAL, kind, 2, at(deadline))


def test_overdue_from_the_next_second_and_not_without_a_deadline() -> None:
    undated = Item(38, HSV, Phase.KAL, TaskKind.CALL_NEW_PLAN, None, None)
    assert proposals([item(), undated], CUTOFF) == []
    [made] = proposals([item(), undated], CUTOFF + timedelta(seconds=1))
    assert made.description == (
        "Ärende 38: kallelsen har inte kvitterats (Acceptera/Neka) senast mån 23 nov 12:00."
    )
    assert made.occurred_at == CUTOFF + timedelta(seconds=1)


def test_a_whole_day_deadline_is_named_by_its_day() -> None:
    late = item(TaskKind.DOCUMENT_PLAN, "2026-11-24 23:59:59")
    [made] = proposals([late], at("2026-11-25 00:00"))
    assert (
        made.description == "Ärende 38: planen har inte dokumenterats och låsts senast tis 24 nov."
    )


def test_every_task_kind_has_words() -> None:
    moment = at("2026-11-30 00:00")
    texts = {p.description for p in proposals([item(kind) for kind in TaskKind], moment)}
    assert len(texts) == len(TaskKind)


def test_the_key_names_the_item_and_its_deadline_as_an_instant() -> None:
    assert (
        proposal_key(item()) == "overdue|umea-hsv-centrum|38|KAL|answer-call|2|2026-11-23T11:00:00Z"
    )
    moved = item(deadline="2026-11-24 12:00")
    assert proposal_key(moved) != proposal_key(item())
