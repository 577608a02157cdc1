"""PostgreSQL enforces who acts and what they see (issue 15, points 1-3), tried with real
login roles on a cluster of the test's own (tests/pg_cluster.py): through the store as the
app uses it, and with plain SQL as a person with their own database login would.

The world (tests/store/seed.py): Ahmed coordinates at Ålidhems HC (HC); Karin watches and
Olle coordinates at Hemsjukvården (HSV); Lisa is at Biståndshandläggningen (BIST); Lena is
support; Maj is HSV's manager. One case goes to HSV and BIST: HSV accepts, BIST declines.
Another case is HC's alone.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, func, select, text

from sip_tui.cli import main
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import Clock
from sip_tui.domain.commands import (
    AcceptInitiative,
    DeclineInitiative,
    SaveMapping,
    SendMessage,
)
from sip_tui.domain.errors import NoAccess, NotAllowed
from sip_tui.domain.roles import Role
from sip_tui.domain.routine import LocalRoutine
from sip_tui.domain.watch import SetWeekdays
from sip_tui.store import models as t
from sip_tui.store import security
from sip_tui.store.engine import begin_write, make_engine
from sip_tui.store.errors import AccessRefused
from sip_tui.store.models import table_of
from sip_tui.store.schema import upgrade
from sip_tui.store.service.api import Store
from sip_tui.store.service.audit import LogFilter
from tests.acting import as_user
from tests.domain.world import AHMED, BIST_PRO, HSV_COORD, KARIN, MANAGER, PSY_PRO, SUPPORT, at
from tests.pg_cluster import Cluster, own_cluster
from tests.store.seed import ACTORS, seed_world, sent_case

NOW = at("2026-11-23 09:00")
policies = importlib.import_module("sip_tui.store.migrations.versions.0009_database_security")
HC, HSV, BIST = AHMED.unit, KARIN.unit, BIST_PRO.unit


@dataclass
class Secured:
    cluster: Cluster
    admin: Engine
    shared: int  # HC's case with HSV (accepted) and BIST (declined)
    own: int  # HC's case with PSY only
    engines: dict[str, Engine]

    def store(self, login: str) -> Store:
        """The store as ``login``'s own database role sees it."""
        if login not in self.engines:
            self.engines[login] = make_engine(self.cluster.url("sip", login))
        return Store(self.engines[login], Clock.frozen(NOW), WorkCalendar())

    def sql(self, login: str) -> psycopg.Connection[tuple[object, ...]]:
        """A plain psycopg connection as ``login`` (what anyone with psql can do)."""
        return psycopg.connect(self.cluster.url("sip", login), autocommit=True)


@pytest.fixture(scope="module")
def secured() -> Iterator[Secured]:
    with own_cluster() as cluster:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE sip")
        upgrade(cluster.url("sip"))  # a real store: the log is stamped by the server
        admin = make_engine(cluster.url("sip"))
        seed_world(admin)
        with begin_write(admin) as conn:
            security.setup(conn)
            for actor in ACTORS:
                security.add_user(
                    conn, actor.user, actor.name, [(actor.unit, r) for r in actor.roles]
                )
            security.add_user(conn, AHMED.user, AHMED.name, [(HSV, Role.PROFESSIONAL)])
        world = Secured(cluster, admin, 0, 0, {})
        ahmed = world.store(AHMED.user)
        world.shared = sent_case(ahmed, [HSV, BIST])
        world.own = sent_case(ahmed, [PSY_PRO.unit])
        world.store(KARIN.user).execute(as_user(KARIN.user, HSV), AcceptInitiative(world.shared))
        world.store(BIST_PRO.user).execute(
            as_user(BIST_PRO.user, BIST), DeclineInitiative(world.shared, reason="Fel enhet")
        )
        yield world
        for engine in world.engines.values():
            engine.dispose()
        admin.dispose()


