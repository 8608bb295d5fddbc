"""Write a realistic synthetic notebook of N visits, for benchmarks.

    python benchmarks/make_notebook.py N DIR [--seed 8] [--end 2026-11-20] [--district]

The notebook looks like the sample in `notes/`, only bigger: a district of
reps, each writing about five notes a working day for up to three years
(1,000 visits: one rep over ten months; 10,000: three reps over 2.7 years;
100,000: 27 reps over three years), ending on the demo day (Friday
2026-11-20). Profiles exist for most customers (most with potential, some
with aliases); visits carry Chinese points with ?/↑/! markers and #tags,
actions that are dated (📅), written as deadline phrases (72小时内, 下周二,
月底前, ...) or vague (后续跟进), old ones mostly done with ✅, competitors,
`next:` as a date or a phrase, a few adverse events, and a few notes with
the mistakes `check` exists for (a bad date, compliance wording).

The output is deterministic: the same N, seed and end give the same files,
byte for byte. `--district` writes a district instead (`make_district`: 5-10
reps, each visit with `rep:`, territories sized to the cadence, a few
customers shared). DIR must be empty or absent. Generated notebooks belong under
/tmp or `bench-data/` (git-ignored), never in the repository.
"""
from __future__ import annotations

import argparse
import math
import os
import random
import re
import sys
from datetime import date, datetime, timedelta

VISITS_PER_DAY = 5
MAX_YEARS_OF_DAYS = 750            # working days one rep covers at most (~3 years)
CUSTOMERS_PER_REP = 150

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = ("建国 秀兰 海燕 志强 芳 伟 敏 磊 立新 静 婷 帆 国华 丽 军 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 红 鹏 飞 玉兰 斌 宇 浩 凯 俊 晨 欣 雪 琳 博 佳 颖 文 亮 健 慧 峰 丹 晓东 春梅 卫东 建华 淑珍 红梅 志刚 文静 海涛 振华 德明 兰英 凤英 永红 俊杰 子涵 思远 一鸣 雨桐 梓轩").split()
HOSPITALS = ("市第一人民医院 市第二人民医院 市中医院 省人民医院 省肿瘤医院 县人民医院 市妇幼保健院 市中心医院 "
             "区人民医院 医科大学附属医院 市第三人民医院 社区卫生服务中心 市儿童医院 市老年病医院").split()
DEPARTMENTS = "内分泌科 心内科 肿瘤科 药剂科 神经内科 呼吸科 儿科 全科 肾内科 老年科 内科".split()
TITLES = "主任医师 副主任医师 主治医师 住院医师 副主任药师".split()
ROLES = "decision-maker influencer user gatekeeper".split()
STYLES = "academic transactional hesitant".split()
PRODUCTS = "格列沐缓释片 舒沐坦片 泽莫利单抗注射液 奥沐西坦片 康立宁颗粒".split()
COMPETITORS = "某竞品A 某竞品B 某竞品C 某进口PD-1".split()
TAGS = "药物经济学 学术支持 患者教育 医保 患者管理 真实世界数据 指南 安全性".split()
TOPICS = ("肝肾毒性数据 老年患者剂量调整 医保报销政策 与二甲双胍联用 真实世界研究 低血糖发生率 注射频率 "
          "脑转移亚组数据 药物经济学评价 长期安全性 儿童用药口感 清晨血压控制 同成分不同剂型对比 药事会申请流程").split()
CHANNELS = (("visit", 70), ("phone", 15), ("online", 10), ("message", 5))
PURPOSES = (("follow-up", 45), ("academic", 15), ("update", 10), ("feedback", 10), ("stock", 10), ("other", 5))
MOODS = (("neutral", 55), ("positive", 30), ("negative", 15))

PLAIN_POINTS = (
    "门诊太忙，站在诊室门口说了五分钟",
    "{who}说科里这个月病人多，床位很紧",
    "{who}提到{competitor}最近在科里开了科室会",
    "药占比考核收紧，让我们别去临床催加量",
    "聊了{topic}，{who}觉得资料还不够",
    "约好下次把{topic}再完整过一遍",
    "没有比较竞品，只给了我们的数据和原文出处",
)
QUESTION_POINTS = ("问有没有{topic}的资料 ?", "询问{topic} (?)", "{topic}怎么样？", "问{topic}能不能再细一点 ?")
INTEREST_POINTS = ("对{topic}感兴趣 ↑", "很认同{topic}那部分 ↑", "想在科里做一次{topic}的小讲座 (↑)")
URGENT_POINTS = ("{topic}下周前就要 (!)", "{who}急着要{topic}的资料 !", "科里讨论会前要确定{topic} (！)")
TASKS = ("整理{topic}并发送", "把{topic}的文献发给{who}", "确认资料是否收到", "安排一次科室会",
         "提交药事会申请材料", "回复{topic}的问题", "带指南解读再拜访", "协调商务团队确认到货",
         "邀请参加线上研讨会", "送患者教育材料")
