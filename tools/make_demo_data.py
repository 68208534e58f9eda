"""Regenerate the shipped demo data in data/raw from the published figures.

Deterministic: the same code writes the same bytes, and a test checks that the
committed files equal a fresh run. Each data set has its own module in
``tools/demo/`` with a ``generate(out: Path) -> list[Path]`` function.

Usage::

    python tools/make_demo_data.py --out data/raw [--only pulse feedback]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Data set -> generator module in tools/demo/.
GENERATORS = {
    "pulse": "demo.pulse",
    "feedback": "demo.feedback",
    "materiality": "demo.materiality",
    "followup": "demo.followup",
}


def generate(out: Path, only: list[str] | None = None) -> list[Path]:
    """Write every (or the named) demo data set under ``out``; return the files written."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    written: list[Path] = []
    for name, module in GENERATORS.items():
        if only and name not in only:
            continue
        written += importlib.import_module(module).generate(Path(out))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("data/raw"))
    parser.add_argument("--only", nargs="*", choices=sorted(GENERATORS))
    args = parser.parse_args(argv)
    for path in generate(args.out, args.only):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
