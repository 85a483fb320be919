"""One self-contained HTML page: each draft with its findings highlighted in place.

For people who would rather look than read, and who have never seen a rule code:
every flagged passage is a ``<mark>`` coloured by severity; hovering shows what is
wrong (a CSS tooltip, and the ``title`` attribute for screen readers and plain
browsers).  Above the drafts a summary in words counts the findings by kind of
problem (家族 and rule named in Chinese, severity as 错误/警告/提示), and each file
lists its findings as "第 3 行第 5 字", with the rule's Chinese name, the severity in
a word, "可自动修复" on those ``--fix`` repairs, and 页眉/页脚 on a Word document's
header and footer paragraphs.  Rule codes stay, small, for those who search for them.  No scripts, fonts or images are loaded from anywhere: the page works
offline and can be mailed as one file.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from ..escape import printable
from ..model import Diagnostic
from ..registry import FAMILY_NAMES
from . import STORY_NAMES, FileResult, ReportOptions

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}

CSS = """
:root { --err: #d93025; --warn: #e37400; --info: #1a73e8; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       sans-serif; margin: 0; background: #f6f7f9; color: #202124; }
header { background: #1f3a5f; color: #fff; padding: 16px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; opacity: .85; }
main { padding: 16px 32px 48px; max-width: 1100px; }
table.summary { border-collapse: collapse; background: #fff; margin: 8px 0 24px; }
table.summary th, table.summary td { border: 1px solid #dadce0; padding: 6px 14px; text-align: right; }
table.summary th:first-child, table.summary td:first-child { text-align: left; }
table.summary thead { background: #eef1f5; }
section.file { background: #fff; border: 1px solid #dadce0; border-radius: 6px; margin: 0 0 24px; }
section.file h2 { font-size: 17px; margin: 0; padding: 10px 16px; border-bottom: 1px solid #dadce0;
                  background: #fafbfc; }
section.file h2 .count { font-weight: normal; color: #5f6368; margin-left: 8px; }
.draft { padding: 10px 0; line-height: 2.0; font-size: 16px; }
.line { display: flex; white-space: pre-wrap; word-break: break-all; }
.line .no { flex: 0 0 56px; text-align: right; padding-right: 12px; color: #9aa0a6;
            user-select: none; font-size: 13px; }
.line .tx { flex: 1; padding-right: 16px; }
.line.hit { background: #fffbea; }
mark { position: relative; background: transparent; color: inherit; cursor: help;
       border-bottom: 3px solid var(--warn); background: rgba(227,116,0,.12); }
mark.error { border-bottom-color: var(--err); background: rgba(217,48,37,.14); }
mark.info { border-bottom-color: var(--info); background: rgba(26,115,232,.10); }
mark.point::before { content: "‸"; color: var(--err); }
mark:hover::after, mark:focus::after {
  content: attr(data-msg); position: absolute; left: 0; top: 100%; z-index: 10; margin-top: 4px;
  background: #202124; color: #fff; padding: 6px 10px; border-radius: 4px; font-size: 13px;
  line-height: 1.5; white-space: pre-wrap; width: max-content; max-width: 420px; }
ol.findings { margin: 0; padding: 10px 16px 12px 48px; border-top: 1px solid #dadce0;
              font-size: 14px; }
ol.findings li { margin: 2px 0; }
ol.findings a { color: inherit; }
.code { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: bold; }
.sev-error { color: var(--err); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
.clean { padding: 10px 16px; color: #188038; }
.sev { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px; color: #fff;
       margin-right: 6px; }
.sev.error { background: var(--err); } .sev.warning { background: var(--warn); }
.sev.info { background: var(--info); }
.fixable { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 3px;
           border: 1px solid #188038; color: #188038; margin-left: 6px; }
.rule { font-weight: bold; margin-right: 6px; }
.where { color: #5f6368; margin-right: 8px; }
.story { display: inline-block; font-size: 12px; padding: 0 5px; border-radius: 3px;
         background: #e8eaed; color: #3c4043; margin-right: 6px; }
.small-code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11px; color: #9aa0a6;
              margin-left: 6px; }
table.rules { border-collapse: collapse; background: #fff; margin: 0 0 24px; font-size: 14px; }
table.rules td, table.rules th { border: 1px solid #dadce0; padding: 4px 12px; text-align: left; }
table.rules td.n { text-align: right; }
p.legend { font-size: 13px; color: #5f6368; }
"""


def rule_title(code: str) -> str:
    """A rule's name in Chinese: the first sentence of its documentation, without its
    examples ("同一个汉字误输入两次"); the code when the rule is unknown."""
    from .. import registry

    rule = registry.get(code)
    if rule is None:
        return code
    title = _first_sentence(rule.summary)
    short = _drop_parentheses(title)
    title = short if len(short) >= 4 else title
    return title.strip("，；： ") or rule.name


def _esc(s: str) -> str:
    """Text for the page: control characters left out (see :func:`speechlint.escape.printable`)."""
    return html.escape(printable(s), quote=True)


def _shown(s: str) -> str:
    """Escape text for the page; make tabs, line breaks and masks visible but harmless.

    One character of the draft stays one character of the page (a control character
    becomes a space), so marks keep their places."""
    return _esc(_SPACES.sub(" ", s.replace("\x0b", "↵")))


#: Control characters of a draft line: shown as a space (see :func:`_shown`).
_SPACES = re.compile("[\x00-\x08\x0c-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _line_html(text: str, start: int, diags: list[tuple[int, Diagnostic]], anchor: str) -> str:
    """One line of the draft with its findings as nested-free ``<mark>`` segments."""
    end = start + len(text)
    cuts = {start, end}
    points: dict[int, list[tuple[int, Diagnostic]]] = {}
    for i, d in diags:
        a, b = max(d.span.start, start), min(d.span.end, end)
        if d.span.start == d.span.end or a >= b:
            points.setdefault(min(max(d.span.start, start), end), []).append((i, d))
            continue
        cuts.update((a, b))
    bounds = sorted(cuts)
    parts: list[str] = []
    for a, b in pairwise(bounds):
        for i, d in points.pop(a, []):
            parts.append(_mark("", [(i, d)], anchor, point=True))
        covering = [(i, d) for i, d in diags if d.span.start <= a and b <= d.span.end and d.span.start < d.span.end]
        seg = text[a - start : b - start]
        parts.append(_mark(seg, covering, anchor) if covering else _shown(seg))
    for _, plist in sorted(points.items()):
        for i, d in plist:
            parts.append(_mark("", [(i, d)], anchor, point=True))
    return "".join(parts)


def _mark(seg: str, covering: list[tuple[int, Diagnostic]], anchor: str, point: bool = False) -> str:
    rank = {"error": 0, "warning": 1, "info": 2}
    worst = min((d.severity for _, d in covering), key=lambda s: rank.get(s, 1))
    msg = "\n".join(f"{SEVERITY_NAMES.get(d.severity, d.severity)}：{d.message}"
                    f"{'（可自动修复）' if _fixable(d) else ''}" for _, d in covering)
    ids = " ".join(f"{anchor}-f{i}" for i, _ in covering)
    first = covering[0][0]
    cls = worst + (" point" if point else "")
    return (
        f'<mark id="{anchor}-m{first}" class="{cls}" tabindex="0" data-msg="{_esc(msg)}" '
        f'title="{_esc(msg)}" data-findings="{ids}">{_shown(seg)}</mark>'
    )


def _summary(results: Sequence[FileResult]) -> str:
    by_family: dict[str, Counter[str]] = {}
    codes: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for res in results:
        for d in res.diagnostics:
            fam = "".join(c for c in d.code if c.isalpha())
            by_family.setdefault(fam, Counter())[d.severity] += 1
            codes[d.code] += 1
            if _fixable(d):
                fixable[d.code] += 1
    rows = []
    total: Counter[str] = Counter()
    for fam in sorted(by_family):
        c = by_family[fam]
        total.update(c)
        name = FAMILY_NAMES.get(fam, fam)
        rows.append(
            f"<tr><td>{_esc(name)}<span class='small-code'>{_esc(fam)}</span></td>"
            f"<td>{c['error']}</td><td>{c['warning']}</td><td>{c['info']}</td>"
            f"<td><b>{sum(c.values())}</b></td></tr>"
        )
    rows.append(
        f"<tr><td><b>合计</b></td><td>{total['error']}</td><td>{total['warning']}</td>"
        f"<td>{total['info']}</td><td><b>{sum(total.values())}</b></td></tr>"
    )
    rule_rows = "".join(
        f"<tr><td>{_esc(FAMILY_NAMES.get(''.join(c for c in code if c.isalpha()), ''))}</td>"
        f"<td><span class='rule'>{_esc(rule_title(code))}</span>"
        f"<span class='small-code'>{_esc(code)}</span></td><td class='n'>{n} 处</td>"
        f"<td>{f'{fixable[code]} 处可自动修复' if fixable[code] else ''}</td></tr>"
        for code, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        "<table class='summary'><thead><tr><th>问题类别</th><th>错误</th>"
        "<th>警告</th><th>提示</th><th>合计</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
        + (f"<table class='rules'><thead><tr><th>类别</th><th>问题</th><th>数量</th><th></th></tr>"
           f"</thead><tbody>{rule_rows}</tbody></table>" if rule_rows else "")
        + "<p class='legend'>错误：须改正；警告：很可能有误，请核对；提示：供参考。"
          "标有“可自动修复”的，运行 <code>speechlint check --fix</code> 即可改正"
          "（Word 文件不会被改写，可用 <code>--annotate</code> 生成带批注的副本）。</p>"
    )


def _first_sentence(text: str) -> str:
    quoted = False
    for i, c in enumerate(text):
        if c in "“”":
            quoted = c == "“"
        elif c == "。" and not quoted:
            return text[:i]
    return text


def _drop_parentheses(text: str) -> str:
    """``text`` without its （…） groups (examples, lists), quotes inside them skipped."""
    out: list[str] = []
    depth = 0
    quoted = False
    for c in text:
        if c in "“”":
            quoted = c == "“"
        elif not quoted and c == "（":
            depth += 1
            continue
        elif not quoted and c == "）" and depth:
            depth -= 1
            continue
        if not depth:
            out.append(c)
    return "".join(out)


def _fixable(d: Diagnostic) -> bool:
    return d.fix is not None and d.fix.applicability == "safe"


def _file(res: FileResult, n: int) -> str:
    anchor = f"file{n}"
    diags = list(enumerate(res.diagnostics))
    para = res.location_kind == "paragraph"
    unit = "段" if para else "行"
    by_line: dict[int, list[tuple[int, Diagnostic]]] = {}
    idx = res.index
    for i, d in diags:
        first = idx.line_of(d.span.start)
        last = idx.line_of(max(d.span.start, d.span.end - 1)) if d.span.end > d.span.start else first
        for ln in range(first, last + 1):
            by_line.setdefault(ln, []).append((i, d))
    lines = []
    count = len(idx.starts)
    if count > 1 and idx.starts[-1] == len(res.text):
        count -= 1  # the empty "line" after a final line ending is not shown
    for ln in range(count):
        text = idx.line_text(ln)
        start = idx.starts[ln]
        hits = by_line.get(ln, [])
        body = _line_html(text, start, hits, anchor) if hits else _shown(text)
        lines.append(
            f'<div class="line{" hit" if hits else ""}" id="{anchor}-l{ln + 1}">'
            f'<span class="no">{_story_label(res, ln + 1)}{"¶" if para else ""}{ln + 1}</span>'
            f'<span class="tx">{body}</span></div>'
        )
    items = []
    for i, d in diags:
        line, col = res.position(d.span.start)
        story = STORY_NAMES.get(res.story_of(line), "") if res.stories else ""
        label = f'<span class="story">{story}</span>' if story else ""
        fix = '<span class="fixable">可自动修复</span>' if _fixable(d) else ""
        items.append(
            f'<li id="{anchor}-f{i}">{label}<a class="where" href="#{anchor}-m{i}">'
            f"第 {line} {unit}第 {col} 字</a>"
            f'<span class="sev {_esc(d.severity)}">{SEVERITY_NAMES.get(d.severity, d.severity)}</span>'
            f'<span class="rule">{_esc(rule_title(d.code))}</span>'
            f"{_esc(d.message)}{fix}<span class='small-code'>{_esc(d.code)}</span></li>"
        )
    findings = (
        f'<ol class="findings">{"".join(items)}</ol>'
        if items
        else '<div class="clean">未发现问题 / no findings</div>'
    )
    return (
        f'<section class="file" id="{anchor}"><h2>{_esc(res.path)}'
        f'<span class="count">{len(diags)} 处问题</span></h2>'
        f'<div class="draft">{"".join(lines)}</div>{findings}</section>'
    )


def _story_label(res: FileResult, line: int) -> str:
    story = STORY_NAMES.get(res.story_of(line), "") if res.stories else ""
    return f"{story} " if story else ""


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    from .. import __version__

    checked = [r for r in results if not r.error]
    total = sum(len(r.diagnostics) for r in checked)
    with_problems = sum(1 for r in checked if r.diagnostics)
    can_fix = sum(1 for r in checked for d in r.diagnostics if _fixable(d))
    fix_note = f"，其中 {can_fix} 处可自动修复" if can_fix else ""
    files = "".join(_file(r, n) for n, r in enumerate(checked, 1))
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>speechlint 检查报告（{total} 处问题）</title><style>{CSS}</style></head><body>"
        f"<header><h1>speechlint 检查报告</h1><p>检查了 {len(checked)} 个文件，"
        f"{with_problems} 个文件有问题，共 {total} 处问题{fix_note} · "
        f"speechlint {_esc(__version__)}</p></header><main>"
        f"<h2>汇总</h2>{_summary(checked)}{files}</main></body></html>\n"
    )
