"""Random sequences of actions by random users keep every case consistent.

Hypothesis drives a case through any mix of the workflow's actions, by users of every role
on every unit, with the clock moving on. Refused actions must leave the case untouched;
after every step the invariants below must hold for every unit.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sip_tui.domain import calls, messages, voiding
from sip_tui.domain import documents as doc
from sip_tui.domain import workflow as wf
from sip_tui.domain.calendar import END_OF_DAY
from sip_tui.domain.errors import DomainError, NoAccess
from sip_tui.domain.model import Activity, ActivityStatus, Answer, CallKind, Case, Goal, Status
from sip_tui.domain.roles import Actor, Role
from sip_tui.domain.status import TaskKind, column_statuses, open_tasks

from .world import CALENDAR, HC, UNIT_NAMES, at, draft_case

UNITS = list(UNIT_NAMES)
OTHERS = [unit for unit in UNITS if unit != HC]
ROLE_SETS = [
    frozenset({Role.COORDINATOR, Role.PROFESSIONAL}),
    frozenset({Role.WATCHER}),
    frozenset({Role.PROFESSIONAL}),
    frozenset({Role.SUPPORT}),
]
ACTORS = [
    Actor(f"u{i}", f"User {i}", unit, roles)
    for i, (unit, roles) in enumerate((u, r) for u in UNITS for r in ROLE_SETS)
]
COORDINATOR = ACTORS[0]  # the coordinator of the coordinating unit, HC
KINDS = list(doc.DocumentKind)
Data = st.DataObject
Action = Callable[[Case, Actor, "object", Data], object]


def _version(case: Case, kind: doc.DocumentKind, data: Data) -> int | None:
    current = doc.document(case, kind)
    if current is None:
        return None
    return data.draw(st.sampled_from([current.version, current.version - 1]), label="base")


def _units(data: Data, label: str, case: Case | None = None) -> list[str]:
    """Some units: usually the case's own participants, sometimes any unit at all."""
    pool = OTHERS
    if case is not None and data.draw(st.integers(0, 4), label=f"{label}-any") > 0:
        pool = [u for u in OTHERS if case.has_access(u)] or OTHERS
    return data.draw(st.lists(st.sampled_from(pool), max_size=3, unique=True), label=label)


def _plan(case: Case, data: Data) -> doc.PlanContent:
    responsible = data.draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3), label="r")
    goal = Goal(0, "Mål", activities=[Activity(0, f"A{i}", u) for i, u in enumerate(responsible)])
    return doc.PlanContent(goals=[goal])


def _follow_ups(case: Case, data: Data) -> list[doc.ActivityFollowUp]:
    plan = case.current_plan()
    ids = [a.id for a in plan.activities()] if plan else [1]
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True), label="acts")
    return [doc.ActivityFollowUp(i, "Följt upp", ActivityStatus.ONGOING) for i in chosen]


def _call_number(case: Case, data: Data) -> int:
    return data.draw(st.integers(1, max(1, len(case.calls))), label="call")


def _message_number(case: Case, data: Data) -> int:
    return data.draw(st.integers(1, max(1, len(case.messages))), label="message")


