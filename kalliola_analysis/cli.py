"""The ``kalliola-analysis`` command line: validate, prepare, summary (and report).

Each subcommand parses its arguments and calls one library function; errors in
the data (any :class:`~kalliola_analysis.errors.KalliolaError`) are printed
without a traceback and give exit status 1 (2 for a usage error); any other
exception is a bug and keeps its traceback.

Examples
--------
>>> main(["validate", "no/such/folder"])
1
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ._version import __version__
from .errors import KalliolaError, ParameterError, ValidationError
from .io.tables import read_table
from .periods import parse_period
from .prepare import prepare_all
from .privacy.audit import audit_tables
from .reports.cli import register_report_command
from .survey.reading import read_survey
from .survey.release_audit import audit_release
from .validate import validate_path

__all__ = ["main", "build_parser"]


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# ---------------------------------------------------------------------------
# validate


def _print_problems(path: Path, exc: KalliolaError) -> None:
    problems = exc.problems if isinstance(exc, ValidationError) else [exc]
    n = len(problems)
    _err(f"FAIL: {path} ({n} problem{'s' if n != 1 else ''})")
    for p in problems:
        _err(f"  - {p}")


def _validate(args: argparse.Namespace) -> int:
    failed = 0
    for arg in args.paths:
        found = validate_path(arg)
        if not found:
            _err(
                f"FAIL: {Path(arg)}: no data sets found (no dataset.toml or responses file below it)"
            )
            failed += 1
        for checked in found:
            if checked.error is not None:
                _print_problems(checked.path, checked.error)
                failed += 1
                continue
            print(f"OK: {checked.path} ({checked.summary})")
            for w in checked.warnings:
                print(f"  warning: {w}")
    return 1 if failed else 0


# ---------------------------------------------------------------------------
# prepare


def _prepare(args: argparse.Namespace) -> int:
    done = prepare_all(args.raw, args.processed)
    per_kind: dict[str, dict] = {}
    for out in done:
        m = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
        rows = m.get("rows", {})
        main_rows = rows.get("responses", sum(rows.values()))
        periods = m.get("periods", [])
        line = f"wrote {out} ({m['kind']}: {main_rows} rows"
        line += f", periods {', '.join(periods)})" if periods else ")"
        print(line)
        if m.get("dropped_columns"):
            print(f"  dropped identifier columns: {', '.join(m['dropped_columns'])}")
        if m.get("redacted_text_answers"):
            print(f"  contact details removed from {m['redacted_text_answers']} text answer(s)")
        k = per_kind.setdefault(m["kind"], {"sets": 0, "rows": 0, "periods": set()})
        k["sets"] += 1
        k["rows"] += main_rows
        k["periods"].update(periods)
    for folder, reason in done.skipped:
        _err(f"skipped {folder}: {reason}")
    print(f"Summary: {len(done)} data set(s) written to {args.processed}")
    for kind, k in sorted(per_kind.items()):
        periods = f", periods {', '.join(sorted(k['periods']))}" if k["periods"] else ""
        print(f"  {kind}: {k['sets']} data set(s), {k['rows']} rows{periods}")
    return 0


# ---------------------------------------------------------------------------
# summary


def _summary(args: argparse.Namespace) -> int:
    s = read_survey(args.path)
    print(f"{s.source}: {len(s.responses)} responses, {len(s.codebook)} questions")
    counts = pd.crosstab(
        s.responses["unit"].astype(str), s.responses["period"], margins=True, margins_name="total"
    )
    counts.index.name = "unit"
    counts.columns.name = None
    print("\nResponses per unit and period:")
    print(counts.to_string())
    if s.invitations is not None:
        print(f"\nInvitations: {int(s.invitations['invited'].sum())} in total")
    if s.background:
        print(f"\nBackground columns: {', '.join(s.background)}")
    print("\nQuestions:")
    for row in s.codebook.itertuples(index=False):
        scale = f" {row.scale_min}-{row.scale_max}" if not pd.isna(row.scale_min) else ""
        text = getattr(row, f"text_{args.lang}") or row.text_fi
        print(f"  {row.question} ({row.type}{scale}): {text}")
    return 0


# ---------------------------------------------------------------------------
# audit


def _audit(args: argparse.Namespace) -> int:
    """Audit a survey data set or researcher-built tables; 0 safe, 1 exposed, 2 bad input."""
    if (args.dataset is None) == (not args.tables):
        _err("kalliola-analysis audit: give either a DATASET or --tables FILE ..., not both")
        return 2
    try:
        if args.tables:
            tables = [read_table(path) for path in args.tables]
            result = audit_tables(
                tables,
                min_n=args.min_n,
                n_column=args.n_column,
                value_column=args.value_column,
                scale=tuple(args.scale) if args.scale else None,
                dimensions=args.by,
            )
            what = f"{len(tables)} table(s)"
        else:
            result = audit_release(read_survey(args.dataset), breakdowns=args.by, min_n=args.min_n)
            what = f"data set {args.dataset}"
    except KalliolaError as exc:
        _err(f"kalliola-analysis audit: bad input: {exc}")
        return 2
    exposed = result[result["exposed"]]
    print(
        f"Audited {what} with min_n = {args.min_n}: {len(result)} hidden cell(s), "
        f"{len(exposed)} exposed."
    )
    if len(exposed):
        print("\nExposed (a reader combining the tables recovers these):")
        with pd.option_context("display.width", 200, "display.max_colwidth", 80):
            print(exposed.to_string(index=False))
        return 1
    print("Nothing hidden can be recovered from these tables together.")
    return 0


# ---------------------------------------------------------------------------
# parser


class _Parser(argparse.ArgumentParser):
    """An argument parser that shows defaults in ``--help`` and suggests close matches.

    A mistyped subcommand or option gets a "did you mean" (:mod:`difflib`)
    in its error message. Subcommand parsers are of the same class.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.ArgumentDefaultsHelpFormatter)
        super().__init__(*args, **kwargs)

    def _all_options(self) -> list[str]:
        found: list[str] = []
        for action in self._actions:
            found += [o for o in action.option_strings if o.startswith("--")]
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    if isinstance(sub, _Parser):
                        found += sub._all_options()
        return sorted(set(found))

    def error(self, message: str):
        hints: list[str] = []
        if message.startswith("argument ") and "invalid choice: " in message:
            bad = message.split("invalid choice: ", 1)[1].split("'")[1]
            choices = [
                c
                for a in self._actions
                if isinstance(a, argparse._SubParsersAction)
                for c in a.choices
            ] or [str(c) for a in self._actions if a.choices is not None for c in a.choices]
            hints = difflib.get_close_matches(bad, choices, n=1)
        elif message.startswith("unrecognized arguments: "):
            options = self._all_options()
            for word in message.removeprefix("unrecognized arguments: ").split():
                if word.startswith("-"):
                    hints += difflib.get_close_matches(word.split("=", 1)[0], options, n=1)
        if hints:
            message += f" (did you mean {' / '.join(repr(h) for h in hints)}?)"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``kalliola-analysis``.

    Returns
    -------
    argparse.ArgumentParser
        Subcommands ``validate``, ``prepare``, ``summary``, ``audit`` and
        ``report`` (:mod:`kalliola_analysis.reports.cli`).

    Examples
    --------
    >>> build_parser().parse_args(["prepare"]).processed.as_posix()
    'data/processed'
    """
    parser = _Parser(
        prog="kalliola-analysis",
        description="Validate, prepare and summarise survey data; produce reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "validate",
        help="check survey folders, files or a whole data root; list every problem",
        description="Check data against the data contract. Lists every problem of each file "
        "with its file, column and row; exit status 1 if any.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a survey folder or file, or a root")
    p.set_defaults(func=_validate)

    p = sub.add_parser(
        "prepare",
        help="write typed, pseudonymised Parquet for every data set",
        description="Validate every data set under --raw and write it to the same relative "
        "path under --processed (Parquet, dataset.toml, manifest.json). Raw files are only "
        "read. The salt comes from $KALLIOLA_SALT or <processed>/.salt.",
    )
    p.add_argument("--raw", type=Path, default=Path("data/raw"), help="the raw data root")
    p.add_argument(
        "--processed",
        type=Path,
        default=Path("data/processed"),
        help="where to write; must not overlap the raw tree or hold files prepare did not write",
    )
    p.set_defaults(func=_prepare)

    p = sub.add_parser("summary", help="responses per period and unit, and the questions")
    p.add_argument("path", type=Path, metavar="PATH", help="a survey folder or file")
    p.add_argument("--lang", choices=("fi", "en"), default="fi", help="question text language")
    p.set_defaults(func=_summary)

    p = sub.add_parser(
        "audit",
        help="check that nothing hidden can be recovered from the tables together",
        description="Interval audit by linear programming: for every hidden cell, the "
        "smallest and largest count and sum consistent with every published figure. "
        "Exit status 0 when nothing is exposed, 1 when something is, 2 on bad input.",
    )
    p.add_argument("dataset", nargs="?", default=None, metavar="DATASET", help="a survey folder")
    p.add_argument(
        "--tables",
        nargs="+",
        default=None,
        metavar="FILE",
        help="tidy tables (CSV/XLSX/Parquet) to audit together instead of a data set",
    )
    p.add_argument("--min-n", type=int, default=5, help="anonymity threshold (default: 5)")
    p.add_argument(
        "--by",
        action="append",
        default=None,
        metavar="COLUMN",
        help="a breakdown (data set) or a group column (tables); repeat for several",
    )
    p.add_argument(
        "--scale",
        nargs=2,
        type=float,
        default=None,
        metavar=("LOW", "HIGH"),
        help="bounds of one answer, for auditing sums of --tables (e.g. 1 5)",
    )
    p.add_argument("--n-column", default="n", help="count column of --tables (default: n)")
    p.add_argument("--value-column", default="mean", help="mean column of --tables")
    p.set_defaults(func=_audit)

    register_report_command(sub)
    return parser


def _quiet_stdout() -> None:
    """Point stdout at the null device so that the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # pragma: no cover (no real stdout)
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 data problems, 2 usage).

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        The exit status.

    Examples
    --------
    >>> main(["validate", "no/such/folder"])
    1
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else 2
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return 2
    for name in ("period", "compare_to"):  # 11/2023, 2023-11, 1.11.2023 as the readers take them
        value = getattr(args, name, None)
        if isinstance(value, str) and parse_period(value) is not None:
            setattr(args, name, parse_period(value))
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # `kalliola-analysis summary ... | head`: the reader has enough
        _quiet_stdout()
        return 0
    except ParameterError as exc:
        _err(f"kalliola-analysis: usage error: {exc}")
        return 2
    except KalliolaError as exc:
        _err(f"kalliola-analysis: error: {exc}")
        return 1
