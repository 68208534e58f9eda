"""The statistics behind :func:`~kalliola_analysis.compare_groups`, from answer counts.

Mann-Whitney U from rank sums over ordered answer options, Welch intervals,
the eNPS difference test (exact permutation test on the promoter / passive /
detractor counts, its normal approximation for large groups, and a MOVER
interval built from the one-group score intervals), and Holm /
Benjamini-Hochberg adjustment.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

from .nps import nps_classes, score_interval

__all__ = [
    "adjust_pvalues",
    "mannwhitney",
    "welch",
    "NPS_EXACT_MAX",
    "nps_exact_p",
    "nps_difference",
    "spearman_interval",
    "bootstrap_spearman_interval",
]


def adjust_pvalues(p: np.ndarray, method: str) -> np.ndarray:
    """Holm or Benjamini-Hochberg adjusted p-values of a 1-d array (NaN kept out).

    Parameters
    ----------
    p : numpy.ndarray
        Raw p-values; NaN entries (tests not run, e.g. hidden cells) are left
        NaN and do not count towards the number of tests.
    method : {"holm", "fdr_bh", "none"}
        Holm's step-down family-wise correction, Benjamini-Hochberg's false
        discovery rate, or no adjustment. Both equal ``statsmodels``'
        ``multipletests(p, method=method)[1]``.

    Returns
    -------
    numpy.ndarray
        The adjusted p-values, in the order of ``p``, within [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> adjust_pvalues(np.array([0.01, 0.04, np.nan, 0.03]), "holm")
    array([0.03, 0.06,  nan, 0.06])
    >>> adjust_pvalues(np.array([0.01, 0.04, np.nan, 0.03]), "fdr_bh")
    array([0.03, 0.04,  nan, 0.04])
    """
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


def mannwhitney(ca: np.ndarray, cb: np.ndarray, alternative: str):
    """U of group a, its p-value (normal approximation, continuity and tie corrections).

    ``ca``, ``cb``: counts over ordered categories, last axis. Equals
    ``scipy.stats.mannwhitneyu(a, b, method="asymptotic", use_continuity=True)``
    on the expanded answers, with ``alternative`` about b - a. Returns
    ``(u_a, p, effect)``, each NaN where a group has no answers; ``effect`` is
    the rank-biserial correlation ``1 - 2 U_a / (n_a n_b)``.

    Examples
    --------
    >>> import numpy as np
    >>> u, p, r = mannwhitney(np.array([[3, 2, 0]]), np.array([[0, 2, 3]]), "two-sided")
    >>> float(u[0]), round(float(p[0]), 4), round(float(r[0]), 2)
    (2.0, 0.0269, 0.84)

    as ``scipy.stats.mannwhitneyu([1, 1, 1, 2, 2], [2, 2, 3, 3, 3])`` gives.
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


def welch(cnt_a: np.ndarray, cnt_b: np.ndarray, lo: np.ndarray, alternative: str):
    """n, means, difference b - a and its Welch t interval, per row and question.

    ``cnt_a``, ``cnt_b``: answer counts ``[rows, questions, options]`` with
    option 0 the answer ``lo`` of each question. Returns ``(n_a, n_b, mean_a,
    mean_b, diff, ci_low, ci_high)``; the 95 % interval is two-sided or
    one-sided as ``alternative`` says, and collapses to ``diff`` when both
    groups have no spread.
    """
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


#: The exact permutation test is used while the smaller group has at most this
#: many answers (at most ~126,000 tables of its class counts to enumerate);
#: above it, the normal approximation of the same permutation distribution.
NPS_EXACT_MAX = 500


def nps_exact_p(counts_a, counts_b, alternative: str) -> float:
    """Exact permutation p-value of the eNPS difference b - a, from class counts.

    ``counts_a``, ``counts_b``: (detractors, passives, promoters) of each group.
    Conditional on the pooled class totals, the smaller group's table
    ``(x_d, x_0, x_p)`` is multivariate hypergeometric under the null that the
    two groups are exchangeable; every table is enumerated. The statistic
    ``T = n_a s_b - n_b s_a`` (``s`` = promoters - detractors) is the eNPS
    difference times ``n_a n_b / 100``: integer, so ties are exact.
    """
    da, za, pa = (int(v) for v in counts_a)
    db, zb, pb = (int(v) for v in counts_b)
    na, nb = da + za + pa, db + zb + pb
    n = na + nb
    d_tot, z_tot, p_tot = da + db, za + zb, pa + pb
    s_tot = p_tot - d_tot
    t_obs = na * (pb - db) - nb * (pa - da)
    m, enumerate_a = (na, True) if na <= nb else (nb, False)
    x_d, x_p = np.meshgrid(np.arange(min(d_tot, m) + 1), np.arange(min(p_tot, m) + 1))
    x_d, x_p = x_d.ravel(), x_p.ravel()
    x_z = m - x_d - x_p
    ok = (x_z >= 0) & (x_z <= z_tot)
    x_d, x_p, x_z = x_d[ok], x_p[ok], x_z[ok]

    def log_comb(k_tot, k):
        return special.gammaln(k_tot + 1) - special.gammaln(k + 1) - special.gammaln(k_tot - k + 1)

    log_p = (
        log_comb(d_tot, x_d)
        + log_comb(z_tot, x_z)
        + log_comb(p_tot, x_p)
        - log_comb(n, np.array(m))
    )
    prob = np.exp(log_p)
    s_g = (x_p - x_d).astype(np.int64)
    t = na * s_tot - n * s_g if enumerate_a else n * s_g - nb * s_tot
    if alternative == "two-sided":
        extreme = np.abs(t) >= abs(t_obs)
    elif alternative == "greater":
        extreme = t >= t_obs
    else:
        extreme = t <= t_obs
    return float(min(prob[extreme].sum(), 1.0))


def nps_difference(ca: np.ndarray, cb: np.ndarray, lo: int, alternative: str):
    """eNPS of a and b, their difference b - a, its interval, z, p and the test's name.

    Rows are independent comparisons (the last axis holds the answer counts
    ``lo..``). The p-value is the exact permutation test on the class counts
    while the smaller group has at most :data:`NPS_EXACT_MAX` answers
    (``"nps_exact"``), above it the normal approximation of the same
    permutation distribution (``"nps_z"``); ``z`` is the difference over its
    permutation standard error either way. The interval is the MOVER
    combination of the two groups' score intervals. See
    :func:`~kalliola_analysis.compare_groups` for the formulas and references.
    """
    da, za, pa = (np.asarray(v, dtype=np.int64) for v in nps_classes(ca, lo))
    db, zb, pb = (np.asarray(v, dtype=np.int64) for v in nps_classes(cb, lo))
    na, nb = (da + za + pa).astype(float), (db + zb + pb).astype(float)
    n = na + nb
    bad = (na == 0) | (nb == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        th_a = (pa - da) / na
        th_b = (pb - db) / nb
        d = th_b - th_a
        # permutation variance of the difference of mean scores (+1, 0, -1)
        sigma2 = (pa + pb + da + db) / n - ((pa + pb - da - db) / n) ** 2
        var = np.maximum(sigma2, 0.0) * n / (n - 1.0) * (1.0 / na + 1.0 / nb)
        z = np.where(var > 0, d / np.sqrt(var), 0.0)
        level = 0.975 if alternative == "two-sided" else 0.95
        q = stats.norm.ppf(level)
        low_a, high_a = score_interval(pa, da, na, q, np.ones_like(na))
        low_b, high_b = score_interval(pb, db, nb, q, np.ones_like(nb))
        # MOVER (Zou & Donner 2008; Newcombe 1998 for two proportions)
        low = d - np.sqrt((th_b - low_b) ** 2 + (high_a - th_a) ** 2)
        high = d + np.sqrt((high_b - th_b) ** 2 + (th_a - low_a) ** 2)
    if alternative == "greater":
        high = np.full_like(d, np.inf)
    elif alternative == "less":
        low = np.full_like(d, -np.inf)
    p = np.where(var > 0, _z_p(z, alternative), 1.0)  # all answers alike: no difference
    small = np.minimum(na, nb) <= NPS_EXACT_MAX
    for i in np.flatnonzero(small & ~bad):
        p.flat[i] = nps_exact_p(
            (da.flat[i], za.flat[i], pa.flat[i]), (db.flat[i], zb.flat[i], pb.flat[i]), alternative
        )
    test = np.where(small, "nps_exact", "nps_z").astype(object)
    out = [100.0 * th_a, 100.0 * th_b, 100.0 * d, 100.0 * low, 100.0 * high, z, p]
    out = [np.where(bad, np.nan, np.asarray(v, dtype=float)) for v in out]
    return (*out, test)


def spearman_interval(rho, n, ci):
    """Fisher-z interval with the Bonett-Wright variance (1 + rho^2 / 2) / (n - 3)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.arctanh(np.clip(rho, -0.9999999, 0.9999999))
        se = np.sqrt((1 + rho**2 / 2) / (n - 3))
        q = stats.norm.ppf(0.5 + ci / 2)
        return np.tanh(z - q * se), np.tanh(z + q * se)


def bootstrap_spearman_interval(x, y, ci, n_boot, rng):
    """Percentile bootstrap interval of Spearman's rho of ``x`` and ``y`` (``n_boot`` resamples)."""
    n = len(x)
    idx = rng.integers(0, n, size=(n_boot, n))
    rx = stats.rankdata(x[idx], axis=1)
    ry = stats.rankdata(y[idx], axis=1)
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (rx * ry).sum(axis=1) / np.sqrt((rx**2).sum(axis=1) * (ry**2).sum(axis=1))
    r = r[~np.isnan(r)]
    if not len(r):
        return np.nan, np.nan
    a = (1 - ci) / 2
    return float(np.quantile(r, a)), float(np.quantile(r, 1 - a))
