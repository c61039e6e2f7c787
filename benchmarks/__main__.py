"""Run every benchmark, or the ones named: python -m benchmarks [file_adapter refresh ...] [--national]."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> None:
    names = [a for a in argv if not a.startswith("-")]
    found = sorted(
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules(benchmarks.__path__)
        if m.name.startswith("bench_")
    )
    for name in names or found:
        if name not in found:
            raise SystemExit(f"no benchmark called {name!r}; there are: {', '.join(found)}")
        print(f"\n=== {name}")
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
