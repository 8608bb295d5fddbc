"""Needs read across visits: a need keyword that keeps coming back becomes an
*inferred need*, with the contacts and the words that show it.

What a contact says about needs: its tags (front matter and inline `#tags`)
and the words of its discussion lines — questions, interests and plain
points, not the rep's own actions and not a `客户画像`/profile section. A
word is a keyword of an emphasis in the need map (`Notebook.emphases`:
the shipped `visitlog/data/needs.json` plus the notebook's
`materials/needs.yaml`): a tag equal to a keyword, or a keyword inside a
discussion line (case ignored). A tag that no emphasis knows is a need of its
own, named by the tag, with no emphasis.

Recurrence (numbers in settings), over the customer's contacts up to today and
no older than `need_lookback_days` (180):
- *recent*: mentioned in at least `need_min_contacts` (3) of the last
  `need_recent_contacts` (5) contacts; or
- *lasting*: mentioned in at least two contacts whose days are at least
  `need_span_days` (60) apart.
Needs are ordered by how many of the last contacts mention them, then by how
many contacts in all, then by the latest mention.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta

from ..notebook.model import Customer, Emphasis, Notebook, Source, Visit
from ..notebook.settings import Settings

RECENT, LASTING = "recent", "lasting"
_PROFILE_SECTIONS = ("客户画像", "画像", "profile")


@dataclass(frozen=True)
class Mention:
    """One contact that shows a need, and the words that show it."""

    day: date
    source: Source
    words: tuple[str, ...]


@dataclass(frozen=True)
class Need:
    id: str                         # the emphasis id, or the tag itself when no emphasis knows it
    emphasis: Emphasis | None
    words: tuple[str, ...]          # every word seen, most frequent first
    mentions: tuple[Mention, ...]   # oldest first
    rule: str                       # recent | lasting
    recent: int                     # mentions among the last `of` contacts
    of: int                         # how many last contacts were looked at
    span_days: int                  # first to last mention

    @property
    def keywords(self) -> tuple[str, ...]:
        """The words a material's `needs` may name to answer this need."""
        return (self.id, *(self.emphasis.keywords if self.emphasis else ()), *self.words)


def _discussion(v: Visit) -> list[str]:
    return [p.text for p in v.points
            if not p.is_action and not p.section.strip().lower().startswith(_PROFILE_SECTIONS)]


@lru_cache(maxsize=4)
def _vocabulary(emphases: tuple[Emphasis, ...]):
    """(tag lower -> the first emphasis id that knows it, ((id, keyword, keyword lower), ...))."""
    tags: dict[str, str] = {}
    words = []
    for e in emphases:
        for k in e.keywords:
            tags.setdefault(k.lower(), e.id)
            words.append((e.id, k, k.lower()))
    return tags, tuple(words)


def mentions_of(v: Visit, emphases: tuple[Emphasis, ...]) -> dict[str, list[str]]:
    """need id -> the words of this contact that show it (tags first, then keywords in map order)."""
    tags, words = _vocabulary(emphases)
    out: dict[str, list[str]] = {}
    for tag in v.tags:
        out.setdefault(tags.get(tag.lower(), tag), []).append(tag)
    text = "\n".join(_discussion(v)).lower()    # no keyword holds a line break: a hit is within one line
    if text:
        for need, k, low in words:
            if low in text and k not in out.get(need, ()):
                out.setdefault(need, []).append(k)
    return out


def inferred_needs(nb: Notebook, c: Customer, today: date, settings: Settings,
                   visits: tuple[Visit, ...] | None = None) -> tuple[Need, ...]:
    """The customer's inferred needs on `today` (the rule in the module docstring);
    `visits`: the customer's contacts up to today, when the caller has them."""
    start = today - timedelta(days=settings.need_lookback_days)
    contacts = [v for v in (c.visits_until(today) if visits is None else visits) if v.moment.date() >= start]
    if not contacts:
        return ()
    by_id = {e.id: e for e in nb.emphases}
    seen: dict[str, list[tuple[int, Visit, list[str]]]] = {}
    for i, v in enumerate(contacts):
        for need, words in mentions_of(v, nb.emphases).items():
            seen.setdefault(need, []).append((i, v, words))
    last_n = settings.need_recent_contacts
    first_recent = max(0, len(contacts) - last_n)
    of = len(contacts) - first_recent
    out = []
    for need, hits in seen.items():
        recent = sum(1 for i, _, _ in hits if i >= first_recent)
        span = (hits[-1][1].day - hits[0][1].day).days
        if recent >= settings.need_min_contacts:
            rule = RECENT
        elif len(hits) >= 2 and span >= settings.need_span_days:
            rule = LASTING
        else:
            continue
        counts: dict[str, int] = {}
        for _, _, words in hits:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        order = list(counts)                        # first seen first among equals
        words = tuple(sorted(counts, key=lambda w: (-counts[w], order.index(w))))
        mentions = tuple(Mention(v.day, v.source, tuple(ws)) for _, v, ws in hits)
        out.append(Need(need, by_id.get(need), words, mentions, rule, recent, of, span))
    out.sort(key=lambda n: (-n.recent, -len(n.mentions), -n.mentions[-1].day.toordinal(), n.id))
    return tuple(out)
