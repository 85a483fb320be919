"""The last line of a text report: what was checked, what was found, what ``--fix`` can do.

``检查了 3 个文件，2 个文件有问题，共 5 处问题（其中 3 处标有 [*]，可用 --fix 修复）`` --
files checked, files with problems, problems, and how many of them the safe fixes repair
(the findings marked ``[*]``).  After ``--fix`` the line says how many findings the fixes
made go away (:attr:`speechlint.engine.FixResult.repaired`, the number the check's ``[*]``
promised) and what is left.  When something could not be checked the line says so instead
of suggesting that all is well (never "0 problems" after an error).
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .report import FileResult


def fixable(results: Sequence[FileResult]) -> int:
    """Findings that ``--fix`` repairs: those with a safe fix (marked ``[*]``)."""
    return sum(1 for r in results for d in r.diagnostics
               if d.fix is not None and d.fix.applicability == "safe")


def line(results: Sequence[FileResult], errors: int = 0, fixed: tuple[int, int] | None = None,
         language: str = "zh") -> str:
    """The summary line; ``fixed`` is (findings repaired, files written) after ``--fix``."""
    en = language == "en"
    checked = len(results)
    problems = sum(len(r.diagnostics) for r in results)
    with_problems = sum(1 for r in results if r.diagnostics)
    can_fix = fixable(results)
    parts: list[str] = []
    if fixed is not None and fixed[1]:
        n, files = fixed
        parts.append(f"fixed {_n(n, 'problem')} in {_n(files, 'file')}" if en
                     else f"已修复 {n} 处（{files} 个文件）")
    if checked:
        if en:
            head = f"checked {_n(checked, 'file')}: "
            if not problems:
                body = "no problems" + (" left" if parts else "")
            else:
                body = f"{_n(problems, 'problem')}{' left' if parts else ''} in {_n(with_problems, 'file')}"
                if can_fix:
                    body += f" ({can_fix} marked [*] can be fixed with --fix)"
        else:
            head = f"检查了 {checked} 个文件，"
            if not problems:
                body = "没有剩余问题" if parts else "未发现问题"
            else:
                body = f"{with_problems} 个文件{'仍' if parts else ''}有问题，共 {problems} 处"
                body += "剩余问题" if parts else "问题"
                if can_fix:
                    body += f"（其中 {can_fix} 处标有 [*]，可用 --fix 修复）"
        parts.append(head + body)
    if errors:
        parts.append(f"{_n(errors, 'error')} (see above)" if en else f"{errors} 个错误（见上方）")
        if not checked:
            parts.append("no file was checked" if en else "没有检查任何文件")
    elif not checked:
        parts.append("no file to check" if en else "没有要检查的文件")
    return ("; " if en else "；").join(parts)


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
