"""Analytics benchmark: likert_summary + enps + response_rates by period x unit.

Three implementations compute the same figures from the same Parquet folder
(see :mod:`benchmarks.data`):

``ours``
    ``pd.read_parquet`` -> :class:`kalliola_analysis.Survey` (validation and
    typing) -> ``ka.likert_summary`` + ``ka.enps`` + ``ka.response_rates``,
    each ``by=["period", "unit"]``. The three phases are timed separately.
``ours_read``
    The same through the user's loader, ``ka.read_survey(folder)``: the folder
    is a processed data set (manifest with checksums), so the checksums are
    verified, the contract is not re-validated and the responses stay in
    Parquet; the counts come from the DuckDB engine (issue 12).
``ours_pandas``
    ``ka.read_survey(folder, engine="pandas")``: checksums verified, the
    responses loaded into pandas without re-validation, analysis in memory.
``duckdb``
    One DuckDB query over the Parquet file: a single scan grouped by period
    and unit with conditional aggregates (n, mean, sample sd and the count of
    each option per question, NPS promoters/detractors, response counts joined
    to the invitations), fetched as a DataFrame and reshaped to the tidy form.
``naive``
    The code an analyst writes first: ``df.groupby(["period", "unit"]).apply``
    with per-question ``mean``/``std``/``value_counts`` inside.

Every implementation returns the same *canonical* frames so the results can
be compared: ``likert`` (period, unit, question, n, mean, sd, share_1 ...
share_k), ``enps`` (period, unit, n, promoters, passives, detractors, enps) and
``rates`` (period, unit, responded, invited, rate). Shares are fractions
(0-1), ``sd`` is the sample standard deviation (ddof=1), ``enps`` is
promoters minus detractors in percentage points.

Each measurement runs in a fresh child process (``python -m
benchmarks.analytics child <impl> <folder>``), which prints one JSON line with
its phase timings and its peak resident memory (``ru_maxrss``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "IMPLEMENTATIONS",
    "compare",
    "measure",
    "profile",
    "run_duckdb",
    "run_naive",
    "run_ours",
    "run_ours_read",
]

IMPLEMENTATIONS = ("ours", "ours_read", "ours_pandas", "duckdb", "naive")
KEYS = ["period", "unit"]


# ---------------------------------------------------------------------------
# helpers


def _read_codebook(folder: Path) -> pd.DataFrame:
    return pd.read_parquet(Path(folder) / "codebook.parquet")


def _questions(codebook: pd.DataFrame) -> tuple[list[str], str, int, int]:
    """Likert question ids, the NPS question id and the Likert scale (min, max)."""
    likert = codebook.loc[codebook["type"] == "likert"]
    nps = codebook.loc[codebook["type"] == "nps", "question"]
    lo, hi = int(likert["scale_min"].min()), int(likert["scale_max"].max())
    return [str(q) for q in likert["question"]], str(nps.iloc[0]), lo, hi


def _finish(frame: pd.DataFrame, sort: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for c in ("period", "unit", "question"):
        if c in frame:
            frame[c] = frame[c].astype(str)
    return frame.sort_values(sort, kind="stable").reset_index(drop=True)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ---------------------------------------------------------------------------
# ours


def _canonical_ours(
    likert: pd.DataFrame,
    enps: pd.DataFrame,
    rates: pd.DataFrame,
    lo: int,
    hi: int,
) -> dict[str, pd.DataFrame]:
    """Map the library's tidy outputs onto the canonical frames."""
    lk = likert.copy()
    if "question" not in lk and "item" in lk:
        lk = lk.rename(columns={"item": "question"})
    share_cols = [f"share_{k}" for k in range(lo, hi + 1)]
    if not set(share_cols) <= set(lk.columns):
        # long form with one row per option: pivot the shares
        opt = next(c for c in ("option", "answer", "code", "value") if c in lk)
        share = next(c for c in ("share", "p", "pct", "percent") if c in lk)
        wide = lk.pivot_table(
            index=[*KEYS, "question"], columns=opt, values=share, observed=True
        ).fillna(0.0)
        wide.columns = [f"share_{int(c)}" for c in wide.columns]
        base = lk.drop_duplicates([*KEYS, "question"]).set_index([*KEYS, "question"])
        lk = base[["n", "mean", "sd"]].join(wide).reset_index()
    lk = lk[[*KEYS, "question", "n", "mean", "sd", *share_cols]]
    lk["n"] = lk["n"].astype(np.int64)
    scale = 100.0 if float(lk[share_cols].to_numpy(dtype=float).max()) > 1.0 + 1e-9 else 1.0
    lk[share_cols] = lk[share_cols].astype(float) / scale

    en = enps.copy()
    if "enps" not in en:
        en = en.rename(columns={"nps": "enps", "score": "enps"})
    parts = ["promoters", "passives", "detractors"]
    en = en[[*KEYS, "n", *parts, "enps"]]
    en["n"] = en["n"].astype(np.int64)
    pscale = 100.0 if float(en[parts].to_numpy(dtype=float).max()) > 1.0 + 1e-9 else 1.0
    en[parts] = en[parts].astype(float) / pscale

    rr = rates.copy()
    rr = rr.rename(columns={"n": "responded", "responses": "responded", "response_rate": "rate"})
    rr = rr[[*KEYS, "responded", "invited", "rate"]]
    rr[["responded", "invited"]] = rr[["responded", "invited"]].astype(np.int64)
    rscale = 100.0 if float(rr["rate"].to_numpy(dtype=float).max()) > 1.0 + 1e-9 else 1.0
    rr["rate"] = rr["rate"].astype(float) / rscale
    return {
        "likert": _finish(lk, [*KEYS, "question"]),
        "enps": _finish(en, KEYS),
        "rates": _finish(rr, KEYS),
    }


