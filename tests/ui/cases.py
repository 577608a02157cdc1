"""Cases the UI tests start from, built through the store (helper module)."""

from __future__ import annotations

from datetime import date, timedelta

from sip_tui.domain import documents as doc
from sip_tui.domain.commands import AcceptInitiative, ActivateFollowUp, Lock, SaveFollowUp, SavePlan
from sip_tui.domain.model import ActivityStatus
from sip_tui.store.service.api import Store
from tests.acting import as_user
from tests.domain.world import AHMED, BIST, BIST_PRO, HC, HSV, KARIN, at
from tests.store.seed import planning_call, sent_case
from tests.ui.conftest import NOW

MEETING = NOW + timedelta(days=3, hours=2)  # Thursday 26 November 10:05


def accepted_case(store: Store) -> int:
    """Elsa's case: Hemsjukvården and Biståndshandläggningen have accepted."""
    case_id = sent_case(store, [HSV, BIST])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    store.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id, ""))
    return case_id


def send_planning_call(store: Store, case_id: int) -> int:
    return planning_call(store, case_id, at("2026-11-30 10:00"), {HSV: True, BIST: False})


def followed_up_case(store: Store) -> int:
    """Both activities followed up and the follow-up locked."""
    case_id = locked_plan_case(store)
    store.execute(as_user(AHMED.user, HC), ActivateFollowUp(case_id))
    entries = [
        doc.ActivityFollowUp(1, "Sköter insulinet själv", ActivityStatus.DONE),
        doc.ActivityFollowUp(2, "Hemtjänst två gånger dagligen", ActivityStatus.ONGOING),
    ]
    store.execute(as_user(AHMED.user, HC), SaveFollowUp(case_id, entries, 1))
    store.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.FOLLOW_UP))
    return case_id


def locked_plan_case(store: Store) -> int:
    """Insulin is Hemsjukvården's activity (1), Hemtjänst Biståndshandläggningens (2)."""
    case_id = sent_case(store, [HSV, BIST])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    store.execute(as_user(BIST_PRO.user, BIST), AcceptInitiative(case_id, ""))
    planning_call(store, case_id, MEETING, {HSV: True, BIST: True})
    content = doc.PlanContent(
        meeting_on=MEETING.date(),
        evaluation_on=date(2027, 1, 20),
        goals=[
            doc.Goal(
                0,
                "Bo kvar hemma",
                activities=[
                    doc.Activity(0, "Insulin", HSV, "Sara Holm", date(2027, 1, 10)),
                    doc.Activity(0, "Hemtjänst", BIST),
                ],
            )
        ],
    )
    store.execute(as_user(AHMED.user, HC), SavePlan(case_id, content, None))
    store.execute(as_user(AHMED.user, HC), Lock(case_id, doc.DocumentKind.PLAN))
    return case_id


def called_case(store: Store) -> int:
    """Hemsjukvården has accepted; Ahmed has called it to the planning meeting."""
    case_id = sent_case(store, [HSV])
    store.execute(as_user(KARIN.user, HSV), AcceptInitiative(case_id, ""))
    planning_call(store, case_id, MEETING, {HSV: True})
    return case_id
