"""Employee Net Promoter Score (eNPS) with Wald and score intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import as_column_list, check_min_n, check_option
from ..errors import ParameterError
from ..privacy.suppression import blank
from .counts import NOT_ASKED, invited_per_group, not_asked_mask
from .disclosure import release_decision
from .groups import group_columns

__all__ = ["enps"]


def _nps_question(survey, question: str | None) -> str:
    nps_qs = survey.questions("nps")
    if question is None:
        if len(nps_qs) != 1:
            raise ParameterError(
                f"question must name the NPS question when the survey has {len(nps_qs)} "
                f"NPS questions ({nps_qs}); got None"
            )
        return nps_qs[0]
    if question not in nps_qs:
        raise ParameterError(
            f"question must be one of the NPS questions {nps_qs!r}, got {question!r}"
        )
    return question


def nps_classes(counts: np.ndarray, lo: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Detractors (0-6), passives (7-8), promoters (9-10) from counts of answers lo.."""
    values = lo + np.arange(counts.shape[-1])
    det = counts[..., values <= 6].sum(axis=-1)
    pas = counts[..., (values >= 7) & (values <= 8)].sum(axis=-1)
    pro = counts[..., values >= 9].sum(axis=-1)
    return det, pas, pro


def _wald_var(p: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Variance of p - d for one observation of a trinomial."""
    return p + d - (p - d) ** 2


def _constrained_d(x_pro, x_det, n, theta):
    """Maximum-likelihood detractor share given promoter - detractor = theta (Tango 1998)."""
    a = 2.0 * n
    b = -(x_pro + x_det) + theta * (x_pro + 3.0 * x_det + 2.0 * (n - x_pro - x_det))
    c = -x_det * theta * (1.0 - theta)
    disc = np.maximum(b * b - 4.0 * a * c, 0.0)
    d = (-b + np.sqrt(disc)) / (2.0 * a)
    return np.clip(d, np.maximum(0.0, -theta), (1.0 - theta) / 2.0)


def score_interval(x_pro, x_det, n, z, fpc, iterations: int = 60):
    """Score (Tango-type) interval for promoter share - detractor share, on -1..1.

    Solves ``(est - theta)^2 = z^2 * fpc * V(theta) / n`` for theta on each side
    of the estimate by bisection, V evaluated at the constrained MLE.
    """
    x_pro, x_det, n, fpc = (np.asarray(v, dtype=float) for v in (x_pro, x_det, n, fpc))
    with np.errstate(invalid="ignore", divide="ignore"):
        est = (x_pro - x_det) / n

    def inside(theta):
        d = _constrained_d(x_pro, x_det, n, theta)
        var = fpc * (2.0 * d + theta * (1.0 - theta)) / n
        return (est - theta) ** 2 <= z * z * var

    bounds = []
    for end in (-1.0, 1.0):
        near, far = est.copy(), np.full_like(est, end)
        far_in = inside(far)
        for _ in range(iterations):
            mid = (near + far) / 2.0
            ok = inside(mid)
            near = np.where(ok, mid, near)
            far = np.where(ok, far, mid)
        bounds.append(np.where(far_in, end, near))
    low, high = bounds
    exact = fpc <= 0
    low = np.where(exact, est, low)
    high = np.where(exact, est, high)
    bad = ~(n > 0)
    return np.where(bad, np.nan, low), np.where(bad, np.nan, high)


def _interval(x_pro, x_det, n, *, ci: float, method: str, fpc: np.ndarray):
    """Interval of the NPS on the -100..100 scale."""
    z = stats.norm.ppf(0.5 + ci / 2.0)
    n = np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p, d = x_pro / n, x_det / n
        if method == "wald":
            half = z * np.sqrt(fpc * _wald_var(p, d) / n)
            # clipped to the range of the score, as statsmodels clips a proportion's interval
            low, high = np.clip(p - d - half, -1.0, 1.0), np.clip(p - d + half, -1.0, 1.0)
        else:
            low, high = score_interval(x_pro, x_det, n, z, fpc)
    return 100.0 * low, 100.0 * high


def _fpc(n: np.ndarray, invited: np.ndarray) -> np.ndarray:
    """Finite-population correction (N - n) / (N - 1); 1 where N is unknown."""
    with np.errstate(invalid="ignore", divide="ignore"):
        f = (invited - n) / (invited - 1.0)
    f = np.where(np.isnan(invited), 1.0, np.clip(f, 0.0, 1.0))
    return np.where(invited == 1, 0.0, f)


def enps(
    survey,
    *,
    by: str | list[str] | None = "period",
    question: str | None = None,
    min_n: int = 5,
    ci: float = 0.95,
    method: str = "score",
    fpc: bool = True,
) -> pd.DataFrame:
    """Compute the employee Net Promoter Score per group, with a confidence interval.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : str, list of str or None, default "period"
        Group columns of the responses; ``None`` for the whole organisation.
        A missing background value is the group ``"(not stated)"``.
    question : str, optional
        The NPS question (type ``nps`` in the codebook); default the survey's
        only NPS question.
    min_n : int, default 5
        Anonymity threshold: the survey's one decision (see
        :func:`hidden_cells`), the same cells as every other function.
    ci : float, default 0.95
        Confidence level of the interval.
    method : {"score", "wald"}, default "score"
        Interval: the score interval (stays within -100..100, good for small
        groups and scores near the bounds) or the Wald interval.
    fpc : bool, default True
        Apply the finite-population correction when the number invited in the
        group is known (``by`` within ``period`` and ``unit`` and the survey
        has invitations). A census (everyone answered) has a zero-width interval.

    Returns
    -------
    pandas.DataFrame
        ``*by``, ``n`` (answers, ``Int64``), ``promoters``, ``passives``,
        ``detractors`` (shares 0-1), ``enps`` (-100..100), ``ci_low``,
        ``ci_high``, ``invited`` (``Int64``, ``<NA>`` when unknown) and
        ``suppressed``.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        No NPS question, several and none chosen, or a bad option.

    Notes
    -----
    Answers 9-10 are promoters, 7-8 passives, 0-6 detractors. With shares
    :math:`p` (promoters) and :math:`d` (detractors) of :math:`n` answers,
    :math:`\\mathrm{eNPS} = 100 (p - d)`; one answer contributes +1, 0 or -1,
    with variance :math:`V = p + d - (p - d)^2`.

    *Wald*: :math:`100\\,[(p - d) \\pm z \\sqrt{f V / n}]`, clipped to -100..100
    (for a small group the raw interval can run past the range of the score;
    the clipped end then says "as far as the scale goes", as
    ``statsmodels.stats.proportion.proportion_confint`` clips a proportion's).

    *Score* (default): all :math:`\\theta` with
    :math:`(p - d - \\theta)^2 \\le z^2 f\\, \\tilde V(\\theta) / n`, where
    :math:`\\tilde V(\\theta) = 2\\tilde d + \\theta(1 - \\theta)` is the
    variance at the maximum-likelihood shares restricted to
    :math:`p - d = \\theta`; :math:`\\tilde d` is the positive root of
    :math:`2n\\tilde d^2 + B\\tilde d - x_d\\theta(1-\\theta) = 0`,
    :math:`B = -(x_p + x_d) + \\theta(x_p + 3x_d + 2x_0)`, with counts
    :math:`x_p, x_0, x_d`. This is Tango's score interval for a difference of
    two proportions of one multinomial [2]_ (the NPS is such a difference,
    passives playing the part of the concordant pairs). Rocks compared
    interval methods for the NPS and found an iterative score interval and
    adjusted-Wald variants to perform best [1]_. The score interval lies
    within -100..100 and does not collapse when everyone is a promoter or
    ``n`` is small. The endpoints are found by bisection (60 halvings).

    Finite-population correction: :math:`f = (N - n)/(N - 1)` with
    :math:`N` the number invited in the group (``fpc=True`` and known),
    else :math:`f = 1` [3]_.

    References
    ----------
    .. [1] Rocks, B. (2016). Interval estimation for the "net promoter score".
       *The American Statistician*, 70(4), 365-372.
    .. [2] Tango, T. (1998). Equivalence test and confidence interval for the
       difference in proportions for the paired-sample design. *Statistics in
       Medicine*, 17(8), 891-908.
    .. [3] Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., Wiley, sec. 2.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> e = ka.enps(pulse, by="period")
    >>> e[["period", "n", "enps", "ci_low", "ci_high", "invited"]].round(1)
        period   n  enps  ci_low  ci_high  invited
    0  2022-10  49  16.3     3.0     29.0       85
    1  2023-05  53  20.8     7.8     32.9       88
    2  2023-11  59  22.0    10.9     32.6       88
    """
    min_n = check_min_n(min_n)
    check_option("method", method, ["score", "wald"])
    if isinstance(ci, bool) or not isinstance(ci, int | float) or not 0 < ci < 1:
        raise ParameterError(f"ci must be a number between 0 and 1, got {ci!r}")
    q = _nps_question(survey, question)
    by_cols = as_column_list(by, survey.responses.columns)
    c, _, reasons = release_decision(survey, by_cols, min_n).table(by_cols, [q])
    counts = c.counts[:, 0, :]
    det, pas, pro = nps_classes(counts, int(c.lo[0]))
    n = counts.sum(axis=1)
    invited = invited_per_group(survey, c.groups)
    f = _fpc(n, invited) if fpc else np.ones(len(n))
    low, high = _interval(pro, det, n, ci=float(ci), method=method, fpc=f)
    with np.errstate(invalid="ignore", divide="ignore"):
        cols: dict[str, object] = group_columns(c.groups)
        cols["n"] = n.astype(np.int64)
        cols["promoters"] = pro / n
        cols["passives"] = pas / n
        cols["detractors"] = det / n
        cols["enps"] = 100.0 * (pro - det) / n
    cols["ci_low"] = low
    cols["ci_high"] = high
    inv = pd.array(np.nan_to_num(invited, nan=0).astype(np.int64), dtype="Int64")
    inv[np.isnan(invited)] = pd.NA
    cols["invited"] = inv
    not_asked = not_asked_mask(c)[:, 0] & (n == 0)
    cols["suppressed"] = pd.array(np.where(not_asked, NOT_ASKED, None), dtype="string")
    table = pd.DataFrame(cols)
    return blank(
        table,
        reasons[:, 0],
        n_column="n",
        value_columns=["promoters", "passives", "detractors", "enps", "ci_low", "ci_high"],
    )
