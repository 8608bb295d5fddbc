"""Materials: what each customer has had, and what to bring next.

Pure functions over the notebook's material library (`Notebook.materials`,
read from `materials/`) and the customer's visits; docs/materials.md states
every rule with its numbers.

What was sent (`sent`): a visit line that names a material — a wiki link
`[[title]]`, `[[id]]` or `[[file name]]`, or a material's explicit `id`
written as a word — gives the customer that material:
- on a *done* action (`- [x]`), on its ✅ day (the visit day without one),
  when that day is not after today;
- on a plain line (no checkbox, no ? ↑ ! marker), on the visit day: it was
  handed over in that contact.
An open action plans it (`planned`); a cancelled action or a marked line
(asking for it) gives nothing.

Whether a material may be used (`usable`): approved on the day
(`approved_until` absent or not before today), for the customer's tier
(`tiers` absent or naming it), for the customer's products (`products`
absent, or the customer has no products yet, or one in common).

What to bring (`suggestions`), each with a reason code and its arguments:
1. *need*: for each inferred need (rules/needs.py), the lowest evidence layer
   (basic → advanced → expert) of which the customer has had no material for
   that need, taking the newest usable material of that layer not had nor
   planned; with every layer had or none left, a usable material without a
   layer (patient education, events). A need no approved material answers at
   all is a *missing* suggestion: ask marketing or the medical department.
4. *update*: an established customer who had fewer than `updates_per_month`
   (2) updates in the last `update_days` (30) gets the newest usable update
   issued in the last `update_days` that they have not had.
2. *scarce*: a tier-A customer gets the first usable event or resource kept
   for some tiers only (`tiers` set) — national conference seats, one-to-one
   expert sessions — that they have not had nor been promised.
3. *wake-up*: a customer in the wake-up segment or silent longer than
   `wake_up_days` gets the newest usable update (the hot topic) and the newest
   usable evidence they have not had, each issued in the last
   `material_new_days` (90).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date, timedelta
from typing import Any, Iterable

from ..notebook.model import DONE, OPEN, WARNING, Customer, Item, Material, Notebook, Problem, Source, Visit
from ..notebook.settings import Settings
from .needs import Need, inferred_needs

LAYERS = ("basic", "advanced", "expert")
NEED, MISSING, UPDATE, SCARCE, WAKE_TOPIC, WAKE_EVIDENCE = (
    "need", "missing", "update", "scarce", "wake-up-topic", "wake-up-evidence")
CONTACT_KINDS = ("appointment", "cadence", "wake-up")
CONTENT_KINDS = ("evidence", "patient-education")


@dataclass(frozen=True)
class Received:
    material: Material
    day: date
    source: Source


@dataclass(frozen=True)
class Planned:
    material: Material
    day: date                       # the visit that promised it
    source: Source


@dataclass(frozen=True)
class Rung:
    """One need's ladder: which layers of it the customer has had."""

    need: str                       # an emphasis id, or the need word itself
    had: tuple[tuple[str, tuple[Received, ...]], ...]   # (layer, what was received) for each of LAYERS


@dataclass(frozen=True)
class Suggestion:
    rule: str                       # need | missing | update | scarce | wake-up-topic | wake-up-evidence
    material: Material | None
    reason: str                     # message code
    args: tuple[tuple[str, Any], ...]
    need: Need | None = None


# ------------------------------------------------------------------ what may be used
def approved(m: Material, today: date) -> bool:
    return m.approved_until is None or today <= m.approved_until


def for_tier(m: Material, tier: str) -> bool:
    return not m.tiers or tier in m.tiers


def for_products(m: Material, products: Iterable[str]) -> bool:
    mine = set(products)
    return not m.products or not mine or bool(mine & set(m.products))


def usable(m: Material, today: date, tier: str, products: Iterable[str]) -> bool:
    return approved(m, today) and for_tier(m, tier) and for_products(m, products)


def answers(m: Material, keywords: Iterable[str], emphasis_of: dict[str, str] | None = None) -> bool:
    """The material's `needs` name one of the keywords (case ignored)."""
    wanted = {k.casefold() for k in keywords}
    return any(n.casefold() in wanted for n in m.needs)


# ------------------------------------------------------------------ what was sent
def _id_pattern(nb: Notebook) -> re.Pattern | None:
    return _codes(tuple(sorted((m.id for m in nb.materials if m.explicit_id), key=len, reverse=True)))


@lru_cache(maxsize=8)
def _codes(ids: tuple[str, ...]) -> re.Pattern | None:
    if not ids:
        return None
    # ASCII boundaries: in Chinese text a code is usually glued to the words around it (已发GLM-P02给他)
    return re.compile(r"(?<![A-Za-z0-9_-])(" + "|".join(re.escape(i) for i in ids) + r")(?![A-Za-z0-9_-])",
                      re.IGNORECASE)


