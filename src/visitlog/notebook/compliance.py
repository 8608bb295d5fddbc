"""Compliance: what a note must not say, what it must not keep, and masking what it keeps.

Three kinds of findings, all per line (docs/compliance.md):

- the promotion-code families of `data/compliance.json` — `inducement`,
  `prescriber-data` (统方), `off-label`, `claim`, `disparaging` — and
  `patient-identity`: phrases in context, one combined regular expression over
  the lower-cased note, then the family's allow-list, the negation list
  ("严禁回扣" is a reminder, not a breach) and the family's clearing context
  (an off-label question handed to the medical department) on the few lines
  that matched;
- `compliance`: the notebook's own `compliance_words` (settings);
- `personal-data`: phone numbers of every region and form (checked with
  `phonenumbers`, imported only when a line holds a candidate), e-mail
  addresses, messaging ids, identity-card numbers with a valid check digit
  (mainland, Hong Kong, Taiwan), bank cards, passports, home addresses and
  patients' names.

A line that ends with the marker `<!-- compliance-ok -->` (optionally naming
codes and a reason) is silenced: its findings come back with the level
`silenced`, which only `check --all` shows.

`mask(text)` replaces every personal-data and patient-identity span of a text
with `*` (`138****5678`), keeping its width, for what leaves the notebook.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

DATA = Path(__file__).resolve().parent.parent / "data" / "compliance.json"

SILENCED = "silenced"
FAMILIES = ("inducement", "prescriber-data", "off-label", "claim", "disparaging", "patient-identity")
PERSONAL = "personal-data"
OWN_WORDS = "compliance"
CODES = FAMILIES + (PERSONAL, OWN_WORDS)
# The kinds of personal data (the `what` of a personal-data finding).
KINDS = ("phone", "email", "messaging-id", "id-number", "bank-card", "passport", "address", "patient-name")

_MARKER = re.compile(r"(?:<!--|%%)\s*compliance-ok\b:?([^\n]*?)(?:-->|%%)")


class Hit(NamedTuple):
    line: int           # 1-based
    code: str
    word: str           # what was found, as written (personal data: the kind)
    start: int          # offsets in the whole text
    end: int


# ---------------------------------------------------------------- the rule data
@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def _one_line(pattern: str) -> str:
    """A pattern that cannot run across lines: gaps exclude the newline."""
    return pattern.replace("[^", "[^\\n").replace("\\s", "[^\\S\\n]")


def _any(patterns: Iterable[str]) -> re.Pattern | None:
    patterns = [p for p in patterns if p]
    return re.compile("|".join(f"(?:{_one_line(p)})" for p in patterns)) if patterns else None


class _Family(NamedTuple):
    code: str
    allow: re.Pattern | None
    clear: re.Pattern | None
    negate: bool


# ---------------------------------------------------------------- triggers
# Hundreds of patterns are not tried on every line. Each pattern has triggers: literal strings one
# of which every match contains (read from the pattern itself). One Aho-Corasick automaton of all
# triggers scans the note once; a pattern runs only on a line where one of its triggers occurs.
def _required(items) -> set[str] | None:
    """Strings one of which every match of the parsed sequence `items` contains (None: unknown)."""
    from re import _constants as C  # type: ignore[attr-defined]

    factors: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            factors.append({"".join(run)})
            run.clear()

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue                                    # zero-width: the literals around it are adjacent
        flush()
        found = None
        if op is C.SUBPATTERN:
            found = _required(av[-1])
        elif op is C.ATOMIC_GROUP:
            found = _required(av)
        elif op is C.BRANCH:
            parts = [_required(alt) for alt in av[1]]
            found = None if any(p is None for p in parts) else set().union(*parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            found = _required(av[2]) if av[0] >= 1 else None
        elif op is C.IN and len(av) <= 3 and all(o is C.LITERAL for o, _ in av):
            found = {chr(v) for _, v in av}
        if found:
            factors.append(found)
    flush()
    if not factors:
        return None
    return max(factors, key=lambda f: (min(map(len, f)), -len(f)))


def triggers(pattern: str) -> set[str] | None:
    from re import _parser  # type: ignore[attr-defined]

    return _required(_parser.parse(pattern))


def _automaton(words: tuple[str, ...]):
    """One Aho-Corasick automaton of all the triggers (ahocorasick-rs): a single pass over the note,
    where a regular expression of hundreds of alternatives tries them one by one at each letter."""
    if not words:
        return None
    from ahocorasick_rs import AhoCorasick

    return AhoCorasick(list(words))


class Rules:
    """The compiled families plus the notebook's additions (`compliance_words`, `compliance_allow`)."""

    def __init__(self, words: tuple = (), allow: tuple = ()):
        data = _data()
        self.families: list[_Family] = []
        self.patterns: list[tuple[re.Pattern, int]] = []       # (pattern, family index)
        self.by_trigger: dict[str, list[int]] = {}
        extra_by_family: dict[str, list[str]] = {}
        own = []
        for entry in words:
            entry = str(entry)
            family, _, word = entry.partition(":")
            if family.strip() in data["families"] and word.strip():
                extra_by_family.setdefault(family.strip(), []).append(word.strip().lower())
            elif entry.strip():
                own.append(entry.strip().lower())
        notebook_allow = [re.escape(a.strip().lower()) for a in allow if a.strip()]
        always: list[int] = []
        for index, (name, family) in enumerate(data["families"].items()):
            self.families.append(_Family(
                family.get("code", name),
                _any(list(family.get("allow", ())) + notebook_allow),
                _any(family.get("clear", ())),
                family.get("negate", True),
            ))
            for pattern in list(family["patterns"]) + [re.escape(w) for w in extra_by_family.get(name, ())]:
                number = len(self.patterns)
                self.patterns.append((re.compile(_one_line(pattern)), index))
                found = triggers(pattern)
                if found is None:
                    always.append(number)
                for trigger in found or ():
                    self.by_trigger.setdefault(trigger, []).append(number)
        self.always = tuple(always)
        self.triggers = tuple(self.by_trigger)                   # the automaton's pattern numbers
        self.scanner = _automaton(self.triggers)
        # the notebook's own words are looked for on their own, so a family's longer phrase never hides one
        self.own = re.compile("|".join(re.escape(w) for w in sorted(set(own), key=len, reverse=True))) if own else None
        self.own_allow = _any(notebook_allow)
        self.negation = _any(data["negation"])

    def _scheduled(self, lower: str, starts: list[int]) -> dict[int, set[int]]:
        """line -> the patterns to run on it."""
        todo: dict[int, set[int]] = {}
        if self.scanner is not None:
            by_trigger, names = self.by_trigger, self.triggers
            # every occurrence of every trigger, overlapping ones too ("prescription" holds "script")
            for number, start, _ in self.scanner.find_matches_as_indexes(lower, overlapping=True):
                line = bisect_right(starts, start)
                found = todo.get(line)
                if found is None:
                    todo[line] = found = set()
                found.update(by_trigger[names[number]])
        if self.always:
            for line in range(1, len(starts) + 1):
                todo.setdefault(line, set()).update(self.always)
        return todo

    def hits(self, text: str, lower: str, starts: list[int]) -> list[Hit]:
        out = []
        for line, numbers in self._scheduled(lower, starts).items():
            a = starts[line - 1]
            b = starts[line] - 1 if line < len(starts) else len(lower)
            here = lower[a:b]
            for number in sorted(numbers):
                pattern, index = self.patterns[number]
                family = self.families[index]
                for m in pattern.finditer(here):
                    s, e = m.start(), m.end()
                    if s == e:
                        continue
                    if family.allow is not None and _overlaps(family.allow, here, s, e):
                        continue
                    if family.negate and self.negation is not None and _negated(self.negation, here, s):
                        continue
                    if family.clear is not None and family.clear.search(here):
                        continue
                    out.append(Hit(line, family.code, text[a + s:a + e], a + s, a + e))
        if self.own is not None:
            for m in self.own.finditer(lower):
                line = _line_of(starts, m.start())
                a = starts[line - 1]
                here = lower[a:(starts[line] - 1 if line < len(starts) else len(lower))]
                if self.own_allow is None or not _overlaps(self.own_allow, here, m.start() - a, m.end() - a):
                    out.append(Hit(line, OWN_WORDS, text[m.start():m.end()], m.start(), m.end()))
        out.sort(key=lambda h: (h.start, h.end))
        return out


