"""Output of `visitlog new` (what was understood) and `visitlog prep` (the brief)."""
from __future__ import annotations

from rich.text import Text

from ..i18n import t, word
from ..notebook.model import Problem, Visit
from ..rules.prep import Brief, shorten
from . import jsonout
from .text import action_fate, contact_summary, contact_when, problem_line

LIST_LIMIT = 6


# ------------------------------------------------------------------ new
def understood(rel: str, visit: Visit | None, problems: tuple[Problem, ...], lang: str,
               accepted: tuple[str, ...] = ()) -> list:
    """What `new` read back from the written note: actions with dates, questions, warnings, and which
    playbook steps were accepted as promises and which are still only suggested."""
    out: list = [Text(t("new-written", lang, path=rel), style="bold")]
    if visit is None:
        out.append(Text(t("new-not-a-visit", lang, path=rel), style="red"))
    else:
        out.append(Text(t("new-understood", lang)))
        for label, points in (("questions", visit.questions), ("interests", visit.interests),
                              ("urgent", visit.urgent)):
            if points:
                out.append(Text(f"  {t(label, lang)}: " + "；".join(p.text for p in points)))
        if visit.actions:
            out.append(Text(f"  {t('actions', lang)}:"))
            for a in visit.actions:
                out.append(Text("    ") + action_fate(a, lang))
        if not (visit.questions or visit.interests or visit.urgent or visit.actions):
            out.append(Text(f"  {t('new-nothing', lang)}", style="dim"))
        from ..notebook.parse import strip_fields

        labels = {a.label for a in visit.actions}
        for line in accepted:
            text = strip_fields(line.removeprefix("- [ ] "))
            if text in labels:
                out.append(Text("  " + t("new-accepted", lang, text=text), style="green"))
        for n, text in enumerate(visit.suggestions, 1):
            out.append(Text(f"  {t('new-suggested', lang, text=text)}", style="dim"))
    for p in problems:
        if p.level == "silenced":             # marked compliance-ok on purpose: `check --all` shows it
            continue
        out.append(Text(problem_line(p, lang), style="red" if p.level == "error" else "yellow"))
    return out


def new_json(rel: str, path: str, draft, visit: Visit | None, problems, lang: str) -> dict:
    return {
        "path": path,
        "source": rel,
        "customer": draft.customer,
        "new_customer": not draft.known,
        "purpose": draft.purpose,
        "style": draft.style,
        "template": draft.template,
        "accepted": [line.removeprefix("- [ ] ") for line in getattr(draft, "accepted", ())],
        "suggested": [line.removeprefix("- [ ] ") for line in draft.playbook],
        "contact": jsonout.contact(visit) if visit else None,
        "problems": [jsonout.problem(p, lang) for p in problems],
    }


# ------------------------------------------------------------------ prep
def _limited(rows: list, lang: str) -> list:
    if len(rows) <= LIST_LIMIT:
        return rows
    return rows[:LIST_LIMIT] + [Text(f"    {t('prep-more', lang, n=len(rows) - LIST_LIMIT)}", style="dim")]


def promise_status(p, lang: str) -> str:
    if p.status == "overdue":
        return t("overdue-by", lang, days=p.overdue_days)
    if p.status == "today":
        return t("prep-due-today", lang)
    if p.status == "upcoming":
        return t("in-days", lang, days=-p.overdue_days)
    return t("no-date", lang)


def _potential(b: Brief, lang: str) -> str:
    value = b.tier.potential.value
    return t("unscored", lang) if value is None else f"{value:g}"


def tip(s, lang: str) -> str:
    """How to handle a scenario; an adverse event already sent to pharmacovigilance says so."""
    args = dict(s.args)
    key = f"tip-{s.key}-reported" if s.key == "adverse" and args.get("reported") else f"tip-{s.key}"
    return t(key, lang, **args)