def _named(nb: Notebook, v: Visit, pattern: re.Pattern | None):
    """(material, line source, kind, ✅ day) for every material a visit line names."""
    for link in v.links:
        m = nb.material(link.target)
        if m is not None:
            yield m, link.source, link.kind, link.done
    if pattern is None:
        return
    texts = [a.text for a in v.actions] + [p.text for p in v.points if not p.is_action]
    if not pattern.search("\n".join(texts)):     # most contacts name no code: one search, not one a line
        return
    linked = {link.source.line for link in v.links}
    for a in v.actions:
        if a.source.line not in linked:
            for found in pattern.findall(a.text):
                yield nb.material(found), a.source, a.status, a.done
    for p in v.points:
        if p.is_action or p.source.line in linked:
            continue
        kind = "asked" if p.question or p.interest or p.urgent else "plain"
        for found in pattern.findall(p.text):
            yield nb.material(found), p.source, kind, None


def _ledger(nb: Notebook, c: Customer, today: date,
            visits: tuple[Visit, ...] | None = None) -> tuple[tuple[Received, ...], tuple[Planned, ...]]:
    """What the customer received by `today` (oldest first, the first time each) and what open
    actions still plan to send: one pass over their visits (`visits`: those up to today)."""
    if not nb.materials:
        return (), ()
    pattern = _id_pattern(nb)
    got: dict[str, Received] = {}
    plans = []
    for v in c.visits_until(today) if visits is None else visits:
        for m, source, kind, done in _named(nb, v, pattern):
            if m is None:
                continue
            if kind == OPEN or (kind == DONE and done is not None and done > today):
                plans.append(Planned(m, v.day, source))
                continue
            if kind == DONE:
                day = done or v.day
            elif kind == "plain":
                day = v.day
            else:
                continue
            if m.id not in got or day < got[m.id].day:
                got[m.id] = Received(m, day, source)
    return tuple(sorted(got.values(), key=lambda r: (r.day, r.source))), tuple(plans)


def sent(nb: Notebook, c: Customer, today: date) -> tuple[Received, ...]:
    """Every material the customer has received by `today`, oldest first (the first time each)."""
    return _ledger(nb, c, today)[0]


def planned(nb: Notebook, c: Customer, today: date) -> tuple[Planned, ...]:
    """Materials named by open actions of contacts up to `today` (a done action dated after today
    is still open on that day)."""
    return _ledger(nb, c, today)[1]


def ladder(nb: Notebook, c: Customer, today: date, received: tuple[Received, ...] | None = None) -> tuple[Rung, ...]:
    """For each need the customer's layered materials answer: the layers had.

    A material's need word is shown under its emphasis when the need map knows
    it (药物经济学 → cost-benefit), else under the word itself.
    """
    received = sent(nb, c, today) if received is None else received
    group: dict[str, str] = {}
    for e in nb.emphases:
        for k in (e.id, *e.keywords):
            group.setdefault(k.casefold(), e.id)
    rungs: dict[str, dict[str, list[Received]]] = {}
    for r in received:
        if r.material.layer is None:
            continue
        for n in dict.fromkeys(group.get(x.casefold(), x) for x in r.material.needs):
            rungs.setdefault(n, {layer: [] for layer in LAYERS})[r.material.layer].append(r)
    return tuple(Rung(n, tuple((layer, tuple(had[layer])) for layer in LAYERS)) for n, had in rungs.items())


# ------------------------------------------------------------------ what to bring
def _newest(materials: list[Material]) -> list[Material]:
    return sorted(materials, key=lambda m: (-(m.issued or date.min).toordinal(), m.source))


def _for_need(need: Need, pool: list[Material], had: set[str], received: tuple[Received, ...],
              today: date) -> Suggestion | None:
    keywords = need.keywords
    matching = [m for m in pool if answers(m, keywords)]
    words = "、".join(need.words[:3])
    first, last = need.mentions[0].day, need.mentions[-1].day
    base = (("need", need.id), ("words", words), ("recent", need.recent), ("of", need.of),
            ("contacts", len(need.mentions)), ("first", first.isoformat()), ("last", last.isoformat()),
            ("rule", need.rule))
    if not matching:
        return Suggestion(MISSING, None, "bring-missing", base, need)
    layers_had = {r.material.layer for r in received if r.material.layer and answers(r.material, keywords)}
    fresh = [m for m in matching if m.id not in had]
    on_the_way = {m.layer for m in matching if m.id in had and m.layer}   # planned, or suggested for another need
    for layer in LAYERS:
        if layer in layers_had or layer in on_the_way:
            continue
        pick = _newest([m for m in fresh if m.layer == layer])
        if pick:
            return Suggestion(NEED, pick[0], "bring-need", base + (("layer", layer),
                                                                    ("had", ",".join(l for l in LAYERS
                                                                                     if l in layers_had))), need)
    rest = _newest([m for m in fresh if m.layer is None])
    if rest:
        return Suggestion(NEED, rest[0], "bring-need", base + (("layer", ""), ("had", "")), need)
    return None


