"""``sip-tui demo``: a realistic, reproducible world in an empty database.

Each case is driven by the real domain actions, by the right users, through a random
number of steps of the process, with times that end around "now" — so some tasks are
overdue, some fall due at the next cut-off and some later. The same seed gives the same
world. Rows are written in batches, straight into the tables and read models.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text

from sip_tui.demo.world import DemoUnit, organisations, person_name, slug, units
from sip_tui.domain import calls
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.calendar import WorkCalendar
from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.model import Activity, ActivityStatus, CallKind, Case, Consent, ConsentBy, Goal
from sip_tui.domain.model import Individual as Person
from sip_tui.domain.personnummer import make_personnummer
from sip_tui.domain.roles import Actor, Role
from sip_tui.store import models as t
from sip_tui.store.bulk import bulk_insert
from sip_tui.store.engine import begin_write
from sip_tui.store.models import table_of
from sip_tui.store.rows import aggregate, readmodel

BATCH = 2_000
#: The demo's standing covers hold over these days.
COVER_FROM, COVER_TO = date(2000, 1, 1), date(2099, 12, 31)
#: The units the person running the demo works on, and as what.
OWN_MEMBERSHIPS = (
    ("alidhems-hc", (Role.COORDINATOR, Role.PROFESSIONAL)),
    ("umea-hsv-centrum", (Role.WATCHER,)),
    ("psyk-opv-umea", (Role.PROFESSIONAL, Role.WATCHER, Role.MANAGER)),
    ("umea-bistand", (Role.SUPPORT,)),
)
REASONS = (
    "Utskrivning från slutenvård med behov av insatser från både region och kommun.",
    "Ökat behov av hemsjukvård och hemtjänst efter fall i hemmet.",
    "Psykisk ohälsa och behov av boendestöd; den enskilde önskar samordning.",
    "Nydebuterad demens; anhöriga behöver stöd och insatserna samordnas.",
)


class DemoError(Exception):
    """The demo cannot be built here (the CLI prints it as one line)."""


@dataclass
class DemoWorld:
    units: list[DemoUnit]
    staff: dict[str, dict[Role, Actor]]  # unit -> role -> actor
    own: list[tuple[str, tuple[Role, ...]]]
    region: list[DemoUnit] = field(init=False)
    municipal: list[str] = field(init=False)
    municipal_by_town: dict[str, list[str]] = field(init=False)
    own_hc: DemoUnit = field(init=False)
    names: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.names = {unit.code: unit.name for unit in self.units}
        self.region = [u for u in self.units if u.is_region]
        self.municipal = [u.code for u in self.units if not u.is_region]
        self.municipal_by_town = defaultdict(list)
        for unit in self.units:
            if not unit.is_region:
                self.municipal_by_town[unit.municipality].append(unit.code)
        self.own_hc = next(u for u in self.units if u.code == "alidhems-hc")


@dataclass
class DemoSummary:
    cases: int
    units: int
    own_units: list[tuple[str, str, str]]  # code, name, roles
    by_stage: dict[str, int] = field(default_factory=dict)


def _staff(world_units: list[DemoUnit], rng: random.Random) -> dict[str, dict[Role, Actor]]:
    staff: dict[str, dict[Role, Actor]] = {}
    for number, unit in enumerate(world_units):
        staff[unit.code] = {}
        for role, roles in (
            (Role.WATCHER, {Role.WATCHER}),
            (Role.COORDINATOR, {Role.COORDINATOR, Role.PROFESSIONAL}),
            (Role.PROFESSIONAL, {Role.PROFESSIONAL}),
        ):
            name = person_name(rng)
            login = f"{slug(name).replace('-', '.')}.{number}{role.value[0]}"
            staff[unit.code][role] = Actor(login, name, unit.code, frozenset(roles))
    return staff


def _write_world(conn: Connection, world: DemoWorld, login: str, login_name: str) -> None:
    def rows(model: Any, values: list[dict[str, Any]]) -> None:
        if values:
            conn.execute(insert(model.__table__), values)

    rows(t.Organisation, [{"code": c, "name": n, "kind": k} for c, n, k in organisations()])
    rows(
        t.Unit,
        [
            {
                "code": u.code,
                "name": u.name,
                "short_name": u.short_name,
                "organisation": u.organisation,
                "kind": u.kind,
                "switchboard": u.switchboard,
                "direct_phone": u.direct_phone,
            }
            for u in world.units
        ],
    )
    actors = [a for by_role in world.staff.values() for a in by_role.values()]
    rows(
        t.User,
        [
            {"login": a.user, "name": a.name, "email": f"{a.user}@example.org", "mobile": mobile}
            for a, mobile in zip(actors, _mobiles(len(actors)), strict=True)
        ]
        + [{"login": login, "name": login_name, "email": "", "mobile": ""}],
    )
    rows(
        t.Membership,
        [{"login": a.user, "unit": a.unit, "role": r.value} for a in actors for r in a.roles]
        + [
            {"login": login, "unit": unit, "role": r.value}
            for unit, roles in world.own
            for r in roles
        ],
    )
    _write_roster(conn, world)


def _mobiles(count: int) -> list[str]:
    """Made-up mobile numbers (070-174 xx xx, a range kept for fiction)."""
    return [f"+4670174{number:04d}" for number in range(count)]


def _write_roster(conn: Connection, world: DemoWorld) -> None:
    """Every unit's watcher watches Monday to Friday; its coordinator covers all the years
    the calendar knows (the local routine: someone always covers)."""
    watchers = [(unit, staff[Role.WATCHER].user) for unit, staff in world.staff.items()]
    covers = [(unit, staff[Role.COORDINATOR].user) for unit, staff in world.staff.items()]
    conn.execute(
        insert(table_of(t.WatchWeekly)),
        [{"unit": u, "login": who, "weekday": day} for u, who in watchers for day in range(5)],
    )
    conn.execute(
        insert(table_of(t.WatchCover)),
        [{"unit": u, "login": who, "first": COVER_FROM, "last": COVER_TO} for u, who in covers],
    )


class CaseScript:
    """The steps of one case, run up to a chosen one with times that end near ``now``."""

    def __init__(self, world: DemoWorld, rng: random.Random, case_id: int, person: Person) -> None:
        self.world, self.rng, self.case_id, self.person = world, rng, case_id, person
        self.steps: list[tuple[str, Callable[[datetime], object]]] = []
        self.case: Case | None = None

    def actor(self, unit: str, role: Role) -> Actor:
        return self.world.staff[unit][role]

    def run(self, coordinator: str, recipients: list[str], now: datetime) -> tuple[Case, str]:
        self._plan(coordinator, recipients)
        stop = self.rng.randint(1, len(self.steps))
        span = [timedelta(hours=self.rng.uniform(1, 30)) for _ in range(stop)]
        moment = now - timedelta(hours=self.rng.uniform(0.2, 80)) - sum(span[1:], timedelta())
        for (_, step), gap in zip(self.steps[:stop], [timedelta(), *span[1:]], strict=True):
            moment += gap
            step(moment)
        assert self.case is not None
        return self.case, self.steps[stop - 1][0]

    def _meeting(self, after: datetime, days: tuple[int, int]) -> datetime:
        day = (after + timedelta(days=self.rng.randint(*days))).date()
        return datetime.combine(day, time(13), tzinfo=STOCKHOLM)

    def _plan(self, coordinator: str, recipients: list[str]) -> None:
        rng, add = self.rng, self.steps.append
        boss = self.actor(coordinator, Role.COORDINATOR)

        def create(at: datetime) -> None:
            consent = Consent(True, ConsentBy.INDIVIDUAL, boss.name, at.date())
            self.case = wf.new_case(
                case_id=self.case_id,
                actor=boss,
                at=at,
                individual=self.person,
                reason=rng.choice(REASONS),
                consent=consent,
                recipients=recipients,
                unit_names=self.world.names,
            )

        add(("utkast", create))
        add(("initiativ skickat", lambda at: wf.send_initiative(self.c, boss, at)))
        declining = {u for u in recipients[1:] if rng.random() < 0.12}
        for unit in recipients:
            add(("initiativ besvarat", self._answer(unit, unit not in declining)))
        accepted = [u for u in recipients if u not in declining]
        with_mapping = rng.random() < 0.6
        if with_mapping:
            text = doc.MappingText("Bor ensam", "Diabetes typ 2", "Stabil", "Hemsjukvård")
            add(("kartläggning sparad", lambda at: doc.save_mapping(self.c, boss, at, text, None)))
            add(
                (
                    "kartläggning signerad",
                    lambda at: doc.sign(self.c, boss, at, doc.DocumentKind.MAPPING),
                )
            )
        add(
            (
                "kallelse skickad",
                lambda at: calls.send_call(
                    self.c,
                    boss,
                    at,
                    kind=CallKind.PLANNING,
                    meeting_form="Fysiskt möte",
                    place=next(u.name for u in self.world.units if u.code == coordinator),
                    meeting_at=self._meeting(at, (2, 8)),
                    recipients=dict.fromkeys(accepted, True),
                ),
            )
        )
        for unit in accepted:
            add(("kallelse besvarad", self._accept_call(unit)))
        if with_mapping:
            add(
                (
                    "kartläggning låst",
                    lambda at: doc.lock(self.c, boss, at, doc.DocumentKind.MAPPING),
                )
            )

        def plan(at: datetime) -> None:
            goals = [
                Goal(
                    0,
                    goal,
                    "",
                    "",
                    [
                        Activity(0, activity, rng.choice([coordinator, *accepted]))
                        for activity in rng.sample(
                            (
                                "Insulin morgon och kväll",
                                "Hemtjänst dagligen",
                                "Trygghetslarm",
                                "Samtalsstöd",
                                "Läkemedelsgenomgång",
                            ),
                            rng.randint(1, 3),
                        )
                    ],
                )
                for goal in rng.sample(
                    ("Bo kvar hemma", "Känna trygghet", "Må bättre"), rng.randint(1, 2)
                )
            ]
            doc.save_plan(
                self.c,
                boss,
                at,
                doc.PlanContent(
                    meeting_on=at.date(),
                    evaluation_on=at.date() + timedelta(days=60),
                    situation="Den enskilde vill bo kvar hemma.",
                    goals=goals,
                ),
                None,
            )

        add(("plan sparad", plan))
        add(("plan låst", lambda at: doc.lock(self.c, boss, at, doc.DocumentKind.PLAN)))
        add(("uppföljning aktiverad", lambda at: wf.activate_follow_up(self.c, boss, at)))
        add(
            (
                "kallelse till utvärdering",
                lambda at: calls.send_call(
                    self.c,
                    boss,
                    at,
                    kind=CallKind.EVALUATION,
                    meeting_form="Videomöte",
                    place="Video",
                    meeting_at=self._meeting(at, (10, 30)),
                    recipients=dict.fromkeys(accepted, True),
                ),
            )
        )
        add(("uppföljning gjord", self._follow_up))
        add(("uppföljning låst", lambda at: doc.lock(self.c, boss, at, doc.DocumentKind.FOLLOW_UP)))
        add(
            (
                "utvärdering sparad",
                lambda at: doc.save_evaluation(
                    self.c, boss, at, "Målen är i huvudsak uppnådda.", at, None
                ),
            )
        )
        add(
            ("utvärdering låst", lambda at: doc.lock(self.c, boss, at, doc.DocumentKind.EVALUATION))
        )
        add(("avslutat", lambda at: wf.close_case(self.c, boss, at)))

    def _answer(self, unit: str, accept: bool) -> Callable[[datetime], object]:
        watcher = self.actor(unit, Role.WATCHER)
        comment = self.rng.choice(("", "Tisdag eftermiddag passar", "Ring oss"))

        def answer(at: datetime) -> None:
            if accept:
                wf.accept_initiative(self.c, watcher, at, comment)
            else:
                wf.decline_initiative(self.c, watcher, at, "Ingen insats från vår enhet")

        return answer

    def _accept_call(self, unit: str) -> Callable[[datetime], object]:
        watcher = self.actor(unit, Role.WATCHER)
        return lambda at: calls.accept_call(self.c, watcher, at, 1)

    def _follow_up(self, at: datetime) -> None:
        case = self.c
        plan = case.current_plan()
        assert plan is not None
        follow_up = case.follow_up()
        assert follow_up is not None
        by_unit: dict[str, list[int]] = defaultdict(list)
        for activity in plan.activities():
            by_unit[activity.responsible_unit].append(activity.id)
        for unit, ids in by_unit.items():
            actor = self.actor(
                unit, Role.COORDINATOR if unit == case.coordinator_unit else Role.PROFESSIONAL
            )
            entries = [
                doc.ActivityFollowUp(i, "Genomförd enligt plan", ActivityStatus.DONE) for i in ids
            ]
            doc.save_follow_up(case, actor, at, entries, follow_up.version)
            doc.sign(case, actor, at, doc.DocumentKind.FOLLOW_UP)

    @property
    def c(self) -> Case:
        assert self.case is not None
        return self.case


def _choose_units(world: DemoWorld, rng: random.Random) -> tuple[str, list[str]]:
    coordinator = world.own_hc if rng.random() < 0.3 else rng.choice(world.region)
    pool = world.municipal_by_town.get(coordinator.municipality) or world.municipal
    recipients = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
    if coordinator.municipality == "Umeå" and rng.random() < 0.5:
        recipients = list(dict.fromkeys(["umea-hsv-centrum", *recipients]))
    if rng.random() < 0.2:
        psych = "psyk-opv-umea" if coordinator.code != "psyk-opv-umea" else "psyk-opv-lycksele"
        recipients.append(psych)
    return coordinator.code, list(dict.fromkeys(recipients))


def build_demo(
    engine: Engine,
    *,
    login: str,
    login_name: str,
    cases: int,
    seed: int,
    now: datetime,
    calendar: WorkCalendar,
    unit_count: int | None = None,
) -> DemoSummary:
    """Fill an empty, migrated database with a demo world."""
    rng = random.Random(seed)
    world_units = units(unit_count, rng)
    world = DemoWorld(world_units, _staff(world_units, rng), list(OWN_MEMBERSHIPS))
    summary = DemoSummary(cases, len(world_units), [])
    with begin_write(engine) as conn:
        if conn.execute(select(func.count()).select_from(table_of(t.Unit))).scalar_one():
            raise DemoError(
                "the database already has data; give an empty one (--db) or remove the demo file"
            )
        _write_world(conn, world, login, login_name)
    people: set[str] = set()
    done = 0
    while done < cases:
        batch = min(BATCH, cases - done)
        rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        for case_id in range(done + 1, done + batch + 1):
            person = _person(rng, people, now.date())
            rows[table_of(t.Individual)].append(
                {"personnummer": person.personnummer, "name": person.name}
            )
            coordinator, recipients = _choose_units(world, rng)
            case, stage = CaseScript(world, rng, case_id, person).run(coordinator, recipients, now)
            summary.by_stage[stage] = summary.by_stage.get(stage, 0) + 1
            rows[aggregate.CASE].append({"id": case.id, **aggregate.case_row(case)})
            for table, values in aggregate.child_rows(case).items():
                rows[table].extend(values)
            rows[aggregate.EVENT].extend(aggregate.event_rows(case))
            view, tasks = readmodel.rows_for(case, calendar, now)
            rows[readmodel.VIEW].extend(view)
            rows[readmodel.TASK].extend(tasks)
        with begin_write(engine) as conn:
            for table in (
                table_of(t.Individual),
                aggregate.CASE,
                *aggregate.CHILD_TABLES,
                aggregate.EVENT,
                readmodel.VIEW,
                readmodel.TASK,
            ):
                bulk_insert(conn, table, rows[table])
        done += batch
    if engine.dialect.name == "postgresql":
        with begin_write(engine) as conn:
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('sip_case', 'id'), "
                    "GREATEST((SELECT max(id) FROM sip_case), 1))"
                )
            )
    names = {u.code: u.name for u in world_units}
    summary.own_units = [
        (code, names[code], ", ".join(r.label for r in roles)) for code, roles in OWN_MEMBERSHIPS
    ]
    return summary


def _person(rng: random.Random, taken: set[str], today: date) -> Person:
    while True:
        birth = date(1930, 1, 1) + timedelta(days=rng.randint(0, 75 * 365))
        number = make_personnummer(min(birth, today), rng.randint(0, 999))
        if number.digits12 not in taken:
            taken.add(number.digits12)
            return Person(number.digits12, person_name(rng))
