"""Commands that read the notebook and show it: check, customers, timeline, score, prep."""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from ..i18n import t
from .common import (CustomerArg, JsonOpt, LangOpt, NotesOpt, RepOpt, TeamOpt, TodayOpt, app, complete_customer, fail,
                     find_customer, label_values, session)


# ---------------------------------------------------------------- check
@app.command()
def check(notes: NotesOpt = None, json: JsonOpt = False, lang: LangOpt = None, today: TodayOpt = None) -> None:
    """Lint the notebook: YAML and date errors, missing fields, vague actions,
    compliance wording and personal data, as `path:line: level: message`.
    Exit 1 when there are errors.

    Example: visitlog check --notes notes
    """
    from dataclasses import replace

    from ..rules.materials import material_problems
    from ..rules.records import thin_visits

    s = session(notes, today, lang, load=False)
    nb = s.load(report=False)
    found = tuple(material_problems(nb, s.today)) + tuple(thin_visits(nb))
    nb = replace(nb, problems=tuple(sorted(nb.problems + found,
                                           key=lambda p: (p.source.path, p.source.line))))
    errors = [p for p in nb.problems if p.level == "error"]
    if json:
        from ..render import jsonout

        jsonout.emit({"problems": [jsonout.problem(p, s.lang) for p in nb.problems]})
    else:
        from ..render.text import problem_line

        for p in nb.problems:
            typer.echo(problem_line(p, s.lang))
        warnings = len(nb.problems) - len(errors)
        summary = (t("check-summary", s.lang, errors=len(errors), warnings=warnings, files=nb.files)
                   if nb.problems else
                   t("check-ok", s.lang, files=nb.files, visits=len(nb.visits), customers=len(nb.customers)))
        typer.echo(summary, err=True)
    raise typer.Exit(1 if errors else 0)


# ---------------------------------------------------------------- customers
@app.command()
def customers(notes: NotesOpt = None, today: TodayOpt = None, rep: RepOpt = None, team: TeamOpt = False,
              json: JsonOpt = False, lang: LangOpt = None) -> None:
    """All customers with tier, segment, last contact and the next thing due
    (in a team notebook: yours, or --rep NAME's, or --team with who covers them).

    Example: visitlog customers --today 2026-11-20
    """
    from ..rules.team import overview_for, reps_by_customer

    s = session(notes, today, lang)
    viewer = s.viewer(rep, team)
    rows = overview_for(s.notebook, s.today, s.settings, viewer)
    reps = reps_by_customer(s.notebook, s.today, s.settings) if viewer else None
    if json:  # the lean start (visitlog/__main__.py) answers this too: tests/test_lean.py
        from ..render.jsonout import customers_payload, emit

        emit(customers_payload(rows, s.today, s.lang, s.notebook.problems, reps))
        return
    from ..render.text import console, customers_table

    out = console()
    out.print(customers_table(rows, s.today, s.lang, reps if viewer == "all" else None)
              if rows else t("no-customers", s.lang))


# ---------------------------------------------------------------- timeline
@app.command()
def timeline(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, json: JsonOpt = False,
             lang: LangOpt = None) -> None:
    """The customer's profile as it evolved, and every contact in order with its
    points, questions, actions and their fate.

    Example: visitlog timeline 王主任
    """
    s = session(notes, today, lang)
    c = find_customer(s, customer)
    if json:
        from ..render import jsonout

        from ..render.materials import received_json
        from ..rules.materials import ladder, sent

        received = sent(s.notebook, c, s.today)
        jsonout.emit({
            "customer": c.name, "aliases": list(c.aliases), "profile": jsonout.flat_profile(c),
            "first_contact": jsonout.day(c.first_contact),
            "changes": [jsonout.change(ch) for ch in c.changes],
            "contacts": [jsonout.contact(v) for v in c.visits],
            "materials": [received_json(r) for r in received],
            "ladder": [{"need": r.need, "layers": {layer: [x.material.id for x in had] for layer, had in r.had}}
                       for r in ladder(s.notebook, c, s.today, received)],
            "errors": s.errors_json(),
        })
        return
    from ..render.materials import ladder_view
    from ..render.text import console, timeline as render_timeline
    from ..rules.materials import ladder, sent

    out = console()
    for part in render_timeline(c, s.lang, s.today):
        out.print(part)
    if s.notebook.materials:
        received = sent(s.notebook, c, s.today)
        out.print("")
        for part in ladder_view(s.notebook, ladder(s.notebook, c, s.today, received), received, s.lang):
            out.print(part)



