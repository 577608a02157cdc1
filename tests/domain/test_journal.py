"""The downtime journal (seeds 002–004): a note is checked with Swedish refusals under its
field, knows who registers it afterwards and which form does, and is marked done once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sip_tui.domain.contacts import Contact, match_unit, search
from sip_tui.domain.errors import InvalidInput, WrongState
from sip_tui.domain.journal import (
    Direction,
    JournalDraft,
    Registrar,
    Step,
    Target,
    call_kind,
    check_entry,
    default_registrar,
    mark_done,
    open_entries,
    registrar_reason,
    target_of,
    what_to_do,
)
from sip_tui.domain.model import CallKind
from tests.domain.world import HSV, at

NOW = at("2026-11-23 11:58")
DRAFT = JournalDraft(
    at=at("2026-11-23 11:55"),
    login="karin",
    signature=" Karin Lund ",
    direction=Direction.GIVEN,
    person=" Ahmed Nilsson ",
    unit_name="Ålidhems HC",
    information="  Ringde om initiativ till SIP; samtycke finns.  ",
    personnummer="19450612-1237",
    individual_name="Elsa Andersson",
    step=Step.INITIATIVE,
    registrar=Registrar.OUR_UNIT,
    unit_code="alidhem-hc",
    unit=HSV,
)


def test_a_note_is_stored_trimmed_with_the_personnummer_as_twelve_digits() -> None:
    entry = check_entry(DRAFT, NOW)
    assert (entry.signature, entry.person, entry.information) == (
        "Karin Lund",
        "Ahmed Nilsson",
        "Ringde om initiativ till SIP; samtycke finns.",
    )
    assert entry.personnummer == "194506121237"
    assert entry.formatted_personnummer == "19450612-1237"
    assert (entry.id, entry.is_done, entry.unit, entry.unit_code) == (0, False, HSV, "alidhem-hc")


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"person": "  "}, "person", "talade med"),
        ({"unit_name": ""}, "unit_name", "vilken enhet"),
        ({"signature": ""}, "signature", "signatur"),
        ({"personnummer": "19450612-1234"}, "personnummer", "kontrollsiffra"),
        ({"personnummer": ""}, "personnummer", "personnummer"),
        ({"individual_name": " "}, "individual_name", "enskildes namn"),
        ({"information": " \n "}, "information", "information"),
        ({"information": "x" * 5001}, "information", "5\u00a0000"),
        ({"person": "x" * 101}, "person", "högst 100"),
        ({"at": at("2026-11-23 12:30")}, "at", "framtiden"),
        ({"meeting_at": at("2026-11-30 10:00")}, "meeting_at", "kallelse"),
    ],
)
def test_every_refusal_is_swedish_and_names_its_field(
    change: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_entry(replace(DRAFT, **change), NOW)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert words.casefold() in str(refused.value).casefold()


def test_a_call_keeps_the_agreed_meeting() -> None:
    draft = replace(DRAFT, step=Step.CALL_PLANNING, meeting_at=at("2026-11-30 10:00"))
    assert check_entry(draft, NOW).meeting_at == at("2026-11-30 10:00")


def test_who_registers_by_default_is_the_unit_that_gave_the_information() -> None:
    for step in Step:
        assert default_registrar(step, Direction.GIVEN) is Registrar.OUR_UNIT
        assert default_registrar(step, Direction.RECEIVED) is Registrar.OTHER_UNIT
    assert "initiativet" in registrar_reason(Step.INITIATIVE)
    assert "Samordningsansvarig enhet" in registrar_reason(Step.CALL_EVALUATION)


def test_the_form_a_note_is_registered_in() -> None:
    ours = check_entry(DRAFT, NOW)
    assert target_of(ours) is Target.NEW_CASE
    assert target_of(replace(ours, step=Step.CALL_FOLLOW_UP)) is Target.CALL
    theirs = replace(ours, registrar=Registrar.OTHER_UNIT)
    assert target_of(theirs) is Target.CASE
    assert "Ålidhems HC registrerar" in what_to_do(theirs)
    assert [call_kind(step) for step in Step] == [
        None,
        CallKind.PLANNING,
        CallKind.EVALUATION,
        CallKind.EVALUATION,
    ]


def test_open_notes_oldest_first_and_done_once() -> None:
    first = replace(check_entry(DRAFT, NOW), id=2, at=at("2026-11-23 11:00"))
    second = replace(first, id=1, at=at("2026-11-23 11:30"))
    done = mark_done(second, "olle", at("2026-11-23 13:00"))
    assert (done.done_by, done.done_at, done.is_done) == ("olle", at("2026-11-23 13:00"), True)
    assert open_entries([second, first]) == [first, second]
    assert open_entries([done, first]) == [first]
    with pytest.raises(WrongState, match="redan markerad som registrerad av olle"):
        mark_done(done, "karin", NOW)


def test_the_phone_list_is_searched_by_word_prefixes_in_any_order() -> None:
    units = [
        Contact("umea-hsv-centrum", "Hemsjukvården Umeå centrum", "HSV centrum", "090-16 10 00"),
        Contact("alidhem-hc", "Ålidhems HC", "Ålidhem", "090-785 00 00"),
        Contact("nus-avd-10", "Avdelning 10 NUS", "Avd 10"),
    ]
    assert [c.code for c in search(units, "umeå hem")] == ["umea-hsv-centrum"]
    assert [c.code for c in search(units, "")] == [
        "nus-avd-10",
        "umea-hsv-centrum",
        "alidhem-hc",
    ]  # by name
    assert [c.code for c in search(units, "avd 10")] == ["nus-avd-10"]
    assert search(units, "kiruna") == []
    assert match_unit(units, " ålidhems hc ") == units[1]
    assert match_unit(units, "NUS-AVD-10") == units[2]
    assert match_unit(units, "Ålidhem") == units[1]
    assert match_unit(units, "Ålid") is None
