"""The codec: every command class, with any values of its fields, comes back equal from
JSON — what a draft holds is exactly what was sent."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sip_tui.domain.clock import STOCKHOLM
from sip_tui.domain.commands import SendMessage
from sip_tui.local.codec import DecodeError, decode, encode
from sip_tui.local.drafts import COMMANDS, dumps, loads
from tests.local.values import values

KINDS = sorted(COMMANDS)


def test_every_command_class_is_known() -> None:
    assert {"CreateCase", "SaveMapping", "SavePlan", "SendCall", "Sign", "Lock"} <= set(KINDS)
    assert len(KINDS) >= 30


@pytest.mark.parametrize("name", KINDS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_command_comes_back_equal(name: str, data: st.DataObject) -> None:
    command = data.draw(values(COMMANDS[name]))
    text = json.dumps(encode(command))
    assert decode(json.loads(text), COMMANDS[name]) == command


@settings(max_examples=60, deadline=None)
@given(
    commands=st.lists(
        st.sampled_from(KINDS).flatmap(lambda n: values(COMMANDS[n])), min_size=1, max_size=3
    )
)
def test_a_draft_of_several_commands_comes_back_in_order(commands: list[Any]) -> None:
    back = loads(dumps(tuple(commands)))
    assert back == tuple(commands)
    assert [type(each) for each in back] == [type(each) for each in commands]


def test_a_moment_keeps_its_zone_and_a_repeated_hour_which_one() -> None:
    first = datetime(2026, 10, 25, 2, 30, tzinfo=STOCKHOLM)  # the hour repeated in October
    second = first.replace(fold=1)
    for moment in (first, second):
        back = decode(encode(moment), datetime)
        assert back.tzinfo is STOCKHOLM
        assert (back.utcoffset(), back.fold) == (moment.utcoffset(), moment.fold)


def test_a_list_in_a_sequence_field_comes_back_as_an_equal_tuple() -> None:
    sent = SendMessage(7, "Hej", ["HSV", "HC"])  # what a form builds: a list
    back = decode(encode(sent), SendMessage)
    assert back.recipients == ("HSV", "HC")


def test_data_that_does_not_fit_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode({"case_id": "sju"}, SendMessage)
    with pytest.raises(DecodeError):
        loads('[{"command": "NoSuchCommand", "fields": {}}]')
