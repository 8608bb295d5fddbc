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
    "reps": {"en": "reps", "zh": "代表"},
    "by-rep": {"en": " · {by}", "zh": " · {by}"},
    "by-rep-safety": {"en": " · recorded by {by}", "zh": " · {by}记录"},
}

MESSAGES.update({
    # --- sync ---
    "sync-no-git": {"en": "visitlog sync needs git {version} or later (found: {found}); install it from https://git-scm.com",
                    "zh": "visitlog sync 需要 git {version} 或更新版本（当前：{found}）；请先安装 git"},
    "sync-not-repo": {"en": "{path} is not in a git repository. To start sharing it:\n"
                            "  git -C {path} init\n"
                            "  git -C {path} remote add origin URL      # the district's repository\n"
                            "  visitlog sync --notes {path}\n"
                            "(or clone the district's repository and use that folder as the notebook)",
                      "zh": "{path} 不在 git 仓库中。开始共享：\n"
                            "  git -C {path} init\n"
                            "  git -C {path} remote add origin 仓库地址   # 团队的仓库\n"
                            "  visitlog sync --notes {path}\n"
                            "（或克隆团队的仓库，以该文件夹作为记录本）"},
    "sync-committed": {"en": "committed: {message}", "zh": "已提交：{message}"},
    "sync-nothing": {"en": "nothing new to commit", "zh": "没有新的改动需要提交"},
    "sync-pulled": {"en": "brought in {n} {n|commit|commits} from {upstream}", "zh": "已从 {upstream} 取回 {n} 个提交"},
    "sync-done": {"en": "in sync with {upstream}", "zh": "已与 {upstream} 同步"},
    "sync-pushed": {"en": "pushed to {upstream}", "zh": "已推送到 {upstream}"},
    "sync-local": {"en": "no upstream branch: the commit stays on this machine. To share it:\n"
                         "  git -C {path} remote add origin URL\n  git -C {path} push -u origin {branch}",
                   "zh": "没有上游分支：提交只保存在本机。要共享：\n"
                         "  git -C {path} remote add origin 仓库地址\n  git -C {path} push -u origin {branch}"},
    "sync-pending": {"en": "could not reach {upstream}: committed locally, the push is pending; run visitlog sync "
                           "again when online ({detail})",
                     "zh": "无法连接 {upstream}：已在本机提交，推送待完成；联网后再运行 visitlog sync（{detail}）"},
    "sync-conflict": {"en": "conflict: someone else changed the same lines. Nothing is lost: each file below holds "
                            "both versions between <<<<<<< and >>>>>>> (yours is also in ORIG_HEAD, theirs in {upstream}).",
                      "zh": "冲突：其他人修改了相同的行。没有丢失任何内容：下列文件在 <<<<<<< 与 >>>>>>> 之间同时保留了两个版本"
                            "（你的版本也在 ORIG_HEAD 中，对方的在 {upstream} 中）。"},
    "sync-conflict-how": {"en": "To finish: edit each file (visitlog check shows the markers' lines), keep what is right, "
                                "delete the marker lines, then run visitlog sync again.\n"
                                "To go back to your version instead: git -C {path} rebase --abort",
                          "zh": "完成方法：逐个编辑这些文件（visitlog check 会列出标记所在行），保留正确内容并删除标记行，"
                                "然后再次运行 visitlog sync。\n想退回到你的版本：git -C {path} rebase --abort"},
    "sync-markers": {"en": "nothing committed: these notes still hold conflict markers (<<<<<<< … >>>>>>>). Keep what "
                           "is right, delete the marker lines (visitlog check shows them), then run visitlog sync again:",
                     "zh": "未提交：下列记录仍含冲突标记（<<<<<<< … >>>>>>>）。保留正确内容并删除标记行（visitlog check 会列出），"
                           "然后再次运行 visitlog sync："},
    "sync-failed": {"en": "git {step} failed: {detail}", "zh": "git {step} 失败：{detail}"},
    # --- history ---
    "history-no-git": {"en": "visitlog history reads git's log: {path} is not in a git repository (see visitlog sync)",
                       "zh": "visitlog history 读取 git 日志：{path} 不在 git 仓库中（参见 visitlog sync）"},
    "history-none": {"en": "{path}: not in git's history yet (run visitlog sync)",
                     "zh": "{path}：尚未进入 git 历史（请运行 visitlog sync）"},
    "history-unknown": {"en": "{target!r} is neither a note of the notebook nor a customer",
                        "zh": "{target!r} 既不是记录本中的文件，也不是客户"},
    "history-created": {"en": "created: {customer} {day}", "zh": "新建：{customer} {day}"},
    "history-created-profile": {"en": "profile created: {customer}", "zh": "新建档案：{customer}"},
    "history-created-file": {"en": "created {path}", "zh": "新建 {path}"},
    "history-removed": {"en": "removed", "zh": "已删除"},
    "history-done": {"en": "✅ {text}", "zh": "✅ {text}"},
    "history-cancelled": {"en": "cancelled: {text}", "zh": "取消：{text}"},
    "history-reopened": {"en": "reopened: {text}", "zh": "重新打开：{text}"},
    "history-added": {"en": "promise added: {text}", "zh": "新增待办：{text}"},
    "history-replied": {"en": "replied set ({day})", "zh": "已正式回复（{day}）"},
    "history-adverse-event": {"en": "adverse event recorded: {text}", "zh": "记录不良反应：{text}"},
    "history-next": {"en": "next contact: {text}", "zh": "下次联系：{text}"},
    "history-field": {"en": "{field} changed", "zh": "修改了 {field}"},
    "history-conflict": {"en": "holds git conflict markers", "zh": "含 git 冲突标记"},
    "history-edited": {"en": "edited", "zh": "修改了内容"},
})

