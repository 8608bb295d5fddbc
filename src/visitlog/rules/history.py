"""What changed in a note between two versions, in a line a person (or a commit message) reads.

Pure: both versions come in as text (from git, read by `notebook.gitrepo`),
are parsed with the notebook's parser, and compared as records, not as lines,
so "✅ 发资料" is said instead of a diff. Used by `visitlog history` (one line
per commit) and by `visitlog sync` (the commit message).

A change is a code with arguments, worded in `i18n/team.py`:

    created            the note appeared (a visit: customer and day)
    removed            the note was deleted
    done / cancelled   a promise ticked ✅ / struck [-] (its text)
    reopened           a ticked promise opened again
    added              a new promise
    replied            the adverse event's formal reply set
    adverse-event      an adverse event recorded
    next               the next contact changed
    field              another front-matter value changed (its key)
    conflict           the note holds git conflict markers
    edited             anything else (the body's wording)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..notebook.model import CANCELLED, DONE, OPEN, ProfileFile, Visit
from ..notebook.parse import parse_note
from ..notebook.settings import Settings

_FIELDS = ("customer", "date", "channel", "purpose", "mood", "products", "tags", "competitors", "rep", "profile",
           "potential")


@dataclass(frozen=True)
class Change:
    code: str
    args: tuple[tuple[str, Any], ...] = ()

    def arg(self, key: str) -> Any:
        return dict(self.args).get(key)


def _parse(rel: str, text: str | None, settings: Settings):
    if text is None:
        return None, ()
    return parse_note(rel, text.encode("utf-8"), settings)


def _labels(v: Visit, status: str) -> list[str]:
    return [" ".join(a.label.split()) for a in v.actions if a.status == status]


def _minus(a: list[str], b: list[str]) -> list[str]:
    """`a` without one occurrence of each element of `b` (a multiset difference), in `a`'s order."""
    left = list(b)
    out = []
    for x in a:
        if x in left:
            left.remove(x)
        else:
            out.append(x)
    return out


def changes(rel: str, old: str | None, new: str | None, settings: Settings) -> tuple[Change, ...]:
    """What turned the note `old` into `new` (None: absent)."""
    if old is None and new is None:
        return ()
    before, _ = _parse(rel, old, settings)
    after, problems = _parse(rel, new, settings)
    if new is None:
        return (Change("removed", (("path", rel),)),)
    out: list[Change] = []
    if any(p.code == "conflict-marker" for p in problems):
        out.append(Change("conflict"))
    if old is None:
        if isinstance(after, Visit):
            out.insert(0, Change("created", (("customer", after.customer), ("day", after.day.isoformat()))))
        elif isinstance(after, ProfileFile):
            out.insert(0, Change("created-profile", (("customer", after.name),)))
        else:
            out.insert(0, Change("created-file", (("path", rel),)))
        return tuple(out)
    if isinstance(before, Visit) and isinstance(after, Visit):
        out += _visit_changes(before, after)
    elif isinstance(before, ProfileFile) and isinstance(after, ProfileFile):
        keys = sorted({k for k, _ in before.fields + after.fields if dict(before.fields).get(k) != dict(after.fields).get(k)})
        out += [Change("field", (("field", k), ("value", dict(after.fields).get(k)))) for k in keys]
        if before.potential != after.potential:
            out.append(Change("field", (("field", "potential"), ("value", dict(after.potential)))))
        if (before.tier, before.since, before.aliases) != (after.tier, after.since, after.aliases):
            out.append(Change("field", (("field", "profile"), ("value", ""))))
    if not out and old != new:
        out.append(Change("edited"))
    return tuple(out)


def _visit_changes(before: Visit, after: Visit) -> list[Change]:
    out: list[Change] = []
    was_done, now_done = _labels(before, DONE), _labels(after, DONE)
    was_open, now_open = _labels(before, OPEN), _labels(after, OPEN)
    was_cancel, now_cancel = _labels(before, CANCELLED), _labels(after, CANCELLED)
    for label in _minus(now_done, was_done):
        out.append(Change("done", (("text", label),)))
    for label in _minus(now_cancel, was_cancel):
        out.append(Change("cancelled", (("text", label),)))
    for label in _minus(now_open, was_open):
        code = "reopened" if label in was_done or label in was_cancel else "added"
        out.append(Change(code, (("text", label),)))
    ae_b, ae_a = before.adverse_event, after.adverse_event
    if ae_a is not None and ae_b is None:
        out.append(Change("adverse-event", (("text", ae_a.description),)))
    if ae_a is not None and ae_a.replied and (ae_b is None or ae_b.replied != ae_a.replied):
        out.append(Change("replied", (("day", ae_a.replied.isoformat()),)))
    if (before.next_text, before.next_due) != (after.next_text, after.next_due):
        out.append(Change("next", (("text", after.next_text or ""),)))
    for key in _FIELDS:
        b, a = getattr(before, key if key != "date" else "moment"), getattr(after, key if key != "date" else "moment")
        if b != a:
            out.append(Change("field", (("field", key), ("value", a if not isinstance(a, tuple) else ""))))
    if not out and (before.points != after.points or before.actions != after.actions):
        out.append(Change("edited"))
    return out


def commit_message(per_file: list[tuple[str, tuple[Change, ...]]]) -> str:
    """A commit's one-line subject from every file's changes, e.g. "new: 王建国 2026-11-18; done: 2 promises".

    English on purpose: the history of a shared repository reads the same for
    every rep whatever their interface language (`visitlog history` words
    each change in the reader's language from the notes, not from this line).
    """
    created, counts, edited = [], {}, []
    for rel, found in per_file:
        for c in found:
            if c.code == "created":
                created.append(f"{c.arg('customer')} {c.arg('day')}")
            elif c.code in ("created-profile",):
                created.append(f"{c.arg('customer')} (profile)")
            elif c.code == "created-file":
                created.append(rel)
            elif c.code == "edited" or c.code == "field" or c.code == "next":
                if rel not in edited:
                    edited.append(rel)
            else:
                counts[c.code] = counts.get(c.code, 0) + 1
    parts = []
    if created:
        parts.append("new: " + ", ".join(created[:3]) + (f" and {len(created) - 3} more" if len(created) > 3 else ""))
    nouns = {"done": "promise", "cancelled": "promise", "reopened": "promise", "added": "promise",
             "replied": "adverse-event reply", "adverse-event": "adverse event", "removed": "note",
             "conflict": "note with conflict markers"}
    for code in ("done", "added", "cancelled", "reopened", "replied", "adverse-event", "removed", "conflict"):
        n = counts.get(code)
        if n:
            noun = nouns[code] + ("s" if n > 1 and not nouns[code].endswith("s") else "")
            parts.append(f"{code}: {n} {noun}")
    if edited:
        names = [rel.rsplit("/", 1)[-1].rsplit(".", 1)[0] for rel in edited]
        parts.append("edited: " + ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else ""))
    return "; ".join(parts) or "visitlog sync"


@dataclass(frozen=True)
class Step:
    """One commit in a note's life: who, when, and what it changed."""

    commit: str
    author: str
    when: str
    subject: str
    path: str
    changes: tuple[Change, ...]


def file_history(revisions, rel: str, settings: Settings) -> tuple[Step, ...]:
    """`notebook.gitrepo.Revision`s of one file (oldest first) as steps, each compared with the one before."""
    out = []
    previous = None
    for n, r in enumerate(revisions):
        found = changes(rel, previous if n else None, r.text, settings)
        out.append(Step(r.commit, r.author, r.when, r.subject, r.path, found or (Change("edited"),)))
        previous = r.text
    return tuple(out)
