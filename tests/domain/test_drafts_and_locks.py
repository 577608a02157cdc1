"""Issue 10, points 4, 5 and 7: unsigned text is the writer's; edit locks and signatures
belong to a person on a unit whose role may edit; Lås locks the version seen; a plan and an
evaluation are locked only when the seed's required parts are there."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta

import pytest

from sip_tui.domain import commands as cmd
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import (
    EditConflict,
    EditLocked,
    InvalidInput,
    NotAllowed,
    WrongState,
)
from sip_tui.domain.model import Case, Evaluation, Mapping, Plan
from sip_tui.domain.roles import Actor, Role

from .cases import accepted_case, called_case, refused
from .world import AHMED, BIST, HC, HSV, KARIN, SARA, at

NOW = at("2026-11-23 10:00")
MAPPING = doc.DocumentKind.MAPPING
PLAN = doc.DocumentKind.PLAN


def _mapping_for(case: Case, unit: str) -> Mapping:
    seen = doc.document_for(case, MAPPING, unit)
    assert isinstance(seen, Mapping)
    return seen


# --- 4. Unsigned text is the writer's ----------------------------------------------------------


def test_other_units_read_the_last_signed_version_while_someone_edits() -> None:
    """*"När du är klar med din redigering, signerar du det du skrivit. Nu kan andra
    användare läsa i dokumentet."*"""
    case = accepted_case()
    doc.save_mapping(case, AHMED, NOW, doc.MappingText(situation="Signerad text"), None)
    doc.sign(case, AHMED, NOW, MAPPING)
    mapping = case.active_mapping()
    assert mapping is not None
    doc.save_mapping(
        case, AHMED, at("2026-11-23 10:30"), doc.MappingText(situation="Utkast"), mapping.version
    )

    theirs = _mapping_for(case, HSV)
    assert theirs.situation == "Signerad text"
    assert theirs.version == 1
    assert theirs.edit_lock is not None  # "redigeras av Ahmed Nilsson, Ålidhems HC, sedan …"
    assert theirs.edit_lock.user_name == "Ahmed Nilsson"
    assert _mapping_for(case, HC).situation == "Utkast"  # the writer's unit sees the draft

    doc.sign(case, AHMED, at("2026-11-23 10:40"), MAPPING)
    assert _mapping_for(case, HSV).situation == "Utkast"


def test_a_never_signed_draft_is_empty_to_other_units() -> None:
    """*"Nu kan andra användare läsa i dokumentet"*: not before the first signature."""
    case = accepted_case()
    doc.save_mapping(case, SARA, NOW, doc.MappingText(situation="Saras utkast"), None)
    assert _mapping_for(case, HC).situation == ""
    assert _mapping_for(case, HSV).situation == "Saras utkast"


def test_the_coordinator_cannot_lock_over_an_unsigned_draft_without_taking_it_over() -> None:
    """*"När du är klar med din redigering, signerar du det du skrivit."* Locking takes
    the signed version; someone else's draft must be taken over first (which says so)."""
    case = accepted_case()
    doc.save_mapping(case, SARA, NOW, doc.MappingText(situation="Saras utkast"), None)
    problem = refused(case, lambda c: doc.lock(c, AHMED, NOW, MAPPING, 1))
    assert isinstance(problem, EditLocked)
    assert "ta över redigeringen" in str(problem)

    later = at("2026-11-23 11:00")
    doc.take_over(case, AHMED, later, MAPPING)
    assert "osignerade ändringar från Sara Holm" in case.history[-1].detail
    doc.lock(case, AHMED, later, MAPPING, 1)
    mapping = case.active_mapping()
    assert mapping is not None
    assert mapping.is_locked
    assert [event.action for event in case.history[-2:]] == [
        "Signerade kartläggningen",
        "Låste kartläggningen",
    ]
    assert _mapping_for(case, HSV).situation == "Saras utkast"


# --- 5. Edit locks and signatures belong to a person on a unit with an editing role -----------


def test_the_same_person_on_a_watcher_unit_cannot_sign() -> None:
    """*"När du är klar med din redigering, signerar du det du skrivit."*: the writer, on
    the unit where they wrote, in a role that may edit there."""
    case = accepted_case()
    doc.save_mapping(case, AHMED, NOW, doc.MappingText(situation="Ahmed"), None)
    ahmed_watching = Actor(AHMED.user, AHMED.name, HSV, frozenset({Role.WATCHER}))
    problem = refused(case, lambda c: doc.sign(c, ahmed_watching, NOW, MAPPING))
    assert isinstance(problem, NotAllowed)
    assert "får inte signera kartläggningen" in str(problem)

    ahmed_editing_elsewhere = replace(ahmed_watching, roles=frozenset({Role.PROFESSIONAL}))
    problem = refused(case, lambda c: doc.sign(c, ahmed_editing_elsewhere, NOW, MAPPING))
    assert isinstance(problem, WrongState)
    problem = refused(
        case,
        lambda c: doc.save_mapping(c, ahmed_editing_elsewhere, NOW, doc.MappingText(), 1),
    )
    assert isinstance(problem, EditLocked)
    assert "Ålidhems" in str(problem)


