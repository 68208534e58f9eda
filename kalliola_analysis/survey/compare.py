"""Compare two groups or two periods, question by question, from the answer counts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import as_column_list, check_min_n, check_option
from ..errors import ParameterError
from ..periods import check_period, parse_period
from ..privacy.complementary import FEWER_THAN
from ._statistics import adjust_pvalues, mannwhitney, nps_difference, welch
from .counts import check_questions, not_asked_mask
from .disclosure import release_decision
from .likert import scored_counts

__all__ = ["compare_groups", "compare_periods"]

_ALTERNATIVES = ["two-sided", "greater", "less"]
_P_ADJUST = ["holm", "fdr_bh", "none"]


def _find_value(cat: pd.Categorical, value, column: str, name: str) -> int:
    cats = [str(v) for v in cat.categories]
    key = str(value)
    if column == "period":
        key = parse_period(value) or key
    if key not in cats:
        raise ParameterError(f"{name} must be a value of column {column!r} ({cats}), got {value!r}")
    return cats.index(key)


def compare_groups(
    survey,
    column: str,
    a,
    b,
    *,
    by: str | list[str] | None = None,
    period: str | None = None,
    pooled: bool = False,
    questions: str | list[str] | None = None,
    min_n: int = 5,
    alternative: str = "two-sided",
    p_adjust: str = "holm",
) -> pd.DataFrame:
    """Compare two groups of one column (units, periods, background), question by question.

    Parameters
    ----------
    survey : Survey
        The survey.
    column : str
        The column whose values ``a`` and ``b`` are compared (``"unit"``,
        ``"period"`` or a background column).
    a, b : str or scalar
        The two values of ``column``; differences are ``b - a``.
    by : str, list of str or None, default None
        Compare within each group of these columns (not ``column``).
    period : str, optional
        Compare within this period only (``"2023-11"``; ``"11/2023"`` is read
        too). Default: within every period, one comparison per period.
    pooled : bool, default False
        Pool the periods instead (explicit opt-in): the same staff answering
        several rounds then count as several independent answers, and a
        pooled cell is shown only if every per-period cell of it is.
    questions : str or list of str, optional
        Likert and NPS questions; default all of them.
    min_n : int, default 5
        Anonymity threshold, applied to the cells ``[period, *by, column]``
        by the survey's one decision (see :func:`hidden_cells`); a comparison
        is shown only when both of its groups are, and otherwise every figure
        of it (``n_a``, ``n_b``, means, ``diff``, interval, ``statistic``,
        ``p``, ``p_adj``, ``effect_size``) is hidden.
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        About ``diff = b - a``: ``"greater"`` tests whether b tends to be higher.
    p_adjust : {"holm", "fdr_bh", "none"}, default "holm"
        Multiple-testing adjustment across the shown questions of each
        ``period`` and ``by`` group: Holm's step-down family-wise correction
        [3]_ or Benjamini-Hochberg's false discovery rate [4]_. Hidden rows
        take no part, so their p-values cannot shift the shown ``p_adj``.

    Returns
    -------
    pandas.DataFrame
        ``period`` (unless ``pooled`` or ``column="period"``), ``*by``, ``question``, ``a``, ``b``, ``n_a``, ``n_b`` (``Int64``),
        ``mean_a``, ``mean_b``, ``diff`` (b - a), ``ci_low``, ``ci_high`` (95 %
        interval of ``diff``), ``statistic``, ``p``, ``p_adj``,
        ``effect_size``, ``test`` (``"mannwhitneyu"``, ``"nps_exact"`` or ``"nps_z"``),
        ``asked`` (``"both"``, ``"a only"``, ``"b only"``, ``"neither"``) and
        ``suppressed``.

    Notes
    -----
    *Likert questions* (on the scored scale, see :func:`likert_summary`):
    means with a Welch t interval of the difference,
    :math:`\\bar x_b - \\bar x_a \\pm t_{0.975,\\nu}\\sqrt{s_a^2/n_a + s_b^2/n_b}`
    with Welch-Satterthwaite :math:`\\nu`. The test is the Mann-Whitney U test
    of two independent samples [1]_, computed from the answer counts: with
    mid-ranks over the ordered answer options, :math:`U_a = R_a - n_a(n_a+1)/2`
    (``statistic``, the U of group a, as ``scipy.stats.mannwhitneyu(a, b)``
    returns it), normal approximation with continuity and tie correction:
    :math:`z = (U - n_a n_b/2 - 1/2)/\\sigma`,
    :math:`\\sigma^2 = \\frac{n_a n_b}{12}\\left(n + 1 - \\frac{\\sum (t^3 - t)}{n(n-1)}\\right)`.
    ``effect_size`` is the rank-biserial correlation [2]_
    :math:`r = 1 - 2U_a/(n_a n_b)`, from -1 to 1, positive when b tends to be higher.

    *The NPS question*: ``mean_a``/``mean_b`` are the eNPS of the groups and
    ``diff`` their difference. Each answer scores +1 (promoter), 0 or -1, so
    the eNPS is 100 times a mean score. ``p`` is the exact permutation test
    [5]_ of the difference: given the pooled numbers of promoters, passives and
    detractors, every split of them between the groups is enumerated with its
    multivariate hypergeometric probability (``test = "nps_exact"``, while the
    smaller group has at most 500 answers); above that, the normal
    approximation of the same permutation distribution (``"nps_z"``).
    ``statistic`` is :math:`z = \\mathrm{diff}/\\mathrm{se}` with the
    permutation variance :math:`100^2\\,\\sigma^2 \\frac{n}{n-1}(1/n_a + 1/n_b)`
    (:math:`\\sigma^2` the pooled variance of the scores; 0 when every answer
    scores the same, and then ``p = 1``). The interval is the MOVER
    combination [6]_ [7]_ of the two groups' score intervals (see
    :func:`enps`, no finite-population correction):
    :math:`L = d - \\sqrt{(\\hat\\theta_b - l_b)^2 + (u_a - \\hat\\theta_a)^2}`,
    :math:`U = d + \\sqrt{(u_b - \\hat\\theta_b)^2 + (\\hat\\theta_a - l_a)^2}`;
    unlike the Wald interval it does not collapse for groups of only
    promoters or passives. ``effect_size`` is NaN.

    A question answered in only one of the groups is reported with ``asked``
    set and NaN statistics.

    References
    ----------
    .. [1] Mann, H. B., & Whitney, D. R. (1947). On a test of whether one of two
       random variables is stochastically larger than the other. *Annals of
       Mathematical Statistics*, 18(1), 50-60.
    .. [2] Kerby, D. S. (2014). The simple difference formula: an approach to
       teaching nonparametric correlation. *Comprehensive Psychology*, 3, 11.IT.3.1.
    .. [3] Holm, S. (1979). A simple sequentially rejective multiple test
       procedure. *Scandinavian Journal of Statistics*, 6(2), 65-70.
    .. [4] Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery
       rate. *Journal of the Royal Statistical Society B*, 57(1), 289-300.
    .. [5] Ernst, M. D. (2004). Permutation methods: a basis for exact inference.
       *Statistical Science*, 19(4), 676-685.
    .. [6] Newcombe, R. G. (1998). Interval estimation for the difference between
       independent proportions: comparison of eleven methods. *Statistics in
       Medicine*, 17(8), 873-890.
    .. [7] Zou, G. Y., & Donner, A. (2008). Construction of confidence limits about
       effect measures: a general approach. *Statistics in Medicine*, 27(10),
       1693-1716.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> c = ka.compare_groups(pulse, "tenure", "alle 2 v", "yli 5 v", period="2023-11",
    ...                       questions=["manager_support", "enps"])
    >>> c[["period", "question", "n_a", "n_b", "diff", "p_adj", "test"]].round(2)
        period         question  n_a  n_b  diff  p_adj          test
    0  2023-11  manager_support   22   28  0.31   0.33  mannwhitneyu
    1  2023-11             enps   18   25 -8.44   0.82     nps_exact

    Without ``period`` the comparison is made within each period; with
    ``pooled=True`` over all periods at once.
    """
    min_n = check_min_n(min_n)
    check_option("alternative", alternative, _ALTERNATIVES)
    check_option("p_adjust", p_adjust, _P_ADJUST)
    responses = survey.responses
    by_cols = as_column_list(by, responses.columns)
    as_column_list(column, responses.columns, name="column")
    if column in by_cols:
        raise ParameterError(f"by must not contain the compared column {column!r}, got {by!r}")
    if not isinstance(pooled, bool):
        raise ParameterError(f"pooled must be True or False, got {pooled!r}")
    if column == "period" and (period is not None or pooled):
        raise ParameterError(
            "period and pooled apply to comparisons within a period; to compare periods use "
            f"compare_periods (got period={period!r}, pooled={pooled!r})"
        )
    if period is not None and pooled:
        raise ParameterError(f"period={period!r} picks one period; pooled=True pools them all")
    if column != "period" and not pooled and "period" not in by_cols:
        by_cols = ["period", *by_cols]  # compare within each period
    if period is not None:
        period_key = check_period(period, survey.periods, "period")
    qs = check_questions(survey, questions, ("likert", "nps"))
    cells = [*by_cols, column]
    # the survey's one decision for these cells: pooled over periods only with pooled=True
    c, n_cells, reasons = release_decision(survey, cells, min_n).table(cells, qs)
    frame = c.groups.frame
    cat = frame[column].array if len(frame) else pd.Categorical(responses[column])
    ia = _find_value(pd.Categorical(responses[column]) if not len(frame) else cat, a, column, "a")
    ib = _find_value(pd.Categorical(responses[column]) if not len(frame) else cat, b, column, "b")
    if ia == ib:
        raise ParameterError(f"a and b must differ, got {a!r} and {b!r}")
    label_a, label_b = str(cat.categories[ia]), str(cat.categories[ib])
    g, nq = c.groups.n, len(qs)
    not_asked = not_asked_mask(c) & (n_cells == 0)

    # pair the a and b cells of each by group
    col_codes = np.asarray(frame[column].cat.codes)
    if by_cols:
        key_frame = frame[by_cols]
        key_codes = np.stack([np.asarray(key_frame[k].cat.codes) for k in by_cols], axis=1)
        keys, key_id = np.unique(key_codes, axis=0, return_inverse=True)
        key_id = key_id.ravel()
    else:
        keys, key_id = np.zeros((1, 0), dtype=np.int64), np.zeros(g, dtype=np.int64)
    n_keys = len(keys)
    pos_a = np.full(n_keys, -1)
    pos_b = np.full(n_keys, -1)
    pos_a[key_id[col_codes == ia]] = np.flatnonzero(col_codes == ia)
    pos_b[key_id[col_codes == ib]] = np.flatnonzero(col_codes == ib)
    present = (pos_a >= 0) | (pos_b >= 0)
    if period is not None and len(keys):
        i_period = by_cols.index("period")
        period_cats = [str(v) for v in frame["period"].cat.categories]
        present &= np.array([period_cats[k] == period_key for k in keys[:, i_period]])
    keys, pos_a, pos_b = keys[present], pos_a[present], pos_b[present]
    n_keys = len(keys)

    def side(pos):
        has = pos >= 0
        p = np.where(has, pos, 0)
        counts = np.where(has[:, None, None], scored_counts(c)[p], 0)
        asked = has[:, None] & ~not_asked[p]
        reason = np.where(has[:, None], reasons[p], "")
        return counts, asked, reason

    cnt_a, asked_a, why_a = side(pos_a)
    cnt_b, asked_b, why_b = side(pos_b)
    shape = (n_keys, nq)
    na, nb, mean_a, mean_b, diff, ci_low, ci_high = welch(cnt_a, cnt_b, c.lo, alternative)
    stat, p, effect = mannwhitney(cnt_a, cnt_b, alternative)
    test = np.full(shape, "mannwhitneyu", dtype=object)
    for j in np.flatnonzero([t == "nps" for t in c.types]):
        kj = int(c.k[j])
        nps = nps_difference(cnt_a[:, j, :kj], cnt_b[:, j, :kj], int(c.lo[j]), alternative)
        mean_a[:, j], mean_b[:, j], diff[:, j], ci_low[:, j], ci_high[:, j] = nps[:5]
        stat[:, j], p[:, j] = nps[5], nps[6]
        effect[:, j] = np.nan
        test[:, j] = nps[7]

    both = asked_a & asked_b
    asked = np.select(
        [both, asked_a & ~asked_b, ~asked_a & asked_b], ["both", "a only", "b only"], "neither"
    ).astype(object)
    hidden_reason = np.where(
        (why_a == FEWER_THAN.format(min_n=min_n)) | (why_b == FEWER_THAN.format(min_n=min_n)),
        FEWER_THAN.format(min_n=min_n),
        np.where(why_a != "", why_a, why_b),
    )
    hidden = hidden_reason != ""
    one_sided = ~both
    for arr in (diff, ci_low, ci_high, stat, p, effect):
        arr[one_sided | hidden] = np.nan
    mean_a[hidden | ~asked_a] = np.nan
    mean_b[hidden | ~asked_b] = np.nan
    p_adj = np.full(shape, np.nan)
    for i in range(n_keys):
        p_adj[i] = adjust_pvalues(p[i], p_adjust)

    out: dict[str, object] = {}
    for k_i, col in enumerate(by_cols):
        dtype = frame[col].dtype
        out[col] = pd.Categorical.from_codes(np.repeat(keys[:, k_i], nq), dtype=dtype)
    out["question"] = pd.array(np.tile(np.array(qs, dtype=object), n_keys), dtype="string")
    out["a"] = pd.array([label_a] * (n_keys * nq), dtype="string")
    out["b"] = pd.array([label_b] * (n_keys * nq), dtype="string")
    for name, nn in (("n_a", na), ("n_b", nb)):
        arr = pd.array(nn.ravel().astype(np.int64), dtype="Int64")
        arr[hidden.ravel()] = pd.NA
        out[name] = arr
    out["mean_a"] = mean_a.ravel()
    out["mean_b"] = mean_b.ravel()
    out["diff"] = diff.ravel()
    out["ci_low"] = ci_low.ravel()
    out["ci_high"] = ci_high.ravel()
    out["statistic"] = stat.ravel()
    out["p"] = p.ravel()
    out["p_adj"] = p_adj.ravel()
    out["effect_size"] = effect.ravel()
    out["test"] = pd.array(test.ravel(), dtype="string")
    out["asked"] = pd.array(asked.ravel(), dtype="string")
    out["suppressed"] = pd.array(
        np.where(hidden.ravel(), hidden_reason.ravel(), None), dtype="string"
    )
    return pd.DataFrame(out)


def compare_periods(
    survey,
    base,
    current,
    *,
    by: str | list[str] | None = None,
    questions: str | list[str] | None = None,
    min_n: int = 5,
    alternative: str = "two-sided",
    p_adjust: str = "holm",
) -> pd.DataFrame:
    """Compare two periods (survey waves) question by question.

    :func:`compare_groups` on ``period`` with ``a = base`` and ``b = current``;
    the waves are treated as independent samples.

    Parameters
    ----------
    survey : Survey
        The survey.
    base, current : str
        The periods (``"2023-05"``; ``"5/2023"`` is read too).
    by : str, list of str or None, default None
        Compare within each group of these columns (e.g. ``"unit"``).
    questions : str or list of str, optional
        Likert and NPS questions; default all of them.
    min_n : int, default 5
        Anonymity threshold (see :func:`compare_groups`).
    alternative : {"two-sided", "greater", "less"}, default "two-sided"
        About ``diff = current - base``.
    p_adjust : {"holm", "fdr_bh", "none"}, default "holm"
        Adjustment across the questions of each ``by`` group.

    Returns
    -------
    pandas.DataFrame
        ``*by``, ``question``, ``base``, ``current``, ``n_base``,
        ``n_current``, ``mean_base``, ``mean_current``, ``diff``, ``ci_low``,
        ``ci_high``, ``statistic``, ``p``, ``p_adj``, ``effect_size``,
        ``test``, ``asked`` (``"both"``, ``"base only"``, ``"current only"``,
        ``"neither"``) and ``suppressed``. See :func:`compare_groups` for the
        statistics.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> c = ka.compare_periods(pulse, "2023-05", "2023-11",
    ...                        questions=["manager_support", "work_life_balance", "enps"])
    >>> c[["question", "mean_base", "mean_current", "p_adj", "test"]].round(3)
                question  mean_base  mean_current  p_adj          test
    0    manager_support      3.794         4.200  0.010  mannwhitneyu
    1  work_life_balance      4.094         4.493  0.004  mannwhitneyu
    2               enps     20.755        22.034  1.000     nps_exact

    ``scipy.stats.mannwhitneyu(base, current)`` on the raw answers gives the same
    ``statistic`` and ``p``; R: ``wilcox.test(base, current, correct = TRUE, exact = FALSE)``.
    """
    out = compare_groups(
        survey,
        "period",
        base,
        current,
        by=by,
        questions=questions,
        min_n=min_n,
        alternative=alternative,
        p_adjust=p_adjust,
    )
    out = out.rename(
        columns={
            "a": "base",
            "b": "current",
            "n_a": "n_base",
            "n_b": "n_current",
            "mean_a": "mean_base",
            "mean_b": "mean_current",
        }
    )
    out["asked"] = out["asked"].replace({"a only": "base only", "b only": "current only"})
    return out
