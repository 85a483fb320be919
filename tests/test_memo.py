"""speechlint.memo.remember_last: the last result, its first key compared by identity."""

from __future__ import annotations

from collections.abc import Callable

from speechlint.memo import remember_last


def _counting() -> tuple[list[tuple[str, int]], Callable[[str, int], list[int]]]:
    calls: list[tuple[str, int]] = []

    @remember_last(lambda text, n: (text, n))
    def length_plus(text: str, n: int) -> list[int]:
        calls.append((text, n))
        return [len(text) + n]

    return calls, length_plus


def test_same_object_and_equal_settings_return_the_remembered_result() -> None:
    calls, f = _counting()
    text = "要要落实" * 3
    first = f(text, 1)
    assert f(text, 1) is first
    assert calls == [(text, 1)]


def test_other_settings_or_an_equal_but_different_text_are_computed_again() -> None:
    calls, f = _counting()
    text = "要要落实"
    same_value = text[:2] + text[2:]
    assert same_value == text and same_value is not text
    f(text, 1)
    f(text, 2)
    f(same_value, 2)
    assert len(calls) == 3


def test_only_the_last_call_is_kept() -> None:
    calls, f = _counting()
    a, b = "甲" * 5, "乙" * 5
    f(a, 0)
    f(b, 0)
    f(a, 0)
    assert [t for t, _ in calls] == [a, b, a]


def test_the_decorated_function_keeps_its_name_and_docstring() -> None:
    @remember_last(lambda x: (x,))
    def documented(x: str) -> str:
        """Documented."""
        return x

    assert documented.__name__ == "documented" and documented.__doc__ == "Documented."


def test_the_engine_and_the_report_share_one_line_index_of_a_text() -> None:
    """The line starts of a checked file are computed once for its document and its report
    (both read the same text object); an edited text gets its own."""
    from speechlint.document import Document, LineIndex
    from speechlint.report import FileResult

    text = "同志们：\n要要落实好。\r\n抓好落实\r最后一行"
    doc = Document.from_text(text)
    report = FileResult("a.txt", text)
    assert report.index.starts is doc.index.starts == (0, 5, 13, 18)
    edited = text.replace("要要", "要")
    assert LineIndex(edited).starts == (0, 5, 12, 17)
    assert doc.index.starts == (0, 5, 13, 18)  # the first text's are unchanged
