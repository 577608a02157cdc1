"""Hypothesis strategies for any value of a type hint (dataclasses, enums, dates, the
generic collections): the codec's round trips over the real command classes."""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

ZONES = st.sampled_from([ZoneInfo("Europe/Stockholm"), ZoneInfo("UTC")])


def values(hint: Any) -> st.SearchStrategy[Any]:
    """Values of ``hint``: a ``Sequence[X]`` as a tuple (what the codec gives back)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        return st.one_of(*(values(arm) for arm in args))
    if hint is type(None):
        return st.none()
    if origin in (dict, abc.Mapping):
        return st.dictionaries(values(args[0]), values(args[1]), max_size=3)
    if origin is list:
        return st.lists(values(args[0]), max_size=3)
    if origin in (abc.Sequence, tuple):
        return st.lists(values(args[0]), max_size=3).map(tuple)
    if origin is frozenset:
        return st.frozensets(values(args[0]), max_size=3)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers()
    if hint is str:
        return st.text(max_size=20)
    if hint is datetime:
        # Any wall-clock time in a zone, also one a daylight-saving change skips or repeats.
        return st.datetimes(timezones=ZONES, allow_imaginary=True) | st.datetimes()
    if hint is date:
        return st.dates()
    if isinstance(hint, type) and issubclass(hint, Enum):
        return st.sampled_from(list(hint))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        fields = {f.name: values(hints[f.name]) for f in dataclasses.fields(hint) if f.init}
        return st.builds(hint, **fields)
    raise TypeError(f"no strategy for {hint!r}")