def run_ours(folder: Path, timings: dict | None = None) -> dict[str, pd.DataFrame]:
    """Load with pandas, build a :class:`~kalliola_analysis.Survey`, run the three analyses."""
    import kalliola_analysis as ka

    folder = Path(folder)
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    responses = pd.read_parquet(folder / "responses.parquet")
    codebook = pd.read_parquet(folder / "codebook.parquet")
    invitations = pd.read_parquet(folder / "invitations.parquet")
    t1 = time.perf_counter()
    survey = ka.Survey(responses, codebook, invitations, source=str(folder))
    del responses
    t2 = time.perf_counter()
    by = ["period", "unit"]
    likert = ka.likert_summary(survey, by=by)
    enps = ka.enps(survey, by=by)
    rates = ka.response_rates(survey, by=by)
    t3 = time.perf_counter()
    timings.update(load=t1 - t0, survey=t2 - t1, analysis=t3 - t2, total=t3 - t0)
    _, _, lo, hi = _questions(codebook)
    return _canonical_ours(likert, enps, rates, lo, hi)


def run_ours_read(
    folder: Path, timings: dict | None = None, engine: str = "duckdb"
) -> dict[str, pd.DataFrame]:
    """The user's path: ``ka.read_survey(folder)``, then the three analyses."""
    import kalliola_analysis as ka

    folder = Path(folder)
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    survey = ka.read_survey(folder, engine=engine)
    t1 = time.perf_counter()
    by = ["period", "unit"]
    likert = ka.likert_summary(survey, by=by)
    enps = ka.enps(survey, by=by)
    rates = ka.response_rates(survey, by=by)
    t2 = time.perf_counter()
    timings.update(load_survey=t1 - t0, analysis=t2 - t1, total=t2 - t0)
    _, _, lo, hi = _questions(survey.codebook)
    return _canonical_ours(likert, enps, rates, lo, hi)


def run_ours_pandas(folder: Path, timings: dict | None = None) -> dict[str, pd.DataFrame]:
    """``ka.read_survey(folder, engine="pandas")`` (trusted, in memory), then the analyses."""
    return run_ours_read(folder, timings, engine="pandas")


# ---------------------------------------------------------------------------
# DuckDB