# ---------------------------------------------------------------- score
@app.command()
def score(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    tier: Annotated[Optional[List[str]], typer.Option("--tier", help="Only these tiers: A, B, C.")] = None,
    segment: Annotated[Optional[List[str]], typer.Option(
        "--segment", help="Only these segments: consultative|顾问式, maintain|维护, wake-up|唤醒.")] = None,
    explain: Annotated[Optional[str], typer.Option(
        "--explain", metavar="CUSTOMER", help="Show every input, weight and threshold behind one customer's scores.",
        autocompletion=complete_customer)] = None,
    rep: RepOpt = None,
    team: TeamOpt = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
) -> None:
    """Potential tiers (A/B/C) and RFM segments, sorted by tier then potential
    (in a team notebook: the customers you work with, or --rep NAME's, or --team).

    Example: visitlog score --today 2026-11-20 --explain 王主任
    """
    from ..render import score as view
    from ..render.jsonout import emit
    from ..rules.score import SEGMENTS, TIERS, ranked, score as score_of

    s = session(notes, today, lang)
    tiers = label_values("--tier", "tier", tier, TIERS, s.lang)
    segments = label_values("--segment", "segment", segment, SEGMENTS, s.lang)
    if explain:
        from ..render import materials as needs_view
        from ..rules.needs import inferred_needs

        c = find_customer(s, explain)
        one = score_of(c, s.today, s.settings)
        needs = inferred_needs(s.notebook, c, s.today, s.settings)
        if json:
            emit({"today": s.today.isoformat(), "customers": [{**view.as_json(one, c), "explain": {
                **view.explain_json(one), "inferred_needs": [needs_view.need_json(n, s.lang) for n in needs]}}],
                  "errors": s.errors_json()})
            return
        from ..render.text import console

        out = console()
        for part in [*view.explain(one, c, s.today, s.settings, s.lang), "", *needs_view.needs_view(needs, s.lang)]:
            out.print(part)
        return
    from ..rules.team import scores_for

    rows = scores_for(ranked(s.notebook, s.today, s.settings, tiers, segments), s.notebook, s.today, s.settings,
                      s.viewer(rep, team))
    if json:
        emit({"today": s.today.isoformat(), "customers": [view.as_json(r, s.notebook.customer(r.customer)) for r in rows],
              "errors": s.errors_json()})
        return
    from ..render.text import console

    out = console()
    for part in view.table(rows, s.today, s.lang) if rows else [t("score-none", s.lang)]:
        out.print(part)



# ---------------------------------------------------------------- prep
@app.command()
def prep(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, rep: RepOpt = None,
         team: TeamOpt = False, json: JsonOpt = False, lang: LangOpt = None) -> None:
    """The brief before a visit: profile, tier and segment, last contact, open promises,
    unanswered questions, adverse events, products, a suggested purpose, an opening
    line that refers to last time, tips for last time's scenario, the six-step call.

    Example: visitlog prep 刘芳 --today 2026-11-20
    """
    from ..rules.prep import brief
    from ..rules.team import prep_for

    s = session(notes, today, lang)
    b = prep_for(brief(s.notebook, find_customer(s, customer), s.today, s.settings), s.notebook, s.viewer(rep, team))
    if json:
        from ..render import jsonout
        from ..render.newprep import brief_json

        jsonout.emit({"today": s.today.isoformat(), **brief_json(b, s.lang), "errors": s.errors_json()})
        return
    from ..render.newprep import brief_view
    from ..render.text import console

    out = console()
    for part in brief_view(b, s.lang):
        out.print(part)