MESSAGES.update({
    # --- the manager's review ---
    "team-review-title": {"en": "District review {week}", "zh": "团队周复盘 {week}"},
    "team-per-rep": {"en": "Per rep", "zh": "各代表"},
    "team-per-rep-note": {"en": "Plan: customers the cadence plan asked for by Sunday, of them fully met. On time: "
                                "kept on time, of the promises done or past their deadline. Each rep's cadence counts "
                                "that rep's own contacts.",
                          "zh": "计划：本周日前按联系节奏应联系的客户，及其中已完成的。按时率：已完成或已过期限的承诺中按时完成的比例。"
                                "每位代表的联系节奏只计本人的联系。"},
    "team-col-rep": {"en": "Rep", "zh": "代表"},
    "team-col-reps": {"en": "Reps", "zh": "代表"},
    "team-col-contacts": {"en": "Contacts", "zh": "联系"},
    "team-col-plan": {"en": "Plan met", "zh": "计划完成"},
    "team-col-made": {"en": "Promises", "zh": "承诺"},
    "team-col-kept": {"en": "Kept", "zh": "按时"},
    "team-col-late": {"en": "Late", "zh": "逾期完成"},
    "team-col-overdue": {"en": "Overdue", "zh": "逾期未完成"},
    "team-col-rate": {"en": "On time", "zh": "按时率"},
    "team-col-ae": {"en": "Adverse events", "zh": "不良反应"},
    "team-col-wake": {"en": "To wake up", "zh": "待唤醒"},
    "team-ae-cell": {"en": "{n} ({in_time} in time)", "zh": "{n}（按时回复 {in_time}）"},
    "team-ae-line": {"en": "{rep} · {customer} {date}: {description} — {reply}",
                     "zh": "{rep} · {customer} {date}：{description} —— {reply}"},
    "team-wake-line": {"en": "{rep} ({n}): {names}", "zh": "{rep}（{n} 位）：{names}"},
    "team-and-more": {"en": " and {n} more", "zh": " 等，另有 {n} 位"},
    "team-questions": {"en": "High-frequency questions across the district (for the medical department)",
                       "zh": "全组高频问题（反馈医学部）"},
    "team-competitors": {"en": "Competitor mentions across the district", "zh": "全组竞品提及"},
    # --- charts of the HTML report ---
    "chart-contacts-plan": {"en": "Contacts this week against the plan", "zh": "本周联系与计划"},
    "chart-contacts": {"en": "contacts", "zh": "联系"},
    "chart-plan": {"en": "plan asked", "zh": "计划应联系"},
    "chart-met": {"en": "plan met", "zh": "计划已完成"},
    "chart-on-time": {"en": "On-time rate of promises, last 8 weeks", "zh": "近 8 周承诺按时率"},
    "chart-topics": {"en": "Question topics this week", "zh": "本周问题话题"},
    "chart-glance": {"en": "At a glance", "zh": "一览"},
    "chart-none": {"en": "no data", "zh": "暂无数据"},
    "html-generated": {"en": "Written by visitlog on {today}; a self-contained file (no network needed).",
                       "zh": "由 visitlog 于 {today} 生成；独立文件，无需联网。"},
})
