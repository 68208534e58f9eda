"""Agreement between the stakeholder groups' rankings: Kendall's W and Spearman's rho."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from ._data import Materiality
from ._priorities import DEFAULT_SEED
from ._shares import (
    check_bootstrap,
    group_shares,
    percentile_interval,
    resampled_group_shares,
    visit_weights,
)
from ._text import describe_agreement

__all__ = ["materiality_agreement", "kendall_w"]

AGREEMENT_COLUMNS = [
    "test",
    "group_a",
    "group_b",
    "effect_size",
    "ci_low",
    "ci_high",
    "statistic",
    "df",
    "df2",
    "p",
    "n",
    "m",
]


def _tie_sum(ranks: np.ndarray) -> float:
    """Sum of t^3 - t over the groups of tied values of one rater's ranks."""
    _, t = np.unique(ranks, return_counts=True)
    return float((t**3 - t).sum())


def kendall_w(ranks) -> pd.DataFrame:
    """Compute Kendall's coefficient of concordance W of m raters ranking the same n objects.

    Parameters
    ----------
    ranks : array-like, shape (m, n)
        One row per rater (here a stakeholder group), one column per object
        (a topic); the rater's ranks, ties as mid-ranks. Raw scores work too:
        each row is ranked first (average ranks), so the direction does not
        matter.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``test`` ``"kendall_w_chi2"`` and ``"kendall_w_f"``, with
        ``effect_size`` (W), ``statistic``, ``df``, ``df2`` (the F test's
        second df; NaN for chi-square), ``p``, ``n`` (objects) and ``m``
        (raters).

    Notes
    -----
    With :math:`R_j` the rank sum of object :math:`j`, :math:`S = \\sum_j
    (R_j - \\bar R)^2` and :math:`T_i = \\sum (t^3 - t)` over the ties of
    rater :math:`i`,

    .. math:: W = \\frac{12 S}{m^2 (n^3 - n) - m \\sum_i T_i}

    [1]_. The chi-square test uses :math:`\\chi^2 = m (n - 1) W` with
    :math:`n - 1` df, which equals Friedman's statistic with its tie
    correction (``scipy.stats.friedmanchisquare``). For few raters the F
    approximation is better [2]_: :math:`F = (m - 1) W / (1 - W)` with
    :math:`n - 1 - 2/m` and :math:`(m - 1)(n - 1 - 2/m)` df.

    References
    ----------
    .. [1] Kendall, M. G., & Babington Smith, B. (1939). The problem of m
       rankings. *Annals of Mathematical Statistics*, 10(3), 275-287.
    .. [2] Legendre, P. (2005). Species associations: the Kendall coefficient
       of concordance revisited. *Journal of Agricultural, Biological, and
       Environmental Statistics*, 10(2), 226-245.

    Examples
    --------
    Three raters, four objects; by hand: rank sums 4, 6, 8, 12, so
    :math:`S = 35` and :math:`W = 12 \\cdot 35 / (9 \\cdot 60) = 0.778`,
    :math:`\\chi^2 = 3 \\cdot 3 \\cdot W = 7`:

    >>> r = [[1, 2, 3, 4], [1, 3, 2, 4], [2, 1, 3, 4]]
    >>> kendall_w(r)[["test", "effect_size", "statistic", "df"]].round(4)
                 test  effect_size  statistic      df
    0  kendall_w_chi2       0.7778     7.0000  3.0000
    1     kendall_w_f       0.7778     7.0000  2.3333
    """
    r = np.asarray(ranks, dtype=float)
    m, n = r.shape
    if m:
        r = stats.rankdata(r, axis=1)
    w = np.nan
    if m >= 2 and n >= 2:
        rj = r.sum(axis=0)
        s = float(((rj - rj.mean()) ** 2).sum())
        denom = m**2 * (n**3 - n) - m * sum(_tie_sum(row) for row in r)
        w = 12 * s / denom if denom > 0 else np.nan
    chi2 = m * (n - 1) * w
    df1 = n - 1 - 2 / m if m else np.nan
    df2 = (m - 1) * df1
    f = (m - 1) * w / (1 - w) if w < 1 else np.inf
    rows = [
        {"test": "kendall_w_chi2", "statistic": chi2, "df": float(n - 1), "df2": np.nan,
         "p": stats.chi2.sf(chi2, n - 1) if n > 1 else np.nan},
        {"test": "kendall_w_f", "statistic": f, "df": df1, "df2": df2,
         "p": stats.f.sf(f, df1, df2) if df1 > 0 and df2 > 0 else np.nan},
    ]  # fmt: skip
    out = pd.DataFrame(rows)
    out["effect_size"] = w
    out["n"], out["m"] = n, m
    if np.isnan(w):
        out[["statistic", "p"]] = np.nan
    return out


