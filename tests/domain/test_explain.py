"""Why a cell has its colour (explain), the overview's sort key and its deadline column."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sip_tui.domain import calls, messages
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.explain import deadline_label, explain, urgency
from sip_tui.domain.model import CallKind, Case, Phase, Status
from sip_tui.domain.status import Rule, Task, TaskKind, column_statuses, open_tasks

from .world import (
    AHMED,
    BIST,
    BIST_PRO,
    CALENDAR,
    HC,
    HSV,
    KARIN,
    PSY,
    PSY_PRO,
    UNIT_NAMES,
    WARD,
    at,
    draft_case,
)

NOW = at("2026-11-23 10:48")  # Monday; the initiative sent on Friday is due at 12:00 today


def name(unit: str) -> str:
    return UNIT_NAMES[unit]  # an unknown unit fails the test instead of showing its code


def why(case: Case, unit: str, phase: Phase, now: datetime = NOW) -> str:
    """The text for a real case, with the status the overview really shows."""
    status = column_statuses(case, unit)[phase]
    return explain(phase, status, open_tasks(case, CALENDAR), unit, name, now)


def sent_case() -> Case:
    case = draft_case()
    wf.send_initiative(case, AHMED, at("2026-11-20 09:12"))
    return case


def answered_case() -> Case:
    case = sent_case()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.accept_initiative(case, BIST_PRO, at("2026-11-23 08:20"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 09:00"), "Inget åtagande hos oss")
    return case


def mapping_saved_case() -> Case:
    case = answered_case()
    text = doc.MappingText("Utskrivningsklar", "Diabetes", "Stabil", "Hemsjukvård")
    doc.save_mapping(case, AHMED, at("2026-11-23 10:00"), text, None)
    return case


def call_sent_case() -> Case:
    case = mapping_saved_case()
    messages.send_message(
        case, AHMED, at("2026-11-23 10:30"), text="Elsa skrivs ut på torsdag.", recipients=[HSV]
    )
    calls.send_call(
        case,
        AHMED,
        at("2026-11-23 10:40"),
        kind=CallKind.PLANNING,
        meeting_form="Fysiskt möte",
        place="Ålidhems HC",
        meeting_at=at("2026-11-26 13:00"),
        recipients={HSV: True, BIST: True},
    )
    return case


def task(
    unit: str,
    phase: Phase,
    kind: TaskKind,
    since: str,
    deadline: str | None,
    *,
    rule: Rule | None = None,
    from_unit: str | None = None,
    ref: int | None = None,
    holder: str | None = None,
    meeting: tuple[CallKind, str] | None = None,
) -> Task:
    return Task(
        case_id=1,
        unit=unit,
        phase=phase,
        kind=kind,
        since=at(since),
        deadline=at(deadline) if deadline is not None else None,
        rule=rule,
        from_unit=from_unit,
        ref=ref,
        holder=holder,
        call_kind=meeting[0] if meeting is not None else None,
        meeting_at=at(meeting[1]) if meeting is not None else None,
    )


# --- explain: one text per status, from real cases --------------------------------------------


@pytest.mark.parametrize(
    ("build", "unit", "phase", "status", "expected"),
    [
        pytest.param(
            sent_case,
            HSV,
            Phase.INI,
            Status.OURS,
            "Er enhet har inte kvitterat initiativet från Ålidhems HC, skickat fre 20 nov 09:12. "
            "Senast mån 23 nov 12:00 — om 1 h 12 min.",
            id="ours",
        ),
        pytest.param(
            sent_case,
            HC,
            Phase.INI,
            Status.THEIRS,
            "Väntar på kvittens från 3 enheter: Hemsjukvården Umeå centrum, "
            "Biståndshandläggning Umeå, Psykiatriska öppenvården — senast mån 23 nov 12:00.",
            id="theirs",
        ),
        pytest.param(
            answered_case,
            HC,
            Phase.INI,
            Status.DONE,
            "Klart i den här fasen: initiativet är skickat och alla mottagare har svarat.",
            id="done",
        ),
        pytest.param(
            answered_case,
            HC,
            Phase.KAR,
            Status.CREATABLE,
            "Er enhet kan skapa Kartläggning nu.",
            id="creatable",
        ),
        pytest.param(
            answered_case,
            HC,
            Phase.SIP,
            Status.NOT_YET,
            "Plan kan inte skapas ännu: först när kallelsen till planeringsmötet är skickad.",
            id="not-yet",
        ),
    ],
)
def test_explain_gives_one_text_for_each_status(
    build: Callable[[], Case], unit: str, phase: Phase, status: Status, expected: str
) -> None:
    case = build()
    assert column_statuses(case, unit)[phase] is status
    assert why(case, unit, phase) == expected


def test_an_overdue_task_says_for_how_long() -> None:
    case = sent_case()
    assert why(case, HSV, Phase.INI, at("2026-11-26 08:00")) == (
        "Er enhet har inte kvitterat initiativet från Ålidhems HC, skickat fre 20 nov 09:12. "
        "Senast mån 23 nov 12:00 — försenad sedan 2 d 20 h."
    )


def test_overdue_starts_the_second_after_the_deadline() -> None:
    """Seed 001: "Kvittering från mottagaren ska ske senast kl. 12.00 vardagen efter att
    initiativet skickades" — 12:00:00 is on time, 12:00:01 is late."""
    case = sent_case()
    assert why(case, HSV, Phase.INI, at("2026-11-23 12:00")).endswith(
        "Senast mån 23 nov 12:00 — om under 1 min."
    )
    assert why(case, HSV, Phase.INI, at("2026-11-23 12:00:01")).endswith(
        "Senast mån 23 nov 12:00 — försenad sedan under 1 min."
    )
    assert why(case, HSV, Phase.INI, at("2026-11-23 11:59")).endswith(
        "Senast mån 23 nov 12:00 — om 1 min."
    )


