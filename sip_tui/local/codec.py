"""Plain values to JSON and back, led by dataclass fields and type hints: what the local
store keeps of a command (a draft), an overview row or a session.

:func:`encode` turns a value into JSON-able data by what it is; :func:`decode` turns the
data back into the type it is told (a dataclass, ``list[...]``, ``X | None`` …). Handled:
``None``, ``bool``, ``int``, ``float``, ``str``, enums (their value), ``date``,
``datetime`` (ISO 8601; a ``ZoneInfo`` zone kept by its key, as in
``2026-11-23T10:00:00+01:00[Europe/Stockholm]``), dataclasses (an object of their fields),
sequences and sets (arrays; ``Sequence[X]`` comes back as a tuple, ``list[X]`` as a list)
and mappings (arrays of ``[key, value]`` pairs: keys need not be strings).

A dataclass field missing from the data takes its default (data written by an older
sip-tui), one the class no longer has is ignored. Data that does not fit the type raises
:class:`DecodeError`."""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

Json = Any  # what json.dumps takes and json.loads gives


class DecodeError(ValueError):
    """The data does not fit the type it was to be read as."""


def encode(value: object) -> Json:
    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        zone = value.tzinfo
        return value.isoformat() + (f"[{zone.key}]" if isinstance(zone, ZoneInfo) else "")
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in _init_fields(type(value))}
    if isinstance(value, abc.Mapping):
        return [[encode(k), encode(v)] for k, v in value.items()]
    if isinstance(value, (abc.Sequence, abc.Set)):
        return [encode(item) for item in value]
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(data: Json, hint: Any) -> Any:
    """``data`` (from :func:`encode`) as a value of the type ``hint``."""
    try:
        return _decode(data, hint)
    except DecodeError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError) as problem:
        raise DecodeError(f"{data!r:.60} is not a {hint}: {problem}") from problem


def _decode(data: Json, hint: Any) -> Any:
    if hint is Any or hint is object:
        return data
    if hint is None or hint is type(None):
        return _expect(data, None, data is None)
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _union(data, typing.get_args(hint))
    if origin is not None:
        return _generic(data, origin, typing.get_args(hint))
    if isinstance(hint, type):
        return _plain(data, hint)
    raise DecodeError(f"no decoding for {hint!r}")


def _union(data: Json, arms: tuple[Any, ...]) -> Any:
    if data is None and type(None) in arms:
        return None
    for arm in arms:
        if arm is type(None):
            continue
        try:
            return _decode(data, arm)
        except (DecodeError, TypeError, ValueError, KeyError, AttributeError):
            continue
    raise DecodeError(f"{data!r:.60} fits none of {arms}")


def _generic(data: Json, origin: Any, args: tuple[Any, ...]) -> Any:
    if origin is typing.ClassVar:
        raise DecodeError("a class variable is not data")
    if origin in (dict, abc.Mapping, abc.MutableMapping):
        key, value = args or (Any, Any)
        _expect(data, origin, isinstance(data, list))
        return {_decode(k, key): _decode(v, value) for k, v in data}
    _expect(data, origin, isinstance(data, list))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(item, args[0]) for item in data)
        _expect(data, origin, len(args) == len(data))
        return tuple(_decode(item, arm) for item, arm in zip(data, args, strict=True))
    (item_type,) = args or (Any,)
    items = [_decode(item, item_type) for item in data]
    if origin in (list, abc.MutableSequence):
        return items
    if origin in (set, abc.MutableSet):
        return set(items)
    if origin in (frozenset, abc.Set):
        return frozenset(items)
    if origin in (abc.Sequence, abc.Collection, abc.Iterable):
        return tuple(items)
    raise DecodeError(f"no decoding for {origin!r}")


def _plain(data: Json, cls: type) -> Any:
    if cls is bool:
        return _expect(data, cls, isinstance(data, bool))
    if issubclass(cls, Enum):
        return cls(data)
    if cls is int:
        return _expect(data, cls, isinstance(data, int) and not isinstance(data, bool))
    if cls is float:
        ok = isinstance(data, (int, float)) and not isinstance(data, bool)
        return float(_expect(data, cls, ok))
    if cls is str:
        return _expect(data, cls, isinstance(data, str))
    if cls is datetime:
        return _datetime(_expect(data, cls, isinstance(data, str)))
    if cls is date:
        return date.fromisoformat(_expect(data, cls, isinstance(data, str)))
    if dataclasses.is_dataclass(cls):
        _expect(data, cls, isinstance(data, dict))
        hints = _hints(cls)
        return cls(
            **{
                f.name: _decode(data[f.name], hints[f.name])
                for f in _init_fields(cls)
                if f.name in data
            }
        )
    if cls in (list, tuple, dict, set, frozenset):
        return _generic(data, cls, ())
    raise DecodeError(f"no decoding for {cls.__name__}")


def _datetime(text: str) -> datetime:
    """The wall-clock time in its zone, as written: also a time the zone skips (a
    daylight-saving gap) or repeats (the offset says which of the two)."""
    if not (text.endswith("]") and "[" in text):
        return datetime.fromisoformat(text)
    written, _, key = text[:-1].partition("[")
    moment = datetime.fromisoformat(written)
    local = moment.replace(tzinfo=ZoneInfo(key))
    if local.utcoffset() != moment.utcoffset():
        local = local.replace(fold=1)
    return local


def _expect(data: Json, what: object, ok: bool) -> Json:
    if not ok:
        raise DecodeError(f"{data!r:.60} is not a {what}")
    return data


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def _init_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.init)
