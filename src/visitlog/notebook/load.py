"""Find the notebook and its files, parse them, assemble customers.

`load(root, settings)` is the one entry point: find files → parse each note →
customers with their timelines. Every stage returns what it could read plus
problems; nothing a note contains can stop the load.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from stat import S_ISREG

from .model import ERROR, SILENCED, WARNING, Change, Customer, Material, Notebook, Problem, ProfileFile, Source, Visit
from .settings import Settings

SKIPPED_TOP = ("reviews", "templates")


class NotebookNotFound(Exception):
    pass


def find_notebook(option: str | None, environ: dict | None = None, cwd: Path | None = None) -> Path:
    """`--notes`, then VISITLOG_NOTES, then ./notes, then the user config's `notes`."""
    env = os.environ if environ is None else environ
    here = cwd or Path.cwd()
    for candidate in (option, env.get("VISITLOG_NOTES")):
        if candidate:
            path = Path(candidate).expanduser()
            if not path.is_dir():
                raise NotebookNotFound(str(path))
            return path
    if (here / "notes").is_dir():
        return here / "notes"
    configured = _configured_notebook()
    if configured:
        return configured
    raise NotebookNotFound("")


def _configured_notebook() -> Path | None:
    from .settings import user_config

    notes = user_config().get("notes")
    if isinstance(notes, str) and Path(notes).expanduser().is_dir():
        return Path(notes).expanduser()
    return None


def note_paths(root: Path) -> list[str]:
    """Every note of the notebook, as sorted POSIX paths relative to `root`.

    Skipped: hidden files and folders, files starting with `_`, and the
    top-level `reviews/` and `templates/` folders; and what `scan` reports.
    """
    return scan(root)[0]


def _shown_name(rel: str) -> str:
    """A path as text a person (and JSON) can take: bytes that are not UTF-8, and control characters, escaped."""
    shown = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(c):02x}" if c in _CONTROL_CHARS else c for c in shown)


_CONTROL_CHARS = frozenset(chr(c) for c in (*range(32), 127))


