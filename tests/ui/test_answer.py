"""Kvittera from the case screen: Acceptera with a comment, Neka with a reason and a
confirmation; what was typed survives a refusal."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Static

from sip_tui.domain.commands import AcceptInitiative, CreateCase, SendInitiative, SendMessage
from sip_tui.domain.model import Answer, Phase, Status
from sip_tui.store.service.api import Store
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.overview.screen import OverviewScreen
from tests.acting import as_user
from tests.ui.conftest import LOGIN, make_app
from tests.ui.helpers import loaded, until

HSV = "umea-hsv-centrum"


async def open_pending_initiative(pilot: Pilot[None]) -> int:
    """Open, from the overview, a case whose initiative our unit has not answered."""
    screen = await loaded(pilot)
    rows = screen.visible_rows()
    index = next(i for i, r in enumerate(rows) if r.statuses[Phase.INI] is Status.OURS)
    screen.query_one("DataTable").move_cursor(row=index, column=0)  # type: ignore[attr-defined]
    await pilot.press("enter")
    await until(
        pilot,
        lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.case is not None,
    )
    return rows[index].case_id


async def test_accept_with_a_comment(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        case_id = await open_pending_initiative(pilot)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press(*"Tisdag passar", "enter")
        await until(
            pilot,
            lambda: (
                store.open_case(as_user(LOGIN, HSV), case_id).participants[HSV].state
                is Answer.ACCEPTED
            ),
        )
        case = store.open_case(as_user(LOGIN, HSV), case_id)
        assert case.participants[HSV].comment == "Tisdag passar"
        assert case.participants[HSV].answered_by == LOGIN
        await pilot.press("escape")  # back to the overview, which has followed the change
        overview = pilot.app.screen
        assert isinstance(overview, OverviewScreen)
        await until(
            pilot,
            lambda: (
                next(
                    r
                    for r in overview.loaded.rows  # type: ignore[union-attr]
                    if r.case_id == case_id
                ).statuses[Phase.INI]
                is not Status.OURS
            ),
        )


async def test_decline_needs_a_reason_and_a_confirmation(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        case_id = await open_pending_initiative(pilot)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        dialog = pilot.app.screen
        await pilot.press("enter")  # no reason
        problem = str(dialog.query_one("#problem", Static).render())
        assert problem.startswith("Ange en anledning")
        assert pilot.app.screen is dialog
        await pilot.press(*"Ingen insats hos oss", "enter")
        confirm = str(dialog.query_one("#confirm", Static).render())
        assert "förlorar då behörigheten" in confirm
        assert (
            store.open_case(as_user(LOGIN, HSV), case_id).participants[HSV].state is Answer.PENDING
        )
        await pilot.press("enter")  # confirmed
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, OverviewScreen)
                and case_id not in {r.case_id for r in pilot.app.screen.loaded.rows}
            ),
        )


async def test_a_refusal_brings_the_dialog_back_with_the_text(store: Store) -> None:
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        case_id = await open_pending_initiative(pilot)
        # Meanwhile an administrator leaves the user only the support role on this unit,
        # so the store refuses the answer.
        from sip_tui.domain.roles import Role
        from sip_tui.store.models import Membership, Participant, table_of

        with store.engine.begin() as conn:
            conn.execute(
                table_of(Membership).insert().values(login=LOGIN, unit=HSV, role=Role.SUPPORT.value)
            )
            conn.execute(
                table_of(Membership)
                .delete()
                .where(
                    table_of(Membership).c.login == LOGIN,
                    table_of(Membership).c.unit == HSV,
                    table_of(Membership).c.role != Role.SUPPORT.value,
                )
            )
        await pilot.press("a")
        await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
        await pilot.press(*"Onsdag passar", "enter")
        # Refused (the user is only support now): the dialog is back, text and reason shown.
        await until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, AnswerDialog)
                and bool(str(pilot.app.screen.query_one("#problem", Static).render()))
            ),
        )
        dialog = pilot.app.screen
        assert dialog.query_one(Input).value == "Onsdag passar"
        assert "support" in str(dialog.query_one("#problem", Static).render())
        with store.engine.connect() as conn:
            state = (
                conn.execute(
                    table_of(Participant)
                    .select()
                    .where(
                        table_of(Participant).c.case_id == case_id,
                        table_of(Participant).c.unit == HSV,
                    )
                )
                .one()
                .state
            )
        assert state == Answer.PENDING.value  # nothing was written


def test_every_task_kind_has_swedish_words_on_the_case_screen() -> None:
    from sip_tui.domain.status import TaskKind
    from sip_tui.ui.case.text import TASKS

    assert set(TASKS) == set(TaskKind)


async def test_mark_our_messages_read(store: Store) -> None:
    from datetime import date

    from sip_tui.domain.model import Consent, ConsentBy

    hc = "alidhems-hc"  # the test user coordinates here and watches HSV's mailbox
    case_id = store.execute(
        as_user(LOGIN, hc),
        CreateCase(
            personnummer="19450612-1237",
            name="Medd Elandesson",
            reason="Behov",
            consent=Consent(True, ConsentBy.INDIVIDUAL, "Tea", date(2026, 11, 20)),
            recipients=[HSV],
        ),
    ).id
    store.execute(as_user(LOGIN, hc), SendInitiative(case_id))
    store.execute(as_user(LOGIN, HSV), AcceptInitiative(case_id))
    store.execute(
        as_user(LOGIN, hc), SendMessage(case_id, text="Ring dottern [OBS]", recipients=[HSV])
    )
    async with make_app(store, unit=HSV).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"Medd", "enter", "enter")
        await until(
            pilot,
            lambda: isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.case is not None,
        )
        shown = pilot.app.export_screenshot()  # the screen as the user sees it (SVG)
        assert "dottern&#160;[OBS]" in shown  # literally, not as markup
        assert "oläst" in shown
        await pilot.press("m")
        await until(
            pilot,
            lambda: (
                store.open_case(as_user(LOGIN, HSV), case_id).messages[0].read_at[HSV] is not None
            ),
        )
