"""`visitlog new`: the text of a new visit note, and the small writer that files it.

The text is built by pure functions from the notebook, the settings, the
visit moment (`--date`; only the CLI reads the clock) and a template:
prefilled profile fields, a reminder of what is still open (not checkboxes,
so nothing is counted twice), `--quick` shorthand turned into points and
actions, `--todo` actions, and the playbook of the customer's style with
dates counted from the visit moment.

The writer never overwrites (the file name is reserved with O_EXCL; a second
visit the same day gets `-2`, `-3`...), writes atomically (a temp file in the
same folder, then os.replace), and after the editor appends `📅 date` to
every open action whose deadline came from a phrase.
"""
from __future__ import annotations

import difflib
import errno
import os
import re
import shlex
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..notebook.files import atomic_write, create_new, inside
from ..i18n import t
from ..notebook.model import OPEN, Customer, Notebook, Problem, Visit
from ..notebook.settings import Settings
from .templating import Step, Template

FIRST, FOLLOW_UP = "first", "follow-up"
VISITS_DIR = "visits"

_MARK_RUN = re.compile(r"(?:\s*[(（]\s*(?:[?？↑!！]|\^)+\s*[)）]|\s*(?:[?？↑!！]|\^(?![A-Za-z0-9]))+)+")
_SEPARATORS = re.compile(r"[，。；;、\n\r]+|[,.](?=\s|$)")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]")
_LEADING_TAGS = re.compile(r"^((?:#[^\s#]+\s*)+)")
_UNSAFE = re.compile(r"[\\/:*?\"<>|\s]+")


@dataclass(frozen=True)
class QuickPoint:
    """One fragment of `--quick` shorthand."""

    text: str
    question: bool = False
    interest: bool = False
    urgent: bool = False
    deadline: str | None = None     # the deadline phrase that makes it an action

    @property
    def is_action(self) -> bool:
        return self.deadline is not None

    def line(self) -> str:
        marks = "".join(m for m, on in ((" (?)", self.question), (" (↑)", self.interest), (" (!)", self.urgent)) if on)
        return f"- [ ] {self.text}{marks}" if self.is_action else f"- {self.text}{marks}"


@dataclass(frozen=True)
class Request:
    """What the rep asked for on the command line."""

    name: str
    moment: datetime
    has_time: bool = True
    channel: str = "visit"
    purpose: str | None = None
    style: str | None = None
    todos: tuple[str, ...] = ()
    quick: str | None = None
    playbook: bool = True
    rep: str | None = None          # who is writing: `rep:` in the front matter (docs/team.md)
    accept: tuple[str, ...] = ()    # playbook steps to write as promises: numbers (1-based), texts, or "all"
    new_customer: bool = False      # `--new-customer`: the name as typed, never a prefix of someone else


@dataclass(frozen=True)
class Draft:
    """The note to write, and what went into it."""

    customer: str                   # the name written in `customer:`
    known: bool
    purpose: str
    style: str | None
    template: str                   # the template file used
    folder: str                     # visits/YYYY
    stem: str                       # YYYY-MM-DD-<name>
    text: str
    carried: tuple[str, ...]        # reminder lines
    quick: tuple[QuickPoint, ...]
    playbook: tuple[str, ...]       # suggested action lines (in the `suggested` block)
    accepted: tuple[str, ...] = ()  # playbook lines written as promises (`--accept`)


# ------------------------------------------------------------------ customers
def resolve(notebook: Notebook, name: str, *, prefix: bool = True) -> Customer | None:
    """The customer `name` means, the way every command resolves one (`rules.customers.match`: exact
    name, alias, then a unique prefix); None for a new name or a prefix of several."""
    from ..rules.customers import NoSuchCustomer, match

    if not prefix:
        return notebook.customer(name.strip())
    try:
        return match(notebook, name)
    except NoSuchCustomer:
        return None


def near_misses(notebook: Notebook, query: str) -> tuple[str, ...]:
    """Existing customers a mistyped or new-looking name may mean (canonical names).

    Close spellings (difflib) of names and aliases, names that start with or
    contain the query, and a shared surname when the query is surname + title
    (王主任 → 王建国).
    """
    from ..rules.prep import _TITLE_WORDS, surname

    query = query.strip()
    if not query:
        return ()
    written = {c.name: c.name for c in notebook.customers}
    written.update(dict(notebook.index))
    family = surname(query)
    from ..rules.customers import look_alikes

    hits = look_alikes(written, query)                                # 周亭 → 周婷: one character, same pinyin
    hits += [w for w in difflib.get_close_matches(query, list(written), n=5, cutoff=0.6)
             if not _CJK_NAME.match(query) or surname(w) == family]   # 刘主任 is not 王主任
    hits += [w for w in written if w.startswith(query) or (len(query) >= 2 and query in w)]
    rest = query[len(family):]
    if family and rest in _TITLE_WORDS:
        hits += [w for w in written if surname(w) == family]
    return tuple(dict.fromkeys(written[w] for w in hits))


