"""The fast front-matter reader agrees with libyaml, or steps aside.

For any front matter, `fastyaml.read` either returns None (libyaml reads it)
or exactly what parse.py gets from libyaml: the same values of the same types
in the same order, the same line for every key, and no problem libyaml would
have reported.
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from visitlog.notebook import fastyaml, parse
from visitlog.notebook.settings import DEFAULTS

REPO = Path(__file__).resolve().parent.parent


def both(text: str):
    """(fast, libyaml) readings of the front matter in `text`, as comparable reprs."""
    lines = text.split("\n")
    end = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    fast = fastyaml.read(lines, 1, end)
    reader = parse._Reader("visits/x.md", DEFAULTS)
    original = parse.fast_front_matter
    parse.fast_front_matter = lambda *a: None
    try:
        data, key_lines, _ = parse._front_matter(lines, reader)
    finally:
        parse.fast_front_matter = original
    slow = None if reader.problems else repr((data, key_lines))
    return (None if fast is None else repr(fast)), slow


def agrees(text: str) -> bool:
    fast, slow = both(text)
    assert fast is None or fast == slow, f"fast {fast}\nslow {slow}\nfor\n{text}"
    return fast is not None


def test_the_sample_notebook_is_read_the_same_and_fast():
    files = sorted((REPO / "notes").rglob("*.md"))
    assert files
    taken = [agrees(f.read_text(encoding="utf-8")) for f in files]
    assert all(taken), [str(f) for f, ok in zip(files, taken) if not ok]


def test_generated_notes_are_read_the_same_and_fast(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import make_notebook
    finally:
        sys.path.pop(0)
    make_notebook.make_notebook(400, str(tmp_path / "nb"))
    files = sorted((tmp_path / "nb").rglob("*.md"))
    assert all(agrees(f.read_text(encoding="utf-8")) for f in files)


@pytest.mark.parametrize("front", [
    "customer: 王建国\ndate: 2026-11-18 10:00\nproducts: [XX片, 某竞品]\ntags: []",
    "potential:\n  prescriptions: 4\n  influence: 5\nnext: 下周四下午   # a comment",
    "tags:\n  - 医保\n  - 指南\nmood: neutral",
    "tags:\n- 医保\n- 指南",
    "a: yes\nb: No\nc: ~\nd: null\nj: 1e3\nk: +5\nl: 0\nm: On\nn: nothing\no: 2026-11-18",
    "customer: \"王建国\"\nnext: '2026-11-20'\nempty:\nx: ''",
    "# only a comment\n\n",
    "",
])
def test_common_shapes_are_taken_fast(front):
    assert agrees(f"---\n{front}\n---\nbody\n")


@pytest.mark.parametrize("front", [
    "customer: 王建国\n\tdate: x",                 # a tab
    "customer: \"a\\\"b\"",                          # an escape
    "potential: {prescriptions: 4}",                 # a flow mapping
    "adverse_event: 患者65岁，\n  用药后低血糖",      # a multi-line scalar
    "客户: 王建国",                                   # a key that is not a plain word
    "a: &x 1\nb: *x",                                # anchors
    "a: b: c",                                       # a mapping in a value
    "a: [x, , y]",                                   # an empty flow item
    "a:\n  b:\n    c: 1",                            # nesting deeper than one level
    "- a\n- b",                                      # not a mapping
    "a: |\n  text",                                  # a block scalar
    "yes: 1",                                        # a key that YAML reads as a boolean
    "e: 0x1F", "f: 012", "g: 1_000", "h: 1:30", "i: .5", "l: .inf", "m: 1.0",   # numbers beyond plain ints
    "n: 12345678901234567890123",                    # an int too long to be sure of
])
def test_anything_else_is_left_to_libyaml(front):
    fast, _ = both(f"---\n{front}\n---\n")
    assert fast is None


SCALARS = st.sampled_from([
    "王建国", "下周四下午", "2026-11-18", "2026-11-18 10:00", "yes", "No", "off", "~", "null", "Null", "true",
    "0", "012", "0x1f", "0b101", "1_000", "-5", "+5", "1:30", "190:20:30", ".5", "1e3", "1.0e+3", ".inf",
    "-.inf", ".NaN", "<<", "=", "a: b", "a:b", "a #b", "a#b", "#c", "'q'", '"q"', '"a\\"b"', "'it''s'",
    "[a, b]", "[]", "[ ]", "[a, , b]", "[a,]", "[1, 2.5, yes]", "[a: b]", "{a: 1}", "&x", "*x", "!!str x",
    "|", ">", "%x", "@x", "`x`", "- a", "-", "?", "? x", ":", "x:", "a\u3000", "\u3000a", "a\xa0", "C#",
    "XX片[10mg]", "", "  ", "\t", "a\tb", "💊 药", "a,b", "a, b",
])
TEXT = st.text(alphabet=st.sampled_from(list("ab 王#:-[],'\"!&*?{}|>%@`\\~.01\t")), max_size=12)
VALUE = st.one_of(SCALARS, TEXT, st.lists(SCALARS, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"))
KEY = st.sampled_from(["customer", "date", "tags", "next", "potential", "x_y", "a-b", "yes", "on", "客户", "1",
                       "_k", "Key"])
COMMENT = st.sampled_from(["", "  # note", " #", "#x"])


@st.composite
def front_matter(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        shape = draw(st.sampled_from(["pair", "pair", "block", "list", "blank", "comment", "raw"]))
        key = draw(KEY)
        if shape == "pair":
            lines.append(f"{key}: {draw(VALUE)}{draw(COMMENT)}")
        elif shape == "block":
            indent = " " * draw(st.sampled_from([1, 2, 2, 4]))
            lines.append(f"{key}:{draw(COMMENT)}")
            for _ in range(draw(st.integers(0, 3))):
                extra = " " if draw(st.integers(0, 5)) == 0 else ""
                lines.append(f"{indent}{extra}{draw(KEY)}: {draw(VALUE)}")
        elif shape == "list":
            indent = " " * draw(st.sampled_from([0, 2, 2]))
            lines.append(f"{key}:")
            for _ in range(draw(st.integers(0, 3))):
                lines.append(f"{indent}- {draw(VALUE)}")
        elif shape == "blank":
            lines.append(draw(st.sampled_from(["", "  ", " "])))
        elif shape == "comment":
            lines.append(draw(st.sampled_from(["# c", "  # c", "#"])))
        else:
            lines.append(draw(TEXT))
    return "\n".join(lines)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter())
def test_fast_reader_never_disagrees_with_libyaml(front):
    agrees(f"---\n{front}\n---\nbody\n")


def test_a_note_with_an_empty_front_matter_is_not_a_visit_and_does_not_crash():
    for raw in (b"---\n---\nbody\n", b"---\n# just a comment\n---\n"):
        record, problems = parse.parse_note("visits/a.md", raw, DEFAULTS)
        assert record is None
        assert [p.code for p in problems] == ["not-a-visit"]


def test_lint_of_a_whole_note_reports_what_a_line_by_line_lint_does():
    from visitlog.notebook import compliance

    text = textwrap.dedent("""\
        ---
        customer: 甲
        date: 2026-11-18
        ---
        - 电话 13812345678，回扣 与 统方 都不谈 13912345678
        - 身份证 110105199001011234 和 返点\r
        - 普通的一行
        - kickback and REBATE 13812345678
        """)
    whole = [(line, code, args) for line, code, args, _ in compliance.scan(text)]
    by_line = [(number, code, args) for number, line in enumerate(text.split("\n"), 1)
               for _, code, args, _ in compliance.scan(line)]
    assert whole == by_line
    assert [(line, code) for line, code, _ in whole] == [
        (5, "inducement"), (5, "prescriber-data"), (5, "personal-data"), (6, "inducement"), (6, "personal-data"),
        (8, "inducement"), (8, "personal-data")]


# ------------------------------------------------------------------ the body's fast paths
# The parser skips a regex when a cheap test shows it cannot match. Same answers as the plain forms:
import re  # noqa: E402

LINE = st.text(alphabet=st.sampled_from(list("0123456789１Xx- a#?？↑^!！()（）📅✅🛫due:2026-11-2`[]http王药\r")),
               max_size=40)


def plain_clean_point(text):
    out = parse._PAREN_MARK.sub("", text)
    out = parse._TAG.sub("", out)
    out = parse._BARE_MARK.sub(" ", out)
    return " ".join(out.split())


@settings(max_examples=800, deadline=None)
@given(st.one_of(LINE, st.from_regex(r"[a1]?1[3-9][0-9]{9}[0-9]?", fullmatch=True),
                 st.from_regex(r"[xX1]?[1-9][0-9]{5}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9])[0-9]{3}[0-9Xx][0-9a]?",
                               fullmatch=True)))
def test_rewritten_patterns_and_skipped_regexes_change_nothing(line):
    assert parse.clean_point(line) == plain_clean_point(line)
    assert parse.strip_fields(line) == parse._FIELDS.sub("", line).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(LINE, st.sampled_from(["回扣", "KickBack", "under THE table", "统方", "REBATE王", "请他吃饭",
                                                  "+852 9123 4567", "3床", "a@b.cn", "<!-- compliance-ok -->"])),
                max_size=6))
def test_one_pass_lint_matches_line_by_line(lines):
    from visitlog.notebook import compliance

    text = "\n".join(lines)
    whole = compliance.scan(text)
    by_line = [(number, code, args, silenced) for number, line in enumerate(text.split("\n"), 1)
               for _, code, args, silenced in compliance.scan(line)]
    assert whole == by_line


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matter())
def test_settings_mode_reads_what_yaml_safe_load_reads(text):
    """visitlog.yaml is read by the fast reader too, in the mode that also gives up on dates."""
    import yaml

    fast = fastyaml.read(text.split("\n"), 0, len(text.split("\n")), timestamps=True)
    if fast is None:
        return
    expected = yaml.safe_load(text)
    assert repr(fast[0]) == repr(expected if expected is not None else {})


def test_settings_file_is_read_without_importing_yaml(tmp_path):
    import subprocess

    (tmp_path / "visitlog.yaml").write_text("language: zh\nworkdays: [mon, tue, wed, thu, fri, sat]\n"
                                            "cadence:\n  A: 10\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from visitlog.notebook.settings import load_settings; "
            "s = load_settings(Path(sys.argv[1])); print(s.language, sorted(s.workdays), s.cadence['A'], "
            "'yaml' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["zh", "[0,", "1,", "2,", "3,", "4,", "5]", "10", "False"]
