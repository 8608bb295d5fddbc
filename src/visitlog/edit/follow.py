"""Writing snoozes and skips: `visitlog snooze` and `visitlog skip` add one line to a note.

The line goes into the note the item comes from (the item's source: the
promise's note, the note with the `next`, the latest contact for a cadence or
wake-up item, or the profile of a customer known only from it), under a
heading `## 跟进调整` / `## Follow-up changes` (added at the end of the file
when the note has none):

    - 2026-11-20 暂缓至 2026-11-25（节奏 c1a2b3c4）：王主任外出进修
    - 2026-11-20 skipped (wake-up w1a2b3c4): moved to another hospital

The line's first date is the day it was decided (`--today`), so a replay of an
earlier day does not see it; the id ties it to the item; the text after the
colon is the reason `due`, `timeline` and `review` show. Skipping a promise
also marks its checkbox cancelled (`- [-]`), so every view agrees it is off.

Like `done`, the file is edited as bytes (BOM, line endings and a missing
final newline kept), the result is parsed again and must read as before plus
the one new line, and the write is atomic and refuses to clobber a file that
changed meanwhile.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..notebook.model import Item, Notebook, ProfileFile, Source, Visit
from ..notebook.parse import parse_note
from ..notebook.settings import Settings
from ..rules.due import COMMITMENT, SAFETY, SNOOZABLE, find_items
from .done import DoneError, Edit, _essence, _Text, apply, normalise_key, read_source

HEADINGS = {"zh": "## 跟进调整", "en": "## Follow-up changes"}
_HEADING_TEXT = tuple(h[3:] for h in HEADINGS.values())
_BOX_OPEN = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+\[)[ />](\].*)$")


@dataclass(frozen=True)
class Followed:
    """What `snooze` or `skip` wrote: the item (as listed before), the line and where."""

    item: Item
    action: str           # snooze | skip
    until: date | None
    why: str
    source: Source
    line: str


def until_date(text: str, today: date, settings: Settings) -> date | None:
    """`--until`: a date (YYYY-MM-DD) or a deadline phrase (下周二, 月底前, next Monday) counted from today."""
    text = (text or "").strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    from ..notebook.deadlines import find_deadline

    found = find_deadline(text, datetime.combine(today, datetime.min.time()), settings.workdays,
                          getattr(settings, "region", "CN"))
    return found.date if found else None


def line_for(action: str, item: Item, today: date, until: date | None, why: str, lang: str) -> str:
    from ..i18n import t

    kind = t(f"kind-{item.kind}", lang)
    why = " ".join(why.split())
    key = "follow-line-snooze" if action == "snooze" else "follow-line-skip"
    return t(key, lang, made=today.isoformat(), until=until.isoformat() if until else "", kind=kind,
             id=item.id, why=why)


def _split(text: str) -> list[str]:
    """Lines each keeping its own ending (CRLF, LF or CR); the last may have none."""
    return text.splitlines(keepends=True)


def _body_start(lines: list[str]) -> int:
    """Index of the first body line (after the front matter's closing `---`)."""
    if not lines or lines[0].strip() != "---":
        return 0
    for k in range(1, len(lines)):
        if lines[k].rstrip() in ("---", "..."):
            return k + 1
    return len(lines)


def _is_follow_heading(line: str) -> bool:
    s = line.strip()
    return s.startswith("#") and s.lstrip("#").strip() in _HEADING_TEXT


def add_line(text: str, new: str, lang: str) -> tuple[str, int]:
    """`text` with `new` added under the follow-up heading; (text, the new line's 1-based number).

    The new line takes the file's line ending; a file without a final line ending keeps having none.
    """
    lines = _split(text)
    eol = next((ln[len(ln.rstrip("\r\n")):] for ln in lines if ln.endswith(("\n", "\r"))), "\n")
    had_final = not lines or lines[-1].endswith(("\n", "\r"))
    if lines and not had_final:
        lines[-1] += eol
    start = _body_start(lines)
    head = next((k for k in range(start, len(lines)) if _is_follow_heading(lines[k])), None)
    if head is not None:
        end = head + 1
        while end < len(lines) and not lines[end].lstrip().startswith("#"):
            end += 1
        while end > head + 1 and not lines[end - 1].strip():
            end -= 1                                # after the section's last written line
        lines.insert(end, new + eol)
        number = end + 1
    else:
        if lines and lines[-1].strip():
            lines.append(eol)
        lines += [HEADINGS.get(lang, HEADINGS["en"]) + eol, new + eol]
        number = len(lines)
    out = "".join(lines)
    if not had_final:
        out = out[: len(out) - len(eol)]
    return out, number


def _record(rel: str, raw: bytes, settings: Settings):
    record, problems = parse_note(rel, raw, settings)
    errors = sorted((p.code, p.args) for p in problems if p.level == "error")
    return record, errors


def _reads_the_same(old, new, cancelled: int | None) -> bool:
    if isinstance(old, Visit) and isinstance(new, Visit):
        if cancelled is None:
            return _essence(old) == _essence(new) and old.adverse_event == new.adverse_event
        return (_essence(old, cancelled) == _essence(new, cancelled) and new.actions[cancelled].status == "cancelled"
                and new.actions[cancelled].label == old.actions[cancelled].label)
    if isinstance(old, ProfileFile) and isinstance(new, ProfileFile):
        return (old.name, old.aliases, old.fields, old.since, old.tier, old.potential, old.cadence, old.hours) == (
            new.name, new.aliases, new.fields, new.since, new.tier, new.potential, new.cadence, new.hours)
    return False


def plan(root: Path, item: Item, action: str, today: date, until: date | None, why: str, settings: Settings,
         lang: str) -> Edit:
    """The edit that writes the snooze or skip of `item`, checked by parsing the result."""
    rel, path, before = read_source(root, item)
    record, errors = _record(rel, before, settings)
    if record is None:
        raise DoneError("done-unknown", name=item.id)
    cancelled = None
    decoded = _Text.of(before, rel)
    text = decoded.text
    if action == "skip" and item.kind == COMMITMENT and isinstance(record, Visit):
        from ..rules.due import action_ids

        found = [k for k, (a, ident) in enumerate(action_ids(record)) if ident == item.id and a.status == "open"]
        if not found:
            raise DoneError("done-unknown", name=item.id)
        cancelled = found[0]
        lines = _split(text)
        number = record.actions[cancelled].source.line
        line = lines[number - 1]
        body = line.rstrip("\r\n")
        m = _BOX_OPEN.match(body)
        if not m:
            raise DoneError("done-cannot", path=rel, detail="not an open checkbox")
        lines[number - 1] = f"{m.group(1)}-{m.group(2)}" + line[len(body):]
        text = "".join(lines)
    new = line_for(action, item, today, until, why, lang)
    edited, number = add_line(text, new, lang)
    after = decoded.encode(edited)
    record2, errors2 = _record(rel, after, settings)
    follow = record2.follow if isinstance(record2, (Visit, ProfileFile)) else ()
    wrote = [n for n in follow if n.source.line == number]
    ok = (errors2 == errors and _reads_the_same(record, record2, cancelled) and len(wrote) == 1
          and wrote[0].target == item.id and wrote[0].action == action and wrote[0].until == until
          and wrote[0].made == today)
    if not ok:
        raise DoneError("done-cannot", path=rel, detail="the edited note would not read the same")
    return Edit(path, rel, before, after, number, new)


def follow(notebook: Notebook, root: Path, settings: Settings, today: date, key: str, action: str,
           until: date | None, why: str, lang: str) -> Followed:
    """Snooze (`until` set) or skip the one item named by `key` (id or path:line) and write it down."""
    if not why.strip():
        raise DoneError("follow-why")
    if action == "snooze" and (until is None or until <= today):
        raise DoneError("follow-until", today=today.isoformat())
    key = normalise_key(key, root)
    found = find_items(notebook, today, settings, key)
    if not found:                                   # a team notebook: a rep's cadence items have ids of their own
        from ..rules.team import all_items

        found = list({i.id: i for i in all_items(notebook, today, settings)
                      if i.id == key.strip() or str(i.source) == key.strip()}.values())
    if not found:
        raise DoneError("done-unknown", name=key)
    if any(i.kind == SAFETY for i in found) and len(found) == 1:
        raise DoneError("follow-safety")
    chosen = [i for i in found if i.kind in SNOOZABLE]
    if len(chosen) > 1:
        raise DoneError("done-ambiguous", name=key, ids=", ".join(i.id for i in chosen))
    if not chosen:
        raise DoneError("done-unknown", name=key)
    item = chosen[0]
    edit = plan(root, item, action, today, until, why, settings, lang)
    apply(edit)
    return Followed(item, action, until, " ".join(why.split()), Source(edit.rel, edit.line), edit.text)