def _duckdb_sql(folder: Path, likert: list[str], nps: str, lo: int, hi: int) -> str:
    resp = (Path(folder) / "responses.parquet").as_posix().replace("'", "''")
    inv = (Path(folder) / "invitations.parquet").as_posix().replace("'", "''")
    aggs = ["count(*) AS responded"]
    for q in likert:
        c = f'"{q}"'
        aggs += [
            f'count({c}) AS "{q}__n"',
            f'avg({c}) AS "{q}__mean"',
            f'stddev_samp({c}) AS "{q}__sd"',
        ]
        aggs += [f'count_if({c} = {k}) AS "{q}__c{k}"' for k in range(lo, hi + 1)]
    c = f'"{nps}"'
    aggs += [
        f"count({c}) AS nps__n",
        f"count_if({c} >= 9) AS nps__pro",
        f"count_if({c} BETWEEN 7 AND 8) AS nps__pas",
        f"count_if({c} <= 6) AS nps__det",
    ]
    body = ",\n       ".join(aggs)
    return (
        f"WITH agg AS (\n  SELECT period::VARCHAR AS period, unit::VARCHAR AS unit,\n       {body}\n"
        f"  FROM read_parquet('{resp}')\n  GROUP BY ALL\n)\n"
        f"SELECT agg.*, i.invited\nFROM agg JOIN (SELECT period::VARCHAR AS period, "
        f"unit::VARCHAR AS unit, invited FROM read_parquet('{inv}')) i USING (period, unit)"
    )


def run_duckdb(
    folder: Path, timings: dict | None = None, threads: int | None = None
) -> dict[str, pd.DataFrame]:
    """Compute the canonical frames with one DuckDB query over the Parquet files."""
    import duckdb

    folder = Path(folder)
    timings = {} if timings is None else timings
    likert, nps, lo, hi = _questions(_read_codebook(folder))
    sql = _duckdb_sql(folder, likert, nps, lo, hi)
    t0 = time.perf_counter()
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    wide = con.execute(sql).df()
    t1 = time.perf_counter()
    out = _reshape_duckdb(wide, likert, lo, hi)
    con.close()
    t2 = time.perf_counter()
    timings.update(query=t1 - t0, reshape=t2 - t1, total=t2 - t0)
    return out


def _reshape_duckdb(wide: pd.DataFrame, likert: list[str], lo: int, hi: int) -> dict:
    keys = wide[KEYS]
    blocks = []
    for q in likert:
        n = wide[f"{q}__n"].to_numpy(dtype=np.int64)
        block = {
            "period": keys["period"].to_numpy(),
            "unit": keys["unit"].to_numpy(),
            "question": q,
            "n": n,
            "mean": wide[f"{q}__mean"].to_numpy(dtype=float),
            "sd": wide[f"{q}__sd"].to_numpy(dtype=float),
        }
        for k in range(lo, hi + 1):
            block[f"share_{k}"] = wide[f"{q}__c{k}"].to_numpy(dtype=float) / n
        blocks.append(pd.DataFrame(block))
    lk = pd.concat(blocks, ignore_index=True)
    n = wide["nps__n"].to_numpy(dtype=np.int64)
    pro, pas, det = (wide[f"nps__{x}"].to_numpy(dtype=float) / n for x in ("pro", "pas", "det"))
    en = pd.DataFrame(
        {
            "period": keys["period"],
            "unit": keys["unit"],
            "n": n,
            "promoters": pro,
            "passives": pas,
            "detractors": det,
            "enps": 100.0 * (pro - det),
        }
    )
    rr = pd.DataFrame(
        {
            "period": keys["period"],
            "unit": keys["unit"],
            "responded": wide["responded"].to_numpy(dtype=np.int64),
            "invited": wide["invited"].to_numpy(dtype=np.int64),
        }
    )
    rr["rate"] = rr["responded"] / rr["invited"]
    return {
        "likert": _finish(lk, [*KEYS, "question"]),
        "enps": _finish(en, KEYS),
        "rates": _finish(rr, KEYS),
    }