def test_theirs_overdue_names_the_delay() -> None:
    case = sent_case()
    assert why(case, HC, Phase.INI, at("2026-11-24 12:30")) == (
        "Väntar på kvittens från 3 enheter: Hemsjukvården Umeå centrum, "
        "Biståndshandläggning Umeå, Psykiatriska öppenvården — "
        "senast mån 23 nov 12:00, försenad sedan 1 d."
    )


def test_theirs_with_one_unit_left_names_it() -> None:
    case = sent_case()
    wf.accept_initiative(case, KARIN, at("2026-11-23 08:10"))
    wf.decline_initiative(case, PSY_PRO, at("2026-11-23 09:00"), "Inget åtagande hos oss")
    assert why(case, HC, Phase.INI) == (
        "Väntar på kvittens från Biståndshandläggning Umeå — senast mån 23 nov 12:00."
    )
    assert why(case, HSV, Phase.INI) == why(case, HC, Phase.INI)


def test_a_draft_initiative_is_ours_to_send_without_deadline() -> None:
    case = draft_case()
    assert why(case, HC, Phase.INI) == (
        "Initiativet är inte skickat; utkastet skapades fre 20 nov 09:00. Ingen tidsgräns."
    )


def test_sign_names_the_holder_and_the_lock_follows() -> None:
    case = mapping_saved_case()
    assert why(case, HC, Phase.KAR) == (
        "Användaren ahmed på er enhet har sparat kartläggningen utan att signera; ingen annan "
        "kan redigera den sedan mån 23 nov 10:00. Ingen tidsgräns ännu (mötestid saknas). "
        "Er enhet har inte låst kartläggningen, skapad mån 23 nov 10:00. "
        "Ingen tidsgräns ännu (mötestid saknas)."
    )
    assert why(case, HSV, Phase.KAR) == (
        "Väntar på signering av kartläggningen från Ålidhems HC (ahmed) — ingen tidsgräns ännu. "
        "Väntar på låsning av kartläggningen från Ålidhems HC — ingen tidsgräns ännu."
    )


