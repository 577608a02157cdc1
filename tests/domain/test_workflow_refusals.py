"""Every refusal a user can meet: the Swedish message, and the case left untouched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.errors import (
    DomainError,
    EditConflict,
    EditLocked,
    InvalidInput,
    NoAccess,
    NotAllowed,
    WrongState,
)
from sip_tui.domain.model import CallKind, Case, Consent, ConsentBy
from sip_tui.domain.roles import Actor, Role

from .cases import accepted_case, called_case, refused, sent_case
from .world import (
    AHMED,
    BIST,
    CALENDAR,
    CONSENT,
    HSV,
    HSV_COORD,
    KARIN,
    MANAGER,
    PSY_PRO,
    SARA,
    SUPPORT,
    at,
    draft_case,
)

NOW = at("2026-11-23 10:00")


MAPPING = doc.MappingText("S", "B", "A", "R")


@pytest.mark.parametrize(
    ("make", "action", "error", "words"),
    [
        # wrong role or unit
        (
            accepted_case,
            lambda c: wf.send_initiative(c, HSV_COORD, NOW),
            NotAllowed,
            "Endast samordningsansvarig enhet kan skicka initiativet",
        ),
        (
            accepted_case,
            lambda c: doc.lock(c, KARIN, NOW, doc.DocumentKind.MAPPING),
            NotAllowed,
            "Endast samordningsansvarig enhet kan låsa kartläggningen",
        ),
        (
            accepted_case,
            lambda c: doc.save_mapping(c, KARIN, NOW, MAPPING, None),
            NotAllowed,
            "Din roll (bevakare) får inte redigera kartläggningen",
        ),
        (
            sent_case,
            lambda c: wf.accept_initiative(c, SUPPORT, NOW),
            NotAllowed,
            "Din roll (support) får inte kvittera initiativ",
        ),
        (sent_case, lambda c: wf.accept_initiative(c, MANAGER, NOW), NotAllowed, "kräver rollen"),
        (
            called_case,
            lambda c: voiding.void_call(c, HSV_COORD, NOW, 1, "fel"),
            NotAllowed,
            "Endast samordningsansvarig enhet kan makulera",
        ),
        (
            called_case,
            lambda c: wf.activate_follow_up(c, HSV_COORD, NOW),
            NotAllowed,
            "Endast samordningsansvarig enhet kan aktivera uppföljningen",
        ),
        (
            lambda: draft_case(),
            lambda c: wf.send_initiative(c, KARIN, NOW),
            NoAccess,  # a draft is nobody's business but the coordinating unit's
            "Er enhet deltar inte i ärendet",
        ),
        # the state of the case
        (
            sent_case,
            lambda c: wf.send_initiative(c, AHMED, NOW),
            WrongState,
            "Initiativet är redan skickat",
        ),
        (
            sent_case,
            lambda c: doc.save_mapping(c, SARA, NOW, MAPPING, None),
            WrongState,
            "Er enhet måste först acceptera initiativet",
        ),
        (
            accepted_case,
            lambda c: wf.accept_initiative(c, KARIN, NOW),
            WrongState,
            "Er enhet har redan kvitterat initiativet",
        ),
        (
            accepted_case,
            lambda c: calls.send_call(
                c,
                AHMED,
                NOW,
                kind=CallKind.EVALUATION,
                meeting_form="F",
                place="P",
                meeting_at=NOW + timedelta(days=3),
                recipients={HSV: True},
            ),
            WrongState,
            "Kallelse till utvärderingsmöte kan skickas först när planen är låst",
        ),
        (
            called_case,
            lambda c: calls.send_call(
                c,
                AHMED,
                NOW,
                kind=CallKind.PLANNING,
                meeting_form="F",
                place="P",
                meeting_at=NOW + timedelta(days=3),
                recipients={HSV: True},
            ),
            WrongState,
            "Det finns redan en kallelse till planeringsmöte",
        ),
        (
            called_case,
            lambda c: wf.close_case(c, AHMED, NOW),
            WrongState,
            "Ärendet kan avslutas när utvärderingen är dokumenterad och låst",
        ),
        (
            accepted_case,
            lambda c: doc.save_plan(c, AHMED, NOW, doc.PlanContent(), None),
            WrongState,
            "Planen kan skapas när kallelsen till planeringsmötet är skickad",
        ),
        # input
        (
            called_case,
            lambda c: doc.save_plan(
                c, AHMED, NOW, doc.PlanContent(attendees=[doc.Attendee("", "Anna")]), None
            ),
            InvalidInput,
            "Välj enhet för deltagare 1",
        ),
        (
            sent_case,
            lambda c: wf.decline_initiative(c, KARIN, NOW, "   "),
            InvalidInput,
            "Ange varför initiativet nekas",
        ),
        (
            called_case,
            lambda c: calls.decline_call(c, KARIN, NOW, 1, ""),
            InvalidInput,
            "Ange varför tiden inte passar",
        ),
        (
            accepted_case,
            lambda c: calls.send_call(
                c,
                AHMED,
                NOW,
                kind=CallKind.PLANNING,
                meeting_form="F",
                place="P",
                meeting_at=NOW - timedelta(hours=1),
                recipients={HSV: True},
            ),
            InvalidInput,
            "har redan passerat; ange en kommande tid",
        ),
        (
            called_case,
            lambda c: voiding.void_call(c, AHMED, NOW, 1, ""),
            InvalidInput,
            "Ange varför uppgiften makuleras",
        ),
        (
            accepted_case,
            lambda c: messages.send_message(c, KARIN, NOW, text="", recipients=[]),
            InvalidInput,
            "Skriv meddelandet",
        ),
        (
            accepted_case,
            lambda c: calls.send_call(
                c,
                AHMED,
                NOW,
                kind=CallKind.PLANNING,
                meeting_form="F",
                place="P",
                meeting_at=NOW + timedelta(days=3),
                recipients={"okand-enhet": True},
            ),
            InvalidInput,
            "deltar inte i ärendet",
        ),
    ],
)
def test_refusal_message_and_nothing_changed(
    make: Callable[[], Case],
    action: Callable[[Case], object],
    error: type[DomainError],
    words: str,
) -> None:
    problem = refused(make(), action)
    assert isinstance(problem, error)
    assert words in str(problem)


def test_sending_without_consent_is_refused() -> None:
    case = draft_case()
    wf.update_initiative(
        case,
        AHMED,
        NOW,
        reason="Behov",
        recipients=[HSV],
        consent=Consent(False, ConsentBy.INDIVIDUAL, "Ahmed", NOW.date()),
    )
    problem = refused(case, lambda c: wf.send_initiative(c, AHMED, NOW))
    assert isinstance(problem, InvalidInput)
    assert problem.field == "consent"
    assert "Samtycke krävs" in str(problem)


@pytest.mark.parametrize(
    ("consent", "field", "words"),
    [
        (
            Consent(True, ConsentBy.REPRESENTATIVE, "Ahmed", NOW.date()),
            "consent.representative",
            "Ange ställföreträdarens namn",
        ),
        (
            Consent(True, ConsentBy.INDIVIDUAL, "  ", NOW.date()),
            "consent.obtained_by",
            "Ange vem som inhämtade samtycket",
        ),
        (
            Consent(True, ConsentBy.INDIVIDUAL, "Ahmed", NOW.date() + timedelta(days=1)),
            "consent.obtained_on",
            "kan inte ligga i framtiden",
        ),
    ],
    ids=["representative-unnamed", "obtained-by-nobody", "obtained-tomorrow"],
)
def test_sending_an_incomplete_consent_is_refused(consent: Consent, field: str, words: str) -> None:
    case = draft_case()
    wf.update_initiative(case, AHMED, NOW, reason="Behov", recipients=[HSV], consent=consent)
    problem = refused(case, lambda c: wf.send_initiative(c, AHMED, NOW))
    assert isinstance(problem, InvalidInput)
    assert problem.field == field
    assert words in str(problem)


def test_a_named_representative_may_consent() -> None:
    case = draft_case()
    consent = Consent(True, ConsentBy.REPRESENTATIVE, "Ahmed", NOW.date(), "Gun (god man)")
    wf.update_initiative(case, AHMED, NOW, reason="Behov", recipients=[HSV], consent=consent)
    wf.send_initiative(case, AHMED, NOW)
    assert case.is_sent


def test_a_declined_unit_can_do_nothing_more() -> None:
    case = sent_case()
    wf.decline_initiative(case, KARIN, NOW, "Ingen insats hos oss")
    for action in (
        lambda c: wf.accept_initiative(c, KARIN, NOW),
        lambda c: messages.send_message(c, SARA, NOW, text="Hej", recipients=["alidhem-hc"]),
        lambda c: doc.save_mapping(c, SARA, NOW, MAPPING, None),
    ):
        problem = refused(case, action)
        assert isinstance(problem, NoAccess)
        assert "har nekat initiativet" in str(problem)


def test_a_voided_call_cannot_be_acknowledged() -> None:
    case = called_case()
    voiding.void_call(case, AHMED, NOW, 1, "Fel tid")
    problem = refused(case, lambda c: calls.accept_call(c, KARIN, NOW, 1))
    assert isinstance(problem, WrongState)
    assert "Kallelsen är makulerad" in str(problem)


def test_a_locked_part_cannot_be_edited() -> None:
    case = accepted_case()
    mapping = doc.save_mapping(case, AHMED, NOW, MAPPING, None)
    doc.lock(case, AHMED, NOW, doc.DocumentKind.MAPPING)
    problem = refused(case, lambda c: doc.save_mapping(c, SARA, NOW, MAPPING, mapping.version))
    assert isinstance(problem, WrongState)
    assert "Kartläggningen är låst av samordningsansvarig" in str(problem)


def test_someone_elses_edit_lock_names_who_and_since_when() -> None:
    case = accepted_case()
    mapping = doc.save_mapping(case, SARA, at("2026-11-23 10:14"), MAPPING, None)
    problem = refused(case, lambda c: doc.save_mapping(c, AHMED, NOW, MAPPING, mapping.version))
    assert isinstance(problem, EditLocked)
    assert str(problem).startswith(
        "Kartläggningen redigeras av Sara Holm (Hemsjukvården Umeå centrum) sedan mån 23 nov 10:14"
    )
    problem = refused(case, lambda c: doc.lock(c, AHMED, NOW, doc.DocumentKind.MAPPING))
    assert isinstance(problem, EditLocked)


def test_signing_releases_the_edit_lock_for_others() -> None:
    case = accepted_case()
    mapping = doc.save_mapping(case, SARA, NOW, doc.MappingText(situation="Sara skrev"), None)
    doc.sign(case, SARA, NOW, doc.DocumentKind.MAPPING)
    doc.save_mapping(case, AHMED, NOW, doc.MappingText(situation="Ahmed skrev"), mapping.version)
    assert case.mapping is not None
    assert case.mapping.situation == "Ahmed skrev"
    assert case.mapping.edit_lock is not None
    assert case.mapping.edit_lock.user == "ahmed"


def test_two_writers_one_conflict_and_the_text_is_not_lost() -> None:
    case = accepted_case()
    mapping = doc.save_mapping(case, AHMED, NOW, doc.MappingText(situation="v1"), None)
    doc.sign(case, AHMED, NOW, doc.DocumentKind.MAPPING)
    opened_by_both = mapping.version
    doc.save_mapping(
        case, SARA, at("2026-11-23 10:20"), doc.MappingText(situation="Sara"), opened_by_both
    )
    doc.sign(case, SARA, at("2026-11-23 10:21"), doc.DocumentKind.MAPPING)
    mine = doc.MappingText(situation="Ahmeds långa text")
    problem = refused(case, lambda c: doc.save_mapping(c, AHMED, NOW, mine, opened_by_both))
    assert isinstance(problem, EditConflict)
    assert problem.changed_by == "sara"
    assert "Din text finns kvar" in str(problem)
    assert mine.situation == "Ahmeds långa text"  # the caller still holds what was typed
    assert case.mapping is not None
    assert case.mapping.situation == "Sara"


def test_a_stale_edit_lock_can_be_taken_over_by_the_coordinator_only() -> None:
    case = accepted_case()
    doc.save_mapping(case, SARA, at("2026-11-23 10:00"), MAPPING, None)
    early = refused(
        case, lambda c: doc.take_over(c, AHMED, at("2026-11-23 10:10"), doc.DocumentKind.MAPPING)
    )
    assert "kan tas över efter 30 min" in str(early)
    other = refused(
        case,
        lambda c: doc.take_over(c, HSV_COORD, at("2026-11-23 11:00"), doc.DocumentKind.MAPPING),
    )
    assert isinstance(other, NotAllowed)
    doc.take_over(case, AHMED, at("2026-11-23 11:00"), doc.DocumentKind.MAPPING)
    assert case.mapping is not None
    assert case.mapping.edit_lock is not None
    assert case.mapping.edit_lock.user == "ahmed"


def test_only_the_responsible_unit_follows_up_an_activity() -> None:
    case = called_case()
    plan = doc.save_plan(
        case,
        AHMED,
        NOW,
        doc.PlanContent(
            meeting_on=NOW.date(),
            evaluation_on=NOW.date() + timedelta(days=60),
            goals=[doc.Goal(0, "Mål", activities=[doc.Activity(0, "Hemtjänst", BIST)])],
        ),
        None,
    )
    doc.lock(case, AHMED, NOW, doc.DocumentKind.PLAN)
    wf.activate_follow_up(case, AHMED, NOW)
    (activity,) = plan.activities()
    entry = doc.ActivityFollowUp(activity.id, "Klart", doc.ActivityStatus.DONE)
    problem = refused(case, lambda c: doc.save_follow_up(c, SARA, NOW, [entry], 1))
    assert "Er enhet ansvarar inte för aktiviteten «Hemtjänst»" in str(problem)


def test_a_unit_not_in_the_case_has_no_access() -> None:
    case = sent_case()
    outsider = Actor("x", "X", "annan-enhet", frozenset({Role.COORDINATOR}))
    problem = refused(case, lambda c: wf.accept_initiative(c, outsider, NOW))
    assert isinstance(problem, NoAccess)
    assert "deltar inte i ärendet" in str(problem)


def test_creating_a_case_needs_the_coordinator_role() -> None:
    with pytest.raises(NotAllowed, match="får inte skapa ärenden"):
        wf.new_case(
            case_id=1,
            actor=KARIN,
            at=NOW,
            individual=draft_case().individual,
            reason="r",
            consent=CONSENT,
            recipients=[BIST],
        )


def test_adding_a_unit_by_message_makes_it_a_participant() -> None:
    case = accepted_case()
    messages.send_message(
        case, KARIN, NOW, text="Vi behöver psykiatrin", recipients=[], add_units=["umea-psyk-opv"]
    )
    assert case.is_member("umea-psyk-opv")
    messages.mark_message_read(case, PSY_PRO, NOW, 1)
    problem = refused(case, lambda c: messages.mark_message_read(c, PSY_PRO, NOW, 1))
    assert "redan kvitterat" in str(problem)


def test_a_call_warns_when_the_mapping_can_no_longer_be_locked_in_time() -> None:
    """Seed 001: "Låses senast en arbetsdag före mötet" — the whole of that working day."""
    case = accepted_case()
    doc.save_mapping(case, AHMED, NOW, MAPPING, None)

    def mapping_warnings(meeting: str, now: datetime) -> list[str]:
        warnings = calls.call_warnings(case, at(meeting), now, CALENDAR, CallKind.EVALUATION)
        return [w for w in warnings if w.startswith("Kartläggningen")]

    meeting = "2026-11-24 13:00"  # Tuesday: the mapping is locked by the end of Monday
    assert mapping_warnings(meeting, NOW) == []
    assert mapping_warnings(meeting, at("2026-11-23 23:59:59")) == []
    # Planned on Tuesday morning: Monday has ended, the lock deadline has passed.
    (warning,) = mapping_warnings(meeting, at("2026-11-24 08:00"))
    assert warning.startswith("Kartläggningen skulle ha låsts senast mån 23 nov inför")
    doc.lock(case, AHMED, NOW, doc.DocumentKind.MAPPING)
    assert mapping_warnings(meeting, at("2026-11-24 08:00")) == []


def test_a_planning_call_at_short_notice_warns() -> None:
    """Seed 001, Kalla till planeringsmöte: "Skyndsamt, några arbetsdagar innan föreslagna
    tid för mötet" — fewer than two working days between sending and the meeting warns."""
    case = accepted_case()
    monday = at("2026-11-23 10:00")

    def short_notice(meeting: str, kind: CallKind = CallKind.PLANNING) -> bool:
        warnings = calls.call_warnings(case, at(meeting), monday, CALENDAR, kind)
        return any("arbetsdagar bort" in w for w in warnings)

    assert short_notice("2026-11-24 13:00")  # Tuesday: no working day between
    assert short_notice("2026-11-25 13:00")  # Wednesday: only Tuesday between
    assert not short_notice("2026-11-26 13:00")  # Thursday: Tuesday and Wednesday
    assert not short_notice("2026-11-24 13:00", CallKind.EVALUATION)  # planning calls only
    # Holidays are no working days: Tuesday 22 Dec 2026 to Monday 28 Dec has only
    # Wednesday 23 Dec between (Julafton, Juldagen, Annandag jul, the weekend are not).
    tuesday = at("2026-12-22 10:00")
    warnings = calls.call_warnings(case, at("2026-12-28 13:00"), tuesday, CALENDAR)
    assert any("arbetsdagar bort" in w for w in warnings)