def brief_view(b: Brief, lang: str) -> list:
    """One screen: who, last time, what is open, what to do, how to open."""
    c = b.customer
    out: list = []
    head = Text(t("prep-title", lang, name=c.name), style="bold")
    if c.aliases:
        head.append(f"  ({'/'.join(c.aliases)})", style="dim")
    out.append(head)
    profile = dict(b.profile)
    facts = [str(profile[k]) for k in ("hospital", "department", "title") if profile.get(k)]
    if profile.get("role"):
        facts.append(f"{t('role', lang)}: {word('role', profile['role'], lang)}")
    if profile.get("style"):
        facts.append(f"{t('style', lang)}: {word('style', profile['style'], lang)}")
    facts.append(f"{t('prep-address', lang)}: {b.address}")
    out.append(Text("  " + " · ".join(facts)))
    tier_line = t("prep-tier-line", lang, tier=b.tier.tier, segment=word("segment", b.rfm.segment, lang),
                  rfm=b.rfm.code, potential=_potential(b, lang))
    tier_line += " · " + t("prep-established" if b.established else "prep-new-customer", lang)
    out.append(Text("  " + tier_line, style="dim"))
    rhythm = rhythm_parts(c, lang)
    if rhythm:
        out.append(Text("  " + t("prep-rhythm", lang, parts=" · ".join(rhythm))))
    if b.products:
        out.append(Text(f"  {t('products', lang)}: {', '.join(b.products)}"))

    out.append(Text(""))
    if b.last is None:
        out.append(Text(f"{t('prep-last', lang)}: {t('prep-no-contact', lang)}", style="bold"))
    else:
        v = b.last
        line = Text(f"{t('prep-last', lang)}: ", style="bold")
        line.append(f"{contact_when(v)} ({t('prep-days-ago', lang, days=(b.today - v.day).days)}) · ")
        out.append(line + contact_summary(v, lang))
        rows = []
        for p in v.points:
            if p.is_action:
                continue
            marks = ("?" if p.question else "") + ("↑" if p.interest else "") + ("!" if p.urgent else "")
            rows.append(Text(f"  {marks:>3} " if marks else "      ") + Text(p.text))
        out.extend(_limited(rows, lang))
        if v.competitors:
            out.append(Text(f"      {t('competitors', lang)}: {', '.join(v.competitors)}", style="dim"))

    out.append(Text(""))
    out.append(Text(f"{t('prep-promises', lang)} ({len(b.promises)})", style="bold"))
    rows = []
    for p in b.promises:
        row = Text("  ") + action_fate(p.action, lang)
        if p.status != "no-date":
            row.append(f"  [{promise_status(p, lang)}]", style="red" if p.status == "overdue" else "yellow"
                       if p.status == "today" else "dim")
        row.append(f"  {t('prep-promised', lang, day=p.visit_day.strftime('%m-%d'))}", style="dim")
        rows.append(row)
    out.extend(_limited(rows, lang) or [Text(f"  {t('prep-none', lang)}", style="dim")])

    out.append(Text(f"{t('prep-questions', lang)} ({len(b.questions)})", style="bold"))
    rows = [Text(f"  ? {q.point.text}") + Text(f"  {t('prep-asked', lang, day=q.day.strftime('%m-%d'))}",
                                                 style="dim") for q in b.questions]
    out.extend(_limited(rows, lang) or [Text(f"  {t('prep-none', lang)}", style="dim")])

    if b.events:
        out.append(Text(f"{t('prep-events', lang)} ({len(b.events)})", style="bold red"))
        for e in b.events:
            late = (b.today - e.reply_due).days if e.open else 0
            status = (t("prep-event-late", lang, days=late, due=e.reply_due.isoformat()) if late > 0
                      else t("prep-event-open", lang, due=e.reply_due.isoformat()) if e.open
                      else t("replied", lang, date=e.event.replied.isoformat()))
            out.append(Text(f"  ⚠ {e.day.isoformat()}  {status}", style="bold red" if e.open else "dim"))
            if e.report_open:                              # the report to pharmacovigilance: the same day
                out.append(Text(f"    {t('prep-event-report-open', lang, due=e.day.isoformat())}", style="bold red"))
            elif e.event.reported is not None:
                out.append(Text(f"    {t('prep-event-reported', lang, date=e.event.reported.isoformat())}",
                                style="dim"))
            from .duetext import wrap                      # wrapped lines keep their indent

            for line in wrap(e.event.description, 76):
                out.append(Text(f"    {line}", style="red" if e.open else ""))
    if b.interests:
        out.append(Text(t("prep-interests", lang), style="bold"))
        out.extend(Text(f"  ↑ {shorten(x, 40)}") for x in b.interests[:3])

    out.append(Text(""))
    purpose = Text(f"{t('prep-purpose', lang)}: ", style="bold")
    purpose.append(word("purpose", b.purpose, lang), style="bold cyan")
    purpose.append(f" — {t(b.purpose_reason, lang, **dict(b.purpose_args))}")
    out.append(purpose)
    out.append(Text(f"{t('prep-opening', lang)}: ", style="bold") + Text(t(b.opening, lang, **dict(b.opening_args))))
    if b.scenarios:
        out.append(Text(f"{t('prep-scenario', lang)}:", style="bold"))
        for s in b.scenarios:
            out.append(Text(f"  • {t('scenario-' + s.key, lang)}", style="bold") + Text(f"  ({s.evidence})", style="dim"))
            out.append(Text(f"    {tip(s, lang)}"))
    from . import materials as bring

    out.append(Text(""))
    out.extend(bring.needs_view(b.needs, lang, detail=False))
    out.extend(bring.bring_view(b.bring, b.has_library, lang))
    out.append(Text(""))
    out.append(Text(t("prep-checklist", lang), style="bold"))
    for n in range(1, 7):
        out.append(Text(f"  {n}. {t(f'prep-step-{n}', lang)}", style="dim"))
    return out


