"""Generate ``docs/rules/<CODE>.md`` from the rules' docstrings.

    python -m speechlint.docgen          # write the pages
    python -m speechlint.docgen --check  # exit 1 when a page is missing or stale

The docstring is the single source of the documentation (ruff's generate_docs);
CI runs the check so the pages never drift from the code.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import registry

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "docs" / "rules"

_FIX = {"none": "无 / none", "safe": "安全 / safe", "unsafe": "不安全 / unsafe", "sometimes": "视情况 / sometimes"}


def page(r: registry.Rule) -> str:
    body = r.doc.strip()
    summary, _, rest = body.partition("\n")
    return (
        f"# {r.code} {r.name}\n\n"
        f"{summary.strip()}\n\n"
        f"| 族 family | 默认级别 severity | 自动修复 fix | 范围 scope |\n|---|---|---|---|\n"
        f"| {r.family} | {r.severity} | {_FIX[r.fix]} | {r.scope} |\n\n"
        f"{_OPT_IN.format(code=r.code) if r.preview else ''}"
        f"{rest.strip()}\n"
    )


_OPT_IN = (
    "> **可选规则 / opt-in.** 默认不启用；用 `--extend-select {code}`（或配置文件的 `extend-select`）"
    "写出其代码启用。It is not in the default set; select it by its exact code.\n\n"
)


def index(rules: dict[str, registry.Rule]) -> str:
    lines = ["# 规则 / Rules\n", "| 代码 code | 名称 name | 说明 summary | 修复 fix |", "|---|---|---|---|"]
    for code, r in sorted(rules.items()):
        opt = "（可选 opt-in）" if r.preview else ""
        lines.append(f"| [{code}]({code}.md) | {r.name} | {opt}{r.summary} | {r.fix} |")
    return "\n".join(lines) + "\n"


def expected(rules: dict[str, registry.Rule]) -> dict[str, str]:
    files = {f"{code}.md": page(r) for code, r in rules.items()}
    files["README.md"] = index(rules)
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m speechlint.docgen")
    ap.add_argument("--check", action="store_true", help="fail when docs/rules is stale")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    rules = {c: r for c, r in registry.load_all().items()}
    want = expected(rules)
    stale = []
    for name, text in sorted(want.items()):
        path = args.out / name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(name)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    extra = sorted(p.name for p in args.out.glob("*.md") if p.name not in want) if args.out.exists() else []
    if args.check:
        if stale or extra:
            print(f"docs/rules is stale: {', '.join(stale + extra)}; run python -m speechlint.docgen", file=sys.stderr)
            return 1
        return 0
    for name in extra:
        (args.out / name).unlink()
    print(f"wrote {len(stale)} page(s), removed {len(extra)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