def followed_up_case() -> Case:
    """A locked plan (complete, as locking asks) with its follow-up activated."""
    case = called_case()
    content = doc.PlanContent(
        meeting_on=at("2026-11-26 13:00").date(),
        evaluation_on=at("2027-01-20 10:00").date(),
        goals=[doc.Goal(0, "Bo kvar hemma", activities=[doc.Activity(0, "Insulin", HSV)])],
    )
    doc.save_plan(case, AHMED, NOW, content, None)
    doc.lock(case, AHMED, NOW, doc.DocumentKind.PLAN)
    wf.activate_follow_up(case, AHMED, NOW)
    return case


def test_makulera_covers_the_follow_up_and_the_evaluation_while_not_locked() -> None:
    """Seed 001: "Samordningsansvarig har möjlighet att ta bort sparad/felaktig information
    genom att makulera delar av ett ärende." — the follow-up and the evaluation are such
    parts too, while they are not locked."""
    case = followed_up_case()
    problem = refused(case, lambda c: voiding.void_follow_up(c, KARIN, NOW, "Fel"))
    assert "samordningsansvarig" in str(problem)
    voiding.void_follow_up(case, AHMED, NOW, "Aktiverad för tidigt")
    assert case.follow_up() is None
    assert case.history[-1].action == "Makulerade uppföljningen"
    assert case.history[-1].detail == "Aktiverad för tidigt"
    wf.activate_follow_up(case, AHMED, NOW)  # it can be activated anew
    follow_up = case.follow_up()
    assert follow_up is not None
    doc.lock(case, AHMED, NOW, doc.DocumentKind.FOLLOW_UP)
    problem = refused(case, lambda c: voiding.void_follow_up(c, AHMED, NOW, "Fel"))
    assert "låst" in str(problem)

    doc.save_evaluation(case, AHMED, NOW, "Målen nåddes delvis", None, None)
    voiding.void_evaluation(case, AHMED, NOW, "Fel ärende")
    assert case.evaluation() is None
    assert case.history[-1].action == "Makulerade utvärderingen"
    problem = refused(case, lambda c: voiding.void_evaluation(c, AHMED, NOW, "Fel"))
    assert "ingen utvärdering" in str(problem)