# phrase -> days after the visit it roughly means (only used to decide whether it is old enough to be done)
PHRASES = (("72小时内", 3), ("48小时内", 2), ("3天后", 3), ("两天内", 2), ("一周内", 7), ("2周后", 14),
           ("本周内", 3), ("下周二", 7), ("周三", 4), ("明天", 1), ("月底前", 15), ("3个工作日内", 4),
           ("5个工作日内", 7), ("下周内", 9), ("半个月内", 15), ("两周内", 14))
VAGUE = ("后续跟进", "尽快", "下次拜访时", "有空时再联系", "找机会")
NEXT_PHRASES = ("下周四下午", "下周二上午", "两周后", "月底前", "下周五", "3天后", "下周三")
NEXT_VAGUE = ("下次", "后续再约")


def weighted(rng: random.Random, pairs) -> str:
    return rng.choices([p for p, _ in pairs], [w for _, w in pairs])[0]


def working_days(end: date, count: int) -> list[date]:
    """The last `count` Monday-Friday days up to `end`, oldest first."""
    out, day = [], end
    while len(out) < count:
        if day.weekday() < 5:
            out.append(day)
        day -= timedelta(days=1)
    return out[::-1]


class Customer:
    def __init__(self, name: str, alias: str | None, hospital: str, department: str, title: str, role: str,
                 style: str, potential: tuple[int, int, int] | None, weight: int, start: int, products: list[str]):
        self.name, self.alias, self.hospital, self.department = name, alias, hospital, department
        self.title, self.role, self.style, self.potential = title, role, style, potential
        self.weight, self.start, self.products = weight, start, products


def make_customers(rng: random.Random, reps: int, days: int, count: int = CUSTOMERS_PER_REP) -> list[list[Customer]]:
    names: set[str] = set()
    aliases: set[str] = set()
    per_rep = []
    for _ in range(reps):
        mine = []
        for _ in range(count):
            while True:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                if name not in names:
                    break
                if len(names) > 0.6 * len(SURNAMES) * len(GIVEN):   # very large N: add a digit-free suffix
                    name += rng.choice(GIVEN)[0]
                    if name not in names:
                        break
            names.add(name)
            alias = None
            if rng.random() < 0.2 and name[0] + "主任" not in aliases and name[0] + "主任" not in names:
                alias = name[0] + "主任"
                aliases.add(alias)
            has_potential = rng.random() < 0.9
            potential = tuple(rng.choices((1, 2, 3, 4, 5), (1, 3, 4, 3, 2), k=3)) if has_potential else None
            weight = 1 + (potential[0] >= 4) * 2 + (potential[1] >= 4) if potential else 1
            start = 0 if rng.random() < 0.8 else rng.randrange(days)
            mine.append(Customer(name, alias, rng.choice(HOSPITALS), rng.choice(DEPARTMENTS), rng.choice(TITLES),
                                 rng.choice(ROLES), rng.choice(STYLES), potential, weight, start,
                                 rng.sample(PRODUCTS, rng.choice((1, 1, 2)))))
        per_rep.append(mine)
    return per_rep


def profile_text(rng: random.Random, c: Customer, first_day: date) -> str:
    lines = ["---", f"name: {c.name}"]
    if c.alias:
        lines.append(f"aliases: [{c.alias}]")
    lines += [f"hospital: {c.hospital}", f"department: {c.department}", f"title: {c.title}", f"role: {c.role}",
              f"style: {c.style}"]
    if rng.random() < 0.5:
        lines.append(f"since: {(first_day - timedelta(days=rng.randrange(30, 400))).isoformat()}")
    if rng.random() < 0.03:
        lines.append(f"tier: {rng.choice('ABC')}")
    if c.potential:
        p, i, d = c.potential
        lines += ["potential:", f"  prescriptions: {p}", f"  influence: {i}", f"  department: {d}"]
    lines.append("---")
    lines.append(f"{c.hospital}{c.department}，{rng.choice(('比较谨慎', '愿意尝试新药', '很看重学术数据', '关注价格和医保'))}。")
    lines.append(f"{rng.choice(('门诊周二、周四上午', '周三下午有空', '只接受提前预约', '喜欢微信沟通'))}。")
    return "\n".join(lines) + "\n"


