"""One language per run: Chinese by default, English with ``--language en`` or
``language = "en"`` in the configuration.

The text a run prints comes from three places, each translated here, at the edge, by a
catalogue rather than in every module:

* ``--help``: the help strings are written in English in :mod:`speechlint.cli` and looked
  up in :data:`HELP` for Chinese (:func:`help_text`);
* error and note lines: written in English where they arise (``io``, ``docx``, the CLI)
  and turned into Chinese by :data:`MESSAGES` (:func:`localize_line`; the ``error:`` and
  ``note:`` tags stay, as the format tools read); a message the catalogue does not know is
  left in English;
* the summary and the ``--fix`` lines are written for both languages
  (:mod:`speechlint.summary`, :func:`fixed_line`).

The findings' own messages are Chinese (the rules write them); in English they are
translated by the catalogue of :mod:`speechlint.messages_en` (applied by the engine, see
:func:`findings_language`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

LANGUAGES = ("zh", "en")
_current = "zh"
_run: str | None = None  # the language a CLI run chose; None: each configuration's own


def set_language(language: str, run: bool = True) -> None:
    """The language of this run (``run``: also of its findings, over the configurations')."""
    global _current, _run
    _current = language if language in LANGUAGES else "zh"
    _run = _current if run else None


def findings_language(config_language: str) -> str:
    """The language of the findings: the run's, else the configuration's (the language
    server has no run language: a configuration's ``language = "en"`` applies there)."""
    return _run or config_language


def language() -> str:
    return _current


def language_from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--language`` among ``argv`` (None when absent)."""
    for i, arg in enumerate(argv):
        if arg == "--language" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--language="):
            return arg.split("=", 1)[1]
    return None


def language_for_run(argv: Sequence[str]) -> str:
    """``--language``, else ``SPEECHLINT_LANGUAGE``, else the ``language`` of the
    configuration found from the current folder (``--config FILE`` when given), else zh."""
    value = language_from_argv(argv) or os.environ.get("SPEECHLINT_LANGUAGE")
    if value in LANGUAGES:
        return value
    if "--isolated" in argv:
        return "zh"
    try:
        from . import configfile

        config_file = None
        for i, arg in enumerate(argv):
            if arg == "--config" and i + 1 < len(argv):
                config_file = argv[i + 1]
            elif arg.startswith("--config="):
                config_file = arg.split("=", 1)[1]
        config = configfile.load(config_file) if config_file else configfile.discover(".")
        return config.language if config.language in LANGUAGES else "zh"
    except Exception:  # noqa: BLE001 - a broken configuration is reported by the run itself
        return "zh"


# ------------------------------------------------------------------------ --help
#: English help text -> Chinese.
HELP: dict[str, str] = {
    "linter for Chinese official speech drafts": "讲话稿、公文草稿检查工具",
    "show this help and exit": "显示本帮助并退出",
    "show the version and exit": "显示版本号并退出",
    "commands": "命令",
    "arguments": "参数",
    "options": "选项",
    "usage: ": "用法：",
    "check files and folders": "检查文件或文件夹",
    "list every rule": "列出全部规则",
    "explain a rule": "显示规则说明",
    "start the language server on stdio": "启动语言服务器（stdio）",
    "a rule code (DUP001)": "规则代码（如 DUP001）",
    "files, folders, or - for stdin": "文件、文件夹，或 - 表示标准输入",
    "enable codes or prefixes (NUM,PUN001)": "启用的规则代码或前缀（如 NUM,PUN001）",
    "enable more codes": "追加启用的规则代码",
    "disable codes or prefixes": "停用的规则代码或前缀",
    "output format: text, json, sarif, github, junit, html": "输出格式：text、json、sarif、github、junit、html",
    "use this configuration file instead of discovering one": "使用此配置文件，不再查找",
    "ignore every configuration file": "忽略一切配置文件",
    "apply the configuration's exclude to files named on the command line too (for pre-commit)":
        "命令行上写出的文件也按配置的 exclude 排除（供 pre-commit 使用）",
    "worker processes for many files (default: number of CPUs; no effect with --fix, --diff, --annotate)":
        "文件很多时的工作进程数（默认为 CPU 数；对 --fix、--diff、--annotate 不起作用）",
    "write a copy of the checked .docx with each finding as a Word comment":
        "另存一份被检查的 .docx，每处问题一条 Word 批注",
    "show the source line with a marker under each finding": "在每处问题下显示原文并标出位置",
    "do not show the source lines": "不显示原文",
    "name used for stdin in reports": "报告中标准输入使用的文件名",
    "apply safe fixes in place": "就地进行安全修复",
    "also apply unsafe fixes": "同时进行不安全的修复",
    "print a diff of the fixes; write nothing": "打印修复的差异，不写入文件",
    "exit 1 when --fix changed a file, even if nothing remains (pre-commit fixers)":
        "--fix 改动了文件时退出码为 1，即使没有剩余问题（供 pre-commit 使用）",
    "count findings per code": "按规则代码统计问题数",
    "exit 0 even with findings": "有问题时退出码也为 0",
    "print findings only, no summary": "只输出问题，不输出汇总",
    "report larger files instead of checking them (default 20MB; 0: no limit)":
        "超过此大小的文件报错而不检查（默认 20MB；0 表示不限）",
    "tracebacks of internal errors, for bug reports": "内部错误时输出调用栈，供报告缺陷",
    "language of the output: zh (default) or en": "输出语言：zh（默认）或 en",
}


def help_text(text: str) -> str:
    """``text`` (English) in the run's language; a bilingual ``中文 / English`` text is cut
    to its half in the run's language."""
    zh, sep, en = text.partition(" / ")
    if sep and _has_han(zh) and not _has_han(en):
        return zh if _current == "zh" else en
    return HELP.get(text, text) if _current == "zh" else text


def _has_han(s: str) -> bool:
    """Does ``s`` hold a character of U+4E00-U+9FFF?  A test in Python, not a regex class of
    that range: re's compiler visits each of its 21,000 characters at every start, for a few
    short help strings."""
    return any("\u4e00" <= c <= "\u9fff" for c in s)


# ------------------------------------------------------------ errors and notes
#: Descriptions of binary formats (:data:`speechlint.io.MAGIC`) in Chinese.
_WHAT = {
    "PNG image": "PNG 图片", "JPEG image": "JPEG 图片", "GIF image": "GIF 图片",
    "PDF document": "PDF 文档", "ZIP archive": "ZIP 压缩包", "gzip archive": "gzip 压缩包",
    "RAR archive": "RAR 压缩包", "7z archive": "7z 压缩包", "ELF executable": "ELF 可执行文件",
    "Windows executable": "Windows 可执行文件", "binary data (NUL bytes)": "二进制数据（含 NUL 字节）",
    "OLE2 document (.doc/.xls or encrypted .docx)": "OLE2 文档（.doc/.xls 或加密的 .docx）",
}
_LIMIT_HINT = "；可用 --max-file-size 或配置项 max-file-size 调高"

#: (English message, Chinese) -- ``\\1`` ... refer to the pattern's groups; a group named
#: ``what`` is itself looked up in :data:`_WHAT`, one named ``inner`` in this catalogue.
#: Patterns as text: a run that reports no error compiles none (compiling the 53 at import
#: took ~6 ms of every run).
MESSAGES: list[tuple[str, str]] = [
    (r"no such file", "文件不存在"),
    (r"broken symbolic link", "符号链接指向的文件不存在"),
    (r"permission denied", "没有读取权限"),
    (r"is a directory", "是文件夹，不是文件"),
    (r"not a regular file, skipped", "不是普通文件，已跳过"),
    (r"not a regular file; not written", "不是普通文件，未写入"),
    (r"not a regular file", "不是普通文件"),
    (r"file is read-only; not written", "文件只读，未写入"),
    (r"out of memory while reading the Word document", "读取 Word 文档时内存不足"),
    (r"out of memory while reading", "读取时内存不足"),
    (r"cannot read folder: (.*)", r"无法读取文件夹：\1"),
    (r"cannot read: (.*)", r"无法读取：\1"),
    (r"cannot write: (.*); file unchanged", r"无法写入：\1；文件未改动"),
    (r"cannot write: (.*)", r"无法写入：\1"),
    (r"changed on disk since it was read; not written", "读取之后文件已被改动，未写入"),
    (r"already fixed \(by another process\); not written again", "已由另一个进程修复，未重复写入"),
    ((r"file too large \(([\d,]+) bytes; the limit is ([\d,]+) bytes, "
         r"raise it with --max-file-size or max-file-size\)"), r"文件过大（\1 字节，上限 \2 字节" + _LIMIT_HINT + "）"),
    ((r"file too large \(more than the limit; the limit is ([\d,]+) bytes, "
         r"raise it with --max-file-size or max-file-size\)"), r"文件过大（上限 \1 字节" + _LIMIT_HINT + "）"),
    (r"not a text file \((?P<what>.*)\), skipped", r"不是文本文件（\g<what>），已跳过"),
    (r"not a text file \((?P<what>.*)\); UTF-16 needs a byte-order mark",
     r"不是文本文件（\g<what>）；UTF-16 文件须带字节顺序标记（BOM）"),
    (r"not a text file \((?P<what>.*)\)", r"不是文本文件（\g<what>）"),
    (r"cannot decode: not UTF-8 \(invalid byte at (\d+)\), not GB18030/GBK, no UTF-16 byte-order mark",
     r"无法解码：不是 UTF-8（第 \1 字节无效），不是 GB18030/GBK，也没有 UTF-16 字节顺序标记"),
    (r"cannot decode: not UTF-8, and not plausible GB18030 text", "无法解码：不是 UTF-8，也不像 GB18030 文本"),
    (r"cannot decode as (\S+) \(byte (\d+)\)", r"无法按 \1 解码（第 \2 字节）"),
    (r"cannot encode the fixed text as (\S+): (.*)", r"修复后的文字无法按 \1 编码：\2"),
    ((r"Word document too large: (?P<inner>.*) \(the limit is ([\d,]+); "
         r"raise it with --max-file-size or max-file-size\)"), r"Word 文档过大：\g<inner>（上限 \2" + _LIMIT_HINT + "）"),
    (r"more than ([\d,]+) paragraphs", r"超过 \1 个段落"),
    (r"more than ([\d,]+) XML elements", r"超过 \1 个 XML 元素"),
    (r"more than ([\d,]+) bytes of text", r"文字超过 \1 字节"),
    (r"its XML parts inflate to ([\d,]+) bytes", r"其 XML 部件解压后共 \1 字节"),
    (r"part (\S+) inflates to more than ([\d,]+) bytes", r"部件 \1 解压后超过 \2 字节"),
    (r"corrupt or unreadable Word document \((.*)\)", r"Word 文档损坏或无法读取（\1）"),
    (r"not a Word \.docx file \(not a ZIP package\)", "不是 Word .docx 文件（不是 ZIP 包）"),
    (r"password-protected \(encrypted\) Word document or old \.doc format; save it as \.docx without a password",
     "有密码保护（加密）的 Word 文档，或旧的 .doc 格式；请另存为不设密码的 .docx"),
    (r"cannot read Word document: (.*)", r"无法读取 Word 文档：\1"),
    (r"cannot annotate: its part (\S+) declares a DOCTYPE .*",
     (r"无法批注：其部件 \1 声明了 DOCTYPE（实体引用），Word 文档从不需要它，批注后的副本不会是合法的 XML。"
      r"请在 Word 中另存后再批注")),
    (r"cannot annotate: part (\S+) would not be well-formed XML \((.*)\); nothing written",
     r"无法批注：部件 \1 写出后不是合法的 XML（\2），未写入"),
    (r"--annotate must write a new file, not the checked document \(nor a link to it\)",
     "--annotate 必须写入新文件，不能是被检查的文档或指向它的链接"),
    (r"--annotate FILE takes one \.docx; give a folder for several",
     "--annotate 文件只对应一个 .docx；多个文件请给文件夹"),
    (r"no \.docx file was checked; nothing annotated", "没有检查任何 .docx 文件，未生成批注"),
    (r"--fix/--diff do not change \.docx files \(use --annotate OUT\.docx\)",
     "--fix/--diff 不改动 .docx 文件（请用 --annotate 输出.docx）"),
    (r"symbolic link loop \(back to an enclosing folder\), not followed", "符号链接循环（指回上层文件夹），未跟随"),
    (r"symbolic link loop, not followed", "符号链接循环，未跟随"),
    (r"rule (\S+) failed: (.*)", r"规则 \1 出错：\2"),
    (r"internal error: (.*)", r"内部错误：\1"),
    (r"unknown rule code or prefix (.*) \(see 'speechlint rules'\)", r"未知的规则代码或前缀 \1（见 speechlint rules）"),
    (r"unknown rule (.*) \(see 'speechlint rules'\)", r"未知的规则 \1（见 speechlint rules）"),
    (r"unknown format (.*); expected one of: (.*)", r"未知的输出格式 \1；可用：\2"),
    (r"configuration file not found", "配置文件不存在"),
    (r"cannot read configuration: (.*)", r"无法读取配置文件：\1"),
    (r"configuration is not UTF-8", "配置文件不是 UTF-8 编码"),
    (r"invalid TOML: (.*)", r"TOML 格式错误：\1"),
    (r"rule pack not found or unreadable: (.*)", r"规则包不存在或无法读取：\1"),
]


def translate(message: str) -> str:
    """An English message in the run's language (unchanged in English, or when unknown)."""
    if _current != "zh":
        return message
    for pattern, zh in MESSAGES:
        m = re.fullmatch(pattern, message)  # compiled (and kept by re) when first needed
        if m:
            groups = m.groupdict()
            out = m.expand(zh)
            if groups.get("what"):
                out = out.replace(groups["what"], _WHAT.get(groups["what"], groups["what"]), 1)
            if groups.get("inner"):
                out = out.replace(groups["inner"], translate(groups["inner"]), 1)
            return out
    return message


def localize_line(line: str) -> str:
    """``path: error: message`` / ``path: note: message`` with the message translated."""
    if _current != "zh":
        return line
    for tag in (": error: ", ": note: "):
        head, sep, rest = line.partition(tag)
        if sep:
            return head + sep + translate(rest)
    return line


def fixed_line(name: str, count: int) -> str:
    """The line ``--fix`` prints for each file it wrote."""
    return f"{name}: fixed {count}" if _current == "en" else f"{name}: 已修复 {count} 处"