def _utf8(name: str) -> bool:
    """A name a `path:line` message can show: UTF-8, and no control character (a newline would split the line)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:           # the file system gave bytes that are not UTF-8 (surrogate escapes)
        return False
    return _CONTROL_CHARS.isdisjoint(name)


def _regular(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def scan(root: Path) -> tuple[list[str], list[Problem]]:
    """(the notes, sorted; the problems of the file system) of the notebook at `root`.

    Never raises on what the folder holds. Reported and skipped: a note or
    folder whose name is not UTF-8 (a GBK name out of a zip made on Chinese
    Windows; the bytes escaped), a folder that cannot be read, a link that
    leaves the notebook or leads nowhere. A link to a note inside the notebook
    is read; links to folders are not followed (a note would be read twice).
    """
    out: list[str] = []
    problems: list[Problem] = []
    root_str = str(root)
    base = os.path.realpath(root_str)
    inside = base.rstrip(os.sep) + os.sep
    stack = [(root_str, "")]
    while stack:
        folder, rel_folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            where = rel_folder or "./"
            problems.append(Problem(Source(_shown_name(where), 1), ERROR, "unreadable-folder",
                                    (("detail", exc.strerror or str(exc)),)))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")):
                continue
            rel = rel_folder + name
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
            except OSError:
                is_link = is_dir = False
            if not is_dir and not name.endswith(".md") and not (is_link and os.path.isdir(entry.path)):
                continue
            if is_dir and rel_folder == "" and name in SKIPPED_TOP:
                continue
            if not _utf8(name):
                problems.append(Problem(Source(_shown_name(rel) + ("/" if is_dir else ""), 1), ERROR,
                                        "bad-file-name", (("name", _shown_name(name)),)))
                continue
            if is_dir:
                stack.append((entry.path, rel + "/"))
                continue
            if not is_link and not _regular(entry):
                problems.append(Problem(Source(rel, 1), WARNING, "special-file"))
                continue
            if is_link:
                target = os.path.realpath(entry.path)
                if not os.path.exists(target):
                    problems.append(Problem(Source(rel, 1), WARNING, "link-broken",
                                            (("target", _shown_name(os.readlink(entry.path))),)))
                elif not (target == base or target.startswith(inside)):
                    problems.append(Problem(Source(rel, 1), WARNING, "link-outside",
                                            (("target", _shown_name(target)),)))
                elif name.endswith(".md") and os.path.isfile(target):
                    out.append(rel)
                continue
            out.append(rel)
    out.sort()
    return out, problems


def has_notes(root: Path) -> bool:
    """Whether the folder holds at least one note (the same files `note_paths` lists); stops at the first."""
    root_str = str(root)
    for folder, dirs, files in os.walk(root_str):
        top = os.path.normpath(folder) == os.path.normpath(root_str)
        dirs[:] = [d for d in dirs if not d.startswith((".", "_")) and not (top and d in SKIPPED_TOP)]
        if any(n.endswith(".md") and not n.startswith((".", "_")) for n in files):
            return True
    return False


def read_notes(root: Path, rels: list[str], settings: Settings, *, use_cache: bool = True,
               points: bool | date = True):
    """Parse each file: a list of (record, problems) in the order of `rels`.

    Unchanged files come from the notebook index (`index.py`; off with
    VISITLOG_NO_CACHE=1 or `use_cache=False`).
    """
    from functools import partial

    from . import index

    return index.read(root, rels, settings, partial(read_note, str(root) + os.sep, settings), use_cache=use_cache,
                      points=points)


def read_note(base: str, settings: Settings, rel: str):
    """One file under the notebook folder `base` (ending in a separator): (record, problems)."""
    from .parse import parse_note  # here, not at the top: a warm run never needs the parser (or yaml)

    try:
        raw = _read_bytes(base + rel)
    except OSError as exc:
        return None, (Problem(Source(rel, 1), ERROR, "unreadable", (("detail", exc.strerror or str(exc)),)),)
    if raw is None:
        return None, (Problem(Source(rel, 1), ERROR, "note-too-large", (("limit", "16 MB"),)),)
    return parse_note(rel, raw, settings)


MAX_NOTE_BYTES = 16 * 1024 * 1024        # a note is a page of text; a file this large is not one
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_bytes(path: str) -> bytes | None:
    """A regular file's bytes; None when larger than MAX_NOTE_BYTES. A pipe or device is never waited on."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)
        if not S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file", path)
        if st.st_size > MAX_NOTE_BYTES:
            return None
        # os.read, not a file object around the descriptor (a third of the cost of a small note):
        # one read of the stated size plus one byte, then on to the end (a file that changed meanwhile)
        raw = os.read(fd, st.st_size + 1)
        if len(raw) != st.st_size and raw:
            parts, total = [raw], len(raw)
            while total <= MAX_NOTE_BYTES:
                more = os.read(fd, MAX_NOTE_BYTES + 1 - total)
                if not more:
                    break
                parts.append(more)
                total += len(more)
            raw = b"".join(parts)
        return None if len(raw) > MAX_NOTE_BYTES else raw
    finally:
        os.close(fd)


def assemble(root: Path, parsed, files: int) -> Notebook:
    """Customers from profiles and visits, the material library; the notebook record.

    Every file read gives a record or a problem with its path: those paths are
    the notes a wiki link may name (`Notebook.note_names`).
    """
    from . import materials as library

    problems: list[Problem] = []
    visits: list[Visit] = []
    profiles: list[ProfileFile] = []
    found_materials: list[Material] = []
    paths: set[str] = set()
    for record, found in parsed:
        problems.extend(found)
        paths.update(p.source.path for p in found)
        if record is not None and hasattr(record, "source"):
            paths.add(record.source.path)
        if isinstance(record, Visit):
            visits.append(record)
        elif isinstance(record, ProfileFile):
            profiles.append(record)
        elif isinstance(record, Material):
            found_materials.append(record)
    materials, clashes = library.library(found_materials)
    problems.extend(clashes)
    emphases, need_problems = library.emphases(root)
    problems.extend(need_problems)
    note_names = frozenset(n for rel in paths if not rel.startswith("materials/")
                           for n in (rel.removesuffix(".md"), rel.rsplit("/", 1)[-1].removesuffix(".md")))

    index: dict[str, str] = {}
    by_name: dict[str, ProfileFile] = {}
    for profile in profiles:
        if profile.name in index:
            problems.append(Problem(profile.source, WARNING, "duplicate-name",
                                    (("name", profile.name), ("other", index[profile.name]))))
            continue
        by_name[profile.name] = profile
        index[profile.name] = profile.name
    for profile in by_name.values():
        for alias in profile.aliases:
            if alias in index and index[alias] != profile.name:
                problems.append(Problem(profile.source, WARNING, "duplicate-name",
                                        (("name", alias), ("other", index[alias]))))
            else:
                index[alias] = profile.name

    grouped: dict[str, list[Visit]] = {}
    for visit in visits:
        for share in shares(visit, index):
            grouped.setdefault(index.get(share.customer, share.customer), []).append(share)
    names = sorted(set(by_name) | set(grouped))
    customers = tuple(
        _customer(name, by_name.get(name), sorted(grouped.get(name, ()), key=_visit_order))
        for name in names
    )
    visits.sort(key=_visit_order)
    nb = Notebook(
        root=str(root),
        customers=customers,
        visits=tuple(visits),
        profiles=tuple(profiles),
        problems=(),
        files=files,
        index=tuple(sorted(index.items())),
        materials=materials,
        note_names=note_names,
        emphases=emphases,
        silenced=tuple(sorted((p for p in problems if p.level == SILENCED),
                              key=lambda p: (p.source.path, p.source.line))),
    )
    problems.extend(library.link_problems(nb))
    from dataclasses import replace

    return replace(nb, problems=tuple(sorted((p for p in problems if p.level != SILENCED),
                                             key=lambda p: (p.source.path, p.source.line))))


