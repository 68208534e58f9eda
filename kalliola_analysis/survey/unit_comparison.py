"""A unit against the rest of the organisation: the core of a unit manager's report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import check_min_n, check_option
from ..errors import ParameterError
from ..formatting import format_number, format_p
from ..i18n.strings import check_lang, t
from ..periods import check_period
from ..privacy.complementary import FEWER_THAN
from ._statistics import adjust_pvalues
from .compare import compare_groups
from .likert import likert_summary
from .scores import respondent_scores
from .themes import theme_items, theme_scores

__all__ = ["unit_vs_organisation", "format_unit_vs_organisation"]

_METHODS = ["holm", "fdr_bh", "none"]
_SCOPE = "__unit_or_rest__"
_REST = "__rest__"

COLUMNS = [
    "period",
    "unit",
    "level",
    "question",
    "n_unit",
    "n_rest",
    "mean_unit",
    "mean_rest",
    "diff",
    "statistic",
    "p",
    "p_adj",
    "effect_size",
    "suppressed",
]


def _check_unit_period(survey, unit, period) -> tuple[str, str]:
    units = survey.units
    if str(unit) not in units:
        raise ParameterError(f"unit must be one of {units}, got {unit!r}")
    return str(unit), check_period(period, survey.periods, "period")


def unit_vs_organisation(
    survey,
    *,
    unit: str,
    period: str,
    min_n: int = 5,
    method: str = "holm",
    questions: str | list[str] | None = None,
    themes: Mapping[str, Sequence[str]] | None = None,
) -> pd.DataFrame:
    """Compare a unit with the rest of the organisation, per statement and theme.

    Parameters
    ----------
    survey : Survey
        The survey.
    unit : str
        The unit.
    period : str
        The survey round (``"2023-11"``; ``"11/2023"`` is read too).
    min_n : int, default 5
        Anonymity threshold. A row is hidden where the unit or the rest has
        fewer than ``min_n`` answers, and wherever :func:`likert_summary` /
        :func:`theme_scores` by ``["period", "unit"]`` hide the unit's figure
        (complementary suppression included): comparing with the rest must not
        reveal what the unit breakdown hides.
    method : {"holm", "fdr_bh", "none"}, default "holm"
        Multiple-testing adjustment across the statements (and, separately,
        across the themes): Holm [3]_ or Benjamini-Hochberg [4]_.
    questions : str or list of str, optional
        Likert statements; default all of them.
    themes : mapping of str to list of str, optional
        Themes for the theme rows; default the codebook's (see
        :func:`theme_items`). ``{}`` gives no theme rows.

    Returns
    -------
    pandas.DataFrame
        One row per statement, then per theme: ``period``, ``unit``,
        ``level`` (``"statement"`` or ``"theme"``), ``question`` (the
        statement id or theme name), ``n_unit``, ``n_rest`` (``Int64``),
        ``mean_unit``, ``mean_rest``, ``diff`` (unit - rest), ``statistic``
        (Mann-Whitney U of the rest), ``p``, ``p_adj``, ``effect_size``
        (rank-biserial, positive when the unit tends to answer higher) and
        ``suppressed``.

    Notes
    -----
    The rest of the organisation is every respondent of the round outside
    the unit, so the two groups are independent (comparing a unit with the
    whole organisation, which contains it, is not a two-sample test). On the
    scored scale (reverse-keyed statements reversed) the Mann-Whitney U test
    [1]_ with mid-ranks, tie and continuity corrections is computed from the
    answer counts as in :func:`compare_groups`; the rank-biserial correlation
    [2]_ is :math:`r = 1 - 2U_{rest}/(n_{rest} n_{unit})`. Theme rows compare
    the respondents' theme scores (:func:`theme_scores`) with the same test.

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

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> u = ka.unit_vs_organisation(pulse, unit="Kalliolan Klinikka", period="2023-11")
    >>> u[["level", "question", "n_unit", "n_rest", "diff", "p_adj"]].head(3).round(2)
           level         question  n_unit  n_rest  diff  p_adj
    0  statement  meaningful_work      17      54  0.13    1.0
    1  statement     skills_match      17      54 -0.08    1.0
    2  statement   fair_treatment      17      52 -0.10    1.0
    >>> u.set_index("question").loc["work_life_balance", ["diff", "p_adj", "effect_size"]].round(3)
    diff          -0.725
    p_adj          0.000
    effect_size   -0.568
    Name: work_life_balance, dtype: float64

    A unit the unit breakdown hides is hidden here too, and so is its rest:

    >>> h = ka.unit_vs_organisation(pulse, unit="Hallinto", period="2023-05")
    >>> h[["n_unit", "n_rest", "mean_unit", "mean_rest", "suppressed"]].head(2)
      n_unit  n_rest  mean_unit  mean_rest            suppressed
    0   <NA>    <NA>        NaN        NaN  fewer than 5 answers
    1   <NA>    <NA>        NaN        NaN  fewer than 5 answers
    """
    min_n = check_min_n(min_n)
    check_option("method", method, _METHODS)
    unit, period = _check_unit_period(survey, unit, period)
    qs = survey.questions("likert") if questions is None else questions
    in_period = survey.subset(survey.responses["period"].astype(str) == period)
    responses = in_period.responses
    scope = pd.Categorical(
        np.where(responses["unit"].astype(str) == unit, unit, _REST), categories=[_REST, unit]
    )
    both = in_period.subset(np.ones(len(responses), dtype=bool))
    both.responses = responses.assign(**{_SCOPE: scope})
    cmp = compare_groups(
        both, _SCOPE, _REST, unit, period=period, questions=qs, min_n=min_n, p_adjust=method
    )
    stmt = pd.DataFrame(
        {
            "period": period,
            "unit": unit,
            "level": "statement",
            "question": cmp["question"].astype(str),
            "n_unit": cmp["n_b"],
            "n_rest": cmp["n_a"],
            "mean_unit": cmp["mean_b"],
            "mean_rest": cmp["mean_a"],
            "diff": cmp["diff"],
            "statistic": cmp["statistic"],
            "p": cmp["p"],
            "p_adj": cmp["p_adj"],
            "effect_size": cmp["effect_size"],
            "suppressed": cmp["suppressed"].astype(object),
        }
    )
    stmt.loc[cmp["asked"].to_numpy() == "neither", "suppressed"] = "not asked"
    # a side without answers (e.g. a unit that is the whole organisation) is no comparison
    few = (cmp["n_a"].fillna(0) < min_n) | (cmp["n_b"].fillna(0) < min_n)
    stmt.loc[few.to_numpy() & stmt["suppressed"].isna().to_numpy(), "suppressed"] = (
        FEWER_THAN.format(min_n=min_n)
    )
    # the unit breakdown's decision (complementary suppression included)
    units = likert_summary(survey, by=["period", "unit"], questions=qs, min_n=min_n)
    mine = units[(units["period"].astype(str) == period) & (units["unit"].astype(str) == unit)]
    reason = dict(zip(mine["question"].astype(str), mine["suppressed"], strict=True))
    for i, q in enumerate(stmt["question"]):
        r = reason.get(q)
        if pd.notna(r) and pd.isna(stmt["suppressed"].iat[i]):
            stmt.iat[i, stmt.columns.get_loc("suppressed")] = r
    parts = [_hide(stmt)]
    items = theme_items(survey, themes)
    if items:
        parts.append(_theme_rows(survey, in_period, unit, period, items, min_n, method))
    out = pd.concat(parts, ignore_index=True)
    for c in ("n_unit", "n_rest"):
        out[c] = out[c].astype("Int64")
    out["suppressed"] = out["suppressed"].astype("string")
    for c in ("period", "unit", "level", "question"):
        out[c] = out[c].astype("string")
    return out[COLUMNS]


def _hide(frame: pd.DataFrame) -> pd.DataFrame:
    hidden = frame["suppressed"].notna().to_numpy()
    values = ["mean_unit", "mean_rest", "diff", "statistic", "p", "p_adj", "effect_size"]
    frame = frame.copy()
    frame.loc[hidden, values] = np.nan
    real = hidden & (frame["suppressed"] != "not asked").to_numpy()
    for c in ("n_unit", "n_rest"):
        col = frame[c].astype("Int64")
        col[real] = pd.NA
        frame[c] = col
    return frame


def _theme_rows(survey, in_period, unit, period, items, min_n, method) -> pd.DataFrame:
    scores = respondent_scores(in_period, items, 0.5)
    is_unit = (in_period.responses["unit"].astype(str) == unit).to_numpy()
    decision = theme_scores(survey, by=["period", "unit"], themes=items, min_n=min_n)
    mine = decision[
        (decision["period"].astype(str) == period) & (decision["unit"].astype(str) == unit)
    ].set_index("theme")["suppressed"]
    rows = []
    for name in items:
        x = scores[name].to_numpy(dtype=float)
        u, r = x[is_unit & ~np.isnan(x)], x[~is_unit & ~np.isnan(x)]
        row = {
            "period": period,
            "unit": unit,
            "level": "theme",
            "question": name,
            "n_unit": len(u),
            "n_rest": len(r),
            "mean_unit": u.mean() if len(u) else np.nan,
            "mean_rest": r.mean() if len(r) else np.nan,
            "suppressed": None,
        }
        row["diff"] = row["mean_unit"] - row["mean_rest"]
        if len(u) and len(r):
            res = stats.mannwhitneyu(r, u, method="asymptotic", use_continuity=True)
            row["statistic"], row["p"] = res.statistic, res.pvalue
            row["effect_size"] = 1 - 2 * res.statistic / (len(u) * len(r))
        if len(u) == 0 and len(r) == 0:
            row["suppressed"] = "not asked"
        elif len(u) < min_n or len(r) < min_n:
            row["suppressed"] = FEWER_THAN.format(min_n=min_n)
        elif pd.notna(mine.get(name)):
            row["suppressed"] = mine.get(name)
        rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=COLUMNS)
    frame.loc[frame["suppressed"].notna(), "p"] = np.nan
    frame["p_adj"] = adjust_pvalues(frame["p"].to_numpy(dtype=float), method)
    return _hide(frame)


def format_unit_vs_organisation(
    table: pd.DataFrame, *, lang: str = "fi", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Return a display table of :func:`unit_vs_organisation` in Finnish or English.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`unit_vs_organisation`.
    lang : {"fi", "en"}, default "fi"
        Language of the headers and number formats.
    labels : mapping of str to str, optional
        Statement texts by question id (e.g. :func:`statement_labels`).

    Returns
    -------
    pandas.DataFrame
        Statement or theme, the unit's and the rest's means, the difference
        (signed) and the adjusted p-value, as text.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> u = ka.unit_vs_organisation(pulse, unit="Kalliolan Klinikka", period="2023-11")
    >>> ka.format_unit_vs_organisation(u, lang="en").columns.tolist()
    ['Statement', 'Unit', 'Rest of organisation', 'Difference in mean', 'p']
    """
    check_lang(lang)
    labels = dict(labels or {})
    rows = []
    for _, r in table.iterrows():
        name = labels.get(str(r["question"]), str(r["question"]))
        if pd.notna(r["suppressed"]):
            text = t("not_asked" if r["suppressed"] == "not asked" else "hidden", lang)
            rows.append([name, text, text, text, text])
            continue
        rows.append(
            [
                name,
                format_number(r["mean_unit"], 1, lang=lang),
                format_number(r["mean_rest"], 1, lang=lang),
                format_number(r["diff"], 1, lang=lang, sign=True),
                format_p(r["p_adj"], lang=lang),
            ]
        )
    headers = [
        t("statement", lang),
        t("unit_difference.unit_mean", lang),
        t("unit_difference.rest_mean", lang),
        t("unit_difference.diff", lang),
        "p",
    ]
    return pd.DataFrame(rows, columns=headers)
