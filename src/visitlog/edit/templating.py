"""Visit templates and style playbooks: where they are, what they say.

Templates are Markdown files named by purpose (`first.md`, `follow-up.md`,
`academic.md`, `feedback.md`, and `default.md` for any other purpose) whose
front matter holds `{{placeholders}}`. Playbooks (`playbooks.yaml`) list the
follow-up sequence of each customer style as data; a step may be scoped to
products (`products:`) or therapy areas (`areas:`, matched in the customer's
department), so it is offered only where it fits.

Both are looked up, file by file, in: the notebook's own `templates/` folder
(the user's overrides), the copy shipped inside the package
(`visitlog/templates`, put there by the wheel build), then the repository's
`templates/` next to `src/` (an editable install).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

DEFAULT_TEMPLATE = "default"
PLAYBOOKS = "playbooks.yaml"
BLOCKS = ("carried_over", "points", "actions")

_PLACEHOLDER = re.compile(r"""(["']?)\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\1""")
_BLOCK_LINE = re.compile(r"^[ \t]*\{\{\s*(" + "|".join(BLOCKS) + r")\s*\}\}[ \t]*$")
_AFTER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(h|hours?|小时|d|days?|天|w|weeks?|周)?\s*$", re.IGNORECASE)


class TemplateError(Exception):
    """A template or playbook file that cannot be used: names the file."""

    def __init__(self, path: Path | str, detail: str):
        self.path, self.detail = str(path), detail
        super().__init__(f"{path}: {detail}")


@dataclass(frozen=True)
class Template:
    name: str               # the purpose it serves, or "default"
    path: Path
    front: str              # the raw front matter, comments kept
    body: str
    keys: tuple[str, ...]   # the front-matter keys, in order


@dataclass(frozen=True)
class Step:
    """One suggested follow-up of a playbook: `after` the visit moment, in words per language."""

    after: timedelta
    texts: tuple[tuple[str, str], ...]    # (language, text)
    products: tuple[str, ...] = ()        # offered only when the contact is about one of these products
    areas: tuple[str, ...] = ()           # ... or the customer's department names one of these areas

    def applies(self, products: tuple[str, ...], department: str) -> bool:
        """A step with no scope fits everyone; a scoped one fits a product of the contact or the department."""
        if not (self.products or self.areas):
            return True
        dept = (department or "").lower()
        return (any(p in products for p in self.products)
                or any(a.lower() in dept for a in self.areas if a))

    def text(self, lang: str) -> str:
        found = dict(self.texts)
        return found.get(lang) or found.get("zh") or next(iter(found.values()), "")


def template_dirs(notebook_root: Path | None) -> list[Path]:
    """Where templates are looked for, most specific first."""
    out: list[Path] = []
    if notebook_root is not None:
        out.append(Path(notebook_root) / "templates")
    try:
        from importlib.resources import files

        shipped = files("visitlog") / "templates"
        if shipped.is_dir():
            out.append(Path(str(shipped)))
    except (ModuleNotFoundError, TypeError, NotADirectoryError):  # pragma: no cover - odd installs
        pass
    repo = Path(__file__).resolve().parents[3]
    if (repo / "src" / "visitlog").is_dir():           # a source checkout (editable install)
        out.append(repo / "templates")
    return [d for d in dict.fromkeys(out)]


def find_file(notebook_root: Path | None, name: str) -> Path | None:
    for folder in template_dirs(notebook_root):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def load_template(notebook_root: Path | None, purpose: str) -> Template:
    """The template for `purpose` (else `default.md`), read with python-frontmatter."""
    path = find_file(notebook_root, f"{purpose}.md") or find_file(notebook_root, f"{DEFAULT_TEMPLATE}.md")
    if path is None:
        raise TemplateError(f"templates/{purpose}.md", "no such template (and no default.md)")
    return read_template(path, purpose if path.stem == purpose else DEFAULT_TEMPLATE)


def read_template(path: Path, name: str) -> Template:
    import frontmatter
    import yaml

    try:
        raw = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, f"cannot read: {exc}") from None
    handler = frontmatter.YAMLHandler()
    try:
        post = frontmatter.loads(raw, handler=handler)
        front, _ = handler.split(raw)
    except (yaml.YAMLError, ValueError) as exc:
        raise TemplateError(path, f"front matter is not valid YAML: {exc}") from None
    missing = [k for k in ("customer", "date") if k not in post.metadata]
    if missing:
        raise TemplateError(path, f"front matter needs '{missing[0]}' (e.g. {missing[0]}: \"{{{{{missing[0]}}}}}\")")
    return Template(name, path, front.strip("\n"), _body_of(raw), tuple(str(k) for k in post.metadata))


def _body_of(raw: str) -> str:
    """Everything after the closing '---' line of the front matter."""
    lines = raw.split("\n")
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return "\n".join(lines[end + 1:])
    return ""


