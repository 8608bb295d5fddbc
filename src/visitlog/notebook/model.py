"""The records everything else is built from.

Every record is a frozen dataclass that knows where it came from (`Source`),
holds tuples rather than lists, and is never changed after it is built.
Later stages derive new records; they do not reach back into old ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

ERROR = "error"
WARNING = "warning"
SILENCED = "silenced"   # a finding on a line marked `compliance-ok` (docs/compliance.md): `check --all` only

OPEN, DONE, CANCELLED = "open", "done", "cancelled"

PROFILE_FIELDS = ("hospital", "department", "title", "role", "style")
TIERS = ("A", "B", "C")
CHANNELS = ("visit", "phone", "online", "message")
POTENTIAL_KEYS = ("prescriptions", "influence", "department")


@dataclass(frozen=True, order=True)
class Source:
    """A place in the notebook: a path relative to the notebook root and a 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """Something wrong (error) or worth a look (warning) at a place in the notebook.

    `code` is stable and English; `args` fill the message template of that code
    in the interface language (see `i18n`).
    """

    source: Source
    level: str
    code: str
    args: tuple[tuple[str, Any], ...] = ()

    def arg(self, key: str, default: Any = None) -> Any:
        return dict(self.args).get(key, default)


@dataclass(frozen=True)
class Point:
    """One line of a visit's body that carries meaning: a discussion point.

    `text` is the line without list bullets and markers.
    """

    source: Source
    text: str
    section: str
    question: bool = False
    interest: bool = False
    urgent: bool = False
    is_action: bool = False


@dataclass(frozen=True)
class Action:
    """A checkbox line: a promise with its fate."""

    source: Source
    text: str                       # the line after the checkbox, as written
    status: str                     # open | done | cancelled
    due: date | None = None
    due_time: time | None = None
    due_from: str | None = None     # "explicit" (📅/due:) | "phrase" | None
    phrase: str | None = None       # the deadline phrase understood, if any
    done: date | None = None        # the ✅ date
    section: str = ""
    label: str = ""                 # the text without 📅/due:/✅ fields, for people
    # chained steps (docs/due.md "Chained steps"): this step waits for another action of the same note
    key: str | None = None          # its own `🆔 id`, if written
    after: int | None = None        # index (in Visit.actions) of the step it waits for
    after_from: str | None = None   # "explicit" (⛔ id) | "wording" ("…后确认", "then confirm")
    customer: str | None = None     # the attendee it names, in a group contact (as written)


@dataclass(frozen=True)
class FollowNote:
    """A snooze or skip the rep wrote down (`visitlog snooze` / `visitlog skip`): a line in a note.

    `target` is the item's id; `made` the day it was decided, so a replay of an
    earlier day does not see it.
    """

    source: Source
    action: str                     # snooze | skip
    made: date
    target: str
    why: str = ""
    until: date | None = None       # snooze: the item comes back on this day
    label: str = ""                 # the kind as written before the id (节奏, cadence, ...)


@dataclass(frozen=True)
class AdverseEvent:
    source: Source                  # the `adverse_event` key's line
    description: str
    replied: date | None = None
    reported: date | None = None    # went to pharmacovigilance / the medical department (docs/compliance.md)
    missing: tuple[str, ...] = ()   # of age, conditions, co-medication: what the record does not say


@dataclass(frozen=True)
class Link:
    """A wiki link `[[target]]` (or `[[target|shown]]`) on a body line of a visit.

    `target` is what the link names, without `|shown`, `#heading` or `.md`.
    `kind` says what the line does with it: the checkbox status of an action
    (open | done | cancelled), `plain` for a line without marker (it was handed
    over), `asked` for a line with a ? ↑ ! marker (it was asked for).
    """

    source: Source
    target: str
    kind: str
    done: date | None = None        # the action's ✅ date


@dataclass(frozen=True)
class Material:
    """One approved material or resource: a file under `materials/`.

    `id` is the front matter's `id`, else the file name without `.md`.
    `tiers` empty: for every tier. `approved_until` None: no end of approval.
    """

    source: Source
    id: str
    title: str
    kind: str                       # evidence | patient-education | update | event | resource
    layer: str | None = None        # basic | advanced | expert (evidence ladders)
    needs: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    approved_until: date | None = None
    issued: date | None = None      # when it came out (updates, new evidence)
    summary: str = ""               # the first line of the body
    explicit_id: bool = False       # `id` was written in the front matter

    @property
    def names(self) -> tuple[str, ...]:
        """What a wiki link may name it by: title, id, file name."""
        stem = self.source.path.rsplit("/", 1)[-1].removesuffix(".md")
        return tuple(dict.fromkeys((self.title, self.id, stem)))