def suggestions(nb: Notebook, c: Customer, today: date, settings: Settings, *, tier: str, segment: str,
                established: bool, needs: tuple[Need, ...] | None = None) -> tuple[Suggestion, ...]:
    """What to bring to the customer's next contact (the rules in the module docstring), in that order."""
    visits = c.visits_until(today)
    needs = inferred_needs(nb, c, today, settings, visits) if needs is None else needs
    products = {p for v in visits for p in v.products}
    received, plans = _ledger(nb, c, today, visits)
    had = {r.material.id for r in received} | {p.material.id for p in plans}
    pool = [m for m in nb.materials if usable(m, today, tier, products)]
    issued = [m for m in pool if m.issued is None or m.issued <= today]
    out: list[Suggestion] = []
    for need in needs:
        found = _for_need(need, [m for m in issued if m.kind != "update"], had, received, today)
        if found is not None:
            out.append(found)
            if found.material is not None:
                had.add(found.material.id)
    if tier == "A":
        scarce = [m for m in issued if m.kind in ("event", "resource") and m.tiers and m.id not in had]
        wanted = {k.casefold() for n in needs for k in n.keywords}
        scarce.sort(key=lambda m: (not any(x.casefold() in wanted for x in m.needs), m.approved_until or date.max,
                                   m.source))
        if scarce:
            out.append(Suggestion(SCARCE, scarce[0], "bring-scarce", (("tiers", ",".join(scarce[0].tiers)),)))
            had.add(scarce[0].id)
    silent = (today - visits[-1].day).days if visits else None
    if visits and (segment == "wake-up" or silent > settings.wake_up_days):
        recent = today - timedelta(days=settings.material_new_days)
        new = [m for m in issued if m.issued is not None and m.issued >= recent and m.id not in had]
        for rule, kind, code in ((WAKE_TOPIC, "update", "bring-wake-topic"), (WAKE_EVIDENCE, "evidence",
                                                                               "bring-wake-evidence")):
            pick = _newest([m for m in new if m.kind == kind])
            if pick:
                out.append(Suggestion(rule, pick[0], code, (("days", silent), ("issued", pick[0].issued.isoformat()),
                                                            ("within", settings.material_new_days))))
                had.add(pick[0].id)
    if established:
        window = today - timedelta(days=settings.update_days)
        got = sum(1 for r in received if r.material.kind == "update" and r.day >= window)
        fresh = _newest([m for m in issued if m.kind == "update" and m.id not in had
                         and m.issued is not None and m.issued >= window])
        if got < settings.updates_per_month and fresh:
            out.append(Suggestion(UPDATE, fresh[0], "bring-update", (("got", got), ("days", settings.update_days),
                                                                     ("issued", fresh[0].issued.isoformat()))))
            had.add(fresh[0].id)
    return tuple(out)


def what_to_bring(nb: Notebook, c: Customer, today: date, settings: Settings) -> tuple[Suggestion, ...]:
    """`suggestions` with the customer's tier, segment and age computed."""
    from .due import established
    from .score import rfm, tier

    return suggestions(nb, c, today, settings, tier=tier(c, settings, today).tier,
                       segment=rfm(c, today, settings).segment, established=established(c, today, settings))


def first_material(found: tuple[Suggestion, ...], kind: str = "") -> Suggestion | None:
    """The one suggestion a contact item carries: the first that names a material
    (for a wake-up item, a wake-up suggestion first)."""
    named = [s for s in found if s.material is not None]
    if kind == "wake-up":
        named.sort(key=lambda s: not s.rule.startswith("wake-up"))
    return named[0] if named else None


def with_suggestions(nb: Notebook, items: list[Item], today: date, settings: Settings) -> list[Item]:
    """Contact items (appointment, cadence, wake-up) with `bring` set to the customer's first suggestion."""
    if not nb.materials:
        return items
    cache: dict[str, tuple[Suggestion, ...]] = {}
    out = []
    for item in items:
        if item.kind in CONTACT_KINDS:
            if item.customer not in cache:
                c = nb.customer(item.customer)
                cache[item.customer] = what_to_bring(nb, c, today, settings) if c else ()
            found = first_material(cache[item.customer], item.kind)
            if found is not None:
                item = replace(item, bring=found)
        out.append(item)
    return out


