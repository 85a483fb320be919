#!/usr/bin/env python3
"""Check an archive of drafts too big for one machine: speechlint over a Dask bag.

speechlint's library API is one pure function, ``speechlint.lint(text, config)``: no
I/O, no global state that changes, the same findings wherever it runs.  So an archive
is checked by mapping it over the drafts with any engine that distributes Python
functions -- here a Dask bag; docs/performance.md shows the same with a Spark RDD.

    # local: every core of this machine (processes)
    python examples/dask_archive.py 'archive/**/*.txt' --out findings.jsonl

    # a cluster: start a scheduler and workers with speechlint installed, then
    python examples/dask_archive.py 's3://bucket/drafts/*.txt' --scheduler tcp://host:8786

Each worker loads the rules once (``speechlint.lint`` keeps a prepared linter per
configuration) and then checks one draft after another.  The result is one JSON line
per finding (path, line, column, code, severity, message), the totals per code on
stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any


def findings(item: tuple[str, str], select: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The findings of one draft ``(path, text)`` as plain dicts (picklable, JSON-ready)."""
    import speechlint
    from speechlint.config import Config
    from speechlint.document import LineIndex

    path, text = item
    config = Config().with_overrides(select=select) if select else None
    diags = speechlint.lint(text, config, filetype="md" if path.endswith(".md") else "txt", path=path)
    index = LineIndex(text)
    out = []
    for d in diags:
        line, col = index.line_col(d.span.start)
        out.append({"path": path, "line": line + 1, "column": col + 1, "code": d.code,
                    "severity": d.severity, "message": d.message})
    return out


def check_bag(drafts: Any, select: tuple[str, ...] = ()) -> Any:
    """A Dask bag of ``(path, text)`` pairs -> a bag of findings (lazy)."""
    _ship_by_value()
    return drafts.map(findings, select=select).flatten()


def _ship_by_value() -> None:
    """Workers need only speechlint installed, not this file: send its functions by value."""
    mod = sys.modules.get(findings.__module__)
    if mod is None or mod.__name__ == "__main__":
        return  # cloudpickle sends __main__'s functions by value already
    try:
        import cloudpickle

        cloudpickle.register_pickle_by_value(mod)
    except (ImportError, ValueError):
        pass


def read_drafts(pattern: str, partitions: int | None = None) -> Any:
    """A bag of ``(path, text)`` pairs for every file matching ``pattern`` (local or remote)."""
    import dask.bag as db
    from fsspec import open_files

    files = open_files(pattern, mode="rb")
    paths = [f.path for f in files]

    def load(i: int) -> tuple[str, str]:
        from speechlint.io import decode  # BOM, UTF-8, GB18030: as the command line reads

        with files[i] as fh:
            raw = fh.read()
        return paths[i], decode(raw, paths[i]).text

    return db.from_sequence(range(len(files)), npartitions=partitions or None).map(load)


def lint_all(items: Iterable[tuple[str, str]], *, scheduler: str = "processes",
             select: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Check ``(path, text)`` pairs with Dask and return every finding (small archives, tests)."""
    import dask.bag as db

    bag = db.from_sequence(list(items), npartitions=None)
    return list(check_bag(bag, select).compute(scheduler=scheduler))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pattern", help="glob or URL of the drafts (fsspec: local, s3://, hdfs://, ...)")
    ap.add_argument("--out", default="-", help="JSON lines of findings (default: stdout)")
    ap.add_argument("--select", default="", help="codes or prefixes, as `speechlint check --select`")
    ap.add_argument("--partitions", type=int, help="number of partitions (default: Dask's choice)")
    ap.add_argument("--scheduler", default="processes",
                    help="processes, threads, synchronous, or a dask.distributed address")
    args = ap.parse_args(argv)
    select = tuple(c.strip().upper() for c in args.select.split(",") if c.strip())
    bag = check_bag(read_drafts(args.pattern, args.partitions), select)
    if "://" in args.scheduler:
        from dask.distributed import Client  # pip install "dask[distributed]"

        client = Client(args.scheduler)
        results: Iterator[dict[str, Any]] = iter(bag.compute())
        client.close()
    else:
        results = iter(bag.compute(scheduler=args.scheduler))
    counts: dict[str, int] = {}
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for f in results:
            counts[f["code"]] = counts.get(f["code"], 0) + 1
            out.write(json.dumps(f, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    for code, n in sorted(counts.items()):
        print(f"{code}\t{n}", file=sys.stderr)
    return 1 if counts else 0


if __name__ == "__main__":
    raise SystemExit(main())