@dataclass(frozen=True)
class Emphasis:
    """What a need calls for: the keywords that show it and the emphasis, in words per language."""

    id: str                         # cost-benefit, tailored-solution, ...
    keywords: tuple[str, ...]
    texts: tuple[tuple[str, str], ...]   # (language, text)
    source: Source
    names: tuple[tuple[str, str], ...] = ()  # (language, short name)

    def text(self, lang: str) -> str:
        found = dict(self.texts)
        return found.get(lang) or found.get("zh") or next(iter(found.values()), self.id)

    def name(self, lang: str) -> str:
        found = dict(self.names)
        return found.get(lang) or found.get("zh") or self.id


@dataclass(frozen=True)
class Visit:
    """One contact with a customer: a note with `customer` and `date`."""

    source: Source                  # the file, line 1
    customer: str                   # as written in the note (a name or an alias)
    moment: datetime
    has_time: bool
    channel: str = "visit"
    purpose: str | None = None
    mood: str | None = None
    products: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()      # front-matter tags and inline #tags, distinct, in order
    competitors: tuple[str, ...] = ()
    profile: tuple[tuple[str, Any], ...] = ()   # profile fields this visit sets
    potential: tuple[tuple[str, int], ...] = ()  # partial potential this visit sets
    next_text: str | None = None
    next_due: date | None = None
    next_time: time | None = None
    next_source: Source | None = None
    adverse_event: AdverseEvent | None = None
    points: tuple[Point, ...] = ()
    actions: tuple[Action, ...] = ()
    rep: str | None = None          # who wrote it (`rep:`); None: not said (docs/team.md)
    links: tuple[Link, ...] = ()    # wiki links of the body, in line order
    follow: tuple[FollowNote, ...] = ()      # snoozes and skips written in this note
    attendees: tuple[str, ...] = ()          # a group contact's `customers:` (as written; the host excluded)
    host: str | None = None                  # on an attendee's copy of a group contact: the host, as written
    suggestions: tuple[str, ...] = ()        # playbook steps offered and not (yet) accepted

    @property
    def day(self) -> date:
        return self.moment.date()

    @property
    def questions(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.question)

    @property
    def interests(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.interest)

    @property
    def urgent(self) -> tuple[Point, ...]:
        return tuple(p for p in self.points if p.urgent)


@dataclass(frozen=True)
class ProfileFile:
    """A customer profile file under `customers/`."""

    source: Source
    name: str
    aliases: tuple[str, ...] = ()
    fields: tuple[tuple[str, Any], ...] = ()
    since: date | None = None
    tier: str | None = None
    potential: tuple[tuple[str, int], ...] = ()
    notes: str = ""
    lines: tuple[tuple[str, int], ...] = ()     # front-matter key -> line
    # the customer's own rhythm (docs/due.md "Per-customer rhythm")
    cadence: int | None = None                  # days between contacts, overriding the tier's
    channel: str | None = None                  # preferred channel
    hours: tuple[tuple[int, str], ...] = ()     # (weekday 0-6, "am" | "pm" | "") when the customer sees reps
    hours_text: str | None = None               # `hours:` as written
    follow: tuple[FollowNote, ...] = ()         # snoozes and skips written in the profile


@dataclass(frozen=True)
class Change:
    """A profile field that a visit changed."""

    day: date
    field: str
    old: Any
    new: Any
    source: Source


@dataclass(frozen=True)
class Customer:
    """A customer: the profile file (if any) and every visit, in date order."""

    name: str
    aliases: tuple[str, ...] = ()
    profile_file: ProfileFile | None = None
    visits: tuple[Visit, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def since(self) -> date | None:
        return self.profile_file.since if self.profile_file else None

    @property
    def tier_override(self) -> str | None:
        return self.profile_file.tier if self.profile_file else None

    @property
    def first_contact(self) -> date | None:
        if self.since:
            return self.since
        return self.visits[0].day if self.visits else None

    def visits_until(self, day: date) -> tuple[Visit, ...]:
        return tuple(v for v in self.visits if v.day <= day)

    def profile_at(self, day: date | None = None) -> dict[str, Any]:
        """The profile as known on `day` (default: now): the file overlaid by each visit."""
        base = self.profile_file
        out: dict[str, Any] = dict(base.fields) if base else {}
        potential: dict[str, int] = dict(base.potential) if base else {}
        for v in self.visits:
            if day is not None and v.day > day:
                break
            out.update(v.profile)
            potential.update(v.potential)
        out["potential"] = potential
        return out


@dataclass(frozen=True)
class Notebook:
    """Everything read from a notebook folder."""

    root: str
    customers: tuple[Customer, ...] = ()
    visits: tuple[Visit, ...] = ()
    profiles: tuple[ProfileFile, ...] = ()
    problems: tuple[Problem, ...] = ()
    files: int = 0
    index: tuple[tuple[str, str], ...] = ()     # name or alias -> canonical name
    materials: tuple[Material, ...] = ()        # the library under `materials/`, by id
    note_names: frozenset[str] = frozenset()    # every note's path and file name without `.md`
    emphases: tuple[Emphasis, ...] = ()         # needs → emphasis (package data + the notebook's)
    silenced: tuple[Problem, ...] = ()          # findings silenced with `compliance-ok`, for `check --all`
    _lookup: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookup: dict = {("material", n.casefold()): m for m in reversed(self.materials) for n in m.names}
        lookup.update(self.index)
        lookup.update({c.name: c for c in self.customers})
        object.__setattr__(self, "_lookup", lookup)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.level == ERROR)

    def material(self, name: str) -> Material | None:
        """The material a link or an id names (title, id or file name; case ignored), or None."""
        found = self._lookup.get(("material", name.strip().casefold()))
        return found if isinstance(found, Material) else None

    def canonical(self, name: str) -> str:
        found = self._lookup.get(name, name)
        return found if isinstance(found, str) else found.name

    def customer(self, name: str) -> Customer | None:
        found = self._lookup.get(self.canonical(name))
        return found if isinstance(found, Customer) else None


