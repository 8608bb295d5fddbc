"""The pre-visit brief (`visitlog prep`), as pure functions over a customer.

`brief(notebook, customer, today, settings)` gathers what the six-step
follow-up call asks the rep to prepare: who the customer is (profile, tier,
segment), what happened last time, what is still promised, which questions
are still open, adverse events, products, a suggested purpose, an opening
line that refers to last time, and the scenario the last contact showed.

Unanswered questions (also used by `visitlog new` for its reminder section):
a question (a `?` point) of a contact in the last `rfm_window_days` counts as
answered when a *done* action of the same or a later contact, or a plain point
(no marker, not an action) written after it in the same contact or in a later
contact, shares at least two distinct content "bigrams" with
it (two consecutive Chinese characters, or an English word of 3+ letters,
generic ones such as 询问/是否/患者 and the customer's own names left out).
Everything else is unanswered; a question asked again later is kept once, in
its latest wording.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..notebook.model import DONE, OPEN, AdverseEvent, Customer, Notebook, Point, Visit
from ..notebook.settings import DEFAULTS, Settings
from .due import reply_deadline
from .promises import Promise, promise

# scenario keys, most pressing first
ADVERSE, DOUBTS, COMPETITOR, PRICE, BUSY, GOOD = "adverse", "doubts", "competitor", "price", "busy", "good"



def scenario_words(settings: Settings) -> dict[str, tuple[str, ...]]:
    """The cues of each scenario: `data/scenarios.json` plus the notebook's `scenario_words`."""
    from ..notebook.wordlists import extended, packaged_json

    return extended(packaged_json("scenarios.json"), settings.scenario_words)


_TITLE_WORDS = ("主任", "院长", "教授", "主任药师", "药师", "医生", "大夫", "老师", "科长", "处长", "护士长", "博士")
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "令狐", "夏侯", "尉迟", "长孙", "宇文")
_STOP_BIGRAMS = frozenset({
    "询问", "问到", "问问", "是否", "能不", "不能", "有没", "没有", "怎么", "多少", "什么", "要不", "不要", "到底",
    "可以", "一下", "这个", "那个", "我们", "患者", "他们", "她说", "他说", "主任", "医生", "资料", "情况", "时候",
    "想知", "知道", "问题", "能否", "是不", "不是", "需要", "希望", "发给", "老师",
    "the", "and", "for", "with", "about", "what", "how", "does", "are", "can", "will", "patients", "data",
})
_CJK = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True)
class Question:
    point: Point
    day: date


@dataclass(frozen=True)
class Event:
    """An adverse event with its reply deadline (`open`: no formal reply yet)."""

    event: AdverseEvent
    day: date
    reply_due: date
    open: bool

    @property
    def report_open(self) -> bool:
        """Not yet sent to pharmacovigilance (due `day`): neither `reported` nor `replied` is set."""
        return self.event.reported is None and self.event.replied is None


@dataclass(frozen=True)
class Scenario:
    key: str                    # adverse | doubts | competitor | price | busy | good
    evidence: str               # what in the last contact showed it
    args: tuple[tuple[str, Any], ...] = ()   # the numbers its tip names (the reply deadline's hours)


@dataclass(frozen=True)
class Brief:
    customer: Customer
    today: date
    address: str                # how to greet the customer: 王主任
    profile: tuple[tuple[str, Any], ...]
    tier: Any                   # score.Tier
    rfm: Any                    # score.RFM
    established: bool
    last: Visit | None
    promises: tuple[Promise, ...]
    questions: tuple[Question, ...]
    events: tuple[Event, ...]
    products: tuple[str, ...]
    interests: tuple[str, ...]  # interest points of recent contacts
    purpose: str                # a PURPOSES value
    purpose_reason: str         # message code
    purpose_args: tuple[tuple[str, Any], ...]
    opening: str                # message code
    opening_args: tuple[tuple[str, Any], ...]
    scenarios: tuple[Scenario, ...]
    needs: tuple[Any, ...] = ()         # needs.Need: inferred needs with their evidence
    bring: tuple[Any, ...] = ()         # materials.Suggestion: what to bring, with reasons
    has_library: bool = False           # the notebook has a materials/ library