def test_the_call_gives_the_mapping_its_deadline() -> None:
    case = call_sent_case()
    assert why(case, HC, Phase.KAR) == (
        "Användaren ahmed på er enhet har sparat kartläggningen utan att signera; ingen annan "
        "kan redigera den sedan mån 23 nov 10:00. Senast ons 25 nov — om 2 d 13 h. "
        "Er enhet har inte låst kartläggningen, skapad mån 23 nov 10:00. "
        "Senast ons 25 nov — om 2 d 13 h."
    )
    assert why(case, HSV, Phase.KAL) == (
        "Er enhet har inte kvitterat kallelsen till planeringsmöte tor 26 nov 13:00 från "
        "Ålidhems HC, skickad mån 23 nov 10:40. "
        "Senast tis 24 nov 12:00 — om 1 d 1 h."
    )
    assert why(case, HSV, Phase.SIP) == (
        "Väntar på dokumentation och låsning av planen från Ålidhems HC — senast fre 27 nov."
    )


def test_read_message_gives_its_number_and_sender() -> None:
    case = call_sent_case()
    assert why(case, HSV, Phase.MED) == (
        "Er enhet har inte läst meddelande nr 1 från Ålidhems HC, skickat mån 23 nov 10:30. "
        "Senast tis 24 nov 12:00 — om 1 d 1 h."
    )
    assert why(case, HC, Phase.MED) == (
        "Väntar på läsning av meddelande nr 1 från Hemsjukvården Umeå centrum — "
        "senast tis 24 nov 12:00."
    )
    assert why(case, BIST, Phase.MED) == why(case, HC, Phase.MED)


def test_a_unit_that_has_not_accepted_hears_so() -> None:
    case = sent_case()
    assert why(case, HSV, Phase.KAR) == (
        "Kartläggning kan inte skapas ännu: först när er enhet har accepterat initiativet."
    )


def test_a_unit_that_has_not_answered_may_send_a_message() -> None:
    """ "Alla Pratoranvändare med behörighet till SIP-ärendet" (seed 001,
    Informationsmeddelande): not answering yet takes no access away."""
    case = sent_case()
    assert why(case, HSV, Phase.MED) == "Er enhet kan skapa Informationsmeddelande nu."


def test_not_yet_gives_the_reason_of_each_phase() -> None:
    case = answered_case()
    assert why(case, HSV, Phase.KAL) == (
        "Kallelse kan inte skapas ännu: kallelser skickas av samordningsansvarig enhet när "
        "initiativet är skickat."
    )
    assert why(case, HSV, Phase.UPP) == (
        "Uppföljning kan inte skapas ännu: först när planen är låst; samordningsansvarig "
        "enhet aktiverar uppföljningen."
    )


@pytest.mark.parametrize(
    "build", [draft_case, sent_case, answered_case, mapping_saved_case, call_sent_case]
)
def test_every_cell_of_a_real_case_explains_itself_in_plain_text(
    build: Callable[[], Case],
) -> None:
    case = build()
    for unit in (HC, HSV, BIST, PSY):
        if not case.has_access(unit):
            continue
        for phase in Phase:
            text = why(case, unit, phase)
            assert text.endswith(".")
            assert "\n" not in text
            assert "[" not in text  # no markup: the caller shows the text literally
            # the status and the tasks agree: never the fallback texts
            assert "något kvar att göra" not in text
            assert "en annan enhet gör klart" not in text


# --- explain: every kind of task --------------------------------------------------------------


