"""Every sentence the interface shows a person, in Chinese and English.

Rules and the loader speak in codes and values (`Problem.code`, item kinds,
reasons as codes with arguments); only renderers turn them into text, through
`t()`. Machine values (`kind`, `tier`, `segment`, `level`, `status`) stay English
in JSON whatever the language.
"""
from __future__ import annotations

import os
import pkgutil
import re
from importlib import import_module
from typing import Any

LANGUAGES = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- problems found while reading (codes of `visitlog check`) ---
    "yaml": {"en": "front matter is not valid YAML: {detail}",
             "zh": "front matter 不是合法的 YAML：{detail}"},
    "front-matter-unclosed": {"en": "front matter is not closed by a line '---'",
                              "zh": "front matter 缺少结尾的 '---' 行"},
    "front-matter-not-mapping": {"en": "front matter must be a mapping of key: value",
                                 "zh": "front matter 应为 键: 值 的形式"},
    "not-a-visit": {"en": "not a visit (no front matter with customer and date); ignored",
                    "zh": "不是拜访记录（front matter 中没有 customer 和 date），已忽略"},
    "missing-field": {"en": "missing required field '{field}'",
                      "zh": "缺少必填字段 '{field}'"},
    "bad-date": {"en": "'{field}' is not a valid date: {value!r} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)",
                 "zh": "'{field}' 不是有效日期：{value!r}（应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）"},
    "bad-type": {"en": "'{field}' should be {expected}, got {value!r}",
                 "zh": "'{field}' 应为{expected}，实际为 {value!r}"},
    "unknown-value": {"en": "unknown {field} {value!r} (known: {known})",
                      "zh": "未知的 {field} 值 {value!r}（可用：{known}）"},
    "potential-range": {"en": "potential '{field}' must be a whole number 1-5, got {value!r}; ignored",
                        "zh": "potential 的 '{field}' 应为 1-5 的整数，实际为 {value!r}，已忽略"},
    "bad-tier": {"en": "tier must be A, B or C, got {value!r}; ignored",
                 "zh": "tier 应为 A、B 或 C，实际为 {value!r}，已忽略"},
    "visit-cannot-set": {"en": "a visit cannot change '{field}'; set it in the customer's profile",
                         "zh": "拜访记录不能修改 '{field}'，请在客户档案中设置"},
    "duplicate-name": {"en": "'{name}' is already the name or alias of {other}; ignored here",
                       "zh": "'{name}' 已是 {other} 的姓名或别名，此处忽略"},
    # The examples in these two must each resolve to a date (tests/test_i18n.py checks).
    "vague-action": {"en": "action has no date: '{text}' (write a deadline such as "
                           "“within 48 hours”, “in 3 days”, “next Tuesday”, or 📅 YYYY-MM-DD)",
                     "zh": "待办没有日期：'{text}'（可以写成 48小时内 / 三天后 / 下周二上午 / 月底前，或 📅 YYYY-MM-DD）"},
    "vague-next": {"en": "next contact has no date: '{text}' (write a date or a phrase such as "
                         "“next Tuesday”, “in 3 days”, “by Friday”)",
                   "zh": "下次联系没有日期：'{text}'（可写日期或如 下周二上午 / 三天后 / 本周内 的说法）"},
    "compliance": {"en": "compliance red flag: '{word}' (one of this notebook's compliance_words); "
                         "rewrite the line as the academic exchange it was",
                   "zh": "合规风险用语：'{word}'（本记录本 compliance_words 中的词）；请改写为实际的学术沟通内容"},
    "personal-data": {"en": "personal data in a note: {what}; record only what drives the work (write "
                            "\"contact via the department office\", not the number); outputs mask it",
                      "zh": "记录中含个人信息：{what}；只记录与业务有关的内容（写“经科室联系”而不是号码），"
                            "导出和保存时会打码"},
    "phone": {"en": "a mobile number", "zh": "手机号"},
    "expect-text": {"en": "text", "zh": "文本"},
    "expect-list": {"en": "a list", "zh": "列表"},
    "expect-potential": {"en": "a mapping {prescriptions, influence, department}",
                         "zh": "映射 {prescriptions, influence, department}"},
    "expect-next": {"en": "a date or a phrase", "zh": "日期或期限说法"},
    "expect-adverse-event": {"en": "text, true, or {description, replied}",
                             "zh": "文本、true 或 {description, replied}"},
    "id-number": {"en": "an ID-card number", "zh": "身份证号"},
    "unreadable": {"en": "cannot read the file: {detail}", "zh": "无法读取文件：{detail}"},
    "encoding": {"en": "not UTF-8 text: {detail}", "zh": "不是 UTF-8 文本：{detail}"},
    # --- command messages ---
    "no-notebook": {"en": "no notebook found: pass --notes DIR, set VISITLOG_NOTES, or run where ./notes exists",
                    "zh": "找不到记录目录：请用 --notes DIR 指定，或设置 VISITLOG_NOTES，或在含 ./notes 的目录下运行"},
    "notebook-missing": {"en": "notebook folder does not exist: {path}", "zh": "记录目录不存在：{path}"},
    "bad-today": {"en": "--today must be YYYY-MM-DD, got {value!r}", "zh": "--today 应为 YYYY-MM-DD，实际为 {value!r}"},
    "unknown-customer": {"en": "no customer matches {name!r}{hint}", "zh": "没有匹配 {name!r} 的客户{hint}"},
    "did-you-mean": {"en": " (did you mean: {names}?)", "zh": "（是否要找：{names}？）"},
    "ambiguous-customer": {"en": "{name!r} matches several customers: {names}",
                           "zh": "{name!r} 匹配多位客户：{names}"},
    "settings-error": {"en": "bad settings: {detail}", "zh": "设置有误：{detail}"},
    "check-ok": {"en": "{files} {files|file|files}, {visits} {visits|visit|visits}, {customers} {customers|customer|customers}: no problems",
                 "zh": "{files} 个文件，{visits} 条拜访，{customers} 位客户：没有问题"},
    "check-summary": {"en": "{errors} {errors|error|errors}, {warnings} {warnings|warning|warnings} in {files} {files|file|files}",
                      "zh": "{files} 个文件中有 {errors} 个错误、{warnings} 个警告"},
    # --- table headings and labels ---
    "customer": {"en": "Customer", "zh": "客户"},
    "aliases": {"en": "Aliases", "zh": "别名"},
    "tier": {"en": "Tier", "zh": "级别"},
    "segment": {"en": "Segment", "zh": "分群"},
    "last-contact": {"en": "Last contact", "zh": "上次联系"},
    "next-due": {"en": "Next due", "zh": "下次应联系"},
    "contacts": {"en": "Contacts", "zh": "联系次数"},
    "hospital": {"en": "Hospital", "zh": "医院"},
    "department": {"en": "Department", "zh": "科室"},
    "title": {"en": "Title", "zh": "职称"},
    "role": {"en": "Role", "zh": "角色"},
    "style": {"en": "Style", "zh": "风格"},
    "since": {"en": "Since", "zh": "建立关系"},
    "potential": {"en": "Potential", "zh": "潜力"},
    "profile": {"en": "Profile", "zh": "客户画像"},
    "changes": {"en": "Profile changes", "zh": "画像变化"},
    "questions": {"en": "Questions", "zh": "问题"},
    "interests": {"en": "Interests", "zh": "兴趣点"},
    "urgent": {"en": "Urgent", "zh": "紧急需求"},
    "actions": {"en": "Actions", "zh": "待办"},
    "tags": {"en": "Needs", "zh": "需求关键词"},
    "competitors": {"en": "Competitors", "zh": "竞品"},
    "products": {"en": "Products", "zh": "产品"},
    "adverse-event": {"en": "Adverse event", "zh": "不良反应"},
    "replied": {"en": "replied {date}", "zh": "已于 {date} 正式回复"},
    "not-replied": {"en": "formal reply pending", "zh": "尚未正式回复"},
    "next-contact": {"en": "Next contact", "zh": "下次联系"},
    "no-customers": {"en": "No customers yet.", "zh": "还没有客户。"},
    "status-open": {"en": "open", "zh": "未完成"},
    "status-done": {"en": "done", "zh": "已完成"},
    "status-cancelled": {"en": "cancelled", "zh": "已取消"},
    "no-date": {"en": "no date", "zh": "无日期"},
    "done-on": {"en": "done {date}", "zh": "{date} 完成"},
    "late": {"en": "late", "zh": "逾期完成"},
    "unscored": {"en": "unscored", "zh": "未评分"},
    "changed": {"en": "{field}: {old} → {new}", "zh": "{field}：{old} → {new}"},
    # --- due: reasons and item texts (codes made by due.py) ---
    "reason-safety": {"en": "adverse event reported at the {visit} contact: a formal reply is due within {hours} h",
                      "zh": "{visit} 反馈不良反应，须在 {hours} 小时内正式回复"},
    "reason-dated": {"en": "promised {at}", "zh": "{at}的承诺"},
    "reason-phrase": {"en": "promised {at}: '{phrase}'", "zh": "{at}承诺“{phrase}”"},
    "reason-vague": {"en": "promised {at} with no deadline: give it a date",
                     "zh": "{at}的承诺没有期限，请补上日期"},
    "reason-appointment": {"en": "agreed {at}: {next}", "zh": "{at}约定：{next}"},
    "at-visit": {"en": "at the {visit} visit", "zh": "{visit} 拜访时"},
    "at-phone": {"en": "on the {visit} call", "zh": "{visit} 电话中"},
    "at-online": {"en": "in the {visit} online meeting", "zh": "{visit} 线上沟通时"},
    "at-message": {"en": "in the {visit} message", "zh": "{visit} 消息中"},
    "at-contact": {"en": "at the {visit} contact", "zh": "{visit} 联系时"},
    "reason-new-customer": {"en": "new customer: follow-ups {schedule} {schedule|day|days} after the first contact ({first}); "
                                  "{k} done so far",
                            "zh": "新客户：首次联系 {first} 后第 {schedule} 天各跟进一次；已跟进 {k} 次"},
    "reason-tier": {"en": "tier {tier}: a contact every {days} {days|day|days}; last {last}",
                    "zh": "{tier}级客户，每 {days} 天联系一次；上次 {last}"},
    "reason-tier-in-depth": {"en": "tier {tier}: at least {per_month} in-depth contacts a month ({channels}, "
                                   "every {days} days); last {last}",
                             "zh": "{tier}级客户，每月至少{per_month}次深度沟通（{channels}，每 {days} 天）；上次 {last}"},
    "reason-tier-in-depth-none": {"en": "tier {tier}: at least {per_month} in-depth contacts a month ({channels}, "
                                        "every {days} days); none yet since the first contact {last}",
                                  "zh": "{tier}级客户，每月至少{per_month}次深度沟通（{channels}，每 {days} 天）；"
                                        "首次联系 {last} 以来还没有"},
    "reason-update": {"en": "established customer: an industry update (guidelines, insurance policy) every "
                            "{days} days; last contact {last}",
                      "zh": "老客户，每 {days} 天一次行业资讯（指南、医保政策）；上次联系 {last}"},
    "reason-academic": {"en": "established customer: a tailored academic activity every {days} {days|day|days}; "
                              "last academic contact {last}",
                        "zh": "老客户，每 {days} 天一次定制学术支持；上次学术拜访 {last}"},
    "reason-academic-none": {"en": "established customer: a tailored academic activity every {days} {days|day|days}; "
                                   "none logged, counted from the first logged contact {last}",
                             "zh": "老客户，每 {days} 天一次定制学术支持；尚无记录，从首次记录的联系 {last} 算起"},
    "reason-wake-up": {"en": "{silent} {silent|day|days} without contact (last {last}); after {days} {days|day|days}, wake the customer up",
                       "zh": "已 {silent} 天未联系（上次 {last}）；超过 {days} 天需要唤醒"},
    "text-adverse-event": {"en": "formal reply on the adverse event", "zh": "不良反应正式回复"},
    "text-next": {"en": "the agreed next contact", "zh": "约定的下次联系"},
    "text-new-customer": {"en": "follow-up {n} of a new customer", "zh": "新客户第 {n} 次跟进"},
    "text-tier": {"en": "routine contact (tier {tier})", "zh": "例行联系（{tier}级）"},
    "text-tier-in-depth": {"en": "an in-depth contact ({channels})", "zh": "安排深度沟通（{channels}）"},
    "text-update": {"en": "send an industry update", "zh": "推送行业资讯"},
    "text-academic": {"en": "offer a tailored academic activity", "zh": "安排定制学术支持"},
    "text-wake-up": {"en": "wake-up: a hot topic and new product evidence", "zh": "唤醒：热点话题+产品新证据"},
    "kind-safety": {"en": "safety", "zh": "安全"},
    "kind-commitment": {"en": "promise", "zh": "承诺"},
    "kind-appointment": {"en": "appointment", "zh": "约见"},
    "kind-cadence": {"en": "cadence", "zh": "节奏"},
    "kind-wake-up": {"en": "wake-up", "zh": "唤醒"},
    "group-overdue": {"en": "Overdue", "zh": "已逾期"},
    "group-today": {"en": "Today", "zh": "今天"},
    "group-coming": {"en": "Coming days", "zh": "未来几天"},
    "group-vague": {"en": "No date (give these a deadline)", "zh": "没有日期（请补上期限）"},
    "overdue-by": {"en": "{days} d overdue", "zh": "逾期 {days} 天"},
    "in-days": {"en": "in {days} d", "zh": "{days} 天后"},
    "tomorrow": {"en": "tomorrow", "zh": "明天"},
    "nothing-due": {"en": "Nothing due. 今天没有待办。", "zh": "今天没有待办。"},
    "due-summary": {"en": "{date} {weekday} · {total} {total|item|items}: {overdue} overdue, {today} today, {coming} in "
                          "{days} days, {vague} undated",
                    "zh": "{date} {weekday} · 共 {total} 项：逾期 {overdue}，今天 {today}，未来 {days} 天 {coming}，"
                          "无日期 {vague}"},
    "due-hint": {"en": "Done? visitlog done <id>. Appointment, cadence and wake-up items close with a contact "
                       "(visitlog new).",
                 "zh": "完成一项：visitlog done <id>；约见、节奏、唤醒项记一次联系（visitlog new）即关闭"},
    "weekday-0": {"en": "Mon", "zh": "周一"},
    "weekday-1": {"en": "Tue", "zh": "周二"},
    "weekday-2": {"en": "Wed", "zh": "周三"},
    "weekday-3": {"en": "Thu", "zh": "周四"},
    "weekday-4": {"en": "Fri", "zh": "周五"},
    "weekday-5": {"en": "Sat", "zh": "周六"},
    "weekday-6": {"en": "Sun", "zh": "周日"},
    "channels-or": {"en": " or ", "zh": "或"},
    # --- done and --ics ---
    "done-action": {"en": "Done: {customer} · {text} ✅ {date}  ({source})",
                    "zh": "已完成：{customer} · {text} ✅ {date}（{source}）"},
    "done-replied": {"en": "Formal reply recorded: {customer}'s adverse event, replied {date}  ({source})",
                     "zh": "已记录正式回复：{customer} 的不良反应，回复日期 {date}（{source}）"},
    "done-unknown": {"en": "no open item is named {name!r}: it may be done already, its text or file changed "
                           "(a stale id), or it never existed; run `visitlog due` for the current ids",
                     "zh": "没有名为 {name!r} 的未完成项：可能已完成、文字或文件已改动（id 已失效）或不存在；"
                           "运行 visitlog due 查看当前的 id"},
    "done-ambiguous": {"en": "{name!r} names several items ({ids}); use one of these ids",
                       "zh": "{name!r} 对应多个项目（{ids}），请改用其中一个 id"},
    "done-by-contact": {"en": "a {kind} item is closed by a contact, not by done: log one with "
                              "`visitlog new {customer}`",
                        "zh": "{kind}项不能用 done 关闭，记录一次联系即可：visitlog new {customer}"},
    "done-changed": {"en": "{path} changed while it was being updated; nothing written, run the command again",
                     "zh": "{path} 在更新过程中被修改，未写入任何内容；请重新运行"},
    "done-cannot": {"en": "cannot update {path}: {detail}; nothing written",
                    "zh": "无法更新 {path}：{detail}；未写入任何内容"},
    "ics-written": {"en": "wrote {count} {count|calendar event|calendar events} to {path}", "zh": "已将 {count} 个日历事件写入 {path}"},
    "ics-cannot": {"en": "cannot write {path}: {detail}", "zh": "无法写入 {path}：{detail}"},
    # <due-messages>
    "rfm": {"en": "RFM", "zh": "RFM"},
    "score-days-ago": {"en": "{days} d ago", "zh": "{days} 天前"},
    "score-today": {"en": "today", "zh": "今天"},
    "score-legend": {"en": "* tier set by hand in the profile · ? unscored (potential estimates missing)",
                     "zh": "* 客户档案中手工指定级别 · ? 未评分（缺少潜力估计值）"},
    "score-summary": {"en": "{n} {n|customer|customers} · A {a} · B {b} · C {c} · consultative {consultative} · "
                            "maintain {maintain} · wake-up {wake}",
                      "zh": "{n} 位客户 · A级 {a} · B级 {b} · C级 {c} · 顾问式 {consultative} · "
                            "维护 {maintain} · 唤醒 {wake}"},
    "score-none": {"en": "No customers match.", "zh": "没有符合条件的客户。"},
    "score-bad-tier": {"en": "--tier {value!r}: use A, B or C", "zh": "--tier {value!r}：应为 A、B 或 C"},
    "score-bad-segment": {"en": "--segment {value!r}: use consultative, maintain or wake-up",
                          "zh": "--segment {value!r}：应为 consultative（顾问式）、maintain（维护）或 wake-up（唤醒）"},
    "est-prescriptions": {"en": "prescriptions", "zh": "处方潜力"},
    "est-influence": {"en": "influence", "zh": "学术影响力"},
    "est-department": {"en": "department", "zh": "科室权重"},
    "explain-title": {"en": "{name}: score on {today}", "zh": "{name}：{today} 的评分"},
    "explain-section-potential": {"en": "Potential 0–100: (estimate − 1) × 25 × weight",
                                  "zh": "潜力分 0–100：(估计值 − 1) × 25 × 权重"},
    "explain-settings": {"en": "weights {weights}; thresholds A ≥ {a}, B ≥ {b} ({where})",
                         "zh": "权重 {weights}；门槛 A ≥ {a}，B ≥ {b}（{where}）"},
    "explain-from-settings": {"en": "from visitlog.yaml", "zh": "来自 visitlog.yaml"},
    "explain-from-defaults": {"en": "the defaults", "zh": "默认值"},
    "explain-total": {"en": "potential = {terms} = {value}", "zh": "潜力分 = {terms} = {value}"},
    "explain-rounded": {"en": " (rounded from {exact})", "zh": "（由 {exact} 四舍五入）"},
    "explain-tier-A": {"en": "{value} ≥ {a} → tier A", "zh": "{value} ≥ {a} → A级"},
    "explain-tier-B": {"en": "{b} ≤ {value} < {a} → tier B", "zh": "{b} ≤ {value} < {a} → B级"},
    "explain-tier-C": {"en": "{value} < {b} → tier C", "zh": "{value} < {b} → C级"},
    "explain-override": {"en": "tier {tier}: set by hand in the profile ({source}); by potential it would be {computed}",
                         "zh": "{tier}级：客户档案中手工指定（{source}）；按潜力分应为 {computed}级"},
    "explain-override-unscored": {"en": "tier {tier}: set by hand in the profile ({source}); the potential is not known",
                                  "zh": "{tier}级：客户档案中手工指定（{source}）；潜力分未知"},
    "explain-missing": {"en": "missing estimates: {missing} → unscored, treated as tier C "
                              "(add them to the profile, or to a visit's potential:)",
                        "zh": "缺少估计值：{missing} → 未评分，按C级处理（请在客户档案或拜访记录的 potential 中补上）"},
    "explain-range": {"en": "with what is known the potential would be between {low} and {high}",
                      "zh": "按已知估计值，潜力分会在 {low} 到 {high} 之间"},
    "explain-section-rfm": {"en": "RFM: window {start} – {end} ({days} {days|day|days} back, both ends included)",
                            "zh": "RFM：统计窗口 {start} 至 {end}（向前 {days} 天，含首尾两天）"},
    "explain-recency": {"en": "recency: last contact {last}, days since = {days} {op} {limit} → {score}",
                        "zh": "最近联系 R：上次联系 {last}，距今天数 {days} {op} {limit} → {score}"},
    "explain-recency-none": {"en": "recency: no contact yet → 1", "zh": "最近联系 R：还没有联系记录 → 1"},
    "explain-frequency": {"en": "frequency: {n} {n|contact|contacts} in the window {op} {limit} → {score}",
                          "zh": "联系频次 F：窗口内 {n} 次联系 {op} {limit} → {score}"},
    "explain-need": {"en": "need value: {marks} ↑/! marks + {keywords} for need keywords = {value} {op} {limit} → {score}",
                     "zh": "需求价值 M：{marks} 个 ↑/! 标记 + 需求关键词 {keywords} = {value} {op} {limit} → {score}"},
    "explain-keywords": {"en": "need keywords (distinct, with their weight): {keywords}",
                         "zh": "需求关键词（去重，含权重）：{keywords}"},
    "explain-no-needs": {"en": "no ↑/! marks and no need keywords in the window",
                         "zh": "窗口内没有 ↑/! 标记，也没有需求关键词"},
    "explain-segment-consultative": {"en": "RFM {code} → consultative: all three scores ≥ {min}",
                                     "zh": "RFM {code} → 顾问式：三项得分均 ≥ {min}"},
    "explain-segment-wake-up": {"en": "RFM {code} → wake-up: recency {r} ≤ {max} and frequency {f} ≤ {max}",
                                "zh": "RFM {code} → 唤醒：R {r} ≤ {max} 且 F {f} ≤ {max}"},
    "explain-segment-maintain": {"en": "RFM {code} → maintain: not all three ≥ {min} ({low}), "
                                       "and not both recency and frequency ≤ {max} ({high})",
                                 "zh": "RFM {code} → 维护：并非三项均 ≥ {min}（{low}），"
                                       "也不是 R 与 F 都 ≤ {max}（{high}）"},
    # <score-messages>
    "bad-week": {"en": "--week must be an ISO week such as 2026-W47 (2026-W53 exists, 2027-W53 does not), got {value!r}",
                 "zh": "--week 应为 ISO 周，如 2026-W47（2026 年有第 53 周，2027 年没有），实际为 {value!r}"},
    "review-title": {"en": "Weekly review {week}", "zh": "周复盘 {week}"},
    "review-span": {"en": "{start} ({start_day}) to {end} ({end_day}) · as of {as_of}",
                    "zh": "{start}（{start_day}）至 {end}（{end_day}）· 截至 {as_of}"},
    "review-contacts": {"en": "Contacts", "zh": "联系"},
    "review-contacts-summary": {"en": "{total} {total|contact|contacts} with {customers} {customers|customer|customers}.",
                                "zh": "共 {total} 次联系，涉及 {customers} 位客户。"},
    "review-new-customers": {"en": "New customers: {names}.", "zh": "新客户：{names}。"},
    "review-col-tier": {"en": "Tier", "zh": "级别"},
    "review-col-channel": {"en": "Channel", "zh": "渠道"},
    "review-col-contacts": {"en": "Contacts", "zh": "联系"},
    "review-col-asked": {"en": "Plan asked", "zh": "计划应联系"},
    "review-col-met": {"en": "Met", "zh": "已完成"},
    "review-col-topic": {"en": "Topic", "zh": "话题"},
    "review-col-count": {"en": "This week", "zh": "本周"},
    "review-col-customers": {"en": "Customers", "zh": "客户"},
    "review-col-four-weeks": {"en": "Last 4 weeks", "zh": "近4周"},
    "review-col-keyword": {"en": "Need keyword", "zh": "需求关键词"},
    "review-col-competitor": {"en": "Competitor", "zh": "竞品"},
    "review-col-date": {"en": "Date", "zh": "日期"},
    "review-col-description": {"en": "Description", "zh": "情况"},
    "review-col-reply": {"en": "Formal reply", "zh": "正式回复"},
    "review-col-last": {"en": "Last contact", "zh": "上次联系"},
    "review-col-silent": {"en": "Days silent", "zh": "未联系天数"},
    "review-col-due": {"en": "Due", "zh": "期限"},
    "review-col-promise": {"en": "Promise", "zh": "承诺事项"},
    "review-col-fate": {"en": "Status", "zh": "状态"},
    "review-plan-note": {"en": "\"Plan asked\": cadence, agreed next contacts and wake-ups due by Sunday, as planned on the eve of the week.",
                         "zh": "“计划应联系”：按联系节奏、约定的下次联系和唤醒规则，本周日前到期的联系（以周一前一天的计划为准）。"},
    "review-plan-missed": {"en": "Asked for by the plan, not contacted", "zh": "计划应联系但未联系"},
    "review-plan-pending": {"en": "Still to come this week", "zh": "本周剩余几天应联系"},
    "review-plan-line": {"en": "{customer} ({tier}) · {text} · due {due}", "zh": "{customer}（{tier}级）· {text} · {due} 到期"},
    "review-tier-a-short": {"en": "Tier A customers with fewer than {target} in-depth contacts (visit/online) in the last 30 days (since {start})",
                            "zh": "近30天（{start} 起）深度沟通（拜访/线上）不足 {target} 次的 A 级客户"},
    "review-future-week": {"en": "{week} begins after {today}: there is nothing to review yet",
                           "zh": "{week} 在 {today} 之后才开始，还没有可复盘的内容"},
    "review-tier-a-line": {"en": "{customer}: {n} of {target}", "zh": "{customer}：{n}/{target} 次"},
    "review-commitments": {"en": "Commitments", "zh": "承诺兑现"},
    "review-commitments-summary": {"en": "{made} made this week: {kept} kept on time, {late} kept late, {overdue} overdue, {open} not yet due.",
                                   "zh": "本周写下 {made} 项承诺：按时完成 {kept}，逾期完成 {late}，逾期未完成 {overdue}，未到期 {open}。"},
    "review-on-time": {"en": "On-time rate: {rate} (kept on time, of the {decided} done or past their deadline).",
                       "zh": "按时率：{rate}（已完成或已过期限的 {decided} 项中按时完成的比例）。"},
    "review-on-time-none": {"en": "On-time rate: — (nothing done or due yet).", "zh": "按时率：—（还没有已完成或到期的承诺）。"},
    "review-slipped": {"en": "Overdue and late", "zh": "逾期的承诺"},
    "review-fate-kept": {"en": "kept", "zh": "按时完成"},
    "review-fate-late": {"en": "kept late", "zh": "逾期完成"},
    "review-fate-overdue": {"en": "overdue", "zh": "逾期未完成"},
    "review-fate-open": {"en": "not yet due", "zh": "未到期"},
    "review-questions": {"en": "High-frequency questions", "zh": "高频问题"},
    "review-questions-note": {"en": "Questions (?) grouped by what they ask about; worth passing to the medical department.",
                              "zh": "按所问内容归并的问题（?），可反馈给医学部。"},
    "review-needs": {"en": "Need keywords", "zh": "需求关键词"},
    "review-competitors": {"en": "Competitor mentions", "zh": "竞品提及"},
    "review-mentions-note": {"en": "Counted once per contact.", "zh": "按联系次数计，每次联系计一次。"},
    "review-adverse": {"en": "Adverse events", "zh": "不良反应"},
    "review-reply-in-time": {"en": "replied {date}, in time", "zh": "{date} 已回复，按时"},
    "review-reply-late": {"en": "replied {date}, late (due {due})", "zh": "{date} 已回复，超时（应于 {due} 前）"},
    "review-reply-waiting": {"en": "due by {due}", "zh": "须于 {due} 前回复"},
    "review-reply-overdue": {"en": "OVERDUE since {due}", "zh": "已超时（应于 {due} 前）"},
    "review-wake-up": {"en": "Customers to wake up", "zh": "待唤醒客户"},
    "review-wake-up-note": {"en": "Silent for more than {days} {days|day|days} on {as_of}.", "zh": "截至 {as_of} 超过 {days} 天未联系。"},
    "review-changes": {"en": "Tier and segment changes", "zh": "级别与分群变化"},
    "review-change-tier": {"en": "{customer}: tier {old} → {new} ({day})", "zh": "{customer}：级别 {old} → {new}（{day}）"},
    "review-change-segment": {"en": "{customer}: segment {old} → {new}", "zh": "{customer}：分群 {old} → {new}"},
    "review-compliance": {"en": "Compliance and vague actions", "zh": "合规与模糊待办"},
    "review-next-week": {"en": "Next week ({start} to {end})", "zh": "下周安排（{start} 至 {end}）"},
    "review-carried-over": {"en": "Still open, due by this Sunday ({n})", "zh": "本周日前到期仍未完成（{n} 项）"},
    "review-more": {"en": "… and {n} more (visitlog due)", "zh": "……另有 {n} 项（见 visitlog due）"},
    "review-none": {"en": "None.", "zh": "无。"},
    "review-no-questions": {"en": "No questions (?) noted this week.", "zh": "本周没有记录问题（?）。"},
    "review-footer": {"en": "Generated by visitlog review from the notes; saving again overwrites this file.",
                      "zh": "由 visitlog review 根据拜访记录生成；再次保存会覆盖本文件。"},
    "review-saved": {"en": "Saved {path} (generated: saving again overwrites it).",
                     "zh": "已保存 {path}（自动生成的文件，再次保存会覆盖）。"},
    "review-day-0": {"en": "Mon", "zh": "周一"},
    "review-day-1": {"en": "Tue", "zh": "周二"},
    "review-day-2": {"en": "Wed", "zh": "周三"},
    "review-day-3": {"en": "Thu", "zh": "周四"},
    "review-day-4": {"en": "Fri", "zh": "周五"},
    "review-day-5": {"en": "Sat", "zh": "周六"},
    "review-day-6": {"en": "Sun", "zh": "周日"},
    "export-written": {"en": "Wrote {n} {what} to {path}.", "zh": "已将 {n} 条{what}写入 {path}。"},
    "export-what-visits": {"en": "visits", "zh": "拜访记录"},
    "export-what-actions": {"en": "actions", "zh": "待办"},
    "export-bad-choice": {"en": "--{option} must be one of {known}, got {value!r}",
                          "zh": "--{option} 应为 {known} 之一，实际为 {value!r}"},
    "export-bad-date": {"en": "--{option} must be YYYY-MM-DD, got {value!r}", "zh": "--{option} 应为 YYYY-MM-DD，实际为 {value!r}"},
    "export-cannot-write": {"en": "cannot write {path}: {detail}", "zh": "无法写入 {path}：{detail}"},
    # <review-messages>
    # --- new: the note's own words (written in the note's language) ---
    "new-heading-points": {"en": "## Discussion", "zh": "## 沟通要点"},
    "new-heading-actions": {"en": "## Actions", "zh": "## 待办"},
    "new-carried-heading": {"en": "## Carried over (a reminder, not new actions)",
                            "zh": "## 上次遗留（仅作提醒，不计为本次待办）"},
    "new-carried-action": {"en": "still open: {text} (due {due}, promised {day})",
                           "zh": "未完成：{text}（原定 {due}，{day} 承诺）"},
    "new-carried-question": {"en": "not yet answered: {text} (asked {day})",
                             "zh": "尚未答复：{text}（{day} 提出）"},
    "new-carried-vague": {"en": "still open: {text} (no date, promised {day})",
                          "zh": "未完成：{text}（没有日期，{day} 承诺）"},
    "new-playbook-heading": {"en": "### Suggested follow-up for a {style} customer (delete what does not apply)",
                             "zh": "### {style}客户的建议跟进（用不上的删掉）"},
    "role-decision-maker": {"en": "decision-maker", "zh": "决策者"},
    "role-influencer": {"en": "influencer", "zh": "影响者"},
    "role-user": {"en": "user", "zh": "使用者"},
    "role-gatekeeper": {"en": "gatekeeper", "zh": "把关者"},
    "mood-positive": {"en": "positive", "zh": "积极"},
    "mood-neutral": {"en": "neutral", "zh": "中性"},
    "mood-negative": {"en": "negative", "zh": "消极"},
    "style-academic": {"en": "academic", "zh": "学术型"},
    "style-transactional": {"en": "transactional", "zh": "事务型"},
    "style-hesitant": {"en": "hesitant", "zh": "犹豫型"},
    # --- new: messages ---
    "new-bad-date": {"en": "--date must be YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" or a day and time such as "
                           "\"yesterday 3pm\", \"today 10:00\", got {value!r}",
                     "zh": "--date 应为 YYYY-MM-DD、\"YYYY-MM-DD HH:MM\" 或“昨天下午3点”“今天 10:00”这样的说法，"
                           "实际为 {value!r}"},
    "new-bad-choice": {"en": "--{option} must be one of {known}, got {value!r}",
                       "zh": "--{option} 应为 {known} 之一，实际为 {value!r}"},
    "new-confirm": {"en": "{name!r} is not a customer yet{hint}. Create a new customer?",
                    "zh": "“{name}”还不是客户{hint}。新建这位客户吗？"},
    "new-created-customer": {"en": "note: {name!r} was not a customer yet{hint}; recorded as a new customer",
                             "zh": "提示：“{name}”原来不是客户{hint}，已按新客户记录"},
    "new-near-miss": {"en": " (similar existing customers: {names}; if it is the same person, use that name or add "
                            "an alias to the profile)",
                      "zh": "（已有相近的客户：{names}；如果是同一个人，请用这个名字，或在客户档案里加别名）"},
    "new-declined": {"en": "Nothing written.", "zh": "没有写入任何记录。"},
    "new-template-error": {"en": "bad template: {detail}", "zh": "模板有误：{detail}"},
    "new-no-editor": {"en": "no editor found (set $VISUAL or $EDITOR); the note is saved: {path}",
                      "zh": "找不到编辑器（请设置 $VISUAL 或 $EDITOR）；记录已保存：{path}"},
    "new-editor-failed": {"en": "the editor could not start ({detail}); the note is saved: {path}",
                          "zh": "编辑器无法启动（{detail}）；记录已保存：{path}"},
    "new-editor-exit": {"en": "the editor exited with code {code} (e.g. :cq), so the note was removed ({path}); "
                              "nothing recorded",
                        "zh": "编辑器退出码为 {code}（如 :cq），记录已删除（{path}），本次没有记录"},
    "new-empty-removed": {"en": "The note was left empty, so it was removed ({path}); nothing recorded.",
                          "zh": "记录被清空，已删除（{path}），本次没有记录。"},
    "new-written": {"en": "Wrote {path}", "zh": "已写入 {path}"},
    "new-stamped": {"en": "dated {n} {n|phrase deadline|phrase deadlines} with 📅", "zh": "已为 {n} 条待办补上 📅 日期"},
    "new-not-a-visit": {"en": "the note is not a visit any more (no customer/date): {path}",
                        "zh": "该文件已不是拜访记录（缺 customer/date）：{path}"},
    "new-understood": {"en": "Understood:", "zh": "读到的内容："},
    "new-nothing": {"en": "no questions, interests or actions yet", "zh": "还没有问题、兴趣点或待办"},
    # --- prep ---
    "prep-title": {"en": "Before the visit: {name}", "zh": "拜访前准备：{name}"},
    "prep-address": {"en": "Address as", "zh": "称呼"},
    "prep-tier-line": {"en": "tier {tier} · {segment} · RFM {rfm} · potential {potential}",
                       "zh": "{tier}级 · {segment} · RFM {rfm} · 潜力 {potential}"},
    "prep-established": {"en": "established customer", "zh": "老客户"},
    "prep-new-customer": {"en": "new customer", "zh": "新客户"},
    "prep-last": {"en": "Last contact", "zh": "上次联系"},
    "prep-days-ago": {"en": "{days} d ago", "zh": "{days} 天前"},
    "prep-no-contact": {"en": "no contact recorded yet", "zh": "还没有联系记录"},
    "prep-promises": {"en": "Open promises", "zh": "未完成的承诺"},
    "prep-questions": {"en": "Unanswered questions", "zh": "尚未答复的问题"},
    "prep-events": {"en": "Adverse events", "zh": "不良反应"},
    "prep-event-open": {"en": "formal reply pending, due {due}", "zh": "尚未正式回复，应于 {due} 前回复"},
    "prep-interests": {"en": "Recent interests", "zh": "近期兴趣点"},
    "prep-purpose": {"en": "Suggested purpose", "zh": "建议本次目的"},
    "prep-opening": {"en": "Opening", "zh": "开场白"},
    "prep-scenario": {"en": "Last time showed", "zh": "上次的情况与应对"},
    "prep-checklist": {"en": "The follow-up call in six steps", "zh": "回访六步"},
    "prep-none": {"en": "none", "zh": "无"},
    "prep-more": {"en": "… and {n} more", "zh": "……另有 {n} 条"},
    "prep-due-today": {"en": "due today", "zh": "今天到期"},
    "prep-promised": {"en": "promised {day}", "zh": "{day} 承诺"},
    "prep-asked": {"en": "asked {day}", "zh": "{day} 提出"},
    "prep-why-adverse": {"en": "the adverse event of {day} has no formal reply yet: deal with it first",
                         "zh": "{day} 的不良反应还没有正式回复：先处理这件事"},
    "prep-why-deliver": {"en": "{n} {n|promise|promises} due or nearly due: deliver what was promised",
                         "zh": "有 {n} 项承诺已到期或快到期：把答应的东西送到"},
    "prep-why-first": {"en": "no contact yet: a first visit to learn the department's needs",
                       "zh": "还没有联系记录：首次拜访，了解科室需求"},
    "prep-why-academic": {"en": "established customer with no academic activity in {days} {days|day|days} (last: {last}): "
                                "offer a tailored one",
                          "zh": "老客户 {days} 天内没有学术活动（上次：{last}）：安排一次定制学术支持"},
    "prep-why-wake-up": {"en": "silent for {days} {days|day|days}: wake the relationship up with a hot topic and new evidence",
                         "zh": "已 {days} 天没联系：用热点话题加新证据把关系唤醒"},
    "prep-why-update": {"en": "{days} {days|day|days} since the last contact: bring an industry update (guidelines, insurance)",
                        "zh": "已 {days} 天没联系：带一条行业资讯（指南更新、医保政策）"},
    "prep-why-feedback": {"en": "the last contact ({day}) brought doubts or a reaction: ask how the patients are doing",
                          "zh": "上次（{day}）有疑虑或不良反应：回访用药情况"},
    "prep-why-questions": {"en": "{n} {n|question|questions} still unanswered: bring the answers",
                           "zh": "还有 {n} 个问题没答复：带着答案去"},
    "prep-why-new": {"en": "new customer: follow-up {n}, build the relationship and learn the needs",
                     "zh": "新客户：第 {n} 次跟进，巩固关系、摸清需求"},
    "prep-why-default": {"en": "regular follow-up: check that needs and proposals still match",
                         "zh": "按节奏回访：看需求和方案是否还对得上"},
    "prep-open-first": {"en": "{address}, hello — I look after our products at this hospital; may I take a few "
                              "minutes to hear what your department needs?",
                        "zh": "{address}您好，我负责我们公司产品在本院的工作，想占用您几分钟，听听科室在用药上的需求。"},
    "prep-open-adverse": {"en": "{address}, how is the patient with the reaction you told me about? I have the "
                                "medical department's reply with me.",
                          "zh": "{address}，上次您说的那位出现不良反应的患者，现在怎么样了？医学部的回复我带来了。"},
    "prep-open-question": {"en": "{address}, last time you asked about “{topic}” — I have brought the answer.",
                           "zh": "{address}，上次您问到“{topic}”，我把答案整理好带来了。"},
    "prep-open-interest": {"en": "{address}, last time “{topic}” caught your interest — I brought some material on it.",
                           "zh": "{address}，上次您对“{topic}”挺感兴趣，这次我带了相关资料。"},
    "prep-open-point": {"en": "{address}, last time we talked about “{topic}” — how did it go from there?",
                        "zh": "{address}，上次我们聊到“{topic}”，后来怎么样了？"},
    "prep-open-plain": {"en": "{address}, how have things been in the department since we spoke on {day}?",
                        "zh": "{address}，{day} 聊过之后，科里情况怎么样？"},
    "scenario-adverse": {"en": "adverse reaction reported", "zh": "反馈了不良反应"},
    "scenario-doubts": {"en": "doubts about efficacy", "zh": "对疗效有疑虑"},
    "scenario-competitor": {"en": "a competitor in the picture", "zh": "受竞品影响"},
    "scenario-price": {"en": "price or procurement concerns", "zh": "价格或采购顾虑"},
    "scenario-busy": {"en": "too busy to talk", "zh": "医生很忙"},
    "scenario-good": {"en": "good efficacy feedback", "zh": "疗效反馈好"},
    "tip-adverse": {"en": "Top priority: note age, conditions and co-medication (never identity), send it to "
                          "pharmacovigilance / the medical department the same day, and give a formal reply within "
                          "{hours} {hours|hour|hours}.",
                    "zh": "放在第一位：记下年龄、基础疾病、合并用药（不记身份信息），当天报药物警戒/医学部，"
                          "{hours}小时内给正式回复。"},
    "tip-doubts": {"en": "Acknowledge the concern without arguing; look for the cause together: adherence, "
                         "co-medication, dose or timing.",
                   "zh": "先认同对方的感受，不争辩；一起找原因：依从性、合并用药、剂量或服药时间。"},
    "tip-competitor": {"en": "Say nothing against the competitor; answer with our own data and its sources.",
                       "zh": "不评价竞品，用我们自己的数据和原文出处说话。"},
    "tip-price": {"en": "Acknowledge it, explain what can and cannot change, and offer pharmacoeconomic data or "
                        "academic support instead of promises.",
                  "zh": "承认顾虑，讲清楚哪些能变、哪些不能变；拿出药物经济学数据或学术支持，不乱许诺。"},
    "tip-busy": {"en": "Keep it short: ask the one question that matters and book the next contact.",
                 "zh": "长话短说：只问最关键的一个问题，约好下次联系时间。"},
    "tip-good": {"en": "Thank them, ask which indicator improved and in which patients, and (with consent) "
                       "write the case up without patient identity.",
                 "zh": "先道谢，追问改善的是哪个指标、哪类患者；征得同意后整理成病例（不含患者身份）。"},
    "prep-step-1": {"en": "Prepare: purpose, who they are, what was said and asked last time, product facts and "
                          "reactions, material and answers ready.",
                    "zh": "准备：目的、客户情况、上次聊了什么和问题解决没有、产品与不良反应情况，备好资料和应答。"},
    "prep-step-2": {"en": "Open: the right form of address, one thing from last time, the purpose in a sentence.",
                    "zh": "开场：称呼得体，提一件上次的事，一句话说明来意。"},
    "prep-step-3": {"en": "Talk: open questions, listen about 80% of the time, probe details, confirm you understood.",
                    "zh": "交流：多问开放式问题，八成时间在听，追问细节，确认理解。"},
    "prep-step-4": {"en": "Solve: answer what you can on the spot; promise the rest with a date.",
                    "zh": "解决：能当场答的当场答，其余的承诺一个带日期的回复。"},
    "prep-step-5": {"en": "Confirm: sum up the points and agree the next contact date.",
                    "zh": "确认：总结要点，约好下次联系的日期。"},
    "prep-step-6": {"en": "Close politely, and write the note within ten minutes.",
                    "zh": "礼貌结束，十分钟内把记录写好。"},
    # <new-prep-messages>
    # machine words shown to people
    "segment-consultative": {"en": "consultative", "zh": "顾问式"},
    "segment-maintain": {"en": "maintain", "zh": "维护"},
    "segment-wake-up": {"en": "wake-up", "zh": "唤醒"},
    "channel-visit": {"en": "visit", "zh": "拜访"},
    "channel-phone": {"en": "phone", "zh": "电话"},
    "channel-online": {"en": "online", "zh": "线上"},
    "channel-message": {"en": "message", "zh": "消息"},
    "purpose-first": {"en": "first visit", "zh": "首次拜访"},
    "purpose-follow-up": {"en": "follow-up", "zh": "回访"},
    "purpose-academic": {"en": "academic", "zh": "学术"},
    "purpose-update": {"en": "update", "zh": "信息更新"},
    "purpose-feedback": {"en": "feedback", "zh": "用药反馈"},
    "purpose-stock": {"en": "stock", "zh": "库存提醒"},
    "purpose-other": {"en": "other", "zh": "其他"},
}


