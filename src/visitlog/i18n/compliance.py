"""The words of the compliance checks (notebook/compliance.py, docs/compliance.md).

Every family's message says what the promotion code forbids and what to write instead.
"""

MESSAGES = {
    "inducement": {
        "en": "promotion code: '{word}' reads as a benefit to a health professional (gift, card, cash, meal, "
              "entertainment, travel, or a fee tied to prescribing). Record the academic exchange only; a "
              "speaker or consulting service goes through a signed contract, and a request for money or "
              "gifts goes to your compliance officer, not into the note",
        "zh": "推广行为准则：'{word}' 属于向医务人员输送利益（礼品、卡券、现金红包、宴请娱乐、旅游、"
              "与处方挂钩的费用）。记录里只写学术沟通内容；讲课或咨询服务走公司合同流程，"
              "对方索要钱物的情况报告合规部门，不要写进拜访记录",
    },
    "prescriber-data": {
        "en": "promotion code: '{word}' asks for an individual prescriber's prescription data (统方). Never "
              "collect or record one doctor's prescriptions or volumes; write the department's need or your "
              "own 1-5 estimate of potential (`potential.prescriptions`) instead",
        "zh": "推广行为准则：'{word}' 涉及统方（收集个人医生的处方或用量数据），一律禁止。"
              "改写为科室需求，或在 potential.prescriptions 里填你自己对处方潜力的 1-5 估计",
    },
    "off-label": {
        "en": "promotion code: '{word}' promotes a use outside the approved label. Speak to the label only; "
              "when a doctor asks about another use, write that the question went to the medical department",
        "zh": "推广行为准则：'{word}' 属于超说明书推广。只按说明书内容沟通；"
              "医生主动问到说明书以外的用法时，写明已转医学部回复",
    },
    "claim": {
        "en": "promotion code: '{word}' is an absolute or exaggerated claim. Write what the evidence says, "
              "with its source (\"in the phase III study, 3.1% had hypoglycaemia\"), never 'completely safe', "
              "'no side effects' or 'the best'",
        "zh": "推广行为准则：'{word}' 属于绝对化或夸大的宣传用语。改写为有出处的证据"
              "（如“III期研究中低血糖发生率3.1%”），不写“绝对安全”“零副作用”“最好”之类",
    },
    "disparaging": {
        "en": "promotion code: '{word}' disparages a competitor. Never run down another product; answer "
              "with our own data, and record a doctor's competitor feedback as what they said",
        "zh": "推广行为准则：'{word}' 属于贬低竞品。不贬低其他产品，用我们自己的数据回应；"
              "医生对竞品的反馈按原意记录为“某某反馈……”",
    },
    "patient-identity": {
        "en": "patient identity: '{word}' identifies a patient. An adverse-event record takes age, conditions "
              "and co-medication, never a name, bed, admission or record number",
        "zh": "患者身份信息：'{word}' 可识别具体患者。不良事件只记录年龄、基础疾病和合并用药，"
              "不记录姓名、床号、住院号或病历号",
    },
    "adverse-event-details": {
        "en": "adverse event without {missing}: record the patient's age, conditions and co-medication (never "
              "identity) in the description, or as `age:`, `conditions:`, `co_medication:` under `adverse_event`",
        "zh": "不良事件缺少{missing}：请在描述中写明患者年龄、基础疾病和合并用药（不写身份信息），"
              "或写在 adverse_event 下的 age、conditions、co_medication 中",
    },
    # an adverse event's two steps: the report the same day, the formal reply (rules/due.py safety_items)
    "reason-safety-report": {
        "en": "adverse event heard at the {visit} contact: it goes to pharmacovigilance / the medical department "
              "the same day",
        "zh": "{visit} 获知不良反应，须当天报给药物警戒/医学部",
    },
    "text-adverse-event-report": {"en": "report to pharmacovigilance / medical: {event}",
                                  "zh": "上报药物警戒/医学部：{event}"},
    "text-adverse-report": {"en": "report the adverse event to pharmacovigilance", "zh": "不良反应上报药物警戒"},
    "done-reported": {"en": "Report recorded: {customer}'s adverse event went to pharmacovigilance {date}  ({source})",
                      "zh": "已记录上报：{customer} 的不良反应已于 {date} 报给药物警戒/医学部（{source}）"},
    "adverse-event-date": {
        "en": "adverse event: {field}: {date} is before the contact that recorded it ({visit}); check the date",
        "zh": "不良反应：{field}: {date} 早于记录它的联系日期（{visit}），请核对日期",
    },
    "review-col-report": {"en": "Report", "zh": "上报"},
    "review-report-in-time": {"en": "reported {date}, same day", "zh": "{date} 已上报，当天"},
    "review-report-late": {"en": "reported {date}, late (due {due})", "zh": "{date} 上报，晚于当天（{due}）"},
    "review-report-waiting": {"en": "to report today", "zh": "须今天上报"},
    "review-report-overdue": {"en": "NOT REPORTED (due {due})", "zh": "未上报（应于 {due} 当天）"},
    "review-report-by-reply": {"en": "report date not recorded (replied)", "zh": "未记录上报日期（已正式回复）"},
    "prep-event-report-open": {"en": "not yet sent to pharmacovigilance / the medical department (due {due})",
                               "zh": "尚未上报药物警戒/医学部（应于 {due} 当天）"},
    "prep-event-reported": {"en": "reported {date}", "zh": "已于 {date} 上报"},
    "tip-adverse-reported": {
        "en": "Top priority: reported to pharmacovigilance {reported}; give the formal reply within {hours} "
              "{hours|hour|hours} and ask how the patient is now.",
        "zh": "放在第一位：已于{reported}上报药物警戒；{hours}小时内给正式回复，问问患者现在的情况。",
    },
    "ae-age": {"en": "the age", "zh": "年龄"},
    "ae-conditions": {"en": "the conditions", "zh": "基础疾病"},
    "ae-co-medication": {"en": "the co-medication", "zh": "合并用药"},
    "pd-phone": {"en": "a phone number", "zh": "电话号码"},
    "pd-email": {"en": "an e-mail address", "zh": "电子邮箱"},
    "pd-messaging-id": {"en": "a messaging id (WeChat, QQ, WhatsApp...)", "zh": "微信/QQ等账号"},
    "pd-id-number": {"en": "an identity-card number", "zh": "身份证号"},
    "pd-bank-card": {"en": "a bank card number", "zh": "银行卡号"},
    "pd-passport": {"en": "a passport number", "zh": "护照号"},
    "pd-address": {"en": "a home address", "zh": "家庭住址"},
    "pd-patient-name": {"en": "a patient's name", "zh": "患者姓名"},
    "check-silenced-count": {"en": "{n} finding(s) silenced with compliance-ok (see them with --all)",
                             "zh": "有 {n} 条提示已用 compliance-ok 放行（用 --all 查看）"},
}