@pytest.mark.parametrize(
    ("open_task", "expected"),
    [
        pytest.param(
            task(HSV, Phase.INI, TaskKind.SEND_INITIATIVE, "2026-11-20 09:00", None),
            "Initiativet är inte skickat; utkastet skapades fre 20 nov 09:00. Ingen tidsgräns.",
            id="send-initiative",
        ),
        pytest.param(
            task(
                HSV,
                Phase.INI,
                TaskKind.ANSWER_INITIATIVE,
                "2026-11-20 09:12",
                "2026-11-23 12:00",
                from_unit=BIST,
            ),
            "Er enhet har inte kvitterat initiativet från Biståndshandläggning Umeå, skickat "
            "fre 20 nov 09:12. Senast mån 23 nov 12:00 — om 1 h 12 min.",
            id="answer-initiative",
        ),
        pytest.param(
            task(
                HSV,
                Phase.KAR,
                TaskKind.SIGN,
                "2026-11-23 08:00",
                "2026-11-25 12:00",
                holder="sara",
            ),
            "Användaren sara på er enhet har sparat kartläggningen utan att signera; ingen annan "
            "kan redigera den sedan mån 23 nov 08:00. Senast ons 25 nov 12:00 — om 2 d 1 h.",
            id="sign",
        ),
        pytest.param(
            task(HSV, Phase.SIP, TaskKind.SIGN, "2026-11-23 08:00", None),
            "Någon på er enhet har sparat planen utan att signera; ingen annan kan redigera den "
            "sedan mån 23 nov 08:00. Ingen tidsgräns ännu (mötestid saknas).",
            id="sign-without-holder",
        ),
        pytest.param(
            task(HSV, Phase.KAR, TaskKind.LOCK_MAPPING, "2026-11-23 08:00", None),
            "Er enhet har inte låst kartläggningen, skapad mån 23 nov 08:00. "
            "Ingen tidsgräns ännu (mötestid saknas).",
            id="lock-mapping",
        ),
        pytest.param(
            task(HSV, Phase.KAL, TaskKind.SEND_CALL, "2026-11-20 14:00", "2026-11-23 12:00"),
            "Er enhet har inte skickat kallelsen till planeringsmötet; den ska skickas inom "
            "3 dagar från utskrivningsklar, fre 20 nov 14:00. "
            "Senast mån 23 nov 12:00 — om 1 h 12 min.",
            id="send-call",
        ),
        pytest.param(
            task(
                HSV,
                Phase.KAL,
                TaskKind.ANSWER_CALL,
                "2026-11-20 15:30",
                "2026-11-23 12:00",
                from_unit=HC,
                ref=2,
                meeting=(CallKind.EVALUATION, "2026-12-02 13:00"),
            ),
            "Er enhet har inte kvitterat kallelsen till utvärderingsmöte ons 2 dec 13:00 från "
            "Ålidhems HC, skickad fre 20 nov 15:30. Senast mån 23 nov 12:00 — om 1 h 12 min.",
            id="answer-call",
        ),
        pytest.param(
            task(HSV, Phase.SIP, TaskKind.DOCUMENT_PLAN, "2026-11-18 10:00", "2026-11-20 12:00"),
            "Er enhet har inte dokumenterat och låst planen (väntar sedan ons 18 nov 10:00). "
            "Senast fre 20 nov 12:00 — försenad sedan 2 d 22 h.",
            id="document-plan-overdue",
        ),
        pytest.param(
            task(
                HSV,
                Phase.UPP,
                TaskKind.FOLLOW_UP_ACTIVITY,
                "2026-11-16 09:00",
                "2026-11-24 12:00",
                ref=3,
            ),
            "Er enhet har inte följt upp aktivitet nr 3 i planen, uppföljningen aktiverad "
            "mån 16 nov 09:00. Senast tis 24 nov 12:00 — om 1 d 1 h.",
            id="follow-up-activity",
        ),
        pytest.param(
            task(HSV, Phase.UPP, TaskKind.LOCK_FOLLOW_UP, "2026-11-16 09:00", "2026-11-24 12:00"),
            "Er enhet har inte låst uppföljningen, aktiverad mån 16 nov 09:00. "
            "Senast tis 24 nov 12:00 — om 1 d 1 h.",
            id="lock-follow-up",
        ),
        pytest.param(
            task(HSV, Phase.UPP, TaskKind.DOCUMENT_EVALUATION, "2026-11-16 09:00", None),
            "Er enhet har inte dokumenterat och låst utvärderingen (väntar sedan "
            "mån 16 nov 09:00). Ingen tidsgräns ännu (mötestid saknas).",
            id="document-evaluation",
        ),
        pytest.param(
            task(
                HSV,
                Phase.MED,
                TaskKind.READ_MESSAGE,
                "2026-11-20 16:00",
                "2026-11-23 12:00",
                from_unit=BIST,
                ref=4,
            ),
            "Er enhet har inte läst meddelande nr 4 från Biståndshandläggning Umeå, skickat "
            "fre 20 nov 16:00. Senast mån 23 nov 12:00 — om 1 h 12 min.",
            id="read-message",
        ),
    ],
)
def test_each_kind_of_task_says_what_our_unit_must_do(open_task: Task, expected: str) -> None:
    assert explain(open_task.phase, Status.OURS, [open_task], HSV, name, NOW) == expected