def test_lock_refuses_a_version_the_coordinator_did_not_see() -> None:
    """*"Nu kan andra användare läsa i dokumentet."* Lås carries the version shown."""
    case = accepted_case()
    doc.save_mapping(case, SARA, NOW, doc.MappingText(situation="v1"), None)
    doc.sign(case, SARA, NOW, MAPPING)
    seen = 1
    doc.save_mapping(case, SARA, NOW, doc.MappingText(situation="v2"), seen)
    doc.sign(case, SARA, at("2026-11-23 10:05"), MAPPING)

    stale = cmd.Lock(case.id, MAPPING, base_version=seen)
    problem = cmd.refusal(stale, case, AHMED, NOW)
    assert isinstance(problem, EditConflict)
    assert "har ändrats av" in str(problem)
    assert problem.changed_by == SARA.user
    assert cmd.allowed(replace(stale, base_version=2), case, AHMED, NOW)


# --- 7. Evaluation requires its summary; a plan its dates, a goal, an activity ------------------


def _plan(**content: object) -> doc.PlanContent:
    base = doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        evaluation_on=date(2027, 1, 20),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Hemtjänst", BIST)])],
    )
    return replace(base, **content)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (_plan(meeting_on=None), "meeting_on"),
        (_plan(evaluation_on=None), "evaluation_on"),
        (_plan(goals=[]), "goals"),
        (_plan(goals=[doc.Goal(0, "Bo kvar hemma")]), "goals"),
    ],
)
def test_a_plan_is_locked_only_with_dates_and_a_goal_with_an_activity(
    content: doc.PlanContent, field: str
) -> None:
    """The plan has a meeting date, a planned evaluation and goals with activities and
    who is responsible (seed 001, *Mål- och aktivitetsplan*)."""
    case = called_case()
    doc.save_plan(case, AHMED, NOW, content, None)
    problem = refused(case, lambda c: doc.lock(c, AHMED, NOW, PLAN))
    assert isinstance(problem, InvalidInput)
    assert problem.field == field
    assert problem.args[0].startswith("Planen kan inte låsas")


def _evaluated_case(summary: str) -> Case:
    case = called_case()
    doc.save_plan(case, AHMED, NOW, _plan(), None)
    doc.lock(case, AHMED, NOW, PLAN)
    wf.activate_follow_up(case, AHMED, NOW)
    doc.lock(case, AHMED, NOW, doc.DocumentKind.FOLLOW_UP)
    later = NOW + timedelta(days=60)
    doc.save_evaluation(case, AHMED, later, summary, later, None)
    return case


def test_the_evaluation_is_not_locked_and_the_case_not_closed_without_its_summary() -> None:
    """*"Utvärderingen ska dokumenteras med en sammanfattande beskrivning av resultatet för
    målen och aktiviteterna."*"""
    case = _evaluated_case("   ")
    later = NOW + timedelta(days=60)
    problem = refused(case, lambda c: doc.lock(c, AHMED, later, doc.DocumentKind.EVALUATION))
    assert isinstance(problem, InvalidInput)
    assert problem.field == "summary"
    assert "sammanfattande beskrivning" in str(problem)
    problem = refused(case, lambda c: wf.close_case(c, AHMED, later))
    assert "sammanfattande beskrivning" in str(problem)

    done = _evaluated_case("Elsa bor kvar hemma; hemtjänsten fungerar.")
    doc.lock(done, AHMED, later, doc.DocumentKind.EVALUATION)
    wf.close_case(done, AHMED, later)
    assert not done.is_open
    evaluation = done.evaluations[1]
    assert isinstance(evaluation, Evaluation)
    assert evaluation.signed is not None


def test_the_signed_copy_is_independent_of_the_draft() -> None:
    case = called_case()
    doc.save_plan(case, AHMED, NOW, _plan(), None)
    doc.sign(case, AHMED, NOW, PLAN)
    plan = case.current_plan()
    assert plan is not None
    assert isinstance(plan.signed, Plan)
    snapshot = copy.deepcopy(plan.signed)
    doc.save_plan(case, AHMED, NOW, _plan(goals=[]), plan.version)
    assert plan.signed == snapshot
    seen = doc.document_for(case, PLAN, KARIN.unit)
    assert isinstance(seen, Plan)
    assert len(seen.goals) == 1
