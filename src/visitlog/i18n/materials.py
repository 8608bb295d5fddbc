"""Messages of the material library, inferred needs and "what to bring"."""

MESSAGES = {
    # --- problems (visitlog check) ---
    "not-a-material": {"en": "not a material (no front matter); ignored",
                       "zh": "不是资料文件（没有 front matter），已忽略"},
    "duplicate-material": {"en": "material name '{name}' is already used by {other}; ignored here",
                           "zh": "资料名 '{name}' 已被 {other} 使用，此处忽略"},
    "needs-file": {"en": "the need map cannot be used: {detail}", "zh": "需求映射文件有误：{detail}"},
    "missing-material": {"en": "[[{name}]] names no material and no note (materials/ has none by that title, id "
                               "or file name)",
                         "zh": "[[{name}]] 既不是资料也不是已有记录（materials/ 中没有这个标题、编号或文件名）"},
    "material-expired": {"en": "'{name}' is still planned here but its approval ended on {until} ({path})",
                         "zh": "这里仍计划发送《{name}》，但它的批准已于 {until} 到期（{path}）"},
    # --- words ---
    "layer-basic": {"en": "basic", "zh": "基础"},
    "layer-advanced": {"en": "advanced", "zh": "进阶"},
    "layer-expert": {"en": "expert", "zh": "专家"},
    "material-kind-evidence": {"en": "evidence", "zh": "证据"},
    "material-kind-patient-education": {"en": "patient education", "zh": "患者教育"},
    "material-kind-update": {"en": "update", "zh": "行业动态"},
    "material-kind-event": {"en": "event", "zh": "会议活动"},
    "material-kind-resource": {"en": "resource", "zh": "专属资源"},
    # --- inferred needs ---
    "needs-title": {"en": "Inferred needs", "zh": "推断的需求"},
    "needs-none": {"en": "no need recurs yet", "zh": "还没有反复出现的需求"},
    "need-evidence-recent": {"en": "in {recent} of the last {of} contacts ({words})",
                             "zh": "最近{of}次联系中有{recent}次提到（{words}）"},
    "need-evidence-lasting": {"en": "in {contacts} contacts from {first} to {last} ({words})",
                              "zh": "{first} 至 {last} 有{contacts}次联系提到（{words}）"},
    "need-no-emphasis": {"en": "no emphasis mapped (add it to materials/needs.yaml)",
                         "zh": "尚未对应侧重点（可在 materials/needs.yaml 中补充）"},
    # --- what to bring ---
    "bring-title": {"en": "What to bring", "zh": "带什么"},
    "bring-none": {"en": "nothing from the library fits yet", "zh": "资料库里暂时没有合适的"},
    "bring-no-library": {"en": "no material library (add Markdown files under materials/, see docs/materials.md)",
                         "zh": "还没有资料库（在 materials/ 下放资料文件，见 docs/materials.md）"},
    "bring-need": {"en": "need: {need} · next layer: {layer} (had: {had})",
                   "zh": "需求「{need}」· 下一层：{layer}（已有：{had}）"},
    "bring-need-plain": {"en": "need: {need}", "zh": "需求「{need}」"},
    "bring-missing": {"en": "need: {need} · no approved material answers it: ask marketing or the medical department",
                      "zh": "需求「{need}」· 还没有获批资料，需找市场部或医学部"},
    "bring-because": {"en": "because: {evidence}", "zh": "依据：{evidence}"},
    "bring-update": {"en": "established customer: {got} update(s) in the last {days} days (aim: 1-2 a month); "
                           "issued {issued}",
                     "zh": "老客户：近{days}天收到{got}份行业动态（每月1-2份）；{issued} 发布"},
    "bring-scarce": {"en": "tier A: first call on scarce resources (kept for tier {tiers})",
                     "zh": "A类客户优先获得稀缺资源（仅限{tiers}类）"},
    "bring-wake-topic": {"en": "silent {days} days: open with a hot topic (issued {issued})",
                         "zh": "已沉默{days}天：用热点话题重新打开（{issued} 发布）"},
    "bring-wake-evidence": {"en": "silent {days} days: bring new product evidence (issued {issued}, within "
                                  "{within} days)",
                            "zh": "已沉默{days}天：带上产品新证据（{issued} 发布，{within}天内）"},
    "bring-line": {"en": "bring: {title}", "zh": "带：{title}"},
    "none-yet": {"en": "none", "zh": "无"},
    # --- timeline ladder ---
    "ladder-title": {"en": "Material ladder", "zh": "资料阶梯"},
    "ladder-other": {"en": "other materials", "zh": "其他资料"},
    "ladder-none": {"en": "no material from the library received yet", "zh": "还没有收到资料库中的资料"},
    # --- review ---
    "review-materials": {"en": "Materials sent by need and layer", "zh": "按需求和层次统计的已发资料"},
    "review-materials-none": {"en": "no library material sent in this period", "zh": "本期没有发出资料库中的资料"},
    "review-missing-needs": {"en": "Needs with no approved material (ask marketing or the medical department)",
                             "zh": "没有获批资料的需求（需找市场部或医学部）"},
    "review-need": {"en": "Need", "zh": "需求"},
    "review-customers-with": {"en": "Customers", "zh": "客户"},
    "layer-none": {"en": "no layer", "zh": "不分层"},
    "review-no-need": {"en": "no need named", "zh": "未标注需求"},
}
