"""Deterministic synthetic pulse-survey data for the benchmarks, written as Parquet.

The data set is shaped like a processed pulse survey folder (what ``prepare``
writes): ``responses.parquet`` with the typed columns a :class:`~kalliola_analysis.Survey`
holds (``response_id`` string, ``period`` ordered categorical ``YYYY-MM``,
``unit`` categorical, answers as nullable ``Int8`` with about 3 % missing),
``codebook.parquet``, ``invitations.parquet`` and ``dataset.toml``.

Sizes are read as: ``rows`` response rows *in total*, split evenly over the
periods (the default 1,000,000 rows x 2 periods = 500,000 responses per period),
``questions`` answer columns of which the last is an NPS question (0-10) and the
rest Likert 1-5, ``units`` organisational units of unequal size.

Generation is cached: a folder is rewritten only when it is missing or was made
with different parameters (``params.json``). Rows are generated and written in
chunks of :data:`CHUNK_ROWS` (each with its own seeded generator), so 100
million rows never sit in memory at once. Like ``prepare``'s output, the folder
has a ``manifest.json`` with the SHA-256 of each file, so ``read_survey`` reads
it as a processed data set (checksums checked, contract not re-validated).
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["BenchParams", "ensure_dataset", "generate", "likert_questions", "nps_question"]

#: Bump when the generator changes, so cached data sets are rebuilt.
_GENERATOR_VERSION = 2

#: Rows generated and written at a time.
CHUNK_ROWS = 1_000_000

_LIKERT_FI = (
    "Täysin eri mieltä|Eri mieltä|Ei samaa eikä eri mieltä|Samaa mieltä|Täysin samaa mieltä"
)
_LIKERT_EN = "Strongly disagree|Disagree|Neither agree nor disagree|Agree|Strongly agree"


@dataclass(frozen=True)
class BenchParams:
    """Size and seed of a benchmark data set.

    ``rows`` is the total number of response rows over all ``periods``.
    """

    rows: int = 1_000_000
    questions: int = 40
    units: int = 50
    periods: int = 2
    missing: float = 0.03
    seed: int = 20231124

    def __post_init__(self) -> None:
        if self.questions < 2:
            raise ValueError("questions must be at least 2 (one Likert and the NPS question)")
        if self.units < 1 or self.periods < 1 or self.rows < self.units * self.periods:
            raise ValueError("need at least one response per unit and period")

    @property
    def slug(self) -> str:
        """Folder name that identifies the parameters."""
        return f"pulse_r{self.rows}_q{self.questions}_u{self.units}_p{self.periods}_s{self.seed}"

    def describe(self) -> str:
        """One line saying how the sizes are read."""
        per = self.rows // self.periods
        return (
            f"{self.rows:,} response rows in total = {self.periods} periods x ~{per:,} respondents, "
            f"{self.questions} questions ({self.questions - 1} Likert 1-5 + 1 NPS 0-10), "
            f"{self.units} units, ~{self.missing:.0%} missing answers"
        )


def likert_questions(params: BenchParams) -> list[str]:
    """Ids of the Likert questions: ``q01``, ``q02``, ..."""
    return [f"q{i:02d}" for i in range(1, params.questions)]


def nps_question(params: BenchParams) -> str:
    """Id of the NPS question."""
    return "enps"


def _periods(k: int) -> list[str]:
    # Twice a year, May and November, starting 2022-05.
    out = []
    for i in range(k):
        year, half = divmod(i, 2)
        out.append(f"{2022 + year}-{'05' if half == 0 else '11'}")
    return out


def _draw(rng: np.random.Generator, probs: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Draw one categorical answer per row; ``probs[g]`` is the distribution of group ``g``."""
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(len(group))
    # per row: number of cumulative thresholds below u = 0-based option
    out = np.zeros(len(group), dtype=np.int8)
    for k in range(probs.shape[1] - 1):
        out += u >= cum[group, k]
    return out


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def generate(params: BenchParams, out: Path) -> Path:
    """Write the data set for ``params`` to the folder ``out`` (replaced) and return it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    t0 = time.perf_counter()
    rng = np.random.default_rng(params.seed)
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    periods = _periods(params.periods)
    units = [f"U{i:02d}" for i in range(1, params.units + 1)]
    n = params.rows
    # unequal unit sizes, the same shares in every period
    weights = rng.lognormal(0.0, 0.6, params.units)
    weights /= weights.sum()
    per_period = np.full(params.periods, n // params.periods)
    per_period[: n % params.periods] += 1
    n_groups = params.periods * params.units
    unit_effect = rng.normal(0.0, 0.35, params.units)
    period_effect = np.linspace(0.0, 0.15, params.periods)
    group_effect = (period_effect[:, None] + unit_effect[None, :]).ravel()
    levels = np.arange(5) - 2.0
    likert = likert_questions(params)
    likert_probs = []
    for _q in likert:
        base = rng.normal(0.6, 0.4)
        likert_probs.append(_softmax((base + group_effect)[:, None] * levels[None, :] * 0.6))
    nps_levels = np.arange(11) - 5.0
    nps_probs = _softmax((1.0 + group_effect)[:, None] * nps_levels[None, :] * 0.35)

    counts = np.zeros(n_groups, dtype=np.int64)
    writer = None
    schema = None
    row0 = 0
    try:
        for p, m in enumerate(per_period):
            for c, start in enumerate(range(0, int(m), CHUNK_ROWS)):
                size = min(CHUNK_ROWS, int(m) - start)
                crng = np.random.default_rng([params.seed, p, c])
                # rows in arrival order (not sorted by unit); every unit answers in every period
                unit_code = crng.choice(params.units, size=size, p=weights).astype(np.int16)
                if c == 0:
                    k = min(params.units, size)
                    unit_code[:k] = crng.permutation(params.units)[:k]
                group = p * params.units + unit_code.astype(np.int32)
                counts += np.bincount(group, minlength=n_groups)
                cols: dict[str, object] = {
                    "response_id": pd.array(
                        [f"r{i:09d}" for i in range(row0 + 1, row0 + size + 1)], dtype="string"
                    ),
                    "period": pd.Categorical.from_codes(
                        np.full(size, p, dtype=np.int8), categories=periods, ordered=True
                    ),
                    "unit": pd.Categorical.from_codes(unit_code, categories=units),
                }
                for q, probs in zip(likert, likert_probs, strict=True):
                    codes = _draw(crng, probs, group) + 1
                    cols[q] = pd.arrays.IntegerArray(
                        codes.astype(np.int8), crng.random(size) < params.missing
                    )
                codes = _draw(crng, nps_probs, group)
                cols[nps_question(params)] = pd.arrays.IntegerArray(
                    codes.astype(np.int8), crng.random(size) < params.missing
                )
                frame = pd.DataFrame(cols)
                if writer is None:
                    table = pa.Table.from_pandas(frame, preserve_index=False)
                    schema = table.schema
                    writer = pq.ParquetWriter(out / "responses.parquet", schema)
                else:
                    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
                writer.write_table(table, row_group_size=128 * 1024)
                row0 += size
                del frame, table, cols
    finally:
        if writer is not None:
            writer.close()

    rate = rng.uniform(0.6, 0.9, n_groups)
    invited = np.ceil(counts / rate).astype(np.int64)
    invitations = pd.DataFrame(
        {
            "period": pd.Categorical(np.repeat(periods, params.units), categories=periods),
            "unit": pd.Categorical(np.tile(units, params.periods), categories=units),
            "invited": invited,
        }
    )
    invitations.to_parquet(out / "invitations.parquet", index=False)

    lq = likert
    codebook = pd.DataFrame(
        {
            "question": [*lq, nps_question(params)],
            "text_fi": [f"Väittämä {i}" for i in range(1, len(lq) + 1)]
            + ["Kuinka todennäköisesti suosittelisit meitä työnantajana?"],
            "text_en": [f"Statement {i}" for i in range(1, len(lq) + 1)]
            + ["How likely would you recommend us as an employer?"],
            "type": ["likert"] * len(lq) + ["nps"],
            "scale_min": pd.array([1] * len(lq) + [0], dtype="Int64"),
            "scale_max": pd.array([5] * len(lq) + [10], dtype="Int64"),
            "labels_fi": [_LIKERT_FI] * len(lq) + [""],
            "labels_en": [_LIKERT_EN] * len(lq) + [""],
            "theme": [f"teema {1 + i // 10}" for i in range(len(lq))] + [""],
            "reverse": [False] * (len(lq) + 1),
        }
    )
    codebook.to_parquet(out / "codebook.parquet", index=False)
    (out / "dataset.toml").write_text(
        'kind = "pulse"\n'
        'title_fi = "Synteettinen pulssikysely (suorituskykytesti)"\n'
        'title_en = "Synthetic pulse survey (benchmark)"\n'
        f'slug = "{params.slug}"\n',
        encoding="utf-8",
    )
    _write_manifest(out)
    stamp = {**_stamp(params), "generated_seconds": round(time.perf_counter() - t0, 1)}
    (out / "params.json").write_text(json.dumps(stamp, indent=2), encoding="utf-8")
    return out


def _write_manifest(out: Path) -> None:
    """A manifest as ``prepare`` writes it: the SHA-256 of every file of the data set."""
    from kalliola_analysis.io.atomic import file_sha256
    from kalliola_analysis.io.processed import MANIFEST, MARKER

    files = {
        f.name: file_sha256(f)
        for f in sorted(out.iterdir())
        if f.suffix == ".parquet" or f.name == "dataset.toml"
    }
    doc = {"prepared_by": MARKER, "kind": "pulse", "files": files}
    (out / MANIFEST).write_text(json.dumps(doc, indent=2), encoding="utf-8")


def _stamp(params: BenchParams) -> dict:
    return {"generator_version": _GENERATOR_VERSION, **asdict(params)}


def ensure_dataset(params: BenchParams, root: Path) -> tuple[Path, bool]:
    """Return the folder for ``params`` under ``root``, generating it if needed.

    Returns the folder and whether it was (re)generated.
    """
    folder = Path(root) / params.slug
    stamp = folder / "params.json"
    needed = ["responses.parquet", "codebook.parquet", "invitations.parquet", "dataset.toml"]
    if stamp.is_file() and all((folder / f).is_file() for f in needed):
        try:
            found = json.loads(stamp.read_text(encoding="utf-8"))
            found.pop("generated_seconds", None)
            if found == _stamp(params):
                return folder, False
        except json.JSONDecodeError:
            pass
    return generate(params, folder), True
