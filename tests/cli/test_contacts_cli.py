"""``sip-tui contacts export`` / ``import`` (the phone list as CSV for Swedish Excel) and
``sip-tui downtime`` (the desk with no store at all)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import insert

from sip_tui import identity
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.store import models as t
from sip_tui.store.engine import make_engine
from sip_tui.store.models import table_of
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from sip_tui.ui.downtime.place import Desk, local_key
from sip_tui.ui.downtime_app import DowntimeApp
from tests.cli.watch_world import assert_one_line_error, sip_tui
from tests.domain.world import BIST, HC, HSV, KARIN, MANAGER, UNIT_NAMES
from tests.store.seed import seed_world

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def world_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'world.db'}"
    upgrade(url, kind="training")
    engine = make_engine(url)
    seed_world(engine)
    engine.dispose()
    monkeypatch.setattr(identity, "os_login", lambda: MANAGER.user)  # HSV's manager
    return url


def numbers(url: str) -> dict[str, tuple[str, str]]:
    engine = make_engine(url)
    try:
        listed = Store(engine, Clock(), WorkCalendar()).phone_list()
    finally:
        engine.dispose()
    return {c.code: (c.switchboard, c.direct_phone) for c in listed}


def test_export_writes_every_unit_for_swedish_excel(capsys: Capsys, world_url: str) -> None:
    result = sip_tui(capsys, "contacts", "export", "--db", world_url)
    assert result.code == 0, result.err
    assert result.out.startswith("\ufeffcode;name;switchboard;direct_phone\r\n")
    rows = list(csv.DictReader(io.StringIO(result.out.removeprefix("\ufeff")), delimiter=";"))
    assert [row["name"] for row in rows] == sorted(UNIT_NAMES.values())
    assert {row["switchboard"] for row in rows} == {"090-785 00 00"}


def test_an_exported_file_edited_and_imported_changes_the_managers_unit(
    capsys: Capsys, world_url: str, tmp_path: Path
) -> None:
    file = tmp_path / "telefon.csv"
    exported = sip_tui(capsys, "contacts", "export", str(file), "--db", world_url)
    assert (exported.code, exported.out) == (0, f"wrote {len(UNIT_NAMES)} units to {file}\n")
    text = file.read_bytes().decode("utf-8-sig")
    mine = [line for line in text.splitlines() if line.startswith(HSV)]
    edited = "\r\n".join([text.splitlines()[0], mine[0] + "090-16 10 00"]) + "\r\n"
    file.write_bytes(("\ufeff" + edited).encode())

    result = sip_tui(capsys, "contacts", "import", str(file), "--db", world_url)
    assert (result.code, result.err) == (0, "")
    assert result.out == f"updated the numbers of 1 units: {HSV}\n"
    assert numbers(world_url)[HSV] == ("090-785 00 00", "090-16 10 00")
    again = sip_tui(capsys, "contacts", "import", str(file), "--db", world_url)
    assert again.out == f"no numbers changed (1 units in {file} as before)\n"


def test_what_excel_saves_is_read_too(
    capsys: Capsys, world_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows-1252 from "CSV (semikolonavgränsad)", Swedish headers, a number exported
    as '+46… (the formula guard) and a missing number column left as it was."""
    monkeypatch.setattr(identity, "os_login", lambda: "lena")
    engine = make_engine(world_url)
    with engine.begin() as conn:
        conn.execute(insert(table_of(t.Membership)).values(login="lena", unit=HC, role="admin"))
    engine.dispose()
    file = tmp_path / "excel.csv"
    file.write_bytes(
        f"Kod;Enhet;Växel\r\n{BIST};Biståndshandläggning;'+46 90 16 00 00\r\n".encode("cp1252")
    )
    result = sip_tui(capsys, "contacts", "import", str(file), "--db", world_url)
    assert result.code == 0, result.err
    assert numbers(world_url)[BIST] == ("+46 90 16 00 00", "")


@pytest.mark.parametrize(
    ("content", "fragments"),
    [
        (
            b"code;switchboard\r\numea-hsv-centrum;090-1\r\numea-bistand;abc\r\n",
            ["line 3:", "'abc' is not a phone number"],
        ),
        (
            b"code;switchboard\r\numea-hsv-centrum;1\r\n\r\numea-hsv-centrum;2\r\n",
            ["line 4:", "already on line 2"],
        ),
        (b"code;name\r\numea-hsv-centrum;x\r\n", ["line 1:", "no number column"]),
        (b"unit;switchboard\r\n", ["line 1:", "unknown column 'unit'"]),
        (b"code;switchboard\r\n", ["no rows"]),
        (b"code;switchboard\r\n;090-1\r\n", ["line 2:", "no unit code"]),
        (b"code;switchboard\r\nnowhere;090-1\r\n", ["line 2:", "unknown unit 'nowhere'"]),
        (
            b"code;switchboard\r\nalidhem-hc;090-1\r\n",
            ["line 2:", "maj may not change", "'alidhem-hc'"],
        ),
    ],
)
def test_a_bad_file_is_one_line_naming_the_line_and_changes_nothing(
    capsys: Capsys, world_url: str, tmp_path: Path, content: bytes, fragments: list[str]
) -> None:
    before = numbers(world_url)
    file = tmp_path / "bad.csv"
    file.write_bytes(content)
    result = sip_tui(capsys, "contacts", "import", str(file), "--db", world_url)
    assert_one_line_error(result, str(file), *fragments)
    assert numbers(world_url) == before


def test_who_may_not_import_and_a_missing_file_are_one_line(
    capsys: Capsys, world_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "ok.csv"
    file.write_bytes(f"code;switchboard\n{HSV};090-1\n".encode())
    monkeypatch.setattr(identity, "os_login", lambda: KARIN.user)
    refused = sip_tui(capsys, "contacts", "import", str(file), "--db", world_url)
    assert_one_line_error(refused, "karin may not change phone numbers")
    missing = sip_tui(capsys, "contacts", "import", str(tmp_path / "nope.csv"), "--db", world_url)
    assert_one_line_error(missing, "cannot read", "nope.csv")


def test_downtime_starts_the_desk_without_opening_the_store(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[Desk] = []
    monkeypatch.setattr(DowntimeApp, "run", lambda self, **_: started.append(self.desk))
    monkeypatch.setattr(identity, "os_login", lambda: "karin")
    down = "postgresql://karin:secret@db.invalid:5432/sip"  # never connected to
    monkeypatch.setenv("SIP_TUI_DB", down)  # a password: never on the command line
    result = sip_tui(capsys, "downtime")
    assert result.code == 0, result.err
    (desk,) = started
    assert (desk.store, desk.session, desk.login) == (None, None, "karin")
    assert desk.key == local_key("postgresql+psycopg://karin@db.invalid:5432/sip")
