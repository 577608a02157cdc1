"""The printouts as plain text, 80 columns: every field of seed 004's blank forms, the
plan's goals and activities, typed text literal, room to write, page breaks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sip_tui.domain import documents as doc
from sip_tui.paper.kinds import PaperKind, build
from sip_tui.paper.text import WIDTH, to_text
from tests.domain.cases import sent_case
from tests.paper.seed_labels import SEED_004
from tests.paper.world import (
    CONTENT,
    GOAL,
    HOME_HELP,
    INSULIN,
    SITUATION,
    SUMMARY,
    drafted_case,
    planned_case,
    source,
)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("kind", list(PaperKind))
@pytest.mark.parametrize("filled", [False, True])
def test_every_line_fits_80_columns(kind: PaperKind, filled: bool) -> None:
    paper = build(kind, source(planned_case()) if filled else None)
    text = to_text(paper)
    assert text.endswith("\n")
    assert max(len(line) for line in text.splitlines()) <= WIDTH


@pytest.mark.parametrize("kind", list(SEED_004))
def test_a_blank_form_has_every_field_of_seed_004(kind: PaperKind) -> None:
    text = flat(to_text(build(kind))).casefold()
    missing = [label for label in SEED_004[kind] if label.casefold() not in text]
    assert not missing


def test_a_blank_form_has_room_to_write() -> None:
    text = to_text(build(PaperKind.CHECKLIST))
    assert "Patient person nr: ______" in text
    assert "SIP initierat av:  Namn: ______" in text
    assert "Samtycke inhämtat: [ ] Ja  [ ] Nej" in text
    assert text.count("Sign: ______") == 4
    assert text.rstrip().endswith("Blankett ur sip-tui, att fylla i för hand.")


def test_the_support_forms_break_the_page_where_the_seed_does() -> None:
    for kind in (PaperKind.MEETING_FORM, PaperKind.FOLLOW_UP_FORM):
        assert to_text(build(kind)).count("\n\f\n") == 1


def test_the_plan_has_its_goals_activities_and_who_is_responsible() -> None:
    text = to_text(build(PaperKind.PLAN, source(planned_case())))
    lines = text.splitlines()
    assert lines[:3] == [
        "Samordnad individuell plan (SIP)",
        "Mål- och aktivitetsplan",
        "Elsa Andersson, 19450612-1234",
    ]
    assert f"Mål 1:\n  {GOAL}\n" in text
    assert "  " + SITUATION.replace("\n", "\n  ") in text  # its line break kept
    rows = [line.split(" | ") for line in lines if " | " in line]
    activity = next(row for row in rows if row[0].startswith("Insulin"))
    assert activity[1].strip() == "Hemsjukvården Umeå centrum,"
    assert activity[2] == "2027-01-10"
    first_column = " ".join(
        row[0].strip() for row in rows[rows.index(activity) :] if row[0].strip()
    )
    assert first_column.startswith(f"{INSULIN} {HOME_HELP}")
    assert "Samordningsansvarig (namn och kontaktuppgifter):\n  Ahmed Nilsson" in text
    assert "Telefon 090-785 12 34, E-post ahmed@example.se" in text
    assert "Ärende 1. Utskriven 2026-11-23 08:05 av Tea Testare, Ålidhems HC." in text


def test_the_checklist_filled_in_from_the_case() -> None:
    text = to_text(build(PaperKind.CHECKLIST, source(planned_case())))
    assert "Patient person nr: 19450612-1234" in text
    assert "Samtycke inhämtat: [X] Ja  [ ] Nej" in text
    assert "  Hemsjukvården Umeå centrum – accepterat" in text
    assert "Kallat av:  Namn: Ahmed Nilsson   Titel: Distriktssköterska" in text
    assert "Möte 2026-11-26 13:00, Fysiskt möte, Ålidhems HC, rum 3" in text
    assert "Övriga deltagare:\n  Åsa, dotter" in text


def test_the_follow_up_form_filled_in_from_the_case() -> None:
    text = to_text(build(PaperKind.FOLLOW_UP_FORM, source(planned_case())))
    assert "Genomförd, 2026-11-23\n  Sköter insulinet själv – bra!" in text
    assert f"Utvärdering:\n  {SUMMARY}" in text


def test_typed_text_is_literal_and_cannot_reach_a_terminal() -> None:
    typed = "[bold]x[/bold] **fet** {nb}"
    case = drafted_case(replace(CONTENT, goals=[doc.Goal(0, typed + "\x1b[2J\x07\tslut")]))
    text = to_text(build(PaperKind.PLAN, source(case)))
    assert f"  {typed}�[2J�    slut" in text
    assert "\x1b" not in text
    assert "\x07" not in text


@pytest.mark.parametrize("kind", list(PaperKind))
def test_a_case_without_a_plan_prints_what_there_is(kind: PaperKind) -> None:
    text = to_text(build(kind, source(sent_case())))
    assert "Elsa Andersson, 19450612-1234" in text
    if kind is PaperKind.PLAN:
        assert "Ärendet har ingen plan ännu." in text
    if kind is PaperKind.EVALUATION:
        assert "Status: Ingen utvärdering ännu" in text
