"""Customers as a rep asks for them: by name, alias or prefix; the overview list."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from ..notebook.model import Customer, Notebook
from ..notebook.settings import Settings


class NoSuchCustomer(Exception):
    """`query` matched nobody (`candidates` are near misses) or several (`ambiguous`)."""

    def __init__(self, query: str, candidates: tuple[str, ...], ambiguous: bool):
        self.query, self.candidates, self.ambiguous = query, candidates, ambiguous
        super().__init__(query)


def one_substitution(a: str, b: str) -> bool:
    """Same length, one character different (周亭 / 周婷, 王建同 / 王建国). In a Chinese name the surname
    must agree: 刘主任 is not 林主任 (a different surname sounding the same is `sounds_alike`)."""
    if len(a) != len(b) or len(a) < 2 or sum(x != y for x, y in zip(a, b)) != 1:
        return False
    return a[0] == b[0] or not ("\u4e00" <= a[0] <= "\u9fff")


def _pinyin(text: str) -> str | None:
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # pragma: no cover - pypinyin is a dependency
        return None
    return "".join(lazy_pinyin(text)).lower()


def sounds_alike(a: str, b: str) -> bool:
    """The same pinyin without tones (周亭 / 周婷, 张伟 / 章伟): the commonest slip of pinyin input."""
    if a == b or len(a) != len(b) or not any("\u4e00" <= ch <= "\u9fff" for ch in a + b):
        return False
    pa, pb = _pinyin(a), _pinyin(b)
    return pa is not None and pa == pb


def look_alikes(written, query: str) -> list[str]:
    """The written names (names and aliases) one substitution away from `query` or sounding the same."""
    query = query.strip()
    return [w for w in written if w != query and (one_substitution(query, w) or sounds_alike(query, w))]


def match(notebook: Notebook, query: str) -> Customer:
    """Exact name or alias first, then a unique prefix of a name or alias."""
    query = query.strip()
    exact = notebook.customer(query)
    if exact is not None:
        return exact
    names = {c.name: c.name for c in notebook.customers}
    names.update(dict(notebook.index))
    hits = sorted({canonical for written, canonical in names.items() if written.startswith(query)})
    if len(hits) == 1:
        found = notebook.customer(hits[0])
        if found is not None:
            return found
    if len(hits) > 1:
        raise NoSuchCustomer(query, tuple(hits), ambiguous=True)
    near = look_alikes(names, query)
    near += [w for w in difflib.get_close_matches(query, list(names), n=5, cutoff=0.5) if w not in near]
    near += [w for w in names if query and query in w and w not in near]
    raise NoSuchCustomer(query, tuple(dict.fromkeys(names[w] for w in near)), ambiguous=False)


@dataclass(frozen=True)
class Row:
    """One line of `visitlog customers`."""

    customer: Customer
    tier: str
    tier_source: str
    segment: str
    last_contact: date | None
    next_due: date | None


def overview(notebook: Notebook, today: date, settings: Settings) -> list[Row]:
    """Every customer with tier, segment, last contact and the next thing due."""
    from .score import score
    from .due import next_due_by_customer

    upcoming = next_due_by_customer(notebook, today, settings)
    rows = []
    for c in notebook.customers:
        s = score(c, today, settings)
        rows.append(Row(c, s.tier.tier, s.tier.source, s.rfm.segment, s.rfm.last_contact, upcoming.get(c.name)))
    rows.sort(key=lambda r: (r.tier, r.next_due or date.max, r.customer.name))
    return rows