def _w_resampled(ranks: np.ndarray) -> np.ndarray:
    """W for each resample; ``ranks`` is (groups, resamples, topics) of average ranks.

    Uses that for average ranks :math:`\\sum_j (r_j - (n+1)/2)^2 = (n^3 - n - T)/12`,
    so the tie term needs no counting.
    """
    m, _, n = ranks.shape
    rj = ranks.sum(axis=0)
    s = ((rj - rj.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    ties = (n**3 - n) - 12 * ((ranks - (n + 1) / 2) ** 2).sum(axis=2)  # (groups, resamples)
    denom = m**2 * (n**3 - n) - m * ties.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denom > 0, 12 * s / denom, np.nan)


def _rho_resampled(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise Pearson correlation of two (resamples, topics) rank arrays = Spearman's rho."""
    a = a - a.mean(axis=1, keepdims=True)
    b = b - b.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a * b).sum(axis=1) / np.sqrt((a * a).sum(axis=1) * (b * b).sum(axis=1))


def materiality_agreement(
    m: Materiality,
    *,
    min_n: int = 5,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Measure how far the stakeholder groups agree on the order of the topics.

    Each group's topics are ranked by their share in the group
    (:func:`materiality_group_priorities`); Kendall's W measures the
    agreement of all groups at once (0 = none, 1 = identical rankings), the
    pairwise Spearman correlations show which groups differ.

    Parameters
    ----------
    m : Materiality
        The data.
    min_n : int, default 5
        Groups with fewer visits take no part (they are not shown on their own).
    n_resamples : int, default 2000
        Bootstrap resamples for the intervals of W and rho (visits resampled
        within groups, as in :func:`materiality_priorities`); 0 skips them.
    confidence_level : float, default 0.95
        Coverage of the percentile intervals.
    seed : int, default DEFAULT_SEED
        Seed of the bootstrap.

    Returns
    -------
    pandas.DataFrame
        Columns ``test`` (``"kendall_w_chi2"``, ``"kendall_w_f"``,
        ``"spearman"``), ``group_a``, ``group_b`` (the pair, for Spearman),
        ``effect_size`` (W or rho), ``ci_low``, ``ci_high`` (bootstrap
        interval of W or rho), ``statistic`` (chi-square or F; NaN for
        Spearman), ``df``, ``df2``, ``p``, ``n`` (topics), ``m`` (groups).
        ``attrs["description"]`` says what the numbers mean, in English,
        including that with few groups the test has little power;
        :func:`describe_agreement` writes it in Finnish or English.

    See Also
    --------
    kendall_w : The statistic on a matrix of ranks.

    Notes
    -----
    The test of W asks only whether there is *any* agreement beyond chance.
    With three groups it rests on three rankings: the chi-square
    approximation is rough and the test has little power, so a large p does
    not show disagreement and a small p does not show that the groups were
    "very unanimous". Read W, its interval and the pairwise correlations.

    The bootstrap intervals resample visits within groups. Resampling noise
    makes the resampled rankings agree a little less than the observed ones,
    so W's interval tends to lie below W; it shows the sampling uncertainty,
    not a bias-corrected estimate.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> a = ka.materiality_agreement(ka.load_demo("materiality"), n_resamples=0)
    >>> a[["test", "group_a", "group_b", "m", "n"]]
                 test   group_a             group_b  m   n
    0  kendall_w_chi2      <NA>                <NA>  3  20
    1     kendall_w_f      <NA>                <NA>  3  20
    2        spearman   Asiakkaat          Henkilöstö  3  20
    3        spearman   Asiakkaat  Yhteistyökumppanit  3  20
    4        spearman  Henkilöstö  Yhteistyökumppanit  3  20
    >>> bool(a["effect_size"].iloc[0] > 0.8)
    True
    """
    w = visit_weights(m, min_n)
    check_bootstrap(n_resamples, confidence_level, 1, len(w.topics))
    groups = w.shown
    shares = np.array([group_shares(w, g) for g in groups]).reshape(len(groups), len(w.topics))
    out = kendall_w(-shares)
    out["group_a"] = out["group_b"] = pd.NA
    boot = resampled_group_shares(w, n_resamples, seed, groups) if n_resamples and groups else {}
    branks = stats.rankdata(-np.array([boot[g] for g in groups]), axis=2) if boot else None
    out["ci_low"] = out["ci_high"] = np.nan
    if branks is not None and len(groups) >= 2:
        lo, hi = percentile_interval(_w_resampled(branks), confidence_level)
        out["ci_low"], out["ci_high"] = lo, hi
    rows = []
    for i, j in combinations(range(len(groups)), 2):
        res = stats.spearmanr(shares[i], shares[j])
        row = {"test": "spearman", "group_a": groups[i], "group_b": groups[j],
               "effect_size": float(res.statistic), "p": float(res.pvalue),
               "df": float(len(w.topics) - 2), "ci_low": np.nan, "ci_high": np.nan}  # fmt: skip
        if branks is not None:
            rho = _rho_resampled(branks[i], branks[j])
            row["ci_low"], row["ci_high"] = percentile_interval(
                rho[~np.isnan(rho)], confidence_level
            )
        rows.append(row)
    if rows:
        out = pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
    out["n"], out["m"] = len(w.topics), len(groups)
    for c in ("group_a", "group_b"):
        out[c] = out[c].astype("string")
    for c in ("n", "m"):
        out[c] = out[c].astype("Int64")
    out = out[AGREEMENT_COLUMNS]
    out.attrs["description"] = describe_agreement(out, lang="en")
    return out