def yaml_scalar(value: str) -> str:
    """A string as a YAML value: plain when it reads back unchanged, else double-quoted."""
    if value == "":
        return ""
    from ..notebook.parse import _Loader
    import yaml

    plain_ok = value == value.strip() and "\n" not in value and not value.startswith(("'", '"', "[", "{"))
    if plain_ok:
        try:
            loader = _Loader(f"k: {value}")
            try:
                back = loader.get_single_data()
            finally:
                loader.dispose()
            if isinstance(back, dict) and back.get("k") == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def yaml_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(str(v)) for v in value) + "]"
    return yaml_scalar("" if value is None else str(value))


def render(template: Template, values: dict[str, Any], blocks: dict[str, list[str]],
           fallback_headings: dict[str, str]) -> str:
    """The note: placeholders filled (YAML-quoted in the front matter), block placeholders
    replaced by their lines (a block with no placeholder in the template is appended
    under its fallback heading)."""
    front_lines = [_fill_front(line, values) for line in template.front.split("\n")]
    body_lines: list[str] = []
    used: set[str] = set()
    for line in template.body.split("\n"):
        block = _BLOCK_LINE.match(line)
        if block:
            used.add(block.group(1))
            body_lines.extend(blocks.get(block.group(1), ()))
            continue
        body_lines.append(_PLACEHOLDER.sub(lambda m: _plain(values.get(m.group(2), "")), line))
    for name in BLOCKS:
        if name not in used and blocks.get(name):
            heading = fallback_headings.get(name)
            body_lines.extend(["", heading] if heading else [""])
            body_lines.extend(blocks[name])
    body = "\n".join(body_lines).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    return "---\n" + "\n".join(front_lines) + "\n---\n" + (body + "\n" if body else "")


def _fill_front(line: str, values: dict[str, Any]) -> str:
    """One front-matter line with its placeholders filled; a trailing comment keeps its column."""
    if not _PLACEHOLDER.search(line):
        return line
    comment = re.search(r"\s+#.*$", line)
    code, tail = (line[:comment.start()], comment.group(0).lstrip()) if comment else (line, "")
    filled = _PLACEHOLDER.sub(lambda m: yaml_value(values.get(m.group(2), "")), code).rstrip()
    if not tail:
        return filled
    column = comment.start() + len(comment.group(0)) - len(tail)
    return filled + " " * max(1, column - len(filled)) + tail


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def parse_after(value: Any) -> timedelta | None:
    """`48h`, `3d`, `1w`, `15` (days), `3 days`, `48小时` → a time span."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return timedelta(days=value) if value >= 0 else None
    m = _AFTER.match(str(value))
    if not m:
        return None
    n = float(m.group(1))
    unit = (m.group(2) or "d").lower()
    if unit[0] == "h" or unit == "小时":
        return timedelta(hours=n)
    if unit[0] == "w" or unit == "周":
        return timedelta(weeks=n)
    return timedelta(days=n)


SCOPE_KEYS = ("after", "products", "areas")


def read_playbooks(path: Path) -> dict[str, tuple[Step, ...]]:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(path, f"cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise TemplateError(path, f"not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TemplateError(path, "expected a mapping of style: [steps]")
    out: dict[str, tuple[Step, ...]] = {}
    for style, steps in data.items():
        if not isinstance(steps, list):
            raise TemplateError(path, f"{style}: expected a list of steps")
        parsed = []
        for n, step in enumerate(steps, 1):
            if not isinstance(step, dict):
                raise TemplateError(path, f"{style}: step {n}: expected after/zh/en")
            after = parse_after(step.get("after"))
            if after is None:
                raise TemplateError(path, f"{style}: step {n}: 'after' must look like 24h, 3d or 1w, "
                                          f"got {step.get('after')!r}")
            texts = tuple((str(k), str(v).strip()) for k, v in step.items()
                          if k not in SCOPE_KEYS and isinstance(v, (str, int, float)) and str(v).strip())
            if not texts:
                raise TemplateError(path, f"{style}: step {n}: no text (give zh: or en:)")
            scope = {}
            for key in ("products", "areas"):
                value = step.get(key)
                if isinstance(value, str):
                    value = [x for x in re.split(r"\s*[,，、]\s*", value) if x]
                if value is not None and not (isinstance(value, list) and all(isinstance(x, str) for x in value)):
                    raise TemplateError(path, f"{style}: step {n}: '{key}' must be a list of names, got {value!r}")
                scope[key] = tuple(x.strip() for x in value or () if x.strip())
            parsed.append(Step(after, texts, **scope))
        out[str(style)] = tuple(parsed)
    return out


def load_playbooks(notebook_root: Path | None) -> dict[str, tuple[Step, ...]]:
    """Every style's steps: the shipped file, with each style the notebook's file names replaced."""
    out: dict[str, tuple[Step, ...]] = {}
    for folder in reversed(template_dirs(notebook_root)):
        path = folder / PLAYBOOKS
        if path.is_file():
            out.update(read_playbooks(path))
    return out