# ------------------------------------------------------------------ shorthand
def quick(text: str, moment: datetime, workdays: frozenset[int]) -> tuple[QuickPoint, ...]:
    """Marker shorthand → points: `?` question, `↑`/`^` interest, `!` urgent; a fragment
    with a deadline phrase becomes an action. Fragments end at Chinese or English
    punctuation and after each run of markers."""
    from ..notebook.deadlines import find_deadline

    out: list[QuickPoint] = []
    for piece in _SEPARATORS.split(text or ""):
        start = 0
        fragments = []
        for m in _MARK_RUN.finditer(piece):
            fragments.append((piece[start:m.start()], m.group(0)))
            start = m.end()
        fragments.append((piece[start:], ""))
        for n, (words, marks) in enumerate(fragments):
            words = " ".join(words.split())
            leading = _LEADING_TAGS.match(words)
            if leading and n > 0 and out:       # "数据↑ #患者教育 本周内…": the tag belongs before
                last = out[-1]
                out[-1] = QuickPoint(f"{last.text} {leading.group(1).strip()}", last.question, last.interest,
                                     last.urgent, last.deadline)
                words = words[leading.end():]
            q, i, u = bool(re.search(r"[?？]", marks)), bool(re.search(r"[↑^]", marks)), bool(re.search(r"[!！]", marks))
            if not words:
                if out and (q or i or u):      # a marker on its own belongs to what came before
                    last = out[-1]
                    out[-1] = QuickPoint(last.text, last.question or q, last.interest or i, last.urgent or u,
                                         last.deadline)
                continue
            found = find_deadline(words, moment, workdays)
            out.append(QuickPoint(words, q, i, u, found.phrase if found else None))
    return tuple(out)


# ------------------------------------------------------------------ the note
def choose_purpose(customer: Customer | None, requested: str | None) -> str:
    """`--purpose`, else first visit for a customer with no contact yet, else follow-up."""
    if requested:
        return requested
    return FIRST if customer is None or not customer.visits else FOLLOW_UP


def file_stem(day_iso: str, name: str) -> str:
    return f"{day_iso}-{_UNSAFE.sub('-', name).strip('-.') or 'customer'}"


def carried_over(customer: Customer | None, moment: datetime, settings: Settings, lang: str) -> tuple[str, ...]:
    """Reminder lines: still-open actions of earlier contacts and their unanswered questions.

    Written without markers, tags or 📅 fields, and placed by compose() in a fenced
    block that the reader skips: they are neither actions, nor questions, nor
    discussion points of the new note (nothing is counted twice).
    """
    from ..notebook.parse import clean_point
    from ..rules.prep import open_promises, unanswered_questions

    if customer is None:
        return ()
    lines = []
    for p in open_promises(customer, moment.date(), before=moment):
        text = clean_point(p.action.label)
        day = p.visit_day.strftime("%m-%d")
        lines.append("- " + (t("new-carried-action", lang, text=text, due=p.action.due.isoformat(), day=day)
                             if p.action.due else t("new-carried-vague", lang, text=text, day=day)))
    for q in unanswered_questions(customer, moment.date(), settings, before=moment):
        lines.append("- " + t("new-carried-question", lang, text=clean_point(q.point.text),
                              day=q.day.strftime("%m-%d")))
    return tuple(lines)


def playbook_lines(steps: tuple[Step, ...], moment: datetime, lang: str) -> tuple[str, ...]:
    """Suggested actions, each dated from the visit moment (48 h after 11-27 16:00 → 11-29)."""
    return tuple(f"- [ ] {s.text(lang)} 📅 {(moment + s.after).date().isoformat()}" for s in steps)


def strip_label(text: str) -> str:
    from ..notebook.parse import strip_fields

    return strip_fields(text)