def _visible(
    conn: psycopg.Connection[tuple[object, ...]], table: str, unit: str | None
) -> set[int]:
    """The case ids ``table``'s visible rows name, acting for ``unit`` in one transaction."""
    column = "id" if table == "sip_case" else "case_id"
    with conn.transaction():
        if unit is not None:
            conn.execute("SELECT set_config('sip.unit', %s, true)", (unit,))
        rows = conn.execute(f"SELECT DISTINCT {column} FROM {table}").fetchall()
    return {int(row[0]) for row in rows if row[0] is not None}


CASE_TABLES = ("sip_case", *policies.CASE_TABLES)


@pytest.mark.parametrize("table", CASE_TABLES)
def test_plain_sql_shows_a_role_only_the_cases_of_the_unit_it_acts_for(
    secured: Secured, table: str
) -> None:
    everything = _all_case_ids(secured, table)
    with secured.sql(KARIN.user) as karin:
        assert _visible(karin, table, None) == set()  # acting for no unit: nothing
        assert _visible(karin, table, HSV) == everything & {secured.shared}
        assert _visible(karin, table, HC) == set()  # not her unit: the claim is ignored
    with secured.sql(AHMED.user) as ahmed:
        assert _visible(ahmed, table, HC) == everything & {secured.shared, secured.own}


@pytest.mark.parametrize("table", CASE_TABLES)
def test_a_unit_that_declined_sees_nothing_more_of_the_case(secured: Secured, table: str) -> None:
    with secured.sql(BIST_PRO.user) as lisa:
        assert _visible(lisa, table, BIST) == set()


def _all_case_ids(secured: Secured, table: str) -> set[int]:
    column = "id" if table == "sip_case" else "case_id"
    with secured.admin.connect() as conn:
        return {int(r[0]) for r in conn.execute(text(f"SELECT DISTINCT {column} FROM {table}"))}


def test_the_individual_register_shows_only_individuals_of_visible_cases(
    secured: Secured,
) -> None:
    with secured.sql(KARIN.user) as karin, karin.transaction():
        karin.execute("SELECT set_config('sip.unit', %s, true)", (HSV,))
        assert karin.execute("SELECT personnummer FROM individual").fetchall() == [
            ("194506121237",)
        ]
    with secured.sql(BIST_PRO.user) as lisa, lisa.transaction():
        lisa.execute("SELECT set_config('sip.unit', %s, true)", (BIST,))
        assert lisa.execute("SELECT count(*) FROM individual").fetchone() == (0,)


def test_through_the_store_a_unit_reads_its_own_cases_and_is_refused_the_others(
    secured: Secured,
) -> None:
    karin = secured.store(KARIN.user)
    rows = karin.overview_for(as_user(KARIN.user, HSV))
    assert [row.case_id for row in rows] == [secured.shared]
    assert karin.open_case(as_user(KARIN.user, HSV), secured.shared).id == secured.shared
    with pytest.raises((NoAccess, NotAllowed)):
        karin.open_case(as_user(KARIN.user, HSV), secured.own)
    lisa = secured.store(BIST_PRO.user)
    assert lisa.overview_for(as_user(BIST_PRO.user, BIST)) == []


def test_a_person_cannot_act_as_someone_else_or_for_a_unit_they_are_not_in(
    secured: Secured,
) -> None:
    karin = secured.store(KARIN.user)
    with pytest.raises(NotAllowed, match="ansluten till databasen som karin"):
        karin.open_case(as_user(HSV_COORD.user, HSV), secured.shared)
    with pytest.raises(NotAllowed):
        karin.open_case(as_user(KARIN.user, HC), secured.own)
    assert karin.user_login() == KARIN.user


