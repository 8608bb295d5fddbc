"""Parse one note: front matter and body into a `Visit` or a `ProfileFile`.

`parse_note(rel_path, raw_bytes, settings)` never raises: whatever it cannot
read becomes a `Problem` with the file and line, and it returns what it could
read. Line numbers count from the top of the file, front matter included.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import yaml

from .deadlines import explicit_date, find_deadline, read_deadline
from .fastyaml import read as fast_front_matter
from .model import (
    CHANNELS,
    CANCELLED, DONE, ERROR, OPEN, POTENTIAL_KEYS, PROFILE_FIELDS, WARNING,
    Action, AdverseEvent, FollowNote, Link, Material, Point, Problem, ProfileFile, Source, Visit,
)
from . import compliance
from .records import constructor
from .settings import FIRST_YEAR, LAST_YEAR, Settings

# The records built many times a note, without a frozen dataclass's per-field setattr (same objects)
_Source, _Problem, _Point, _Action = (constructor(c) for c in (Source, Problem, Point, Action))

PURPOSES = ("first", "follow-up", "academic", "update", "feedback", "stock", "other")
STYLES = ("academic", "transactional", "hesitant")
MOODS = ("positive", "neutral", "negative")

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML without timestamp guessing: dates are checked here, with a line."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_CHECKBOX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX\-/>])\](?:\s+(.*))?$")
_BULLET = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+|>\s*)+")
_DONE_FIELD = re.compile(r"✅\s*(\d{4}-\d{1,2}-\d{1,2})")
_FIELDS = re.compile(r"\s*(?:📅|✅|⏳|🛫|➕)\s*\d{4}-\d{1,2}-\d{1,2}|\s*\bdue:\s*\d{4}-\d{1,2}-\d{1,2}")
_NOISE = re.compile(r"`[^`]*`|!?\[[^\]]*\]\([^)]*\)|!\[\[[^\]]*\]\]|https?://\S+|\s\^[A-Za-z0-9-]+\s*$")
# [[target]], [[target#heading]], [[target|shown]]: the point keeps what a reader sees
_WIKI = re.compile(r"\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\]")
_PAREN_MARK = re.compile(r"\s*[(（]\s*[?？↑^!！]+\s*[)）]")
_BARE_MARK = re.compile(r"\s*(?:[?？↑!！]|\^(?![A-Za-z0-9]))+")
_QUESTION = re.compile(r"[?？]")
_INTEREST = re.compile(r"↑|\^(?![A-Za-z0-9])")
_URGENT = re.compile(r"[!！]")
_TAG = re.compile(r"(?:^|(?<=[\s(（,，。;；:：]))#([^\s\d#,，。;；:：!！?？()（）\[\]{}\"'`、][^\s#,，。;；:：!！?？()（）\[\]{}\"'`、]*)")

def in_range(d: date | None) -> bool:
    """A year visitlog can count from (settings.FIRST_YEAR to LAST_YEAR)."""
    return d is None or FIRST_YEAR <= d.year <= LAST_YEAR


def parse_date(value: Any) -> tuple[datetime, bool] | None:
    """A front-matter date (`YYYY-MM-DD` or with `HH:MM`) and whether it had a time; None outside the years."""
    parsed = _parse_date(value)
    return parsed if parsed is None or in_range(parsed[0]) else None


def _parse_date(value: Any) -> tuple[datetime, bool] | None:
    if isinstance(value, datetime):
        return value, True
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day), False
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    y, mo, d, hh, mm, ss = m.groups()
    try:
        if hh is None:
            return datetime(int(y), int(mo), int(d)), False
        return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0)), True
    except ValueError:
        return None


# --- follow-ups (docs/due.md): snoozes and skips written as lines, chained steps, a customer's hours ---
# `- 2026-11-20 暂缓至 2026-11-25（联系 c1a2b3c4）：主任出差` / `- 2026-11-20 snoozed until 2026-11-25 (contact c1a2b3c4): away`
# `- 2026-11-20 跳过（唤醒 w1a2b3c4）：已调岗` / `- 2026-11-20 skipped (wake-up w1a2b3c4): moved to another hospital`
_FOLLOW_HINT = re.compile(r"暂缓|跳过|snoozed|skipped", re.IGNORECASE)
_FOLLOW = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<made>\d{4}-\d{1,2}-\d{1,2})\s+"
    r"(?:(?P<snooze>暂缓至|暂缓到|snoozed\s+until)\s*(?P<until>\d{4}-\d{1,2}-\d{1,2})|(?P<skip>跳过|skipped))\s*"
    r"[（(](?:(?P<label>[^)）]*?)\s)?(?P<id>[a-z][0-9a-f]{7})\s*[)）]\s*(?:[：:]\s*)?(?P<why>.*?)\s*$", re.IGNORECASE)
# Obsidian Tasks' dependency fields: `🆔 abc123` names a step, `⛔ abc123` waits for it.
_TASK_ID = re.compile(r"🆔\s*([A-Za-z0-9_-]+)")
_BLOCKED_BY = re.compile(r"⛔\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)")
_DEP_FIELDS = re.compile(r"\s*(?:🆔|⛔)\s*[A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*")
# The usual wording of a step that follows the one before it: "3天后确认是否收到", "收到后回电", "then confirm".
_CHAIN_WORDING = re.compile(
    r"(?:后|之后|以后)(?:再|请|要)?(?:确认|核实|核对)|收到(?:后|之后|以后)"
    r"|\bthen\s+(?:confirm|check|follow\s+up|ask|call)|\bonce\s+(?:it\s+|they\s+)?(?:is\s+|are\s+)?(?:received|arrived?s?)"
    r"|\bafter\s+(?:it|they|that)\s+(?:arrives?|is\s+received|are\s+received)", re.IGNORECASE)

# Cheap tests for "could this regex match at all?": most lines have no fields, links or markers.
_LIST_SEPARATOR = re.compile(r"\s*[,，、;；]\s*")
_DATE_FIELD = re.compile(r"(?:📅|\bdue:)\s*\d")
_FIELD_HINT = re.compile(r"[📅✅⏳🛫➕🆔⛔]|due:")
_NOISE_HINT = re.compile(r"[`\[^]|http")
_MARK_HINT = re.compile(r"[?？↑^!！]")


def link_target(raw: str) -> str:
    """What a wiki link names: the last path part, without `.md`."""
    target = raw.strip().replace("\\", "/").rsplit("/", 1)[-1].strip()
    return target[:-3].strip() if target.lower().endswith(".md") else target


def _shown(m: re.Match) -> str:
    return (m.group(2) or "").strip() or link_target(m.group(1))


def strip_fields(text: str) -> str:
    """An action's text without its 📅 / due: / ✅ fields (and 🆔 / ⛔ dependency fields)."""
    if not _FIELD_HINT.search(text):
        return text.strip()
    out = _FIELDS.sub("", text)
    return (_DEP_FIELDS.sub("", out) if ("🆔" in out or "⛔" in out) else out).strip()


