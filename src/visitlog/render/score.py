"""`visitlog score` for people and machines: the ranked table, the arithmetic
behind one customer's numbers (`--explain`), and the JSON objects of SPEC 8."""
from __future__ import annotations

from datetime import date

from rich.table import Table
from rich.text import Text

from ..i18n import t, word
from ..notebook.model import Customer
from ..rules.score import ABOVE, AT_LEAST, AT_MOST, BELOW, OVERRIDE, SEGMENTS, TIERS, UNSCORED, Score
from ..notebook.settings import DEFAULTS, Settings
from .jsonout import day, number

_OPS = {AT_MOST: "≤", AT_LEAST: "≥", ABOVE: ">", BELOW: "<"}
_EIGHTHS = " ▏▎▍▌▋▊▉"


def num(x: float | int | None) -> str:
    """37.5, 30, 0.25: no trailing zeros."""
    if x is None:
        return "—"
    return f"{float(x):.3f}".rstrip("0").rstrip(".")


def bar(value: float | None, width: int = 10) -> str:
    """A potential 0-100 as a bar of `width` cells, in eighths."""
    if value is None:
        return " " * width
    eighths = round(max(0.0, min(100.0, value)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (_EIGHTHS[rest] if rest else "")).ljust(width)


def tier_mark(s: Score) -> str:
    return s.tier.tier + ("*" if s.tier.source == OVERRIDE else "?" if s.tier.source == UNSCORED else "")


# ---------------------------------------------------------------- JSON
def as_json(s: Score, customer: Customer | None = None) -> dict:
    """One element of `customers` (SPEC 8), plus what a script needs to check it."""
    p, r = s.tier.potential, s.rfm
    out = {
        "customer": s.customer,
        "aliases": list(customer.aliases) if customer else [],
        "potential": p.value,
        "tier": s.tier.tier,
        "tier_source": s.tier.source,
        "recency_days": r.recency_days,
        "frequency": r.frequency,
        "need_value": number(r.need_value),
        "rfm": r.code,
        "segment": r.segment,
        "last_contact": day(r.last_contact),
        "scores": {"recency": r.scores[0], "frequency": r.scores[1], "need": r.scores[2]},
        "potential_inputs": dict(p.inputs),
    }
    return out


def explain_json(s: Score) -> dict:
    """The arithmetic of `--explain` as data."""
    p, r = s.tier.potential, s.rfm
    names = ("recency", "frequency", "need")
    return {
        "potential": {
            "parts": [{"key": x.key, "estimate": x.estimate, "mapped": number(x.mapped), "weight": x.weight,
                       "points": number(x.points), "source": str(x.origin) if x.origin else None}
                      for x in p.parts],
            "exact": p.exact,
            "value": p.value,
            "missing": list(p.missing),
            "range": [p.low, p.high] if p.missing and p.low is not None else None,
        },
        "tier": {"tier": s.tier.tier, "source": s.tier.source, "computed": s.tier.computed},
        "rfm": {
            "window": [day(r.window[0]), day(r.window[1])] if r.window else None,
            "contacts": [day(d) for d in r.contacts],
            "bands": {n: {"value": number(b.value), "score": b.score, "rule": b.rule, "limit": b.limit}
                      for n, b in zip(names, r.bands)},
            "marks": [{"date": day(m.day), "text": m.point.text, "interest": m.point.interest,
                       "urgent": m.point.urgent, "source": str(m.point.source)} for m in r.marked],
            "keywords": [{"keyword": k, "weight": number(w)} for k, w in r.keywords],
        },
    }


# ---------------------------------------------------------------- table
def table(scores: list[Score], today: date, lang: str) -> list:
    """The ranked table, a legend, and a one-line count by tier and segment."""
    from .text import short

    out = Table(box=None, header_style="bold", pad_edge=False)
    out.add_column(t("customer", lang))
    out.add_column(t("tier", lang), no_wrap=True)
    out.add_column(t("potential", lang), no_wrap=True, justify="right")
    out.add_column("", no_wrap=True)
    out.add_column(t("rfm", lang), no_wrap=True)
    out.add_column(t("segment", lang), no_wrap=True)
    out.add_column(t("last-contact", lang), no_wrap=True)
    for s in scores:
        value = s.tier.potential.value
        colour = {"A": "green", "B": "yellow"}.get(s.tier.tier, "")
        seg_colour = {"consultative": "green", "wake-up": "red"}.get(s.rfm.segment, "")
        last = s.rfm.last_contact
        ago = t("score-today", lang) if s.rfm.recency_days == 0 else t("score-days-ago", lang, days=s.rfm.recency_days)
        when = "—" if last is None else f"{short(last, today)} ({ago})"
        out.add_row(
            s.customer,
            Text(tier_mark(s), style=f"bold {colour}".strip()),
            f"{value:.1f}" if value is not None else "—",
            Text(bar(value), style=colour),
            s.rfm.code,
            Text(word("segment", s.rfm.segment, lang), style=seg_colour),
            when,
        )
    tiers = {x: sum(1 for s in scores if s.tier.tier == x) for x in TIERS}
    segments = {x: sum(1 for s in scores if s.rfm.segment == x) for x in SEGMENTS}
    summary = t("score-summary", lang, n=len(scores), a=tiers["A"], b=tiers["B"], c=tiers["C"],
                consultative=segments["consultative"], maintain=segments["maintain"], wake=segments["wake-up"])
    return [out, Text(""), Text(t("score-legend", lang), style="dim"), Text(summary, style="dim")]


# ---------------------------------------------------------------- explain
def _tier_lines(s: Score, settings: Settings, customer: Customer, lang: str) -> list[Text]:
    p, tr = s.tier.potential, s.tier
    th = settings.tier_thresholds
    lines: list[Text] = []
    if p.value is not None:
        terms = " + ".join(num(x.points) for x in p.parts)
        total = t("explain-total", lang, terms=terms, value=num(p.value))
        if p.exact is not None and num(p.exact) != num(p.value):
            total += t("explain-rounded", lang, exact=num(p.exact))
        lines.append(Text(total))
        lines.append(Text(t(f"explain-tier-{tr.computed}", lang, value=num(p.value), a=num(th["A"]), b=num(th["B"]))))
    elif p.missing:
        missing = ", ".join(t(f"est-{k}", lang) for k in p.missing)
        lines.append(Text(t("explain-missing", lang, missing=missing), style="yellow"))
        if p.low is not None:
            lines.append(Text(t("explain-range", lang, low=num(p.low), high=num(p.high))))
    if tr.source == OVERRIDE:
        pf = customer.profile_file
        where = f"{pf.source.path}:{dict(pf.lines).get('tier', 1)}" if pf else "—"
        key = "explain-override" if tr.computed else "explain-override-unscored"
        lines.append(Text(t(key, lang, tier=tr.tier, source=where, computed=tr.computed), style="bold"))
    return lines


def _band(b, lang: str) -> tuple[str, str]:
    return _OPS.get(b.rule, ""), num(b.limit)


def _segment_line(s: Score, settings: Settings, lang: str) -> str:
    r = s.rfm
    mn, mx = settings.consultative_min, settings.wake_up_max
    letters = ("R", "F", "M")
    if r.segment == "consultative":
        return t("explain-segment-consultative", lang, code=r.code, min=mn)
    if r.segment == "wake-up":
        return t("explain-segment-wake-up", lang, code=r.code, r=r.scores[0], f=r.scores[1], max=mx)
    low = ", ".join(f"{x} {v} < {mn}" for x, v in zip(letters, r.scores) if v < mn)
    high = ", ".join(f"{x} {v} > {mx}" for x, v in zip(letters[:2], r.scores[:2]) if v > mx)
    return t("explain-segment-maintain", lang, code=r.code, min=mn, max=mx, low=low, high=high)


def explain(s: Score, customer: Customer, today: date, settings: Settings, lang: str) -> list:
    """Every input, weight and threshold behind the customer's tier and segment."""
    p, r = s.tier.potential, s.rfm
    out: list = []
    name = s.customer + (f" ({'/'.join(customer.aliases)})" if customer.aliases else "")
    out.append(Text(t("explain-title", lang, name=name, today=today.isoformat()), style="bold"))

    # potential and tier
    out.append(Text(""))
    out.append(Text(t("explain-section-potential", lang), style="bold"))
    where = t("explain-from-defaults" if (settings.potential_weights == DEFAULTS.potential_weights
                                          and settings.tier_thresholds == DEFAULTS.tier_thresholds)
              else "explain-from-settings", lang)
    weights = ", ".join(f"{t('est-' + k, lang)} {num(w)}" for k, w in settings.potential_weights.items())
    th = settings.tier_thresholds
    out.append(Text("  " + t("explain-settings", lang, weights=weights, a=num(th["A"]), b=num(th["B"]), where=where),
                    style="dim"))
    if p.parts:
        parts = Table(box=None, show_header=False, pad_edge=False)
        parts.add_column(no_wrap=True)
        parts.add_column(no_wrap=True)
        parts.add_column(style="dim")
        for x in p.parts:
            parts.add_row(f"  {t('est-' + x.key, lang)}",
                          f"{x.estimate} → ({x.estimate}−1)×25 = {num(x.mapped)} × {num(x.weight)} = {num(x.points)}",
                          str(x.origin) if x.origin else "")
        out.append(parts)
    for line in _tier_lines(s, settings, customer, lang):
        out.append(Text("  ") + line)

    # RFM and segment
    out.append(Text(""))
    start, end = r.window
    out.append(Text(t("explain-section-rfm", lang, start=start.isoformat(), end=end.isoformat(),
                      days=settings.rfm_window_days), style="bold"))
    rb, fb, nb = r.bands
    if r.last_contact is None:
        out.append(Text("  " + t("explain-recency-none", lang)))
    else:
        op, limit = _band(rb, lang)
        out.append(Text("  " + t("explain-recency", lang, last=r.last_contact.isoformat(), days=r.recency_days,
                                 op=op, limit=limit, score=rb.score)))
    op, limit = _band(fb, lang)
    out.append(Text("  " + t("explain-frequency", lang, n=r.frequency, op=op, limit=limit, score=fb.score)))
    if r.contacts:
        out.append(Text("    " + ", ".join(d.strftime("%m-%d") for d in r.contacts), style="dim"))
    op, limit = _band(nb, lang)
    keyword_sum = sum(w for _, w in r.keywords)
    out.append(Text("  " + t("explain-need", lang, marks=r.marks, keywords=num(keyword_sum), value=num(r.need_value),
                             op=op, limit=limit, score=nb.score)))
    if not r.marked and not r.keywords:
        out.append(Text("    " + t("explain-no-needs", lang), style="dim"))
    if r.marked:
        marks = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        marks.add_column(no_wrap=True)
        marks.add_column(no_wrap=True)
        marks.add_column(overflow="fold")   # the text, its source below it: the text gets the width
        for m in r.marked:
            symbols = ("↑" if m.point.interest else "") + ("!" if m.point.urgent else "")
            cell = Text(m.point.text)
            cell.append(f"\n{m.point.source}", style="dim")
            marks.add_row(f"    +{m.count} {symbols}", m.day.strftime("%m-%d"), cell)
        out.append(marks)
    if r.keywords:
        listed = ", ".join(f"#{k} +{num(w)}" for k, w in r.keywords)
        out.append(Text("    " + t("explain-keywords", lang, keywords=listed)))
    out.append(Text("  " + _segment_line(s, settings, lang), style="bold"))
    return out


def explain_payload(one: Score, c: Customer, needs, today: date, lang: str) -> dict:
    """`visitlog score --explain --json`: the customer's scores with the arithmetic and the inferred needs."""
    from .materials import need_json

    return {"today": today.isoformat(), "customers": [{**as_json(one, c), "explain": {
        **explain_json(one), "inferred_needs": [need_json(n, lang) for n in needs]}}]}


def explain_view(one: Score, c: Customer, needs, today: date, settings: Settings, lang: str) -> list:
    """`visitlog score --explain`: the arithmetic, then the needs read across visits."""
    from .materials import needs_view

    return [*explain(one, c, today, settings, lang), "", *needs_view(needs, lang)]


def ranked_payload(rows: list[Score], nb, today: date) -> dict:
    """`visitlog score --json`."""
    return {"today": today.isoformat(), "customers": [as_json(r, nb.customer(r.customer)) for r in rows]}


def ranked_view(rows: list[Score], today: date, lang: str) -> list:
    return table(rows, today, lang) if rows else [t("score-none", lang)]
