"""Scale reliability of the themes: Cronbach's alpha with the Feldt interval."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import check_min_n
from ..errors import ParameterError
from ..formatting import format_number
from ..i18n.strings import check_lang, t
from ..periods import check_period
from .scores import check_ci, scored_answers
from .themes import theme_items

__all__ = ["reliability", "cronbach_alpha", "format_reliability"]

#: Alpha rests on every respondent's answers; below this many it is not reported.
MIN_RESPONDENTS = 10
TOO_FEW = "fewer than {n} respondents"
ONE_ITEM = "fewer than 2 statements"


def cronbach_alpha(items: np.ndarray, ci: float = 0.95) -> tuple[float, float, float]:
    """Cronbach's alpha of complete item scores and its Feldt interval.

    Parameters
    ----------
    items : numpy.ndarray
        ``[n respondents, k items]``, no missing values, already scored
        (reverse-keyed items reversed).
    ci : float, default 0.95
        Interval level.

    Returns
    -------
    tuple of float
        ``(alpha, ci_low, ci_high)``; NaN when ``n < 2``, ``k < 2`` or the
        total score has no variance.

    Notes
    -----
    :math:`\\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_j s_j^2}{s_X^2}\\right)`
    with item variances :math:`s_j^2` and the variance :math:`s_X^2` of the
    sum score (ddof 1) [1]_. Feldt's interval [2]_:
    :math:`1 - (1-\\alpha)\\,F_{1-a/2}` to :math:`1 - (1-\\alpha)\\,F_{a/2}`,
    :math:`F` the quantiles of the F distribution with :math:`n-1` and
    :math:`(n-1)(k-1)` degrees of freedom, :math:`a = 1 - ci`.

    References
    ----------
    .. [1] Cronbach, L. J. (1951). Coefficient alpha and the internal structure
       of tests. *Psychometrika*, 16(3), 297-334.
    .. [2] Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical
       inference for coefficient alpha. *Applied Psychological Measurement*,
       11(1), 93-103.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[1, 2, 2], [3, 3, 4], [4, 5, 4], [2, 2, 3], [5, 4, 5]])
    >>> [round(v, 3) for v in cronbach_alpha(x)]
    [0.939, 0.691, 0.993]
    """
    x = np.asarray(items, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or x.shape[1] < 2:
        return np.nan, np.nan, np.nan
    n, k = x.shape
    total = x.sum(axis=1).var(ddof=1)
    if total == 0:
        return np.nan, np.nan, np.nan
    alpha = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / total)
    a = 1 - ci
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.isf(a / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.isf(1 - a / 2, df1, df2)
    return float(alpha), float(low), float(high)


def _item_rest(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Item-rest correlation and alpha if the item is deleted, per item."""
    k = x.shape[1]
    total = x.sum(axis=1)
    r = np.full(k, np.nan)
    deleted = np.full(k, np.nan)
    for j in range(k):
        rest = total - x[:, j]
        if x[:, j].std() > 0 and rest.std() > 0:
            r[j] = np.corrcoef(x[:, j], rest)[0, 1]
        if k > 2:
            deleted[j] = cronbach_alpha(np.delete(x, j, axis=1))[0]
    return r, deleted


