"""The catalog is complete: every key the code asks for exists in both languages with the
same placeholders, no key is defined twice or never used, and the examples it gives work."""
from __future__ import annotations

import ast
import re
import string
from datetime import datetime
from pathlib import Path

from visitlog.i18n import MESSAGES, t

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "visitlog"
PLURAL = re.compile(r"\{(\w+)\|[^|{}]*\|[^|{}]*\}")


def source_strings() -> tuple[set[str], set[str]]:
    """Every string constant in the package's code, and the constant prefixes of f-strings."""
    constants, prefixes = set(), set()
    for path in PACKAGE.rglob("*.py"):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(node.values[0].value)
            elif isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
                prefixes.add(node.left.value)          # "review-fate-" + fate
    return constants, prefixes


def requested_keys() -> set[str]:
    """Keys passed literally to t() and problem codes given to Problem()/reader.problem()."""
    out = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "t" and node.args and isinstance(node.args[0], ast.Constant):
                out.add(node.args[0].value)
            elif name in ("Problem", "problem") and args:
                out.add(args[0])
    return out


def placeholders(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(PLURAL.sub(r"{\1}", template)) if f}


def test_every_requested_key_exists():
    missing = sorted(k for k in requested_keys() if k not in MESSAGES and k not in ("error", "warning"))
    assert not missing, f"keys asked for but not in the catalog: {missing}"


def test_every_entry_has_both_languages_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"en", "zh"}, key
        assert placeholders(entry["en"]) == placeholders(entry["zh"]), key


def test_no_key_is_defined_twice_across_area_catalogs():
    import pkgutil
    from importlib import import_module

    import visitlog.i18n as core

    seen = dict.fromkeys(core_keys(), "__init__")
    for info in pkgutil.iter_modules(core.__path__):
        for key in getattr(import_module(f"visitlog.i18n.{info.name}"), "MESSAGES", {}):
            assert key not in seen, f"{key} is defined in {seen[key]} and {info.name}"
            seen[key] = info.name


def core_keys() -> set[str]:
    source = (PACKAGE / "i18n" / "__init__.py").read_text(encoding="utf-8")
    start = source.index("MESSAGES: dict[str, dict[str, str]] = ") + len("MESSAGES: dict[str, dict[str, str]] = ")
    return set(ast.literal_eval(source[start: source.index("\n}\n") + 2]))


def test_every_key_is_used():
    constants, prefixes = source_strings()
    words = {f"{kind}-" for kind in constants}  # word(kind, value) looks up f"{kind}-{value}"
    unused = sorted(k for k in core_keys() if k not in constants
                    and not any(k.startswith(p) for p in prefixes | words if p))
    assert not unused, f"catalog keys no code asks for: {unused}"


def test_english_plurals_follow_the_count():
    assert t("check-summary", "en", errors=1, warnings=1, files=1) == "1 error, 1 warning in 1 file"
    assert t("check-summary", "en", errors=0, warnings=2, files=3) == "0 errors, 2 warnings in 3 files"
    assert "{" not in t("check-summary", "zh", errors=1, warnings=2, files=3)


def test_the_deadline_examples_the_catalog_gives_all_resolve():
    from visitlog.notebook.deadlines import find_deadline

    moment = datetime(2026, 11, 20, 16, 0)
    for key in ("vague-action", "vague-next"):
        for lang, sep in (("en", r"“([^”]+)”"), ("zh", r"(?:如|写成) ([^（）]+?)(?:，|\s的|）)")):
            text = MESSAGES[key][lang]
            examples = re.findall(sep, text)
            if lang == "zh":
                examples = [e.strip() for chunk in examples for e in chunk.split(" / ")]
            assert examples, (key, lang)
            for example in examples:
                found = find_deadline(example, moment)
                assert found is not None and found.phrase == example, (key, lang, example)
