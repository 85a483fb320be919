"""rules/wrd_confusables.txt, tested like code (as codespell tests its dictionary).

Every entry is a form that is wrong wherever it stands, so WRD003 reports it without a
context pattern: the list must be sorted, free of duplicates and cycles, give a reason
and a source for every entry, and never hit correct text -- neither a word of jieba's
dictionary nor anything in the shared official corpora (skipped when absent).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import speechlint
from speechlint.checks.wrd.words import load_confusables
from speechlint.config import Config
from speechlint.data import family_data, rules_dir
from speechlint.errors import RuleDataError

from .conftest import SHARED

FILE = rules_dir() / "wrd_confusables.txt"
SOURCES = {"GF 1001-2001", "《咬文嚼字》100个常见别字", "《咬文嚼字》年度十大语文差错", "常见错别字"}
WRD003 = Config(select=("WRD003",))


def _rows() -> list[tuple[int, list[str]]]:
    rows = []
    for n, line in enumerate(FILE.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            rows.append((n, line.split("\t")))
    return rows


def _jieba_words() -> dict[str, int]:
    words = {}
    for line in (rules_dir() / "jieba_dict.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        first, *rests = line.split("\t")
        for rest in rests:
            tail, freq, _tag = rest.split(" ")
            words[first + tail] = int(freq)
    return words


def test_every_line_has_wrong_right_source_and_reason() -> None:
    for n, parts in _rows():
        assert len(parts) == 4, (n, parts)
        wrong, right, source, reason = parts
        assert wrong and right and reason.strip(), n
        assert source in SOURCES, (n, source)
        if source == "GF 1001-2001":
            assert "异形词" in reason, (n, reason)


def test_the_list_is_large_and_loads() -> None:
    entries = load_confusables(FILE)
    assert len(entries) >= 1000
    assert family_data("WRD")["WRD003"].confusables == FILE.name


def test_sorted_without_duplicates() -> None:
    wrongs = [parts[0] for _, parts in _rows()]
    assert wrongs == sorted(wrongs)
    assert len(wrongs) == len(set(wrongs))


def test_no_entry_corrects_to_itself_and_no_cycles() -> None:
    data = family_data("WRD")["WRD003"]
    wrongs = {e.wrong for e in data.all_entries}
    for e in data.all_entries:
        assert e.wrong != e.right, e.wrong
        assert e.right not in wrongs, f"{e.wrong} -> {e.right}, itself a wrong form"
        assert e.wrong not in e.right, e.wrong


def test_no_overlap_with_the_entries_that_need_context() -> None:
    data = family_data("WRD")["WRD003"]
    in_yaml = {e.wrong for e in data.entries}
    assert not in_yaml & {parts[0] for _, parts in _rows()}


def test_wrong_forms_are_not_part_of_correct_words() -> None:
    """A wrong form inside a dictionary word that is right (规戒 in 清规戒律) is a false alarm."""
    words = _jieba_words()
    table = {parts[0]: parts[1] for _, parts in _rows()}
    bad = []
    for wrong, right in table.items():
        assert words.get(wrong, 0) < 20, f"{wrong} is a common word in jieba's dictionary"
        for w, freq in words.items():
            if freq >= 3 and wrong in w and w != wrong and w.replace(wrong, right) not in words:
                bad.append((wrong, w))
    assert not bad


#: Short forms are kept only when two dictionary words are unlikely to meet across them: the
#: expected number of junctions per million tokens, summed over the form's cut points, of
#: (share of tokens ending with the left part) x (share starting with the right part), from
#: jieba's word frequencies.  The highest kept today is just under this bound.
JUNCTIONS_PER_MILLION = 0.12


def _junction_rate(words: dict[str, int]) -> Callable[[str], float]:
    """The estimate above for any form, from ``words`` (word -> frequency)."""
    total = sum(words.values())
    ends: dict[str, int] = {}
    starts: dict[str, int] = {}
    for w, f in words.items():
        for k in range(1, min(len(w), 3) + 1):
            ends[w[-k:]] = ends.get(w[-k:], 0) + f
            starts[w[:k]] = starts.get(w[:k], 0) + f

    def rate(form: str) -> float:
        return sum(ends.get(form[:k], 0) / total * starts.get(form[k:], 0) / total for k in range(1, len(form))) * 1e6

    return rate


def test_short_wrong_forms_are_unlikely_across_a_word_boundary() -> None:
    """按装 would be no word of its own, but 按 + 装箱 meet in running text: a two- or
    three-character form is listed only when such junctions are rare by jieba's frequencies."""
    rate = _junction_rate(_jieba_words())
    assert rate("按装") > JUNCTIONS_PER_MILLION  # the estimate does see junctions
    risky = {form: round(rate(form), 3) for _, (form, *_rest) in _rows() if len(form) <= 3}
    assert not {form: r for form, r in risky.items() if r > JUNCTIONS_PER_MILLION}