def fill(rng: random.Random, template: str, c: Customer) -> str:
    return template.format(topic=rng.choice(TOPICS), who=c.name[0] + rng.choice(("主任", "医生", "老师")),
                           competitor=rng.choice(COMPETITORS))


def action_line(rng: random.Random, c: Customer, moment: datetime, end: date, diligent: bool = False) -> str:
    task = fill(rng, rng.choice(TASKS), c)
    kind = rng.random()
    if kind < 0.45:                              # dated
        due = moment.date() + timedelta(days=rng.choice((1, 2, 3, 5, 7, 14, 30)))
        text, approx = f"{task} 📅 {due.isoformat()}", due
    elif kind < 0.85:                            # a deadline phrase, left for the parser
        phrase, days = rng.choice(PHRASES)
        if rng.random() < 0.15:                  # an absolute day without a year: 12月1日前
            target = moment.date() + timedelta(days=rng.randrange(3, 40))
            phrase, days = f"{target.month}月{target.day}日前", (target - moment.date()).days
        text, approx = f"{phrase}{task}", moment.date() + timedelta(days=days)
    else:                                        # vague
        text, approx = f"{task}，{rng.choice(VAGUE)}", None
    age = (end - (approx or moment.date())).days
    r = rng.random()
    if diligent and 0 < age <= 7 and r < (0.9 if approx else 0.6):   # a rep who works the list keeps it short
        done = max(moment.date(), (approx or moment.date()) - timedelta(days=rng.choice((0, 0, 1))))
        return f"- [x] {text} ✅ {done.isoformat()}"
    if diligent and age > 7 and r < (0.992 if approx else 0.97):
        if r < (0.97 if approx else 0.85):
            done = max(moment.date(), (approx or moment.date()) + timedelta(days=rng.choice((-1, 0, 0, 0, 1, 2))))
            return f"- [x] {text} ✅ {done.isoformat()}"
        return f"- [-] {text}"
    if age > 7 and r < (0.95 if approx else 0.75):
        done = (approx or moment.date()) + timedelta(days=rng.choice((-2, -1, 0, 0, 0, 1, 3)))
        done = max(done, moment.date())
        return f"- [x] {text} ✅ {done.isoformat()}"
    if age > 7 and r < (0.98 if approx else 0.95):
        return f"- [-] {text}"
    return f"- [ ] {text}"


def visit_text(rng: random.Random, c: Customer, moment: datetime, end: date, rel_serial: int,
               rep: str | None = None, channel: str | None = None, purpose: str | None = None) -> str:
    fm = ["---", f"customer: {c.alias if c.alias and rng.random() < 0.1 else c.name}",
          f"date: {moment.strftime('%Y-%m-%d %H:%M')}"]
    if rep:
        fm.append(f"rep: {rep}")
    if rng.random() < 0.15:                      # profile fields repeated or changed on some visits
        fm += [f"hospital: {c.hospital}", f"department: {c.department}"]
        if rng.random() < 0.1:
            c.title = rng.choice(TITLES)
        fm.append(f"title: {c.title}")
    drawn_channel, drawn_purpose = weighted(rng, CHANNELS), weighted(rng, PURPOSES)   # drawn always: same sequence
    channel, purpose = channel or drawn_channel, purpose or drawn_purpose
    fm += [f"channel: {channel}", f"purpose: {purpose}"]
    if rng.random() < 0.05:
        c.style = rng.choice(STYLES)
        fm.append(f"style: {c.style}")
    fm.append(f"products: [{', '.join(c.products)}]")
    tags = rng.sample(TAGS, rng.choice((0, 1, 1, 2)))
    if tags:
        fm.append(f"tags: [{', '.join(tags)}]")
    competitor = rng.choice(COMPETITORS) if rng.random() < 0.3 else None
    if competitor:
        fm.append(f"competitors: [{competitor}]")
    fm.append(f"mood: {weighted(rng, MOODS)}")
    r = rng.random()
    if r < 0.35:
        fm.append(f"next: {(moment.date() + timedelta(days=rng.choice((7, 10, 14, 21, 30)))).isoformat()}")
    elif r < 0.55:
        fm.append(f"next: {rng.choice(NEXT_PHRASES)}")
    elif r < 0.58:
        fm.append(f"next: {rng.choice(NEXT_VAGUE)}")
    if rng.random() < 0.02 and c.potential:      # the rep revises an estimate
        fm += ["potential:", f"  prescriptions: {rng.randint(1, 5)}"]
    if rng.random() < 0.005:                     # an adverse event, replied once it is old
        desc = f"患者{rng.randint(35, 85)}岁，用药后{rng.choice(('轻度低血糖', '双踝轻度水肿', '皮疹', '恶心'))}，已停药观察"
        if (end - moment.date()).days > 3:
            replied = moment.date() + timedelta(days=1)
            fm += ["adverse_event:", f"  description: {desc}", f"  replied: {replied.isoformat()}"]
        else:
            fm.append(f"adverse_event: {desc}")
    fm.append("---")
    if rel_serial % 2000 == 1999:                # a typing mistake now and then, for `check`
        fm[2] = f"date: {moment.strftime('%Y-%m-%d')} 25:00"

    body = ["", "## 沟通要点"]
    for _ in range(rng.randint(2, 5)):
        kind = rng.random()
        pool = QUESTION_POINTS if kind < 0.3 else INTEREST_POINTS if kind < 0.5 else \
            URGENT_POINTS if kind < 0.6 else PLAIN_POINTS
        line = fill(rng, rng.choice(pool), c)
        if rng.random() < 0.2:
            line += f" #{rng.choice(TAGS)}"
        body.append(f"- {line}")
    if competitor and rng.random() < 0.5:
        body.append(f"- 提到{competitor}的代表最近来得勤")
    if rel_serial % 1500 == 700:
        body.append("- 科室有人问起统方的事，已明确拒绝")
    body += ["", "## 待办"]
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        body.append(action_line(rng, c, moment, end, diligent=rep is not None))
    return "\n".join(fm + body) + "\n"


