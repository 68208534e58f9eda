"""Likert statements: means, spreads, intervals and answer shares per group."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import as_column_list, check_min_n
from ..privacy.suppression import blank
from .codebook import favourable_options
from .counts import NOT_ASKED, Counts, check_questions, not_asked_mask
from .disclosure import release_decision
from .groups import group_columns

__all__ = ["likert_summary"]


def scored_counts(c: Counts) -> np.ndarray:
    """Counts in *scored* order (index 0 = least favourable), reversing reverse-coded items."""
    scored = c.counts.copy()
    for j in np.flatnonzero(c.reverse):
        kj = int(c.k[j])
        scored[:, j, :kj] = c.counts[:, j, kj - 1 :: -1]
    return scored


def _moments(c: Counts) -> dict[str, np.ndarray]:
    """n, mean and sd (ddof=1) per group and question on the scored scale."""
    scored = scored_counts(c).astype(np.float64)
    k_max = scored.shape[2]
    values = c.lo[None, :, None] + np.arange(k_max)[None, None, :]  # scored value = lo + index
    n = scored.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (scored * values).sum(axis=2) / n
        ss = (scored * (values - mean[:, :, None]) ** 2).sum(axis=2)
        sd = np.sqrt(ss / (n - 1))
    mean[n == 0] = np.nan
    sd[n <= 1] = np.nan
    return {"n": n, "mean": mean, "sd": sd, "scored": scored, "values": values}


def _median(scored: np.ndarray, n: np.ndarray, lo: np.ndarray) -> np.ndarray:
    cum = np.cumsum(scored, axis=2)
    lower = np.floor((n - 1) / 2)
    upper = np.floor(n / 2)
    i_lo = (cum <= lower[:, :, None]).sum(axis=2)
    i_hi = (cum <= upper[:, :, None]).sum(axis=2)
    med = lo[None, :] + (i_lo + i_hi) / 2.0
    med[n == 0] = np.nan
    return med


def likert_summary(
    survey,
    *,
    by: str | list[str] | None = "period",
    questions: str | list[str] | None = None,
    min_n: int = 5,
) -> pd.DataFrame:
    """Summarise Likert statements per group: mean, interval, median and answer shares.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : str, list of str or None, default "period"
        Group columns of the responses (``period``, ``unit``, background
        columns, or several); ``None`` summarises the whole organisation.
        Respondents with no value in a column form the group
        ``"(not stated)"``. Without ``period`` the periods are pooled.
    questions : str or list of str, optional
        Likert questions; default all of them, in codebook order.
    min_n : int, default 5
        Anonymity threshold: rows with fewer answers are hidden, with
        complementary suppression, by the survey's one decision (see
        :func:`hidden_cells`); the order of ``by`` does not matter.

    Returns
    -------
    pandas.DataFrame
        One row per group and question, groups varying slowest:

        - ``*by`` -- the group (categorical), ``question``;
        - ``n`` -- answers other than "don't know" (``Int64``);
        - ``mean``, ``sd`` (ddof=1), ``ci_low``, ``ci_high`` (95 % t-interval of
          the mean, clipped to the scale), ``median`` -- on the *scored* scale;
        - ``share_<code>`` for every answer code of the scales (per *original*
          answer code, of the non-missing answers; NaN where a code is not on
          that question's scale);
        - ``favourable`` / ``unfavourable`` -- share of the options above / below
          the scale's midpoint on the scored scale, or as the codebook's
          ``favourable_min`` sets (see :func:`~kalliola_analysis.survey.codebook.favourable_options`);
        - ``suppressed`` -- why the figures are hidden (``"fewer than 5
          answers"``, ``"hidden to protect a smaller group"``, ``"not asked"``)
          or ``<NA>``;
        - ``reverse`` -- True for reverse-coded statements.

    Notes
    -----
    "Don't know" answers are missing and never enter a mean or a share.

    Reverse-coded statements (codebook ``reverse=True``, where agreeing is
    unfavourable) are *scored* as ``score = scale_min + scale_max - answer``,
    so that a higher mean is always better. ``share_<code>`` stay per original
    answer code; mean, sd, interval, median and favourable/unfavourable use
    the score.

    With counts :math:`c_k` of score :math:`x_k` and :math:`n = \\sum c_k`:

    .. math::

        \\bar x = \\frac{1}{n}\\sum_k c_k x_k, \\quad
        s = \\sqrt{\\frac{\\sum_k c_k (x_k - \\bar x)^2}{n - 1}}, \\quad
        \\bar x \\pm t_{0.975,\\,n-1}\\, s / \\sqrt{n}.

    A question nobody answered in the group's period is reported with
    ``n = 0``, NaN figures and ``suppressed = "not asked"``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> s = ka.likert_summary(pulse, by="period",
    ...                       questions=["meaningful_work", "manager_support"])
    >>> s[["period", "question", "n", "mean", "favourable"]].round(2)
        period         question   n  mean  favourable
    0  2022-10  meaningful_work  60  4.50        0.97
    1  2022-10  manager_support  59  4.00        0.75
    2  2023-05  meaningful_work  64  4.50        0.95
    3  2023-05  manager_support  63  3.79        0.65
    4  2023-11  meaningful_work  71  4.61        0.90
    5  2023-11  manager_support  70  4.20        0.83

    The annual report printed these means as 4,5 / 4,5 / 4,6 and 4,0 / 3,8 / 4,2.
    """
    min_n = check_min_n(min_n)
    qs = check_questions(survey, questions, ("likert",))
    by_cols = as_column_list(by, survey.responses.columns)
    c, _, reasons = release_decision(survey, by_cols, min_n).table(by_cols, qs)
    g, nq = c.groups.n, len(qs)
    m = _moments(c)
    n = m["n"]
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf(0.975, n - 1) * m["sd"] / np.sqrt(n)
    half[n <= 1] = np.nan
    median = _median(m["scored"], n, c.lo)
    codes = sorted({int(lo) + i for lo, k in zip(c.lo, c.k, strict=True) for i in range(int(k))})
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = c.counts / n[:, :, None]
    cols: dict[str, object] = group_columns(c.groups, nq)
    cols["question"] = pd.array(np.tile(np.array(qs, dtype=object), g), dtype="string")
    cols["n"] = n.ravel().astype(np.int64)
    cols["mean"] = m["mean"].ravel()
    cols["sd"] = m["sd"].ravel()
    # the interval never leaves the scale (as the eNPS interval is clipped to -100..100)
    scale_lo = np.broadcast_to(c.lo[None, :].astype(float), half.shape)
    scale_hi = np.broadcast_to((c.lo + c.k - 1)[None, :].astype(float), half.shape)
    cols["ci_low"] = np.clip(m["mean"] - half, scale_lo, scale_hi).ravel()
    cols["ci_high"] = np.clip(m["mean"] + half, scale_lo, scale_hi).ravel()
    cols["median"] = median.ravel()
    for code in codes:
        col = np.full((g, nq), np.nan)
        for j in range(nq):
            i = code - int(c.lo[j])
            if 0 <= i < c.k[j]:
                col[:, j] = shares[:, j, i]
        cols[f"share_{code}"] = col.ravel()
    fav = np.full((g, nq), np.nan)
    unf = np.full((g, nq), np.nan)
    scored = m["scored"]
    tops = favourable_options(survey.codebook, qs)["n_favourable"].to_numpy()
    for j in range(nq):
        kj = int(c.k[j])
        with np.errstate(invalid="ignore", divide="ignore"):
            fav[:, j] = scored[:, j, kj - tops[j] : kj].sum(axis=1) / n[:, j]
            unf[:, j] = scored[:, j, : tops[j]].sum(axis=1) / n[:, j]
    cols["favourable"] = fav.ravel()
    cols["unfavourable"] = unf.ravel()
    not_asked = (not_asked_mask(c) & (n == 0)).ravel()
    cols["suppressed"] = pd.array(np.where(not_asked, NOT_ASKED, None), dtype="string")
    cols["reverse"] = np.tile(c.reverse, g)
    table = pd.DataFrame(cols)
    values = [
        k for k in table.columns if k not in (*by_cols, "question", "n", "suppressed", "reverse")
    ]
    return blank(table, reasons.ravel(), n_column="n", value_columns=values)