def test_a_write_refused_by_the_policies_changes_nothing(secured: Secured) -> None:
    """Plain SQL as Karin: another unit's case cannot be changed, nor her own voided
    into a different coordinator's, nor its history rewritten."""
    with secured.sql(KARIN.user) as karin, karin.transaction():
        karin.execute("SELECT set_config('sip.unit', %s, true)", (HSV,))
        changed = karin.execute(
            "UPDATE sip_case SET cycle = cycle + 1 WHERE id = %s", (secured.own,)
        )
        assert changed.rowcount == 0  # invisible: no row to change
    with secured.sql(KARIN.user) as karin:
        for statement in (
            "UPDATE case_event SET detail = 'x'",
            "DELETE FROM case_event",
            "DELETE FROM sip_case",
            "INSERT INTO individual VALUES ('191212121212', 'Tolvan')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                karin.execute(statement)


TAMPERING = (
    "UPDATE access_log SET detail = 'x'",
    "DELETE FROM access_log",
    "TRUNCATE access_log",
    "ALTER TABLE access_log DISABLE TRIGGER USER",
    "DROP TRIGGER access_log_no_update_or_delete ON access_log",
    "DROP TABLE access_log",
    "ALTER TABLE access_log OWNER TO karin",
    "TRUNCATE case_event",
    "DROP TABLE sip_case",
    "ALTER TABLE sip_case DISABLE ROW LEVEL SECURITY",
    "SET ROLE sip_tui_log",
    "SET SESSION AUTHORIZATION postgres",
)


@pytest.mark.parametrize("statement", TAMPERING)
@pytest.mark.parametrize("login", [KARIN.user, MANAGER.user])
def test_the_log_and_the_schema_cannot_be_altered_by_the_roles_people_use(
    secured: Secured, login: str, statement: str
) -> None:
    before = _log_count(secured)
    with secured.sql(login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)
    assert _log_count(secured) == before


def _log_count(secured: Secured) -> int:
    with secured.admin.connect() as conn:
        return int(
            conn.execute(select(func.count()).select_from(table_of(t.AccessLog))).scalar_one()
        )


def test_the_database_stamps_the_log_with_the_connected_login_and_its_own_clock(
    secured: Secured,
) -> None:
    with secured.sql(KARIN.user) as karin, karin.transaction():
        karin.execute("SELECT set_config('sip.unit', %s, true)", (HSV,))
        karin.execute(
            "INSERT INTO access_log (at, login, unit, action, detail) "
            "VALUES ('2000-01-01', 'maj', 'alidhem-hc', 'forged', '')"
        )
    with secured.admin.connect() as conn:
        login, unit, moment = conn.execute(
            text("SELECT login, unit, at FROM access_log WHERE action = 'forged'")
        ).one()
    assert (login, unit) == (KARIN.user, HSV)
    assert abs(moment - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_refused_read_leaves_a_line_in_the_log_stamped_by_the_database(
    secured: Secured,
) -> None:
    karin = secured.store(KARIN.user)
    with pytest.raises((NoAccess, NotAllowed)):
        karin.open_case(as_user(KARIN.user, HSV), secured.own)
    with secured.admin.connect() as conn:
        lines = conn.execute(
            text(
                "SELECT login, unit, action FROM access_log "
                "WHERE action LIKE 'refused-%' AND login = 'karin'"
            )
        ).all()
    assert (KARIN.user, HSV, "refused-read") in [tuple(line) for line in lines]


def test_the_manager_reads_the_units_log_and_others_only_their_own_lines(
    secured: Secured,
) -> None:
    with secured.sql(KARIN.user) as karin, karin.transaction():
        karin.execute("SELECT set_config('sip.unit', %s, true)", (HSV,))
        logins = {r[0] for r in karin.execute("SELECT login FROM access_log").fetchall()}
    assert logins == {KARIN.user}
    with secured.sql(MANAGER.user) as maj, maj.transaction():
        maj.execute("SELECT set_config('sip.unit', %s, true)", (HSV,))
        units = {r[0] for r in maj.execute("SELECT unit FROM access_log").fetchall()}
    assert HSV in units
    assert HC not in units


def test_support_reads_any_unit_but_the_database_refuses_its_writes(secured: Secured) -> None:
    with secured.sql(SUPPORT.user) as lena:
        assert _visible(lena, "sip_case", HSV) == {secured.shared}
        assert _visible(lena, "sip_case", HC) == {secured.shared, secured.own}
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            lena.execute("UPDATE sip_case SET cycle = 2")
    lena_store = secured.store(SUPPORT.user)
    with pytest.raises((AccessRefused, NotAllowed)):
        lena_store.execute(as_user(SUPPORT.user, HSV), SaveMapping(secured.shared))


def test_the_case_history_is_stamped_with_the_acting_role(secured: Secured) -> None:
    with secured.admin.connect() as conn:
        rows = conn.execute(
            text("SELECT login, unit, action FROM case_event WHERE case_id = :c ORDER BY position"),
            {"c": secured.shared},
        ).all()
    assert (KARIN.user, HSV) in [(r.login, r.unit) for r in rows]
    assert (BIST_PRO.user, BIST) in [(r.login, r.unit) for r in rows]


def test_every_service_call_the_app_makes_works_for_a_member_as_their_own_role(
    secured: Secured,
) -> None:
    """The app's reads and writes for HSV, run as Karin's, Olle's and Maj's own roles:
    the grants and policies let through what the app does (a gap would be an error)."""
    karin, olle, maj = (secured.store(a.user) for a in (KARIN, HSV_COORD, MANAGER))
    k, o, m = (as_user(a.user, HSV) for a in (KARIN, HSV_COORD, MANAGER))
    day = NOW.date()
    assert karin.deadline_counts(HSV, NOW) is not None
    assert {row["case_id"] for row in karin.unit_tasks(HSV)} <= {secured.shared}
    assert karin.case_stamp(secured.shared, HSV) > 0
    with secured.admin.connect() as conn:
        tasks = conn.execute(
            text("SELECT count(*) FROM task WHERE case_id = :c"), {"c": secured.shared}
        )
        assert len(karin.case_tasks(secured.shared, HSV)) == tasks.scalar_one()
    assert karin.addressing(k, "194506121237").other_cases == [AHMED.unit]
    assert [c.case_id for c in karin.open_cases_of(k, "194506121237")] == [secured.shared]
    karin.deviations(k, day, day)
    maj.change_roster(m, SetWeekdays(KARIN.user, frozenset({0, 1})))
    assert karin.roster(HSV).members
    maj.save_local_routine(m, LocalRoutine(HSV, watch_function="Bevakare"))
    assert karin.local_routine(k).watch_function == "Bevakare"
    assert maj.report(m, [HSV], day, day) is not None
    assert maj.search_log(m, LogFilter(day, day + timedelta(days=30)))
    olle.execute(o, SendMessage(secured.shared, text="Vi har tid på tisdag", recipients=[HC]))
    listener = karin.listen()
    try:
        ahmed = secured.store(AHMED.user)
        ahmed.execute(
            as_user(AHMED.user, HC),
            SendMessage(secured.shared, text="Tack, tisdag passar", recipients=[HSV]),
        )
        assert HSV in listener.wait(5.0)
    finally:
        listener.close()


def test_as_an_outsider_every_service_read_shows_nothing_of_the_other_units_case(
    secured: Secured,
) -> None:
    """Lisa's unit declined the shared case and never had HC's own one: through every
    read the app makes, neither exists for her."""
    lisa = secured.store(BIST_PRO.user)
    session = as_user(BIST_PRO.user, BIST)
    assert lisa.overview_for(session, include_closed=True) == []
    assert lisa.unit_tasks(BIST) == []
    for case_id in (secured.shared, secured.own):
        assert lisa.case_stamp(case_id, BIST) == 0
        assert lisa.case_tasks(case_id, BIST) == []
        with pytest.raises((NoAccess, NotAllowed)):
            lisa.open_case(session, case_id)
        with pytest.raises((NoAccess, NotAllowed)):
            lisa.execute(session, SendMessage(case_id, text="x", recipients=[HC]))
    assert lisa.open_cases_of(session, "194506121237") == []
    assert lisa.addressing(session, "194506121237").other_cases == []


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return int(exit_info.value.code or 0), out, err


def test_admin_add_user_gives_a_person_a_login_role_that_sees_their_unit(
    secured: Secured, capsys: pytest.CaptureFixture[str]
) -> None:
    db = secured.cluster.url("sip")
    code, out, _ = _cli(
        capsys,
        "admin",
        "add-user",
        "nils",
        "--name",
        "Nils Nyberg",
        "--member",
        f"{HSV}:watcher",
        "--db",
        db,
    )
    assert code == 0
    assert out.splitlines() == ["created login role nils", f"nils is watcher on {HSV}"]
    nils = secured.store("nils")
    assert nils.user_login() == "nils"
    assert [r.case_id for r in nils.overview_for(as_user("nils", HSV))] == [secured.shared]
    assert _cli(capsys, "admin", "setup", "--db", db)[0] == 0  # again: nothing breaks


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--member", "umea-hsv-centrum:chef"), "give UNIT:ROLE with a role among"),
        (("--member", "no-such-unit:watcher"), "no unit no-such-unit in this database"),
        (("--member", "umea-hsv-centrum:watcher", "--name", " "), "--name is empty"),
    ],
)
def test_admin_add_user_refuses_bad_input_in_one_line(
    secured: Secured, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str
) -> None:
    name = () if "--name" in args else ("--name", "Nils Nyberg")
    code, _, err = _cli(
        capsys, "admin", "add-user", "nils2", *name, *args, "--db", secured.cluster.url("sip")
    )
    assert code == 2
    assert says in err
    assert err.count("\n") == 1