def follow_note(rel: str, number: int, line: str) -> FollowNote | None:
    """A snooze or skip line (`- 2026-11-20 暂缓至 2026-11-25（联系 c1a2b3c4）：原因`), or None."""
    # every hint holds 缓, 过, a z (snoozed) or a p (skipped), in any case: most lines hold none
    if "缓" not in line and "过" not in line and "z" not in line and "p" not in line and "Z" not in line \
            and "P" not in line:
        return None
    if not _FOLLOW_HINT.search(line):
        return None
    m = _FOLLOW.match(line)
    if not m:
        return None
    made = parse_date(m.group("made"))
    until = parse_date(m.group("until")) if m.group("until") else None
    if made is None or (m.group("snooze") and until is None):
        return None
    return FollowNote(Source(rel, number), "snooze" if m.group("snooze") else "skip", made[0].date(),
                      m.group("id").lower(), m.group("why"), until[0].date() if until else None,
                      (m.group("label") or "").strip())


def clean_point(text: str) -> str:
    """A body line as a person reads it: no markers, no inline tags."""
    marks = _MARK_HINT.search(text) is not None
    out = _PAREN_MARK.sub("", text) if marks else text
    out = _TAG.sub("", out) if "#" in out else out
    out = _BARE_MARK.sub(" ", out) if marks else out
    return " ".join(out.split())


MAX_SHOWN = 200   # characters of a value a message repeats: a message never grows with the input


def _clip(value: Any) -> Any:
    """A problem's argument, bounded: a long text is cut, a large structure becomes its cut repr."""
    if isinstance(value, str):
        return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
    if value is None or isinstance(value, (bool, int, float, date)):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** MAX_SHOWN:
            return f"{str(value)[:MAX_SHOWN]}…"
        return value
    shown = repr(value)
    return value if len(shown) <= MAX_SHOWN else shown[:MAX_SHOWN] + "…"