def rhythm_parts(c, lang: str) -> list[str]:
    """The profile's own rhythm in words: `cadence`, `channel`, `hours` (docs/due.md)."""
    p = c.profile_file
    if p is None:
        return []
    parts = []
    if p.cadence:
        parts.append(t("prep-cadence", lang, days=p.cadence))
    if p.channel:
        parts.append(t("note-channel", lang, channel=word("channel", p.channel, lang)))
    if p.hours_text and p.hours:
        parts.append(t("note-hours-fits", lang, see_hours=p.hours_text))
    return parts


def brief_json(b: Brief, lang: str) -> dict:
    from . import materials as bring

    c = b.customer
    v = b.last
    p = c.profile_file
    return {
        "rhythm": {"cadence": p.cadence if p else None, "channel": p.channel if p else None,
                   "hours": p.hours_text if p and p.hours else None},
        "customer": c.name,
        "aliases": list(c.aliases),
        "address": b.address,
        "profile": jsonout.flat_profile(c),
        "tier": b.tier.tier,
        "tier_source": b.tier.source,
        "potential": jsonout.number(b.tier.potential.value),
        "segment": b.rfm.segment,
        "rfm": b.rfm.code,
        "established": b.established,
        "last_contact": jsonout.contact(v) if v else None,
        "days_since_last": (b.today - v.day).days if v else None,
        "open_actions": [{
            **jsonout.action(p.action),
            "promised": p.visit_day.isoformat(),
            "state": p.status,
            "overdue_days": p.overdue_days,
        } for p in b.promises],
        "unanswered_questions": [{"text": q.point.text, "date": q.day.isoformat(), "source": str(q.point.source)}
                                 for q in b.questions],
        "adverse_events": [{
            "date": e.day.isoformat(), "description": e.event.description, "replied": jsonout.day(e.event.replied),
            "reply_due": e.reply_due.isoformat(), "status": "open" if e.open else "replied",
            "reported": jsonout.day(e.event.reported), "report_due": e.day.isoformat(),
            "report_status": "open" if e.report_open else "reported" if e.event.reported else "replied",
            "source": str(e.event.source),
        } for e in b.events],
        "products": list(b.products),
        "interests": list(b.interests),
        "suggested_purpose": {"purpose": b.purpose, "rule": b.purpose_reason.removeprefix("prep-why-"),
                              "reason": t(b.purpose_reason, lang, **dict(b.purpose_args))},
        "opening": t(b.opening, lang, **dict(b.opening_args)),
        "scenarios": [{"scenario": s.key, "evidence": s.evidence, "label": t("scenario-" + s.key, lang),
                       "tip": tip(s, lang)} for s in b.scenarios],
        "checklist": [t(f"prep-step-{n}", lang) for n in range(1, 7)],
        "inferred_needs": [bring.need_json(n, lang) for n in b.needs],
        "what_to_bring": [bring.suggestion_json(s, lang) for s in b.bring],
    }
