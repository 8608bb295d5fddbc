"""Words of the morning list cut to fit the terminal (render/duescreen.py, issue #13)."""

MESSAGES = {
    "morning-screen": {"en": "{customers} more customer(s), {items} item(s) not shown (next: {when}{overdue}) · "
                             "--limit 0: all",
                       "zh": "另有 {customers} 位客户的 {items} 项未列出（最早：{when}{overdue}）：--limit 0 全部列出"},
    "morning-screen-overdue": {"en": "; {n} overdue", "zh": "；逾期 {n} 项"},
    "morning-names-more": {"en": "{n} customers ({names}, …)", "zh": "{names}等 {n} 位客户"},
}
