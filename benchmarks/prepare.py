"""``prepare`` of a large raw Parquet export: streamed in batches against in memory (issue 12).

The analytics data set (``benchmarks/data.py``, the ``--rows``/``--questions``/
``--units`` size) is the raw export: its ``responses.parquet``,
``codebook.parquet``, ``invitations.parquet`` and ``dataset.toml`` are linked
into a raw folder without a manifest, so ``prepare`` validates everything.
Each path runs once in a fresh process (``python -m benchmarks.prepare child``):
``streamed`` with ``STREAM_MIN_BYTES = 0`` (the streaming path is forced and
must complete), ``in memory`` with the threshold out of reach (today's
``read_survey`` + pseudonymise + write). Reported: wall time and peak RSS
(``ru_maxrss``) of each, the ratio, and whether both wrote the same tables
(read back and compared; manifests equal but for the responses file's
checksum, whose row groups differ).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: Issue 12: peak RSS of ``prepare`` of 10M rows.
TARGET_PEAK_MB = 2000.0
_FILES = ("responses.parquet", "codebook.parquet", "invitations.parquet", "dataset.toml")


def _child(raw: Path, out: Path, streamed: bool) -> dict:
    from kalliola_analysis import prepare
    from kalliola_analysis.survey import stream

    done: list = []
    original = stream._stream_survey

    def spy(*args):
        result = original(*args)
        done.append(result)
        return result

    stream._stream_survey = spy
    stream.STREAM_MIN_BYTES = 0 if streamed else 10**18
    t0 = time.perf_counter()
    prepare.prepare_dataset(raw, out, salt="benchmark")
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {"seconds": seconds, "peak_mb": peak, "streamed": bool(done)}


def run_child(raw: Path, out: Path, streamed: bool) -> dict:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    cmd = [sys.executable, "-m", "benchmarks.prepare", "child", str(raw), str(out)]
    cmd += ["--streamed"] if streamed else []
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=root)
    if proc.returncode != 0:
        raise RuntimeError(f"prepare failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def same_output(a: Path, b: Path) -> bool:
    """Whether two prepared folders hold the same tables, schemas and manifest."""
    import pandas as pd
    import pyarrow.parquet as pq

    for name in ("codebook", "invitations", "responses"):
        pa_, pb_ = a / f"{name}.parquet", b / f"{name}.parquet"
        if not pq.read_schema(pa_).equals(pq.read_schema(pb_), check_metadata=True):
            return False
        try:
            pd.testing.assert_frame_equal(pd.read_parquet(pa_), pd.read_parquet(pb_))
        except AssertionError:
            return False
    ma, mb = (json.loads((p / "manifest.json").read_text(encoding="utf-8")) for p in (a, b))
    ma["files"].pop("responses.parquet")
    mb["files"].pop("responses.parquet")
    return ma == mb


def bench_prepare(args: argparse.Namespace) -> str:
    """Run the prepare benchmark; return "met", "not met" or "failed" (outputs differ)."""
    from benchmarks.data import BenchParams, ensure_dataset

    params = BenchParams(rows=args.rows, questions=args.questions, units=args.units, seed=args.seed)
    print("== prepare: a raw Parquet export, streamed in batches vs in memory ==")
    print(f"data: {params.describe()}")
    folder, _ = ensure_dataset(params, args.data_dir)
    size = (folder / "responses.parquet").stat().st_size / 1024**2
    print(f"      {folder} (responses.parquet {size:.0f} MB), linked as a raw folder")
    with tempfile.TemporaryDirectory(prefix="bench-prepare-") as tmp:
        raw = Path(tmp) / "raw" / "pulse"
        raw.mkdir(parents=True)
        for f in _FILES:
            (raw / f).symlink_to(folder / f)
        results = {}
        for label, streamed in (("streamed", True), ("in memory", False)):
            print(f"  running {label} ...", flush=True)
            results[label] = run_child(raw, Path(tmp) / label.replace(" ", "_") / "pulse", streamed)
        same = args.check is False or same_output(
            Path(tmp) / "streamed" / "pulse", Path(tmp) / "in_memory" / "pulse"
        )
    print()
    print(f"{'path':<12} {'seconds':>9} {'peak MB':>9}")
    for label, r in results.items():
        print(f"{label:<12} {r['seconds']:>9.1f} {r['peak_mb']:>9.0f}")
    s, m = results["streamed"], results["in memory"]
    print(
        f"streamed / in memory: time {s['seconds'] / m['seconds']:.2f}x, "
        f"peak {s['peak_mb'] / m['peak_mb']:.2f}x"
    )
    print(
        f"streaming path completed: {s['streamed']}; same output: "
        + ("not checked" if args.check is False else str(same))
    )
    ok = s["streamed"] and s["peak_mb"] <= TARGET_PEAK_MB
    print(
        f"target streamed peak RSS <= {TARGET_PEAK_MB:.0f} MB: {s['peak_mb']:.0f} MB -> "
        + ("MET" if ok else "NOT MET")
    )
    if not same or not s["streamed"]:
        return "failed"
    return "met" if ok else "not met"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    child = sub.add_parser("child")
    child.add_argument("raw", type=Path)
    child.add_argument("out", type=Path)
    child.add_argument("--streamed", action="store_true")
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.raw, args.out, args.streamed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