# ------------------------------------------------------------------ small helpers
def shorten(text: str, width: int = 28) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def topic_keys(text: str) -> frozenset[str]:
    """Content bigrams of Chinese runs and English words, generic ones left out."""
    keys: set[str] = set()
    for run in _CJK.findall(text):
        keys.update(run[i:i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            keys.add(run)
    keys.update(w.lower() for w in _WORD.findall(text))
    return frozenset(k for k in keys if k not in _STOP_BIGRAMS)


def same_topic(a: str, b: str, least: int = 2, ignore: frozenset[str] = frozenset()) -> bool:
    return len((topic_keys(a) & topic_keys(b)) - ignore) >= least


def name_keys(c: Customer) -> frozenset[str]:
    """Bigrams of the customer's own names (王建国, 王主任): they say nothing about a topic."""
    return topic_keys(" ".join((c.name, *c.aliases, address(c, c.profile_at()))))


def surname(name: str) -> str:
    for compound in _COMPOUND_SURNAMES:
        if name.startswith(compound):
            return compound
    return name[:1]


def address(c: Customer, profile: dict) -> str:
    """The form of address: an alias like 王主任, else surname + a word from the title."""
    family = surname(c.name)
    for alias in c.aliases:
        if alias.startswith(family) and alias.endswith(_TITLE_WORDS):
            return alias
    if not _CJK.fullmatch(c.name or ""):
        return c.name
    title = f"{profile.get('title') or ''}{profile.get('department') or ''}"
    for word, call in (("院长", "院长"), ("教授", "教授"), ("药师", "老师"), ("主任", "主任"), ("药剂", "老师"),
                       ("护士", "老师")):
        if word in title:
            return family + call
    if c.name.endswith(_TITLE_WORDS):
        return c.name
    return family + "医生"


# ------------------------------------------------------------------ rules
def _chain_dated(v, a, today: date):
    """A chained step by the date `due` gives it: none while it waits, else counted from the step before."""
    if a.after is None:
        return a
    from dataclasses import replace

    from .due import chained

    chain = chained(v, a, today)
    if chain is None:
        return a
    return replace(a, due=None if chain[0] == "waiting" else chain[1])


def open_promises(c: Customer, today: date, before: Any = None) -> tuple[Promise, ...]:
    """Open actions of contacts up to `today` (or strictly before the moment `before`)."""
    out = []
    visits = c.visits if before is not None else c.visits_until(today)
    for v in visits:
        if before is not None and v.moment >= before:
            continue
        out.extend(promise(c.name, v, _chain_dated(v, a, today), today) for a in v.actions if a.status == OPEN)
    rank = {"overdue": 0, "today": 1, "upcoming": 2, "no-date": 3}
    out.sort(key=lambda p: (rank[p.status], p.action.due or date.max, p.action.source))
    return tuple(out)


def _plain(p: Point) -> bool:
    """A point that may be an answer: no marker, not an action."""
    return not (p.question or p.interest or p.urgent or p.is_action)


def unanswered_questions(c: Customer, today: date, settings: Settings, before: Any = None) -> tuple[Question, ...]:
    """Questions of recent contacts with no later answer (the rule in the module docstring)."""
    visits = [v for v in (c.visits if before is not None else c.visits_until(today))
              if before is None or v.moment < before]
    start = today - timedelta(days=settings.rfm_window_days)
    names = name_keys(c)
    out = []
    for i, v in enumerate(visits):
        if v.day < start:
            continue
        later = visits[i + 1:]
        answers = [a.label for w in [v, *later] for a in w.actions if a.status == DONE]
        answers += [p.text for w in later for p in w.points if _plain(p)]
        for q in v.questions:
            if q.is_action and any(a.source == q.source and a.status == DONE for a in v.actions):
                continue
            on_the_spot = [p.text for p in v.points if _plain(p) and p.source.line > q.source.line]
            if not any(same_topic(q.text, answer, ignore=names) for answer in answers + on_the_spot):
                out.append(Question(q, v.day))
    # asked again later: keep only the latest wording
    kept = [q for i, q in enumerate(out)
            if not any(same_topic(q.point.text, r.point.text, ignore=names) for r in out[i + 1:])]
    return tuple(kept)


def adverse_events(c: Customer, today: date, settings: Settings) -> tuple[Event, ...]:
    """Every adverse event reported so far, open ones first, newest first."""
    out = []
    for v in c.visits_until(today):
        ae = v.adverse_event
        if ae is None:
            continue
        due = reply_deadline(v, settings).date()
        out.append(Event(ae, v.day, due, ae.replied is None))
    out.sort(key=lambda e: (not e.open, -e.day.toordinal()))
    return tuple(out)


def _discussion(v: Visit) -> str:
    """The discussion lines of a visit: not actions, not the rep's own profile notes."""
    return "\n".join(p.text for p in v.points
                     if not p.is_action and not p.section.strip().lower().startswith(("客户画像", "profile")))


def _first_hit(text: str, words: tuple[str, ...]) -> str | None:
    low = text.lower()
    for w in words:
        if w.lower() in low:
            return w
    return None


def scenarios(v: Visit | None, settings: Settings = DEFAULTS, limit: int = 3) -> tuple[Scenario, ...]:
    """What the last contact showed, most pressing first (at most `limit`): adverse reaction,
    doubts, competitor, price/procurement, busy, good efficacy.

    Read from `adverse_event`, `competitors`, `mood`, need tags and keywords of the
    discussion lines; doubts need a mood that is not positive, good efficacy one that
    is not negative.
    """
    if v is None:
        return ()
    text = _discussion(v)
    cues = scenario_words(settings)
    found: list[Scenario] = []
    if v.adverse_event is not None:
        reported = v.adverse_event.reported
        found.append(Scenario(ADVERSE, shorten(v.adverse_event.description or "adverse_event"),
                              (("hours", settings.adverse_reply_hours),)
                              + ((("reported", reported.isoformat()),) if reported else ())))
    hit = _first_hit(text, cues[DOUBTS])
    if v.mood != "positive" and (hit or (v.mood == "negative" and v.adverse_event is None)):
        found.append(Scenario(DOUBTS, hit or "mood: negative"))
    hit = _first_hit(text, cues[COMPETITOR])
    if v.competitors or hit:
        found.append(Scenario(COMPETITOR, ", ".join(v.competitors) or hit or ""))
    price_tag = next((t for t in v.tags if t in cues["price_tags"]), None)
    hit = _first_hit(text, cues[PRICE])
    if hit or price_tag:
        found.append(Scenario(PRICE, hit or f"#{price_tag}"))
    hit = _first_hit(text, cues[BUSY])
    if hit:
        found.append(Scenario(BUSY, hit))
    hit = _first_hit(text, cues[GOOD])
    if hit and v.mood != "negative":
        found.append(Scenario(GOOD, hit))
    return tuple(found[:limit])


def suggest_purpose(c: Customer, today: date, settings: Settings, promises, questions, events, is_established: bool):
    """(purpose, reason code, args): the first rule that applies."""
    visits = c.visits_until(today)
    open_events = [e for e in events if e.open]
    if open_events:
        return "feedback", "prep-why-adverse", (("day", open_events[0].day.isoformat()),)
    if visits and (today - visits[-1].day).days > settings.wake_up_days:
        return "update", "prep-why-wake-up", (("days", (today - visits[-1].day).days),)
    soon = [p for p in promises if p.action.due is not None and p.action.due <= today + timedelta(days=settings.due_days)]
    if soon:
        return "follow-up", "prep-why-deliver", (("n", len(soon)),)
    if not visits:
        return "first", "prep-why-first", ()
    last = visits[-1]
    if is_established:
        academic = [v for v in visits if v.purpose == "academic"]
        anchor = academic[-1].day if academic else visits[0].day
        if (today - anchor).days >= settings.academic_days:
            return "academic", "prep-why-academic", (("days", settings.academic_days),
                                                      ("last", academic[-1].day.isoformat() if academic else "—"))
        if (today - last.day).days >= settings.update_days:
            return "update", "prep-why-update", (("days", (today - last.day).days),)
    if last.adverse_event is not None or last.mood == "negative":
        return "feedback", "prep-why-feedback", (("day", last.day.isoformat()),)
    if questions:
        return "follow-up", "prep-why-questions", (("n", len(questions)),)
    first = c.first_contact or visits[0].day
    follow_ups = sum(1 for v in visits if v.day > first)
    if not is_established and follow_ups < len(settings.new_customer_schedule):
        return "follow-up", "prep-why-new", (("n", follow_ups + 1),)
    return "follow-up", "prep-why-default", ()


def opening(who: str, visits: tuple[Visit, ...], questions: tuple[Question, ...]):
    """(message code, args): an opening line that refers to last time.

    The adverse event of the last contact first; else the latest unanswered
    question; else the latest interest or discussion point of the last three
    contacts (a short message after a visit has nothing to refer to).
    """
    if not visits:
        return "prep-open-first", (("address", who),)
    last = visits[-1]
    if last.adverse_event is not None:
        return "prep-open-adverse", (("address", who),)
    if questions:
        return "prep-open-question", (("address", who), ("topic", shorten(questions[-1].point.text, 24)))
    recent = visits[-3:][::-1]
    for v in recent:
        if v.interests:
            return "prep-open-interest", (("address", who), ("topic", shorten(v.interests[0].text, 24)))
    for v in recent:
        plain = [p for p in v.points if not p.is_action]
        if plain:
            return "prep-open-point", (("address", who), ("topic", shorten(plain[0].text, 24)))
    return "prep-open-plain", (("address", who), ("day", last.day.isoformat()))


def _distinct_topics(texts) -> tuple[str, ...]:
    """Texts in order, leaving out one that is on the topic of an earlier one."""
    out: list[str] = []
    for text in texts:
        if text not in out and not any(same_topic(text, kept) for kept in out):
            out.append(text)
    return tuple(out)


def brief(notebook: Notebook, c: Customer, today: date, settings: Settings) -> Brief:
    from .due import established
    from .score import score

    s = score(c, today, settings)
    profile = c.profile_at(today)
    visits = c.visits_until(today)
    last = visits[-1] if visits else None
    promises = open_promises(c, today)
    questions = unanswered_questions(c, today, settings)
    events = adverse_events(c, today, settings)
    is_est = established(c, today, settings)
    purpose, why, why_args = suggest_purpose(c, today, settings, promises, questions, events, is_est)
    who = address(c, profile)
    code, args = opening(who, visits, questions)
    recent = [v for v in visits if v.day >= today - timedelta(days=settings.rfm_window_days)]
    products = tuple(dict.fromkeys(p for v in reversed(visits) for p in v.products))
    interests = _distinct_topics(p.text for v in reversed(recent) for p in v.interests)
    flat = tuple((k, v) for k, v in profile.items() if k != "potential" and v not in (None, ""))
    flat += tuple((f"potential.{k}", v) for k, v in profile["potential"].items())
    from .materials import suggestions
    from .needs import inferred_needs

    needs = inferred_needs(notebook, c, today, settings)
    bring = suggestions(notebook, c, today, settings, tier=s.tier.tier, segment=s.rfm.segment, established=is_est,
                        needs=needs)
    return Brief(c, today, who, flat, s.tier, s.rfm, is_est, last, promises, questions, events, products,
                 interests, purpose, why, why_args, code, args, scenarios(last, settings), needs, bring,
                 bool(notebook.materials))