# ---------------------------------------------------------------------------
# naive pandas groupby-apply


def run_naive(folder: Path, timings: dict | None = None) -> dict[str, pd.DataFrame]:
    """What an analyst writes first: groupby(...).apply with per-question statistics."""
    folder = Path(folder)
    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    df = pd.read_parquet(folder / "responses.parquet")
    invitations = pd.read_parquet(folder / "invitations.parquet")
    codebook = pd.read_parquet(folder / "codebook.parquet")
    likert_qs, nps, lo, hi = _questions(codebook)
    t1 = time.perf_counter()

    def likert_group(g: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for q in likert_qs:
            answers = g[q].dropna()
            counts = answers.value_counts(normalize=True)
            row = {"question": q, "n": answers.count(), "mean": answers.mean(), "sd": answers.std()}
            for k in range(lo, hi + 1):
                row[f"share_{k}"] = counts.get(k, 0.0)
            rows.append(row)
        return pd.DataFrame(rows)

    def nps_group(g: pd.DataFrame) -> pd.Series:
        answers = g[nps].dropna()
        n = len(answers)
        promoters = (answers >= 9).sum() / n
        detractors = (answers <= 6).sum() / n
        return pd.Series(
            {
                "n": n,
                "promoters": promoters,
                "passives": ((answers >= 7) & (answers <= 8)).sum() / n,
                "detractors": detractors,
                "enps": 100 * (promoters - detractors),
            }
        )

    grouped = df.groupby(KEYS, observed=True)
    likert = grouped.apply(likert_group).reset_index(level=KEYS).reset_index(drop=True)
    enps = grouped.apply(nps_group).reset_index()
    rates = grouped.size().rename("responded").reset_index()
    rates["period"] = rates["period"].astype(str)
    rates["unit"] = rates["unit"].astype(str)
    inv = invitations.assign(
        period=invitations["period"].astype(str), unit=invitations["unit"].astype(str)
    )
    rates = rates.merge(inv, on=KEYS)
    rates["rate"] = rates["responded"] / rates["invited"]
    t2 = time.perf_counter()
    timings.update(load=t1 - t0, analysis=t2 - t1, total=t2 - t0)

    likert["n"] = likert["n"].astype(np.int64)
    for c in ["mean", "sd", *[f"share_{k}" for k in range(lo, hi + 1)]]:
        likert[c] = likert[c].astype(float)
    enps["n"] = enps["n"].astype(np.int64)
    rates["invited"] = rates["invited"].astype(np.int64)
    return {
        "likert": _finish(likert, [*KEYS, "question"]),
        "enps": _finish(enps[[*KEYS, "n", "promoters", "passives", "detractors", "enps"]], KEYS),
        "rates": _finish(rates[[*KEYS, "responded", "invited", "rate"]], KEYS),
    }


RUNNERS = {
    "ours": run_ours,
    "ours_read": run_ours_read,
    "ours_pandas": run_ours_pandas,
    "duckdb": run_duckdb,
    "naive": run_naive,
}


# ---------------------------------------------------------------------------
# agreement


def compare(
    a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame], *, rtol: float = 0.0, atol: float = 1e-9
) -> list[str]:
    """Differences between two sets of canonical frames (empty list when they agree).

    Keys and counts must be equal exactly; means, standard deviations, shares,
    rates and eNPS within ``atol``.
    """
    problems: list[str] = []
    for name in ("likert", "enps", "rates"):
        x, y = a[name], b[name]
        if list(x.columns) != list(y.columns):
            problems.append(f"{name}: columns differ {list(x.columns)} vs {list(y.columns)}")
            continue
        if len(x) != len(y):
            problems.append(f"{name}: {len(x)} rows vs {len(y)} rows")
            continue
        for c in x.columns:
            xv, yv = x[c].to_numpy(), y[c].to_numpy()
            if c in ("period", "unit", "question") or c in ("n", "responded", "invited"):
                eq = np.asarray(xv == yv)
                if not eq.all():
                    i = int(np.flatnonzero(~eq)[0])
                    problems.append(f"{name}.{c}: row {i}: {xv[i]!r} != {yv[i]!r}")
            else:
                xf, yf = xv.astype(float), yv.astype(float)
                ok = np.isclose(xf, yf, rtol=rtol, atol=atol, equal_nan=True)
                if not ok.all():
                    i = int(np.flatnonzero(~ok)[0])
                    problems.append(
                        f"{name}.{c}: row {i}: {xf[i]!r} != {yf[i]!r} "
                        f"(max diff {np.nanmax(np.abs(xf - yf)):.3g})"
                    )
    return problems


