"""``make bench``: timings and ratios against baselines measured in the same run.

Usage::

    .venv/bin/python benchmarks/run.py                 # full size, both benchmarks
    .venv/bin/python benchmarks/run.py --quick         # small smoke size
    .venv/bin/python benchmarks/run.py --only analytics --rows 200000 --repeats 1

See benchmarks/README.md for what is measured and how to read the output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the benchmarks package importable
    sys.path.insert(0, str(ROOT))

from benchmarks import analytics  # noqa: E402
from benchmarks.data import BenchParams, ensure_dataset  # noqa: E402

QUICK = {"rows": 20_000, "questions": 10, "units": 10, "repeats": 1}

#: Targets from the issue "Pulse and feedback survey analytics" (reports: benchmarks/reports.py).
TARGET_VS_DUCKDB = 1.0  # ours no slower than DuckDB
TARGET_VS_NAIVE = 10.0  # ours at least 10x faster than groupby-apply
TARGET_PEAK_MB = 1500.0  # peak memory of ours
#: Issue 12 (scale): read_survey of a processed folder + the three calls, against DuckDB.
TARGET_READ_VS_DUCKDB = 1.0  # end to end no slower than a plain DuckDB counts query
TARGET_READ_PEAK_MB = 1500.0  # at 10M rows x 12 questions (--read-peak-mb 4000 at 100M x 40)


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024**2:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


def _versions() -> str:
    import numpy
    import pandas
    import pyarrow

    parts = [
        f"python {platform.python_version()}",
        f"numpy {numpy.__version__}",
        f"pandas {pandas.__version__}",
        f"pyarrow {pyarrow.__version__}",
    ]
    try:
        import duckdb

        parts.append(f"duckdb {duckdb.__version__}")
    except ImportError:
        parts.append("duckdb not installed")
    return ", ".join(parts)


def _ours_available() -> str | None:
    """None when the library's analysis functions import, else the reason."""
    try:
        import kalliola_analysis as ka
    except Exception as exc:
        return f"kalliola_analysis does not import: {exc}"
    missing = [f for f in ("likert_summary", "enps", "response_rates") if not hasattr(ka, f)]
    return f"kalliola_analysis lacks {missing}" if missing else None


