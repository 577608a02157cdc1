"""A whole SIP by keyboard, two users at once on two units (scenario 2 of SCENARIOS.md):
Ahmed, coordinator at Ålidhems hälsocentral, and Karin, who watches the mailbox of
Hemsjukvården Umeå centrum. Both apps run side by side on one shared store; after every
step the test waits until BOTH users' overviews show the expected colours of the case
(they follow the change feed by themselves), and checks the open tasks and their deadlines
the store reports.

Letters per column INI KAR KAL SIP UPP MED: D done (green), O ours (red), T theirs (blue),
C creatable (grey +), - not yet (grey). The clock stands at Monday 23 November 2026 08:05.
"""

from __future__ import annotations

from textual.pilot import Pilot

from sip_tui.domain.model import Phase
from sip_tui.store.service.api import Store
from sip_tui.ui.case.parts import Part
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.dialogs.answer import AnswerDialog
from sip_tui.ui.dialogs.simple import ConfirmScreen
from sip_tui.ui.forms.base import FormScreen
from sip_tui.ui.overview.screen import OverviewScreen
from tests.acting import as_user
from tests.domain.world import AHMED, HC, HSV, KARIN
from tests.ui.forms import (
    add_row,
    app_as,
    choose,
    focus,
    new_case_form,
    open_case,
    open_part,
    pick,
    state,
)
from tests.ui.helpers import until

LETTER = {"done": "D", "ours": "O", "theirs": "T", "creatable": "C", "not-yet": "-"}
TUE = "2026-11-24T12:00:00+01:00"  # acknowledging: the 12:00 cut-off
# Documenting and locking: the whole working day (its last second).
WED, FRI = "2026-11-25T23:59:59+01:00", "2026-11-27T23:59:59+01:00"
BEFORE_EVALUATION = "2027-01-19T23:59:59+01:00"  # the working day before 20 January
AFTER_EVALUATION = "2027-01-21T23:59:59+01:00"  # the working day after


def seen(pilot: Pilot[None], case_id: int) -> str | None:
    """The case's colours in this user's overview as letters; None when it is not listed.
    An overview hidden under a case or a form reads the store only when shown again: for
    it, what it will show then (the store's overview of its unit)."""
    overview = next(s for s in pilot.app.screen_stack if isinstance(s, OverviewScreen))
    if not overview.shown:
        rows = overview.store.overview_for(overview.unit)
    elif overview.loaded is None:
        return None
    else:
        rows = overview.loaded.rows
    for row in rows:
        if row.case_id == case_id:
            return "".join(LETTER[row.statuses[phase].value] for phase in Phase)
    return None


class Watch:
    """Both users and the store: ``expect`` after every step."""

    def __init__(self, store: Store, ahmed: Pilot[None], karin: Pilot[None]) -> None:
        self.store, self.ahmed, self.karin = store, ahmed, karin
        self.case_id = 0

    async def expect(
        self, hc: str | None, hsv: str | None, tasks: set[tuple[str, str, str | None]]
    ) -> None:
        await until(self.ahmed, lambda: seen(self.ahmed, self.case_id) == hc, timeout=10)
        await until(self.karin, lambda: seen(self.karin, self.case_id) == hsv, timeout=10)
        reported = {
            (t.unit, t.kind.value, t.deadline.isoformat() if t.deadline else None)
            for t in self.store.case_tasks(self.case_id)
        }
        assert reported == tasks


