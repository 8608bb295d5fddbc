"""`visitlog prep` on one screen: what a rep needs five minutes before walking in (docs/new-prep.md, "One screen").

The brief is laid out as rows, each with a rank: 0 is never left out (who, the
safety items, promises already due), higher ranks go first when the screen is
full. Rows are wrapped here, in terminal cells, so a wrapped line keeps the
indent of its row and the height is known before anything is printed. What
did not fit, and what the one-screen form never shows (the profile's scores,
inferred needs, the six steps, ...), is named on the last line with the
command that shows everything (`-v`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text

from ..i18n import t, word
from ..rules.prep import Brief
from .duetext import Block, wrap
from .newprep import tip as tip_of
from .text import contact_when

SCREEN_LINES = 38        # an 80×40 terminal, less the command line above and the prompt below
TOP = 5                  # rows of a list shown before the rest waits for room


@dataclass
class Row:
    """Lines of one thing (already wrapped), its rank, and what it counts as when it is left out."""

    lines: list
    rank: int
    fold: str | None = None           # a `prep-fold-*` key
    section: str = ""


@dataclass
class Section:
    key: str
    heading: list                     # the heading's lines
    rows: list = field(default_factory=list)


def hanging(segments: list[tuple[str, str]], width: int, indent: int = 2, marker: str = "") -> list:
    """`segments` ([(text, style)]) after `indent` spaces and `marker`, wrapped at `width` cells; the wrapped
    lines start under the text, not under the marker."""
    lead = " " * indent + marker
    hang = " " * cell_len(lead)
    plain = "".join(text for text, _ in segments)
    lines = wrap(plain, max(width - cell_len(lead), 10)) or [""]
    spans, at = [], 0
    for text, style in segments:
        spans.append((at, at + len(text), style))
        at += len(text)
    out, pos = [], 0
    for n, line in enumerate(lines):
        while pos < len(plain) and plain[pos].isspace() and not plain.startswith(line, pos):
            pos += 1
        row = Text(lead if n == 0 else hang)
        start = len(row.plain)
        row.append(line)
        if plain.startswith(line, pos):
            for a, b, style in spans:
                lo, hi = max(a, pos), min(b, pos + len(line))
                if style and lo < hi:
                    row.stylize(style, start + lo - pos, start + hi - pos)
            pos += len(line)
        out.append(row)
    return out


_MARKERS = ("☐ ", "☑ ", "• ", "? ", "?  ", "↑ ", "! ", "⚠ ", "→ ")


def refit(row: Text, width: int) -> list:
    """A row built for the full brief, wrapped at `width` cells so its wrapped lines keep its indent (the
    spaces it starts with, and its marker: `☐ `, `• `, `1. `...); its styles kept."""
    plain = row.plain
    if cell_len(plain) <= width or "\n" in plain:
        return [row]
    body = plain.lstrip(" ")
    indent = len(plain) - len(body)
    marker = next((m for m in sorted(_MARKERS, key=len, reverse=True) if body.startswith(m)), "")
    if not marker and body[:1].isdigit() and ". " in body[:4]:
        marker = body[:body.index(". ") + 2]
    lead = indent + len(marker)
    segments, at = [], lead
    for span in sorted(row.spans, key=lambda x: x.start):
        if span.start > at:
            segments.append((plain[at:span.start], str(row.style or "")))
        start = max(span.start, at)
        if span.end > start:
            segments.append((plain[start:span.end], str(span.style)))
            at = span.end
    if at < len(plain):
        segments.append((plain[at:], str(row.style or "")))
    return hanging(segments, width, indent=indent, marker=marker)


def fitted(rows: list, width: int) -> list:
    """The full brief (newprep.brief_view), every row wrapped to keep its indent."""
    out: list = []
    for row in rows:
        out += refit(row, width) if isinstance(row, Text) else [row]
    return [Block(Text("\n").join(out))] if all(isinstance(r, Text) for r in out) else out


def _status(e, today, lang: str) -> str:
    late = (today - e.reply_due).days
    if late > 0:
        return t("prep-event-late", lang, days=late, due=e.reply_due.isoformat())
    return t("prep-event-open", lang, due=e.reply_due.isoformat())


def _report(e, lang: str) -> tuple[str, str] | None:
    """An open event not yet sent to pharmacovigilance (due its day); once sent, the tip says when."""
    if e.report_open:
        return t("prep-event-report-open", lang, due=e.day.isoformat()), "bold red"
    return None


def _summary(v, lang: str) -> str:
    """`channel · purpose · mood` of a contact, in words."""
    return " · ".join([word("channel", v.channel, lang)] + [word(kind, value, lang) for kind, value in
                                                            (("purpose", v.purpose), ("mood", v.mood)) if value])


def _promise_segments(p, lang: str) -> list[tuple[str, str]]:
    from .newprep import promise_status

    segs = [(p.action.text, "")]
    if p.status != "no-date":
        style = "red" if p.status == "overdue" else "yellow" if p.status == "today" else "dim"
        segs.append((f"  [{promise_status(p, lang)}]", style))
    segs.append((f"  {t('prep-promised', lang, day=p.visit_day.strftime('%m-%d'))}", "dim"))
    return segs


def sections(b: Brief, lang: str, width: int) -> tuple[list[Section], list[tuple[str, int]]]:
    """The brief's sections in screen order, and what the one-screen form never shows ([(fold key, n)])."""
    from .materials import label, need_name, reason
    from .newprep import rhythm_parts

    c = b.customer
    never: list[tuple[str, int]] = [("prep-fold-profile", 0)]
    out: list[Section] = []

    # who: the name, then one line of facts (wrapped when it must be)
    head = Text(t("prep-title", lang, name=c.name), style="bold")
    if c.aliases:
        head.append(f"  ({'/'.join(c.aliases)})", style="dim")
    who = Section("who", [head])
    profile = dict(b.profile)
    facts = [str(profile[k]) for k in ("hospital", "department", "title") if profile.get(k)]
    facts.append(t("prep-tier-short", lang, tier=b.tier.tier))
    facts.append(word("segment", b.rfm.segment, lang))
    if profile.get("style"):
        facts.append(word("style", profile["style"], lang))
    facts.append(f"{t('prep-address', lang)}: {b.address}")
    facts += rhythm_parts(c, lang)
    if b.products:
        facts.append(f"{t('products', lang)}: {', '.join(b.products)}")
    who.rows.append(Row(hanging([(" · ".join(facts), "")], width), 1))
    out.append(who)

    # safety first: every adverse event still waiting for its formal reply, in full
    open_events = [e for e in b.events if e.open]
    if open_events:
        safety = Section("safety", [Text(t("prep-safety-title", lang, n=len(open_events)), style="bold red")])
        tip = next((s for s in b.scenarios if s.key == "adverse"), None)
        for e in open_events:
            line = t("prep-event-line", lang, day=e.day.isoformat(), status=_status(e, b.today, lang))
            safety.rows.append(Row(hanging([(line, "bold red")], width), 0))
            report = _report(e, lang)                     # its report to pharmacovigilance (`reported:`)
            if report:
                safety.rows.append(Row(hanging([report], width, indent=4), 0))
            safety.rows.append(Row(hanging([(e.event.description, "red")], width, indent=4), 0))
        if tip is not None:
            safety.rows.append(Row(hanging([(tip_of(tip, lang), "")], width, marker="→ "), 0))
        out.append(safety)
    replied = len(b.events) - len(open_events)
    if replied:
        never.append(("prep-fold-replied", replied))

    # the promises still open to this customer: due ones always, the rest as room allows
    if b.promises:
        promises = Section("promises", [Text(f"{t('prep-promises', lang)} ({len(b.promises)})", style="bold")])
        for n, p in enumerate(b.promises):
            rank = 0 if p.status in ("overdue", "today") and n < TOP else 1 if n < TOP else 3
            promises.rows.append(Row(hanging(_promise_segments(p, lang), width, marker="☐ "), rank,
                                     "prep-fold-promises"))
        out.append(promises)

    # last time: its needs (urgent, interest) and every question still unanswered
    if b.last is not None:
        v = b.last
        last = Section("last", hanging([(t("prep-last-needs", lang, when=contact_when(v), days=(b.today - v.day).days,
                                             summary=_summary(v, lang)), "bold")], width, indent=0))
        plain = 0
        for p in v.points:
            if p.is_action or p.question:
                continue
            if not (p.urgent or p.interest):
                plain += 1
                continue
            marks = ("↑" if p.interest else "") + ("!" if p.urgent else "")
            last.rows.append(Row(hanging([(p.text, "")], width, marker=f"{marks:<2} "), 1 if p.urgent else 2,
                                 "prep-fold-points"))
        for n, q in enumerate(b.questions):
            asked = f"  {t('prep-asked', lang, day=q.day.strftime('%m-%d'))}"
            last.rows.append(Row(hanging([(q.point.text, ""), (asked, "dim")], width, marker="?  "),
                                 1 if n < 3 else 3, "prep-fold-questions"))
        if v.competitors:
            last.rows.append(Row(hanging([(f"{t('competitors', lang)}: {', '.join(v.competitors)}", "dim")], width,
                                         indent=5), 2))
        if plain:
            never.append(("prep-fold-points", plain))
        out.append(last)
    else:
        out.append(Section("last", [Text(f"{t('prep-last', lang)}: {t('prep-no-contact', lang)}", style="bold")]))

    # what to bring: one row per thing, with why
    bring = Section("bring", [Text(f"{t('bring-title', lang)} ({len(b.bring)})", style="bold")])
    if not b.has_library:
        bring.rows.append(Row([Text(f"  {t('bring-no-library', lang)}", style="dim")], 3))
    for n, s in enumerate(b.bring):
        if s.material is None:
            segs = [(t("prep-bring-missing", lang, need=need_name(s.need, lang)), "yellow")]
            marker = "? "
        else:
            segs = [(s.material.title, "bold"), (f"  [{label(s.material, lang)}]", "dim"),
                    (f" — {reason(s, lang, full=False)}", "")]
            marker = "• "
        bring.rows.append(Row(hanging(segs, width, marker=marker), 2 if n < 3 else 3, "prep-fold-bring"))
    if bring.rows:
        out.append(bring)
    if b.needs:
        never.append(("prep-fold-needs", len(b.needs)))
    if b.interests:
        never.append(("prep-fold-interests", len(b.interests)))

    # what to say: the purpose, the opening line, the tips for last time's scenario
    talk = Section("talk", [Text(t("prep-talk", lang), style="bold")])
    purpose = [(f"{t('prep-purpose', lang)}: ", "bold"), (word("purpose", b.purpose, lang), "bold cyan"),
               (f" — {t(b.purpose_reason, lang, **dict(b.purpose_args))}", "")]
    talk.rows.append(Row(hanging(purpose, width), 1))
    talk.rows.append(Row(hanging([(f"{t('prep-opening', lang)}: ", "bold"),
                                  (t(b.opening, lang, **dict(b.opening_args)), "")], width), 1))
    for s in b.scenarios:
        if s.key == "adverse" and open_events:
            continue                                  # said under safety
        sep = "：" if lang == "zh" else ": "
        talk.rows.append(Row(hanging([(t("scenario-" + s.key, lang) + sep, "bold"),
                                      (tip_of(s, lang), "")], width, marker="• "),
                             3, "prep-fold-tips"))
    out.append(talk)
    never.append(("prep-fold-steps", 0))
    return out, never


