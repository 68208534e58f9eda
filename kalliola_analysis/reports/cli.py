"""The ``kalliola-analysis report`` command: parse, then call :func:`run_reports` or :func:`run_all`.

::

    kalliola-analysis report pulse --period 2023-11 [--compare-to 2023-05] [--unit U]
                                   [--lang en] [--min-n 5] [--data data/processed]
                                   [--out reports] [--timeout 600]
    kalliola-analysis report feedback [--dataset kesapaivat-2023] [--period 2023-06] ...
    kalliola-analysis report all [--jobs 2] [--data data/processed] [--out reports]
                                 [--lang fi] [--no-unit-reports]

``report all`` writes every language each data set lists and, for pulse
surveys, a report per unit that can be shown; the units it leaves out are
printed as ``note:`` lines on stderr.

One subcommand per registered report type, so a new type gets its command
with its registry entry.
"""

from __future__ import annotations

import argparse
import sys

from ..errors import KalliolaError
from . import registry

__all__ = ["register_report_command", "handle_report"]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _common(p: argparse.ArgumentParser, *, every_language: bool = False) -> None:
    p.add_argument("--data", default="data/processed", help="data folder (default: %(default)s)")
    p.add_argument("--out", default="reports", help="output folder (default: %(default)s)")
    if every_language:
        p.add_argument(
            "--lang",
            default=None,
            choices=["fi", "en"],
            help="only this language (default: every language each data set lists)",
        )
    else:
        p.add_argument(
            "--lang",
            default="fi",
            choices=["fi", "en"],
            help="report language (default: %(default)s; English is written as <name>.en.html)",
        )
    p.add_argument(
        "--min-n",
        type=_positive_int,
        default=5,
        help="anonymity threshold (default: %(default)s; lower values are warned about "
        "and marked in the report)",
    )
    p.add_argument("--timeout", type=_positive_int, default=600, help="seconds per cell")
    p.add_argument("--notebooks", default=None, help="folder of the report notebooks")


def register_report_command(subparsers) -> argparse.ArgumentParser:
    """Add the ``report`` command to an argparse ``subparsers`` object and return it."""
    report = subparsers.add_parser(
        "report",
        help="produce offline HTML reports from the report notebooks",
        description="Run report notebooks with Papermill and export offline HTML.",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND")
    kinds.required = True
    for kind in sorted(registry.REPORT_TYPES):
        p = kinds.add_parser(kind, help=f"the {kind} report")
        p.add_argument("--period", default=None, help="YYYY-MM (default: the latest)")
        p.add_argument("--compare-to", default=None, help="earlier period to compare with")
        p.add_argument("--unit", default=None, help="one unit only")
        p.add_argument(
            "--dataset",
            default=None,
            help="data set slug or folder (default: every data set of this kind for the period)",
        )
        _common(p)
    p = kinds.add_parser("all", help="every report the data holds")
    p.add_argument("--jobs", type=_positive_int, default=2, help="reports run at once")
    p.add_argument(
        "--no-unit-reports",
        dest="unit_reports",
        action="store_false",
        help="skip the per-unit pulse reports",
    )
    _common(p, every_language=True)
    report.set_defaults(func=handle_report)
    return report


def _run(args: argparse.Namespace) -> int:
    from .batch import run_all, run_reports

    if args.report_kind == "all":
        results = run_all(
            args.data,
            out=args.out,
            jobs=args.jobs,
            lang=args.lang,
            min_n=args.min_n,
            timeout=args.timeout,
            notebooks_dir=args.notebooks,
            unit_reports=args.unit_reports,
            on_note=lambda note: print(f"note: {note}", file=sys.stderr),
        )
    else:
        results = run_reports(
            args.report_kind,
            args.data,
            dataset=args.dataset,
            period=args.period,
            compare_to=args.compare_to,
            unit=args.unit,
            lang=args.lang,
            min_n=args.min_n,
            out=args.out,
            timeout=args.timeout,
            notebooks_dir=args.notebooks,
        )
    for r in results:
        print(r.html)
    return 0


def handle_report(args: argparse.Namespace) -> int:
    """Run the ``report`` command; return the exit code (1 on any KalliolaError)."""
    try:
        return _run(args)
    except KalliolaError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
