"""speechlint.segment: jieba's segmentation and tags without importing jieba.

The data files must be what the generator makes of the installed jieba, and the results
must be jieba's own -- token for token, and so every DUP and WRD decision -- on stretches
of the seeds and the clean corpus (when present) and on invented strings.  jieba stays
a dependency for the generator and for these comparisons only.
"""

from __future__ import annotations

import json
import logging
import random
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import speechlint
from speechlint import segment
from speechlint.checks.wrd import common as wrd_common
from speechlint.config import Config
from speechlint.data import family_data
from speechlint.document import HAN

from .conftest import CLEAN, ROOT, SEEDS, positions

DRAFT = ROOT / "examples" / "draft.txt"

Tokens = Callable[[str], tuple[tuple[int, int, int], ...]]
Tags = Callable[[str], tuple[segment.Tagged, ...]]


# ------------------------------------------------------------------- jieba itself
@pytest.fixture(scope="module")
def jieba_tokens() -> Tokens:
    """``tokens()`` as speechlint computed it with jieba before (HMM off)."""
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()

    @cache
    def tokens(text: str) -> tuple[tuple[int, int, int], ...]:
        out = []
        pos = 0
        for tok in tk.cut(text, HMM=False):
            out.append((pos, pos + len(tok), int(tk.FREQ.get(tok, 0) or 0)))
            pos += len(tok)
        return tuple(out)

    return tokens


@pytest.fixture(scope="module")
def jieba_tags() -> Tags:
    """``pos_tags()`` as speechlint computed it with jieba before (jieba.posseg, HMM on)."""
    pytest.importorskip("jieba")
    posseg = pytest.importorskip("jieba.posseg")
    logging.getLogger("jieba").setLevel(logging.WARNING)

    @cache
    def tags(text: str) -> tuple[segment.Tagged, ...]:
        out = []
        pos = 0
        for pair in posseg.dt.cut(text):
            out.append((pos, pos + len(pair.word), pair.word, pair.flag))
            pos += len(pair.word)
        return tuple(out)

    return tags


# --------------------------------------------------------------------- texts
#: Invented strings: Latin letters, digits and symbols jieba joins or splits, blanks,
#: characters outside jieba's Han range (〇, extension A and B), traditional characters
#: (absent from the HMM's state table), names and rare words the HMM has to find.
INVENTED = [
    "",
    "要",
    "各级领导干部要要带头做好表率",
    "我们要要牢牢把握发展机遇，我们我们必须认真研究研究",
    "领导干部要要求自己，深入学习习近平新时代中国特色社会主义思想",
    "改进工作作风，确保保值增值，请各乡镇乡镇长参加",
    "推动高质量高质量发展，这个问题要研究研究",
    "AT&T和c++、C#与B超，3.5%-x  要\u3000好〇〇㐀㐀𠮷𠮷",
    "iPhone15发布会定在2026年9月1日，GDP增长5.2%，PM2.5下降",
    "abc def 123 4.5.6 a-b_c #tag 100%的的",
    "\r\n换行\n测试\t制表",
    "王小明和李晓华在北京大学读书，张三丰去了武当山",
    "說話個別傳統字體的處理與優化",
    "我们也清醒的看到差距，要坚定不移的在党的领导下推进改革",
    "工作抓的紧，落实的好，嘴上承诺的好，成效比预期的好",
    "以更加清醒的认识、更加坚决的态度推进工作，认真的学习了文件",
    "的的的的的，一一二二三三，要" + "要" * 40,
    "全面从严治党向纵深发展，持之以恒正风肃纪，驰而不息纠治四风",
    "坚持不懈的抓好落实，积极主动的向群众宣传，扎实的推进措施",
]


def _real_texts() -> list[str]:
    """The seeds and the clean corpus when present (never copied into the project)."""
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    files += sorted(CLEAN.glob("*.txt")) if CLEAN.is_dir() else []
    return [f.read_text(encoding="utf-8") for f in files] + [DRAFT.read_text(encoding="utf-8")]


_HAN_RUN = re.compile(f"[{HAN}]+")
_CLAUSE = re.compile(f"[^{re.escape(wrd_common.CLAUSE_END)}]+")


def _dup_texts() -> Iterator[str]:
    """Clauses with a character or a word typed twice (a sample of every position)."""
    rng = random.Random(8)
    for text in [*_real_texts(), *INVENTED]:
        for m in _HAN_RUN.finditer(text):
            run = m.group(0)
            for i in range(len(run)):
                n = rng.choice((1, 1, 1, 2, 2, 3, 4))
                if i + n <= len(run) and rng.random() < 0.2:
                    yield run[max(0, i - 10) : i + n] + run[i : i + n + 10]
        yield from (m.group(0) for m in _CLAUSE.finditer(text))


def _wrd_texts() -> Iterator[str]:
    """Clauses around 的/地/得 (each turned into 的), and adverbial + 的 + what follows."""
    rng = random.Random(9)
    data = family_data("WRD")
    adverbials = sorted(data["WRD001"].adverbials)
    complements = sorted(data["WRD002"].complements)
    clauses = [m.group(0) for t in [*_real_texts(), *INVENTED] for m in _CLAUSE.finditer(t)]
    for c in clauses:
        for m in re.finditer("[的地得]", c):
            yield c[: m.start()] + "的" + c[m.end() :]
    starts = [(c, i) for c in clauses for i in range(len(c))]
    for _ in range(1500):
        (c, i), (c2, j) = rng.choice(starts), rng.choice(starts)
        yield c[max(0, i - 6) : i] + rng.choice(adverbials) + "的" + c2[j : j + rng.randint(1, 10)]
        yield c[max(0, i - 6) : i] + "的" + rng.choice(complements) + "，"