def _overlaps(pattern: re.Pattern, line: str, start: int, end: int) -> bool:
    return any(m.start() < end and m.end() > start for m in pattern.finditer(line))


def _negated(pattern: re.Pattern, line: str, start: int) -> bool:
    """A negation or policy phrase that begins before the hit and reaches it."""
    return any(m.start() < start < m.end() or (m.start() < start and m.end() == start)
               for m in pattern.finditer(line, 0, start + 1))


@lru_cache(maxsize=8)
def rules(words: tuple = (), allow: tuple = ()) -> Rules:
    return Rules(words, allow)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def _line_of(starts: list[int], pos: int) -> int:
    from bisect import bisect_right

    return bisect_right(starts, pos)


# ---------------------------------------------------------------- personal data
_WIDE = str.maketrans("０１２３４５６７８９＋（）－　Ｘｘ", "0123456789+()- Xx")
# Dates and times look like numbers: blanked before numbers are looked for.
# A run of 7 or more digits (single spaces or hyphens between them), from a run's first digit (the
# look-behind sits after the first character so the engine can skip to candidate digits).
_NUMBER = re.compile(
    r"[\d０-９](?<![\d０-９][\d０-９])(?:[ \-－)）]{0,2}[\d０-９]){6,20}(?:[ \-－]?[XxＸｘ](?![A-Za-z]))?")