ACTIONS: dict[str, Action] = {
    "send_initiative": lambda c, a, t, d: wf.send_initiative(c, a, t),
    "accept_initiative": lambda c, a, t, d: wf.accept_initiative(c, a, t, "Passar"),
    "decline_initiative": lambda c, a, t, d: wf.decline_initiative(
        c, a, t, d.draw(st.sampled_from(["", "Inget åtagande"]))
    ),
    "forward_initiative": lambda c, a, t, d: wf.forward_initiative(
        c, a, t, d.draw(st.sampled_from(UNITS))
    ),
    "save_mapping": lambda c, a, t, d: doc.save_mapping(
        c, a, t, doc.MappingText(situation="S"), _version(c, doc.DocumentKind.MAPPING, d)
    ),
    "save_plan": lambda c, a, t, d: doc.save_plan(
        c, a, t, _plan(c, d), _version(c, doc.DocumentKind.PLAN, d)
    ),
    "save_follow_up": lambda c, a, t, d: doc.save_follow_up(
        c, a, t, _follow_ups(c, d), _version(c, doc.DocumentKind.FOLLOW_UP, d) or 1
    ),
    "save_evaluation": lambda c, a, t, d: doc.save_evaluation(
        c, a, t, "Sammanfattning", None, _version(c, doc.DocumentKind.EVALUATION, d)
    ),
    "sign": lambda c, a, t, d: doc.sign(c, a, t, d.draw(st.sampled_from(KINDS))),
    "lock": lambda c, a, t, d: doc.lock(c, a, t, d.draw(st.sampled_from(KINDS))),
    "take_over": lambda c, a, t, d: doc.take_over(c, a, t, d.draw(st.sampled_from(KINDS))),
    "send_call": lambda c, a, t, d: calls.send_call(
        c,
        a,
        t,
        kind=d.draw(st.sampled_from(list(CallKind))),
        meeting_form="Fysiskt",
        place="HC",
        meeting_at=t + timedelta(days=d.draw(st.integers(-1, 20))),
        recipients={u: d.draw(st.booleans()) for u in _units(d, "call-to")},
    ),
    "accept_call": lambda c, a, t, d: calls.accept_call(c, a, t, _call_number(c, d)),
    "decline_call": lambda c, a, t, d: calls.decline_call(c, a, t, _call_number(c, d), "Nej"),
    "send_message": lambda c, a, t, d: messages.send_message(
        c, a, t, text="Info", recipients=_units(d, "to"), add_units=_units(d, "add")
    ),
    "mark_message_read": lambda c, a, t, d: messages.mark_message_read(
        c, a, t, _message_number(c, d)
    ),
    "activate_follow_up": lambda c, a, t, d: wf.activate_follow_up(c, a, t),
    "new_plan": lambda c, a, t, d: wf.new_plan(c, a, t),
    "close_case": lambda c, a, t, d: wf.close_case(c, a, t),
    "discharge_ready": lambda c, a, t, d: wf.set_discharge_ready(c, a, t, t),
    "void_mapping": lambda c, a, t, d: voiding.void_mapping(c, a, t, "Fel"),
    "void_call": lambda c, a, t, d: voiding.void_call(c, a, t, _call_number(c, d), "Fel"),
    "void_plan": lambda c, a, t, d: voiding.void_plan(c, a, t, "Fel"),
    "void_message": lambda c, a, t, d: voiding.void_message(c, a, t, _message_number(c, d), "Fel"),
    "void_initiative": lambda c, a, t, d: voiding.void_initiative(c, a, t, "Fel"),
}
# Actions that undo progress; voiding the initiative ends the case, so it is drawn rarely.
# (and re-registering utskrivningsklar, always allowed, would crowd out real progress).
SETBACKS = {
    name for name in ACTIONS if name.startswith(("void_", "decline_", "forward_", "discharge"))
}
WEIGHTED = [name for name in ACTIONS for _ in range(1 if name == "void_initiative" else 10)]


