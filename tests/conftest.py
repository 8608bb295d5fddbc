"""Shared test helpers: a notebook written from dedented strings, and the CLI run on it.

Tests write the notes they need inline, so each test reads like the format.
"""
from __future__ import annotations

import json
import textwrap
from pathlib import Path

import os

import pytest
from hypothesis import settings as hypothesis_settings
from typer.testing import CliRunner

from visitlog.cli import app


# Property tests are deterministic by default (same examples every run, in CI
# and locally), so a failure is reproducible and a green run means the same
# thing twice. `HYPOTHESIS_PROFILE=explore` searches afresh with more examples.
hypothesis_settings.register_profile("default", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, max_examples=2000, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


class Notes:
    """A notebook folder in a temp dir."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def write(self, rel: str, text: str = "", *, raw: bytes | None = None) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if raw is not None:
            path.write_bytes(raw)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def visit(self, name: str, when: str, body: str = "", rel: str | None = None, **fields) -> Path:
        extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
        rel = rel or f"visits/{when[:10]}-{name}.md"
        return self.write(rel, f"---\ncustomer: {name}\ndate: {when}\n{extra}---\n{textwrap.dedent(body).strip()}\n")

    def profile(self, name: str, p: int | None = None, i: int | None = None, d: int | None = None, **fields) -> Path:
        extra = "".join(f"{k}: {v}\n" for k, v in fields.items())
        pot = f"potential: {{prescriptions: {p}, influence: {i}, department: {d}}}\n" if p is not None else ""
        return self.write(f"customers/{name}.md", f"---\nname: {name}\n{extra}{pot}---\n")

    def run(self, *args: str, env: dict | None = None):
        """Run the CLI in-process; returns typer's Result (exit_code, stdout, stderr)."""
        runner = CliRunner()
        full_env = {"NO_COLOR": "1", "COLUMNS": "200", "VISITLOG_TODAY": "", "VISITLOG_NOTES": ""}
        full_env.update(env or {})
        return runner.invoke(app, [*args, "--notes", str(self.root)], env=full_env, catch_exceptions=False)

    def json(self, *args: str, ok: tuple[int, ...] = (0,), env: dict | None = None) -> dict:
        result = self.run(*args, "--json", env=env)
        assert result.exit_code in ok, f"exit {result.exit_code}\n{result.stdout}\n{result.stderr}"
        return json.loads(result.stdout)

    def load(self, today: str | None = None):
        """The loaded Notebook record (no CLI)."""
        from visitlog.notebook.load import load
        from visitlog.notebook.settings import load_settings

        return load(self.root, load_settings(self.root))


@pytest.fixture
def notes(tmp_path: Path) -> Notes:
    return Notes(tmp_path / "notes")


def run_at_terminal(argv: list[str], *, columns: int = 80, rows: int = 40, env: dict | None = None,
                    timeout: float = 60) -> tuple[int, str]:
    """Run `python -m visitlog ARGV` with stdout and stderr on a pseudo-terminal of `columns` × `rows`, as a
    rep's shell would; returns (exit code, what the terminal received, colour codes and \\r removed).
    Skips where there are no pseudo-terminals."""
    import re
    import subprocess
    import sys
    import time

    try:
        import fcntl
        import pty
        import struct
        import termios
    except ImportError:  # pragma: no cover - Windows
        pytest.skip("no pseudo-terminal on this system (pty, termios)")
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    full_env.update({"NO_COLOR": "1", "TERM": "xterm", "PAGER": "cat", "VISITLOG_TODAY": "", "VISITLOG_NOTES": "",
                     "VISITLOG_REP": ""})
    full_env.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "visitlog", *argv], stdin=child, stdout=child, stderr=child,
                            env=full_env, close_fds=True)
    os.close(child)
    chunks, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            data = os.read(main, 65536)
        except OSError:              # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(main)
    code = proc.wait(timeout=max(1, deadline - time.monotonic()))
    text = b"".join(chunks).decode("utf-8", "replace").replace("\r", "")
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]", "", text)


def terminal_lines(text: str, columns: int) -> int:
    """How many rows `text` takes on a terminal `columns` wide (a longer line wraps)."""
    from rich.cells import cell_len

    return sum(max(1, -(-cell_len(line) // columns)) for line in text.rstrip("\n").split("\n"))
