"""Sentences of issue #17: the morning list by customer, "nothing hides", names, labels, the everyday commands."""
from __future__ import annotations

MESSAGES = {
    # --- labels in (cli/common.py label_values) ---
    "bad-label": {"en": "{option} {value!r}: use one of {known}", "zh": "{option} {value!r} 无法识别，可用：{known}"},
    # --- names (cli/new.py) ---
    "name-resolved": {"en": "{name!r} is {customer} (a unique prefix); --new-customer records a new customer instead",
                      "zh": "{name!r} 即 {customer}（唯一前缀匹配）；如是新客户，请加 --new-customer"},
    "customers-overdue": {"en": "overdue", "zh": "逾期"},
    # --- init, open, search (cli/everyday.py) ---
    "init-exists": {"en": "{path} already holds a notebook (notes or visitlog.yaml): nothing written",
                    "zh": "{path} 中已有记录（笔记或 visitlog.yaml），未写入任何内容"},
    "init-wrote": {"en": "wrote {path}", "zh": "已写入 {path}"},
    "init-config": {"en": "{path}: notes is now this notebook (before: {before})",
                    "zh": "{path}：notes 已指向这个记录目录（原为：{before}）"},
    "init-config-kept": {"en": "{path} names another notebook ({notes}); left as it is — pass --notes or edit it",
                         "zh": "{path} 已指向另一个记录目录（{notes}），未修改；请用 --notes 或手动修改"},
    "open-no-editor": {"en": "no editor found (set $VISUAL or $EDITOR): {path}",
                       "zh": "找不到编辑器（请设置 $VISUAL 或 $EDITOR）：{path}"},
    "open-nothing": {"en": "{name} has no note to open", "zh": "{name} 没有可打开的记录"},
    "search-none": {"en": "No contact matches.", "zh": "没有匹配的联系记录。"},
    "search-summary": {"en": "{n} contact(s), {lines} line(s)", "zh": "共 {n} 次联系，{lines} 行"},
    "search-nothing": {"en": "say what to find: TEXT, --tag, --product, --competitor or --from/--to",
                       "zh": "请给出要找的内容：TEXT、--tag、--product、--competitor 或 --from/--to"},
    # --- review --month, --from/--to ---
    "review-title-month": {"en": "Monthly review {week}", "zh": "月度复盘 {week}"},
    "review-title-period": {"en": "Review {week}", "zh": "复盘 {week}"},
    "review-one-span": {"en": "give one of --week, --month or --from/--to", "zh": "--week、--month、--from/--to 只能选一种"},
    "review-bad-month": {"en": "--month must be YYYY-MM, got {value!r}", "zh": "--month 应为 YYYY-MM，实际为 {value!r}"},
    "review-bad-span": {"en": "--from {start} is after --to {end}", "zh": "--from {start} 晚于 --to {end}"},
    # --- the calendar (render/ics.py) ---
    "ics-overdue": {"en": "[{days} d overdue]", "zh": "【逾期 {days} 天】"},
    "ics-close-done": {"en": "When done: visitlog done {id}", "zh": "完成后：visitlog done {id}"},
    "ics-close-contact": {"en": "Closed by logging a contact: visitlog new {customer}",
                          "zh": "记一次联系即关闭：visitlog new {customer}"},
    "ics-closed": {"en": "Closed in visitlog: nothing left to do.", "zh": "已在 visitlog 中关闭，无需再处理。"},
    # --- prep ---
    "prep-event-late": {"en": "formal reply overdue by {days} d (was due {due})",
                        "zh": "正式回复已超时 {days} 天（应于 {due} 前回复）"},
    # --- the editor (cli/new.py) ---
    "new-unchanged-removed": {"en": "The note was left as the template, so it was removed ({path}); nothing recorded.",
                              "zh": "记录未作任何修改（仍是模板），已删除（{path}），本次没有记录。"},
    # --- nothing hides (cli/common.py) ---
    "unread-notes": {"en": "{n} note(s) could not be read — run `visitlog check`",
                     "zh": "有 {n} 条记录无法读取，其中的待办未列入——请运行 visitlog check"},
    "no-notes": {"en": "no visit notes found in {path} (is this your notebook?)",
                 "zh": "{path} 中没有任何拜访记录（这是你的记录目录吗？）"},
    "notebook-is-a-file": {"en": "{path} is a file, not a notebook folder: pass the folder with --notes",
                           "zh": "{path} 是一个文件，不是记录目录：请用 --notes 指定文件夹"},
    # --- the morning list (render/duetext.py) ---
    "morning-summary": {"en": "{date} {weekday} · {total} items, {customers} customers: {overdue} overdue, "
                              "{today} today, {coming} in {days} d, {vague} undated",
                        "zh": "{date} {weekday} · {customers} 位客户，共 {total} 项：逾期 {overdue}，今天 {today}，"
                              "未来 {days} 天 {coming}，无日期 {vague}"},
    "morning-today": {"en": "today", "zh": "今天"},
    "morning-no-date": {"en": "no date", "zh": "无日期"},
    "morning-kind-contact": {"en": "contact", "zh": "联系"},
    "morning-contact": {"en": "a contact closes {n}: {names}", "zh": "一次联系关闭 {n} 项：{names}"},
    "morning-join": {"en": ", ", "zh": "、"},
    "morning-and": {"en": "; ", "zh": "，"},
    "morning-folded-stale": {"en": "{names} {n} promise(s) >{days} d overdue",
                             "zh": "{names} {n} 项逾期超 {days} 天的承诺"},
    "morning-folded-overtaken": {"en": "{names} {n} overtaken follow-up(s)",
                                 "zh": "{names} {n} 项被唤醒取代的跟进"},
    "morning-left-out": {"en": "Not listed (--all): {what}", "zh": "未列出（--all 列出）：{what}"},
    "morning-limited": {"en": "{customers} more customer(s) with {items} item(s) past --limit (--limit 0: all)",
                        "zh": "另有 {customers} 位客户的 {items} 项超出 --limit（--limit 0 全部列出）"},
    "morning-hint": {"en": "visitlog done <id> closes one · a contact (visitlog new) the rest · -v: why",
                     "zh": "完成：visitlog done <id> · 其余记一次联系（visitlog new）即关闭 · -v 看原因"},
    "short-next": {"en": "appointment", "zh": "约见"},
    "short-new-customer": {"en": "follow-up", "zh": "新客户跟进"},
    "short-tier": {"en": "routine", "zh": "例行联系"},
    "short-tier-in-depth": {"en": "in-depth", "zh": "深度沟通"},
    "short-update": {"en": "update", "zh": "行业资讯"},
    "short-academic": {"en": "academic", "zh": "学术支持"},
    "short-wake-up": {"en": "wake-up", "zh": "唤醒"},
}