def _height(parts: list[Section]) -> int:
    shown = [s for s in parts if s.rows or s.key in ("who", "last")]
    return sum(len(s.heading) + sum(len(r.lines) for r in s.rows) for s in shown) + len(shown)  # + blank lines


def _footer(b: Brief, lang: str, width: int, dropped: dict[str, int], never: list[tuple[str, int]]) -> list:
    counts = dict(dropped)
    for key, n in never:
        counts[key] = counts.get(key, 0) + n
    order = [k for k in ("prep-fold-promises", "prep-fold-questions", "prep-fold-points", "prep-fold-bring",
                         "prep-fold-tips") if counts.get(k)]
    order += [k for k, _ in never if k not in order]
    parts = t("prep-fold-join", lang).join(t(k, lang, n=counts.get(k, 0)) for k in order)
    return hanging([(t("prep-folded", lang, parts=parts, name=b.customer.name), "dim")], width, indent=0)


def brief_screen(b: Brief, lang: str, width: int, lines: int = SCREEN_LINES) -> list:
    """The brief in at most `lines` lines of `width` cells, the last one saying what was left out."""
    parts, never = sections(b, lang, width)
    dropped: dict[str, int] = {}
    rows = [(s, r) for s in parts for r in s.rows]
    for rank in range(max((r.rank for _, r in rows), default=0), 0, -1):
        for s, r in reversed(rows):
            if _height(parts) + len(_footer(b, lang, width, dropped, never)) <= lines:
                break
            if r.rank == rank and r in s.rows:
                s.rows.remove(r)
                if r.fold:
                    dropped[r.fold] = dropped.get(r.fold, 0) + 1
    out: list = []
    for s in parts:
        if not (s.rows or s.key in ("who", "last")):
            continue
        if out:
            out.append(Text(""))
        out += s.heading
        for r in s.rows:
            out += r.lines
    out += [Text(""), *_footer(b, lang, width, dropped, never)]
    text = Text("\n").join(out)
    return [Block(text)]
