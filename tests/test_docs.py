"""Help text is documentation: every command has an example, and the README covers it."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from visitlog.cli import app

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_an_example_in_its_help(name):
    for lang, example in (("en", "Example: visitlog "), ("zh", "示例：visitlog ")):
        result = CliRunner().invoke(app, [name, "--help", "--lang", lang], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert example + name in " ".join(result.stdout.split())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_readme_section(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"### `visitlog {name}" in readme


def test_docs_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    import re

    for target in re.findall(r"\]\((docs/[^)#]+)", readme):
        assert (ROOT / target).is_file(), target