def test_makulera_covers_one_activitys_follow_up_while_not_locked() -> None:
    """Seed 001: "… makulera delar av ett ärende": one activity's follow-up (a wrong comment
    or status) is such a part; the history keeps what was voided."""
    case = followed_up_case()
    follow_up = case.follow_up()
    assert follow_up is not None
    (activity,) = case.current_plan().activities()  # type: ignore[union-attr]
    entry = doc.ActivityFollowUp(activity.id, "Fel patient", doc.ActivityStatus.DONE)
    doc.save_follow_up(case, AHMED, NOW, [entry], follow_up.version)
    problem = refused(case, lambda c: voiding.void_follow_up_entry(c, KARIN, NOW, activity.id, "x"))
    assert "samordningsansvarig" in str(problem)
    voiding.void_follow_up_entry(case, AHMED, NOW, activity.id, "Skrevs i fel ärende")
    assert activity.id not in follow_up.entries
    assert case.history[-1].action == "Makulerade uppföljningen av «Insulin»"
    assert case.history[-1].detail == "Skrevs i fel ärende (var: «Fel patient»)"
    problem = refused(case, lambda c: voiding.void_follow_up_entry(c, AHMED, NOW, activity.id, "x"))
    assert "ingen uppföljning att makulera" in str(problem)