# A date or a time at the start of a number run: not a number, cut off before the rest is read.
_DATE_HEAD = re.compile(r"(?:\d{4}[-/. ]\d{1,2}[-/. ]\d{1,2}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                        r"(?=\D|$))[ \-]?")
_ID_CONTEXT = re.compile(r"身份证|身份證|证件|id card|identity|nric|hkid", re.I)
_CARD_CONTEXT = re.compile(r"银行卡|卡号|账号|帐号|信用卡|借记卡|card|account", re.I)
_PHONE_CONTEXT = re.compile(
    r"电话|電話|手机|手機|座机|号码|號碼|热线|分机|致电|拨打|打给|联系方式|联系|tel\b|phone|mobile|cell|call|whatsapp|"
    r"contact|香港|新加坡|台湾|澳门|马来|hk\b|sg\b", re.I)
_UNIT_AFTER = re.compile(r"\s*(?:元|块|万|亿|支|盒|瓶|片|粒|袋|例|人|岁|次|天|mg|ml|μg|ug|g\b|%|％|个|张|台|件|份|箱|包|号楼|层)")
_REGIONS = ("HK", "SG", "TW", "MO", "MY", "US", "GB", "AU", "JP", "KR")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_MESSAGING_HINT = re.compile(r"微信|wechat|weixin|vx|wx|v信|qq|whatsapp|telegram|line id|skype|钉钉|飞书")
_MESSAGING = re.compile(
    r"(?:微信号?|微信id|微信账号|weixin|wechat(?: id)?|\bvx|\bwx|v信|qq号?|\bwhatsapp|\btelegram|\bline id|\bskype|钉钉号?|飞书号?)"
    r"[^\S\n]*(?P<sep>id|号码|账号|号|[:：是为]|is)?[^\S\n]*@?(?P<id>[a-z0-9][a-z0-9_.\-]{4,29})(?![a-z0-9_])"
    r"|\bwxid_[a-z0-9_]+")