def accepted_steps(steps: tuple[Step, ...], accept: tuple[str, ...], lang: str) -> set[int]:
    """Which steps `--accept` takes: `all`, a 1-based number, or (a part of) a step's text."""
    out: set[int] = set()
    for raw in accept:
        for key in (k.strip() for k in re.split(r"[,，]", raw) if k.strip()):
            if key.lower() in ("all", "全部"):
                out.update(range(len(steps)))
            elif key.isdigit() and 1 <= int(key) <= len(steps):
                out.add(int(key) - 1)
            else:
                out.update(k for k, s in enumerate(steps) if key in s.text(lang))
    return out


def compose(notebook: Notebook, req: Request, settings: Settings, lang: str, template: Template,
            playbooks: dict[str, tuple[Step, ...]]) -> Draft:
    """The full text of the new note (nothing is written here)."""
    from ..notebook.model import PROFILE_FIELDS

    customer = resolve(notebook, req.name, prefix=not req.new_customer)
    name = customer.name if customer else req.name.strip()
    purpose = choose_purpose(customer, req.purpose)
    profile = customer.profile_at(req.moment.date()) if customer else {}
    style = req.style or profile.get("style")
    earlier = [v for v in customer.visits if v.moment < req.moment] if customer else []
    values: dict = {k: profile.get(k) or "" for k in PROFILE_FIELDS}
    values.update({
        "customer": name,
        "date": req.moment.strftime("%Y-%m-%d %H:%M") if req.has_time else req.moment.date().isoformat(),
        "channel": req.channel,
        "purpose": purpose,
        "style": style or "",
        "products": next((list(v.products) for v in reversed(earlier) if v.products), []),
    })
    shorthand = quick(req.quick or "", req.moment, settings.workdays)
    carried = carried_over(customer, req.moment, settings, lang)
    still_open = {a.label for v in earlier for a in v.actions if a.status == OPEN}
    offered_before = {x for v in earlier for x in v.suggestions}
    products = tuple(values["products"])
    steps = tuple(s for s in (playbooks.get(style or "", ()) if req.playbook else ())
                  if s.text(lang) not in still_open            # already planned at an earlier contact
                  and s.applies(products, str(profile.get("department") or "")))
    take = accepted_steps(steps, req.accept, lang)
    accepted = playbook_lines(tuple(s for k, s in enumerate(steps) if k in take), req.moment, lang)
    suggested = playbook_lines(tuple(s for k, s in enumerate(steps) if k not in take
                                     and strip_label(s.text(lang)) not in offered_before), req.moment, lang)
    points = [q.line() for q in shorthand if not q.is_action]
    actions = [f"- [ ] {' '.join(todo.split())}" for todo in req.todos if todo.strip()]
    actions += [q.line() for q in shorthand if q.is_action]
    actions += list(accepted)
    if suggested:
        # suggestions, not promises: in a fenced block the reader skips (docs/format.md "Suggested steps")
        actions += ["", t("new-suggested-heading", lang, style=t(f"style-{style}", lang)), "```suggested",
                    *suggested, "```"]
    blocks = {
        # in a fenced block: the reader skips it, so nothing in it is a point, a question or an action
        "carried_over": [t("new-carried-heading", lang), "```text", *carried, "```", ""] if carried else [],
        "points": points,
        "actions": actions,
    }
    from .templating import render

    text = render(template, values, blocks, {
        "carried_over": "", "points": t("new-heading-points", lang), "actions": t("new-heading-actions", lang)})
    text = with_rep(text, req.rep)
    day = req.moment.date()
    return Draft(name, customer is not None, purpose, style, str(template.path), f"{VISITS_DIR}/{day.year}",
                 file_stem(day.isoformat(), name), text, carried, shorthand, suggested, accepted)


def with_rep(text: str, rep: str | None) -> str:
    """`rep: NAME` added to the front matter after `date:` (before the closing `---` without one),
    unless there is no rep or the template already names one."""
    if not rep:
        return text
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text
    end = next((n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), None)
    if end is None or any(line.startswith("rep:") for line in lines[1:end]):
        return text
    import json

    plain = re.fullmatch(r"[^\s:#'\"\[\]{},&*!|>%@`-][^:#]*", rep) is not None and rep == rep.strip()
    value = rep if plain else json.dumps(rep, ensure_ascii=False)
    at = next((n + 1 for n in range(1, end) if lines[n].startswith("date:")), end)
    return "\n".join(lines[:at] + [f"rep: {value}"] + lines[at:])


