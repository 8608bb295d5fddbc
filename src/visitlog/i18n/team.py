"""Messages of the district notebook: reps, sync, history, the team review (docs/team.md)."""
from __future__ import annotations

MESSAGES = {
    # --- check ---
    "conflict-marker": {"en": "git conflict marker '{marker}': this note holds both sides of a merge; keep one "
                              "(or both, rewritten) and delete the marker lines",
                        "zh": "git 冲突标记 '{marker}'：这条记录里同时留着合并的两个版本；保留需要的内容并删除标记行"},
    # --- whose view ---
    "team-who-are-you": {"en": "visitlog: a team notebook ({reps}); showing everyone. Say who you are with --rep NAME, "
                               "VISITLOG_REP, `rep:` in the user config, or git's user.name",
                         "zh": "visitlog：这是团队记录本（{reps}），现显示全组。用 --rep 姓名、VISITLOG_REP、用户配置中的 "
                               "rep: 或 git 的 user.name 说明你是谁"},
    "team-unknown-rep": {"en": "--rep {rep!r}: no visit names this rep (reps: {reps}; or all)",
                         "zh": "--rep {rep!r}：没有哪条拜访记录属于这位代表（现有：{reps}；或 all）"},
    "team-rep-not-here": {"en": "visitlog: you are {rep!r} ({origin}), but no visit names this rep yet "
                                "(reps: {reps}); showing what belongs to no one",
                          "zh": "visitlog：当前代表是 {rep!r}（来自{origin}），但还没有属于这位代表的拜访记录"
                                "（现有：{reps}）；只显示无人认领的事项"},
    "team-origin-option": {"en": "--rep", "zh": " --rep"},
    "team-origin-env": {"en": "VISITLOG_REP", "zh": " VISITLOG_REP"},
    "team-origin-config": {"en": "the user config", "zh": "用户配置"},
    "team-origin-git": {"en": "git user.name", "zh": " git user.name"},
    "team-origin-none": {"en": "nowhere", "zh": "无"},
    "by-rep": {"en": " · {by}'s", "zh": " · {by}记录"},
}