async def back_to_case(pilot: Pilot[None]) -> CaseScreen:
    """Esc from a form (nothing unsaved) back to the case screen."""
    await pilot.press("escape")
    await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def accept(pilot: Pilot[None], comment: str) -> None:
    # The case screen follows the change feed: Acceptera is offered once it has the call.
    await until(pilot, lambda: pilot.app.screen.check_action("accept", ()) is True)
    await pilot.press("a")
    await until(pilot, lambda: isinstance(pilot.app.screen, AnswerDialog))
    await pilot.press(*comment, "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))


async def test_a_whole_sip_by_two_users_on_two_units(world: Store) -> None:
    async with (
        app_as(world, AHMED).run_test(size=(80, 24)) as ahmed,
        app_as(world, KARIN).run_test(size=(80, 24)) as karin,
    ):
        watch = Watch(world, ahmed, karin)

        # 1. Ahmed: Nytt ärende, the initiative to Hemsjukvården, Spara (a draft).
        form = await new_case_form(ahmed)
        await ahmed.press(*"19450612-1237", "tab", *"Elsa Andersson", "tab", "space")
        await focus(ahmed, form, "reason")
        await ahmed.press(*"Utskrivning med behov av hemsjukvård")
        await pick(ahmed, form, "hemsjuk")
        await ahmed.press("f2")
        await until(ahmed, lambda: len(world.overview_for(HC)) == 1)
        watch.case_id = world.overview_for(HC)[0].case_id
        await watch.expect("O-----", None, {(HC, "send-initiative", None)})

        # 2. Skicka: Karin's mailbox gets it, to be acknowledged by Tuesday's cut-off.
        await until(ahmed, lambda: "Utkast" in state(form))
        await ahmed.press("f5")
        await until(ahmed, lambda: isinstance(ahmed.app.screen, ConfirmScreen))
        await ahmed.press("j")
        await until(ahmed, lambda: isinstance(ahmed.app.screen, OverviewScreen))
        # A recipient still to answer may already write (MED creatable).
        await watch.expect("TCC--C", "O----C", {(HSV, "answer-initiative", TUE)})

        # 3. Karin accepts, suggesting a day. Ahmed's blue INI turns green by itself.
        await open_case(karin, watch.case_id)
        await accept(karin, "Tisdag eftermiddag passar")
        await watch.expect("DCC--C", "DC---C", set())

        # 4. Ahmed writes the Kartläggning (SBAR), Spara, Signera; he must still lock it.
        await open_case(ahmed, watch.case_id)
        form = await open_part(ahmed, Part.MAPPING)
        await ahmed.press(*"Utskrivningsklar fredag", "f2")
        await until(ahmed, lambda: "redigeras av Ahmed Nilsson" in state(form))
        await watch.expect("DOC--C", "DT---C", {(HC, "sign", None), (HC, "lock-mapping", None)})
        await ahmed.press("f3")
        await until(ahmed, lambda: "redigeras av" not in state(form))
        await watch.expect("DOC--C", "DT---C", {(HC, "lock-mapping", None)})
        await back_to_case(ahmed)

        # 5. Kallelse to the planning meeting on Thursday 13:00; Karin must acknowledge.
        form = await open_part(ahmed, Part.CALL)
        await ahmed.press("tab", *"Ålidhems HC, rum 3", "tab", *"2026-11-26", "tab", *"13:00")
        await ahmed.press("f5")
        await until(
            ahmed, lambda: bool(world.open_case(as_user(AHMED.user, HC), watch.case_id).calls)
        )
        await watch.expect(
            "DOTO-C",
            "DTOT-C",
            {
                (HC, "lock-mapping", WED),  # the working day before the meeting
                (HSV, "answer-call", TUE),
                (HC, "document-plan", FRI),  # the working day after the meeting
            },
        )
        await back_to_case(ahmed)

        # 6. Karin acknowledges the call.
        await accept(karin, "Sara Holm kommer")
        await watch.expect(
            "DODO-C", "DTDT-C", {(HC, "lock-mapping", WED), (HC, "document-plan", FRI)}
        )

        # 7. Ahmed locks the mapping.
        form = await open_part(ahmed, Part.MAPPING)
        await ahmed.press("f4", "j")  # Lås asks first
        await until(ahmed, lambda: "LÅST" in state(form))
        await watch.expect("DDDO-C", "DDDT-C", {(HC, "document-plan", FRI)})
        await back_to_case(ahmed)

        # 8. The plan: evaluation planned 20 January, one goal, one activity for Hemsjukvården.
        form = await open_part(ahmed, Part.PLAN)
        await ahmed.press("tab", *"2027-01-20")  # Planerad utvärdering
        await add_row(ahmed, "m")
        await ahmed.press(*"Bo kvar hemma", "tab", *"Envis")
        await add_row(ahmed, "a")
        await ahmed.press(*"Insulin morgon och kväll", "tab")
        await choose(ahmed, "Hemsjukvården")
        await ahmed.press("tab", *"Sara Holm", "tab", *"2027-01-10", "f2")
        await until(ahmed, lambda: "redigeras av Ahmed Nilsson" in state(form))
        await watch.expect("DDDO-C", "DDDT-C", {(HC, "document-plan", FRI), (HC, "sign", FRI)})
        await ahmed.press("f3")
        await until(ahmed, lambda: "redigeras av" not in state(form))
        await ahmed.press("f4", "j")  # Lås asks first
        await until(ahmed, lambda: "LÅST" in state(form))
        await watch.expect("DDCDCC", "DDDD-C", set())
        await back_to_case(ahmed)

        # 9. Follow-up activated: Hemsjukvården must follow up its activity before the
        #    evaluation; Ahmed (coordinating unit) writes it from the call with Sara.
        form = await open_part(ahmed, Part.FOLLOW_UP)
        await ahmed.press("f5")
        await until(ahmed, lambda: bool(form.query("#comment-1")))
        await watch.expect(
            "DDCDOC",
            "DDDDOC",
            {
                (HC, "lock-follow-up", BEFORE_EVALUATION),
                (HSV, "follow-up-activity", BEFORE_EVALUATION),
            },
        )
        form.query_one("#status-1").focus()
        await ahmed.pause()
        await choose(ahmed, "Genomförd")
        form.query_one("#comment-1").focus()
        await ahmed.press(*"Sköter insulinet själv", "f2")
        await until(ahmed, lambda: "redigeras av Ahmed Nilsson" in state(form))
        await ahmed.press("f3")
        await until(ahmed, lambda: "redigeras av" not in state(form))
        await watch.expect("DDCDOC", "DDDDTC", {(HC, "lock-follow-up", BEFORE_EVALUATION)})
        await ahmed.press("f4", "j")  # Lås asks first
        await until(ahmed, lambda: "LÅST" in state(form))
        await watch.expect("DDCDOC", "DDDDTC", {(HC, "document-evaluation", AFTER_EVALUATION)})
        await back_to_case(ahmed)

        # 10. The evaluation, locked; then the case is closed and leaves both overviews.
        form = await open_part(ahmed, Part.EVALUATION)
        await ahmed.press(*"2027-01-20 10:00", "tab", *"Målen är nådda.", "f2")
        await until(ahmed, lambda: "redigeras av Ahmed Nilsson" in state(form))
        await ahmed.press("f4", "j")  # Lås asks first
        await until(ahmed, lambda: "LÅST" in state(form))
        await watch.expect("DDCDDC", "DDDDDC", set())
        await ahmed.press("f5")
        await until(ahmed, lambda: isinstance(ahmed.app.screen, ConfirmScreen))
        await ahmed.press("j")
        await until(ahmed, lambda: not isinstance(ahmed.app.screen, FormScreen))
        await watch.expect(None, None, set())  # closed cases are hidden by default
    case = world.open_case(as_user(AHMED.user, HC), watch.case_id)
    assert case.closed_at is not None
    assert case.participants[HSV].comment == "Tisdag eftermiddag passar"
