"""A hand-built store where every figure of the November 2026 report is known (issue 14).

Made on Tue 1 Dec 2026 09:00 (:data:`NOW`). Home health care (HSV) got, in November:
* Mon 2 Nov 08:00 an initiative, answered 10:00 (2 h, in time);
* Mon 2 Nov 15:00 a call, answered Tue 3 Nov 12:00:00 (21 h, in time: 12:00 itself);
* Wed 11 Nov 09:00 a message, read Thu 12 Nov 12:30 (27 h 30 min, 30 min late);
* Fri 20 Nov 16:00 a call, never answered (due Mon 23 Nov 12:00: overdue 7 d 21 h);
* Mon 30 Nov 10:00 a message, unread (due Tue 1 Dec 12:00: pending);
and, not counted: a message of 31 Oct, one of 1 Dec, a voided one, a call it need not
acknowledge. HSV: 5 incoming (1 initiative, 2 calls, 2 messages), 2 in time, 1 late,
1 overdue, 1 pending, 50,0 % in time, median 21 h, 90th percentile 26 h 12 min; open cases
1 in INI and 1 in SIP; 2 confirmed deviations and 1 proposed in November (one dismissed,
one in October); Karin watches Mon–Thu, so 4 Fridays without a watcher.
Biståndshandläggning (BIST) got the same initiative, answered Wed 4 Nov 09:00 (49 h, late
by 21 h); nobody watches there: 21 working days without a watcher.
County administrator ``lan`` holds the admin role on HC; Maj is HSV's manager."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, insert

from sip_tui.domain.kinds import Phase, Status
from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.rows.readmodel import encode
from tests.domain.world import BIST, HC, HSV, KARIN, at
from tests.store.seed import seed_world

NOW = at("2026-12-01 09:00")
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
ADMIN = "lan"


def _rows(conn: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for row in rows:  # one by one: the rows name different columns, the rest default
        conn.execute(insert(table_of(model)).values(**row))


def seed_report_world(engine: Engine) -> None:
    seed_world(engine)
    done = dict.fromkeys(Phase, Status.DONE)
    with engine.begin() as conn:
        _rows(conn, t.User, [{"login": ADMIN, "name": "Lena Län"}])
        _rows(conn, t.Membership, [{"login": ADMIN, "unit": HC, "role": "admin"}])
        _rows(conn, t.Individual, [{"personnummer": "194506121234", "name": "Elsa Andersson"}])
        case = {
            "personnummer": "194506121234",
            "coordinator_unit": HC,
            "coordinator_user": "ahmed",
            "created_at": at("2026-11-01 10:00"),
        }
        _rows(conn, t.SipCase, [{"id": 1, **case}, {"id": 2, **case}])
        _rows(
            conn,
            t.Initiative,
            [
                {
                    "case_id": 1,
                    "reason": "behov",
                    "consent_given": True,
                    "consent_by": "individual",
                    "consent_obtained_by": "Ahmed",
                    "consent_obtained_on": date(2026, 11, 1),
                    "created_at": at("2026-11-02 07:00"),
                    "sent_at": at("2026-11-02 08:00"),
                    "sent_by": "ahmed",
                }
            ],
        )
        sent = at("2026-11-02 08:00")
        _rows(
            conn,
            t.Participant,
            [
                {"case_id": 1, "unit": HC, "via": "coordinator", "state": "coordinator",
                 "joined_at": sent},
                {"case_id": 1, "unit": HSV, "via": "initiative", "state": "accepted",
                 "joined_at": sent, "answered_at": at("2026-11-02 10:00")},
                {"case_id": 1, "unit": BIST, "via": "initiative", "state": "accepted",
                 "joined_at": sent, "answered_at": at("2026-11-04 09:00")},
            ],
        )  # fmt: skip
        call = {
            "case_id": 1,
            "kind": "planning",
            "cycle": 1,
            "meeting_form": "fysiskt",
            "place": "HC",
            "meeting_at": at("2026-11-26 10:00"),
            "sent_by": "ahmed",
        }
        _rows(
            conn,
            t.Call,
            [
                {**call, "number": 1, "sent_at": at("2026-11-02 15:00")},
                {**call, "number": 2, "sent_at": at("2026-11-20 16:00")},
            ],
        )
        _rows(
            conn,
            t.CallRecipient,
            [
                {"case_id": 1, "call_number": 1, "unit": HSV, "state": "accepted",
                 "answered_at": at("2026-11-03 12:00")},
                {"case_id": 1, "call_number": 2, "unit": HSV},
                {"case_id": 1, "call_number": 2, "unit": BIST, "must_acknowledge": False},
            ],
        )  # fmt: skip
        message = {"case_id": 1, "sender_unit": HC, "sender": "ahmed", "text": "Hej"}
        sent_at = ["2026-11-11 09:00", "2026-11-30 10:00", "2026-10-31 10:00",
                   "2026-12-01 08:00", "2026-11-12 09:00"]  # fmt: skip
        _rows(
            conn,
            t.InfoMessage,
            [{**message, "number": n, "sent_at": at(s)} for n, s in enumerate(sent_at, 1)],
        )
        _rows(conn, t.MessageRecipient, [
            {"case_id": 1, "message_number": n, "unit": HSV,
             "read_at": at("2026-11-12 12:30") if n == 1 else None}
            for n in range(1, 6)
        ])  # fmt: skip
        conn.execute(
            table_of(t.InfoMessage)
            .update()
            .where(table_of(t.InfoMessage).c.number == 5)
            .values(voided_at=at("2026-11-12 10:00"), voided_by="ahmed")
        )
        view = {"personnummer": "194506121234", "individual_name": "Elsa Andersson",
                "coordinator_unit": HC, "updated_at": NOW}  # fmt: skip
        _rows(
            conn,
            t.CaseUnitView,
            [
                {**view, "unit": HSV, "case_id": 1, "is_open": True,
                 "statuses": encode({**done, Phase.SIP: Status.OURS})},
                {**view, "unit": HSV, "case_id": 2, "is_open": True,
                 "statuses": encode({**done, Phase.INI: Status.THEIRS})},
                {**view, "unit": BIST, "case_id": 2, "is_open": False, "statuses": encode(done)},
            ],
        )  # fmt: skip
        deviation = {"unit": HSV, "description": "sent", "reported_at": NOW}
        _rows(
            conn,
            t.Deviation,
            [
                {**deviation, "occurred_at": at("2026-11-05 13:00"), "reported_by": "maj"},
                {**deviation, "occurred_at": at("2026-11-30 23:59"), "reported_by": "maj"},
                {**deviation, "occurred_at": at("2026-11-23 12:00:01"), "status": "proposed",
                 "proposal_key": "k1"},
                {**deviation, "occurred_at": at("2026-11-24 12:00"), "status": "dismissed",
                 "proposal_key": "k2", "reason": "fel"},
                {**deviation, "occurred_at": at("2026-10-31 23:59"), "reported_by": "maj"},
            ],
        )  # fmt: skip
        _rows(
            conn,
            t.WatchWeekly,
            [{"unit": HSV, "login": KARIN.user, "weekday": d} for d in range(4)],
        )
