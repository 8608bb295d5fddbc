"""Every sentence the interface shows a person, in Chinese and English.

Rules and the loader speak in codes and values (`Problem.code`, item kinds,
reasons as codes with arguments); only renderers turn them into text, through
`t()`. Machine values (`kind`, `tier`, `segment`, `level`, `status`) stay English
in JSON whatever the language.
"""
from __future__ import annotations

import os
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
    "unknown-key": {"en": "unknown key '{field}' in a profile",
                    "zh": "客户档案中有未知字段 '{field}'"},
    "bad-tier": {"en": "tier must be A, B or C, got {value!r}; ignored",
                 "zh": "tier 应为 A、B 或 C，实际为 {value!r}，已忽略"},
    "visit-cannot-set": {"en": "a visit cannot change '{field}'; set it in the customer's profile",
                         "zh": "拜访记录不能修改 '{field}'，请在客户档案中设置"},
    "duplicate-name": {"en": "'{name}' is already the name or alias of {other}; ignored here",
                       "zh": "'{name}' 已是 {other} 的姓名或别名，此处忽略"},
    "vague-action": {"en": "action has no date: '{text}' (write a deadline such as {examples})",
                     "zh": "待办没有日期：'{text}'（可以写成 {examples}）"},
    "vague-next": {"en": "next contact has no date: '{text}' (write a date or a phrase such as {examples})",
                   "zh": "下次联系没有日期：'{text}'（可写日期或如 {examples} 的说法）"},
    "compliance": {"en": "compliance red flag: '{word}' (promotion code of conduct)",
                   "zh": "合规风险用语：'{word}'（违反药品推广行为规范）"},
    "personal-data": {"en": "personal data in a note: {what}; record only what drives the work",
                      "zh": "记录中含个人信息：{what}；只记录与业务有关的内容"},
    "phone": {"en": "a mobile number", "zh": "手机号"},
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
    "check-ok": {"en": "{files} files, {visits} visits, {customers} customers: no problems",
                 "zh": "{files} 个文件，{visits} 条拜访，{customers} 位客户：没有问题"},
    "check-summary": {"en": "{errors} errors, {warnings} warnings in {files} files",
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
    "reason-safety": {"en": "adverse event reported at the {visit} contact: formal reply due within {hours} h",
                      "zh": "{visit} 反馈不良反应，须在 {hours} 小时内正式回复"},
    "reason-dated": {"en": "promised at the {visit} contact", "zh": "{visit} 拜访时的承诺"},
    "reason-phrase": {"en": "promised at the {visit} contact: '{phrase}'", "zh": "{visit} 拜访时承诺“{phrase}”"},
    "reason-vague": {"en": "promised at the {visit} contact with no date: give it one",
                     "zh": "{visit} 拜访时的承诺没有日期，请补上"},
    "reason-appointment": {"en": "next contact agreed at the {visit} contact: {next}",
                           "zh": "{visit} 约定的下次联系：{next}"},
    "reason-new-customer": {"en": "new customer: follow-up {n} is due {days} days after the first contact ({first})",
                            "zh": "新客户：首次联系（{first}）后第 {days} 天做第 {n} 次跟进"},
    "reason-tier": {"en": "tier {tier}: a contact every {days} days; last {last}",
                    "zh": "{tier}级客户：每 {days} 天联系一次；上次 {last}"},
    "reason-tier-in-depth": {"en": "tier {tier}: an in-depth contact (visit or online) every {days} days; last {last}",
                             "zh": "{tier}级客户：每 {days} 天一次深度沟通（拜访或线上）；上次 {last}"},
    "reason-update": {"en": "established customer: an industry update every {days} days; last contact {last}",
                      "zh": "老客户：每 {days} 天一次行业资讯（指南、医保政策）；上次联系 {last}"},
    "reason-academic": {"en": "established customer: an academic activity every {days} days; last one {last}",
                        "zh": "老客户：每 {days} 天一次定制学术活动；上次 {last}"},
    "reason-academic-none": {"en": "established customer: an academic activity every {days} days; none logged since {last}",
                             "zh": "老客户：每 {days} 天一次定制学术活动；自 {last} 起未记录过"},
    "reason-wake-up": {"en": "silent for more than {days} days (last contact {last}): plan a wake-up",
                       "zh": "超过 {days} 天未联系（上次 {last}），需要唤醒"},
    "text-adverse-event": {"en": "formal reply on the adverse event", "zh": "不良反应正式回复"},
    "text-next": {"en": "agreed next contact", "zh": "约定的下次联系"},
    "text-new-customer": {"en": "follow up the new customer", "zh": "新客户跟进"},
    "text-tier": {"en": "contact by tier cadence", "zh": "按级别节奏联系"},
    "text-update": {"en": "send an industry update", "zh": "推送行业资讯"},
    "text-academic": {"en": "offer an academic activity", "zh": "安排学术活动"},
    "text-wake-up": {"en": "wake up the customer: a hot topic and new evidence", "zh": "唤醒客户：热点话题+新证据"},
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
    "nothing-due": {"en": "Nothing due. 今天没有待办。", "zh": "今天没有待办。"},
    # <due-messages>
    "rfm": {"en": "RFM", "zh": "RFM"},
    "score-days-ago": {"en": "{days} d ago", "zh": "{days} 天前"},
    "score-legend": {"en": "* tier set by hand in the profile · ? unscored (potential estimates missing)",
                     "zh": "* 客户档案中手工指定级别 · ? 未评分（缺少潜力估计值）"},
    "score-summary": {"en": "{n} customers · A {a} · B {b} · C {c} · consultative {consultative} · "
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
    "explain-section-rfm": {"en": "RFM: window {start} – {end} ({days} days back, both ends included)",
                            "zh": "RFM：统计窗口 {start} 至 {end}（向前 {days} 天，含首尾两天）"},
    "explain-recency": {"en": "recency: last contact {last}, days since = {days} {op} {limit} → {score}",
                        "zh": "最近联系 R：上次联系 {last}，距今天数 {days} {op} {limit} → {score}"},
    "explain-recency-none": {"en": "recency: no contact yet → 1", "zh": "最近联系 R：还没有联系记录 → 1"},
    "explain-frequency": {"en": "frequency: {n} contacts in the window {op} {limit} → {score}",
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
    # <review-messages>
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


def t(key: str, lang: str, **values: Any) -> str:
    """The message `key` in `lang`, filled with `values`."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["en"]
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