def _visit_order(v: Visit) -> tuple:
    """(moment, source): the Source's own order (path, line), without its Python-level comparison."""
    return v.moment, v.source.path, v.source.line


def shares(visit: Visit, index: dict[str, str]) -> tuple[Visit, ...]:
    """A contact as each customer it credits sees it (docs/format.md "Group contacts").

    A one-customer note is itself. A group contact (`customers: [..]`) gives the
    host the note without the actions that name an attendee, and each attendee
    a copy with the contact's channel, purpose, products and mood, the actions
    that name them, and `host` set: a contact for cadence, RFM and review,
    without the host's points, tags, profile fields, `next` or adverse event.
    """
    if not visit.attendees:
        return (visit,)
    from dataclasses import replace

    canonical = index.get
    host = canonical(visit.customer, visit.customer)

    def subset(keep) -> tuple:
        """The actions kept, a chained step re-pointed at its first step (unchained if that is not kept)."""
        kept = [n for n, a in enumerate(visit.actions) if keep(a)]
        where = {n: k for k, n in enumerate(kept)}
        return tuple(replace(visit.actions[n], after=where.get(visit.actions[n].after))
                     if visit.actions[n].after is not None else visit.actions[n] for n in kept)

    mine = subset(lambda a: a.customer is None or canonical(a.customer, a.customer) == host)
    out = [replace(visit, actions=mine)]
    seen = {host}
    for name in visit.attendees:
        who = canonical(name, name)
        if who in seen:
            continue
        seen.add(who)
        theirs = subset(lambda a, who=who: a.customer is not None and canonical(a.customer, a.customer) == who)
        out.append(replace(visit, customer=name, host=visit.customer, actions=theirs, points=(), tags=(),
                           profile=(), potential=(), next_text=None, next_due=None, next_time=None,
                           next_source=None, adverse_event=None, suggestions=()))
    return tuple(out)


def _customer(name: str, profile: ProfileFile | None, visits: list[Visit]) -> Customer:
    current = dict(profile.fields) if profile else {}
    current.update({f"potential.{k}": v for k, v in (profile.potential if profile else ())})
    changes: list[Change] = []
    for visit in visits:
        updates = list(visit.profile) + [(f"potential.{k}", v) for k, v in visit.potential]
        for key, value in updates:
            if current.get(key) != value:
                changes.append(Change(visit.day, key, current.get(key), value, visit.source))
                current[key] = value
    return Customer(
        name=name,
        aliases=profile.aliases if profile else (),
        profile_file=profile,
        visits=tuple(visits),
        changes=tuple(changes),
    )


def load(root: Path, settings: Settings, *, use_cache: bool = True, points: bool | date = True) -> Notebook:
    """Read the whole notebook at `root` (`use_cache=False`: parse every note afresh).

    `points=False` leaves every visit's `points` empty (`records.BULKY`): for
    the commands whose rules never read them (`due`), which then skip the bulk
    of the notebook's text. A date keeps the points of the visits on or after it only
    (`review`, which reads the points of its own weeks).
    """
    rels, found = scan(root)
    parsed = read_notes(root, rels, settings, use_cache=use_cache, points=points)
    if found:                            # what the file system itself did wrong: reported like a note's problems
        parsed = [*parsed, (None, tuple(found))]
    return assemble(root, parsed, len(rels))