def test_ours_lists_our_tasks_of_the_column_earliest_deadline_first() -> None:
    later = task(
        HSV, Phase.MED, TaskKind.READ_MESSAGE, "2026-11-23 09:00", "2026-11-24 12:00", ref=2
    )
    sooner = task(
        HSV, Phase.MED, TaskKind.READ_MESSAGE, "2026-11-20 16:00", "2026-11-23 12:00", ref=1
    )
    elsewhere = task(HSV, Phase.KAL, TaskKind.ANSWER_CALL, "2026-11-20 09:00", None, ref=9)
    theirs = task(BIST, Phase.MED, TaskKind.READ_MESSAGE, "2026-11-20 16:00", None, ref=1)
    text = explain(Phase.MED, Status.OURS, [later, elsewhere, theirs, sooner], HSV, name, NOW)
    assert text == (
        "Er enhet har inte läst meddelande nr 1, skickat fre 20 nov 16:00. "
        "Senast mån 23 nov 12:00 — om 1 h 12 min. "
        "Er enhet har inte läst meddelande nr 2, skickat mån 23 nov 09:00. "
        "Senast tis 24 nov 12:00 — om 1 d 1 h."
    )


def test_theirs_groups_by_call_and_puts_the_earliest_deadline_first() -> None:
    planning = (CallKind.PLANNING, "2026-11-26 13:00")
    evaluation = (CallKind.EVALUATION, "2026-12-02 13:00")
    second = task(
        HSV,
        Phase.KAL,
        TaskKind.ANSWER_CALL,
        "2026-11-24 09:00",
        "2026-11-25 12:00",
        ref=2,
        meeting=evaluation,
    )
    first = [
        task(
            unit,
            Phase.KAL,
            TaskKind.ANSWER_CALL,
            "2026-11-23 09:00",
            "2026-11-24 12:00",
            ref=1,
            meeting=planning,
        )
        for unit in (HSV, BIST)
    ]
    text = explain(Phase.KAL, Status.THEIRS, [second, *first], HC, name, NOW)
    assert text == (
        "Väntar på kvittens av kallelsen till planeringsmöte tor 26 nov 13:00 från 2 enheter: "
        "Hemsjukvården Umeå centrum, Biståndshandläggning Umeå — senast tis 24 nov 12:00. "
        "Väntar på kvittens av kallelsen till utvärderingsmöte ons 2 dec 13:00 från "
        "Hemsjukvården Umeå centrum — senast ons 25 nov 12:00."
    )


def test_theirs_follow_up_names_the_activities_and_the_earliest_deadline() -> None:
    tasks = [
        task(
            PSY,
            Phase.UPP,
            TaskKind.FOLLOW_UP_ACTIVITY,
            "2026-11-16 09:00",
            "2026-11-25 12:00",
            ref=3,
        ),
        task(
            HSV,
            Phase.UPP,
            TaskKind.FOLLOW_UP_ACTIVITY,
            "2026-11-16 09:00",
            "2026-11-24 12:00",
            ref=1,
        ),
        task(
            HSV,
            Phase.UPP,
            TaskKind.FOLLOW_UP_ACTIVITY,
            "2026-11-16 09:00",
            "2026-11-24 12:00",
            ref=2,
        ),
        task(HC, Phase.UPP, TaskKind.LOCK_FOLLOW_UP, "2026-11-16 09:00", "2026-11-24 12:00"),
    ]
    assert explain(Phase.UPP, Status.THEIRS, tasks, WARD, name, NOW) == (
        "Väntar på uppföljning av aktivitet nr 1, 2 och 3 från 2 enheter: "
        "Psykiatriska öppenvården, Hemsjukvården Umeå centrum — senast tis 24 nov 12:00. "
        "Väntar på låsning av uppföljningen från Ålidhems HC — senast tis 24 nov 12:00."
    )


