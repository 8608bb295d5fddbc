"""Writing notes back: `visitlog done` closes one item by changing one line.

Two edits exist:

- a promise: `- [ ] text` becomes `- [x] text ✅ YYYY-MM-DD` (an existing ✅
  date is replaced);
- an adverse event: `reported: YYYY-MM-DD` (its report item: it went to
  pharmacovigilance) or `replied: YYYY-MM-DD` (its reply item) is set on its
  front-matter key. The text form `adverse_event: 皮疹` becomes the mapping
  form `adverse_event: {description: 皮疹, replied: 2026-11-28}` on that one
  line; a flow mapping gets `, replied: …` before its `}`; a block mapping
  gets a `replied:` line under its other keys (`reported:` alike).

Every edit keeps the file's bytes: the file is decoded in its own encoding
(UTF-8, UTF-16 or UTF-32 with their BOM, GB18030), the changed line is edited
with its own line ending (CRLF, LF or a lone CR), and the whole is encoded
back the same way; every other byte (BOM, line endings, the last line with or
without a newline) comes back as it was — checked before anything is planned. The result is
parsed again and must read the same as before except for the one closed
item, or nothing is written.

The write is atomic (a temporary file in the same folder, then
`os.replace`, keeping the file's permissions) and refuses to clobber: the
file is read again just before the replace, and if it changed since it was
read the command stops with nothing written.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..notebook.files import FileChanged, atomic_write, inside
from ..rules.due import CLOSABLE, COMMITMENT, REPORT, action_ids, find_items, safety_id, safety_step
from ..notebook.model import DONE, OPEN, Item, Notebook, Source, Visit
from ..notebook.parse import decode_note, parse_note
from ..notebook.settings import Settings


class DoneError(Exception):
    """Why an item could not be closed: a message code and its arguments (nothing was written)."""

    def __init__(self, code: str, **values: Any):
        self.code, self.values = code, values
        super().__init__(f"{code}: {values}")

    def text(self, lang: str) -> str:
        from ..i18n import t

        values = dict(self.values)
        if "kind" in values:
            values["kind"] = t(f"kind-{values['kind']}", lang)
        return t(self.code, lang, **values)


@dataclass(frozen=True)
class Edit:
    """A planned change of one note: the bytes read and the bytes to write."""

    path: Path
    rel: str
    before: bytes
    after: bytes
    line: int          # the (first) line changed, 1-based
    text: str          # that line as it will read


@dataclass(frozen=True)
class Closed:
    """What `done` closed: the item (as listed before), the day, and the line as written now."""

    item: Item
    date: date
    source: Source
    line: str


# ---------------------------------------------------------------- lines with their endings
_ENDING = re.compile(r"(\r\n|\r|\n)")


def _lines(text: str) -> list[str]:
    """The text split into lines, each keeping its own ending (CRLF, LF or a lone CR); the last may have none."""
    parts = _ENDING.split(text)
    return [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]


def _line_text(lines: list[str], number: int) -> tuple[str, str, str]:
    """(text, prefix, ending) of a 1-based line (the prefix is always empty: the BOM is kept apart)."""
    raw = lines[number - 1]
    body = raw.rstrip("\r\n")
    return body, "", raw[len(body):]


def _set_line(lines: list[str], number: int, text: str, prefix: str, ending: str) -> None:
    lines[number - 1] = prefix + text + ending


@dataclass(frozen=True)
class _Text:
    """A note's bytes as text, and how to turn text back into bytes the same way."""

    text: str
    encoding: str
    bom: bytes

    @classmethod
    def of(cls, raw: bytes, rel: str) -> "_Text":
        try:
            text, encoding, bom = decode_note(raw)
        except UnicodeDecodeError:
            raise DoneError("done-cannot", path=rel, detail="the file's encoding is not readable") from None
        out = cls(text, encoding, bom)
        if out.encode(text) != raw:                     # every byte not edited must come back as it was
            raise DoneError("done-cannot", path=rel, detail=f"{encoding} would not keep the file's bytes")
        return out

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


# ---------------------------------------------------------------- a promise
_BOX = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d+[.)])\s+\[)(?P<mark>[^\]])(?P<close>\](?:\s+|$))(?P<rest>.*)$")
_DONE_DATE = re.compile(r"✅\s*\d{4}-\d{1,2}-\d{1,2}")
_TAIL = re.compile(r"(?P<tail>(?:\s+\^[A-Za-z0-9-]+)?\s*)$")   # trailing spaces and an Obsidian block id