_UPPER_DIGIT = re.compile(r"[A-Z]\d")
_NOT_DIGIT_X = re.compile(r"[^\dXx]")
_NOT_DIGIT = re.compile(r"\D")
_ID_MARK = re.compile(r"[\d_\-]")
_HKID = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2})(\d{6})[(（]?([0-9A])[)）]?(?![A-Za-z0-9])")
_TWID = re.compile(r"(?<![A-Za-z0-9])([A-Z])([12]\d{8})(?![A-Za-z0-9])")
_PASSPORT = re.compile(r"(?:护照|護照|passport)(?:号码|号|no\.?|number)?[^\S\n]*[:：#]?[^\S\n]*([A-Z]{1,2}\d{6,9})", re.I)
_ADDRESS = re.compile(
    r"(?:家住|家庭住址|家庭地址|住址|现住址|居住地址|现住|住在)[:：]?[^\n，。；;]{0,24}?"
    r"(?:\d+[^\S\n]*(?:号|栋|幢|座|单元|室|弄|巷|号院)|小区|花园|公寓|苑|新村|家园)"
    r"|[\d０-９]+[^\S\n]*(?:号楼|栋|幢|座)[^\S\n]*[\d０-９]+[^\S\n]*单元(?:[^\S\n]*[\d０-９]+[^\S\n]*(?:室|号)?)?"
    r"|[\d０-９]+[^\S\n]*单元[^\S\n]*[\d０-９]+[^\S\n]*(?:室|号)|[\d０-９]+弄[\d０-９]+号"
    r"|(?:home address|lives at|lives on|living at|resides at|residing at|address is|address:)[^\S\n]*[^\n]{0,12}?\d+"
    r"[^\n,.;]{0,40}", re.I)
_STREET = re.compile(r"\b\d{1,5}\s+(?:[A-Za-z]+\s+){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|boulevard|blvd|crescent|"
                     r"terrace|close|drive)\b\.?(?:[^\n,;]{0,20}\b(?:apt|apartment|flat|unit)\.?\s*#?\d+\w?)?", re.I)
_HOME = re.compile(r"\b(?:home|lives?|living|resid\w*|house|apartment|flat)\b")     # on the lower-cased text
_ADDRESS_HINT = re.compile(r"家住|住址|家庭地址|现住|住在|单元|弄|home address|lives|living at|resid|address")
_TITLES = ("女士", "先生", "阿姨", "大爷", "大妈", "奶奶", "爷爷", "老人", "老太", "小姐", "同志", "师傅", "某", "氏", "姓",
           "主任", "医生", "大夫", "院长", "老师", "教授", "护士", "药师", "经理", "总", "某某", "家属", "患者")


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, re.Pattern, re.Pattern, frozenset]:
    data = _data()
    surnames = data["surnames"]
    han = r"[\u4e00-\u9fff]"
    boundary = r"(?=[，,。、；;\s（()）:：]|男|女|[\d０-９]|岁|$)"
    names = re.compile(rf"(?:患者|病人|病患|患儿|病友|姓名|名叫|叫做|名字叫|名字是)[:：]?[^\S\n]*(?P<n>[{surnames}]{han}{{1,2}}){boundary}")
    by_age = re.compile(rf"(?P<n>[{surnames}]{han}{{1,2}})[，,、 ]*[男女][，,、 ]*[\d０-９]{{1,3}}[^\S\n]*岁")
    english = re.compile(
        r"(?:patient|Patient)(?:'s name(?: is|:)?| name(?:d|:)?| called| named)[^\S\n]+(?P<n>[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?)"
        r"|(?:patient|Patient),?[^\S\n]+(?P<n2>(?:Mr|Mrs|Ms|Miss)\.?[^\S\n]+[A-Z][a-z]+)"
        r"|(?:patient|Patient)[^\S\n]+(?P<n3>[A-Z][a-z]+[^\S\n]+[A-Z][a-z]+)(?=[^\S\n]*(?:,|\(|\d|aged|age\b))")
    return names, by_age, english, frozenset(data["not_names"].split("|"))


