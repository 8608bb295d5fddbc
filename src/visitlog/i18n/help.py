"""The command line's own words: every `--help` text and every usage error, in both languages (issue #17).

A command's help is `help-COMMAND`: its first paragraph is the one line of the
command list, the last paragraph its example. An option's or argument's help
is the key given as `help=` in cli/ (`help-due-days`); the options shared by
many commands are `help-opt-NAME`. cli/helptext.py shows them in ONE language,
chosen as the interface language is (docs/architecture.md, "Help").
"""

MESSAGES = {
    # --- the frame of every help screen ---
    "help-usage": {"en": "Usage: ", "zh": "用法："},
    "help-options-metavar": {"en": "[OPTIONS]", "zh": "[选项]"},
    "help-command-metavar": {"en": "COMMAND [ARGS]...", "zh": "命令 [参数]..."},
    "help-section-arguments": {"en": "Arguments", "zh": "参数"},
    "help-section-options": {"en": "Options", "zh": "选项"},
    "help-section-commands": {"en": "Commands", "zh": "命令"},
    "help-required": {"en": "(required)", "zh": "（必填）"},
    "help-section-end": {"en": ":", "zh": "："},
    # --- usage errors (exit 2) ---
    "usage-try": {"en": "Try '{command} {option}' for help.", "zh": "运行 '{command} {option}' 查看帮助。"},
    "usage-error": {"en": "Error: {message}", "zh": "错误：{message}"},
    "usage-no-such-option": {"en": "No such option: {option}", "zh": "没有这个选项：{option}"},
    "usage-possible-options": {"en": " (Possible options: {options})", "zh": "（是否要用：{options}）"},
    "usage-no-such-command": {"en": "No such command {name!r}.", "zh": "没有 {name!r} 这个命令。"},
    "usage-did-you-mean": {"en": " Did you mean {names}?", "zh": "是否要用：{names}？"},
    "usage-missing-argument": {"en": "Missing argument {name}.", "zh": "缺少参数 {name}。"},
    "usage-missing-option": {"en": "Missing option {name}.", "zh": "缺少选项 {name}。"},
    "usage-bad-value": {"en": "Invalid value for {name}: {detail}", "zh": "{name} 的值无效：{detail}"},
    "usage-needs-value": {"en": "Option {name} requires a value.", "zh": "选项 {name} 后面要跟一个值。"},
    "usage-takes-no-value": {"en": "Option {name} does not take a value.", "zh": "选项 {name} 不带值。"},
    "usage-extra-args": {"en": "Got unexpected extra arguments ({args}).", "zh": "多出了参数：{args}。"},
    "usage-missing-command": {"en": "Missing command.", "zh": "缺少命令。"},
    "usage-aborted": {"en": "Aborted!", "zh": "已中止。"},
    "usage-not-a-count": {"en": "{value!r} is not a whole number of 0 or more.",
                          "zh": "{value!r} 不是大于等于 0 的整数。"},
    "usage-count-too-big": {"en": "{value} is more than {most}.", "zh": "{value} 超过了上限 {most}。"},
    "usage-bad-lang": {"en": "--lang must be zh or en, got {value!r}", "zh": "--lang 只能是 zh 或 en，实际为 {value!r}"},

    # --- the app ---
    "help-app": {
        "en": "Plain-text visit notes for pharmaceutical reps: customer timelines, the morning list, "
              "tiers and segments, the weekly review.\n\n"
              "Write each contact as a Markdown note; visitlog reads the folder and tells you who to see, "
              "what you promised and what to prepare.\n\n"
              "Example: visitlog init ~/visits && visitlog due  (start a notebook, then see today's list)",
        "zh": "医药代表的拜访记录工具：客户时间线、每日待办、客户分级与分群、每周复盘。\n\n"
              "每次联系写成一篇 Markdown 记录；visitlog 读取整个目录，告诉你今天该见谁、"
              "答应过什么、要准备什么。\n\n"
              "示例：visitlog init ~/visits && visitlog due  （建一个记录目录，再看今天的待办）"},
    "help-version": {"en": "Show the version and exit.", "zh": "显示版本号后退出。"},
    "help-no-cache": {"en": "Parse every note afresh, ignoring the notebook index (also VISITLOG_NO_CACHE=1).",
                      "zh": "不用记录索引，每篇记录都重新解析（也可设 VISITLOG_NO_CACHE=1）。"},
    "help-install-completion": {"en": "Install completion for the current shell.",
                                "zh": "为当前 shell 安装命令补全。"},
    "help-show-completion": {"en": "Show completion for the current shell, to copy it or customize the installation.",
                             "zh": "显示当前 shell 的补全脚本，可复制或自行安装。"},
    "help-help": {"en": "Show this message and exit.", "zh": "显示本帮助后退出。"},

    # --- options many commands share ---
    "help-opt-notes": {"en": "Notebook folder (default: $VISITLOG_NOTES, ./notes, or the user config).",
                       "zh": "记录目录（默认：$VISITLOG_NOTES、./notes 或用户配置中的目录）。"},
    "help-opt-today": {"en": "The day to compute for (default: today; also VISITLOG_TODAY).",
                       "zh": "按哪一天计算（默认今天；也可设 VISITLOG_TODAY）。"},
    "help-opt-json": {"en": "Machine output: one JSON object on stdout.",
                      "zh": "机器可读输出：在标准输出打印一个 JSON 对象。"},
    "help-opt-rep": {"en": "In a team notebook, show this rep's work (default: you; `all` = --team).",
                     "zh": "团队记录本中只看这位代表的工作（默认：你自己；all 等于 --team）。"},
    "help-opt-team": {"en": "In a team notebook, show every rep's work, with who.",
                      "zh": "团队记录本中查看全组的工作，并注明是谁的。"},
    "help-opt-lang": {"en": "Interface language (default: the notebook's setting, then the locale).",
                      "zh": "界面语言（默认：记录本的 language 设置，其次是系统语言环境）。"},
    "help-opt-unmasked": {"en": "Show phone numbers and other personal data as written, on your own screen only "
                                "(files saved or exported stay masked).",
                          "zh": "在本人屏幕上显示未打码的手机号等个人信息（保存或导出的文件始终打码）。"},
    "help-opt-force-ics": {"en": "Replace the --ics FILE even if it is not a calendar visitlog wrote.",
                           "zh": "即使 --ics 指定的文件不是 visitlog 生成的日历，也覆盖它。"},
    "help-arg-customer": {"en": "Name, alias or unique prefix.", "zh": "客户姓名、别名或唯一的前几个字。"},

    # --- check ---
    "help-check": {
        "en": "Lint the notebook: YAML, dates, fields, compliance.\n\n"
              "Every problem as `path:line: level: message`: YAML and date errors, missing fields, actions "
              "without a deadline, compliance red flags (docs/compliance.md) and personal data. "
              "Exit 1 when there are errors.\n\n"
              "Example: visitlog check --notes notes --all",
        "zh": "检查记录本：YAML、日期、字段、没有期限的待办、合规。\n\n"
              "每个问题一行，格式为“路径:行号: 级别: 说明”：YAML 和日期错误、缺少的字段、没有期限的待办、"
              "合规风险用语（见 docs/compliance.md）和个人信息。有错误时退出码为 1。\n\n"
              "示例：visitlog check --notes notes --all"},
    "help-check-all": {"en": "Also list the findings silenced with a compliance-ok marker (level 'silenced').",
                       "zh": "同时列出已用 compliance-ok 标记放行的提示（级别为 silenced）。"},
    # --- customers ---
    "help-customers": {
        "en": "Every customer: tier, segment, last contact, next due.\n\n"
              "In a team notebook: yours, or --rep NAME's, or --team with who covers each.\n\n"
              "Example: visitlog customers --today 2026-11-20",
        "zh": "全部客户：级别、分群、上次联系、下次应联系。\n\n"
              "团队记录本中：默认是你的客户；--rep 姓名 看某位同事的；--team 看全组并注明负责人。\n\n"
              "示例：visitlog customers --today 2026-11-20"},
    # --- timeline ---
    "help-timeline": {
        "en": "One customer's story: the profile and every contact.\n\n"
              "The profile as it changed, and every contact in order with its points, questions, "
              "promises and what became of them.\n\n"
              "Example: visitlog timeline 王主任",
        "zh": "一位客户的来龙去脉：画像和每次联系。\n\n"
              "画像如何变化，以及按时间排列的每次联系：谈了什么、问了什么、答应了什么、后来怎样。\n\n"
              "示例：visitlog timeline 王主任"},
    # --- score ---
    "help-score": {
        "en": "Potential tiers (A/B/C) and RFM segments.\n\n"
              "Sorted by tier, then potential. In a team notebook: the customers you work with, or --rep NAME's, "
              "or --team.\n\n"
              "Example: visitlog score --today 2026-11-20 --explain 王主任",
        "zh": "潜力分级（A/B/C）和 RFM 分群。\n\n"
              "先按级别、再按潜力排序。团队记录本中：默认是你负责的客户；也可用 --rep 姓名 或 --team。\n\n"
              "示例：visitlog score --today 2026-11-20 --explain 王主任"},
    "help-score-tier": {"en": "Only these tiers: A, B, C.", "zh": "只看这些级别：A、B、C。"},
    "help-score-segment": {"en": "Only these segments: consultative|顾问式, maintain|维护, wake-up|唤醒.",
                           "zh": "只看这些分群：顾问式|consultative、维护|maintain、唤醒|wake-up。"},
    "help-score-explain": {"en": "Show every input, weight and threshold behind one customer's scores.",
                           "zh": "列出某位客户评分背后的每项输入、权重和阈值。"},
    # --- prep ---
    "help-prep": {
        "en": "The brief before a visit, on one screen.\n\n"
              "Safety first, then the promises still open to this customer, last time's needs and the questions "
              "still unanswered, what to bring and what to say. The last line names what did not fit; -v (or "
              "--all) shows everything: profile and scores, inferred needs, scenario tips, the six-step call.\n\n"
              "Example: visitlog prep 刘芳 --today 2026-11-20",
        "zh": "拜访前的简报，一屏看完。\n\n"
              "先看安全事项，再看对这位客户尚未兑现的承诺、上次的需求和仍未答复的问题、要带的资料和要讲的话。"
              "最后一行说明省略了什么；-v（或 --all）显示全部：画像与评分、推断的需求、场景提示、回访六步。\n\n"
              "示例：visitlog prep 刘芳 --today 2026-11-20"},
    "help-prep-verbose": {"en": "Everything, not one screen: profile and scores, history, needs, the six steps.",
                          "zh": "显示全部，不限一屏：画像与评分、往来、需求、回访六步。"},
    "help-prep-all": {"en": "The same as -v.", "zh": "同 -v。"},
    # --- due ---
    "help-due": {
        "en": "What to do today, by customer, the most urgent first.\n\n"
              "One line per step; -v says why and where (path:line).\n\n"
              "Example: visitlog due --today 2026-11-20 --days 7 --ics ~/visitlog.ics",
        "zh": "今天要做的事，按客户分组，最急的在前。\n\n"
              "每一步一行；-v 显示原因和出处（路径:行号）。\n\n"
              "示例：visitlog due --today 2026-11-20 --days 7 --ics ~/visitlog.ics"},
    "help-due-days": {"en": "Look this many days ahead (default 3, at most 3650).",
                      "zh": "往后看几天（默认 3，最多 3650）。"},
    "help-due-customer": {"en": "Only this customer (name, alias, prefix).",
                          "zh": "只看这位客户（姓名、别名或前几个字）。"},
    "help-due-kind": {"en": "Only these kinds (repeat or comma-separate), as shown or as values: safety|安全, "
                            "promise|commitment|承诺, appointment|约见, cadence|节奏, wake-up|唤醒.",
                      "zh": "只看这些类别（可重复或用逗号分隔），写显示的名称或取值均可：安全|safety、"
                            "承诺|promise|commitment、约见|appointment、节奏|cadence、唤醒|wake-up。"},
    "help-due-ics": {"en": "Also write the dated items to FILE as an iCalendar file (stable UIDs).",
                     "zh": "同时把有日期的事项写入日历文件 FILE（iCalendar，UID 固定不变）。"},
    "help-due-verbose": {"en": "Each item's reason and path:line.", "zh": "显示每一项的原因和出处（路径:行号）。"},
    "help-due-limit": {"en": "Show the N most urgent customers (0: all); the footer says what is left. "
                             "Default: what fits two screens at a terminal, every customer when piped.",
                       "zh": "只显示最急的 N 位客户（0 为全部）；末行说明省略了什么。"
                             "默认：在终端里显示两屏放得下的客户，输出到管道时全部列出。"},
    "help-due-all": {"en": "List everything: the folded steps (long-overdue promises, overtaken follow-ups) "
                           "and every customer.",
                     "zh": "全部列出：折叠起来的步骤（逾期很久的承诺、已被取代的跟进）和每一位客户。"},
    "help-due-pager": {"en": "Page a long list at a terminal ($PAGER; default: on).",
                       "zh": "在终端里用分页器显示长列表（$PAGER；默认开启）。"},
    # --- done ---
    "help-done": {
        "en": "Tick off promises, or record an adverse event's report or reply.\n\n"
              "`- [ ]` becomes `- [x] ... ✅ today`; an adverse event gets `reported: today` (its report item) or "
              "`replied: today` (its reply item). Only those lines "
              "change; several at once.\n\n"
              "Example: visitlog done c59415d3 c605 --today 2026-11-20",
        "zh": "勾掉已兑现的承诺，或记下不良反应的上报或正式回复。\n\n"
              "“- [ ]”改为“- [x] … ✅ 今天”；不良反应记上“reported: 今天”（上报一项）或“replied: 今天”（回复一项）。只改这些行；可一次处理多项。\n\n"
              "示例：visitlog done c59415d3 c605 --today 2026-11-20"},
    "help-done-keys": {"en": "Ids from `visitlog due` (or unique prefixes of them), or path:line.",
                       "zh": "visitlog due 给出的编号（或其唯一前缀），或“路径:行号”。"},
    # --- new ---
    "help-new": {
        "en": "Write the note of a contact just made, from a template.\n\n"
              "The profile prefilled, what is still open carried over, the style's playbook as dated "
              "suggestions (accept with --accept or by moving a line out of the suggestion block); then the "
              "editor, a 📅 for every deadline phrase, and what was understood. Never overwrites.\n\n"
              "Example: visitlog new 王主任 --date \"2026-11-27 16:00\" --quick \"询问肝肾毒性? 剂型对比↑ 本周内提供!\"",
        "zh": "按模板写下刚做的一次联系。\n\n"
              "预填客户画像，带上尚未完成的事项，按沟通风格给出带日期的建议步骤（用 --accept 采纳，"
              "或把某行移出建议区）；然后打开编辑器，为每个期限说法补上 📅，并显示读懂了什么。从不覆盖已有文件。\n\n"
              "示例：visitlog new 王主任 --date \"2026-11-27 16:00\" --quick \"询问肝肾毒性? 剂型对比↑ 本周内提供!\""},
    "help-new-customer": {"en": "Name, alias or unique prefix (a new name creates a customer, after asking at a "
                                "terminal).",
                          "zh": "客户姓名、别名或唯一的前几个字（新名字会新建客户，在终端里会先询问）。"},
    "help-new-date": {"en": "The contact's moment: 'YYYY-MM-DD HH:MM', 昨天下午3点, 'today 10:00', 上周五 "
                            "(default: now; the day of --today).",
                      "zh": "联系的时间：'YYYY-MM-DD HH:MM'、昨天下午3点、'today 10:00'、上周五"
                            "（默认：现在；给了 --today 则为那一天）。"},
    "help-new-channel": {"en": "visit|拜访, phone|电话, online|线上, message|消息 (wechat|微信 is a message).",
                         "zh": "拜访|visit、电话|phone、线上|online、消息|message（微信|wechat 算消息）。"},
    "help-new-purpose": {"en": "first | follow-up | academic | update | feedback | stock | other "
                               "(default: first for a new customer, else follow-up); picks the template.",
                         "zh": "首访|first、回访|follow-up、学术|academic、信息更新|update、用药反馈|feedback、"
                               "库存提醒|stock、其他|other（默认：新客户为首访，否则回访）；决定用哪个模板。"},
    "help-new-style": {"en": "academic | transactional | hesitant (default: the profile's); picks the playbook.",
                       "zh": "academic（学术型）| transactional（事务型）| hesitant（犹豫型）"
                             "（默认取客户画像中的）；决定建议步骤。"},
    "help-new-todo": {"en": "An action (repeatable).", "zh": "一项待办（可重复）。"},
    "help-new-quick": {"en": "Marker shorthand: ? question, ↑ interest, ! urgent; a deadline phrase makes an action.",
                       "zh": "速记标记：? 问题，↑ 兴趣点，! 紧急需求；带期限说法的句子记为待办。"},
    "help-new-edit": {"en": "Open $VISUAL/$EDITOR (default: when at a terminal).",
                      "zh": "打开 $VISUAL/$EDITOR 编辑（默认：在终端里时打开）。"},
    "help-new-new-customer": {"en": "Create an unknown customer without asking.", "zh": "不询问，直接新建客户。"},
    "help-new-playbook": {"en": "Offer the style's follow-up steps as suggestions (default: on).",
                          "zh": "按沟通风格给出后续步骤建议（默认开启）。"},
    "help-new-accept": {"en": "Accept playbook suggestions as promises: a number, part of the text, or all "
                              "(repeatable).",
                        "zh": "把建议步骤采纳为承诺：写序号、部分文字或 all（可重复）。"},
    "help-new-rep": {"en": "Who made the contact, written as `rep:` (default: you: VISITLOG_REP, the user config, "
                           "git user.name).",
                     "zh": "谁做的这次联系，写入 rep:（默认是你：VISITLOG_REP、用户配置或 git user.name）。"},
    # --- review ---
    "help-review": {
        "en": "The Friday review of a week (or a month, or any span).\n\n"
              "Contacts by tier and channel against the plan, promises kept and slipped, frequent questions, "
              "needs, competitors, adverse events, customers to wake up, tier changes, compliance, next week. "
              "In a team notebook: your week (--rep NAME: a colleague's); --team: the manager's review, one row "
              "per rep.\n\n"
              "Example: visitlog review --week 2026-W47 --today 2026-11-20 --save",
        "zh": "周五复盘一周（也可复盘一个月或任意时段）。\n\n"
              "按级别和方式统计的联系次数与计划对比、按时兑现和逾期的承诺、高频问题、需求、竞品、不良反应、"
              "需要唤醒的客户、级别变化、合规情况和下周安排。团队记录本中：默认是你的一周"
              "（--rep 姓名：某位同事的）；--team：经理视图，每位代表一行。\n\n"
              "示例：visitlog review --week 2026-W47 --today 2026-11-20 --save"},
    "help-review-week": {"en": "The ISO week to review, e.g. 2026-W47 (default: the week of --today).",
                         "zh": "复盘哪一周（ISO 周），如 2026-W47（默认：--today 所在的一周）。"},
    "help-review-month": {"en": "Review a calendar month instead, e.g. 2026-11.", "zh": "改为按自然月复盘，如 2026-11。"},
    "help-review-from": {"en": "Review from this day (with --to; default --to: --today).",
                         "zh": "从这一天开始复盘（配合 --to；不给 --to 则到 --today）。"},
    "help-review-to": {"en": "Review up to this day.", "zh": "复盘到这一天为止。"},
    "help-review-save": {"en": "Also write it as Markdown to reviews/YYYY-Www.md in the notebook (overwritten "
                               "each time).",
                         "zh": "同时以 Markdown 写入记录本的 reviews/YYYY-Www.md（每次覆盖）。"},
    "help-review-html": {"en": "With --save (implied): also write a self-contained HTML report with charts "
                               "beside the Markdown.",
                         "zh": "（隐含 --save）在 Markdown 旁边再生成一份带图表的独立 HTML 报告。"},
    # --- export ---
    "help-export": {
        "en": "Visits or actions as a table: CSV for spreadsheets, or JSON.\n\n"
              "Example: visitlog export --format csv --what actions --out actions.csv",
        "zh": "把拜访或待办导出为表格：CSV 给电子表格，JSON 给脚本。\n\n"
              "示例：visitlog export --format csv --what actions --out actions.csv"},
    "help-export-format": {"en": "csv (UTF-8 with BOM, for Excel) or json.",
                           "zh": "csv（带 BOM 的 UTF-8，Excel 可直接打开）或 json。"},
    "help-export-what": {"en": "One row per visit, or one row per action.", "zh": "每次拜访一行，或每项待办一行。"},
    "help-export-out": {"en": "Write to FILE instead of stdout.", "zh": "写入文件 FILE，而不是标准输出。"},
    "help-export-force": {"en": "Replace the --out FILE if it exists.", "zh": "--out 指定的文件已存在时覆盖它。"},
    "help-export-from": {"en": "Only visits on or after this day.", "zh": "只要这一天及以后的拜访。"},
    "help-export-to": {"en": "Only visits on or before this day.", "zh": "只要这一天及以前的拜访。"},
    # --- sync ---
    "help-sync": {
        "en": "End of the day: commit the notebook, rebase on upstream, push.\n\n"
              "Commits the notes (never .visitlog/) with a message saying what changed. A conflict stops with "
              "both versions kept (exit 1); no network: committed locally, push pending (exit 0). "
              "Needs git 2.25 or later.\n\n"
              "Example: visitlog sync --notes ~/district-notes",
        "zh": "一天结束时：提交记录本，在上游基础上变基，再推送。\n\n"
              "提交各篇记录（从不提交 .visitlog/），提交说明写明改了什么。遇到冲突就停下并保留两个版本"
              "（退出码 1）；没有网络时先在本地提交，推送留待下次（退出码 0）。需要 git 2.25 或更新版本。\n\n"
              "示例：visitlog sync --notes ~/district-notes"},
    # --- history ---
    "help-history": {
        "en": "The audit trail from git: who wrote and changed which note.\n\n"
              "Every note of a customer (or one file): who created it, and every later change with its date, "
              "author and what changed (\"✅ 发资料\", \"replied set\").\n\n"
              "Example: visitlog history 王主任",
        "zh": "来自 git 的审计记录：谁写了、改了哪篇记录，改了什么。\n\n"
              "某位客户的每篇记录（或某一个文件）：谁创建的，之后每次修改的日期、作者和改动"
              "（“✅ 发资料”、“replied set”）。\n\n"
              "示例：visitlog history 王主任"},
    "help-history-target": {"en": "A customer (name, alias, prefix) or a note's path.",
                            "zh": "一位客户（姓名、别名或前几个字），或一篇记录的路径。"},
    # --- snooze, skip ---
    "help-snooze": {
        "en": "Put an item off until a day, with the reason.\n\n"
              "The reason is written as a line in the item's note; the item comes back on that day.\n\n"
              "Example: visitlog snooze c1a2b3c4 --until 2026-11-25 --why \"王主任外出进修\" --today 2026-11-20",
        "zh": "把一项暂缓到某一天，并写明原因。\n\n"
              "原因作为一行写进该项所在的记录；到那一天它会重新出现。\n\n"
              "示例：visitlog snooze c1a2b3c4 --until 2026-11-25 --why \"王主任外出进修\" --today 2026-11-20"},
    "help-skip": {
        "en": "Skip an item, with the reason.\n\n"
              "A promise is cancelled ([-]), an appointment dropped, a cadence or wake-up item counts again "
              "from today; the reason is written in the note.\n\n"
              "Example: visitlog skip w1a2b3c4 --why \"已调到外院\" --today 2026-11-20",
        "zh": "跳过一项，并写明原因。\n\n"
              "承诺记为取消（[-]），约见作废，联系节奏或唤醒从今天重新计算；原因写进记录。\n\n"
              "示例：visitlog skip w1a2b3c4 --why \"已调到外院\" --today 2026-11-20"},
    "help-follow-key": {"en": "An id from `visitlog due`, or path:line.",
                        "zh": "visitlog due 给出的编号，或“路径:行号”。"},
    "help-follow-until": {"en": "When it comes back: YYYY-MM-DD or a phrase (下周二, next Monday).",
                          "zh": "哪天重新出现：YYYY-MM-DD 或说法（下周二、next Monday）。"},
    "help-follow-why": {"en": "Why (written in the note, shown in due and review).",
                        "zh": "原因（写进记录，在待办和复盘中显示）。"},
    # --- init, open, search ---
    "help-init": {
        "en": "Start a notebook that every command finds from anywhere.\n\n"
              "DIR gets visitlog.yaml and one example note, and becomes the `notes:` of the user config.\n\n"
              "Example: visitlog init ~/visits",
        "zh": "新建一个记录本，在任何目录下运行命令都能找到它。\n\n"
              "在 DIR 中写入 visitlog.yaml 和一篇示例记录，并把 DIR 记为用户配置的 notes:。\n\n"
              "示例：visitlog init ~/visits"},
    "help-init-folder": {"en": "Where (default: ./notes).", "zh": "建在哪里（默认：./notes）。"},
    "help-open": {
        "en": "Open the note behind a customer, an item or a path:line.\n\n"
              "$VISUAL/$EDITOR, at that line where the editor takes one (vi, vim, nvim, nano, emacs, micro, "
              "helix, kakoune, VS Code).\n\n"
              "Example: visitlog open c59415d3",
        "zh": "在编辑器里打开某位客户、某一项或某个“路径:行号”对应的记录。\n\n"
              "用 $VISUAL/$EDITOR 打开，编辑器支持时直接跳到那一行（vi、vim、nvim、nano、emacs、micro、"
              "helix、kakoune、VS Code）。\n\n"
              "示例：visitlog open c59415d3"},
    "help-open-target": {"en": "A customer (their latest note), an item id from `due` (or its unique prefix), "
                               "or path:line.",
                         "zh": "一位客户（打开最近一篇记录）、due 给出的编号（或其唯一前缀），或“路径:行号”。"},
    "help-search": {
        "en": "Find contacts by what was said, with each line's path:line.\n\n"
              "Discussion points, promises, the next contact and adverse events; narrowed by tag, product, "
              "competitor and dates.\n\n"
              "Example: visitlog search 医保 --product 舒沐坦 --from 2026-10-01",
        "zh": "按说过的话查找联系记录，每行附出处（路径:行号）。\n\n"
              "查找沟通要点、承诺、下次联系和不良反应；可按标签、产品、竞品和日期缩小范围。\n\n"
              "示例：visitlog search 医保 --product 舒沐坦 --from 2026-10-01"},
    "help-search-text": {"en": "Words to find (any case).", "zh": "要找的文字（不分大小写）。"},
    "help-search-tag": {"en": "Only contacts with this tag.", "zh": "只看带这个标签的联系。"},
    "help-search-product": {"en": "Only contacts about this product.", "zh": "只看涉及这个产品的联系。"},
    "help-search-competitor": {"en": "Only contacts naming this competitor.", "zh": "只看提到这个竞品的联系。"},
    "help-search-from": {"en": "From this day.", "zh": "从这一天起。"},
    "help-search-to": {"en": "Up to this day.", "zh": "到这一天为止。"},
}
