"""The manager's review (`review --team`) as a screen, Markdown and JSON.

The three say the same things in the same order: one row per rep (contacts
against the cadence plan, promises made / kept / late / overdue and the
on-time rate, adverse events and their replies, customers to wake up), then
each rep's adverse events and silent customers, then the district's question
topics and competitor mentions.
"""
from __future__ import annotations

import re

from rich.cells import cell_len

from ..i18n import t
from ..rules.district import District, RepWeek
from ..rules.promises import KEPT, LATE, OPEN, OVERDUE
from ..rules.review import REPLIED
from . import jsonout
from .review import _names, _percent, _span, _steps, report_json, to_json as review_json

WAKE_UP_NAMES = 8        # silent customers named per rep before "and N more"


def _ae_summary(r: RepWeek, lang: str) -> str:
    events = r.review.adverse_events
    if not events:
        return "0"
    in_time = sum(1 for a in events if a.status == REPLIED and a.in_time)
    return t("team-ae-cell", lang, n=len(events), in_time=in_time)


def rep_rows(d: District, lang: str) -> tuple[list[str], list[list[str]]]:
    heads = [t(k, lang) for k in ("team-col-rep", "team-col-contacts", "team-col-plan", "team-col-made", "team-col-kept",
                                  "team-col-late", "team-col-overdue", "team-col-rate", "team-col-ae", "team-col-wake")]
    rows = []
    for r in d.reps:
        k = r.review.commitments
        rows.append([r.rep, str(r.review.contacts.total), f"{r.met}/{r.planned}", str(k.made), str(k.count(KEPT)),
                     str(k.count(LATE)), str(k.count(OVERDUE)), _percent(k.on_time_rate), _ae_summary(r, lang),
                     str(len(r.review.wake_up))])
    return heads, rows


def _ae_lines(d: District, lang: str) -> list[str]:
    out = []
    for r in d.reps:
        for a in r.review.adverse_events:
            out.append(t("team-ae-line", lang, rep=r.rep, customer=a.customer,
                         date=a.visit.moment.strftime("%m-%d"), description=a.description or "—",
                         reply=_steps(a, lang)))
    return out


def _wake_lines(d: District, lang: str) -> list[str]:
    out = []
    for r in d.reps:
        silent = r.review.wake_up
        if not silent:
            continue
        names = [s.customer for s in silent[:WAKE_UP_NAMES]]
        more = t("team-and-more", lang, n=len(silent) - WAKE_UP_NAMES) if len(silent) > WAKE_UP_NAMES else ""
        out.append(t("team-wake-line", lang, rep=r.rep, n=len(silent), names=_names(names, lang) + more))
    return out


def _topic_rows(d: District, lang: str):
    heads = [t(k, lang) for k in ("review-col-topic", "review-col-count", "review-col-customers", "review-col-four-weeks")]
    return heads, [[q.topic, str(q.count), _names(q.customers[:6], lang) + ("…" if len(q.customers) > 6 else ""),
                    str(q.four_weeks)] for q in d.whole.questions]


def _competitor_rows(d: District, lang: str):
    heads = [t("review-col-competitor", lang), t("review-col-count", lang), t("team-col-reps", lang)]
    rows = []
    for m in d.whole.competitors:
        reps = [r.rep for r in d.reps if any(x.name == m.name for x in r.review.competitors)]
        rows.append([m.name, str(m.count), _names(reps, lang)])
    return heads, rows


def sections(d: District, lang: str) -> list[tuple]:
    """The document as blocks: ("h1"|"h2"|"p"|"note", text), ("table", heads, rows), ("list", lines)."""
    none = t("review-none", lang)
    out: list[tuple] = [("h1", t("team-review-title", lang, week=d.week.label)), ("p", _span(d.whole, lang)),
                        ("h2", t("team-per-rep", lang))]
    heads, rows = rep_rows(d, lang)
    out += [("table", heads, rows) if rows else ("p", none), ("note", t("team-per-rep-note", lang))]
    out.append(("h2", t("review-adverse", lang)))
    ae = _ae_lines(d, lang)
    out.append(("list", ae) if ae else ("p", none))
    out += [("h2", t("review-wake-up", lang)), ("note", t("review-wake-up-note", lang, days=d.whole.wake_up_days,
                                                           as_of=d.as_of.isoformat()))]
    wake = _wake_lines(d, lang)
    out.append(("list", wake) if wake else ("p", none))
    out += [("h2", t("team-questions", lang)), ("note", t("review-questions-note", lang))]
    heads, rows = _topic_rows(d, lang)
    out.append(("table", heads, rows) if rows else ("p", none))
    out += [("h2", t("team-competitors", lang)), ("note", t("review-mentions-note", lang))]
    heads, rows = _competitor_rows(d, lang)
    out.append(("table", heads, rows) if rows else ("p", none))
    return out


