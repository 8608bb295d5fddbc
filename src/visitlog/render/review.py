"""The weekly review for people (rich, Markdown) and machines (JSON).

The terminal view and the Markdown file say the same things in the same
order; small bar charts (█) stand where a person would rather look than read:
contacts by tier and channel, question topics, need keywords, competitors.
"""
from __future__ import annotations

import math
from datetime import date

from ..i18n import t, word
from ..notebook.model import Item
from ..rules.promises import KEPT, LATE, OPEN, OVERDUE
from ..rules.review import BY_REPLY, MISSED, PENDING, REPLIED, REPORTED, WAITING, Adverse, Review
from . import jsonout, words

BAR_WIDTH = 16
MAX_ITEMS = 12           # carried-over items shown in the terminal before "and N more"


def bar(n: int, most: int, width: int = BAR_WIDTH) -> str:
    """A bar of `n` against the largest value `most`: at least one block for any n > 0."""
    if n <= 0 or most <= 0:
        return ""
    return "█" * max(1, math.ceil(n * width / most))


def _day(d: date | None, lang: str) -> str:
    return f"{d.strftime('%m-%d')} {t(f'review-day-{d.weekday()}', lang)}" if d else "—"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def _names(names, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(names)


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _join(lang: str, *sentences: str) -> str:
    return ("" if lang == "zh" else " ").join(s for s in sentences if s)


# ---------------------------------------------------------------- JSON
def to_json(r: Review, lang: str, errors: list[dict]) -> dict:
    c, k = r.contacts, r.commitments
    return {
        "week": r.week.label,
        "follow": [{"customer": customer, "action": n.action, "made": n.made.isoformat(), "id": n.target,
                    "until": n.until.isoformat() if n.until else None, "why": n.why, "source": str(n.source)}
                   for customer, n in r.follow],
        "start": r.week.start.isoformat(),
        "end": r.week.end.isoformat(),
        "today": r.today.isoformat(),
        "as_of": r.as_of.isoformat(),
        "contacts": {
            "total": c.total,
            "customers": c.customers,
            "by_tier": dict(c.by_tier),
            "by_channel": dict(c.by_channel),
            "new_customers": list(c.new_customers),
            "plan": {tier: {"asked": asked, "met": met} for tier, asked, met in c.plan_by_tier()},
            "plan_items": [{**jsonout.item(p.item, r.as_of, lang), "status": p.status} for p in c.plan],
            "since": c.since.isoformat(),
            "tier_a_short": [{"customer": x.customer, "contacts": x.contacts, "target": x.target}
                             for x in c.tier_a_short],
        },
        "commitments": {
            "made": k.made,
            "kept": k.count(KEPT),
            "late": k.count(LATE),
            "overdue": k.count(OVERDUE),
            "open": k.count(OPEN),
            "on_time_rate": k.on_time_rate,
            "items": [{"customer": p.customer, "text": p.label, "due": jsonout.day(p.due),
                       "done": jsonout.day(p.done), "fate": p.fate, "source": str(p.source)}
                      for p in k.promises],
        },
        "questions": [{
            "topic": q.topic, "count": q.count, "customers": list(q.customers), "four_weeks": q.four_weeks,
            "keywords": list(q.keywords),
            "questions": [{"customer": a.customer, "text": a.text, "date": a.day.isoformat(),
                           "source": str(a.source)} for a in q.questions],
        } for q in r.questions],
        "needs": [{"keyword": m.name, "count": m.count, "customers": list(m.customers)} for m in r.needs],
        "competitors": [{"name": m.name, "count": m.count, "customers": list(m.customers)} for m in r.competitors],
        "adverse_events": [{
            "customer": a.customer, "date": jsonout.moment(a.visit.moment, a.visit.has_time),
            "description": a.description, "replied": jsonout.day(a.replied),
            "reply_due": jsonout.moment(a.reply_due, a.visit.has_time), "in_time": a.in_time,
            "status": a.status, **report_json(a),
            "source": str(a.visit.adverse_event.source) if a.visit.adverse_event else None,
        } for a in r.adverse_events],
        "wake_up": [{"customer": s.customer, "tier": s.tier, "last_contact": s.last_contact.isoformat(),
                     "silent_days": s.silent_days} for s in r.wake_up],
        "changes": [{"customer": s.customer, "field": s.field, "old": s.old, "new": s.new, "date": s.day.isoformat(),
                     "source": str(s.source) if s.source else None} for s in r.changes],
        "compliance": [{"customer": f.customer, **jsonout.problem(f.problem, lang)} for f in r.compliance],
        "next_week": [jsonout.item(i, r.as_of, lang) for i in r.next_week],
        "carried_over": [jsonout.item(i, r.as_of, lang) for i in r.carried_over],
        **({"materials": _materials_json(r.materials, lang)} if r.materials is not None else {}),
        "errors": errors,
    }


def _materials_json(m, lang: str) -> dict:
    from .materials import group_label

    return {
        "approved": m.materials,
        "sent": [{"need": row.need, "name": group_label(m, row.need, lang),
                  "layers": {layer or "none": n for layer, n in row.layers}, "total": row.total,
                  "customers": list(row.customers)} for row in m.sent],
        "missing": [{"need": x.need, "name": group_label(m, x.need, lang), "customers": list(x.customers),
                     "words": list(x.words), "products": list(x.products)} for x in m.missing],
    }


def report_json(a: Adverse) -> dict:
    """An adverse event's report to pharmacovigilance (`reported:`, due the visit's day), for the JSON views."""
    return {"reported": jsonout.day(a.reported), "report_due": a.visit.day.isoformat(),
            "report_in_time": a.report_in_time, "report_status": a.report_status}


# ---------------------------------------------------------------- shared wording
def _report(a: Adverse, lang: str) -> str:
    """The report step in words: reported (the same day or late), to do today, overdue, or closed by the reply."""
    due = a.visit.day.strftime("%m-%d")
    if a.report_status == REPORTED:
        key = "review-report-in-time" if a.report_in_time else "review-report-late"
        return t(key, lang, date=a.reported.strftime("%m-%d") if a.reported else "", due=due)
    if a.report_status == BY_REPLY:
        return t("review-report-by-reply", lang)
    return t("review-report-waiting" if a.report_status == WAITING else "review-report-overdue", lang, due=due)


def _steps(a: Adverse, lang: str) -> str:
    """Both steps of an adverse event: the report, then the formal reply."""
    return _report(a, lang) + ("；" if lang == "zh" else "; ") + _reply(a, lang)


def _reply(a: Adverse, lang: str) -> str:
    due = a.reply_due.strftime("%m-%d %H:%M") if a.visit.has_time else a.reply_due.strftime("%m-%d")
    if a.status == REPLIED:
        key = "review-reply-in-time" if a.in_time else "review-reply-late"
        return t(key, lang, date=a.replied.strftime("%m-%d") if a.replied else "", due=due)
    return t("review-reply-waiting" if a.status == WAITING else "review-reply-overdue", lang, due=due)


def _fate(p, lang: str) -> str:
    """A promise's status in words: an open one with no deadline says so."""
    if p.fate == OPEN and p.due is None:
        return t("no-date", lang)
    done = f" ✅ {p.done.isoformat()}" if p.done and p.fate in (KEPT, LATE) else ""
    return t("review-fate-" + p.fate, lang) + done


def _change(s, lang: str) -> str:
    if s.field == "tier":
        return t("review-change-tier", lang, customer=s.customer, old=s.old, new=s.new, day=s.day.strftime("%m-%d"))
    return t("review-change-segment", lang, customer=s.customer, old=word("segment", s.old, lang),
             new=word("segment", s.new, lang))


def _item_line(i: Item, lang: str, with_day: bool = False, short: bool = False) -> str:
    head = f"[{t('kind-' + i.kind, lang)}] {i.customer}"
    short_safety = "text-adverse-report" if i.rule == "adverse-event-report" else "text-adverse-event"
    text = words.item_text(i, lang) if i.kind != "safety" or not short else t(short_safety, lang)
    out = f"{head}{_colon(lang)}{text}" if text else head
    if with_day:
        out = f"{_day(i.due, lang)}  {out}"
    return out


def _by_day(items):
    days: dict[date, list[Item]] = {}
    for i in items:
        days.setdefault(i.due, []).append(i)
    return days.items()


def _span(r: Review, lang: str) -> str:
    return t("review-span", lang, start=r.week.start.isoformat(), start_day=t(f"review-day-{r.week.start.weekday()}", lang),
             end=r.week.end.isoformat(), end_day=t(f"review-day-{r.week.end.weekday()}", lang), as_of=r.as_of.isoformat())


# ---------------------------------------------------------------- terminal
class Bullets:
    """A bulleted list for rich: the rows (mark, Text) of a grid (`Table.grid(padding=(0, 1))`, the text
    folded under its bullet when it is too long).

    rich lays out and renders a grid of a thousand rows in about a fifth of a second (the plan's missed
    contacts at 10,000 visits). When no style can show (no colour: a file, a pipe, NO_COLOR) and every
    row fits the width unwrapped, the lines are written directly: each mark, one space, the text, padded
    to the widest text, byte for byte what the grid gives (tests/test_review_render.py compares the two);
    otherwise the grid itself is rendered.
    """

    def __init__(self, rows: list) -> None:
        self.rows = rows

    def table(self):
        from rich.table import Table

        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        for mark, text in self.rows:
            table.add_row(mark, text)
        return table

    def plain_lines(self, console, options) -> list[str] | None:
        """The rows as lines when they can be written directly (see the class), else None."""
        if console.color_system is not None or not self.rows:
            return None
        from rich.cells import cell_len

        marks = [m for m, _ in self.rows]
        texts = [t.plain for _, t in self.rows]
        if any(not m.isprintable() or not x or not x.isprintable() or x != x.strip() for m, x in zip(marks, texts)):
            return None
        mark_width = max(cell_len(m) for m in marks)
        widths = [cell_len(x) for x in texts]
        width = max(widths)
        if min(cell_len(m) for m in marks) == 0 or mark_width + 1 + width > options.max_width:
            return None
        return [f"{m}{' ' * (mark_width - cell_len(m) + 1)}{x}{' ' * (width - w)}"
                for m, x, w in zip(marks, texts, widths)]

    def __rich_console__(self, console, options):
        lines = self.plain_lines(console, options)
        if lines is None:
            yield self.table()
            return
        from rich.segment import Segment

        for line in lines:
            yield Segment(line)
            yield Segment.line()


def view(r: Review, lang: str) -> list:
    """The review as rich renderables, readable at 80 columns."""
    from rich.table import Table
    from rich.text import Text

    out: list = []

    def heading(key: str, **args) -> None:
        out.append(Text(""))
        out.append(Text(t(key, lang, **args), style="bold underline"))

    def chart(rows, label_head: str, extra_head: str | None = None, tail_head: str | None = None) -> Table:
        """rows: (label, n, extra text[, tail number])."""
        most = max((row[1] for row in rows), default=0)
        table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
        table.add_column(label_head, no_wrap=True, max_width=24, overflow="ellipsis")
        table.add_column("", no_wrap=True, style="cyan")
        table.add_column("", justify="right", no_wrap=True)
        if tail_head:
            table.add_column(tail_head, justify="right", no_wrap=True)
        table.add_column(extra_head or "", ratio=1, style="dim", overflow="fold")
        for label, n, extra, *tail in rows:
            table.add_row(label, bar(n, most), str(n), *(str(x) for x in tail), extra)
        return table

    def bullets(lines, mark: str = "•", style: str = "") -> None:
        """A list whose wrapped lines stay indented under their bullet."""
        out.append(Bullets([(f" {mark}", line if isinstance(line, Text) else Text(str(line), style=style))
                            for line in lines]))

    title = Text(t(getattr(r.week, "title_key", "review-title"), lang, week=r.week.label), style="bold")
    out.append(title)
    out.append(Text(_span(r, lang), style="dim"))

    # contacts
    c = r.contacts
    heading("review-contacts")
    out.append(Text(t("review-contacts-summary", lang, total=c.total, customers=c.customers)))
    if c.new_customers:
        out.append(Text(t("review-new-customers", lang, names=_names(c.new_customers, lang))))
    plan = {tier: (asked, met) for tier, asked, met in c.plan_by_tier()}
    most = max((n for _, n in c.by_tier), default=0)
    tiers = Table(box=None, pad_edge=False, header_style="dim")
    for head, justify in ((t("review-col-tier", lang), "left"), ("", "left"), (t("review-col-contacts", lang), "right"),
                          (t("review-col-asked", lang), "right"), (t("review-col-met", lang), "right")):
        tiers.add_column(head, justify=justify, no_wrap=True, style="cyan" if head == "" else None)
    for tier, n in c.by_tier:
        asked, met = plan.get(tier, (0, 0))
        tiers.add_row(tier, bar(n, most), str(n), str(asked), Text(str(met), style="green" if met == asked else "yellow"))
    out.append(tiers)
    out.append(chart([(word("channel", ch, lang), n, "") for ch, n in c.by_channel], t("review-col-channel", lang)))
    out.append(Text(t("review-plan-note", lang), style="dim"))
    for status, key, style in ((MISSED, "review-plan-missed", "yellow"), (PENDING, "review-plan-pending", "")):
        chosen = [p.item for p in c.plan if p.status == status]
        if chosen:
            out.append(Text(f"{t(key, lang)} ({len(chosen)})", style=f"bold {style}".strip()))
            bullets(t("review-plan-line", lang, customer=i.customer, tier=i.tier, text=words.item_text(i, lang),
                      due=_day(i.due, lang)) for i in chosen)
    if c.tier_a_short:
        target = c.tier_a_short[0].target
        out.append(Text(t("review-tier-a-short", lang, target=target, start=c.since.strftime("%m-%d")),
                        style="bold yellow"))
        bullets(t("review-tier-a-line", lang, customer=x.customer, n=x.contacts, target=x.target)
                for x in c.tier_a_short)

    # commitments
    k = r.commitments
    heading("review-commitments")
    out.append(Text(t("review-commitments-summary", lang, made=k.made, kept=k.count(KEPT), late=k.count(LATE),
                      overdue=k.count(OVERDUE), open=k.count(OPEN))))
    decided = k.count(KEPT) + k.count(LATE) + k.count(OVERDUE)
    out.append(Text(t("review-on-time", lang, rate=_percent(k.on_time_rate), decided=decided) if decided
                    else t("review-on-time-none", lang), style="bold"))
    slipped = [p for p in k.promises if p.fate in (OVERDUE, LATE)]
    if slipped:
        out.append(Text(t("review-slipped", lang), style="bold red"))
        lines = []
        for p in slipped:
            line = Text(f"{'☐' if p.fate == OVERDUE else '✔'} {p.customer}{_colon(lang)}{p.label}")
            line.append(f"  📅 {p.due.strftime('%m-%d') if p.due else '—'}", style="cyan")
            if p.done:
                line.append(f"  ✅ {p.done.strftime('%m-%d')}", style="green")
            line.append(f"  {t('review-fate-' + p.fate, lang)}", style="red")
            lines.append(line)
        bullets(lines, mark="")

    # questions, needs, competitors
    heading("review-questions")
    if r.questions:
        out.append(Text(t("review-questions-note", lang), style="dim"))
        out.append(chart([(q.topic, q.count, _names(q.customers, lang), q.four_weeks) for q in r.questions],
                         t("review-col-topic", lang), t("review-col-customers", lang), t("review-col-four-weeks", lang)))
    else:
        out.append(Text(t("review-no-questions", lang)))
    for key, rows, head in (("review-needs", r.needs, "review-col-keyword"),
                            ("review-competitors", r.competitors, "review-col-competitor")):
        heading(key)
        if rows:
            out.append(chart([(m.name, m.count, _names(m.customers, lang)) for m in rows], t(head, lang),
                             t("review-col-customers", lang)))
        else:
            out.append(Text(t("review-none", lang)))
    if r.materials is not None:                 # the material library (rules/materials.py)
        from .materials import review_lines

        for key, lines in review_lines(r.materials, lang):
            heading(key)
            if lines:
                bullets(lines)
            else:
                out.append(Text(t("review-none", lang)))

    # adverse events
    heading("review-adverse")
    if r.adverse_events:
        lines = []
        for a in r.adverse_events:
            style = "green" if a.status == REPLIED and a.in_time else "red" if a.status != WAITING else "yellow"
            report_ok = a.report_status == BY_REPLY or a.report_status == REPORTED and a.report_in_time
            report_style = "green" if report_ok else "red" if a.report_status != WAITING else "yellow"
            line = Text(f"{a.customer} {a.visit.moment.strftime('%m-%d')}  ")
            line.append(_report(a, lang), style=f"bold {report_style}")
            line.append("；" if lang == "zh" else "; ")
            line.append(_reply(a, lang), style=f"bold {style}")
            if a.description:
                line.append(f"\n{a.description}", style="dim")
            lines.append(line)
        bullets(lines, mark="⚠")
    else:
        out.append(Text(t("review-none", lang)))

    # wake-up, changes, compliance
    heading("review-wake-up")
    if r.wake_up:
        out.append(Text(t("review-wake-up-note", lang, days=r.wake_up_days, as_of=r.as_of.isoformat()), style="dim"))
        bullets(f"{s.customer} ({s.tier})  {t('review-col-last', lang)} {s.last_contact.isoformat()}"
                f" · {t('review-col-silent', lang)} {s.silent_days}" for s in r.wake_up)
    else:
        out.append(Text(t("review-none", lang)))
    heading("review-changes")
    if r.changes:
        bullets(_change(s, lang) for s in r.changes)
    else:
        out.append(Text(t("review-none", lang)))
    heading("review-compliance")
    if r.compliance:
        lines = []
        for f in r.compliance:
            line = Text(f"{f.customer}{_colon(lang)}{words.message(f.problem, lang)}")
            line.append(f"\n{f.problem.source}", style="dim")
            lines.append(line)
        bullets(lines)
    else:
        out.append(Text(t("review-none", lang)))

    if r.follow:
        heading("review-follow-heading")
        bullets(follow_line(customer, n, lang) for customer, n in r.follow)

    # next week
    following = r.week.next()
    heading("review-next-week", start=following.start.strftime("%m-%d"), end=following.end.strftime("%m-%d"))
    if r.next_week:
        for day, items in _by_day(r.next_week):
            out.append(Text(_day(day, lang), style="bold cyan"))
            bullets(Text(_item_line(i, lang), style="red" if i.kind == "safety" else "") for i in items)
    else:
        out.append(Text(t("review-none", lang)))
    if r.carried_over:
        out.append(Text(t("review-carried-over", lang, n=len(r.carried_over)), style="bold yellow"))
        bullets(_item_line(i, lang, with_day=True, short=True) for i in r.carried_over[:MAX_ITEMS])
        if len(r.carried_over) > MAX_ITEMS:
            out.append(Text("  " + t("review-more", lang, n=len(r.carried_over) - MAX_ITEMS), style="dim"))
    return out


# ---------------------------------------------------------------- Markdown
def _cell(value) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(heads: list[str], rows: list[list], align: list[str] | None = None) -> list[str]:
    align = align or ["l"] * len(heads)
    rule = ["---:" if a == "r" else "---" for a in align]
    out = ["| " + " | ".join(_cell(h) for h in heads) + " |", "| " + " | ".join(rule) + " |"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out


def follow_line(customer: str, n, lang: str) -> str:
    """A snooze or skip of the week, with its reason."""
    key = "review-follow-snooze" if n.action == "snooze" else "review-follow-skip"
    return t(key, lang, made=n.made.strftime("%m-%d"), customer=customer, kind=n.label or n.target,
             until=n.until.isoformat() if n.until else "", why=n.why)


def markdown(r: Review, lang: str) -> str:
    """The review as a Markdown document a rep can hand in as the weekly report."""
    lines: list[str] = [f"# {t(getattr(r.week, 'title_key', 'review-title'), lang, week=r.week.label)}", "", _span(r, lang), ""]

    def section(key: str, **args) -> None:
        lines.extend([f"## {t(key, lang, **args)}", ""])

    def para(text: str) -> None:
        lines.extend([text, ""])

    def bullets(items) -> None:
        lines.extend(f"- {' '.join(str(x).split())}" for x in items)
        lines.append("")

    # contacts
    c = r.contacts
    section("review-contacts")
    para(_join(lang, t("review-contacts-summary", lang, total=c.total, customers=c.customers),
               t("review-new-customers", lang, names=_names(c.new_customers, lang)) if c.new_customers else ""))
    plan = {tier: (asked, met) for tier, asked, met in c.plan_by_tier()}
    most = max((n for _, n in c.by_tier), default=0)
    lines.extend(_table([t("review-col-tier", lang), t("review-col-contacts", lang), "",
                         t("review-col-asked", lang), t("review-col-met", lang)],
                        [[tier, n, bar(n, most), *plan.get(tier, (0, 0))] for tier, n in c.by_tier],
                        ["l", "r", "l", "r", "r"]))
    lines.append("")
    most = max((n for _, n in c.by_channel), default=0)
    lines.extend(_table([t("review-col-channel", lang), t("review-col-contacts", lang), ""],
                        [[word("channel", ch, lang), n, bar(n, most)] for ch, n in c.by_channel], ["l", "r", "l"]))
    lines.append("")
    para(f"*{t('review-plan-note', lang)}*")
    for status, key in ((MISSED, "review-plan-missed"), (PENDING, "review-plan-pending")):
        chosen = [p.item for p in c.plan if p.status == status]
        if chosen:
            para(f"**{t(key, lang)}** ({len(chosen)})")
            bullets(t("review-plan-line", lang, customer=i.customer, tier=i.tier, text=words.item_text(i, lang),
                      due=_day(i.due, lang)) for i in chosen)
    if c.tier_a_short:
        para(f"**{t('review-tier-a-short', lang, target=c.tier_a_short[0].target, start=c.since.strftime('%m-%d'))}**")
        bullets(t("review-tier-a-line", lang, customer=x.customer, n=x.contacts, target=x.target)
                for x in c.tier_a_short)

    # commitments
    k = r.commitments
    section("review-commitments")
    decided = k.count(KEPT) + k.count(LATE) + k.count(OVERDUE)
    para(_join(lang, t("review-commitments-summary", lang, made=k.made, kept=k.count(KEPT), late=k.count(LATE),
                       overdue=k.count(OVERDUE), open=k.count(OPEN)),
               "**" + (t("review-on-time", lang, rate=_percent(k.on_time_rate), decided=decided) if decided
                       else t("review-on-time-none", lang)) + "**"))
    if k.promises:
        lines.extend(_table([t("customer", lang), t("review-col-promise", lang), t("review-col-due", lang),
                             t("review-col-fate", lang)],
                            [[p.customer, p.label, p.due.isoformat() if p.due else "—", _fate(p, lang)]
                             for p in k.promises]))
        lines.append("")

    # questions
    section("review-questions")
    if r.questions:
        para(f"*{t('review-questions-note', lang)}*")
        most = max(q.count for q in r.questions)
        lines.extend(_table([t("review-col-topic", lang), t("review-col-count", lang), "",
                             t("review-col-customers", lang), t("review-col-four-weeks", lang)],
                            [[q.topic, q.count, bar(q.count, most), _names(q.customers, lang), q.four_weeks]
                             for q in r.questions], ["l", "r", "l", "l", "r"]))
        lines.append("")
        for q in r.questions:
            if q.count > 1:
                lines.append(f"**{_cell(q.topic)}**")
                lines.append("")
                bullets(f"{a.customer} ({a.day.strftime('%m-%d')}){_colon(lang)}{a.text}" for a in q.questions)
    else:
        para(t("review-no-questions", lang))

    for key, rows, head in (("review-needs", r.needs, "review-col-keyword"),
                            ("review-competitors", r.competitors, "review-col-competitor")):
        section(key)
        if rows:
            most = max(m.count for m in rows)
            lines.extend(_table([t(head, lang), t("review-col-contacts", lang), "", t("review-col-customers", lang)],
                                [[m.name, m.count, bar(m.count, most), _names(m.customers, lang)] for m in rows],
                                ["l", "r", "l", "l"]))
            lines.append("")
            para(f"*{t('review-mentions-note', lang)}*")
        else:
            para(t("review-none", lang))
    if r.materials is not None:
        from .materials import review_lines

        for key, rows in review_lines(r.materials, lang):
            section(key)
            if rows:
                bullets(rows)
            else:
                para(t("review-none", lang))

    section("review-adverse")
    if r.adverse_events:
        lines.extend(_table([t("customer", lang), t("review-col-date", lang),
                             t("review-col-description", lang), t("review-col-report", lang),
                             t("review-col-reply", lang)],
                            [[a.customer, jsonout.moment(a.visit.moment, a.visit.has_time).replace("T", " "),
                              a.description or "—", _report(a, lang), _reply(a, lang)] for a in r.adverse_events]))
        lines.append("")
    else:
        para(t("review-none", lang))

    section("review-wake-up")
    if r.wake_up:
        para(t("review-wake-up-note", lang, days=r.wake_up_days, as_of=r.as_of.isoformat()))
        lines.extend(_table([t("customer", lang), t("review-col-tier", lang), t("review-col-last", lang),
                             t("review-col-silent", lang)],
                            [[s.customer, s.tier, s.last_contact.isoformat(), s.silent_days] for s in r.wake_up],
                            ["l", "l", "l", "r"]))
        lines.append("")
    else:
        para(t("review-none", lang))

    section("review-changes")
    if r.changes:
        bullets(_change(s, lang) for s in r.changes)
    else:
        para(t("review-none", lang))

    section("review-compliance")
    if r.compliance:
        bullets(f"{f.customer}{_colon(lang)}{words.message(f.problem, lang)} (`{f.problem.source}`)"
                for f in r.compliance)
    else:
        para(t("review-none", lang))

    if r.follow:
        section("review-follow-heading")
        bullets(follow_line(customer, n, lang) for customer, n in r.follow)

    following = r.week.next()
    section("review-next-week", start=following.start.strftime("%m-%d"), end=following.end.strftime("%m-%d"))
    if r.next_week:
        for day, items in _by_day(r.next_week):
            para(f"**{_day(day, lang)}**")
            bullets(_item_line(i, lang) for i in items)
    else:
        para(t("review-none", lang))
    if r.carried_over:
        para(f"**{t('review-carried-over', lang, n=len(r.carried_over))}**")
        bullets(_item_line(i, lang, with_day=True) for i in r.carried_over)

    lines.extend(["---", "", f"*{t('review-footer', lang)}*", ""])
    return "\n".join(lines)


def save(root, r: Review, lang: str):
    """Write the review's Markdown to `reviews/YYYY-Www.md` in the notebook, atomically; the path."""
    from pathlib import Path

    from ..notebook.files import atomic_write

    path = Path(root) / "reviews" / f"{r.week.label}.md"
    atomic_write(path, markdown(r, lang).encode("utf-8"))
    return path
