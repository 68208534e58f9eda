"""The statistics behind :func:`~kalliola_analysis.compare_groups`, from answer counts.

Mann-Whitney U from rank sums over ordered answer options, Welch intervals,
the eNPS difference z test, and Holm / Benjamini-Hochberg adjustment.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

from .nps import _classes, _wald_var

__all__: list[str] = []


def _p_adjust(p: np.ndarray, method: str) -> np.ndarray:
    """Holm or Benjamini-Hochberg adjusted p-values of a 1-d array (NaN kept out)."""
    out = np.full(len(p), np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return out
    pv = p[ok]
    if method == "none":
        out[ok] = pv
        return out
    order = np.argsort(pv, kind="stable")
    ranked = pv[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:  # fdr_bh
        adj = np.minimum.accumulate((m / np.arange(m, 0, -1)) * ranked[::-1])[::-1]
    adj = np.minimum(adj, 1.0)
    back = np.empty(m)
    back[order] = adj
    out[ok] = back
    return out


def _mannwhitney(ca: np.ndarray, cb: np.ndarray, alternative: str):
    """U of group a, its p-value (normal approximation, continuity and tie corrections).

    ``ca``, ``cb``: counts over ordered categories, last axis. Equals
    ``scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)``
    on the expanded answers, with ``alternative`` about b - a.
    """
    ca = ca.astype(np.float64)
    cb = cb.astype(np.float64)
    na, nb = ca.sum(axis=-1), cb.sum(axis=-1)
    t = ca + cb
    n = na + nb
    midrank = np.cumsum(t, axis=-1) - t + (t + 1.0) / 2.0
    r_a = (ca * midrank).sum(axis=-1)
    u_a = r_a - na * (na + 1.0) / 2.0
    u_b = na * nb - u_a
    tie = (t**3 - t).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.sqrt(na * nb / 12.0 * ((n + 1.0) - tie / (n * (n - 1.0))))
        mu = na * nb / 2.0
        if alternative == "two-sided":
            u, factor = np.maximum(u_a, u_b), 2.0
        elif alternative == "greater":  # b tends to be greater: scipy's "less" for x=a
            u, factor = u_b, 1.0
        else:
            u, factor = u_a, 1.0
        z = (u - mu - 0.5) / s
        p = np.clip(factor * stats.norm.sf(z), 0.0, 1.0)
        effect = 1.0 - 2.0 * u_a / (na * nb)
    bad = (na == 0) | (nb == 0)
    return (
        np.where(bad, np.nan, u_a),
        np.where(bad, np.nan, p),
        np.where(bad, np.nan, effect),
    )


def _moments(scored: np.ndarray, lo: np.ndarray):
    values = lo[:, None] + np.arange(scored.shape[-1])[None, :]
    scored = scored.astype(np.float64)
    n = scored.sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (scored * values).sum(axis=-1) / n
        var = (scored * (values - mean[..., None]) ** 2).sum(axis=-1) / (n - 1.0)
    return n, mean, var


def _interval(diff, se, quantile, alternative, level=0.95):
    """Interval of a difference with standard error ``se`` and quantile function ``quantile``."""
    with np.errstate(invalid="ignore"):
        if alternative == "two-sided":
            half = quantile(0.5 + level / 2.0) * se
            return diff - half, diff + half
        half = quantile(level) * se
        if alternative == "greater":
            return diff - half, np.full_like(diff, np.inf)
        return np.full_like(diff, -np.inf), diff + half


def _z_p(z, alternative):
    if alternative == "two-sided":
        return np.clip(2.0 * stats.norm.sf(np.abs(z)), 0.0, 1.0)
    if alternative == "greater":
        return stats.norm.sf(z)
    return stats.norm.cdf(z)


def _welch(cnt_a: np.ndarray, cnt_b: np.ndarray, lo: np.ndarray, alternative: str):
    """n, means, difference b - a and its Welch t interval, per row and question."""
    na, mean_a, var_a = _moments(cnt_a, lo)
    nb, mean_b, var_b = _moments(cnt_b, lo)
    diff = mean_b - mean_a
    with np.errstate(invalid="ignore", divide="ignore"):
        va, vb = var_a / na, var_b / nb
        se = np.sqrt(va + vb)
        df = (va + vb) ** 2 / (va**2 / (na - 1.0) + vb**2 / (nb - 1.0))
    ci_low, ci_high = _interval(diff, se, lambda q: stats.t.ppf(q, df), alternative)
    zero = se == 0
    return (
        na,
        nb,
        mean_a,
        mean_b,
        diff,
        np.where(zero, diff, ci_low),
        np.where(zero, diff, ci_high),
    )


def _nps_difference(ca: np.ndarray, cb: np.ndarray, lo: int, alternative: str):
    """eNPS of a and b, their difference, its interval, z and p (independent samples)."""
    da, _, pa = _classes(ca, lo)
    db, _, pb = _classes(cb, lo)
    na, nb = ca.sum(axis=-1).astype(float), cb.sum(axis=-1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        e_a = 100.0 * (pa - da) / na
        e_b = 100.0 * (pb - db) / nb
        var = 100.0**2 * (_wald_var(pa / na, da / na) / na + _wald_var(pb / nb, db / nb) / nb)
        d = e_b - e_a
        se = np.sqrt(var)
        z = d / se
    low, high = _interval(d, se, stats.norm.ppf, alternative)
    p = np.where(np.isnan(z), np.nan, _z_p(z, alternative))
    return e_a, e_b, d, low, high, z, p
