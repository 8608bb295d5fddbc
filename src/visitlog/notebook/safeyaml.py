"""YAML read so that no input can blow up: no anchors or aliases, no duplicate keys, a size limit.

A note's front matter (and `visitlog.yaml`) needs neither anchors (`&a`) nor
aliases (`*a`), and aliases are how 700 bytes expand into gigabytes (the
"billion laughs"). So any anchor or alias is refused before a single value is
built; a duplicate key is reported at its second line and the first value
kept (PyYAML would silently keep the last, so a second `date:` moved the
visit); and a text over `MAX_CHARS` is not read at all. With those three rules
the cost of reading is linear in the size of the text.

`load(text, loader_class)` returns `(data, key_lines, duplicates)` or raises
`Refused` (or the loader's own `yaml.YAMLError`). Line numbers are 0-based
within `text`; the caller adds its offset.
"""
from __future__ import annotations

from typing import Any

import yaml

MAX_CHARS = 1_000_000          # front matter (or settings) larger than this is not read


class Refused(Exception):
    """A YAML text this module will not expand: `code` and its message arguments, at 0-based `line`."""

    def __init__(self, code: str, line: int, **args: Any):
        self.code, self.line, self.args_ = code, line, args
        super().__init__(code)


def _check_anchors(text: str, loader_class) -> None:
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                raise Refused("yaml-alias", event.start_mark.line, what=f"*{event.anchor}")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise Refused("yaml-alias", event.start_mark.line, what=f"&{anchor}")
    finally:
        loader.dispose()


def _key(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value)
    return id(node)                    # a complex key: never equal to another


def _dedupe(node: yaml.Node, path: str, duplicates: list) -> None:
    """Drop the second (third...) occurrence of a key in every mapping; note where it was."""
    stack = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict = {}
            kept = []
            for key_node, value_node in current.value:
                k = _key(key_node)
                name = f"{where}{key_node.value}" if isinstance(key_node, yaml.ScalarNode) else where + "?"
                if k in seen:
                    duplicates.append((name, key_node.start_mark.line, seen[k]))
                    continue
                seen[k] = key_node.start_mark.line
                kept.append((key_node, value_node))
                stack.append((value_node, name + "."))
            current.value = kept
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, where) for item in current.value)


def load(text: str, loader_class) -> tuple[Any, dict[str, int], list[tuple[str, int, int]]]:
    """(data, top-level and second-level key -> 0-based line, duplicates as (key, line, first line))."""
    if len(text) > MAX_CHARS:
        raise Refused("front-matter-too-large", 0, limit="1 MB")
    if "&" in text or "*" in text:
        _check_anchors(text, loader_class)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        duplicates: list = []
        _dedupe(node, "", duplicates)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_lines[str(key_node.value)] = key_node.start_mark.line
            if isinstance(value_node, yaml.MappingNode):
                for sub_key, _ in value_node.value:
                    key_lines[f"{key_node.value}.{sub_key.value}"] = sub_key.start_mark.line
    return data, key_lines, sorted(duplicates, key=lambda d: d[1])
