"""Ways to damage a file, each named (the bench counts outcomes per kind of damage).

Bytes: flipped bits, a truncation (anywhere, or at a page boundary), a page zeroed, two
pages swapped, one page copied over another, a short run zeroed, garbage appended (a torn
write at the end). Key files also get edits of their JSON fields that leave valid JSON:
what a person with a text editor, or a script, would do.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

PAGE = 4096
Mutation = Callable[[bytes, random.Random], bytes]


def flip(content: bytes, randomly: random.Random) -> bytes:
    changed = bytearray(content)
    for _n in range(randomly.choice((1, 1, 1, 2, 4))):
        changed[randomly.randrange(len(changed))] ^= randomly.randrange(1, 256)
    return bytes(changed)


def truncate(content: bytes, randomly: random.Random) -> bytes:
    if len(content) > 2 * PAGE and randomly.random() < 0.5:
        return content[: PAGE * randomly.randrange(1, len(content) // PAGE)]
    return content[: randomly.randrange(len(content))]


def _block(content: bytes, randomly: random.Random) -> tuple[int, int]:
    """A page-sized block (a whole page of a database, a 4 kB run of anything else)."""
    size = min(PAGE, max(1, len(content) // 4))
    start = randomly.randrange(0, max(1, len(content) - size + 1))
    if len(content) >= 4 * PAGE:
        start -= start % PAGE
    return start, size


def zero_block(content: bytes, randomly: random.Random) -> bytes:
    start, size = _block(content, randomly)
    return content[:start] + bytes(size) + content[start + size :]


def swap_blocks(content: bytes, randomly: random.Random) -> bytes:
    (one, size), (other, _size) = _block(content, randomly), _block(content, randomly)
    if one == other:
        return flip(content, randomly)
    changed = bytearray(content)
    changed[one : one + size], changed[other : other + size] = (
        content[other : other + size],
        content[one : one + size],
    )
    return bytes(changed)


def copy_block(content: bytes, randomly: random.Random) -> bytes:
    (one, size), (other, _size) = _block(content, randomly), _block(content, randomly)
    if one == other:
        return flip(content, randomly)
    changed = bytearray(content)
    changed[other : other + size] = content[one : one + size]
    return bytes(changed)


def zero_run(content: bytes, randomly: random.Random) -> bytes:
    size = randomly.randrange(1, 512)
    start = randomly.randrange(max(1, len(content) - size))
    return content[:start] + bytes(size) + content[start + size :]


def append(content: bytes, randomly: random.Random) -> bytes:
    size = randomly.choice((randomly.randrange(1, PAGE), PAGE, 3 * PAGE))
    return content + randomly.randbytes(size)


BYTES: dict[str, Mutation] = {
    "flip": flip,
    "truncate": truncate,
    "zero block": zero_block,
    "swap blocks": swap_blocks,
    "copy block": copy_block,
    "zero run": zero_run,
    "append": append,
}


# --- key files: edits of the JSON --------------------------------------------------------


def _other_value(value: Any, randomly: random.Random) -> Any:
    """A different value of about the same shape."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + randomly.choice((-5, -1, 1, 2, 1000))
    if isinstance(value, str):
        if not value:
            return "x"
        at = randomly.randrange(len(value))
        letter = "A" if value[at] != "A" else "B"
        return value[:at] + letter + value[at + 1 :]
    if isinstance(value, dict) and value:
        name = randomly.choice(sorted(value))
        return {**value, name: _other_value(value[name], randomly)}
    if isinstance(value, list) and value:
        at = randomly.randrange(len(value))
        return [*value[:at], _other_value(value[at], randomly), *value[at + 1 :]]
    return randomly.choice((None, 0, "", [], {}, {"seq": 1, "hash": "0" * 64}))


def _edit_slots(data: dict[str, Any], randomly: random.Random) -> None:
    slots = data["slots"]
    how = randomly.choice(("drop", "twice", "swap wrapped", "edit"))
    at = randomly.randrange(len(slots))
    if how == "drop":
        del slots[at]
    elif how == "twice":
        slots.append(dict(slots[at]))
    elif how == "swap wrapped" and len(slots) > 1:
        other = (at + 1) % len(slots)
        slots[at]["wrapped"], slots[other]["wrapped"] = (
            slots[other]["wrapped"],
            slots[at]["wrapped"],
        )
    else:
        name = randomly.choice(sorted(slots[at]))
        slots[at][name] = _other_value(slots[at][name], randomly)


def edit_json(content: bytes, randomly: random.Random) -> bytes:
    """Change, remove or add one field (the key slots' insides too), as valid JSON."""
    data = json.loads(content)
    how = randomly.choice(("change", "change", "slots", "remove", "add", "null"))
    name = randomly.choice(sorted(data))
    if how == "slots" and data.get("slots"):
        _edit_slots(data, randomly)
    elif how == "remove":
        del data[name]
    elif how == "add":
        data[f"extra_{randomly.randrange(100)}"] = _other_value(None, randomly)
    elif how == "null":
        data[name] = None
    else:
        data[name] = _other_value(data[name], randomly)
    indent = randomly.choice((1, None))
    return json.dumps(data, indent=indent, sort_keys=True).encode("utf-8")


def respace(content: bytes, randomly: random.Random) -> bytes:
    """The same JSON written with other spacing and order (changes no value)."""
    data = json.loads(content)
    return json.dumps(data, indent=randomly.choice((None, 2, 4))).encode("utf-8")


KEY_FILE: dict[str, Mutation] = {
    **{name: BYTES[name] for name in ("flip", "truncate", "zero run", "swap blocks", "append")},
    "edit field": edit_json,
    "respace": respace,
}
KEY_FILE_WEIGHTS = {"edit field": 6, "flip": 3}  # the others 1


def choose(kinds: dict[str, Mutation], randomly: random.Random) -> str:
    names = sorted(kinds)
    weights = [KEY_FILE_WEIGHTS.get(name, 1) if kinds is KEY_FILE else 1 for name in names]
    return randomly.choices(names, weights)[0]
