"""The weekly review as one self-contained HTML file a manager opens: no network, no CDN, no script.

The page holds the same sections as the Markdown review (converted here from
that Markdown, so the two never disagree), preceded by charts drawn as inline
SVG where a glance beats a table: contacts against the plan (per tier for a
rep, per rep for the district), the on-time rate of promises over the last 8
weeks, and the week's question topics. Every text is HTML-escaped; styles are
inline in one `<style>`; nothing is fetched.
"""
from __future__ import annotations

import re
from html import escape

from ..i18n import t

_BULLET = re.compile(r"^\s*[-*] ")
NUMBER_CELL = '<td class="n">'
PALETTE = ("#2f6db5", "#e08a1e", "#3a9d5d", "#c0392b", "#8e5cb5", "#16a2b8", "#7f8c8d", "#d35494", "#9a7b2f",
           "#34495e")
_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",
"WenQuanYi Micro Hei",sans-serif;color:#222;max-width:1000px;margin:24px auto;padding:0 16px;line-height:1.5}
h1{font-size:1.6em;border-bottom:2px solid #2f6db5;padding-bottom:4px}h2{font-size:1.2em;margin-top:1.6em;
color:#2f6db5}table{border-collapse:collapse;margin:8px 0 12px}th,td{border:1px solid #ddd;padding:3px 8px;
font-size:.92em}th{background:#f3f6fa}td.n{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:16px}
.chart{border:1px solid #e3e3e3;border-radius:6px;padding:8px;flex:1 1 440px;background:#fcfcfc}
.chart h3{font-size:1em;margin:0 0 4px}footer{color:#888;font-size:.8em;margin-top:2em}em{color:#555}
svg{max-width:100%;height:auto}svg text{font-family:inherit}
"""


# ---------------------------------------------------------------- the Markdown the reviews write, as HTML
def _inline(text: str) -> str:
    out = escape(text)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\*)", r"<em>\1</em>", out)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    return out


def _cells(line: str) -> list[str]:
    body = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", body)]


def from_markdown(md: str) -> str:
    """The subset the review writers use: `#`/`##`/`###` headings, paragraphs, `- ` lists, pipe tables."""
    html: list[str] = []
    lines = md.split("\n")
    n = 0
    while n < len(lines):
        line = lines[n]
        if not line.strip():
            n += 1
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            html.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
            n += 1
        elif line.startswith("|"):
            block = []
            while n < len(lines) and lines[n].startswith("|"):
                block.append(lines[n])
                n += 1
            heads = _cells(block[0])
            aligns = [c.endswith(":") for c in _cells(block[1])] if len(block) > 1 else []
            rows = [_cells(b) for b in block[2:]]
            html.append("<table><thead><tr>" + "".join(f"<th>{_inline(h)}</th>" for h in heads) + "</tr></thead><tbody>")
            for r in rows:
                html.append("<tr>" + "".join(
                    (NUMBER_CELL if k < len(aligns) and aligns[k] else "<td>") + f"{_inline(c)}</td>"
                    for k, c in enumerate(r)) + "</tr>")
            html.append("</tbody></table>")
        elif re.match(r"^\s*[-*] ", line):
            html.append("<ul>")
            while n < len(lines) and re.match(r"^\s*[-*] ", lines[n]):
                html.append("<li>" + _inline(_BULLET.sub("", lines[n])) + "</li>")
                n += 1
            html.append("</ul>")
        else:
            para = []
            while n < len(lines) and lines[n].strip() and not lines[n].startswith(("|", "#")) and not re.match(
                    r"^\s*[-*] ", lines[n]):
                para.append(lines[n])
                n += 1
            html.append(f"<p>{_inline(' '.join(para))}</p>")
    return "\n".join(html)


# ---------------------------------------------------------------- charts
def _legend(series, x: int, y: int) -> list[str]:
    out = []
    for k, (name, _values, colour) in enumerate(series):
        out.append(f'<rect x="{x + k * 130}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
                   f'<text x="{x + k * 130 + 14}" y="{y}" font-size="11">{escape(str(name))}</text>')
    return out


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[float], str]], lang: str,
              percent: bool = False) -> str:
    """Horizontal grouped bars: one group per label, one bar per series, the value at the bar's end."""
    if not labels:
        return _empty(title, lang)
    bar_h, gap, left, width = 14, 10, 130, 560
    group = bar_h * len(series) + gap
    top = 24
    height = top + group * len(labels) + 10
    most = max([v for _, values, _ in series for v in values] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" role="img" '
             f'aria-label="{escape(title)}">']
    parts += _legend(series, left, 14)
    for n, label in enumerate(labels):
        y0 = top + n * group
        shown = label if len(label) <= 9 else label[:8] + "…"
        parts.append(f'<text x="{left - 6}" y="{y0 + group / 2}" font-size="12" text-anchor="end">'
                     f'<title>{escape(label)}</title>{escape(shown)}</text>')
        for k, (_name, values, colour) in enumerate(series):
            v = values[n]
            w = 0 if most <= 0 else (width - left - 60) * v / most
            y = y0 + k * bar_h
            parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h - 2}" fill="{colour}"/>')
            value = f"{round(v)}%" if percent else f"{v:g}"
            parts.append(f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 4}" font-size="11">{value}</text>')
    parts.append("</svg>")
    return _figure(title, "".join(parts))


def line_chart(title: str, xlabels: list[str], series: list[tuple[str, list[float | None], str]], lang: str) -> str:
    """Lines of rates (0..1) over weeks; a week with nothing decided leaves a gap in its line."""
    if not xlabels or all(v is None for _, values, _ in series for v in values):
        return _empty(title, lang)
    width, height, left, right, top, bottom = 560, 240, 44, 16, 20 + 14 * ((len(series) + 3) // 4), 36
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(xlabels) - 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" role="img" '
             f'aria-label="{escape(title)}">']
    for k in range(0, 5):
        y = top + plot_h * (1 - k / 4)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>'
                     f'<text x="{left - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{k * 25}%</text>')
    for n, label in enumerate(xlabels):
        x = left + n * step
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="10" text-anchor="middle">'
                     f'{escape(label[-3:])}</text>')
    for k, (name, values, colour) in enumerate(series):
        runs: list[list[str]] = [[]]
        for n, v in enumerate(values):
            if v is None:
                runs.append([])
                continue
            x, y = left + n * step, top + plot_h * (1 - v)
            runs[-1].append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{escape(str(name))} '
                         f'{escape(xlabels[n])}: {round(v * 100)}%</title></circle>')
        for run in runs:
            if len(run) > 1:
                parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for k, (name, _values, colour) in enumerate(series):
        row, col = divmod(k, 4)
        parts.append(f'<rect x="{left + col * 125}" y="{4 + row * 14}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + col * 125 + 14}" y="{13 + row * 14}" font-size="11">{escape(str(name))}</text>')
    parts.append("</svg>")
    return _figure(title, "".join(parts))