# ------------------------------------------------------------------ check
def material_problems(nb: Notebook, today: date) -> list[Problem]:
    """A warning where an open action still plans to send a material whose approval has ended."""
    out = []
    for c in nb.customers:
        for p in planned(nb, c, today):
            if not approved(p.material, today):
                out.append(Problem(p.source, WARNING, "material-expired", (
                    ("name", p.material.title), ("until", p.material.approved_until.isoformat()),
                    ("path", p.material.source.path))))
    return out


# ------------------------------------------------------------------ review
@dataclass(frozen=True)
class SentRow:
    """Materials received in a period for one need: how many of each layer, by whom."""

    need: str                                   # an emphasis id, or the need word itself
    layers: tuple[tuple[str, int], ...]         # (basic|advanced|expert|"", count); "" for no layer
    customers: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.layers)


@dataclass(frozen=True)
class MissingNeed:
    """A need customers show for which the library has no approved material on `as_of`."""

    need: str
    customers: tuple[str, ...]
    words: tuple[str, ...]
    products: tuple[str, ...] = ()              # the customers' products no approved material covers


@dataclass(frozen=True)
class MaterialReview:
    sent: tuple[SentRow, ...]
    missing: tuple[MissingNeed, ...]
    materials: int                              # approved materials in the library on `as_of`
    emphases: tuple = ()                        # the need map, for the needs' names


def _group_of(nb: Notebook):
    group: dict[str, str] = {}
    for e in nb.emphases:
        for k in (e.id, *e.keywords):
            group.setdefault(k.casefold(), e.id)
    return lambda word: group.get(word.casefold(), word)


def materials_review(nb: Notebook, start: date, as_of: date, settings: Settings) -> MaterialReview | None:
    """Materials received from `start` to `as_of` by need and layer, and the needs no approved
    content answers: a need inferred for a customer on `as_of`, or a need tag of theirs in the
    period, with no evidence or patient-education material approved on `as_of` that answers it
    for their products (tiers aside; events, resources and updates are not content marketing or
    the medical department writes for a need). None without a library."""
    if not nb.materials:
        return None
    group = _group_of(nb)
    counts: dict[str, dict[str, int]] = {}
    who: dict[str, list[str]] = {}
    for c in nb.customers:
        for r in sent(nb, c, as_of):
            if r.day < start:
                continue
            for need in dict.fromkeys(group(n) for n in r.material.needs) or ("",):
                row = counts.setdefault(need, {layer: 0 for layer in (*LAYERS, "")})
                row[r.material.layer or ""] += 1
                who.setdefault(need, []).append(c.name)
    rows = tuple(SentRow(n, tuple(counts[n].items()), tuple(dict.fromkeys(who[n]))) for n in counts)
    rows = tuple(sorted(rows, key=lambda r: (-r.total, r.need)))

    approved_now = [m for m in nb.materials if approved(m, as_of) and m.kind in CONTENT_KINDS]
    by_id = {e.id: e for e in nb.emphases}
    gaps: dict[str, tuple[list[str], list[str], list[str]]] = {}    # need -> customers, words, products
    for c in nb.customers:
        shown: dict[str, list[str]] = {}
        for need in inferred_needs(nb, c, as_of, settings):
            shown.setdefault(need.id, []).extend(need.words)
        for v in c.visits:
            if start <= v.day <= as_of:
                for tag in v.tags:
                    shown.setdefault(group(tag), []).append(tag)
        products = list(dict.fromkeys(p for v in c.visits_until(as_of) for p in v.products))
        for need, words in shown.items():
            keywords = [need, *words, *(by_id[need].keywords if need in by_id else ())]
            if not any(answers(m, keywords) and for_products(m, products) for m in approved_now):
                names, seen, wanted = gaps.setdefault(need, ([], [], []))
                names.append(c.name)
                seen.extend(words)
                wanted.extend(products)
    missing = [MissingNeed(n, tuple(dict.fromkeys(a)), tuple(dict.fromkeys(b)), tuple(dict.fromkeys(p)))
               for n, (a, b, p) in gaps.items()]
    missing.sort(key=lambda m: (-len(m.customers), m.need))
    return MaterialReview(rows, tuple(missing), sum(1 for m in nb.materials if approved(m, as_of)), nb.emphases)


def customer_materials(nb: Notebook, c: Customer, today: date) -> tuple[tuple[Received, ...], tuple[Rung, ...]]:
    """What the customer has received by `today`, and the ladder of layers it makes."""
    received = sent(nb, c, today)
    return received, ladder(nb, c, today, received)