def test_the_rights_are_words() -> None:
    words = _jieba_words()
    missing = [parts[1] for _, parts in _rows() if parts[1] not in words]
    # a handful of correct forms are missing from jieba's dictionary; none may be a typo
    assert len(missing) <= 60, missing


@pytest.mark.parametrize("corpus", ["official", "clean"])
def test_no_wrong_form_occurs_in_the_shared_corpora(corpus: str) -> None:
    folder = SHARED / "corpus" / corpus
    if not folder.is_dir():
        pytest.skip(f"../shared/corpus/{corpus}/ is not present")
    wrongs = [parts[0] for _, parts in _rows()]
    hits = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        hits += [(path.name, w) for w in wrongs if w in text]
    assert not hits


def test_wrd003_reports_a_listed_form_with_a_safe_fix() -> None:
    text = "同志们要再接再砺，编者案如下，工作不能马糊。\n"
    found = speechlint.lint(text, WRD003)
    assert [(text[d.span.start : d.span.end], d.fix and d.fix.applicability) for d in found] == [
        ("再接再砺", "safe"),
        ("编者案", "safe"),
        ("马糊", "safe"),
    ]
    assert "GF 1001-2001" in found[1].message
    assert speechlint.fix(text, WRD003).text == "同志们要再接再厉，编者按如下，工作不能马虎。\n"


def test_the_issue_examples_are_reported_with_their_fix() -> None:
    """The four forms issue 13 names (再接再励, 迫不急待, 按装, 一愁莫展), in invented sentences."""
    text = "新设备月底前按装到位。大家要再接再励，遇到难题不能一愁莫展，也不要迫不急待地下结论。\n"
    found = speechlint.lint(text, WRD003)
    assert [(text[d.span.start : d.span.end], d.fix and d.fix.applicability) for d in found] == [
        ("按装", "safe"),
        ("再接再励", "safe"),
        ("一愁莫展", "safe"),
        ("迫不急待", "safe"),
    ]
    assert speechlint.fix(text, WRD003).text == (
        "新设备月底前安装到位。大家要再接再厉，遇到难题不能一筹莫展，也不要迫不及待地下结论。\n"
    )
    # 按 before a word that starts with 装 is no slip
    assert not speechlint.lint("上网电价按装机容量分档核定。\n", WRD003)


def test_forms_of_the_yaowenjiaozi_lists_are_reported() -> None:
    """Every form credited to 《咬文嚼字》 is found in an invented sentence and fixed to its right form."""
    for _, (wrong, right, source, _reason) in _rows():
        if not source.startswith("《咬文嚼字》"):
            continue
        text = f"文中写了“{wrong}”。\n"
        assert speechlint.fix(text, WRD003).text == f"文中写了“{right}”。\n", wrong


def test_a_malformed_line_names_the_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "wrd_confusables.txt"
    f.write_text("# header\n再接再砺\t再接再厉\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"wrd_confusables.txt:2: expected wrong, right"):
        load_confusables(f)
    f.write_text("马糊\t马糊\tGF 1001-2001\t理由\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r":1: .*maps to itself"):
        load_confusables(f)
    f.write_text("马虎\t马虎眼\tGF 1001-2001\t理由\n马糊\t \tGF 1001-2001\t理由\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"wrd_confusables.txt:2: expected wrong, right"):
        load_confusables(f)  # a field of spaces only is empty
