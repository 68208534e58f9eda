"""Per-visit weights, group shares and the stratified bootstrap behind the priorities.

The statistics kernel of :mod:`kalliola_analysis.materiality` (a private
module with public names, as seaborn keeps its statistics): every public
function of the priorities and the agreement builds a :class:`Weights` once
with :func:`visit_weights` and reads shares, ranks and resampled ranks from it.
None of these names is in the package's ``__all__``; users call the
functions built on them.

Examples
--------
>>> import kalliola_analysis as ka
>>> w = visit_weights(ka.load_demo("materiality"), min_n=5)
>>> w.shown
['Asiakkaat', 'Henkilöstö', 'Yhteistyökumppanit']
>>> float(group_shares(w, "Asiakkaat").sum())  # a group's shares sum to 1
1.0
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from .._validation import check_min_n, check_option
from ..errors import ParameterError
from ._data import Materiality

__all__: list[str] = []

#: How the groups are combined: each group counts equally, or each visit does.
WEIGHTINGS = ("equal", "pooled")
#: Resampled visit counts held in memory at once (per group) by the bootstrap.
_CHUNK = 2_000_000


@dataclass(frozen=True)
class Weights:
    """The visits' weights: ``matrix[v, t]`` is the weight visit ``v`` gives topic ``t``; each row sums to 1."""

    matrix: np.ndarray
    group: np.ndarray  # group code of each row
    groups: list[str]
    shown: list[str]  # groups with at least min_n weighted visits
    topics: list[str]

    def rows(self, g: str) -> np.ndarray:
        """Return the rows of ``matrix`` of group ``g``'s visits."""
        return self.matrix[self.group == self.groups.index(g)]

    def n(self, g: str) -> int:
        """Return the number of group ``g``'s visits that prioritised something."""
        return int((self.group == self.groups.index(g)).sum())


def _visit_matrix(m: Materiality) -> tuple[np.ndarray, np.ndarray]:
    """Weights of every visit that prioritised something, and its visit index.

    A visit's picks share its weight: 1/k for each of k picks; for a ranking,
    modified Borda points (k - rank + 1 over the k topics the visit ranked);
    for points, the points. Each row is normalised to sum to 1.
    """
    p = m.prioritisations
    visit_index = pd.Index(m.visits["visit_id"])
    rows = visit_index.get_indexer(p["visit_id"])
    cols = p["topic"].cat.codes.to_numpy()
    if m.kind == "ranking":
        rank = p["rank"].astype(float).to_numpy()
        # dense position within the visit (ranks 1, 3, 4 -> 1, 2, 3), then k - position + 1
        pos = p.assign(_r=rank).groupby("visit_id", observed=True)["_r"].rank(method="first")
        k = p.groupby("visit_id", observed=True)["visit_id"].transform("size")
        value = (k - pos + 1).to_numpy(dtype=float)
    elif m.kind == "points":
        value = p["points"].to_numpy(dtype=float)
    else:
        value = np.ones(len(p))
    mat = np.zeros((len(visit_index), len(m.topics)))
    np.add.at(mat, (rows, cols), value)
    total = mat.sum(axis=1)
    keep = total > 0
    return mat[keep] / total[keep, None], np.flatnonzero(keep)


def visit_weights(m: Materiality, min_n: int) -> Weights:
    """Return the weights of ``m``'s visits; the groups shown are those of at least ``min_n`` visits."""
    min_n = check_min_n(min_n)
    mat, idx = _visit_matrix(m)
    codes = m.visits["group"].cat.codes.to_numpy()[idx]
    groups = m.groups
    shown = [g for i, g in enumerate(groups) if (codes == i).sum() >= min_n]
    return Weights(mat, codes, groups, shown, list(m.topics["topic"]))


def group_shares(w: Weights, g: str) -> np.ndarray:
    """Return each topic's share of group ``g``'s weight (the mean of its visits' rows)."""
    return w.rows(g).mean(axis=0)