def _figure(title: str, svg: str) -> str:
    return f'<div class="chart"><h3>{escape(title)}</h3>{svg}</div>'


def _empty(title: str, lang: str) -> str:
    return _figure(title, f"<p><em>{escape(t('chart-none', lang))}</em></p>")


def _topics(review, lang: str) -> str:
    topics = review.questions[:10]
    return bar_chart(t("chart-topics", lang), [q.topic for q in topics],
                     [(t("review-col-count", lang), [q.count for q in topics], PALETTE[1])], lang)


def page(title: str, charts: list[str], body_md: str, lang: str, today) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>\n"
            f"<h2>{escape(t('chart-glance', lang))}</h2><div class=\"charts\">{''.join(charts)}</div>\n"
            f"{from_markdown(body_md)}\n"
            f"<footer>{escape(t('html-generated', lang, today=today.isoformat()))}</footer>\n"
            "</body></html>\n")


# ---------------------------------------------------------------- the two reports
def review_page(r, lang: str, trend) -> str:
    """One rep's (or a solo notebook's) week: `r` a `rules.review.Review`, `trend` from `rules.district.trend`."""
    from .review import markdown

    plan = {tier: (asked, met) for tier, asked, met in r.contacts.plan_by_tier()}
    by_tier = dict(r.contacts.by_tier)
    tiers = [tier for tier in ("A", "B", "C")]
    contacts = bar_chart(t("chart-contacts-plan", lang), tiers, [
        (t("chart-contacts", lang), [by_tier.get(x, 0) for x in tiers], PALETTE[0]),
        (t("chart-plan", lang), [plan.get(x, (0, 0))[0] for x in tiers], PALETTE[6]),
        (t("chart-met", lang), [plan.get(x, (0, 0))[1] for x in tiers], PALETTE[2]),
    ], lang)
    on_time = line_chart(t("chart-on-time", lang), [w for w, _, _ in trend],
                         [(t("team-col-rate", lang), [rate for _, rate, _ in trend], PALETTE[0])], lang)
    md = markdown(r, lang)
    title = md.split("\n", 1)[0].lstrip("# ")
    return page(title, [contacts, on_time, _topics(r, lang)], md, lang, r.today)


def district_page(d, lang: str) -> str:
    """The district's week: `d` a `rules.district.District`."""
    from .district import markdown

    reps = [r.rep for r in d.reps]
    contacts = bar_chart(t("chart-contacts-plan", lang), reps, [
        (t("chart-contacts", lang), [r.review.contacts.total for r in d.reps], PALETTE[0]),
        (t("chart-plan", lang), [r.planned for r in d.reps], PALETTE[6]),
        (t("chart-met", lang), [r.met for r in d.reps], PALETTE[2]),
    ], lang)
    weeks = [w for w, _, _ in d.reps[0].trend] if d.reps else []
    on_time = line_chart(t("chart-on-time", lang), weeks,
                         [(r.rep, [rate for _, rate, _ in r.trend], PALETTE[k % len(PALETTE)])
                          for k, r in enumerate(d.reps)], lang)
    md = markdown(d, lang)
    title = md.split("\n", 1)[0].lstrip("# ")
    return page(title, [contacts, on_time, _topics(d.whole, lang)], md, lang, d.today)
