"""A record's fields as JSON and back, so a change can travel between databases.

The services take and give frozen dataclasses (``MeetingData`` ...); a change carries some
of their fields. ``encode`` makes a field's value JSON (dates as ISO text, UUIDs as text,
bytes as base64, sets as sorted lists); ``decode`` reads it back to the type the
dataclass declares, so the receiving side hands the service exactly what a screen would.
"""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

BYTES_KEY = "$base64"


def encode(value: Any) -> Any:
    """A JSON-ready copy of ``value``."""
    if isinstance(value, bytes):
        return {BYTES_KEY: base64.b64encode(value).decode("ascii")}
    if isinstance(value, Enum):
        return encode(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((encode(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    return value


def encode_fields(data: Any, names: typing.Iterable[str] | None = None) -> dict[str, Any]:
    """The named fields of a dataclass instance (all of them by default), encoded."""
    wanted = set(names) if names is not None else None
    return {
        name: encode(getattr(data, name))
        for name in field_names(type(data))
        if wanted is None or name in wanted
    }


_NAMES: dict[type[Any], tuple[str, ...]] = {}


def field_names(data_type: type[Any]) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order (read once a type)."""
    known = _NAMES.get(data_type)
    if known is None:
        known = _NAMES[data_type] = tuple(field.name for field in dataclasses.fields(data_type))
    return known


def changed(before: Any | None, after: Any) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before`` (all of them for a new record)."""
    names = [
        field.name
        for field in dataclasses.fields(after)
        if before is None or getattr(before, field.name) != getattr(after, field.name)
    ]
    return encode_fields(after, names)


_TYPES: dict[type[Any], dict[str, Any]] = {}


def field_types(data_type: type[Any]) -> dict[str, Any]:
    """The declared type of each field of a dataclass (annotations resolved once: reading
    them evaluates the annotation text, which costs more than decoding a record)."""
    known = _TYPES.get(data_type)
    if known is None:
        hints = typing.get_type_hints(data_type)
        known = {field.name: hints[field.name] for field in dataclasses.fields(data_type)}
        _TYPES[data_type] = known
    return known


def decode(kind: Any, value: Any) -> Any:
    """``value`` (as :func:`encode` made it) read back as ``kind``."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in args if arg is not type(None)]
        return decode(options[0], value) if len(options) == 1 else value
    if kind is Any:
        return value
    if kind is bytes:
        return base64.b64decode(value[BYTES_KEY])
    if kind is uuid.UUID:
        return uuid.UUID(str(value))
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if origin is not None:
        return _decode_generic(origin, args, value)
    return value


def _decode_generic(origin: Any, args: tuple[Any, ...], value: Any) -> Any:
    import collections.abc as abc

    if origin in (dict, abc.Mapping):
        key_kind, item_kind = args or (Any, Any)
        return {decode(key_kind, key): decode(item_kind, item) for key, item in value.items()}
    if origin in (frozenset, set, abc.Set):
        return frozenset(decode(args[0] if args else Any, item) for item in value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(decode(args[0], item) for item in value)
        return tuple(decode(kind, item) for kind, item in zip(args, value, strict=False))
    if origin in (list, abc.Sequence):
        return tuple(decode(args[0] if args else Any, item) for item in value)
    return value


def decode_fields(data_type: type[Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Encoded fields read back as the dataclass declares them; unknown names are left out."""
    kinds = field_types(data_type)
    return {name: decode(kinds[name], value) for name, value in fields.items() if name in kinds}
