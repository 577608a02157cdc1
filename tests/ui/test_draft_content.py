"""What ``v`` in the draft list shows: everything the user typed, with Swedish labels."""

from __future__ import annotations

from datetime import date

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import SavePlan, SendCall
from sip_tui.domain.model import Activity, Attendee, Goal
from sip_tui.local.drafts import Draft
from sip_tui.ui.drafts.content import draft_text
from tests.domain.world import at

SAVED = at("2026-11-23 11:54")


def test_a_plan_shows_its_goals_activities_and_attendees() -> None:
    content = doc.PlanContent(
        meeting_on=date(2026, 11, 26),
        situation="Elsa bor ensam",
        attendees=[Attendee("HC", "Ahmed")],
        goals=[Goal(0, "Bo kvar hemma", activities=[Activity(0, "Hemtjänst", "HSV")])],
    )
    draft = Draft(1, 42, "Plan", "Spara planen: Elsa bor ensam", SAVED, (SavePlan(42, content, 3),))
    assert draft_text(draft).splitlines() == [
        "Plan, sparat lokalt mån 23 nov 11:54",
        "",
        "Spara planen: Elsa bor ensam",
        "  Mötesdatum: 2026-11-26",
        "  Situation: Elsa bor ensam",
        "  Deltagare 1:",
        "    Enhet: HC",
        "    Person: Ahmed",
        "  Mål 1:",
        "    Mål: Bo kvar hemma",
        "    Aktiviteter 1:",
        "      Text: Hemtjänst",
        "      Ansvarig enhet: HSV",
    ]


def test_a_call_shows_its_meeting_and_recipients_in_swedish() -> None:
    call = SendCall(
        42,
        meeting_form="Fysiskt",
        place="Ålidhem",
        meeting_at=at("2026-11-30 10:00"),
        recipients={"HSV": True},
    )
    text = draft_text(Draft(2, 42, "Kallelse", "Skicka kallelsen", SAVED, (call,)))
    assert "  Slag: planeringsmöte" in text
    assert "  Mötestid: mån 30 nov 10:00" in text
    assert "  Mottagare: HSV (ja)" in text


def test_a_draft_this_version_cannot_read_says_so() -> None:
    text = draft_text(Draft(3, 42, "Kallelse", "Acceptera kallelsen: Passar", SAVED, None))
    assert "kan inte läsas av den här versionen" in text
