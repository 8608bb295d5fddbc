"""Fuzz: whole hostile notebooks through the loader and every read command.

Each example is a notebook folder of generated files — random bytes, random
YAML, random Markdown, notes in odd encodings and line endings, odd and
non-UTF-8 names, links, an odd `visitlog.yaml` — read by `load()` and by
every read command (twice: cold, then from the index). What must hold: no
traceback, an exit code from the documented set, output bounded by the input,
bounded memory while loading, and every example done within a time limit.

CI runs a fixed, derandomized set (tests/conftest.py's default profile). A
longer local run:

    VISITLOG_FUZZ_EXAMPLES=2000 HYPOTHESIS_PROFILE=explore \\
        .venv/bin/python -m pytest tests/test_fuzz_notebook.py -q

(docs/robustness.md, "Fuzzing").
"""
from __future__ import annotations

import os
import signal
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from visitlog.cli import app
from visitlog.notebook.load import load
from visitlog.notebook.settings import DEFAULTS

EXAMPLES = int(os.environ.get("VISITLOG_FUZZ_EXAMPLES", "12"))
SECONDS = 60                       # per example, all commands together: a hang, not a slow machine
PEAK_BYTES = 256 * 1024 * 1024     # loading a notebook of a few dozen KB stays far below this

KEYS = ["customer", "date", "channel", "purpose", "style", "mood", "tags", "competitors", "products", "next",
        "adverse_event", "potential", "name", "aliases", "since", "tier", "rep", "title", "hospital"]
FOLDERS = ["visits", "visits/2026", "customers", "rep2/customers", "rep2/visits", "materials", "reviews",
           "templates", "", ".hidden", "_drafts", "深 层/目录"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.sampled_from(["2026-11-18 10:00", "2026-02-30", "9999-12-31", "0001-01-01", "下周四下午", "72小时内", "~",
                     "A", "visit", "&a", "*a", "<<", "\x00", "\r", "---", "..."]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS + ["x"]), inner, max_size=4)), max_leaves=10)
BODY_LINES = st.one_of(
    st.text(max_size=40),
    st.builds(lambda box, text: f"- [{box}] {text}", st.sampled_from([" ", "x", "-", "/", ">"]), st.text(max_size=30)),
    st.sampled_from(["## 待办", "- [ ] 明天回电 📅 2026-11-20", "- [ ] 📅 9999-99-99", "- [x] ✅ 2026-13-01", "```",
                     "- 肝肾毒性？ ↑ !", "<<<<<<< HEAD", "=======", ">>>>>>> other", "[[王主任]]", "#标签",
                     "- [ ] 99999999999天内", "\x00", "\ufeff", "\u2028"]),
)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
ENCODINGS = st.sampled_from([("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                             ("gb18030", b""), ("latin-1", b"")])


@st.composite
def yaml_text(draw) -> str:
    """Front matter: dumped from random data, or random lines that look like YAML, or a small alias bomb."""
    kind = draw(st.sampled_from(["dumped", "lines", "bomb", "duplicate"]))
    if kind == "dumped":
        try:
            return yaml.safe_dump(draw(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), VALUES,
                                                       max_size=8)), allow_unicode=True)
        except yaml.YAMLError:
            return ""
    if kind == "bomb":
        return 'a: &a ["x", "x", "x", "x"]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\ntags: *c\n'
    if kind == "duplicate":
        key = draw(st.sampled_from(KEYS))
        return f"customer: 王\ndate: 2026-11-18\n{key}: 1\n{key}: 2\n"
    lines = draw(st.lists(st.one_of(
        st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(KEYS), st.text(max_size=20)),
        st.builds(lambda k, v: f"  {k}: {v}", st.sampled_from(KEYS), st.text(max_size=10)),
        st.text(max_size=20)), max_size=10))
    return "\n".join(lines) + "\n"