class CaseMachine(RuleBasedStateMachine):
    case: Case

    @initialize(recipients=st.lists(st.sampled_from(OTHERS), min_size=1, max_size=4, unique=True))
    def start(self, recipients: list[str]) -> None:
        self.now = at("2026-11-20 08:00")
        self.case = draft_case(recipients=tuple(recipients), moment="2026-11-20 08:00")
        self.refused = 0

    @rule(data=st.data(), minutes=st.integers(0, 3 * 24 * 60))
    def act(self, data: Data, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)
        # Mostly someone who takes part in the case, so runs get deep into the process;
        # sometimes anyone at all, so every refusal is exercised too.
        plausible = [
            a for a in ACTORS if self.case.has_access(a.unit) and Role.SUPPORT not in a.roles
        ]
        pool = plausible if data.draw(st.integers(0, 9), label="anyone") < 8 else ACTORS
        actor = data.draw(st.sampled_from(pool), label="actor")
        name = data.draw(st.sampled_from(WEIGHTED), label="action")
        before = copy.deepcopy(self.case)
        events = len(self.case.history)
        try:
            ACTIONS[name](self.case, actor, self.now, data)
        except DomainError as error:
            refusal = str(error)
            assert refusal, "a refusal must say why"
            assert self.case == before, f"refused {name} changed the case: {refusal}"
        else:
            assert len(self.case.history) > events, f"{name} left no history"
            event(f"done: {name}")

    @rule(data=st.data(), minutes=st.integers(0, 24 * 60), order=st.randoms(use_true_random=False))
    def advance(self, data: Data, minutes: int, order: random.Random) -> None:
        """Do something that some participant is allowed to do, so runs reach deep states."""
        self.now += timedelta(minutes=minutes)
        names = [name for name in ACTIONS if name not in SETBACKS]
        if order.random() < 0.2:
            names += [name for name in SETBACKS if name != "void_initiative"]
        order.shuffle(names)
        others = [a for a in ACTORS[1:] if self.case.has_access(a.unit)]
        for name in names:
            for actor in [COORDINATOR, *order.sample(others, min(3, len(others)))]:
                trial = copy.deepcopy(self.case)
                try:
                    ACTIONS[name](trial, actor, self.now, data)
                except DomainError:
                    continue
                self.case = trial
                event(f"done: {name}")
                return

    @invariant()
    def ours_exactly_when_the_unit_has_an_open_task(self) -> None:
        tasks = open_tasks(self.case, CALENDAR)
        for unit in UNITS:
            try:
                statuses = column_statuses(self.case, unit)
            except NoAccess:
                assert not self.case.has_access(unit)
                assert not [t for t in tasks if t.unit == unit], "no access but a task"
                continue
            for phase, status in statuses.items():
                ours = any(t.unit == unit and t.phase is phase for t in tasks)
                theirs = any(t.unit != unit and t.phase is phase for t in tasks)
                assert (status is Status.OURS) == ours, (unit, phase, status)
                assert (status is Status.THEIRS) == (theirs and not ours), (unit, phase, status)

    @invariant()
    def a_unit_that_declined_sees_nothing(self) -> None:
        for unit, participant in self.case.participants.items():
            if participant.state in (Answer.DECLINED, Answer.FORWARDED):
                with pytest.raises(NoAccess):
                    column_statuses(self.case, unit)

    @invariant()
    def deadlines_fall_on_working_days_at_the_cut_off_or_its_end(self) -> None:
        """Acknowledging ends at the cut-off ("senast kl. 12.00"); every other deadline
        lasts the whole working day ("Senast arbetsdagen efter det faktiska mötet")."""
        acknowledge = {TaskKind.ANSWER_INITIATIVE, TaskKind.ANSWER_CALL, TaskKind.READ_MESSAGE}
        for task in open_tasks(self.case, CALENDAR):
            if task.deadline is not None:
                assert CALENDAR.is_working_day(task.deadline.date())
                hour = task.deadline.timetz().replace(tzinfo=None)
                assert hour == (CALENDAR.cutoff if task.kind in acknowledge else END_OF_DAY)

    @invariant()
    def the_case_stays_consistent(self) -> None:
        case = self.case
        assert case.is_member(case.coordinator_unit)
        if not case.is_open:
            assert open_tasks(case, CALENDAR) == []
        current = [
            p for p in case.plans if p.archived_at is None and p.is_active and p.cycle == case.cycle
        ]
        assert len(current) <= 1
        assert all(p.cycle <= case.cycle for p in case.plans)
        for kind in KINDS:
            part = doc.document(case, kind)
            if part is None:
                continue
            assert part.version >= 1
            if part.is_locked:
                assert part.edit_lock is None, f"locked {kind} still has an edit lock"
        for call in case.active_calls(cycle=case.cycle):
            assert call.meeting_at > call.sent_at


TestCaseMachine = CaseMachine.TestCase
TestCaseMachine.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