def test_signing_in_follow_up_names_the_follow_up_or_the_evaluation() -> None:
    sign = task(
        HSV, Phase.UPP, TaskKind.SIGN, "2027-01-12 09:00", "2027-01-19 12:00", holder="sara"
    )
    lock_follow_up = task(HC, Phase.UPP, TaskKind.LOCK_FOLLOW_UP, "2027-01-04 09:00", None)
    document = task(HC, Phase.UPP, TaskKind.DOCUMENT_EVALUATION, "2027-01-20 09:00", None)
    assert explain(Phase.UPP, Status.THEIRS, [sign, lock_follow_up], HC, name, NOW).startswith(
        "Väntar på signering av uppföljningen från Hemsjukvården Umeå centrum (sara)"
    )
    assert explain(Phase.UPP, Status.THEIRS, [sign, document], HC, name, NOW).startswith(
        "Väntar på signering av utvärderingen från Hemsjukvården Umeå centrum (sara)"
    )


# --- urgency ----------------------------------------------------------------------------------

CUTOFF = at("2026-11-23 12:00")
OURS_ROW = {Phase.INI: Status.DONE, Phase.KAR: Status.OURS, Phase.MED: Status.THEIRS}
THEIRS_ROW = {Phase.INI: Status.DONE, Phase.KAL: Status.THEIRS, Phase.MED: Status.CREATABLE}
QUIET_ROW = {Phase.INI: Status.DONE, Phase.KAR: Status.CREATABLE, Phase.SIP: Status.NOT_YET}

Row = tuple[str, datetime | None, Mapping[Phase, Status]]
ROWS: list[Row] = [
    ("overdue since Friday", at("2026-11-20 12:00"), OURS_ROW),
    ("overdue since 10:00", at("2026-11-23 10:00"), OURS_ROW),
    ("overdue a second ago", NOW - timedelta(seconds=1), OURS_ROW),
    ("due right now", NOW, OURS_ROW),  # its own second is still on time
    ("due at 12:00", CUTOFF, OURS_ROW),
    ("due tonight", at("2026-11-23 23:59:59"), OURS_ROW),  # a whole-day deadline
    ("due at 11:00", at("2026-11-23 11:00"), OURS_ROW),
    ("ours tomorrow", at("2026-11-24 12:00"), OURS_ROW),
    ("ours next week", at("2026-11-30 12:00"), OURS_ROW),
    ("ours without deadline", None, OURS_ROW),
    ("theirs", None, THEIRS_ROW),
    ("quiet", None, QUIET_ROW),
]
EXPECTED_ORDER = [
    "overdue since Friday",
    "overdue since 10:00",
    "overdue a second ago",
    "due right now",
    "due at 11:00",
    "due at 12:00",
    "due tonight",
    "ours tomorrow",
    "ours next week",
    "ours without deadline",
    "theirs",
    "quiet",
]


def sort_rows(rows: list[Row]) -> list[str]:
    ordered = sorted(rows, key=lambda row: urgency(row[1], row[2], NOW, CUTOFF))
    return [label for label, _, _ in ordered]


@given(st.permutations(ROWS))
def test_urgency_orders_a_shuffled_overview(rows: list[Row]) -> None:
    assert sort_rows(rows) == EXPECTED_ORDER


def test_urgency_groups_and_keys() -> None:
    assert urgency(at("2026-11-20 12:00"), OURS_ROW, NOW, CUTOFF) == (
        0,
        at("2026-11-20 12:00").timestamp(),
    )
    assert urgency(CUTOFF, OURS_ROW, NOW, CUTOFF) == (1, CUTOFF.timestamp())
    assert urgency(None, OURS_ROW, NOW, CUTOFF) == (2, math.inf)
    assert urgency(None, THEIRS_ROW, NOW, CUTOFF) == (3, math.inf)
    assert urgency(None, QUIET_ROW, NOW, CUTOFF) == (4, math.inf)
    assert urgency(None, {}, NOW, CUTOFF) == (4, math.inf)


STATUS_ROWS = st.dictionaries(st.sampled_from(list(Phase)), st.sampled_from(list(Status)))
OFFSETS = st.none() | st.integers(min_value=-20 * 24 * 60, max_value=20 * 24 * 60)
MOMENTS = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda moment: moment.replace(tzinfo=STOCKHOLM)
)