def overall_shares(w: Weights, weighting: str) -> np.ndarray:
    """Return each topic's share over the groups shown (``"equal"``) or over all visits (``"pooled"``)."""
    check_option("weighting", weighting, WEIGHTINGS)
    if weighting == "equal":
        if not w.shown:
            return np.full(len(w.topics), np.nan)
        return np.mean([group_shares(w, g) for g in w.shown], axis=0)
    return w.matrix.mean(axis=0) if len(w.matrix) else np.full(len(w.topics), np.nan)


def n_used(w: Weights, weighting: str) -> int:
    """Return the number of visits behind :func:`overall_shares` with this ``weighting``."""
    return sum(w.n(g) for g in w.shown) if weighting == "equal" else len(w.matrix)


def share_ranks(shares: np.ndarray) -> np.ndarray:
    """Return the ranks of shares: 1 = largest; ties share the best rank ("min"), row-wise; float."""
    return rankdata(-shares, method="min", axis=-1)


def check_bootstrap(n_resamples, confidence_level, top_k, n_topics) -> None:
    """Raise ParameterError unless the bootstrap options are valid (``n_topics`` is not checked)."""
    if isinstance(n_resamples, bool) or not isinstance(n_resamples, int) or n_resamples < 0:
        raise ParameterError(f"n_resamples must be a whole number >= 0, got {n_resamples!r}")
    if not isinstance(confidence_level, float | int) or not 0 < confidence_level < 1:
        raise ParameterError(f"confidence_level must be between 0 and 1, got {confidence_level!r}")
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ParameterError(f"top_k must be a whole number >= 1, got {top_k!r}")


def resampled_group_shares(
    w: Weights, n_resamples: int, seed: int, groups: list[str]
) -> dict[str, np.ndarray]:
    """Return ``{group: (n_resamples, n_topics)}`` shares, visits resampled within groups.

    One generator seeded with ``seed`` draws the groups in the data's order,
    so a result depends only on the data, ``n_resamples`` and ``seed``.
    """
    rng = np.random.default_rng(seed)
    out = {}
    for g in w.groups:
        rows = w.rows(g)
        n = len(rows)
        if n == 0:
            continue
        # in chunks, so a large group never needs an (n_resamples x n) array at once;
        # the generator draws the same numbers either way
        step = max(1, _CHUNK // n)
        parts = []
        for start in range(0, n_resamples, step):
            counts = rng.multinomial(n, np.full(n, 1.0 / n), size=min(step, n_resamples - start))
            if g in groups:
                parts.append(counts @ rows / n)
        if g in groups:
            out[g] = np.vstack(parts) if parts else np.empty((0, rows.shape[1]))
    return out


def resampled_overall_shares(w: Weights, weighting: str, n_resamples: int, seed: int) -> np.ndarray:
    """Return ``(n_resamples, n_topics)`` overall shares from :func:`resampled_group_shares`."""
    boot = resampled_group_shares(w, n_resamples, seed, w.groups)
    if weighting == "equal":
        return np.mean([boot[g] for g in w.shown], axis=0)
    total = sum(boot[g] * w.n(g) for g in boot)
    return total / len(w.matrix)


def percentile_interval(
    values: np.ndarray, confidence_level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return the percentile interval of ``values`` over axis 0."""
    alpha = (1 - confidence_level) / 2
    return np.quantile(values, alpha, axis=0), np.quantile(values, 1 - alpha, axis=0)


def rank_interval(ranks: np.ndarray, confidence_level: float) -> tuple[np.ndarray, np.ndarray]:
    """Return the whole-number percentile interval of ranks (outward: lower / higher order statistic)."""
    alpha = (1 - confidence_level) / 2
    lo = np.quantile(ranks, alpha, axis=0, method="lower")
    hi = np.quantile(ranks, 1 - alpha, axis=0, method="higher")
    return lo.astype(int), hi.astype(int)