# ------------------------------------------------------------------ the data
def test_data_files_are_what_the_generator_makes_of_the_installed_jieba() -> None:
    pytest.importorskip("jieba")
    for name, text in segment.generate().items():
        committed = segment.rules_file(name).read_text(encoding="utf-8")
        same = committed == text  # not `assert a == b`: pytest would diff megabytes
        assert same, f"rules/{name} is stale: run `python -m speechlint.segment`"


def test_a_line_is_found_by_bisection() -> None:
    keys = ["1", "A", "c", "一", "丁", "要", "𠮷"]  # sorted by code point, as the files are
    data = ("# header\n# total 3\n" + "".join(f"{k}\tline of {k}\n" for k in keys)).encode()
    lines = segment._SortedLines(data, b"# ")
    for k in keys:
        assert lines.get(k) == f"{k}\tline of {k}"
    for missing in ["0", "B", "z", "丂", "𠮶", "#", "\U0010ffff"]:
        assert lines.get(missing) is None
    assert list(lines.header()) == ["# header", "# total 3"]
    assert segment._SortedLines(b"# only a header\n", b"# ").get("a") is None


def test_dictionary_as_jieba_reads_it() -> None:
    d = segment.dictionary()
    assert d.total > 50_000_000
    assert d.freq("要求") > 10_000 and d.tag("要求") == "v"
    assert d.freq("要带头") == 3  # rare words are kept: they change jieba's route
    assert d.freqs("要")["要带"] == 0  # a prefix of a word, not a word itself
    assert d.freq("要要") == 0 and d.tag("要要") is None
    assert d.freq("AT&T") > 0


# ------------------------------------------------------- the same as jieba
def _first_differences(pairs: Iterator[tuple[str, Any, Any]], limit: int = 5) -> list[tuple[str, Any, Any]]:
    return [p for p, _ in zip((p for p in pairs if p[1] != p[2]), range(limit), strict=False)]


def test_tokens_are_jieba_s(jieba_tokens: Tokens) -> None:
    texts = sorted(set(_dup_texts()))
    assert len(texts) > len(INVENTED)
    diff = _first_differences((t, jieba_tokens(t), segment.tokens(t)) for t in texts)
    assert diff == []


def test_tags_are_jieba_s(jieba_tags: Tags) -> None:
    texts = sorted(set(_wrd_texts()) | set(INVENTED))
    diff = _first_differences((t, jieba_tags(t), segment.pos_tags(t)) for t in texts)
    assert diff == []


def _findings(texts: list[str], select: tuple[str, ...]) -> list[list[tuple[int, int, str, str]]]:
    config = Config(select=select)
    return [[(d.span.start, d.span.end, d.code, d.message) for d in speechlint.lint(t, config)] for t in texts]


def test_dup_decisions_are_those_made_with_jieba(jieba_tokens: Tokens, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = sorted(set(_dup_texts()))
    ours = _findings(texts, ("DUP001", "DUP002"))
    assert sum(map(len, ours)) > 100  # the sample holds slips the segmentation must decide
    monkeypatch.setattr(segment, "tokens", jieba_tokens)
    theirs = _findings(texts, ("DUP001", "DUP002"))
    assert _first_differences(zip(texts, theirs, ours, strict=True)) == []


def test_wrd_decisions_are_those_made_with_jieba(jieba_tags: Tags, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = sorted(set(_wrd_texts()) | set(INVENTED))
    ours = _findings(texts, ("WRD001", "WRD002"))
    assert sum(map(len, ours)) > 100
    monkeypatch.setattr(segment, "pos_tags", jieba_tags)
    theirs = _findings(texts, ("WRD001", "WRD002"))
    assert _first_differences(zip(texts, theirs, ours, strict=True)) == []


# ----------------------------------------------------------- never jieba
@pytest.mark.parametrize("name", ["draft", "seed 000"])
def test_checking_a_draft_with_defects_never_imports_jieba(name: str, tmp_path: Path) -> None:
    if name == "draft":
        path, expected = DRAFT, {"DUP001", "DUP002", "WRD001"}
    else:
        matches = sorted(SEEDS.glob("000*.txt")) if SEEDS.is_dir() else []
        if not matches:
            pytest.skip("../shared/seeds/000* is not present")
        path, expected = matches[0], {"DUP001", "WRD001"}
    code = (
        "import json, sys\n"
        "import speechlint.cli\n"
        "from speechlint.cli import main\n"
        "speechlint.cli._exit_now = sys.exit  # the command line ends the process: stay to look\n"
        f"sys.argv = ['speechlint', 'check', '--isolated', '--format', 'json', {str(path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "from speechlint import segment\n"
        "print(json.dumps(['jieba' in sys.modules, segment.loaded()[0]]), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=True)
    jieba_imported, dictionary_loaded = json.loads(done.stderr.strip().splitlines()[-1])
    found = [(f["line"], f["column"], f["code"]) for f in json.loads(done.stdout)]
    assert found == positions(path.read_text(encoding="utf-8"))
    assert expected <= {c for _, _, c in found}
    assert dictionary_loaded and not jieba_imported


def test_the_lexicon_is_read_one_first_character_at_a_time() -> None:
    lex = segment.Lexicon(segment._load(segment.LEXICON_FILE))
    assert "要求" in lex and "学习" in lex and "要要" not in lex
    assert "要" not in lex and "" not in lex and "\ud800丁" not in lex and 3 not in lex
    assert set(lex._blocks) == {"要", "学", "\ud800"}  # only the lines asked for were parsed
    assert len(lex) == len(set(lex)) > 10_000
    assert segment.Lexicon(None) == frozenset() and "要求" not in segment.Lexicon(None)