def deadline_at(now: datetime, minutes: int | None) -> datetime | None:
    return None if minutes is None else now + timedelta(minutes=minutes)


@given(MOMENTS, OFFSETS, STATUS_ROWS, OFFSETS, STATUS_ROWS)
def test_overdue_rows_sort_before_all_others(
    now: datetime,
    a_offset: int | None,
    a_statuses: dict[Phase, Status],
    b_offset: int | None,
    b_statuses: dict[Phase, Status],
) -> None:
    cutoff = CALENDAR.next_cutoff(now)
    a_deadline, b_deadline = deadline_at(now, a_offset), deadline_at(now, b_offset)
    a_key = urgency(a_deadline, a_statuses, now, cutoff)
    b_key = urgency(b_deadline, b_statuses, now, cutoff)

    def overdue(deadline: datetime | None) -> bool:  # from the second after the deadline
        return deadline is not None and deadline <= now - timedelta(seconds=1)

    def due(deadline: datetime | None) -> bool:
        return deadline is not None and not overdue(deadline) and deadline <= cutoff

    if overdue(a_deadline) and not overdue(b_deadline):
        assert a_key < b_key
    if due(a_deadline) and not overdue(b_deadline) and not due(b_deadline):
        assert a_key < b_key
    both_overdue = overdue(a_deadline) and overdue(b_deadline)
    if both_overdue and a_deadline is not None and b_deadline is not None:
        assert (a_key < b_key) == (a_deadline < b_deadline)  # the longest overdue first
    if a_deadline is None and b_deadline is None:
        a_ours, b_ours = Status.OURS in a_statuses.values(), Status.OURS in b_statuses.values()
        if a_ours and not b_ours:
            assert a_key < b_key


# --- deadline_label ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "now", "expected"),
    [
        (None, NOW, ""),
        (at("2026-11-23 12:00"), at("2026-11-25 15:00"), "försenad 2 d 3 h"),
        (at("2026-11-23 12:00"), at("2026-11-23 12:00"), "om under 1 min"),  # 12:00 on time
        (at("2026-11-23 12:00"), at("2026-11-23 12:00:01"), "försenad < 1 min"),
        # Whole working days (documenting, locking): no hour, on time until midnight.
        (at("2026-11-24 23:59:59"), at("2026-11-23 09:00"), "senast tis"),
        (at("2026-11-23 23:59:59"), at("2026-11-23 12:30"), "senast mån"),
        (at("2026-11-23 23:59:59"), at("2026-11-23 21:30"), "om 2 h 30 min"),
        (at("2026-11-23 23:59:59"), at("2026-11-24 00:00"), "försenad < 1 min"),
        (at("2026-11-20 23:59:59"), at("2026-11-23 10:00"), "försenad 2 d 10 h"),
        (at("2026-12-02 23:59:59"), at("2026-11-23 10:00"), "senast 2 dec"),
        (at("2026-11-23 12:00"), at("2026-11-23 10:48"), "om 1 h 12 min"),
        (at("2026-11-23 12:00"), at("2026-11-23 11:53"), "om 7 min"),
        (at("2026-11-23 12:00"), at("2026-11-23 09:01"), "om 2 h 59 min"),
        (at("2026-11-23 12:00"), at("2026-11-23 09:00"), "senast mån 12:00"),
        (at("2026-11-23 12:00"), at("2026-11-20 09:12"), "senast mån 12:00"),
        (at("2026-11-30 12:00"), at("2026-11-24 12:00"), "senast mån 12:00"),
        (at("2026-12-02 12:00"), at("2026-11-23 10:00"), "senast 2 dec"),
        (at("2026-11-30 12:00"), at("2026-11-24 11:59"), "senast 30 nov"),
        (datetime(2026, 11, 27, 11, 0, tzinfo=UTC), NOW, "senast fre 12:00"),
    ],
)
def test_deadline_label(deadline: datetime | None, now: datetime, expected: str) -> None:
    assert deadline_label(deadline, now) == expected
