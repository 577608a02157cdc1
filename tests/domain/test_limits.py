"""Names and free texts have limits, decided by the domain for every command: a form asks
the same ``refusal`` the store's pipeline runs, so both refuse alike, under the field, with
the limit in the message.

*"Acceptera - Skriv t ex vilken dag som skulle passa för mötet i fältet
Kvittenskommentar."* (seed 001) — a comment, not a pasted file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sip_tui.domain.commands import AcceptInitiative, SendInitiative, UpdateInitiative, refusal
from sip_tui.domain.errors import InvalidInput
from sip_tui.domain.model import Case
from sip_tui.domain.rules import NAME_LIMIT, TEXT_LIMIT, check_text_limits, limited_text
from sip_tui.domain.workflow import new_case, send_initiative
from tests.domain.world import AHMED, CONSENT, HSV, KARIN, PERSON, at, draft_case


def sent_case() -> Case:
    case = draft_case((HSV,))
    send_initiative(case, AHMED, at("2026-11-20 10:00"))
    return case


def test_a_comment_beyond_the_limit_is_refused_under_its_field_with_the_limit() -> None:
    case = sent_case()
    now = at("2026-11-20 11:00")
    found = refusal(AcceptInitiative(case.id, "x" * (TEXT_LIMIT + 1)), case, KARIN, now)
    assert isinstance(found, InvalidInput)
    assert found.field == "comment"
    assert str(found) == "Texten får vara högst 5\u00a0000 tecken (nu 5\u00a0001)."
    assert refusal(AcceptInitiative(case.id, "x" * TEXT_LIMIT), case, KARIN, now) is None


def test_nested_texts_are_named_by_their_dotted_field() -> None:
    case = draft_case((HSV,))
    consent = replace(CONSENT, representative="R" * (NAME_LIMIT + 1))
    command = UpdateInitiative(case.id, "Behov", consent, [HSV])
    found = refusal(command, case, AHMED, at("2026-11-20 11:00"))
    assert isinstance(found, InvalidInput)
    assert found.field == "consent.representative"
    assert "högst 100 tecken" in str(found)
    assert refusal(SendInitiative(case.id), case, AHMED, at("2026-11-20 11:00")) is None
    check_text_limits(replace(command, consent=CONSENT))  # within: nothing raised


def test_the_individuals_name_has_the_name_limit() -> None:
    assert limited_text("E" * NAME_LIMIT, "name") == "E" * NAME_LIMIT
    with pytest.raises(InvalidInput) as refused:
        new_case(
            case_id=1,
            actor=AHMED,
            at=at("2026-11-20 09:00"),
            individual=PERSON,
            typed_name="E" * 5000,
            reason="Behov",
            consent=CONSENT,
            recipients=[HSV],
        )
    assert refused.value.field == "name"
    assert str(refused.value) == "Namnet får vara högst 100 tecken (nu 5\u00a0000)."