@st.composite
def content(draw) -> bytes:
    kind = draw(st.sampled_from(["bytes", "note", "note", "note", "markdown"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    body = "\n".join(draw(st.lists(BODY_LINES, max_size=10)))
    text = body if kind == "markdown" else f"---\n{draw(yaml_text())}---\n{body}\n"
    text = text.replace("\n", draw(ENDINGS))
    encoding, bom = draw(ENCODINGS)
    return bom + text.encode(encoding, "replace") if encoding != "utf-8" else bom + text.encode("utf-8", "surrogatepass")


NAMES = st.one_of(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=12)
    .filter(lambda n: n not in (".", "..")).map(lambda n: n + ".md"),
    st.sampled_from(["王主任.md", "a.md", " .md", "-x.md", "a.MD", "a.md.md", "con.md", "a b.md", "文件.txt"]),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b".."))
    .map(lambda b: b + b".md"),                    # a name that may not be UTF-8
)
FILES = st.lists(st.tuples(st.sampled_from(FOLDERS), NAMES, content()), min_size=1, max_size=8)
SETTINGS_FILES = st.one_of(st.none(), yaml_text(), st.sampled_from([
    "due_days: 99999999999999999999\n", "language: xx\n", "cadence: {A: 1}\n", "workdays: []\n", "[\n"]))


def write(root: Path, files, settings_text, link: bool) -> None:
    for folder, name, raw in files:
        where = os.path.join(os.fsencode(root / folder) if folder else os.fsencode(root),
                             name if isinstance(name, bytes) else os.fsencode(name))
        os.makedirs(os.path.dirname(where), exist_ok=True)
        try:
            with open(where, "wb") as f:
                f.write(raw)
        except OSError:                 # a name this file system refuses: not a case
            continue
    if settings_text is not None:
        (root / "visitlog.yaml").write_text(settings_text, encoding="utf-8")
    if link:
        (root / "visits").mkdir(exist_ok=True)
        try:
            (root / "visits" / "out.md").symlink_to("/etc/hostname")
            (root / "visits" / "loop.md").symlink_to(root / "visits" / "loop.md")
        except OSError:
            pass


COMMANDS = [("check",), ("check", "--json"), ("due",), ("due", "--json", "--days", "30"), ("customers", "--json"),
            ("timeline", "王"), ("score",), ("score", "--json"), ("prep", "王"), ("review",), ("review", "--json"),
            ("export",), ("export", "--format", "json", "--what", "actions")]


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout("an example took longer than the limit: a hang")


needs_alarm = pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="no SIGALRM on this platform")


@needs_alarm
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(FILES, SETTINGS_FILES, st.booleans())
def test_hostile_notebooks_never_crash_hang_or_blow_up(files, settings_text, link):
    runner = CliRunner()
    env = {"NO_COLOR": "1", "COLUMNS": "100", "VISITLOG_TODAY": "2026-11-20", "VISITLOG_NOTES": "",
           "VISITLOG_NO_CACHE": ""}
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "notes"
            root.mkdir()
            write(root, files, settings_text, link)
            size = sum(len(raw) for _, _, raw in files) + 4096
            tracemalloc.start()
            try:
                notebook = load(root, DEFAULTS)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            assert peak < PEAK_BYTES, f"loading {size} bytes took {peak} bytes of memory"
            assert all(p.source.line >= 1 for p in notebook.problems)
            for rounds in range(2):                 # cold, then from the index
                for command in COMMANDS:
                    result = runner.invoke(app, [*command, "--notes", str(root)], env=env, catch_exceptions=True)
                    if result.exception is not None and not isinstance(result.exception, SystemExit):
                        raise result.exception
                    assert result.exit_code in (0, 1, 2), (command, result.exit_code, result.stderr)
                    assert "Traceback" not in result.stderr
                    out = len(result.stdout_bytes) + len(result.stderr_bytes)
                    assert out < 200_000 + 50 * size, (command, out, size)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