def reliability(
    survey,
    *,
    themes: Mapping[str, Sequence[str]] | None = None,
    period: str | None = None,
    ci: float = 0.95,
    min_n: int = 5,
) -> pd.DataFrame:
    """Estimate each theme's internal consistency: Cronbach's alpha and item-rest correlations.

    Parameters
    ----------
    survey : Survey
        The survey.
    themes : mapping of str to list of str, optional
        Themes (scales); default the codebook's (see :func:`theme_items`).
    period : str, optional
        One survey round; default every round separately.
    ci : float, default 0.95
        Level of Feldt's interval.
    min_n : int, default 5
        Anonymity threshold. Alpha rests on respondent-level answers, so a
        theme is reported only with at least ``max(min_n, 10)`` complete
        respondents (below 10 the estimate and its interval say little).

    Returns
    -------
    pandas.DataFrame
        One row per period, theme and statement: ``period``, ``theme``,
        ``n_items``, ``n`` (respondents who answered every statement of the
        theme, ``Int64``), ``alpha``, ``ci_low``, ``ci_high`` (the theme's,
        repeated on its statements' rows), ``question``, ``item_rest_r`` (the
        statement's correlation with the sum of the theme's other
        statements), ``alpha_if_deleted`` and ``suppressed``.

    Notes
    -----
    Reverse-keyed statements are scored reversed first (``scale_min +
    scale_max - answer``), so a reverse-keyed item correlates positively
    with the rest. Respondents with any of the theme's statements missing
    are left out (listwise deletion, R's ``psych::alpha(use =
    "complete.obs")``, ``pingouin.cronbach_alpha(nan_policy="listwise")``).
    See :func:`cronbach_alpha` for the formulas. A one-statement theme has no
    alpha (``suppressed = "fewer than 2 statements"``). A negative or
    near-zero item-rest correlation usually means a statement that measures
    something else, or a reverse-keyed statement not marked ``reverse`` in the
    codebook.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> r = ka.reliability(pulse, period="2023-05")
    >>> r[["question", "n", "alpha", "ci_low", "item_rest_r"]].round(2)
                        question   n  alpha  ci_low  item_rest_r
    0            meaningful_work  60   0.80    0.70         0.58
    1               skills_match  60   0.80    0.70         0.60
    2                 enthusiasm  60   0.80    0.70         0.61
    3   professional_development  60   0.80    0.70         0.65
    4             fair_treatment  60   0.71    0.57         0.40
    5            manager_support  60   0.71    0.57         0.57
    6          colleague_support  60   0.71    0.57         0.56
    7                team_spirit  60   0.71    0.57         0.51
    8          work_life_balance  64    NaN     NaN          NaN
    9     internal_communication  57   0.69    0.48         0.53
    10    cross_unit_cooperation  57   0.69    0.48         0.53

    Hyvinvointi has one statement, so no alpha (``suppressed = "fewer than
    2 statements"``).

    pingouin: ``pg.cronbach_alpha(answers[items], nan_policy="listwise")``;
    R: ``psych::alpha(answers[items], use = "complete.obs")``.
    """
    ci = check_ci(ci)
    min_n = check_min_n(min_n)
    items = theme_items(survey, themes)
    if not items:
        raise ParameterError("no themes: give themes= or a codebook theme column")
    periods = survey.periods
    if period is not None:
        key = check_period(period, periods, "period")
        periods = [key]
    need = max(min_n, MIN_RESPONDENTS)
    all_qs = [q for qs in items.values() for q in qs]
    scored = scored_answers(survey, list(dict.fromkeys(all_qs)))
    period_col = survey.responses["period"].astype(str).to_numpy()
    rows = []
    for p in periods:
        in_p = period_col == p
        for name, qs in items.items():
            x = scored.loc[in_p, qs].to_numpy(dtype=float)
            asked = ~np.isnan(x).all(axis=0)
            x = x[:, asked]
            asked_qs = [q for q, a in zip(qs, asked, strict=True) if a]
            complete = x[~np.isnan(x).any(axis=1)] if x.shape[1] else x[:0]
            n = len(complete)
            reason = None
            if not asked_qs:
                reason = "not asked"
            elif len(asked_qs) < 2:
                reason = ONE_ITEM
            elif n < need:
                reason = TOO_FEW.format(n=need)
            if reason is None:
                alpha, low, high = cronbach_alpha(complete, ci)
                r, deleted = _item_rest(complete)
            else:
                alpha = low = high = np.nan
                r = deleted = np.full(len(asked_qs), np.nan)
            for j, q in enumerate(asked_qs or qs):
                rows.append(
                    {
                        "period": p,
                        "theme": name,
                        "n_items": len(asked_qs),
                        "n": n if reason in (None, ONE_ITEM) else (0 if not asked_qs else None),
                        "alpha": alpha,
                        "ci_low": low,
                        "ci_high": high,
                        "question": q,
                        "item_rest_r": r[j] if asked_qs else np.nan,
                        "alpha_if_deleted": deleted[j] if asked_qs else np.nan,
                        "suppressed": reason,
                    }
                )
    out = pd.DataFrame(rows)
    out["n"] = pd.array(out["n"].astype("Float64").round(), dtype="Int64")
    for c in ("period", "theme", "question", "suppressed"):
        out[c] = out[c].astype("string")
    return out


def format_reliability(table: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Return one display row per period and theme of :func:`reliability`.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`reliability`.
    lang : {"fi", "en"}, default "fi"
        Language.

    Returns
    -------
    pandas.DataFrame
        Period, theme, number of statements, respondents and alpha with its
        interval, as text.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> f = ka.format_reliability(ka.reliability(pulse, period="2023-05"), lang="en")
    >>> f.columns.tolist()
    ['Survey round', 'Theme', 'Statements', 'Responses', "Cronbach's alpha (95% CI)"]
    """
    check_lang(lang)
    first = table.drop_duplicates(["period", "theme"])
    rows = []
    for _, r in first.iterrows():
        if pd.notna(r["suppressed"]):
            if r["suppressed"] == ONE_ITEM:
                value = "–"  # one statement: no alpha to hide
            else:
                value = t("not_asked" if r["suppressed"] == "not asked" else "hidden", lang)
        else:
            value = (
                f"{format_number(r['alpha'], 2, lang=lang)} "
                f"({format_number(r['ci_low'], 2, lang=lang)}–"
                f"{format_number(r['ci_high'], 2, lang=lang)})"
            )
        n = "" if pd.isna(r["n"]) else str(int(r["n"]))
        rows.append([str(r["period"]), str(r["theme"]), str(int(r["n_items"])), n, value])
    cols = [t("period", lang), t("themes.theme", lang), t("reliability.items", lang),
            t("responses", lang), t("reliability.alpha", lang)]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)
