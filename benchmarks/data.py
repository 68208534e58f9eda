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
with different parameters (``params.json``).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["BenchParams", "ensure_dataset", "generate", "likert_questions", "nps_question"]

#: Bump when the generator changes, so cached data sets are rebuilt.
_GENERATOR_VERSION = 1

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
    period_code = np.repeat(np.arange(params.periods, dtype=np.int8), per_period)
    # rows in arrival order (not sorted by unit); every unit answers in every period
    unit_code = np.concatenate(
        [rng.choice(params.units, size=m, p=weights) for m in per_period]
    ).astype(np.int16)
    starts = np.concatenate([[0], np.cumsum(per_period)[:-1]])
    for s in starts:
        unit_code[s : s + params.units] = rng.permutation(params.units)
    group = period_code.astype(np.int32) * params.units + unit_code
    n_groups = params.periods * params.units

    cols: dict[str, object] = {
        "response_id": pd.array([f"r{i:07d}" for i in range(1, n + 1)], dtype="string"),
        "period": pd.Categorical.from_codes(period_code, categories=periods, ordered=True),
        "unit": pd.Categorical.from_codes(unit_code, categories=units),
    }
    unit_effect = rng.normal(0.0, 0.35, params.units)
    period_effect = np.linspace(0.0, 0.15, params.periods)
    group_effect = (period_effect[:, None] + unit_effect[None, :]).ravel()
    levels = np.arange(5) - 2.0
    for q in likert_questions(params):
        base = rng.normal(0.6, 0.4)
        logits = (base + group_effect)[:, None] * levels[None, :] * 0.6
        codes = _draw(rng, _softmax(logits), group) + 1
        mask = rng.random(n) < params.missing
        cols[q] = pd.arrays.IntegerArray(codes.astype(np.int8), mask)
    nps_levels = np.arange(11) - 5.0
    logits = (1.0 + group_effect)[:, None] * nps_levels[None, :] * 0.35
    codes = _draw(rng, _softmax(logits), group)
    mask = rng.random(n) < params.missing
    cols[nps_question(params)] = pd.arrays.IntegerArray(codes.astype(np.int8), mask)
    responses = pd.DataFrame(cols)
    responses.to_parquet(out / "responses.parquet", index=False, row_group_size=128 * 1024)

    counts = np.bincount(group, minlength=n_groups)
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

    lq = likert_questions(params)
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
    (out / "params.json").write_text(json.dumps(_stamp(params), indent=2), encoding="utf-8")
    return out


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
            if json.loads(stamp.read_text(encoding="utf-8")) == _stamp(params):
                return folder, False
        except json.JSONDecodeError:
            pass
    return generate(params, folder), True
