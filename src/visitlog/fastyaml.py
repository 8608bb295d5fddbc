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

Plain scalars are typed by PyYAML's own resolver and constructors (ints,
floats, booleans, null), so "4" is 4 and "yes" is True, as with libyaml.
Anything it does not recognise — a tab, a quote with an escape, a flow
mapping, a multi-line scalar, a key that is not a plain word, an anchor — is
left to libyaml, which also produces the error messages. tests/test_fastyaml.py
checks the two agree on generated and real front matter.
"""
from __future__ import annotations

import re
from typing import Any

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?\Z")
_ITEM = re.compile(r"( *)- +(.*)\Z")
_SUB = re.compile(r"( +)([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?\Z")
# tabs, other line breaks, control characters and BOMs: the reader leaves those to libyaml
_SPECIAL = re.compile("[\t\r\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_BAD = re.compile(r"""[\[\]{}"'#&*!|>%@`:?]""")
_GIVE_UP = object()
_PLAIN_KEYS = frozenset(("customer", "date", "hospital", "department", "title", "role", "channel", "purpose",
                         "style", "products", "tags", "competitors", "mood", "next", "adverse_event", "potential",
                         "name", "aliases", "since", "tier", "prescriptions", "influence", "description",
                         "replied"))   # keys known to stay strings (the resolver is asked about any other)

_resolver: Any = None


def _scalar_tools():
    """PyYAML's implicit resolvers (as parse.py configures them) and a constructor."""
    global _resolver
    if _resolver is None:
        from yaml.constructor import SafeConstructor

        from .parse import _Loader

        _resolver = (_Loader.yaml_implicit_resolvers, SafeConstructor())
    return _resolver


_CONSTRUCT = {
    "tag:yaml.org,2002:str": None,
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}


def _typed(value: str) -> Any:
    """A plain scalar as PyYAML types it, or _GIVE_UP."""
    resolvers, constructor = _resolver or _scalar_tools()
    if value and value[0] not in resolvers and None not in resolvers:
        return value                   # nothing can type it: a string (most values: Chinese text)
    tag = "tag:yaml.org,2002:str"
    for candidate, regexp in resolvers.get(value[0] if value else "", []) + resolvers.get(None, []):
        if regexp.match(value):
            tag = candidate
            break
    if tag not in _CONSTRUCT:
        return _GIVE_UP
    method = _CONSTRUCT[tag]
    if method is None:
        return value
    from yaml.nodes import ScalarNode

    return getattr(constructor, method)(ScalarNode(tag, value))


def _uncomment(text: str) -> str:
    cut = text.find(" #")
    return (text[:cut] if cut >= 0 else text).rstrip(" ")


def _value(text: str | None) -> Any:
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
            typed = _typed(item)
            if typed is _GIVE_UP:
                return _GIVE_UP
            items.append(typed)
        return items
    if first in _PLAIN_START_BAD:
        return _GIVE_UP
    plain = _uncomment(text)
    if ": " in plain or plain.endswith(":"):
        return _GIVE_UP
    return _typed(plain)


def read(lines: list[str], start: int, end: int) -> tuple[dict, dict] | None:
    """(data, key -> line number) of the front matter `lines[start:end]`, or None to ask libyaml.

    Line numbers count from the top of the file (`lines[0]` is line 1).
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
            value = _value(rest)
            if value is _GIVE_UP or (key not in _PLAIN_KEYS and _typed(key) != key):
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
            value = _value(item.group(2))
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
        name, value = sub.group(2), _value(sub.group(3))
        if value is _GIVE_UP or value is None or (name not in _PLAIN_KEYS and _typed(name) != name):
            return None
        block[name] = value
        key_lines[f"{open_key}.{name}"] = number
    return data, key_lines
