"""No input may crash the loader: random text, random front matter, random bytes."""
from __future__ import annotations

from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from visitlog.notebook.load import assemble
from visitlog.notebook.model import Problem, ProfileFile, Visit
from visitlog.notebook.parse import parse_note
from visitlog.notebook.settings import DEFAULTS

KEYS = ["customer", "date", "channel", "purpose", "style", "mood", "tags", "competitors", "products",
        "next", "adverse_event", "potential", "title", "hospital", "name", "aliases", "since", "tier", "replied"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(min_value=date(1900, 1, 1)).map(str),
    st.sampled_from(["2026-11-18 10:00", "2026-13-45", "下周四下午", "72小时内", "A", "visit", "[", "{"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS + ["x"]), inner, max_size=4)), max_leaves=8)
front = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), values, max_size=8)
body_line = st.one_of(
    st.text(max_size=40),
    st.builds(lambda box, t: f"- [{box}] {t}", st.sampled_from([" ", "x", "-", "X", "/"]), st.text(max_size=30)),
    st.sampled_from(["## 待办", "- 肝肾毒性？", "- [ ] 明天 📅 2026-02-30", "- [x] ✅ 2026-13-01", "```",
                     "- [ ] 72小时内 ↑ ! ?", "#", "- #", "^", "- [ ] due:9999-99-99"]),
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_result(result):
    record, problems = result
    assert record is None or isinstance(record, (Visit, ProfileFile))
    assert all(isinstance(p, Problem) and p.source.line >= 1 for p in problems)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    check_result(parse_note("visits/x.md", raw, DEFAULTS))
    check_result(parse_note("customers/x.md", raw, DEFAULTS))


@SETTINGS
@given(st.text(max_size=400))
def test_random_text(text):
    check_result(parse_note("visits/x.md", text.encode("utf-8", "surrogatepass"), DEFAULTS))


@SETTINGS
@given(front, st.lists(body_line, max_size=12), st.booleans(), st.booleans())
def test_random_front_matter_and_body(fm, lines, bom, crlf):
    try:
        head = yaml.safe_dump(fm, allow_unicode=True)
    except yaml.YAMLError:
        return
    nl = "\r\n" if crlf else "\n"
    text = nl.join(["---", *head.splitlines(), "---", *lines]) + nl
    raw = ("\ufeff" if bom else "").encode() + text.encode("utf-8", "surrogatepass")
    results = [parse_note("visits/x.md", raw, DEFAULTS), parse_note("customers/x.md", raw, DEFAULTS)]
    for result in results:
        check_result(result)
    notebook = assemble(".", results, 2)  # assembling what was read never raises either
    for c in notebook.customers:
        c.profile_at()