def _merge_area_catalogs() -> None:
    """Every other module of this package is one area's catalog (`MESSAGES = {...}`).

    An area (a command group, a rule family) keeps its sentences in a module of
    its own, so work on two areas never edits the same file. A key defined twice
    is a bug: tests/test_i18n.py fails on it.
    """
    for info in pkgutil.iter_modules(__path__):
        area = import_module(f"{__name__}.{info.name}")
        for key, entry in getattr(area, "MESSAGES", {}).items():
            MESSAGES.setdefault(key, entry)


_merge_area_catalogs()


def detect_language(environ: dict | None = None) -> str:
    """zh when the locale says Chinese, else en."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def choose_language(option: str | None, setting: str | None) -> str:
    """`--lang` first, then the notebook's `language` setting, then the locale."""
    return option or setting or detect_language()


# `{n|warning|warnings}`: the first word when the value of `n` is 1, else the second.
_PLURAL = re.compile(r"\{(\w+)\|([^|{}]*)\|([^|{}]*)\}")


def t(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang`, filled with `values` (and English plurals chosen by them)."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["en"]
    if "|" in template:
        template = _PLURAL.sub(lambda m: m[2] if values.get(m[1]) == 1 else m[3], template)
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def word(kind: str, value: str | None, lang: str) -> str:
    """A machine value (segment, channel, purpose) as a person reads it."""
    if value is None:
        return ""
    key = f"{kind}-{value}"
    return t(key, lang) if key in MESSAGES else value