def _verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def bench_analytics(args: argparse.Namespace) -> str:
    """Run the analytics benchmark; return "met", "not met", "skipped" or "failed".

    "failed" means the implementations disagree on the figures.
    """
    params = BenchParams(rows=args.rows, questions=args.questions, units=args.units, seed=args.seed)
    print("== Analytics: likert_summary + enps + response_rates by period x unit ==")
    print(f"data: {params.describe()}")
    t0 = time.perf_counter()
    folder, made = ensure_dataset(params, args.data_dir)
    took = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in folder.glob("*.parquet")) / 1024**2
    if not made:
        try:
            import json

            stamp = json.loads((folder / "params.json").read_text(encoding="utf-8"))
            took = float(stamp.get("generated_seconds", float("nan")))
        except (OSError, ValueError):
            took = float("nan")
    print(
        f"      {folder} ({size:.0f} MB Parquet; "
        + (f"generated in {took:.1f} s)" if made else f"cached; generated in {took:.1f} s)")
    )
    reason = _ours_available()
    impls = [i for i in analytics.IMPLEMENTATIONS if not i.startswith("ours") or reason is None]
    if reason is None and not hasattr(__import__("kalliola_analysis"), "read_survey"):
        impls.remove("ours_read")
    if args.impls:
        impls = [i for i in impls if i in args.impls]
    if reason:
        print(f"ours: skipped: {reason}")
    try:
        import duckdb  # noqa: F401
    except ImportError:
        if "duckdb" in impls:
            impls.remove("duckdb")
        print("duckdb: skipped: duckdb is not installed (pip install -e '.[bench]')")
    print(
        f"each implementation: {args.repeats} run(s), each in a fresh process; best time, "
        "largest peak RSS (ru_maxrss, includes the interpreter and imported libraries)"
    )

    results = {}
    with tempfile.TemporaryDirectory(prefix="kalliola-bench-") as tmp:
        for impl in impls:
            dump = Path(tmp) / f"{impl}.pkl" if args.check else None
            print(f"  running {impl} ...", flush=True)
            results[impl] = analytics.measure(
                impl, folder, repeats=args.repeats, dump=dump, threads=args.duckdb_threads
            )
        agreement = None
        if args.check and len(results) > 1:
            import pandas as pd

            ref = "ours" if "ours" in results else next(iter(results))
            frames = {i: pd.read_pickle(Path(tmp) / f"{i}.pkl") for i in results}
            agreement = {i: analytics.compare(frames[ref], frames[i]) for i in results if i != ref}

    if args.quick:
        print("(quick size: the targets are meant for the full size; ratios here are noise)")
    print()
    header = f"{'implementation':<18}{'load s':>9}{'survey s':>10}{'analysis s':>12}"
    header += f"{'total s':>10}{'peak MB':>10}{'vs ours':>10}"
    print(header)
    print("-" * len(header))
    ours = results.get("ours")
    for impl, r in results.items():
        t = r["timings"]
        load = t.get("load", float("nan"))
        survey = t.get("survey", float("nan"))
        if "load_survey" in t:  # read_survey loads and validates in one call
            load, survey = float("nan"), t["load_survey"]
        analysis = t.get("analysis", t.get("query", float("nan")))
        ratio = f"{t['total'] / ours['timings']['total']:.2f}x" if ours else "-"
        name = {
            "ours_read": "ours read_survey",
            "ours_pandas": "ours read pandas",
            "duckdb": "duckdb (a)",
            "naive": "pandas apply (b)",
        }.get(impl, impl)
        print(
            f"{name:<18}{_fmt(load):>9}{_fmt(survey):>10}{_fmt(analysis):>12}"
            f"{t['total']:>10.3f}{r['peak_mb']:>10.0f}{ratio:>10}"
        )
    print("  ('vs ours' = implementation's total time / ours: above 1x means ours is faster)")
    imports = {i: r["imports_mb"] for i, r in results.items()}
    print(
        "  (after imports, before any work: "
        + ", ".join(f"{i} {mb:.0f} MB" for i, mb in imports.items())
        + ")"
    )
    if "duckdb" in results:
        t = results["duckdb"]["timings"]
        threads = args.duckdb_threads or os.cpu_count()
        print(
            f"  duckdb: query {t['query']:.3f} s + reshape to tidy frames {t['reshape']:.3f} s, "
            f"{threads} threads; its 'analysis' column is the query from Parquet"
        )

    ok = True
    if ours:
        print()
        o = ours["timings"]
        if "duckdb" in results:
            d = results["duckdb"]["timings"]["total"]
            met = o["total"] <= d * TARGET_VS_DUCKDB
            ok &= met
            print(
                f"target ours no slower than DuckDB, end to end (Parquet -> result): "
                f"{o['total']:.3f} s vs {d:.3f} s = {d / o['total']:.2f}x -> {_verdict(met)}"
            )
            print(
                f"                                   analysis alone (3 calls on a loaded Survey): "
                f"{o['analysis']:.3f} s vs {d:.3f} s = {d / o['analysis']:.2f}x -> "
                f"{_verdict(o['analysis'] <= d * TARGET_VS_DUCKDB)}"
            )
        if "naive" in results:
            nt = results["naive"]["timings"]
            speed_total = nt["total"] / o["total"]
            speed_analysis = nt["analysis"] / o["analysis"]
            met = speed_total >= TARGET_VS_NAIVE
            ok &= met
            print(
                f"target >= {TARGET_VS_NAIVE:.0f}x faster than groupby-apply, end to end: "
                f"{speed_total:.1f}x -> {_verdict(met)}"
            )
            print(
                f"                                   analysis alone (both on loaded data): "
                f"{speed_analysis:.1f}x -> {_verdict(speed_analysis >= TARGET_VS_NAIVE)}"
            )
        met = ours["peak_mb"] < TARGET_PEAK_MB
        ok &= met
        print(
            f"target peak memory < {TARGET_PEAK_MB:.0f} MB: {ours['peak_mb']:.0f} MB -> "
            f"{_verdict(met)}"
        )
    read = results.get("ours_read")
    if read:
        print()
        r = read["timings"]
        if "duckdb" in results:
            d = results["duckdb"]["timings"]["total"]
            met = r["total"] <= d * TARGET_READ_VS_DUCKDB
            ok &= met
            print(
                f"target read_survey (DuckDB engine) + 3 calls vs a plain DuckDB query, end to "
                f"end: {r['total']:.3f} s vs {d:.3f} s = {r['total'] / d:.2f}x of DuckDB "
                f"(target <= {TARGET_READ_VS_DUCKDB:.1f}x) -> {_verdict(met)}"
            )
        met = read["peak_mb"] <= args.read_peak_mb
        ok &= met
        print(
            f"target read_survey (DuckDB engine) peak RSS <= {args.read_peak_mb:.0f} MB: "
            f"{read['peak_mb']:.0f} MB -> {_verdict(met)}"
        )
        if "ours_pandas" in results:
            pt = results["ours_pandas"]["timings"]
            print(
                f"  read_survey(engine='pandas') + 3 calls: {pt['total']:.3f} s, peak "
                f"{results['ours_pandas']['peak_mb']:.0f} MB (trusted load, analysis in memory)"
            )
    if args.profile and reason is None:
        import subprocess

        print()
        print(f"-- profile of ours (cProfile, one run after a warm-up run, {folder.name}) --")
        cmd = [sys.executable, "-m", "benchmarks.analytics", "profile", "ours", str(folder)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        print(proc.stdout if proc.returncode == 0 else proc.stderr[-4000:])
    failed = False
    if agreement is not None:
        ref = "ours" if ours else next(iter(results))
        for impl, problems in agreement.items():
            if problems:
                failed = True
                print(f"agreement {impl} vs {ref}: DIFFERENT: " + "; ".join(problems[:5]))
            else:
                print(
                    f"agreement {impl} vs {ref}: same figures "
                    "(keys and counts exact, means/sd/shares/rates within 1e-9)"
                )
    if failed:
        return "failed"
    if not ours and not read:
        return "skipped"
    return "met" if ok else "not met"


def _fmt(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmarks: analytics vs DuckDB and pandas groupby-apply; reports vs floor; "
        "free-text redaction time against comment length; the disclosure audit."
    )
    parser.add_argument("--only", choices=("analytics", "reports", "redaction", "audit", "prepare"))
    parser.add_argument("--quick", action="store_true", help="small smoke size, one run each")
    parser.add_argument("--rows", type=int, help="response rows in total (default 1,000,000)")
    parser.add_argument("--questions", type=int, help="questions incl. one NPS (default 40)")
    parser.add_argument("--units", type=int, help="units (default 50)")
    parser.add_argument("--repeats", type=int, help="runs per implementation (default 3)")
    parser.add_argument("--seed", type=int, default=20231124)
    parser.add_argument(
        "--duckdb-threads", type=int, default=None, help="default: DuckDB's own (all cores)"
    )
    parser.add_argument(
        "--impls",
        nargs="+",
        choices=analytics.IMPLEMENTATIONS,
        help="run only these analytics implementations (e.g. at 100M rows: ours_read duckdb)",
    )
    parser.add_argument(
        "--read-peak-mb",
        type=float,
        default=TARGET_READ_PEAK_MB,
        help="peak RSS target of read_survey + 3 calls (issue 12: 1500 at 10M, 4000 at 100M)",
    )
    parser.add_argument(
        "--no-check",
        dest="check",
        action="store_false",
        help="skip comparing the implementations' figures",
    )
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of ours (analytics)"
    )
    parser.add_argument(
        "--data-dir", type=Path, default=ROOT / "benchmarks" / ".data", help="Parquet cache"
    )
    args = parser.parse_args(argv)
    defaults = (
        QUICK if args.quick else {"rows": 1_000_000, "questions": 40, "units": 50, "repeats": 3}
    )
    for k, v in defaults.items():
        if getattr(args, k) is None:
            setattr(args, k, v)

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"kalliola_analysis benchmarks, {now}")
    print(f"machine: {_machine()}")
    print(f"versions: {_versions()}")
    print(f"load average at start: {_load()} (other work on the machine skews every figure)")
    print()
    status = {}
    if args.only in (None, "analytics"):
        status["analytics"] = bench_analytics(args)
        print()
    if args.only in (None, "reports"):
        from benchmarks import reports

        status["reports"] = reports.bench_reports(args)
        print()
    if args.only in (None, "redaction"):
        from benchmarks import redaction

        status["redaction"] = redaction.bench_redaction(args)
        print()
    if args.only in (None, "audit"):
        from benchmarks import audit

        status["audit"] = audit.bench_audit(args)
        print()
    if args.only in (None, "prepare"):
        from benchmarks import prepare

        status["prepare"] = prepare.bench_prepare(args)
        print()
    print(f"load average at end: {_load()}")
    print("summary: " + ", ".join(f"{k} targets {v}" for k, v in status.items()))
    # Missed targets are findings, not errors; disagreeing figures or a failing report are.
    return 1 if "failed" in status.values() else 0


if __name__ == "__main__":
    raise SystemExit(main())
