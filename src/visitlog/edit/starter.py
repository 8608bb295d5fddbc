"""A notebook's first day and finding a note again: `init` and `open`.

`create_notebook` writes `visitlog.yaml` and one example visit (in the
notebook's language) into an empty or new folder, never over anything;
`remember` makes the folder the user config's `notes:` (platformdirs'
config dir), keeping any other key and never replacing a `notes:` that names
another existing notebook. `locate` turns `ID|PATH:LINE` into a place;
`at_line` adds the "jump to this line" argument editors understand.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from ..notebook.files import atomic_write
from ..notebook.model import Notebook, Source
from ..notebook.settings import Settings, user_config_path

SETTINGS_TEXT = {
    "zh": """# visitlog 设置（每一项都有默认值，见 docs/settings.md）
language: zh
# cadence: {A: 15, B: 14, C: 30}   # 各级客户的联系间隔（天）
# wake_up_days: 60                 # 超过这么多天未联系就需要唤醒
# due_days: 3                      # visitlog due 向后看几天
""",
    "en": """# visitlog settings (every key has a default: docs/settings.md)
language: en
# cadence: {A: 15, B: 14, C: 30}   # days between contacts, by tier
# wake_up_days: 60                 # silent this long -> a wake-up item
# due_days: 3                      # how many days ahead `visitlog due` looks
""",
}

EXAMPLE = {
    "zh": """---
customer: 示例医生
date: {day} 10:00
channel: visit
purpose: first
hospital: 示例医院
department: 心内科
tags: [示例]
---
## 沟通要点
- 这是一条示例记录：照这个格式写，或删掉它（visitlog new 客户名 会按模板新建）
- 关心老年患者的剂量调整 ?
- 对真实世界研究数据感兴趣 ↑

## 待办
- [ ] 3天内把说明书和研究摘要发给示例医生
""",
    "en": """---
customer: Dr Example
date: {day} 10:00
channel: visit
purpose: first
hospital: Example Hospital
department: cardiology
tags: [example]
---
## Discussion
- An example note: write yours like this, or delete it (`visitlog new NAME` starts one from a template)
- Asks about dose adjustment for elderly patients ?
- Interested in the real-world study data ↑

## Actions
- [ ] send the label and the study summary within 3 days
""",
}


class UserConfigError(Exception):
    """The user config already names another notebook: (config path, its notes)."""


def create_notebook(root: Path, lang: str, today: date) -> list[str]:
    """Write the settings and one example into `root` (created if missing). FileExistsError when it holds
    notes or settings already: `init` never writes over a notebook."""
    from ..notebook.load import has_notes
    from ..notebook.settings import SETTINGS_FILE

    if root.exists() and (not root.is_dir() or has_notes(root) or (root / SETTINGS_FILE).exists()):
        raise FileExistsError(str(root))
    lang = lang if lang in SETTINGS_TEXT else "en"
    name = "示例医生" if lang == "zh" else "Dr Example"
    example = f"visits/{today.year}/{today.isoformat()}-{name.replace(' ', '-')}.md"
    (root / "visits" / str(today.year)).mkdir(parents=True, exist_ok=True)
    (root / "customers").mkdir(exist_ok=True)
    atomic_write(root / SETTINGS_FILE, SETTINGS_TEXT[lang].encode("utf-8"))
    atomic_write(root / example, EXAMPLE[lang].format(day=today.isoformat()).encode("utf-8"))
    return [SETTINGS_FILE, example]


def remember(root: Path) -> tuple[Path, str | None]:
    """Make `root` the user config's `notes:`; (the config path, the notes it named before)."""
    import yaml

    path = user_config_path()
    data: dict = {}
    if path.is_file():
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            loaded = None
        if not isinstance(loaded, dict):
            raise UserConfigError(str(path), "?")
        data = loaded
    before = data.get("notes")
    target = str(root.resolve())
    if isinstance(before, str) and before and Path(before).expanduser().is_dir() \
            and Path(before).expanduser().resolve() != Path(target):
        raise UserConfigError(str(path), before)
    data["notes"] = target
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path, before if isinstance(before, str) else None


def locate(notebook: Notebook, root: Path, today: date, settings: Settings, target: str) -> Source | None:
    """The place `target` names: `path:line` in the notebook, or an item id (or a unique prefix of one);
    None when it is neither (then it may be a customer)."""
    from ..rules.due import complete_id, find_items
    from .done import normalise_key

    key = normalise_key(target, root)
    if ":" in key and key.rsplit(":", 1)[1].isdigit():
        path, line = key.rsplit(":", 1)
        if (root / path).is_file():
            return Source(path, int(line))
    full = complete_id(notebook, today, settings, key)
    if isinstance(full, str):
        found = find_items(notebook, today, settings, full)
        if found:
            return found[0].source
    return None


_PLUS_LINE = ("vi", "vim", "nvim", "gvim", "nano", "emacs", "emacsclient", "micro", "kak", "mg", "joe", "ne")


def at_line(command: list[str], path: Path, line: int) -> list[str]:
    """The editor command opening `path` at `line` where the editor takes one (`+N`, `path:N`, `-g`)."""
    name = os.path.basename(command[-1] if command else "").lower().removesuffix(".exe")
    base = os.path.basename(command[0]).lower().removesuffix(".exe") if command else ""
    for n in (name, base):
        if n in _PLUS_LINE:
            return [*command, f"+{line}", str(path)]
        if n in ("hx", "helix", "subl", "sublime_text"):
            return [*command, f"{path}:{line}"]
        if n in ("code", "codium", "code-insiders"):
            return [*command, "-g", f"{path}:{line}"]
    return [*command, str(path)]