def _is_name(candidate: str, not_names: frozenset) -> bool:
    if any(candidate[1:].startswith(t) or candidate.endswith(t) for t in _TITLES):
        return False
    return not any(candidate[:n] in not_names for n in range(2, len(candidate) + 1))


def _id_ok(digits: str) -> bool:
    """A mainland resident identity number: 18 characters, a real birth date, ISO 7064 MOD 11-2 check."""
    if len(digits) != 18 or not digits[:17].isdigit() or digits[0] == "0":
        return False
    y, mo, d = int(digits[6:10]), int(digits[10:12]), int(digits[12:14])
    if not (1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31):
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(digits, weights))
    return "10X98765432"[total % 11] == digits[17].upper()


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _hkid_ok(letters: str, digits: str, check: str) -> bool:
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(c) for c in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


def _twid_ok(letter: str, digits: str) -> bool:
    codes = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
    n = codes.index(letter) + 10
    values = [n // 10, n % 10] + [int(c) for c in digits]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(v * w for v, w in zip(values, weights)) % 10 == 0


def _phone(number: str, line: str) -> bool:
    """Is `number` (ASCII) a phone number, of the mainland or, with a phone word on the line, of another region?"""
    import phonenumbers

    digits = _NOT_DIGIT.sub("", number)
    if not 7 <= len(digits) <= 15:
        return False
    candidates: list[tuple[str, str | None]] = []
    if number.startswith("+"):
        candidates.append((number, None))
    elif digits.startswith("00") and len(digits) > 9:
        candidates.append(("+" + digits[2:], None))
    else:
        candidates.append((number, "CN"))
        if _PHONE_CONTEXT.search(line):
            candidates += [(number, region) for region in _REGIONS]
    for text, region in candidates:
        try:
            parsed = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            kind = phonenumbers.number_type(parsed)
            if kind not in (phonenumbers.PhoneNumberType.TOLL_FREE, phonenumbers.PhoneNumberType.PREMIUM_RATE,
                            phonenumbers.PhoneNumberType.SHARED_COST):
                return True
    return False


def _ascii_neighbour(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return (before.isascii() and (before.isalnum() or before in "_/")) or (after.isascii() and after.isalpha())


def _numbers(text: str, line_at, hit) -> None:
    for m in _NUMBER.finditer(text):
        start, raw = m.start(), m.group(0).rstrip(" -－")
        if not start or (text[start - 1] not in "(（+＋" and not (start > 1 and text[start - 1] == " "
                                                                  and text[start - 2] in "+＋")):
            # most runs are a date (2026-11-27, 2026-11-27 09): nothing below could make one a number
            plain = raw.translate(_WIDE)
            head = _DATE_HEAD.match(plain)
            if head is not None and len(_NOT_DIGIT_X.sub("", plain[head.end():])) < 7:
                continue
        if start and text[start - 1] in "(（":                    # (010) 12345678
            start -= 1
            raw = text[start] + raw
        if start and text[start - 1] in "+＋" or start > 1 and text[start - 1] == " " and text[start - 2] in "+＋":
            start = start - 1 if text[start - 1] in "+＋" else start - 2
            raw = "+" + raw                                     # +852 9123 4567
        plain = raw.translate(_WIDE)
        digits = _NOT_DIGIT_X.sub("", plain)
        end = start + len(raw)
        if _ascii_neighbour(text, start, end):
            continue
        line = None
        if len(digits) == 18 and digits[:17].isdigit():
            line = line_at(start)
            if _id_ok(digits) or _ID_CONTEXT.search(line):     # a bad check digit counts where the line says "id"
                hit("id-number", start, end)
                continue
        head = _DATE_HEAD.match(plain) if not plain.startswith(("+", "(")) else None
        if head:                                   # "2026-11-27 13812345678": the date is not part of it
            start += head.end()
            plain = plain[head.end():]
            digits = _NOT_DIGIT_X.sub("", plain)
            if len(digits) < 7:
                continue
        if not digits.isdigit():
            continue
        line = line if line is not None else line_at(start)
        if len(digits) == 15 and _ID_CONTEXT.search(line):
            hit("id-number", start, end)
        elif 16 <= len(digits) <= 19 and _luhn(digits) and _CARD_CONTEXT.search(line):
            hit("bank-card", start, end)
        elif (plain.startswith("+") or not _UNIT_AFTER.match(text, end)) and _phone(plain.strip(), line):
            hit("phone", start, end)


def personal(text: str, starts: list[int] | None = None, lower: str | None = None) -> list[Hit]:
    """Every personal-data and patient-name span of `text`."""
    starts = starts if starts is not None else _line_starts(text)
    lower = lower if lower is not None else text.lower()
    out: list[Hit] = []

    def hit(kind: str, start: int, end: int) -> None:
        out.append(Hit(_line_of(starts, start), PERSONAL, kind, start, end))

    def line_at(pos: int) -> str:
        n = _line_of(starts, pos)
        return text[starts[n - 1]:(starts[n] if n < len(starts) else len(text))]

    _numbers(text, line_at, hit)
    if "@" in text or "＠" in text:
        for m in _EMAIL.finditer(text):
            hit("email", m.start(), m.end())
    if len(lower) == len(text) and _MESSAGING_HINT.search(lower):
        for m in _MESSAGING.finditer(lower):
            ident = m.group("id")
            if ident is None or m.group("sep") or _ID_MARK.search(ident):
                hit("messaging-id", m.start("id") if ident else m.start(), m.end())
    if _UPPER_DIGIT.search(text):
        for m in _HKID.finditer(text):
            if _hkid_ok(m.group(1), m.group(2), m.group(3)):
                hit("id-number", m.start(), m.end())
        for m in _TWID.finditer(text):
            if _twid_ok(m.group(1), m.group(2)):
                hit("id-number", m.start(), m.end())
    if "护照" in text or "護照" in text or "passport" in lower:
        for m in _PASSPORT.finditer(text):
            hit("passport", m.start(1), m.end(1))
    if _ADDRESS_HINT.search(lower):
        for m in _ADDRESS.finditer(text):
            hit("address", m.start(), m.end())
        if _HOME.search(lower):
            for m in _STREET.finditer(text):
                if _HOME.search(line_at(m.start()).lower()):
                    hit("address", m.start(), m.end())
    names, by_age, english, not_names = _names()
    for pattern, needed in ((names, None), (by_age, "岁"), (english, "atient")):
        if needed is not None and needed not in text:
            continue
        for m in pattern.finditer(text):
            group = m.lastgroup or "n"
            name = m.group(group)
            if not name.isascii() and not _is_name(name, not_names):
                continue
            hit("patient-name", m.start(group), m.end(group))
    return out


# ---------------------------------------------------------------- a whole note
def silenced_codes(line: str) -> frozenset[str] | None:
    """The codes a line's `compliance-ok` marker silences (all of them: CODES), or None without a marker."""
    m = _MARKER.search(line)
    if m is None:
        return None
    named = {w for w in re.split(r"[\s,，、;；]+", m.group(1).strip().lower()) if w in CODES}
    return frozenset(named) if named else frozenset(CODES)


def scan(text: str, words: tuple = (), allow: tuple = ()) -> list[tuple[int, str, dict, bool]]:
    """The findings of a note: (line, code, args, silenced), in line order, one per line and code
    (personal data: one per line and kind)."""
    starts = _line_starts(text)
    lower = text.lower()
    if len(lower) != len(text):      # a character whose lower case is longer: match the text as it is
        lower = text
    found: dict[tuple[int, str, str], tuple[int, str, dict]] = {}
    for h in rules(tuple(words), tuple(allow)).hits(text, lower, starts):
        key = (h.line, h.code, "")
        if key not in found:
            found[key] = (h.line, h.code, {"word": h.word})
    for h in personal(text, starts, lower if lower is not text else None):
        key = (h.line, h.code, h.word)
        if key not in found:
            found[key] = (h.line, h.code, {"what": h.word})
    marked = {}
    if "compliance-ok" in text:
        for n, start in enumerate(starts, 1):
            end = starts[n] if n < len(starts) else len(text)
            codes = silenced_codes(text[start:end])
            if codes is not None:
                marked[n] = codes
    order = {code: i for i, code in enumerate(CODES)}
    out = []
    for (line, code, kind), (_, _, args) in sorted(found.items(), key=lambda kv: (kv[0][0], order[kv[0][1]],
                                                                                  kv[0][2])):
        out.append((line, code, args, code in marked.get(line, ())))
    return out


def strip_marker(text: str) -> str:
    """A line without its `compliance-ok` marker."""
    return _MARKER.sub("", text).rstrip() if "compliance-ok" in text else text


# ---------------------------------------------------------------- masking
def _mask_span(s: str, kind: str) -> str:
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    if kind in ("phone", "id-number", "bank-card") and len(digits) >= 7:
        keep = set(digits[:3] + digits[-4:])
        return "".join(c if i in keep or not c.isdigit() else ("＊" if ord(c) > 0xff else "*")
                       for i, c in enumerate(s))
    if kind == "email":
        local, _, domain = s.replace("＠", "@").partition("@")
        return local[:1] + "*" * (len(local) - 1) + s[len(local)] + domain
    if kind == "patient-name":
        return s[:1] + "".join("＊" if ord(c) > 0xff else "*" for c in s[1:])
    if kind in ("messaging-id", "passport"):
        return s[:2] + "".join("*" if c.isalnum() else c for c in s[2:])
    # addresses, bed and admission numbers: every digit
    return "".join(("＊" if ord(c) > 0xff else "*") if c.isdigit() else c for c in s)


_IDENTITY_NUMBER = re.compile(r"[\d０-９][\d０-９A-Za-z\-]*")


def mask(text: str | None) -> str | None:
    """`text` with every personal-data span and every patient-identity number starred out (same width)."""
    if not text:
        return text
    spans = [(h.start, h.end, h.word) for h in personal(text)]
    lower = text.lower()
    if len(lower) == len(text):
        starts = _line_starts(text)
        for h in rules().hits(text, lower, starts):
            if h.code == "patient-identity":
                # the number after a bed / admission word, or the bed number itself
                tail = _IDENTITY_NUMBER.search(text, h.start, min(len(text), h.end + 24))
                if tail:
                    spans.append((tail.start(), tail.end(), "identity"))
    if not spans:
        return text
    out, last = [], 0
    for start, end, kind in sorted(spans):
        if start < last:
            start = last
        if start >= end:
            continue
        out.append(text[last:start])
        out.append(_mask_span(text[start:end], kind))
        last = end
    out.append(text[last:])
    return "".join(out)


MASKED_CODES = (PERSONAL, "patient-identity")


def flagged_paths(notebook) -> frozenset[str]:
    """The files with a personal-data or patient-identity finding (silenced ones too)."""
    return frozenset(p.source.path for p in tuple(notebook.problems) + tuple(getattr(notebook, "silenced", ()))
                     if p.code in MASKED_CODES)


def _mask_value(value):
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, tuple):
        return tuple(_mask_value(v) for v in value)
    return value


def mask_visit(v):
    from dataclasses import replace

    ae = v.adverse_event
    return replace(
        v,
        points=tuple(replace(p, text=mask(p.text)) for p in v.points),
        actions=tuple(replace(a, text=mask(a.text), label=mask(a.label)) for a in v.actions),
        adverse_event=replace(ae, description=mask(ae.description)) if ae is not None else None,
        next_text=mask(v.next_text),
        profile=_mask_value(v.profile),
    )


def mask_profile(p):
    from dataclasses import replace

    return replace(p, notes=mask(p.notes), fields=_mask_value(p.fields))


def mask_notebook(notebook):
    """The notebook as it may leave the machine: every note with a personal-data or patient-identity
    finding has its texts masked (points, actions, adverse events, next, profile fields and notes)."""
    from dataclasses import replace

    paths = flagged_paths(notebook)
    if not paths:
        return notebook
    visits = {id(v): (mask_visit(v) if v.source.path in paths else v) for v in notebook.visits}
    profiles = {id(p): (mask_profile(p) if p.source.path in paths else p) for p in notebook.profiles}

    def customer(c):
        masked = tuple(visits.get(id(v)) or (mask_visit(v) if v.source.path in paths else v) for v in c.visits)
        profile = c.profile_file
        if profile is not None:
            profile = profiles.get(id(profile)) or (mask_profile(profile) if profile.source.path in paths else profile)
        changes = tuple(replace(ch, old=_mask_value(ch.old), new=_mask_value(ch.new)) if ch.source.path in paths
                        else ch for ch in c.changes)
        return replace(c, visits=masked, profile_file=profile, changes=changes)

    return replace(notebook, visits=tuple(visits[id(v)] for v in notebook.visits),
                   profiles=tuple(profiles[id(p)] for p in notebook.profiles),
                   customers=tuple(customer(c) for c in notebook.customers))


# ---------------------------------------------------------------- adverse events
_AE_AGE = re.compile(
    r"[\d０-９一二三四五六七八九十两]+\s*(?:多)?(?:岁|周岁|月龄|个月大?|天大|歲)|(?:年龄|年纪|age[ds]?)\s*[:：]?\s*\d|"
    r"\d+\s*(?:-|\s)?(?:years?|yrs?|months?)(?:[- ]old)?|\d+\s*(?:yo|y/o|y\.o\.)\b|\b(?:aged?|in (?:his|her) \d0s)\b|"
    r"老年|老人|高龄|儿童|婴儿|幼儿|新生儿|青少年|成人|成年|孕妇|elderly|infant|child|toddler|adolescent|teenager|adult",
    re.I)
_AE_CONDITIONS = re.compile(
    r"病史|既往|患有|诊断|基础病|基础疾病|合并症|伴有|体健|无基础|无特殊病史|无其他疾病|"
    r"高血压|糖尿病|血脂|冠心病|心衰|心功能|房颤|肾病|肾功能|肾衰|肝病|肝功能|肝硬化|肝炎|肿瘤|癌|哮喘|慢阻肺|copd|"
    r"脑梗|卒中|中风|痛风|甲亢|甲减|骨质疏松|抑郁|癫痫|感染|肺炎|结核|贫血|过敏史|妊娠|"
    r"history|diagnosed|diagnosis|comorbid\w*|condition|diabet\w*|hypertens\w*|renal|kidney|hepatic|liver|cardiac|"
    r"heart failure|asthma|cancer|tumou?r|otherwise healthy|no prior|previously healthy|t2dm|ckd", re.I)
_AE_COMEDICATION = re.compile(
    r"合并(?:用药|使用|服用|口服)?|联用|合用|同服|并用|併用|加用|同时(?:服用|使用|口服|用)|正在服用|在服|在用|长期服用|"
    r"用药史|其他用药|未用其他药|无其他用药|无合并用药|未合并用药|单药|单用|"
    r"co-?medication|concomitant|also (?:taking|on)|together with|combined with|in combination|"
    r"no other (?:drugs?|medications?|medicines?)|monotherapy|taking \w+|on (?:metformin|insulin|aspirin|statins?)", re.I)


def adverse_missing(description: str, given: dict | None = None) -> tuple[str, ...]:
    """Of the patient's age, conditions and co-medication: what an adverse-event record does not say."""
    given = given or {}
    text = description or ""
    out = []
    if not given.get("age") and not _AE_AGE.search(text):
        out.append("age")
    if not given.get("conditions") and not _AE_CONDITIONS.search(text):
        out.append("conditions")
    if not given.get("co_medication") and not _AE_COMEDICATION.search(text):
        out.append("co-medication")
    return tuple(out)
