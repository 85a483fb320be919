"""Chinese numerals, one home for the table: 一 … 九十九 read, and numbers written out.

Used by the heading outline (``outline``), Word's list numbering (``docx``) and the DOC
date checks (``checks/doc``).
"""

from __future__ import annotations

#: The digits, each at its value (〇 = 0).
DIGITS = "〇一二三四五六七八九"
#: Each digit character, the other forms of zero included, -> its value.
VALUES: dict[str, int] = {c: i for i, c in enumerate(DIGITS)} | {"○": 0, "零": 0, "O": 0, "０": 0}


def value(s: str) -> int | None:
    """一 … 九 (one digit) or … 十 … (十, 十二, 二十, 九十九) -> the number; None otherwise."""
    if not s:
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = VALUES.get(tens, -1) if tens else 1
        o = VALUES.get(ones, -1) if ones else 0
        if t < 0 or o < 0 or len(tens) > 1 or len(ones) > 1:
            return None
        return t * 10 + o
    return VALUES.get(s) if len(s) == 1 else None


def write(n: int, digits: str = "零一二三四五六七八九", units: str = "十百千") -> str:
    """``n`` written out: 12 → 十二, 20 → 二十, 105 → 一百零五, 110 → 一百一十 (0 → 零;
    10,000 and above in Arabic digits).  ``digits`` and ``units`` may be the financial
    forms (零壹贰…, 拾佰仟)."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    s = str(n)
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        place = len(s) - i - 1
        if d == 0:
            zero = True
            continue
        if zero and parts:
            parts.append(digits[0])
        zero = False
        if not (d == 1 and place == 1 and not parts):  # 十一, not 一十一
            parts.append(digits[d])
        if place:
            parts.append(units[place - 1])
    return "".join(parts)
