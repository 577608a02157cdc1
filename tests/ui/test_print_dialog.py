"""Skriv ut on the case screen (issue 13): ``p`` opens the choice, Enter saves the plan as
a PDF and a text file in the documents folder (0600), the path is told in Swedish and the
print is logged; a blank form reads nothing; trouble is said in the dialog. (Its footer:
``test_keys_fit.py``.)"""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select
from textual.widgets import OptionList, Static

from sip_tui.store import models as t
from sip_tui.store.models import table_of
from sip_tui.store.service.api import Store
from sip_tui.ui.case.printing import PrintDialog
from sip_tui.ui.case.screen import CaseScreen
from sip_tui.ui.help.screen import HelpScreen
from tests.domain.world import AHMED, HC
from tests.paper.world import GOAL, INSULIN, planned_case_in
from tests.ui.forms import app_as, open_case
from tests.ui.helpers import until


def print_log(store: Store) -> list[tuple[str, str, str]]:
    log = table_of(t.AccessLog)
    query = select(log.c.login, log.c.unit, log.c.action).where(log.c.action.like("print-%"))
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Dokument"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def test_p_saves_the_plan_as_pdf_and_text_and_says_where(
    world: Store, documents: Path
) -> None:
    case_id = planned_case_in(world, world.engine)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PrintDialog))
        await pilot.press("enter")  # the first choice: the plan
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
        pdf = documents / f"plan-arende-{case_id}.pdf"
        told = [n.message for n in pilot.app._notifications if str(pdf) in n.message]
        assert told == [
            f"Planen (mål- och aktivitetsplan) är sparad i {pdf} "
            f"(och som text, plan-arende-{case_id}.txt)."
        ]
    text = documents / f"plan-arende-{case_id}.txt"
    assert sorted(documents.iterdir()) == [pdf, text]
    for path in (pdf, text):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    read = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages
    )
    assert GOAL in read
    assert INSULIN in read
    assert GOAL in text.read_text(encoding="utf-8")
    assert print_log(world) == [(AHMED.user, HC, "print-plan")]


async def test_a_blank_form_reads_nothing_and_a_second_print_gets_a_new_name(
    world: Store, documents: Path
) -> None:
    case_id = planned_case_in(world, world.engine)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        for _ in range(2):
            await pilot.press("p")
            await until(pilot, lambda: isinstance(pilot.app.screen, PrintDialog))
            pilot.app.screen.query_one(OptionList).highlighted = 5  # Tom checklista
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    assert sorted(path.name for path in documents.iterdir()) == [
        "checklista-tom-2.pdf",
        "checklista-tom-2.txt",
        "checklista-tom.pdf",
        "checklista-tom.txt",
    ]
    assert print_log(world) == []


async def test_a_folder_that_cannot_be_written_is_said_in_the_dialog(
    world: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sip_tui.ui.case.printing as printing

    monkeypatch.setattr(printing, "export_folder", lambda: tmp_path / "finns-inte")
    case_id = planned_case_in(world, world.engine)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PrintDialog))
        await pilot.press("enter")
        state = lambda: str(pilot.app.screen.query_one("#print-state", Static).render())  # noqa: E731
        await until(pilot, lambda: "kunde inte sparas" in state())
        assert isinstance(pilot.app.screen, PrintDialog)  # still open: choose again or Esc
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))


async def test_the_help_names_the_key_and_the_dialog_explains_itself(world: Store) -> None:
    case_id = planned_case_in(world, world.engine)
    async with app_as(world, AHMED).run_test(size=(80, 24)) as pilot:
        await open_case(pilot, case_id)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        rows = [(row.keys, row.description, row.tooltip) for row in pilot.app.screen.rows]
        assert ("p", "Skriv ut", "Skriv ut planen, utvärderingen eller en blankett") in rows
        await pilot.press("escape", "p")
        await until(pilot, lambda: isinstance(pilot.app.screen, PrintDialog))
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        shown = "\n".join(str(s.render()) for s in pilot.app.screen.query(Static))
        assert "Skriv ut" in shown
        assert "loggas" in shown
