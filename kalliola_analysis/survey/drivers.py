"""Driver (impact) analysis: which statements go together with the outcome, and what to act on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import as_column_list, check_min_n, check_option
from ..errors import ParameterError
from ..formatting import format_number
from ..i18n.strings import check_lang, t
from ..periods import check_period
from ._statistics import bootstrap_spearman_interval, spearman_interval
from .counts import survey_groups
from .likert import likert_summary
from .scores import check_ci, respondent_scores, scored_answers
from .themes import theme_items

__all__ = ["driver_analysis", "focus_areas", "relative_weights", "format_focus_areas"]

#: Culture Amp's floor for driver analysis: correlations of smaller groups are too noisy.
MIN_GROUP = 25
TOO_FEW = "fewer than {min_group} respondents"
_INTERVALS = ["fisher", "bootstrap"]


def relative_weights(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Johnson's relative weights of the columns of ``x`` in the regression of ``y``.

    Parameters
    ----------
    x : numpy.ndarray
        ``[n, p]`` predictors, no missing values.
    y : numpy.ndarray
        ``[n]`` outcome.

    Returns
    -------
    tuple of numpy.ndarray and float
        The raw weights :math:`\\varepsilon_j` (they sum to :math:`R^2`) and
        :math:`R^2` of the ordinary least-squares regression of ``y`` on ``x``.

    Notes
    -----
    With the predictors' correlation matrix :math:`R_{xx} = V \\Lambda V^T`,
    its symmetric square root :math:`\\Lambda_* = V \\Lambda^{1/2} V^T` holds
    the loadings of the predictors on their closest orthonormal
    counterparts; with :math:`\\beta = \\Lambda_*^{-1} r_{xy}` (the outcome on
    those counterparts), :math:`\\varepsilon_j = \\sum_k \\Lambda_{*,jk}^2
    \\beta_k^2` [1]_. A predictor with no variance gets weight 0.

    References
    ----------
    .. [1] Johnson, J. W. (2000). A heuristic method for estimating the relative
       weight of predictor variables in multiple regression. *Multivariate
       Behavioral Research*, 35(1), 1-19.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=(200, 3))
    >>> y = x @ [1.0, 0.5, 0.0] + rng.normal(size=200)
    >>> w, r2 = relative_weights(x, y)
    >>> bool(np.isclose(w.sum(), r2)), int(np.argmax(w))
    (True, 0)
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    p = x.shape[1]
    weights = np.zeros(p)
    keep = x.std(axis=0) > 0
    if y.std() == 0 or not keep.any():
        return weights, 0.0
    xs = x[:, keep]
    r = np.corrcoef(np.column_stack([xs, y]), rowvar=False)
    rxx, rxy = r[:-1, :-1], r[:-1, -1]
    vals, vecs = np.linalg.eigh(rxx)
    vals = np.clip(vals, 0.0, None)
    lam = vecs @ np.diag(np.sqrt(vals)) @ vecs.T
    beta = np.linalg.lstsq(lam, rxy, rcond=None)[0]
    eps = (lam**2) @ (beta**2)
    weights[keep] = eps
    return weights, float(eps.sum())


def _outcome(survey, outcome) -> tuple[str, pd.Series, list[str]]:
    """Name, respondent-level values and the statements that make up the outcome."""
    if isinstance(outcome, Mapping):
        if len(outcome) != 1:
            raise ParameterError(
                f"outcome as a mapping must define exactly one index, got {list(outcome)}"
            )
        items = theme_items(survey, outcome)
        name = next(iter(items))
        return name, respondent_scores(survey, items, 0.5)[name], items[name]
    if not isinstance(outcome, str):
        raise ParameterError(f"outcome must be a question, theme or mapping, got {outcome!r}")
    if outcome == "nps":
        nps = survey.questions("nps")
        if not nps:
            raise ParameterError("outcome='nps' needs an NPS question in the codebook; none found")
        outcome = nps[0]
    if outcome in survey.questions("nps"):
        values = survey.responses[outcome].astype("Float64").astype(float)
        return outcome, values, []
    if outcome in survey.questions("likert"):
        return outcome, scored_answers(survey, [outcome])[outcome], [outcome]
    themes = theme_items(survey)
    if outcome in themes:
        scores = respondent_scores(survey, {outcome: themes[outcome]}, 0.5)
        return outcome, scores[outcome], themes[outcome]
    raise ParameterError(
        f"outcome must be 'nps', an NPS or Likert question or a codebook theme "
        f"{list(themes)}, got {outcome!r}"
    )


def driver_analysis(
    survey,
    *,
    outcome: str | Mapping[str, Sequence[str]] = "nps",
    period: str | None = None,
    by: str | list[str] | None = None,
    questions: str | list[str] | None = None,
    min_group: int = MIN_GROUP,
    min_n: int = 5,
    ci: float = 0.95,
    interval: str = "fisher",
    n_boot: int = 2000,
    seed: int = 0,
) -> pd.DataFrame:
    """Correlate every statement with an outcome, per period and group: the drivers.

    Parameters
    ----------
    survey : Survey
        The survey.
    outcome : str or mapping, default "nps"
        ``"nps"`` (the codebook's first NPS question, its 0-10 answer), an NPS
        or Likert question, a codebook theme (its respondent score, see
        :func:`theme_scores`) or a user-defined index ``{"name": [questions]}``.
        The outcome's own statements are not drivers of it.
    period : str, optional
        One survey round; default every round separately.
    by : str, list of str or None, default None
        Further group columns (e.g. ``"unit"``).
    questions : str or list of str, optional
        Candidate Likert statements; default all of them.
    min_group : int, default 25
        Groups with fewer respondents answering the outcome are hidden
        (``"fewer than 25 respondents"``), as are statements answered together
        with the outcome by fewer.
    min_n : int, default 5
        Anonymity threshold: a statement is also hidden in a group wherever
        :func:`likert_summary` with the same groups hides it.
    ci : float, default 0.95
        Interval level.
    interval : {"fisher", "bootstrap"}, default "fisher"
        Fisher-z interval with the Bonett-Wright variance, or a percentile
        bootstrap of respondents.
    n_boot : int, default 2000
        Bootstrap resamples (``interval="bootstrap"``).
    seed : int, default 0
        Seed of the bootstrap, so a report is reproducible.

    Returns
    -------
    pandas.DataFrame
        One row per group and statement: ``period``, ``*by``, ``outcome``,
        ``question``, ``n`` (respondents answering both, ``Int64``), ``rho``
        (Spearman), ``ci_low``, ``ci_high``, ``p`` (two-sided, t
        approximation), ``relative_weight`` (the statement's share of the
        explained variance, Johnson's relative weights; sums to 1 within a
        group), ``r2`` (of the group's linear regression of the outcome on all
        its statements), ``mean`` and ``favourable`` (the statement's score in
        the group, as :func:`likert_summary`) and ``suppressed``.

    Notes
    -----
    Spearman's :math:`\\rho` is Pearson's correlation of the mid-ranks over
    respondents who answered both the statement and the outcome (pairwise
    deletion), on the scored scale. Its Fisher interval is
    :math:`\\tanh(\\operatorname{artanh}\\rho \\pm z_{(1+ci)/2}\\,\\sigma)`
    with Bonett and Wright's variance for Spearman's coefficient,
    :math:`\\sigma^2 = (1 + \\rho^2/2)/(n - 3)` [1]_ (the Pearson variance
    :math:`1/(n-3)` is too small for ranks). ``p`` is scipy's t test of
    :math:`\\rho = 0`.

    Correlations of overlapping statements share variance, so their ranking
    overstates the unique role of each; the relative weights [2]_ split the
    :math:`R^2` of the regression on all statements (respondents with every
    statement answered, Pearson correlations of the scores) into
    non-negative parts that sum to it. They are NaN when fewer than
    ``min_group`` respondents answered every statement.

    References
    ----------
    .. [1] Bonett, D. G., & Wright, T. A. (2000). Sample size requirements for
       estimating Pearson, Kendall and Spearman correlations.
       *Psychometrika*, 65(1), 23-28.
    .. [2] Johnson, J. W. (2000). A heuristic method for estimating the relative
       weight of predictor variables in multiple regression. *Multivariate
       Behavioral Research*, 35(1), 1-19.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> d = ka.driver_analysis(pulse, period="2023-11")
    >>> d[["question", "n", "rho", "ci_low", "ci_high", "relative_weight"]].head(3).round(2)
              question   n   rho  ci_low  ci_high  relative_weight
    0  meaningful_work  59  0.51    0.28     0.69             0.27
    1     skills_match  59  0.21   -0.06     0.44             0.05
    2   fair_treatment  57  0.44    0.20     0.64             0.20

    ``scipy.stats.spearmanr`` on the same respondents gives the same ``rho``
    and ``p``; R: ``cor.test(x, y, method = "spearman", exact = FALSE)``.
    """
    min_n = check_min_n(min_n)
    ci = check_ci(ci)
    check_option("interval", interval, _INTERVALS)
    if isinstance(min_group, bool) or not isinstance(min_group, int) or min_group < 4:
        raise ParameterError(f"min_group must be a whole number >= 4, got {min_group!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 100:
        raise ParameterError(f"n_boot must be a whole number >= 100, got {n_boot!r}")
    by_cols = as_column_list(by, survey.responses.columns)
    if "period" in by_cols:
        raise ParameterError("by must not contain 'period': drivers are computed per period")
    name, y_all, own = _outcome(survey, outcome)
    candidates = survey.questions("likert") if questions is None else None
    if questions is not None:
        candidates = [questions] if isinstance(questions, str) else list(questions)
        bad = [q for q in candidates if q not in survey.questions("likert")]
        if bad:
            raise ParameterError(f"questions must be Likert statements, got {bad}")
    qs = [q for q in candidates if q not in own]
    if not qs:
        raise ParameterError("no statements left to analyse once the outcome's own are left out")
    work = survey
    if period is not None:
        key = check_period(period, survey.periods, "period")
        work = survey.subset(survey.responses["period"].astype(str) == key)
    groups = ["period", *by_cols]
    x_all = scored_answers(work, qs)
    y_all = y_all.loc[work.responses.index].to_numpy(dtype=float)
    summary = likert_summary(work, by=groups, questions=qs, min_n=min_n)
    summary_key = {
        (*(str(v) for v in row[:-3]), row[-3]): (row[-2], row[-1])
        for row in summary[[*groups, "question", "mean", "favourable"]].itertuples(index=False)
    }
    sup_key = {
        (*(str(v) for v in row[:-1]),): row[-1]
        for row in summary[[*groups, "question", "suppressed"]].itertuples(index=False)
    }
    rng = np.random.default_rng(seed)
    rows = []
    too_few = TOO_FEW.format(min_group=min_group)
    grouping = survey_groups(work, tuple(groups))
    members = np.argsort(grouping.index, kind="stable")
    start = np.searchsorted(grouping.index[members], np.arange(grouping.n + 1))
    for g in range(grouping.n):
        key = tuple(str(grouping.frame[c].iat[g]) for c in groups)
        idx = members[start[g] : start[g + 1]]
        y = y_all[idx]
        x = x_all.to_numpy(dtype=float)[idx]
        n_group = int((~np.isnan(y)).sum())
        asked = ~np.isnan(x).all(axis=0)
        complete = ~np.isnan(y) & ~np.isnan(x[:, asked]).any(axis=1)
        weights = np.full(len(qs), np.nan)
        r2 = np.nan
        if n_group >= min_group and complete.sum() >= max(min_group, asked.sum() + 2):
            w, r2 = relative_weights(x[complete][:, asked], y[complete])
            weights[asked] = w / r2 if r2 > 0 else np.nan
        for j, q in enumerate(qs):
            ok = ~np.isnan(y) & ~np.isnan(x[:, j])
            n = int(ok.sum())
            row = {"key": key, "question": q, "n": n, "r2": r2, "relative_weight": weights[j]}
            mean, fav = summary_key.get((*key, q), (np.nan, np.nan))
            row["mean"], row["favourable"] = mean, fav
            reason = sup_key.get((*key, q))
            if not asked[j]:
                row["suppressed"] = "not asked"
            elif n_group < min_group or n < min_group:
                row["suppressed"] = too_few
            elif pd.notna(reason):
                row["suppressed"] = reason
            else:
                res = stats.spearmanr(x[ok, j], y[ok])
                rho = float(res.statistic)
                row["rho"], row["p"] = rho, float(res.pvalue)
                if interval == "fisher":
                    row["ci_low"], row["ci_high"] = spearman_interval(rho, n, ci)
                else:
                    row["ci_low"], row["ci_high"] = bootstrap_spearman_interval(
                        x[ok, j], y[ok], ci, n_boot, rng
                    )
            rows.append(row)
    return _frame(rows, groups, name, grouping)


_VALUES = ["rho", "ci_low", "ci_high", "p", "relative_weight", "r2", "mean", "favourable"]


def _frame(rows, groups, name, grouping) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    keys = pd.DataFrame(out.pop("key").tolist(), columns=groups)
    for c in groups:
        dtype = grouping.frame[c].dtype
        keys[c] = pd.Categorical(keys[c], categories=[str(v) for v in dtype.categories])
    out = pd.concat([keys, out], axis=1)
    out.insert(len(groups), "outcome", name)
    for c in ["suppressed", *_VALUES]:
        if c not in out:
            out[c] = np.nan
    hidden = out["suppressed"].notna().to_numpy()
    out.loc[hidden, _VALUES] = np.nan
    n = pd.array(out["n"].to_numpy(dtype=np.int64), dtype="Int64")
    n[hidden & (out["suppressed"] != "not asked").to_numpy()] = pd.NA
    out["n"] = n
    out["suppressed"] = out["suppressed"].astype("string")
    out["outcome"] = out["outcome"].astype("string")
    out["question"] = out["question"].astype("string")
    return out[[*groups, "outcome", "question", "n", *_VALUES[:6], "mean", "favourable",
                "suppressed"]]  # fmt: skip


def focus_areas(drivers: pd.DataFrame, *, top: int = 3) -> pd.DataFrame:
    """Pick the focus areas (high impact, low score) and strengths (high impact, high score).

    Parameters
    ----------
    drivers : pandas.DataFrame
        The result of :func:`driver_analysis`.
    top : int, default 3
        At most this many statements per list and group.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``*by``, ``list`` (``"focus_area"`` or ``"strength"``),
        ``rank`` (1 = the highest impact), ``question``, ``rho`` and ``mean``;
        no rows for a group whose drivers are hidden.

    Notes
    -----
    Within each group, among the statements shown with a positive
    correlation: *high impact* is a correlation at least the median of those
    statements' correlations; a *low score* is a mean below the median of
    their means, a *high score* at least that median. Focus areas are the
    high-impact statements with a low score, strengths those with a high
    score, each ordered by impact. Relative to the organisation's own
    statements (not an external norm), as in Culture Amp's and Peakon's focus
    and strength lists; a statement's impact is an association, not a proven
    cause.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> f = ka.focus_areas(ka.driver_analysis(pulse, period="2023-11"))
    >>> f[["list", "rank", "question"]]
             list  rank         question
    0  focus_area     1  manager_support
    1  focus_area     2   fair_treatment
    2    strength     1  meaningful_work
    3    strength     2       enthusiasm
    """
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise ParameterError(f"top must be a whole number >= 1, got {top!r}")
    need = ["question", "rho", "mean", "suppressed"]
    missing = [c for c in need if c not in drivers.columns]
    if missing:
        raise ParameterError(f"drivers lacks column(s) {missing}: pass driver_analysis' result")
    pos = list(drivers.columns).index("outcome") if "outcome" in drivers else 0
    groups = list(drivers.columns[:pos])
    shown = drivers[drivers["suppressed"].isna() & (drivers["rho"] > 0)]
    rows = []
    parts = shown.groupby(groups, observed=True, sort=False) if groups else [((), shown)]
    for key, g in parts:
        key = key if isinstance(key, tuple) else (key,)
        if not len(g):
            continue
        high = g[g["rho"] >= g["rho"].median()]
        med = g["mean"].median()
        for name, part in (("focus_area", high[high["mean"] < med]),
                           ("strength", high[high["mean"] >= med])):  # fmt: skip
            part = part.sort_values("rho", ascending=False, kind="stable").head(top)
            for rank, r in enumerate(part.itertuples(index=False), start=1):
                rows.append((*key, name, rank, r.question, r.rho, r.mean))
    out = pd.DataFrame(rows, columns=[*groups, "list", "rank", "question", "rho", "mean"])
    out["question"] = out["question"].astype("string")
    out["list"] = out["list"].astype("string")
    return out


def format_focus_areas(
    table: pd.DataFrame, *, lang: str = "fi", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return a display table of :func:`focus_areas` in Finnish or English.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`focus_areas`.
    lang : {"fi", "en"}, default "fi"
        Language.
    labels : mapping of str to str, optional
        Statement texts by question id (e.g. :func:`statement_labels`).

    Returns
    -------
    pandas.DataFrame
        List, statement, impact and mean as text.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> f = ka.focus_areas(ka.driver_analysis(pulse, period="2023-11"))
    >>> ka.format_focus_areas(f, lang="en").columns.tolist()
    ['List', 'Statement', 'Impact (rho)', 'Mean']
    """
    check_lang(lang)
    labels = dict(labels or {})
    rows = [
        [
            t(f"drivers.{r['list']}", lang),
            labels.get(str(r["question"]), str(r["question"])),
            format_number(r["rho"], 2, lang=lang),
            format_number(r["mean"], 1, lang=lang),
        ]
        for _, r in table.iterrows()
    ]
    cols = [t("drivers.list", lang), t("statement", lang), t("drivers.impact", lang),
            t("mean", lang)]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