# ---------------------------------------------------------------------------
# child process and measurement


def _child(impl: str, folder: Path, dump: Path | None, threads: int | None) -> dict:
    # import everything the implementation needs before the clock starts
    if impl.startswith("ours"):
        import kalliola_analysis  # noqa: F401
    elif impl == "duckdb":
        import duckdb  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    rss_imports = _rss_mb()
    timings: dict[str, float] = {}
    kwargs = {"threads": threads} if impl == "duckdb" else {}
    result = RUNNERS[impl](folder, timings, **kwargs)
    if dump is not None:
        pd.to_pickle(result, dump)
    return {"impl": impl, "timings": timings, "peak_mb": _rss_mb(), "imports_mb": rss_imports}


def measure(
    impl: str,
    folder: Path,
    *,
    repeats: int = 3,
    dump: Path | None = None,
    threads: int | None = None,
    python: str = sys.executable,
) -> dict:
    """Run ``impl`` ``repeats`` times, each in a fresh process; keep the fastest run.

    Returns ``{"impl", "timings" (of the fastest run), "peak_mb" (largest over
    the runs), "imports_mb", "runs" (every run's total)}``.
    """
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    runs = []
    for i in range(repeats):
        cmd = [python, "-m", "benchmarks.analytics", "child", impl, str(folder)]
        if dump is not None and i == 0:
            cmd += ["--dump", str(dump)]
        if threads:
            cmd += ["--threads", str(threads)]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=root)
        if proc.returncode != 0:
            raise RuntimeError(f"{impl} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    best = min(runs, key=lambda r: r["timings"]["total"])
    return {
        "impl": impl,
        "timings": best["timings"],
        "peak_mb": max(r["peak_mb"] for r in runs),
        "imports_mb": min(r["imports_mb"] for r in runs),
        "runs": [r["timings"]["total"] for r in runs],
    }


def profile(impl: str, folder: Path, *, top: int = 25) -> str:
    """cProfile one run of ``impl`` (in this process); return the top functions by own time.

    Two lists: the package's own functions by cumulative time (where its time
    goes), then every function by own time (what is actually slow).
    """
    import cProfile
    import io
    import pstats

    RUNNERS[impl](folder)  # warm-up: imports and first-call costs out of the way
    prof = cProfile.Profile()
    timings: dict[str, float] = {}
    prof.enable()
    RUNNERS[impl](folder, timings)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    buf.write(f"{impl} phases (under the profiler): ")
    buf.write(", ".join(f"{k} {v:.3f} s" for k, v in timings.items()) + "\n")
    stats.sort_stats("cumulative").print_stats("kalliola_analysis", top)
    stats.sort_stats("tottime").print_stats(top)
    return buf.getvalue()


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="analytics benchmark child process")
    sub = parser.add_subparsers(dest="cmd", required=True)
    child = sub.add_parser("child")
    child.add_argument("impl", choices=IMPLEMENTATIONS)
    child.add_argument("folder", type=Path)
    child.add_argument("--dump", type=Path)
    child.add_argument("--threads", type=int)
    prof = sub.add_parser("profile")
    prof.add_argument("impl", choices=IMPLEMENTATIONS)
    prof.add_argument("folder", type=Path)
    prof.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.cmd == "profile":
        print(profile(args.impl, args.folder, top=args.top))
        return 0
    out = _child(args.impl, args.folder, args.dump, args.threads)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