def tick(line: str, day: date) -> str:
    """`- [ ] text` -> `- [x] text ✅ day`; the ✅ field goes before a trailing block id or spaces."""
    m = _BOX.match(line)
    if not m:
        raise ValueError("not a checkbox line")
    rest = m.group("rest")
    stamp = f"✅ {day.isoformat()}"
    if _DONE_DATE.search(rest):
        rest = _DONE_DATE.sub(stamp, rest, count=1)
    else:
        tail = _TAIL.search(rest).group("tail")  # type: ignore[union-attr]
        body = rest[: len(rest) - len(tail)]
        rest = f"{body} {stamp}{tail}" if body else f"{stamp}{tail}"
    return f"{m.group('lead')}x{m.group('close')}{rest}"


# ---------------------------------------------------------------- an adverse event
_KEY = re.compile(r"^(?P<indent>[ \t]*)(?P<key>adverse_event)(?P<colon>\s*:)(?P<space>[ \t]*)(?P<rest>.*)$")
_SUB = re.compile(r"^(?P<indent>[ \t]+)(?P<key>[^\s:#][^:]*?)\s*:(?:\s+(?P<value>.*))?\s*$")
_PLAIN_UNSAFE = re.compile(r"[,\[\]{}]|: |\s#|^[-?:!&*|>'\"%@`]|:$")


