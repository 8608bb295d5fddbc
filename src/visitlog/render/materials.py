"""Materials as people and machines read them: inferred needs with their evidence,
"what to bring" with reasons, the timeline's ladder, a due item's one line."""
from __future__ import annotations

from ..i18n import t, word

NEED_ROWS = 5


def need_name(need, lang: str) -> str:
    return need.emphasis.name(lang) if need.emphasis else need.id


def emphasis_text(need, lang: str) -> str:
    return need.emphasis.text(lang) if need.emphasis else t("need-no-emphasis", lang)


def need_evidence(need, lang: str) -> str:
    words = "、".join(need.words[:3]) if lang == "zh" else ", ".join(need.words[:3])
    return t(f"need-evidence-{need.rule}", lang, recent=need.recent, of=need.of, contacts=len(need.mentions),
             first=need.mentions[0].day.isoformat(), last=need.mentions[-1].day.isoformat(), words=words)


def group_name(nb, key: str, lang: str) -> str:
    found = next((e for e in nb.emphases if e.id == key), None)
    return found.name(lang) if found else key


def reason(s, lang: str, full: bool = True) -> str:
    """A suggestion's reason in words (`full`: with the need's evidence)."""
    args = dict(s.args)
    if s.need is not None:
        had = [word("layer", x, lang) for x in (args.get("had") or "").split(",") if x]
        code = s.reason
        if code == "bring-need" and not args.get("layer"):
            code = "bring-need-plain"
        text = t(code, lang, need=need_name(s.need, lang), emphasis=emphasis_text(s.need, lang),
                 layer=word("layer", args.get("layer"), lang), had="、".join(had) if had else t("none-yet", lang))
        if full:
            sep = "；" if lang == "zh" else "; "
            text = emphasis_text(s.need, lang) + sep + text + sep + t("bring-because", lang,
                                                                     evidence=need_evidence(s.need, lang))
        return text
    return t(s.reason, lang, **args)


def label(m, lang: str) -> str:
    parts = [word("layer", m.layer, lang)] if m.layer else []
    parts.append(word("material-kind", m.kind, lang))
    return " · ".join(parts)


def bring_line(s, lang: str) -> str:
    """The one line a due item carries."""
    return f"{t('bring-line', lang, title=s.material.title)} — {reason(s, lang, full=False)}"


def needs_view(needs, lang: str, detail: bool = True) -> list:
    from rich.text import Text

    out: list = [Text(f"{t('needs-title', lang)} ({len(needs)})", style="bold")]
    if not needs:
        return out + [Text(f"  {t('needs-none', lang)}", style="dim")]
    for n in needs:
        out.append(Text(f"  • {need_name(n, lang)}", style="bold") + Text(f"  {need_evidence(n, lang)}", style="dim"))
        if detail:
            out.append(Text(f"    → {emphasis_text(n, lang)}"))
            shown = n.mentions[-NEED_ROWS:]
            for m in shown:
                out.append(Text(f"      {m.day.isoformat()}  {'、'.join(m.words)}  {m.source.path}", style="dim"))
    return out


def bring_view(found, has_library: bool, lang: str) -> list:
    from rich.text import Text

    out: list = [Text(f"{t('bring-title', lang)} ({len(found)})", style="bold")]
    if not has_library:
        return out + [Text(f"  {t('bring-no-library', lang)}", style="dim")]
    if not found:
        return out + [Text(f"  {t('bring-none', lang)}", style="dim")]
    for s in found:
        if s.material is None:
            out.append(Text(f"  ? {need_name(s.need, lang)}", style="bold yellow"))
            out.append(Text(f"    → {emphasis_text(s.need, lang)}"))
            out.append(Text(f"    {reason(s, lang, full=False)}", style="yellow"))
            continue
        out.append(Text(f"  • {s.material.title}", style="bold") + Text(f"  [{label(s.material, lang)}]", style="dim"))
        if s.need is not None:
            out.append(Text(f"    → {emphasis_text(s.need, lang)}"))
        out.append(Text(f"    {reason(s, lang, full=False)}"))
        out.append(Text(f"    {s.material.source.path}", style="dim"))
    return out


def ladder_view(nb, rungs, received, lang: str) -> list:
    from rich.text import Text

    out: list = [Text(t("ladder-title", lang), style="bold")]
    if not received:
        return out + [Text(f"  {t('ladder-none', lang)}", style="dim")]
    for r in rungs:
        cells = []
        for layer, had in r.had:
            mark = "✓" if had else "·"
            cells.append(f"{word('layer', layer, lang)} {mark}" + (
                f" {had[0].material.title} ({had[0].day.strftime('%m-%d')})" if had else ""))
        out.append(Text(f"  {group_name(nb, r.need, lang)}: ", style="bold") + Text(" │ ".join(cells)))
    other = [x for x in received if x.material.layer is None]
    if other:
        out.append(Text(f"  {t('ladder-other', lang)}: ", style="bold") + Text(
            "；".join(f"{x.material.title} ({x.day.strftime('%m-%d')})" for x in other)))
    return out


# ------------------------------------------------------------------ JSON
def material_json(m) -> dict:
    return {"id": m.id, "title": m.title, "kind": m.kind, "layer": m.layer, "needs": list(m.needs),
            "products": list(m.products), "tiers": list(m.tiers),
            "approved_until": m.approved_until.isoformat() if m.approved_until else None,
            "issued": m.issued.isoformat() if m.issued else None, "path": m.source.path}


def need_json(n, lang: str) -> dict:
    return {"need": n.id, "name": need_name(n, lang), "emphasis": n.emphasis.id if n.emphasis else None,
            "emphasis_text": emphasis_text(n, lang) if n.emphasis else None, "rule": n.rule,
            "recent": n.recent, "of": n.of, "span_days": n.span_days, "words": list(n.words),
            "explanation": need_evidence(n, lang),
            "contacts": [{"date": m.day.isoformat(), "source": m.source.path, "words": list(m.words)}
                         for m in n.mentions]}


def suggestion_json(s, lang: str) -> dict:
    return {"rule": s.rule, "need": s.need.id if s.need else None,
            "material": material_json(s.material) if s.material else None, "reason": reason(s, lang)}


def received_json(r) -> dict:
    return {"id": r.material.id, "title": r.material.title, "layer": r.material.layer, "kind": r.material.kind,
            "date": r.day.isoformat(), "source": str(r.source)}


# ------------------------------------------------------------------ review
def group_label(m, need: str, lang: str) -> str:
    """A need's name in a review (`m` holds the need map)."""
    if not need:
        return t("review-no-need", lang)
    found = next((e for e in m.emphases if e.id == need), None)
    return found.name(lang) if found else need


def review_lines(m, lang: str) -> list[tuple[str, list[str]]]:
    """(heading key, bullet lines): materials sent by need and layer; needs with no approved material."""
    sep = "、" if lang == "zh" else ", "
    sent = []
    for row in m.sent:
        layers = " · ".join(f"{word('layer', layer, lang) if layer else t('layer-none', lang)} {n}"
                            for layer, n in row.layers if n)
        sent.append(f"{group_label(m, row.need, lang)}: {layers}  ({sep.join(row.customers)})")
    missing = [f"{group_label(m, x.need, lang)}" + (f" · {sep.join(x.products)}" if x.products else "")
               + f": {sep.join(x.customers)}  ({sep.join(x.words[:4])})" for x in m.missing]
    return [("review-materials", sent), ("review-missing-needs", missing)]
