"""The built-in rules' messages in English, as a catalogue instead of in every rule.

The rules write their messages in Chinese (the users' language); for a run in English
(:mod:`speechlint.i18n`) :func:`translate` matches each message against its rule's
patterns below and rewrites it, keeping the quoted draft text (“要要”) as it is.  A
message no pattern knows (a rule pack's, or a rule changed without its entry here)
stays Chinese; ``tests/test_i18n.py`` runs every rule's examples in English and checks
that each message is translated.  The explanations some messages end with (WRD003's
reason, from the rule data) are left out in English: the rule's documentation has them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_Q = r"(“.*?”)"  # a quoted draft passage (checks.quote)
_P = r"(「.*?」)"  # a quoted punctuation mark (checks.pun._q)
_ANY = r"(.+?)"

_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}


def _count(word: str) -> str:
    """一 .. 九十九 as digits (the counts NUM009 writes); anything else as it is."""
    if word.isdigit():
        return word
    if len(word) == 1 and word in _NUMERALS:
        return str(_NUMERALS[word])
    tens, _, ones = word.partition("十")
    if _ and all(c in _NUMERALS for c in tens + ones):
        return str((_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0))
    return word


def _announced(m: re.Match[str]) -> str:
    where = m.group("where").replace("至", " to ").replace("和", " and ")
    only = "only " if m.group("only") else ""
    return f"{m.group(1)} is announced, but {only}{_count(m.group('n'))} follow below ({where})"


_RAW: dict[str, list[tuple[str, str | Callable[[re.Match[str]], str]]]] = {
    "DOC001": [
        (f"发文字号年份{_Q}应用六角括号：{_Q}", r"the year \1 of a document number takes hexagonal brackets: \2"),
        (f"发文字号年份{_Q}应标全称（四位）", r"the year \1 of a document number should be written in full (four digits)"),
        (f"发文顺序号前不加“第”：{_Q}", r"no “第” before the serial number: \1"),
        (f"发文顺序号{_Q}不编虚位，应为{_Q}", r"the serial number \1 takes no leading zeros; should be \2"),
    ],
    "DOC002": [
        (f"成文日期{_Q}应用阿拉伯数字：{_Q}", r"the date of issue \1 should use Arabic numerals: \2"),
        (f"成文日期{_Q}应写作{_Q}", r"the date of issue \1 should be written \2"),
    ],
    "DOC003": [(f"附件名称后不加标点：删除{_Q}", r"no punctuation after an attachment's name: delete \1")],
    "DOC004": [(f"标题{_Q}末尾不加句号", r"the heading \1 takes no full stop at its end")],
    "DUP001": [(f"{_Q}疑为重复，应为{_Q}", r"\1 looks typed twice; should be \2")],
    "DUP002": [(f"{_Q}疑为重复，应为{_Q}", r"\1 looks typed twice; should be \2")],
    "DUP003": [(f"标点{_Q}重复，应为{_Q}", r"punctuation \1 repeated; should be \2")],
    "FIG001": [
        (f"全角数字{_Q}应为半角{_Q}", r"full-width digits \1 should be half-width \2"),
        (f"全文的阿拉伯数字用了全角（共(\\d+)处，如{_Q}），应为半角",
         r"the draft writes its Arabic digits full-width (\1 times, such as \2); they should be half-width"),
    ],
    "FIG002": [(f"日期中的{_Q}不应补零，应为{_Q}", r"\1 in a date takes no leading zero; should be \2")],
    "FIG003": [(f"数值范围{_Q}省略了前一个数的单位，有歧义，应为{_Q}",
                r"the range \1 leaves out the first number's unit, which is ambiguous; should be \2")],
    "FIG004": [(f"概数{_Q}中间不用顿号，应为{_Q}",
                r"the approximate number \1 takes no enumeration comma; should be \2")],
    "FIG005": [(f"{_Q}中阿拉伯数字与汉字数位混写，应全用阿拉伯数字或全用汉字",
                r"\1 mixes Arabic digits and Chinese place words; use digits only or Chinese numerals only")],
    "FIG006": [(f"年份{_Q}中的{_Q}应为汉字数字“〇”", r"\2 in the year \1 should be the Chinese numeral “〇”")],
    "FIG007": [(f"年份{_Q}不应简写，应写出完整的四位年份", r"the year \1 should not be shortened; write all four digits")],
    "NUM": [
        (f"{_Q}位于{_Q}之下，却接续了上一部分的编号；每个上级标题下应从{_Q}重新编号",
         r"\1 under \2 continues the previous part's numbering; under each heading numbering restarts at \3"),
        (f"序号{_Q}有误，按前后顺序应为{_Q}", r"the number \1 is wrong; in sequence it should be \2"),
        (f"{_Q}之前缺少{_ANY}(等)?，序号不连续", r"\2 missing before \1: the numbering has a gap"),
        (f"序号{_Q}重复，应为{_Q}", r"the number \1 is repeated; should be \2"),
        (f"序号{_Q}出现在{_Q}之后，顺序颠倒", r"the number \1 comes after \2: out of order"),
        (f"{_Q}出现在上级标题{_Q}之前，下级标题应位于上级标题之下",
         r"\1 comes before its parent heading \2; a lower-level heading belongs under its parent"),
        (f"{_Q}之下直接使用{_Q}，跳过了{_ANY}一级", r"\2 directly under \1 skips the level \3"),
        (f"标题序号{_Q}是一个合成字符，应写作{_Q}", r"the heading number \1 is one composed character; write it \2"),
        (f"标题序号{_Q}应写作{_Q}", r"the heading number \1 should be written \2"),
        (f"括号序号{_Q}后不加标点，应为{_Q}", r"no punctuation after the bracketed number \1; should be \2"),
        (f"标题序号{_Q}缺少左括号，应为{_Q}", r"the heading number \1 lacks its opening bracket; should be \2"),
        (f"标题序号{_Q}的括号应为全角，应为{_Q}", r"the brackets of the heading number \1 should be full-width: \2"),
        (f"{_Q}之前没有{_Q}，序号不完整", r"no \2 before \1: the series is incomplete"),
        (f"{_Q}重复，应为{_Q}", r"\1 is repeated; should be \2"),
        (f"{_Q}重复", r"\1 is repeated"),
        (f"{_Q}出现在{_Q}之后，顺序颠倒", r"\1 comes after \2: out of order"),
        (f"同一组列举混用了{_Q}与{_Q}，应统一为{_Q}", r"one series mixes \1 and \2; use \3 throughout"),
        (f"同一组列举混用了{_Q}与{_Q}，应统一用同一套序次语", r"one series mixes \1 and \2; use one kind of ordinal throughout"),
        (f"{_Q}与同组其他序次语的标点不一致，应为{_Q}", r"\1 is punctuated unlike the rest of its series; should be \2"),
        (f"{_Q}，但下面(?P<only>只)?列出了(?P<n>[一二两三四五六七八九十百\\d]+)[^（]*（(?P<where>.+)）", _announced),
    ],
    "PH": [
        (f"{_Q}疑为未填写的占位符，请填写实际内容", r"\1 looks like an unfilled placeholder; fill in the real content"),
        (f"{_Q}疑为未填写的空白，请填写实际内容", r"\1 looks like an unfilled blank; fill in the real content"),
        (f"{_Q}疑为模板或下载站残留，请删除", r"\1 looks like residue of a template or download site; delete it"),
        (f"{_Q}位于文首的模板残留行之间，疑为下载站或广告残留，请删除",
         r"\1 lies between template residue lines at the top: likely download-site or advertising residue; delete it"),
    ],
    "PUN": [
        (f"{_P}内再用{_P}，内层应改用{_P}", r"\1 used again inside \2; the inner pair should be \3"),
        (f"{_P}没有配对的{_P}，在{_P}之前就结束了，请补上或删去", r"\1 has no matching \2 before \3; add it or delete the mark"),
        (f"{_P}没有配对的{_P}，请补上或删去", r"\1 has no matching \2; add it or delete the mark"),
        (f"{_P}与后面的{_P}不配对：应为{_P}或{_P}，请改正", r"\1 does not pair with the \2 after it: should be \3 or \4"),
        (f"{_P}前面没有配对的{_P}，请补上或删去", r"\1 has no matching \2 before it; add it or delete the mark"),
        (f"中文里的半角{_Q}应为全角{_Q}", r"half-width \1 in Chinese text should be full-width \2"),
        (f"中文里的半角{_Q}应为{_Q}", r"half-width \1 in Chinese text should be \2"),
        (f"半角括号{_Q}与全角括号混配，应为全角{_Q}", r"half-width bracket \1 paired with a full-width one; should be full-width \2"),
        (f"半角括号{_Q}用在中文里，应为全角{_Q}", r"half-width bracket \1 in Chinese text; should be full-width \2"),
        (f"中文中间多余的空格{_Q}，应删去", r"stray space \1 inside Chinese text; delete it"),
        (f"行尾多余的空格{_Q}，应删去", r"space \1 at the end of the line; delete it"),
        (f"省略号{_Q}应为{_Q}", r"the ellipsis \1 should be \2"),
        (f"破折号{_Q}应为{_Q}", r"the dash \1 should be \2"),
        (f"并列的引号之间不用顿号：{_P}应为{_P}", r"no enumeration comma between quoted items: \1 should be \2"),
        (f"并列的书名号之间不用顿号：{_P}应为{_P}", r"no enumeration comma between titles: \1 should be \2"),
        (f"中文里的半角引号「\"」应为{_P}", r"the half-width quotation mark 「\"」 in Chinese text should be \1"),
        ("中文里的半角引号「\"」应改为全角引号“”（本行个数为奇数，请核对）",
         ("the half-width quotation marks 「\"」 in Chinese text should be full-width “” "
          "(this line has an odd number of them: check them)")),
    ],
    "WRD001": [(f"{_Q}中“的”后是动词或介词，前面是状语，应为“地”：{_Q}",
                r"in \1 an adverbial precedes a verb or preposition: “的” should be “地”: \2")],
    "WRD002": [(f"{_Q}中动词后接补语，“的”应为“得”：{_Q}", r"in \1 a complement follows the verb: “的” should be “得”: \2")],
    "WRD003": [(f"{_Q}应为{_Q}(：.*)?", r"\1 should be \2")],
    "WRD004": [(f"{_Q}与本文多数写法{_Q}（(\\d+) 处）不一致，应统一为{_Q}(：.*)?",
                r"\1 differs from the form this draft mostly uses, \2 (\3 times); use \4 throughout")],
    "WRD006": [(f"{_Q}在此处疑为{_Q}之误(：.*)?", r"\1 here is probably a slip for \2")],
    "WRD007": [(f"{_Q}疑为同音字之误，应为{_Q}", r"\1 is probably a homophone slip for \2")],
    "WRD005": [
        (f"{_Q}应为规范表述{_Q}(：.*)?", r"\1 should be the standard formulation \2"),
        (f"“{_ANY}”的顺序应为{_Q}(：.*)?", r"the order of “\1” should be \2"),
    ],
}

_CATALOGUE: dict[str, list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]] = {
    key: [(re.compile(p, re.DOTALL), en) for p, en in entries] for key, entries in _RAW.items()
}


def _entries(code: str) -> list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]:
    return _CATALOGUE.get(code) or _CATALOGUE.get(code.rstrip("0123456789"), [])


def translate(code: str, message: str) -> str:
    """``message`` of rule ``code`` in English; unchanged when the catalogue does not know it."""
    for pattern, en in _entries(code):
        m = pattern.fullmatch(message)
        if m:
            out = en(m) if callable(en) else m.expand(en)
            return out.replace("”、“", "”, “")
    return message


def known(code: str, message: str) -> bool:
    return any(p.fullmatch(message) for p, _ in _entries(code))