def _yaml(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def _split_comment(rest: str) -> tuple[str, str]:
    """(value, comment) of a YAML line's value part; the comment keeps its leading spaces."""
    if rest.lstrip().startswith("#"):                   # no value, only a comment (a block mapping follows)
        return "", rest
    try:
        whole = _yaml(f"k: {rest}")
    except Exception:
        return rest, ""
    for m in re.finditer(r"\s+#", rest):
        try:
            if _yaml(f"k: {rest[:m.start()]}") == whole:
                return rest[: m.start()], rest[m.start():]
        except Exception:
            continue
    return rest, ""


def _flow_value(value: Any) -> str:
    """A YAML flow value: plain when that is safe, else a JSON string (JSON is YAML)."""
    if isinstance(value, str) and value and value == value.strip() and not _PLAIN_UNSAFE.search(value):
        try:
            if _yaml(f"k: {value}") == {"k": value}:
                return value
        except Exception:
            pass
    return json.dumps(value, ensure_ascii=False, default=str)


def _flow_keys(value: str, field: str) -> tuple:
    try:
        parsed = _yaml(f"k: {value}")["k"]
    except Exception:
        return (field,)                                 # unreadable here: rebuild it from the whole key
    return tuple(parsed) if isinstance(parsed, dict) else (field,)


def _front_matter_end(lines: list[str]) -> int:
    """The 1-based line of the closing `---`."""
    for number in range(2, len(lines) + 1):
        text, _, _ = _line_text(lines, number)
        if text.rstrip() in ("---", "..."):
            return number
    raise ValueError("front matter is not closed")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def set_replied(lines: list[str], key_line: int, day: date, field: str = "replied") -> tuple[int, str]:
    """Set `replied: day` (or `field: day`, e.g. `reported`) on the `adverse_event` key at `key_line`,
    editing `lines` in place.

    Returns (the line changed or added, its text).
    """
    end = _front_matter_end(lines)
    text, prefix, cr = _line_text(lines, key_line)
    m = _KEY.match(text)
    if not m:
        raise ValueError("the adverse_event key is not where it was read")
    own = _indent(text)
    span = [key_line]                                   # the key's lines: deeper-indented or blank ones after it
    for number in range(key_line + 1, end):
        line, _, _ = _line_text(lines, number)
        if line.strip() and _indent(line) <= own:
            break
        span.append(number)
    while len(span) > 1 and not _line_text(lines, span[-1])[0].strip():
        span.pop()
    value, comment = _split_comment(m.group("rest"))
    value = value.rstrip()
    stamp = day.isoformat()
    head = f"{m.group('indent')}{m.group('key')}{m.group('colon')}"

    if len(span) == 1 and value.startswith("{") and value.endswith("}") and field not in _flow_keys(value, field):
        inner = value[1:-1].rstrip()
        new = f"{head}{m.group('space')}{{{inner}{', ' if inner.strip() else ''}{field}: {stamp}}}{comment}"
        _set_line(lines, key_line, new, prefix, cr)
        return key_line, new
    if len(span) == 1:                                   # text or true: the mapping form on that line
        parsed = _yaml(f"k: {value}")["k"] if value else None
        if isinstance(parsed, dict):
            return _rebuild(lines, span, head, {**parsed, field: stamp}, comment, prefix, cr, field)
        if parsed is True or parsed is None or parsed == "":
            mapping = f"{{{field}: {stamp}}}"
        elif value[:1] in ("'", '"'):
            mapping = f"{{description: {value}, {field}: {stamp}}}"
        else:
            mapping = f"{{description: {_flow_value(str(parsed))}, {field}: {stamp}}}"
        new = f"{head} {mapping}{comment}"
        _set_line(lines, key_line, new, prefix, cr)
        return key_line, new
    subs = [(n, _SUB.match(_line_text(lines, n)[0])) for n in span[1:]]
    if not value and all(s is not None or not _line_text(lines, n)[0].strip() for n, s in subs):
        entries = [(n, s) for n, s in subs if s is not None]
        child = min(len(s.group("indent")) for _, s in entries)
        for n, s in entries:                             # an empty `replied:` is filled in place
            if len(s.group("indent")) == child and s.group("key").strip() in (field, f"'{field}'", f'"{field}"'):
                line, p, c = _line_text(lines, n)
                new = f"{s.group('indent')}{field}: {stamp}"
                _set_line(lines, n, new, p, c)
                return n, new
        last = span[-1]
        first_child = next(s for _, s in entries if len(s.group("indent")) == child)
        new = f"{first_child.group('indent')}{field}: {stamp}"
        _, _, last_ending = _line_text(lines, last)
        lines.insert(last, new + (last_ending or "\n"))
        return last + 1, new
    whole = _yaml("\n".join(_line_text(lines, n)[0] for n in span))
    data = whole.get("adverse_event") if isinstance(whole, dict) else None
    if isinstance(data, dict):
        data = {**data, field: stamp}
    elif data is True or data in (None, ""):
        data = {field: stamp}
    else:
        data = {"description": str(data), field: stamp}
    return _rebuild(lines, span, head, data, "", prefix, cr, field)


def _rebuild(lines: list[str], span: list[int], head: str, data: dict, comment: str,
             prefix: str, cr: str, field: str = "replied") -> tuple[int, str]:
    """The key's lines replaced by one line with a flow mapping (block scalars, multi-line values)."""
    parts = []
    for k, v in data.items():
        plain_day = isinstance(v, date) and not isinstance(v, datetime)     # a date stays a date, unquoted
        shown = v if k == field else v.isoformat() if plain_day else _flow_value(v)
        parts.append(f"{k}: {shown}")
    new = f"{head} {{{', '.join(parts)}}}{comment}"
    first = span[0]
    del lines[first: span[-1]]
    _set_line(lines, first, new, prefix, cr)
    return first, new


# ---------------------------------------------------------------- plan, check, apply
def _essence(v: Visit, skip_action: int | None = None) -> tuple:
    """What a visit says, without line numbers (a front-matter line may be added)."""
    return (
        v.customer, v.moment, v.has_time, v.channel, v.purpose, v.mood, v.products, v.tags, v.competitors,
        v.profile, v.potential, v.next_text, v.next_due, v.next_time,
        tuple((p.text, p.section, p.question, p.interest, p.urgent, p.is_action) for p in v.points),
        tuple((a.label, a.status, a.due, a.due_time, a.due_from, a.done) for k, a in enumerate(v.actions)
              if k != skip_action),
    )


def _parse(rel: str, raw: bytes, settings: Settings):
    record, problems = parse_note(rel, raw, settings)
    errors = sorted((p.code, p.args) for p in problems if p.level == "error")
    return (record if isinstance(record, Visit) else None), errors


def read_source(root: Path, item: Item) -> tuple[str, Path, bytes]:
    """The note an item comes from, as it is now: (rel, path, bytes); never through a link out of the notebook."""
    rel = item.source.path
    path = root / rel
    if not inside(root, path):
        raise DoneError("write-link-outside", path=rel)
    try:
        return rel, path, path.read_bytes()
    except OSError as exc:
        raise DoneError("done-cannot", path=rel, detail=exc.strerror or str(exc)) from None


def plan(root: Path, item: Item, day: date, settings: Settings) -> Edit:
    """The edit that closes `item` in its file as the file is now, checked by parsing the result."""
    if item.kind not in CLOSABLE:
        raise DoneError("done-by-contact", kind=item.kind, customer=item.customer)
    rel, path, before = read_source(root, item)
    visit, errors = _parse(rel, before, settings)
    if visit is None:
        raise DoneError("done-unknown", name=item.id)
    decoded = _Text.of(before, rel)
    lines = _lines(decoded.text)
    if item.kind == COMMITMENT:
        found = [(k, a) for k, (a, ident) in enumerate(action_ids(visit)) if ident == item.id and a.status == OPEN]
        if not found:
            raise DoneError("done-unknown", name=item.id)
        index, action = found[0]
        text, prefix, cr = _line_text(lines, action.source.line)
        new = tick(text, day)
        _set_line(lines, action.source.line, new, prefix, cr)
        number = action.source.line
    else:
        ae = visit.adverse_event
        step = safety_step(item)
        field = "reported" if step == REPORT else "replied"
        if ae is None or ae.replied is not None or getattr(ae, field) is not None or safety_id(visit, step) != item.id:
            raise DoneError("done-unknown", name=item.id)
        index = None
        try:
            number, new = set_replied(lines, ae.source.line, day, field)
        except Exception as exc:                         # a form this edit does not know: say so, write nothing
            raise DoneError("done-cannot", path=rel, detail=str(exc) or type(exc).__name__) from None
    after = decoded.encode("".join(lines))
    _check(rel, visit, errors, after, item, index, day, settings)
    return Edit(path, rel, before, after, number, new)


def _check(rel: str, visit: Visit, errors: list, after: bytes, item: Item, index: int | None, day: date,
           settings: Settings) -> None:
    """The edited file must read as before, except that the item is closed on `day`."""
    new_visit, new_errors = _parse(rel, after, settings)
    ok = new_visit is not None and new_errors == errors
    if ok and item.kind == COMMITMENT:
        assert index is not None
        a = new_visit.actions[index] if index < len(new_visit.actions) else None
        ok = (a is not None and a.status == DONE and a.done == day and a.label == visit.actions[index].label
              and _essence(new_visit, index) == _essence(visit, index)
              and new_visit.adverse_event == visit.adverse_event)
    elif ok:
        old, new = visit.adverse_event, new_visit.adverse_event
        field = "reported" if safety_step(item) == REPORT else "replied"
        ok = (new is not None and old is not None and getattr(new, field) == day
              and replace(new, source=old.source, **{field: getattr(old, field)}) == old
              and _essence(new_visit) == _essence(visit))
    if not ok:
        raise DoneError("done-cannot", path=rel, detail="the edited note would not read the same")


def apply(edit: Edit) -> None:
    """Write the edit atomically, unless the file changed since `plan` read it."""
    try:
        atomic_write(edit.path, edit.after, expected=edit.before)
    except FileChanged:
        raise DoneError("done-changed", path=edit.rel) from None
    except OSError as exc:
        raise DoneError("done-cannot", path=edit.rel, detail=exc.strerror or str(exc)) from None


def normalise_key(key: str, root: Path, cwd: Path | None = None) -> str:
    """An id as given; a `path:line` made relative to the notebook (it may be given from the cwd)."""
    key = key.strip()
    m = re.match(r"^(?P<path>.+\.md):(?P<line>\d+)$", key)
    if not m:
        return key
    raw = m.group("path").replace("\\", "/")
    candidates = [Path(raw)] if Path(raw).is_absolute() else [(cwd or Path.cwd()) / raw, root / raw]
    root_real = Path(os.path.realpath(root))
    for candidate in candidates:
        real = Path(os.path.realpath(candidate))
        if real.is_file():
            try:
                return f"{real.relative_to(root_real).as_posix()}:{int(m.group('line'))}"
            except ValueError:
                continue
    return f"{raw}:{int(m.group('line'))}"


def close(notebook: Notebook, root: Path, settings: Settings, today: date, key: str) -> Closed:
    """Find the item named by `key` (id or path:line), close it in its file on `today`, and say what changed."""
    found = find_items(notebook, today, settings, normalise_key(key, root))
    if not found:
        raise DoneError("done-unknown", name=key)
    closable = [i for i in found if i.kind in CLOSABLE]
    if not closable:
        raise DoneError("done-by-contact", kind=found[0].kind, customer=found[0].customer)
    if len(closable) > 1:
        raise DoneError("done-ambiguous", name=key, ids=", ".join(i.id for i in closable))
    item = closable[0]
    edit = plan(root, item, today, settings)
    apply(edit)
    return Closed(item, today, Source(edit.rel, edit.line), edit.text)