def make_notebook(n: int, root: str, seed: int = 8, end: date = date(2026, 11, 20)) -> dict:
    rng = random.Random(seed)
    reps = max(1, math.ceil(n / (VISITS_PER_DAY * MAX_YEARS_OF_DAYS)))
    days = working_days(end, max(1, math.ceil(n / (VISITS_PER_DAY * reps))))
    customers = make_customers(rng, reps, len(days))
    written = profiles = 0
    os.makedirs(os.path.join(root, "customers"), exist_ok=True)
    with open(os.path.join(root, "visitlog.yaml"), "w", encoding="utf-8") as f:
        f.write("language: zh\n")
    for mine in customers:
        for c in mine:
            if rng.random() < 0.85:
                first = days[c.start]
                with open(os.path.join(root, "customers", f"{c.name}.md"), "w", encoding="utf-8") as f:
                    f.write(profile_text(rng, c, first))
                profiles += 1
    made_dirs: set[str] = set()
    for index, day in enumerate(days):
        for rep, mine in enumerate(customers):
            if written >= n:
                break
            active = [c for c in mine if c.start <= index]
            count = min(VISITS_PER_DAY, n - written, len(active))
            chosen: list[Customer] = []
            pool = list(active)
            for _ in range(count):
                pick = rng.choices(pool, [c.weight for c in pool])[0]
                pool.remove(pick)
                chosen.append(pick)
            for slot, c in enumerate(sorted(chosen, key=lambda x: x.name)):
                hour, minute = 8 + slot * 2 + rng.choice((0, 1)), rng.choice((0, 10, 20, 30, 40, 50))
                moment = datetime(day.year, day.month, day.day, hour, minute)
                folder = os.path.join(root, "visits", str(day.year))
                if folder not in made_dirs:
                    os.makedirs(folder, exist_ok=True)
                    made_dirs.add(folder)
                path = os.path.join(folder, f"{day.isoformat()}-{c.name}.md")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(visit_text(rng, c, moment, end, written))
                written += 1
    return {"visits": written, "profiles": profiles, "customers": sum(len(m) for m in customers),
            "reps": reps, "first": days[0].isoformat(), "last": days[-1].isoformat()}


# ---------------------------------------------------------------- the district notebook (--district)
REP_NAMES = ("王丽", "张强", "李娜", "陈晨", "刘洋", "赵敏", "孙浩", "周静", "吴迪", "郑爽")
DISTRICT_VISITS_PER_REP = 1250      # 10,000 visits: 8 reps over about a year
DISTRICT_CUSTOMERS = 60             # a territory one rep can keep to its cadence at five contacts a day
DISTRICT_SHARED = 8                 # customers each rep shares with the next (one department head, two products)


