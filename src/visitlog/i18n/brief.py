"""Words of prep's one-screen brief (issue #17): its sections and the line that says what was left out."""

MESSAGES = {
    "prep-safety-title": {"en": "⚠ Safety first ({n})", "zh": "⚠ 安全优先（{n}）"},
    "prep-event-line": {"en": "adverse event reported {day}: {status}", "zh": "{day} 反馈不良反应：{status}"},
    "prep-last-needs": {"en": "Last time ({when}, {days} d ago) · {summary}",
                        "zh": "上次（{when}，{days} 天前）· {summary}"},
    "prep-tier-short": {"en": "tier {tier}", "zh": "{tier}级"},
    "prep-talk": {"en": "What to say", "zh": "要讲的"},
    "prep-bring-missing": {"en": "{need}: no approved material yet (ask marketing or medical)",
                           "zh": "{need}：还没有获批资料（找市场部或医学部）"},
    # --- the last line: what the screen left out, and how to see it ---
    "prep-folded": {"en": "Not shown: {parts}. Everything: visitlog prep {name} -v",
                    "zh": "未显示：{parts}。查看全部：visitlog prep {name} -v"},
    "prep-fold-join": {"en": ", ", "zh": "、"},
    "prep-fold-profile": {"en": "profile and scores", "zh": "画像与评分"},
    "prep-fold-points": {"en": "{n} more {n|point|points} of last time", "zh": "上次另 {n} 条要点"},
    "prep-fold-promises": {"en": "{n} more {n|promise|promises}", "zh": "另 {n} 项承诺"},
    "prep-fold-questions": {"en": "{n} more {n|question|questions}", "zh": "另 {n} 个问题"},
    "prep-fold-bring": {"en": "{n} more to bring", "zh": "另 {n} 项资料"},
    "prep-fold-tips": {"en": "{n} scenario {n|tip|tips}", "zh": "{n} 条场景提示"},
    "prep-fold-needs": {"en": "inferred needs ({n})", "zh": "推断的需求（{n}）"},
    "prep-fold-interests": {"en": "recent interests ({n})", "zh": "近期兴趣点（{n}）"},
    "prep-fold-replied": {"en": "{n} replied adverse {n|event|events}", "zh": "{n} 条已回复的不良反应"},
    "prep-fold-steps": {"en": "the six-step call", "zh": "回访六步"},
}
