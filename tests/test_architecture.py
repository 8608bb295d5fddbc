"""The package is laid out as the data flows (docs/architecture.md); a module never
imports from a folder above its own in the flow."""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "visitlog"
DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"

# Lowest first. A module may import its own folder and any folder below it.
FLOW = ["i18n", "notebook", "rules", "edit", "render", "cli"]


def stage(module: str) -> int | None:
    """The flow position of a dotted module name under visitlog (None: the package root)."""
    parts = module.split(".")
    if parts[0] != "visitlog" or len(parts) < 2:
        return None
    return FLOW.index(parts[1]) if parts[1] in FLOW else None


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) for every import in the file, relative ones resolved."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    here = list(rel.parts if rel.name != "__init__" else rel.parts[:-1])
    package = here if path.name == "__init__.py" else here[:-1]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if node.module is None:  # from .. import x: x may be a module
                out += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                out.append((node.lineno, target))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
    return out


def test_no_module_imports_from_a_folder_above_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mine = stage(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if mine is None:
            continue
        for line, target in imports(path):
            theirs = stage(target)
            if theirs is not None and theirs > mine:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {FLOW[mine]} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_every_module_lives_in_a_stage_folder():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert not loose, f"modules outside the flow's folders: {loose}"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(FLOW)


def test_architecture_doc_names_every_module():
    doc = DOC.read_text(encoding="utf-8")
    headings = re.findall(r"^### `(\w+)/`", doc, flags=re.M)
    assert headings == FLOW, "docs/architecture.md has a section per folder, in flow order"
    sections = dict(zip(headings, re.split(r"^### `\w+/`", doc, flags=re.M)[1:]))
    missing = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
               if p.name not in ("__init__.py", "__main__.py") and p.parent.name in sections
               and p.parent.name != "i18n"                    # its modules are area catalogs, described as such
               and f"`{p.stem}`" not in sections[p.parent.name]]
    assert not missing, f"docs/architecture.md does not describe these in their folder's section: {missing}"
