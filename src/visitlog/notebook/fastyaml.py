"""A fast reader for the plain front matter nearly every note has.

Reading front matter with libyaml still builds every value in Python (about
70 µs a note); this reader handles the plain shape visitlog's own notes take
in a few µs, and gives up — returns None, so the caller asks libyaml — on
anything else. What it accepts, it reads exactly as PyYAML's safe loader
(without timestamp guessing, as parse.py configures it) would:

    key: plain scalar          # a comment
    key: "double" or 'single'  (no escapes, no quote inside)
    key: [a, b, 3]             (one line, plain items)
    key:                       (null, or a block below it:)
      sub: scalar              one level of `sub: value`, same indentation
    key:
      - item                   or a list of scalars

Plain scalars are typed as PyYAML types them (its resolver's rules are
restated here, so reading a note imports no yaml): "4" is 4, "yes" is True,
"~" is None; floats, octal, hex and sexagesimal numbers are left to libyaml.
Anything it does not recognise — a tab, a quote with an escape, a flow
mapping, a multi-line scalar, a key that is not a plain word, an anchor, a
key given twice — is left to libyaml (through safeyaml, which refuses anchors
and reports duplicates), which also produces the error messages. tests/test_fastyaml.py
checks the two agree on generated and real front matter.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?\Z")
_ITEM = re.compile(r"( *)- +(.*)\Z")
_SUB = re.compile(r"( +)([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?\Z")
# tabs, other line breaks, control characters and BOMs: the reader leaves those to libyaml
_SPECIAL = re.compile("[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BAD = re.compile(r"""[\[\]{}"'#&*!|>%@`:?]""")
_GIVE_UP = object()
# PyYAML's implicit typing of plain scalars (yaml/resolver.py, YAML 1.1), restated so that a
# note's front matter is read without importing yaml at all. Only plain decimal integers,
# booleans and nulls are typed here; floats, octal, hex, sexagesimal and the rest give up.
_TYPED_FIRST = frozenset("-+0123456789.~nNyYtTfFoO<=")
_TRUE = frozenset(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"))
_FALSE = frozenset(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"))
_NULL = frozenset(("~", "null", "Null", "NULL"))
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})\Z")     # longer ones: libyaml (and its limits)
_NUMBER = r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                |[-+]?\.(?:inf|Inf|INF)
                |\.(?:nan|NaN|NAN)
                |[-+]?0b[0-1_]+
                |[-+]?0[0-7_]+
                |[-+]?(?:0|[1-9][0-9_]*)
                |[-+]?0x[0-9a-fA-F_]+
                |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"""
_TIMESTAMP = r"""(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                   |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                    (?:[Tt]|[ \t]+)[0-9][0-9]?
                    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"""


@lru_cache(maxsize=None)
def _regex(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.X)


def _match(pattern: str, value: str) -> bool:
    """Compiled on first use: most runs never need these two."""
    return _regex(pattern).match(value) is not None


def _typed(value: str, timestamps: bool = False) -> Any:
    """A plain scalar as PyYAML's safe loader types it, or _GIVE_UP when that is not a str, int, bool or None.

    `timestamps`: the loader also reads dates (yaml.safe_load); parse.py's loader does not.
    """
    if value and value[0] not in _TYPED_FIRST:
        return value                   # nothing can type it: a string (most values: Chinese text)
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL or not value:
        return None
    if _DECIMAL.match(value):
        return int(value)
    if _match(_NUMBER, value) or value in ("<<", "=") or (timestamps and _match(_TIMESTAMP, value)):
        return _GIVE_UP
    return value


_PLAIN_KEYS: dict[str, bool] = {}


def _plain_key(key: str) -> bool:
    """Whether PyYAML reads the key as the text itself (not `yes`, `null`, `12`): remembered, since
    notes use the same few keys."""
    found = _PLAIN_KEYS.get(key)
    if found is None:
        found = _typed(key) == key
        if len(_PLAIN_KEYS) < 4096:
            _PLAIN_KEYS[key] = found
    return found


def _uncomment(text: str) -> str:
    cut = text.find(" #")
    return (text[:cut] if cut >= 0 else text).rstrip(" ")


def _value(text: str | None, timestamps: bool = False) -> Any:
    """The value after `key: ` on one line; None for an empty one; _GIVE_UP when unsure."""
    if text is None:
        return None
    if text.startswith("#"):
        return None
    first = text[0]
    if first == '"' or first == "'":
        close = text.find(first, 1)
        if close < 0 or "\\" in text[:close] or _uncomment(text[close + 1:]) != "":
            return _GIVE_UP
        return text[1:close]
    if first == "[":
        body = _uncomment(text)
        if not body.endswith("]") or _FLOW_BAD.search(body[1:-1]):
            return _GIVE_UP
        inner = body[1:-1].strip(" ")
        if not inner:
            return []
        items = []
        for raw in inner.split(","):
            item = raw.strip(" ")
            if not item or item[0] in _PLAIN_START_BAD:
                return _GIVE_UP
            typed = _typed(item, timestamps)
            if typed is _GIVE_UP:
                return _GIVE_UP
            items.append(typed)
        return items
    if first in _PLAIN_START_BAD:
        return _GIVE_UP
    plain = _uncomment(text)
    if ": " in plain or plain.endswith(":"):
        return _GIVE_UP
    return _typed(plain, timestamps)


def read(lines: list[str], start: int, end: int, timestamps: bool = False) -> tuple[dict, dict] | None:
    """(data, key -> line number) of the front matter `lines[start:end]`, or None to ask libyaml.

    Line numbers count from the top of the file (`lines[0]` is line 1). `timestamps`: read as
    yaml.safe_load would (which turns dates into dates): give up on any plain value that looks like one.
    """
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    open_key: str | None = None        # a top-level key with nothing after its colon (yet)
    block: Any = None                  # what open_key holds: None, a dict or a list
    indent = -1
    if _SPECIAL.search("\n".join(lines[start:end])):
        return None
    for index in range(start, end):
        line = lines[index].rstrip(" ")
        if not line or line.lstrip(" ").startswith("#"):
            continue
        number = index + 1
        if line[0] != " " and not line.startswith("- "):
            m = _KEY.match(line)
            if m is None:
                return None
            key, rest = m.group(1), m.group(2)
            value = _value(rest, timestamps)
            if value is _GIVE_UP or not _plain_key(key) or key in data:  # a duplicate: libyaml's path reports it
                return None
            data[key] = value
            key_lines[key] = number
            open_key, block, indent = (key, None, -1) if value is None else (None, None, -1)
            continue
        if open_key is None:
            return None
        item = _ITEM.match(line)
        if item is not None and not isinstance(block, dict):
            if block is None:
                block, indent = [], len(item.group(1))
                data[open_key] = block
            elif len(item.group(1)) != indent:
                return None
            value = _value(item.group(2), timestamps)
            if value is _GIVE_UP or value is None or isinstance(value, list):
                return None
            block.append(value)
            continue
        sub = _SUB.match(line)
        if sub is None or isinstance(block, list):
            return None
        if block is None:
            block, indent = {}, len(sub.group(1))
            data[open_key] = block
        elif len(sub.group(1)) != indent:
            return None
        name, value = sub.group(2), _value(sub.group(3), timestamps)
        if value is _GIVE_UP or value is None or not _plain_key(name) or name in block:
            return None
        block[name] = value
        key_lines[f"{open_key}.{name}"] = number
    return data, key_lines
