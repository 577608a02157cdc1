"""Cases the domain tests start from, built through the domain (a helper module)."""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest

from sip_tui.domain import calls
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import DomainError
from sip_tui.domain.model import CallKind, Case

from .world import AHMED, BIST, BIST_PRO, HSV, KARIN, at, draft_case


def sent_case() -> Case:
    case = draft_case(recipients=(HSV, BIST))
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    return case


def accepted_case() -> Case:
    case = sent_case()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:00"))
    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 08:05"))
    return case


def called_case() -> Case:
    case = accepted_case()
    calls.send_call(
        case,
        AHMED,
        at("2026-11-23 09:00"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt",
        place="HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients={HSV: True, BIST: True},
    )
    return case


def refused(case: Case, action: Callable[[Case], object]) -> DomainError:
    """Run ``action``; it must be refused and leave the case exactly as it was."""
    before = copy.deepcopy(case)
    with pytest.raises(DomainError) as info:
        action(case)
    assert case == before, "a refused action changed the case"
    return info.value