def make_district(n: int, root: str, seed: int = 8, end: date = date(2026, 11, 20)) -> dict:
    """A district of 5-10 reps sharing one notebook; every visit says `rep:`.

    Each rep has a territory sized to the cadence (A and B customers about
    every two weeks, C monthly), shares a few customers with the next rep, and
    plans the day like a rep does: the customers most overdue for this rep
    first (with some noise), five a day. Notes, promises and their fates are
    written as in the single-rep notebook.
    """
    rng = random.Random(seed)
    reps = max(2, min(len(REP_NAMES), math.ceil(n / DISTRICT_VISITS_PER_REP)))
    days = working_days(end, max(1, math.ceil(n / (VISITS_PER_DAY * reps))))
    own = make_customers(rng, reps, len(days), DISTRICT_CUSTOMERS)
    territory = [list(mine) for mine in own]
    for r in range(reps):                      # the next rep sees a few of this rep's customers too
        territory[(r + 1) % reps] += own[r][:DISTRICT_SHARED]
    last: dict[tuple[int, str], int] = {}
    last_academic: dict[tuple[int, str], int] = {}
    promised: dict[tuple[int, str], int] = {}        # the working day of the next contact agreed
    written = profiles = 0
    os.makedirs(os.path.join(root, "customers"), exist_ok=True)
    with open(os.path.join(root, "visitlog.yaml"), "w", encoding="utf-8") as f:
        f.write("language: zh\n")
    for mine in own:
        for c in mine:
            if rng.random() < 0.85:
                with open(os.path.join(root, "customers", f"{c.name}.md"), "w", encoding="utf-8") as f:
                    f.write(profile_text(rng, c, days[c.start]))
                profiles += 1
    used: set[str] = set()
    for index, day in enumerate(days):
        for r, mine in enumerate(territory):
            if written >= n:
                break
            active = [c for c in mine if c.start <= index]

            def urgency(c: Customer) -> float:
                every = 10 if c.weight >= 3 else 20
                since = index - last.get((r, c.name), c.start - every)
                agreed = 3.0 if promised.get((r, c.name), len(days)) <= index + 1 else 0.0   # the `next:` agreed
                return since / every + agreed + rng.random() * 0.6

            chosen = sorted(active, key=urgency, reverse=True)[:min(VISITS_PER_DAY, n - written, len(active))]
            for slot, c in enumerate(sorted(chosen, key=lambda x: x.name)):
                last[(r, c.name)] = index
                channel = "visit" if c.weight >= 3 and rng.random() < 0.9 else None     # A: in depth, in person
                academic = index - last_academic.get((r, c.name), c.start) > 55
                if academic:
                    last_academic[(r, c.name)] = index
                hour, minute = 8 + slot * 2 + rng.choice((0, 1)), rng.choice((0, 10, 20, 30, 40, 50))
                moment = datetime(day.year, day.month, day.day, hour, minute)
                folder = os.path.join(root, "visits", str(day.year))
                os.makedirs(folder, exist_ok=True)
                stem = f"{day.isoformat()}-{c.name}"
                name, k = stem, 1
                while name in used:
                    k += 1
                    name = f"{stem}-{k}"
                used.add(name)
                text = visit_text(rng, c, moment, end, written, REP_NAMES[r], channel, "academic" if academic else None)
                agreed = re.search(r"^next: (\d{4}-\d{2}-\d{2})$", text, re.M)
                promised.pop((r, c.name), None)
                if agreed:
                    due = date.fromisoformat(agreed.group(1))
                    promised[(r, c.name)] = index + sum(1 for d in days[index:] if d < due)
                with open(os.path.join(folder, f"{name}.md"), "w", encoding="utf-8") as f:
                    f.write(text)
                written += 1
    return {"visits": written, "profiles": profiles, "customers": sum(len(m) for m in own), "reps": reps,
            "first": days[0].isoformat(), "last": days[-1].isoformat()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of visits")
    parser.add_argument("dir", help="where to write the notebook (empty or absent)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--end", default="2026-11-20", help="the last day with visits (YYYY-MM-DD)")
    parser.add_argument("--district", action="store_true",
                        help="a district notebook: 5-10 reps, every visit with rep:, shared customers")
    args = parser.parse_args(argv)
    if os.path.isdir(args.dir) and os.listdir(args.dir):
        print(f"make_notebook: {args.dir} is not empty", file=sys.stderr)
        return 2
    build = make_district if args.district else make_notebook
    info = build(args.n, args.dir, args.seed, date.fromisoformat(args.end))
    print(f"{args.dir}: {info['visits']} visits, {info['profiles']} profiles, {info['customers']} customers, "
          f"{info['reps']} rep(s), {info['first']}..{info['last']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