def test_admin_on_a_sqlite_store_says_roles_need_postgresql(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'sip.db'}"
    upgrade(url)
    code, _, err = _cli(capsys, "admin", "setup", "--db", url)
    assert code == 2
    assert "roles exist only on PostgreSQL" in err


def test_a_pretended_time_is_refused_on_a_real_store_and_taken_on_a_training_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real, training = tmp_path / "real.db", tmp_path / "training.db"
    assert _cli(capsys, "db", "upgrade", "--db", f"sqlite:///{real}")[0] == 0
    assert (
        _cli(capsys, "db", "upgrade", "--kind", "training", "--db", f"sqlite:///{training}")[0] == 0
    )
    code, _, err = _cli(capsys, "db", "upgrade", "--kind", "training", "--db", f"sqlite:///{real}")
    assert (code, "--kind is chosen when the database is created" in err) == (2, True)
    monkeypatch.setenv("SIP_TUI_NOW", "2026-11-23T11:30")
    code, _, err = _cli(capsys, "status", "--unit", HSV, "--db", f"sqlite:///{real}")
    assert code == 2
    assert "SIP_TUI_NOW is set, but" in err
    assert "is a real store" in err
    code, _, err = _cli(capsys, "status", "--unit", HSV, "--db", f"sqlite:///{training}")
    assert "SIP_TUI_NOW" not in err  # refused for another reason (no such unit), not the clock


def test_through_the_cli_a_role_reads_its_own_units_and_nothing_else(
    secured: Secured, capsys: pytest.CaptureFixture[str]
) -> None:
    """The commands use the database login too: Karin's role prints her unit's case and
    is refused HC's own case and HC's log."""
    db = secured.cluster.url("sip", KARIN.user)
    code, out, _ = _cli(capsys, "print", "plan", "--case", str(secured.shared), "--db", db)
    assert code == 0
    assert "Elsa Andersson" in out
    code, out, err = _cli(capsys, "print", "plan", "--case", str(secured.own), "--db", db)
    assert code == 2
    assert "Elsa Andersson" not in out + err
    code, _, err = _cli(
        capsys,
        "audit",
        "search",
        "--unit",
        HC,
        "--from",
        "2026-11-01",
        "--to",
        "2026-12-31",
        "--db",
        db,
    )
    assert code == 2
    assert err.count("\n") == 1