# ---------------------------------------------------------------- Markdown and the screen
def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown(d: District, lang: str) -> str:
    lines: list[str] = []
    for block in sections(d, lang):
        kind = block[0]
        if kind == "h1":
            lines += [f"# {block[1]}", ""]
        elif kind == "h2":
            lines += [f"## {block[1]}", ""]
        elif kind == "p":
            lines += [block[1], ""]
        elif kind == "note":
            lines += [f"*{block[1]}*", ""]
        elif kind == "list":
            lines += [f"- {_cell(x)}" for x in block[1]] + [""]
        elif kind == "table":
            heads, rows = block[1], block[2]
            lines.append("| " + " | ".join(_cell(h) for h in heads) + " |")
            lines.append("| " + " | ".join("---" if n == 0 else "---:" if rows and all(
                r[n].replace("%", "").replace("/", "").replace("—", "").isdigit() or r[n] in ("—", "")
                for r in rows) else "---" for n in range(len(heads))) + " |")
            lines += ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _text_table(heads: list[str], rows: list[list[str]], width: int) -> list[str]:
    """The table in `width` columns when it can be: a heading wraps onto a second line before a column
    narrows below its widest cell, and the columns close up to one space when that is still too wide.
    Cells never wrap (numbers and short counts); a table wider than that is printed as it is."""
    from .duetext import wrap

    cells = [max((cell_len(r[n]) for r in rows), default=0) for n in range(len(heads))]
    full = [max(c, cell_len(h)) for c, h in zip(cells, heads)]

    def narrowest(n: int) -> int:           # the least width at which heading n takes at most two lines
        words = re.findall(r"[!-~]+", heads[n])             # a Latin word is never cut
        w = max([cells[n], 1] + [cell_len(x) for x in words])
        while w < full[n] and len(wrap(heads[n], w)) > 2:
            w += 1
        return max(w, max(cell_len(x) for x in wrap(heads[n], w)))

    widths, gap = list(full), 2
    if sum(widths) + gap * (len(widths) - 1) > width:
        widths = [narrowest(n) for n in range(len(heads))]
        for n in range(len(widths)):        # give room back, first column first, while it fits
            spare = width - (sum(widths) + gap * (len(widths) - 1))
            if spare >= full[n] - widths[n]:
                widths[n] = full[n]
        if sum(widths) + gap * (len(widths) - 1) > width:
            gap = 1
    split = [wrap(h, widths[n]) if cell_len(h) > widths[n] else [h] for n, h in enumerate(heads)]
    tall = max(len(x) for x in split)
    head_rows = [[x[k] if k < len(x) else "" for x in split] for k in range(tall)]
    out = []
    for r in head_rows + rows:
        padded = [c + " " * (widths[n] - cell_len(c)) for n, c in enumerate(r)]
        out.append((" " * gap).join(padded).rstrip())
    return out


def view(d: District, lang: str, width: int = 80) -> list[str]:
    """The screen: the same blocks as the Markdown, as plain lines of at most `width` columns."""
    from .duetext import wrap

    out: list[str] = []
    for block in sections(d, lang):
        kind = block[0]
        if kind == "h1":
            out += [block[1], ""]
        elif kind == "h2":
            out += ["", f"── {block[1]} " + "─" * max(0, width - cell_len(block[1]) - 4)]
        elif kind in ("p", "note"):
            out += wrap(block[1], width)
        elif kind == "list":
            for x in block[1]:
                out += [("• " if k == 0 else "  ") + line for k, line in enumerate(wrap(x, width - 2))]
        elif kind == "table":
            out += _text_table(block[1], block[2], width)
    return out


# ---------------------------------------------------------------- JSON
def rep_json(r: RepWeek, lang: str) -> dict:
    k = r.review.commitments
    return {
        "rep": r.rep,
        "contacts": r.review.contacts.total,
        "customers": r.review.contacts.customers,
        "plan": {"asked": r.planned, "met": r.met},
        "commitments": {"made": k.made, "kept": k.count(KEPT), "late": k.count(LATE), "overdue": k.count(OVERDUE),
                        "open": k.count(OPEN), "on_time_rate": k.on_time_rate},
        "adverse_events": [{
            "customer": a.customer, "date": jsonout.moment(a.visit.moment, a.visit.has_time),
            "description": a.description, "replied": jsonout.day(a.replied), "in_time": a.in_time,
            "status": a.status, **report_json(a),
            "source": str(a.visit.adverse_event.source) if a.visit.adverse_event else None,
        } for a in r.review.adverse_events],
        "wake_up": [{"customer": s.customer, "tier": s.tier, "last_contact": s.last_contact.isoformat(),
                     "silent_days": s.silent_days} for s in r.review.wake_up],
        "on_time_trend": [{"week": w, "on_time_rate": rate, "decided": n} for w, rate, n in r.trend],
    }


def to_json(d: District, lang: str, errors: list[dict]) -> dict:
    """The district's review (the whole notebook's, as `review --json`) with `reps: [...]`."""
    return {**review_json(d.whole, lang, errors), "team": True, "reps": [rep_json(r, lang) for r in d.reps]}


def save(root, d: District, lang: str, html: bool = False):
    """`reviews/YYYY-Www-team.md` (and `.html`) in the notebook, atomically; the paths written."""
    from pathlib import Path

    from ..notebook.files import atomic_write

    path = Path(root) / "reviews" / f"{d.week.label}-team.md"
    atomic_write(path, markdown(d, lang).encode("utf-8"))
    paths = [path]
    if html:
        from .html import district_page

        page = path.with_suffix(".html")
        atomic_write(page, district_page(d, lang).encode("utf-8"))
        paths.append(page)
    return paths