def prepare(notebook: Notebook, req: Request, settings: Settings, lang: str, root: Path | None) -> Draft:
    """compose() with the template and playbooks found for the notebook at `root`."""
    from .templating import load_playbooks, load_template

    purpose = choose_purpose(resolve(notebook, req.name, prefix=not req.new_customer), req.purpose)
    return compose(notebook, req, settings, lang, load_template(root, purpose), load_playbooks(root))


def stamp(raw: bytes, rel: str, settings: Settings) -> bytes:
    """Append ` 📅 date` to every open action whose deadline came from a phrase and has no 📅.

    Only those lines change; BOM and line endings are kept.
    """
    from ..notebook.parse import decode_note, parse_note

    record, _ = parse_note(rel, raw, settings)
    if not isinstance(record, Visit):
        return raw
    text, encoding, bom = decode_note(raw)
    parts = re.split(r"(\r\n|\r|\n)", text)          # lines and their endings (CRLF, LF, a lone CR)
    for a in record.actions:
        if a.status != OPEN or a.due_from != "phrase" or a.due is None or a.after is not None:
            continue      # (a chained step is dated from the step it waits for, once that is done)
        i = 2 * (a.source.line - 1)
        if i >= len(parts) or "📅" in parts[i]:
            continue
        parts[i] = f"{parts[i].rstrip()} 📅 {a.due.isoformat()}"
    return bom + "".join(parts).encode(encoding)


def understand(root: Path, path: Path, settings: Settings) -> tuple[Visit | None, tuple[Problem, ...]]:
    """Parse the written note as the loader would."""
    from ..notebook.parse import parse_note

    rel = path.relative_to(root).as_posix()
    record, problems = parse_note(rel, path.read_bytes(), settings)
    return (record if isinstance(record, Visit) else None), problems


# ------------------------------------------------------------------ writing
def create(root: Path, folder: str, stem: str, text: str) -> Path:
    """A new file `folder/stem.md` (or `stem-2.md`, `-3`...): never an existing one.

    The note appears whole or not at all (`files.create_new`): a crash, a
    kill -9 or a full disk never leaves an empty note behind. OSError when the
    folder cannot be written.
    """
    directory = root / folder
    if not inside(root, directory):
        raise OSError(errno.EXDEV, "a link out of the notebook", str(directory))
    data = text.encode("utf-8")
    n = 1
    while True:
        target = directory / (f"{stem}.md" if n == 1 else f"{stem}-{n}.md")
        if create_new(target, data):
            return target
        n += 1


def restamp(root: Path, path: Path, settings: Settings) -> bool:
    """Stamp the file in place (atomically) when a phrase deadline needs its 📅."""
    raw = path.read_bytes()
    stamped = stamp(raw, path.relative_to(root).as_posix(), settings)
    if stamped == raw:
        return False
    atomic_write(path, stamped)
    return True


def editor_command(environ: dict) -> list[str] | None:
    """$VISUAL, else $EDITOR (an empty value counts as unset), split as a shell would."""
    for var in ("VISUAL", "EDITOR"):
        value = (environ.get(var) or "").strip()
        if value:
            return shlex.split(value, posix=os.name != "nt")
    return None


def fallback_editor() -> list[str] | None:
    import shutil

    for name in (("notepad",) if os.name == "nt" else ("vi", "nano")):
        if shutil.which(name):
            return [name]
    return None


def run_editor(command: list[str], path: Path) -> int:
    """Open `path` in the editor and wait; the editor's exit code. OSError when it cannot start."""
    return subprocess.call([*command, str(path)])


def edit(path: Path, environ: dict) -> tuple[str | None, dict]:
    """Let the rep edit the note. Returns (message code, args) worth telling, or (None, {})."""
    command = editor_command(environ) or fallback_editor()
    if command is None:
        return "new-no-editor", {}
    try:
        code = run_editor(command, path)
    except OSError as exc:
        return "new-editor-failed", {"detail": exc.strerror or str(exc)}
    return ("new-editor-exit", {"code": code}) if code else (None, {})


def unchanged(path: Path, template: bytes) -> bool:
    """The note is still the template it was written as (whitespace aside): the rep wrote nothing."""
    try:
        now = path.read_bytes()
    except FileNotFoundError:
        return True
    return b"".join(now.split()) == b"".join(template.split())


def is_empty(path: Path) -> bool:
    try:
        return not path.read_bytes().replace(b"\xef\xbb\xbf", b"").strip()
    except FileNotFoundError:
        return True
