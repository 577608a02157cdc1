"""``sip-tui print`` (issue 13): blank forms without a database, a case's plan as PDF or
text as the OS account on one of its units, the print access-logged, files 0600 and never
over an existing one unless asked, and bad input as one line with exit status 2."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from sip_tui import identity
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from tests.cli.watch_world import assert_one_line_error, sip_tui
from tests.domain.world import AHMED, HC, KARIN, PSY_PRO, at
from tests.paper.world import GOAL, INSULIN, planned_case_in
from tests.store.seed import seed_world

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int]:
    """A database with Elsa's planned case; the URL and the case's number."""
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T09:30")
    url = f"sqlite:///{tmp_path / 'sip.db'}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_world(engine)
    case_id = planned_case_in(
        Store(engine, Clock.frozen(at("2026-11-23 08:05")), WorkCalendar()), engine
    )
    engine.dispose()
    return url, case_id


def login_as(monkeypatch: pytest.MonkeyPatch, login: str) -> None:
    monkeypatch.setattr(identity, "os_login", lambda: login)


def print_log(url: str) -> list[tuple[str, str, str, int, str]]:
    log = table_of(t.AccessLog)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            query = (
                select(log.c.login, log.c.unit, log.c.action, log.c.case_id, log.c.detail)
                .where(log.c.action.like("print-%"))
                .order_by(log.c.id)
            )
            return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]
    finally:
        engine.dispose()


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_a_blank_form_needs_no_database(capsys: Capsys, tmp_path: Path) -> None:
    result = sip_tui(capsys, "print", "checklista")
    assert result.code == 0, result.err
    assert result.out.startswith("Checklista – Samordnad individuell plan (SIP)\n")
    assert "Patient person nr: ____" in result.out
    assert result.err == ""
    out = tmp_path / "tom.pdf"
    result = sip_tui(capsys, "print", "dokumentation", "--pdf", str(out))
    assert (result.code, result.out) == (0, f"wrote {out}\n")
    assert "Stödblankett för dokumentation" in pdf_text(out)
    assert not list(Path(tmp_path).glob("**/*.db"))  # no database made


def test_the_plan_as_pdf_is_logged_and_readable_only_by_its_owner(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, world: tuple[str, int], tmp_path: Path
) -> None:
    url, case_id = world
    login_as(monkeypatch, AHMED.user)
    out = tmp_path / "plan.pdf"
    args = ("print", "plan", "--case", str(case_id), "--unit", HC, "--db", url)
    result = sip_tui(capsys, *args, "--pdf", str(out))
    assert (result.code, result.out, result.err) == (0, f"wrote {out}\n", "")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    assert GOAL in text
    assert INSULIN in text
    assert "Utskriven 2026-11-23 09:30 av Ahmed Nilsson, Ålidhems HC." in text
    assert print_log(url) == [(AHMED.user, HC, "print-plan", case_id, "pdf")]

    before = out.read_bytes()
    refused = sip_tui(capsys, *args, "--pdf", str(out))
    assert_one_line_error(refused, f"{out} exists", "--force")
    assert out.read_bytes() == before
    assert len(print_log(url)) == 1  # refused before anything was read

    out.chmod(0o644)
    replaced = sip_tui(capsys, *args, "--pdf", str(out), "--force")
    assert replaced.code == 0, replaced.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert GOAL in pdf_text(out)
    assert len(print_log(url)) == 2


def test_text_for_the_only_unit_of_the_account(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, world: tuple[str, int]
) -> None:
    url, case_id = world
    login_as(monkeypatch, KARIN.user)
    result = sip_tui(capsys, "print", "utvardering", "--case", str(case_id), "--db", url)
    assert result.code == 0, result.err
    assert "Uppföljning och utvärdering" in result.out
    assert "| Genomförd | Sköter insulinet själv –" in result.out
    # Ahmed's unsigned evaluation is not Hemsjukvården's to read.
    assert "Målet är nått" not in result.out
    assert print_log(url) == [(KARIN.user, KARIN.unit, "print-utvardering", case_id, "text")]


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("kallelse",), ("unknown KIND 'kallelse'", "plan, utvardering, checklista")),
        (("plan", "--pdf", "x.pdf", "--text"), ("either --pdf FILE or --text",)),
        (("plan", "--unit", HC), ("--unit is for a case",)),
        (("plan", "--case", "0"), ("--case", "greater than or equal to 1")),
        (("plan", "--case", "tre"), ("--case", "valid integer")),
        (("plan", "--pdf", "/no/such/folder/x.pdf"), ("/no/such/folder", "does not exist")),
        (("plan", "--pdf", "/tmp"), ("/tmp is a directory",)),
        ((), ("KIND",)),
    ],
)
def test_bad_arguments_are_one_line(
    capsys: Capsys, args: tuple[str, ...], fragments: tuple[str, ...]
) -> None:
    assert_one_line_error(sip_tui(capsys, "print", *args), *fragments)


def test_a_case_the_unit_may_not_read_is_refused(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, world: tuple[str, int]
) -> None:
    url, case_id = world
    login_as(monkeypatch, PSY_PRO.user)
    result = sip_tui(capsys, "print", "plan", "--case", str(case_id), "--db", url)
    assert_one_line_error(
        result, f"per may not print case {case_id} on {PSY_PRO.unit}", "deltar inte i ärendet"
    )
    missing = sip_tui(capsys, "print", "plan", "--case", "999", "--db", url)
    assert_one_line_error(missing, "Ärende 999 finns inte.")
    assert print_log(url) == []


def test_an_account_with_several_units_must_say_which(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch, world: tuple[str, int]
) -> None:
    url, case_id = world
    login_as(monkeypatch, AHMED.user)  # Ålidhems HC, and Hemsjukvården one day a week
    result = sip_tui(capsys, "print", "plan", "--case", str(case_id), "--db", url)
    assert_one_line_error(result, "give --unit CODE", HC, KARIN.unit)
    unknown = ("print", "plan", "--case", str(case_id), "--unit", "nope", "--db", url)
    assert_one_line_error(sip_tui(capsys, *unknown), "unknown unit 'nope'")
