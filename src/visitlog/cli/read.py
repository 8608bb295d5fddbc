"""Commands that read the notebook and show it: check, customers, timeline, score, prep."""
from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from ..i18n import t
from .privacy import UnmaskedOpt, mask
from .common import (CustomerArg, JsonOpt, LangOpt, NotesOpt, RepOpt, TeamOpt, TodayOpt, app, complete_customer,
                     find_customer, label_values, respond, session)


# ---------------------------------------------------------------- check
@app.command()
def check(notes: NotesOpt = None, json: JsonOpt = False, lang: LangOpt = None, today: TodayOpt = None,
          show_all: Annotated[bool, typer.Option(
              "--all", help="help-check-all")] = False) -> None:
    """Lint the notebook: YAML and date errors, missing fields, vague actions,
    compliance (docs/compliance.md) and personal data, as `path:line: level: message`.
    Exit 1 when there are errors.

    Example: visitlog check --notes notes --all
    """
    from ..render.text import check_report
    from ..rules.check import problems

    s = session(notes, today, lang, load=False)
    nb = s.load(report=False)
    found = problems(nb, s.today)
    if show_all and nb.silenced:
        found = tuple(sorted((*found, *nb.silenced), key=lambda p: (p.source.path, p.source.line)))
    if json:
        from ..render import jsonout

        jsonout.emit({"problems": [jsonout.problem(p, s.lang) for p in found]})
    else:
        lines, summary = check_report(found, s.notebook, s.lang)
        for line in lines:
            typer.echo(line)
        if nb.silenced and not show_all:
            typer.echo(t("check-silenced-count", s.lang, n=len(nb.silenced)), err=True)
        typer.echo(summary, err=True)
    raise typer.Exit(1 if any(p.level == "error" for p in found) else 0)


# ---------------------------------------------------------------- customers
@app.command()
def customers(notes: NotesOpt = None, today: TodayOpt = None, rep: RepOpt = None, team: TeamOpt = False,
              json: JsonOpt = False, lang: LangOpt = None) -> None:
    """All customers with tier, segment, last contact and the next thing due
    (in a team notebook: yours, or --rep NAME's, or --team with who covers them).

    Example: visitlog customers --today 2026-11-20
    """
    from ..render.jsonout import customers_payload
    from ..render.text import customers_view
    from ..rules.team import overview_for, reps_by_customer

    s = session(notes, today, lang)
    viewer = s.viewer(rep, team)
    rows = overview_for(s.notebook, s.today, s.settings, viewer)
    reps = reps_by_customer(s.notebook, s.today, s.settings) if viewer else None
    # the lean start (visitlog/__main__.py) answers --json too: tests/test_lean.py
    respond(s, json, lambda: customers_payload(rows, s.today, s.lang, s.notebook.problems, reps),
            lambda width: customers_view(rows, s.today, s.lang, reps if viewer == "all" else None))


# ---------------------------------------------------------------- timeline
@app.command()
def timeline(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, json: JsonOpt = False,
             lang: LangOpt = None) -> None:
    """The customer's profile as it evolved, and every contact in order with its
    points, questions, actions and their fate.

    Example: visitlog timeline 王主任
    """
    from ..render.jsonout import timeline_payload
    from ..render.text import timeline_view
    from ..rules.materials import customer_materials

    s = session(notes, today, lang)
    c = find_customer(s, customer)
    had = customer_materials(s.notebook, c, s.today)
    respond(s, json, lambda: timeline_payload(c, had), lambda width: timeline_view(s.notebook, c, had, s.lang, s.today))


# ---------------------------------------------------------------- score
@app.command()
def score(
    notes: NotesOpt = None,
    today: TodayOpt = None,
    tier: Annotated[Optional[List[str]], typer.Option("--tier", metavar="TIER", help="help-score-tier")] = None,
    segment: Annotated[Optional[List[str]], typer.Option(
        "--segment", metavar="SEGMENT", help="help-score-segment")] = None,
    explain: Annotated[Optional[str], typer.Option(
        "--explain", metavar="CUSTOMER", help="help-score-explain",
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
    from ..rules.needs import inferred_needs
    from ..rules.score import SEGMENTS, TIERS, ranked, score as score_of
    from ..rules.team import scores_for

    s = session(notes, today, lang)
    tiers = label_values("--tier", "tier", tier, TIERS, s.lang)
    segments = label_values("--segment", "segment", segment, SEGMENTS, s.lang)
    if explain:
        c = find_customer(s, explain)
        one, needs = score_of(c, s.today, s.settings), inferred_needs(s.notebook, c, s.today, s.settings)
        return respond(s, json, lambda: view.explain_payload(one, c, needs, s.today, s.lang),
                       lambda width: view.explain_view(one, c, needs, s.today, s.settings, s.lang))
    rows = scores_for(ranked(s.notebook, s.today, s.settings, tiers, segments), s.notebook, s.today, s.settings,
                      s.viewer(rep, team))
    respond(s, json, lambda: view.ranked_payload(rows, s.notebook, s.today),
            lambda width: view.ranked_view(rows, s.today, s.lang))


# ---------------------------------------------------------------- prep
@app.command()
def prep(customer: CustomerArg, notes: NotesOpt = None, today: TodayOpt = None, rep: RepOpt = None,
         team: TeamOpt = False,
         verbose: Annotated[bool, typer.Option("-v", "--verbose", help="help-prep-verbose")] = False,
         show_all: Annotated[bool, typer.Option("--all", help="help-prep-all")] = False,
         json: JsonOpt = False, lang: LangOpt = None, unmasked: UnmaskedOpt = False) -> None:
    """The brief before a visit: profile, tier and segment, last contact, open promises,
    unanswered questions, adverse events, products, a suggested purpose, an opening
    line that refers to last time, tips for last time's scenario, the six-step call.

    Example: visitlog prep 刘芳 --today 2026-11-20
    """
    from ..render.newprep import brief_json, brief_view
    from ..render.prepscreen import brief_screen, fitted
    from ..rules.prep import brief
    from ..rules.team import prep_for

    s = session(notes, today, lang)
    if not unmasked:
        mask(s)                        # the brief is shown and shared: personal data starred out
    b = prep_for(brief(s.notebook, find_customer(s, customer), s.today, s.settings), s.notebook, s.viewer(rep, team))
    full = verbose or show_all         # else one screen: docs/new-prep.md, "One screen"
    respond(s, json, lambda: {"today": s.today.isoformat(), **brief_json(b, s.lang)},
            lambda width: fitted(brief_view(b, s.lang), width) if full else brief_screen(b, s.lang, width),
            pager=full)