@dataclass(frozen=True)
class Item:
    """Something the rep should do, with when, why and where it came from.

    `reason` is a message code with `args`; renderers turn it into words.
    `id` names the item by its file and its text, not its line.
    """

    kind: str                       # safety | commitment | appointment | cadence | wake-up
    customer: str                   # canonical name
    due: date | None                # None: a vague action
    text: str
    reason: str
    args: tuple[tuple[str, Any], ...]
    source: Source
    id: str
    tier: str = "C"
    rule: str = ""                  # which rule made it (new-customer, tier, update, academic, ...)
    due_time: time | None = None
    rep: str | None = None          # whose item it is in a team notebook (safety: who recorded it)
    bring: Any = None               # contact items: what to bring (a rules.materials.Suggestion), if any
    # follow-ups (docs/due.md): open | snoozed (until `until`) | waiting (for the step `after`)
    state: str = "open"
    until: date | None = None       # snoozed: the day it comes back
    why: str = ""                   # the reason written with a snooze or skip
    after: str = ""                 # waiting: the text of the step it waits for
    moved: str = ""                 # why the date is not the rule's: snoozed | skipped | hours

    def overdue_days(self, today: date) -> int | None:
        return (today - self.due).days if self.due else None


# ---------------------------------------------------------------- what the due rules read of a customer
# Built by one function (`rules/facts.py`) from a customer's visits, read by the due rules, and stored
# per customer in the notebook index: `due` answers from these without building a Visit.
@dataclass(frozen=True)
class Contact:
    """A contact as the cadence rules read it: its day, its note, and its group (a department meeting)."""

    day: date
    source: Source
    group: str | None = None        # a group contact: the host (or the customer) as written; else None
    rep: str | None = None          # who wrote it


@dataclass(frozen=True)
class Contacts:
    """One rep's contacts with a customer (or everyone's), as cadence and appointments read them."""

    rep: str | None
    first: Contact | None = None    # the earliest contact
    last: Contact | None = None     # the latest contact
    follow_ups: int = 0             # contacts on a day after the customer's first contact
    by_channel: tuple[tuple[str, int, Contact], ...] = ()   # (channel, position, latest contact by it)
    academic: Contact | None = None  # the latest academic contact
    appointment: Item | None = None  # the `next` of the latest contact, when it has a date


@dataclass(frozen=True)
class CustomerFacts:
    """Everything the due rules read of one customer, none of it depending on today.

    Valid for any day on or after `horizon` (the latest day a rule compares with today: a visit, a
    ✅, a reply, a snooze); an earlier day (a replay) builds them again from the visits.
    """

    name: str
    tier: str
    first_contact: date | None = None
    horizon: date | None = None
    profile: Source | None = None                   # the profile file, if any
    cadence: int | None = None                      # the profile's own rhythm
    channel: str | None = None
    hours: tuple[tuple[int, str], ...] = ()
    hours_text: str | None = None
    safety: tuple[Item, ...] = ()                   # unreplied adverse events
    promises: tuple[Item, ...] = ()                 # open actions (chained steps resolved)
    owners: tuple[str | None, ...] = ()             # the rep of each safety item's and promise's note
    everyone: Contacts = Contacts(None)             # every contact up to the horizon
    reps: tuple[Contacts, ...] = ()                 # each rep's own contacts, when more than one rep wrote
    seen: tuple[tuple[date, str | None], ...] = ()  # (day, rep) of the recent contacts (who covers the customer)
    met: tuple[str | None, ...] = ()                # every rep who ever wrote a contact (None: one naming no rep)
    follow: tuple[FollowNote, ...] = ()             # the snooze or skip in force per item id