class _Reader:
    """Collects problems for one file while its parts are read."""

    def __init__(self, rel: str, settings: Settings):
        self.rel = rel
        self.settings = settings
        self.problems: list[Problem] = []

    def problem(self, line: int, level: str, code: str, **args: Any) -> None:
        self.problems.append(_Problem(_Source(self.rel, line), level, code,
                                     tuple((k, _clip(v)) for k, v in args.items())))

    # --- small typed readers for front-matter values ---
    def text(self, data: dict, lines: dict, key: str) -> str | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value).strip() or None
        self.problem(lines.get(key, 1), ERROR, "bad-type", field=key, expected="expect-text", value=value)
        return None

    def words(self, data: dict, lines: dict, key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = _LIST_SEPARATOR.split(value)
        if isinstance(value, list) and all(isinstance(x, (str, int, float)) and not isinstance(x, bool)
                                           for x in value):
            return tuple(dict.fromkeys(str(x).strip() for x in value if str(x).strip()))
        self.problem(lines.get(key, 1), ERROR, "bad-type", field=key, expected="expect-list", value=value)
        return ()

    def choice(self, data: dict, lines: dict, key: str, known: tuple[str, ...]) -> str | None:
        value = self.text(data, lines, key)
        if value is not None and value not in known:
            from .labels import value_of

            value = value_of(key, value, known, interface=False) or value   # `channel: 电话`, `channel: 微信`
        if value is not None and value not in known:
            self.problem(lines.get(key, 1), WARNING, "unknown-value", field=key, value=value,
                         known=", ".join(known))
        return value

    def day(self, data: dict, lines: dict, key: str) -> date | None:
        value = data.get(key)
        if value is None or value == "":
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(lines.get(key, 1), ERROR, "bad-date", field=key, value=value)
            return None
        return parsed[0].date()

    def potential(self, data: dict, lines: dict) -> tuple[tuple[str, int], ...]:
        value = data.get("potential")
        if value is None:
            return ()
        line = lines.get("potential", 1)
        if not isinstance(value, dict):
            self.problem(line, ERROR, "bad-type", field="potential",
                         expected="expect-potential", value=value)
            return ()
        out = []
        for key, v in value.items():
            if key not in POTENTIAL_KEYS:
                self.problem(line, ERROR, "unknown-value", field="potential", value=key,
                             known=", ".join(POTENTIAL_KEYS))
            elif isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 5:
                self.problem(lines.get(f"potential.{key}", line), ERROR, "potential-range", field=key, value=v)
            else:
                out.append((key, v))
        return tuple(out)


def _front_matter(lines: list[str], reader: _Reader) -> tuple[dict | None, dict, int]:
    """(data, key -> line, index of the first body line). data is None without front matter."""
    if not lines or lines[0].strip() != "---":
        return None, {}, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        reader.problem(1, ERROR, "front-matter-unclosed")
        return {}, {}, len(lines)
    from .safeyaml import MAX_CHARS

    if sum(len(line) + 1 for line in lines[1:end]) > MAX_CHARS:   # nothing that large is read, by any reader
        reader.problem(2, ERROR, "front-matter-too-large", limit="1 MB")
        return {}, {}, end + 1
    plain = fast_front_matter(lines, 1, end)  # the usual shape, without libyaml's Python-side cost
    if plain is not None:
        return plain[0], plain[1], end + 1
    from .safeyaml import Refused, load as load_yaml

    text = "\n".join(lines[1:end])
    try:
        data, found_lines, duplicates = load_yaml(text, _Loader)
    except Refused as exc:
        reader.problem(2 + exc.line, ERROR, exc.code, **exc.args_)
        return {}, {}, end + 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = 2 + mark.line if mark else 1
        reader.problem(min(line, end), ERROR, "yaml", detail=exc.problem or str(exc))
        return {}, {}, end + 1
    except yaml.reader.ReaderError as exc:   # a character YAML does not allow: at its own line
        line = 2 + text.count("\n", 0, max(0, exc.position))
        reader.problem(min(line, end), ERROR, "yaml", detail=f"character {exc.character!r} is not allowed")
        return {}, {}, end + 1
    except Exception as exc:  # any other YAML failure is still just a problem of this file
        reader.problem(1, ERROR, "yaml", detail=str(exc))
        return {}, {}, end + 1
    if data is None:
        return {}, {}, end + 1
    if not isinstance(data, dict):
        reader.problem(2, ERROR, "front-matter-not-mapping")
        return {}, {}, end + 1
    for key, line, first in duplicates:
        reader.problem(2 + line, ERROR, "yaml-duplicate-key", field=key, first=2 + first)
    key_lines = {key: 2 + line for key, line in found_lines.items()}
    return {str(k): v for k, v in data.items()}, key_lines, end + 1


def _lint_text(reader: _Reader, text: str) -> None:
    """Compliance wording, patient identity and personal data on every line of `text` (notebook/compliance.py).

    A finding on a line marked `compliance-ok` is kept with the level `silenced` (shown by `check --all`).
    """
    settings = reader.settings
    for number, code, args, silenced in compliance.scan(text, settings.compliance_words, settings.compliance_allow):
        level = compliance.SILENCED if silenced else WARNING
        reader.problem(number, level, code, **args)


def _body(lines: list[str], start: int, moment: datetime, reader: _Reader):
    """Points, actions and inline tags of a visit body."""
    points: list[Point] = []
    actions: list[Action] = []
    tags: list[str] = []
    links: list[Link] = []
    follow: list[FollowNote] = []
    suggestions: list[str] = []
    section = ""
    in_code = False
    suggested = False
    for index in range(start, len(lines)):
        line = lines[index]
        number = index + 1
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            suggested = in_code and line.lstrip()[3:].strip().lower() in SUGGESTION_FENCES
            continue
        if in_code:
            box = _CHECKBOX.match(line) if suggested else None
            if box and box.group(1) == " " and box.group(2):
                suggestions.append(strip_fields(box.group(2)))
            continue
        if not line.strip():
            continue
        note = follow_note(reader.rel, number, line)
        if note is not None:
            follow.append(note)
            continue
        heading = _HEADING.match(line) if "#" in line else None
        if heading:
            section = heading.group(2)
            continue
        box = _CHECKBOX.match(line) if "[" in line else None
        content = box.group(2) or "" if box else _BULLET.sub("", line)
        content = (compliance.strip_marker(content) if "compliance-ok" in content else content).strip()
        if not content:
            continue
        plain = _FIELDS.sub("", content) if _FIELD_HINT.search(content) else content
        plain = _NOISE.sub(" ", plain) if _NOISE_HINT.search(plain) else plain
        targets = ()
        if "[[" in plain:
            targets = tuple(link_target(m.group(1)) for m in _WIKI.finditer(plain))
            plain = _WIKI.sub(_shown, plain)
        if "#" in plain:
            tags.extend(_TAG.findall(plain))
        point = _Point(
            source=_Source(reader.rel, number),
            text=clean_point(plain),
            section=section,
            question="?" in plain or "？" in plain,
            interest="↑" in plain or ("^" in plain and _INTEREST.search(plain) is not None),
            urgent="!" in plain or "！" in plain,
            is_action=box is not None,
        )
        points.append(point)
        if box:
            actions.append(_action(reader, number, box.group(1), content, section, moment))
        if targets:
            if box:
                kind, done = actions[-1].status, actions[-1].done
            else:
                kind, done = ("asked" if point.question or point.interest or point.urgent else "plain"), None
            links.extend(Link(point.source, target, kind, done) for target in targets if target)
    return points, _chain(reader, actions), tags, links, follow, suggestions


SUGGESTION_FENCES = ("suggested", "suggestions", "建议")


def _chain(reader: _Reader, actions: list[Action]) -> list[Action]:
    """Link each chained step to the step it waits for (docs/due.md "Chained steps").

    Explicit: `⛔ id` names the `🆔 id` of another action of the note. By wording: an action
    with no 📅/due: of its own whose text reads like a follow-on step ("3天后确认是否收到",
    "收到后回电", "then confirm") waits for the nearest action above it.
    """
    keys = {a.key: n for n, a in enumerate(actions) if a.key}
    out = []
    for n, a in enumerate(actions):
        after = after_from = None
        blocked = _BLOCKED_BY.search(a.text) if "⛔" in a.text else None
        if blocked:
            wanted = [k.strip() for k in blocked.group(1).split(",")]
            found = [keys[k] for k in wanted if k in keys and keys[k] != n]
            if found:
                after, after_from = found[0], "explicit"
            else:
                reader.problem(a.source.line, WARNING, "chain-unknown", id=", ".join(wanted))
        elif n > 0 and a.due_from != "explicit" and _CHAIN_WORDING.search(a.label):
            after, after_from = n - 1, "wording"
        out.append(a if after is None else replace(a, after=after, after_from=after_from))
    waiting = {a.source.line for a in out if a.after is not None}
    if waiting:   # a chained step is dated by the step it waits for: not a vague promise
        reader.problems[:] = [p for p in reader.problems
                              if not (p.code == "vague-action" and p.source.line in waiting)]
    return out


def _action(reader: _Reader, number: int, mark: str, content: str, section: str, moment: datetime) -> Action:
    status = DONE if mark in "xX" else CANCELLED if mark == "-" else OPEN
    done = None
    m = _DONE_FIELD.search(content)
    if m:
        parsed = parse_date(m.group(1))
        if parsed is None:
            reader.problem(number, ERROR, "bad-date", field="✅", value=m.group(1))
        else:
            done = parsed[0].date()
    due = due_time = phrase = due_from = None
    label = strip_fields(content)
    warned = False
    explicit = explicit_date(content)
    if explicit is not None and not in_range(explicit[0]):
        reader.problem(number, ERROR, "bad-date", field="📅", value=explicit[0].isoformat())
        due_from = "explicit"
    elif explicit is not None:
        due, due_from = explicit[0], "explicit"
    elif ("📅" in content or "due:" in content) and _DATE_FIELD.search(content):
        reader.problem(number, ERROR, "bad-date", field="📅", value=content)
    elif status != CANCELLED:  # a cancelled promise needs no date: don't spend time resolving one
        reading = read_deadline(label, moment, reader.settings.workdays, reader.settings.region)
        found = reading.deadline
        if found is not None and not in_range(found.date):
            found = None
        if found is not None:
            due, due_time, phrase, due_from = found.date, found.time, found.phrase, "phrase"
            if reading.beyond is not None and status == OPEN:
                reader.problem(number, WARNING, "calendar-beyond", phrase=found.phrase, year=reading.beyond,
                               region=reader.settings.region)
        elif reading.past is not None and status == OPEN:
            reader.problem(number, WARNING, "past-action", text=label, phrase=reading.past)
            warned = True
    if status == OPEN and due is None and due_from is None and not warned:
        reader.problem(number, WARNING, "vague-action", text=label)
    key = _TASK_ID.search(content) if "🆔" in content else None
    return _Action(_Source(reader.rel, number), content, status, due, due_time, due_from, phrase, done,
                  section, label, key=key.group(1) if key else None)


def _next(reader: _Reader, data: dict, lines: dict, moment: datetime):
    value = data.get("next")
    line = lines.get("next", 1)
    if value is None or value == "":
        return None, None, None, None
    parsed = parse_date(value)
    if parsed is not None:
        stamp, has_time = parsed
        return str(value), stamp.date(), stamp.time() if has_time else None, Source(reader.rel, line)
    if not isinstance(value, (str, int)):
        reader.problem(line, ERROR, "bad-type", field="next", value=value, expected="expect-next")
        return None, None, None, None
    text = str(value)
    reading = read_deadline(text, moment, reader.settings.workdays, reader.settings.region)
    found = reading.deadline
    if found is not None and not in_range(found.date):
        found = None
    if found is None and reading.past is not None:
        reader.problem(line, WARNING, "past-next", text=text, phrase=reading.past)
        return text, None, None, Source(reader.rel, line)
    if found is None:
        reader.problem(line, WARNING, "vague-next", text=text)
        return text, None, None, Source(reader.rel, line)
    return text, found.date, found.time, Source(reader.rel, line)


def _adverse_event(reader: _Reader, data: dict, lines: dict) -> AdverseEvent | None:
    value = data.get("adverse_event")
    line = lines.get("adverse_event", 1)
    source = Source(reader.rel, line)
    if value is None or value is False or value == "":
        return None
    if value is True:
        return _ae_details(reader, AdverseEvent(source, "", missing=compliance.adverse_missing("")))
    if isinstance(value, (str, int, float)):
        text = str(value).strip()
        return _ae_details(reader, AdverseEvent(source, text, missing=compliance.adverse_missing(text)))
    if isinstance(value, dict):
        sub = {str(k): v for k, v in value.items()}
        sub_lines = {k.split(".", 1)[1]: n for k, n in lines.items() if k.startswith("adverse_event.")}
        description = reader.text(sub, sub_lines, "description") or ""
        replied = reader.day(sub, sub_lines, "replied")
        reported = reader.day(sub, sub_lines, "reported")
        given = {key: reader.text(sub, sub_lines, key) for key in ("age", "conditions", "co_medication")}
        missing = compliance.adverse_missing(description, given)
        return _ae_details(reader, AdverseEvent(source, description, replied, reported, missing))
    reader.problem(line, ERROR, "bad-type", field="adverse_event", value=value,
                   expected="expect-adverse-event")
    return None


def _ae_details(reader: _Reader, ae: AdverseEvent) -> AdverseEvent:
    """An adverse event without the patient's age, conditions or co-medication: a warning at its key."""
    if ae.missing:
        reader.problem(ae.source.line, WARNING, "adverse-event-details", missing=ae.missing)
    return ae


def _ae_dates(reader: _Reader, ae: AdverseEvent | None, lines: dict, day: date) -> AdverseEvent | None:
    """`reported:` or `replied:` dated before the contact that recorded the event: a warning at that key."""
    for field in ("reported", "replied"):
        value = getattr(ae, field) if ae is not None else None
        if value is not None and value < day:
            reader.problem(lines.get(f"adverse_event.{field}", ae.source.line), WARNING, "adverse-event-date",
                           field=field, date=value.isoformat(), visit=day.isoformat())
    return ae


_CONFLICT = re.compile(r"^(?:<{7}|>{7})(?:\s|$)|^(?:={7}|\|{7})(?:\s*$|\s)")


def _conflict_markers(reader: _Reader, lines: list[str]) -> None:
    """Lines git leaves when a merge conflicts: each is an error at its line.

    `<<<<<<<` and `>>>>>>>` always count; `=======` (or diff3's `|||||||`) only
    between the two, since a bare `=======` under a line is a Markdown heading.
    """
    inside = False
    for number, line in enumerate(lines, 1):
        if not line or line[0] not in "<>=|" or not _CONFLICT.match(line):
            continue
        marker = line[:7]
        if marker == "<" * 7:
            inside = True
        elif marker == ">" * 7:
            inside = False
        elif not inside:
            continue
        reader.problem(number, ERROR, "conflict-marker", marker=marker)


def _visit(reader: _Reader, data: dict, lines: dict, body: list[str], start: int) -> Visit | None:
    customer = reader.text(data, lines, "customer")
    group = reader.words(data, lines, "customers")      # a group contact: every attendee (docs/format.md)
    if not customer and group:
        customer = group[0]                              # no host named: the first attendee hosts
    when = parse_date(data.get("date")) if data.get("date") not in (None, "") else None
    if data.get("date") not in (None, "") and when is None:
        reader.problem(lines.get("date", 1), ERROR, "bad-date", field="date", value=data.get("date"))
    if not customer or when is None:
        if not customer and "customer" not in data and "customers" not in data:
            reader.problem(1, ERROR, "missing-field", field="customer")
        elif not customer and (data["customer"] is None or isinstance(data["customer"], str)):
            reader.problem(lines.get("customer", 1), ERROR, "empty-field", field="customer")
        if data.get("date") in (None, ""):
            reader.problem(lines.get("date", 1), ERROR, "missing-field", field="date")
        return None
    moment, has_time = when
    for key in ("name", "aliases", "since", "tier"):
        if key in data:
            reader.problem(lines.get(key, 1), WARNING, "visit-cannot-set", field=key)
    profile = []
    for key in PROFILE_FIELDS:
        value = reader.choice(data, lines, key, STYLES) if key == "style" else reader.text(data, lines, key)
        if value is not None:
            profile.append((key, value))
    channel = reader.choice(data, lines, "channel", CHANNELS) or "visit"
    purpose = reader.choice(data, lines, "purpose", PURPOSES)
    mood = reader.choice(data, lines, "mood", MOODS)
    next_text, next_due, next_time, next_source = _next(reader, data, lines, moment)
    points, actions, inline_tags, links, follow, suggestions = _body(body, start, moment, reader)
    attendees = tuple(n for n in group if n != customer)
    if attendees:
        actions = _name_customers(actions, (customer,) + attendees)
    tags = tuple(dict.fromkeys(reader.words(data, lines, "tags") + tuple(inline_tags)))
    return Visit(
        source=Source(reader.rel, 1),
        customer=customer,
        moment=moment,
        has_time=has_time,
        channel=channel,
        purpose=purpose,
        mood=mood,
        products=reader.words(data, lines, "products"),
        tags=tags,
        competitors=reader.words(data, lines, "competitors"),
        profile=tuple(profile),
        potential=reader.potential(data, lines),
        next_text=next_text,
        next_due=next_due,
        next_time=next_time,
        next_source=next_source,
        adverse_event=_ae_dates(reader, _adverse_event(reader, data, lines), lines, moment.date()),
        points=tuple(points),
        actions=tuple(actions),
        rep=reader.text(data, lines, "rep"),
        links=tuple(links),
        follow=tuple(follow),
        attendees=attendees,
        suggestions=tuple(suggestions),
    )


def _name_customers(actions: list[Action], names: tuple[str, ...]) -> list[Action]:
    """In a group contact, an action that names an attendee (`给刘芳发资料`, `@刘芳`) is that attendee's."""
    ordered = sorted(names, key=len, reverse=True)
    out = []
    for a in actions:
        named = next((n for n in ordered if n in a.label), None)
        out.append(replace(a, customer=named) if named else a)
    return out


_HOURS_DAY = re.compile(
    r"(?:周|星期|礼拜)([一二三四五六日天])|\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?", re.IGNORECASE)
_HOURS_PART = re.compile(r"上午|早上|下午|午后|\bam\b|\bpm\b|\bmornings?\b|\bafternoons?\b", re.IGNORECASE)
_ZH_DAYS = "一二三四五六日"


def parse_hours(text: str) -> tuple[tuple[int, str], ...] | None:
    """`周二上午`, `周二、周四下午`, `Thu pm`, `Tue/Thu am` → ((weekday, "am"|"pm"|""), ...); None when unreadable.

    A part of the day applies to the days written before it that have none.
    """
    found: list[list] = []
    pending: list[list] = []
    pos = 0
    tokens = sorted([(m.start(), "day", m) for m in _HOURS_DAY.finditer(text)]
                    + [(m.start(), "part", m) for m in _HOURS_PART.finditer(text)], key=lambda x: x[0])
    for _, kind, m in tokens:
        between, pos = text[pos:m.start()], m.end()
        if kind == "day":
            if m.group(1):
                day = 6 if m.group(1) in "日天" else _ZH_DAYS.index(m.group(1))
            else:
                day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(m.group(2).lower())
            span = [day]
            if found and re.fullmatch(r"\s*(?:至|到|-|~|–|—|to)\s*", between):   # 周一至周五, Mon-Fri
                span = [(found[-1][0] + k) % 7 for k in range(1, (day - found[-1][0]) % 7 + 1)]
            for d in span:
                entry = [d, ""]
                found.append(entry)
                pending.append(entry)
        else:
            word = m.group(0).lower()
            part = "am" if word in ("上午", "早上", "am", "morning", "mornings") else "pm"
            for entry in pending:
                entry[1] = part
            pending = []
    if not found:
        return None
    return tuple(dict.fromkeys((d, p) for d, p in found))


def _profile(reader: _Reader, data: dict, lines: dict, body: list[str], start: int) -> ProfileFile:
    stem = reader.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    name = reader.text(data, lines, "name") or reader.text(data, lines, "customer") or stem
    fields = []
    for key in PROFILE_FIELDS:
        value = reader.choice(data, lines, key, STYLES) if key == "style" else reader.text(data, lines, key)
        if value is not None:
            fields.append((key, value))
    tier = reader.text(data, lines, "tier")
    if tier is not None and tier.upper() not in ("A", "B", "C"):
        reader.problem(lines.get("tier", 1), ERROR, "bad-tier", value=tier)
        tier = None
    cadence = data.get("cadence")
    if cadence is not None and (isinstance(cadence, bool) or not isinstance(cadence, int) or cadence < 1):
        reader.problem(lines.get("cadence", 1), ERROR, "bad-type", field="cadence", expected="expect-days",
                       value=cadence)
        cadence = None
    hours_text = reader.text(data, lines, "hours")
    hours = parse_hours(hours_text) if hours_text else ()
    if hours is None:
        reader.problem(lines.get("hours", 1), WARNING, "bad-hours", value=hours_text)
        hours = ()
    follow = tuple(n for k in range(start, len(body)) if (n := follow_note(reader.rel, k + 1, body[k])))
    return ProfileFile(
        source=Source(reader.rel, 1),
        cadence=cadence,
        channel=reader.choice(data, lines, "channel", CHANNELS),
        hours=hours,
        hours_text=hours_text,
        follow=follow,
        name=name,
        aliases=tuple(a for a in reader.words(data, lines, "aliases") if a != name),
        fields=tuple(fields),
        since=reader.day(data, lines, "since"),
        tier=tier.upper() if tier else None,
        potential=reader.potential(data, lines),
        notes="\n".join(body[start:]).strip(),
        lines=tuple(lines.items()),
    )


def is_material_path(rel: str) -> bool:
    return rel.split("/", 1)[0] == "materials"


def is_profile_path(rel: str) -> bool:
    """A profile lives in a `customers/` folder anywhere in the notebook (`rep2/customers/王.md` too)."""
    return "customers" in rel.split("/")[:-1]


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_note(raw: bytes) -> tuple[str, str, bytes]:
    """(text, encoding, BOM) of a note's bytes; UnicodeDecodeError (of UTF-8) when none fits.

    UTF-8 with or without a BOM; UTF-16 and UTF-32 with a BOM; else GB18030 (the
    old default of Notepad on Chinese Windows), accepted only when the text it
    gives holds Chinese and no control characters, so that random bytes are not
    taken for Chinese. `text.encode(encoding)` after the BOM gives the bytes back.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding), encoding, bom
    try:
        return raw.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError as exc:
        first = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise first from None
    if not _CJK.search(text) or _CONTROL.search(text) or text.encode("gb18030") != raw:
        raise first
    return text, "gb18030", b""


def decode(raw: bytes) -> tuple[str, bool]:
    """The text of a note (BOM dropped) and whether it had a BOM (see `decode_note`)."""
    text, _, bom = decode_note(raw)
    return text, bool(bom)


ENCODING_NAMES = {"gb18030": "GB18030", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
                  "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}


MAX_NUL_LINES = 20


def _nul_bytes(reader: _Reader, text: str) -> str:
    """Report each line with a NUL byte (the first MAX_NUL_LINES of them); read the NULs as U+FFFD."""
    at, counted, number, shown = text.find("\x00"), 0, 1, 0
    while at >= 0 and shown < MAX_NUL_LINES:
        number += text.count("\n", counted, at)       # counted once, left to right: linear
        reader.problem(number, ERROR, "nul-byte")
        shown += 1
        end = text.find("\n", at)
        if end < 0:
            break
        number, counted = number + 1, end + 1
        at = text.find("\x00", counted)
    return text.replace("\x00", "\ufffd")


def parse_note(rel: str, raw: bytes, settings: Settings) -> tuple[Visit | ProfileFile | Material | None, tuple[Problem, ...]]:
    """One file of the notebook: a visit, a profile, or nothing, plus its problems."""
    reader = _Reader(rel, settings)
    try:
        text, encoding, _ = decode_note(raw)
    except UnicodeDecodeError as exc:
        head = raw[: exc.start]
        line = head.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        reader.problem(line, ERROR, "encoding", detail=str(exc.reason))
        return None, tuple(reader.problems)
    if encoding != "utf-8":
        reader.problem(1, WARNING, "encoding-fallback", encoding=ENCODING_NAMES.get(encoding, encoding))
    if "\r" in text:                   # CRLF, LF and a lone CR (old Mac editors) all end a line
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = _nul_bytes(reader, text)
    lines = text.split("\n")
    _lint_text(reader, text)
    if "<<<<<<<" in text or ">>>>>>>" in text:
        _conflict_markers(reader, lines)
    data, key_lines, start = _front_matter(lines, reader)
    record: Visit | ProfileFile | Material | None = None
    if is_material_path(rel):
        from .materials import parse_material

        if data is not None:
            record = parse_material(reader, data, key_lines, lines, start)
        else:
            reader.problem(1, WARNING, "not-a-material")
    elif is_profile_path(rel):
        if data is not None:
            record = _profile(reader, data, key_lines, lines, start)
        else:
            reader.problem(1, WARNING, "not-a-visit")
    elif data is None or (not data and not any(p.level == ERROR for p in reader.problems)) or (
            data and "customer" not in data and "customers" not in data and "date" not in data):
        reader.problem(1, WARNING, "not-a-visit")
    elif data:
        record = _visit(reader, data, key_lines, lines, start)
    return record, tuple(sorted(reader.problems, key=lambda p: p.source.line))
