"""Report benchmark: one pulse report against its floor, and ``report all`` on two cores.

*Floor*: what any Papermill report costs before doing any work of its own — a
notebook holding only the pulse notebook's ``parameters`` cell and its import
statements (read from ``notebooks/pulse_report.ipynb`` at run time), executed
by Papermill with the same kernel and exported with the same HTML export
function the runner uses (:func:`kalliola_analysis.reports.export.notebook_to_html`).

*Report*: ``run_report("pulse", data=..., period=<latest>, out=...)`` on the
demo data, prepared into a temporary folder (``prepare_all`` when available,
else the raw demo folders, which the readers accept too).

*Batch*: ``run_all(data, out=..., jobs=2)`` against ``jobs=1`` (the same
reports one after another).

Targets (issue "Per-period reports"): a report within 1.3x the floor; the batch
at least 1.7x faster than sequential.
"""

from __future__ import annotations

import ast
import inspect
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["bench_reports", "floor_notebook", "notebook_imports"]

ROOT = Path(__file__).resolve().parents[1]


def _runner():
    """``(run_report, run_all)`` from the package, or raise ImportError."""
    try:
        from kalliola_analysis.reports import run_all, run_report
    except ImportError:
        from kalliola_analysis.reports.runner import run_all, run_report
    return run_report, run_all


def notebook_imports(notebook: Path) -> list[str]:
    """The import statements of a notebook's code cells, in order, deduplicated."""
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    found: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics: keep only what parses line by line
            tree = ast.Module(body=[], type_ignores=[])
            for line in cell.source.splitlines():
                try:
                    tree.body += ast.parse(line).body
                except SyntaxError:
                    continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                stmt = ast.unparse(node)
                if stmt not in found:
                    found.append(stmt)
    return found


def floor_notebook(notebook: Path, out: Path) -> Path:
    """Write the floor notebook for ``notebook`` to ``out``.

    It keeps the ``parameters`` cell (so Papermill injects the same parameters)
    and one cell with the notebook's import statements; nothing else.
    """
    import nbformat

    nb = nbformat.read(str(notebook), as_version=4)
    params = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    floor = nbformat.v4.new_notebook(metadata=nb.metadata)
    floor.cells = [nbformat.v4.new_code_cell(c.source, metadata=c.metadata) for c in params[:1]]
    floor.cells.append(nbformat.v4.new_code_cell("\n".join(notebook_imports(notebook))))
    nbformat.write(floor, str(out))
    return out


def _parameters_for(floor: Path, wanted: dict) -> dict:
    """Only the parameters the floor notebook declares."""
    import papermill

    declared = papermill.inspect_notebook(str(floor))
    return {k: v for k, v in wanted.items() if k in declared}


def _run_floor(floor: Path, work: Path, parameters: dict, kernel: str | None) -> float:
    import papermill

    from kalliola_analysis.reports.export import notebook_to_html, write_html

    executed = work / "floor.out.ipynb"
    t0 = time.perf_counter()
    nb = papermill.execute_notebook(
        str(floor),
        str(executed),
        parameters=parameters,
        kernel_name=kernel,
        progress_bar=False,
        cwd=str(work),
    )
    write_html(notebook_to_html(nb), work / "floor.html")
    return time.perf_counter() - t0


def _prepare_data(tmp: Path) -> tuple[Path, str]:
    """Copy the raw demo data to ``tmp`` and prepare it; return the data folder and how."""
    raw = tmp / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    try:
        from kalliola_analysis.prepare import prepare_all
    except ImportError:
        return raw, "raw demo data (prepare_all not available)"
    processed = tmp / "processed"
    params = inspect.signature(prepare_all).parameters
    if "processed" in params or "out" in params:
        key = "processed" if "processed" in params else "out"
        prepare_all(raw, **{key: processed})
    else:
        prepare_all(raw, processed)
    return processed, "demo data prepared with prepare_all"


def _kernel_name(run_report) -> str | None:
    """The kernel the runner asks Papermill for (None: the notebook's own)."""
    try:
        module = inspect.getmodule(run_report)
        return getattr(module, "KERNEL_NAME", None)
    except (TypeError, AttributeError):
        return None


def bench_reports(args) -> str:
    """Run the report benchmark; return "met", "not met" or "skipped"."""
    print("== Reports: one pulse report vs the floor; report all, 2 jobs vs 1 ==")
    notebook = ROOT / "notebooks" / "pulse_report.ipynb"
    try:
        run_report, run_all = _runner()
        from kalliola_analysis.reports.export import notebook_to_html  # noqa: F401
    except ImportError as exc:
        print(f"skipped: runner not available ({exc})")
        return "skipped"
    if not notebook.is_file():
        print(f"skipped: runner not available (no notebook {notebook.relative_to(ROOT)})")
        return "skipped"
    import papermill  # noqa: F401 - imported before any clock starts
    from nbconvert import HTMLExporter  # noqa: F401

    repeats = max(1, args.repeats)
    with tempfile.TemporaryDirectory(prefix="kalliola-bench-reports-") as tmp_name:
        tmp = Path(tmp_name)
        data, how = _prepare_data(tmp)
        print(f"data: {how}")
        pulse = next(p for p in (data / "pulse", data) if (p / "dataset.toml").is_file())
        import kalliola_analysis as ka

        period = ka.read_survey(pulse).periods[-1]
        imports = notebook_imports(notebook)
        print(f"floor: parameters cell + {len(imports)} import(s): {'; '.join(imports)}")
        floor = floor_notebook(notebook, tmp / "floor.ipynb")
        parameters = _parameters_for(floor, {"data": str(pulse), "period": period, "lang": "fi"})
        kernel = _kernel_name(run_report)

        floor_times, report_times = [], []
        for i in range(repeats):  # alternate, so both see the same machine load
            floor_times.append(_run_floor(floor, tmp, parameters, kernel))
            out = tmp / f"single-{i}"
            t0 = time.perf_counter()
            run_report("pulse", data=pulse, period=period, out=out)
            report_times.append(time.perf_counter() - t0)
        f_best, r_best = min(floor_times), min(report_times)

        batch = {}
        for jobs in (1, 2):
            out = tmp / f"all-{jobs}"
            t0 = time.perf_counter()
            produced = run_all(data, out=out, jobs=jobs)
            batch[jobs] = time.perf_counter() - t0
            n_reports = len(list(out.rglob("*.html")))
            if produced is not None and not n_reports:
                n_reports = len(produced)
        print()
        print(f"{'measurement':<40}{'seconds':>10}")
        print("-" * 50)
        print(f"{'floor (papermill imports + HTML)':<40}{f_best:>10.2f}")
        print(f"{'run_report pulse ' + period:<40}{r_best:>10.2f}")
        print(f"{'run_all jobs=1 (' + str(n_reports) + ' reports)':<40}{batch[1]:>10.2f}")
        print(f"{'run_all jobs=2':<40}{batch[2]:>10.2f}")
        print(f"  (single report and floor: best of {repeats}, alternated; batches: one run each)")
        print()
        ratio = r_best / f_best
        speedup = batch[1] / batch[2]
        ok1 = ratio <= 1.3
        ok2 = speedup >= 1.7
        print(f"target report within 1.3x the floor: {ratio:.2f}x -> {'MET' if ok1 else 'NOT MET'}")
        print(
            f"target batch >= 1.7x faster than sequential: {speedup:.2f}x -> "
            f"{'MET' if ok2 else 'NOT MET'}"
        )
    return "met" if ok1 and ok2 else "not met"
