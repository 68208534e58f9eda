"""Theme (index) scores: one score per respondent and theme, summarised per group.

A *theme* (a factor or index, e.g. "Tuki ja yhteisö") is a set of Likert
statements. Its codebook ``theme`` column defines the default themes; a
user-defined index (an engagement index, say) is a mapping of a name to its
statements. Each respondent gets a theme score, the mean of their scored
answers to the theme's statements, and the groups are summarised from those
respondent scores.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import as_column_list, check_min_n
from ..errors import FileFormatError, ParameterError
from ..formatting import format_number, format_percent, format_period
from ..i18n.strings import check_lang, t
from ..privacy.suppression import suppress
from .counts import check_questions, survey_groups
from .scores import check_ci, check_min_items, respondent_scores, scale_of

__all__ = ["theme_scores", "theme_items", "read_indices", "format_theme_scores"]


def theme_items(survey, themes: Mapping[str, Sequence[str]] | None = None) -> dict[str, list[str]]:
    """Return the Likert statements of each theme, checked against the codebook.

    Parameters
    ----------
    survey : Survey
        The survey.
    themes : mapping of str to list of str, optional
        User-defined themes (indices), e.g. ``{"engagement": ["enthusiasm",
        "meaningful_work"]}``. Default: the codebook's ``theme`` column (Likert
        statements only, themes in order of first appearance; a statement
        without a theme belongs to none).

    Returns
    -------
    dict of str to list of str
        Theme name to its statements, in codebook order.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A theme names an unknown or non-Likert question, is empty, or mixes
        answer scales.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> ka.theme_items(pulse)["Hyvinvointi"]
    ['work_life_balance']
    >>> ka.theme_items(pulse, {"engagement": ["enthusiasm", "meaningful_work"]})
    {'engagement': ['meaningful_work', 'enthusiasm']}
    """
    likert = survey.questions("likert")
    cb = survey.codebook.set_index("question")
    if themes is None:
        out: dict[str, list[str]] = {}
        for q in likert:
            name = cb.at[q, "theme"]
            if isinstance(name, str) and name.strip():
                out.setdefault(name.strip(), []).append(q)
    else:
        if not isinstance(themes, Mapping):
            raise ParameterError(
                f"themes must be a mapping of theme name to questions, got {type(themes).__name__}"
            )
        out = {}
        for name, qs in themes.items():
            checked = check_questions(survey, qs, ("likert",), name=f"themes[{name!r}]")
            if not checked:
                raise ParameterError(f"themes[{name!r}] lists no questions")
            out[str(name)] = [q for q in likert if q in set(checked)]
    for name, qs in out.items():
        scales = {(int(cb.at[q, "scale_min"]), int(cb.at[q, "scale_max"])) for q in qs}
        if len(scales) > 1:
            raise ParameterError(
                f"theme {name!r} mixes answer scales {sorted(scales)}; a theme score needs "
                "statements on one scale"
            )
    return out


def read_indices(path: str | Path) -> dict[str, list[str]]:
    """Read user-defined indices from the ``[indices]`` table of a ``dataset.toml``.

    Parameters
    ----------
    path : str or pathlib.Path
        A survey folder or its ``dataset.toml``.

    Returns
    -------
    dict of str to list of str
        Index name to its statements, as written; empty when the file has no
        ``[indices]`` table. Pass it to :func:`theme_scores` (``themes=``),
        which checks the statements against the codebook.

    Raises
    ------
    kalliola_analysis.errors.FileFormatError
        The file is missing or not TOML, or an index is not a list of
        question ids (``column`` names the index, e.g. ``indices.engagement``).

    Notes
    -----
    In ``dataset.toml``::

        [indices]
        engagement = ["meaningful_work", "enthusiasm", "professional_development"]

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> ka.read_indices(ka.demo_path("pulse"))
    {}
    """
    from ..io.dataset import read_dataset_toml  # the one reader of dataset.toml

    path = Path(path)
    if path.is_dir():
        path = path / "dataset.toml"
    doc = read_dataset_toml(path)
    table = doc.get("indices", {})
    if not isinstance(table, dict):
        raise FileFormatError("[indices] must be a table", file=str(path), column="indices")
    out = {}
    for name, qs in table.items():
        if not isinstance(qs, list) or not qs or not all(isinstance(q, str) for q in qs):
            raise FileFormatError(
                f"an index must be a non-empty list of question ids, got {qs!r}",
                file=str(path),
                column=f"indices.{name}",
            )
        out[str(name)] = list(qs)
    return out


def favourable_threshold(lo: int, hi: int) -> tuple[float, float]:
    """The favourable and unfavourable cut-offs of a theme score on the scale ``lo..hi``.

    A score is favourable when it is at least the lowest option *above* the
    scale's midpoint, unfavourable when it is at most the highest option below
    it: 1-5 gives (4, 2), 1-3 (3, 1), 1-4 (3, 2), 1-7 (5, 3).

    Examples
    --------
    >>> favourable_threshold(1, 5), favourable_threshold(1, 4)
    ((4.0, 2.0), (3.0, 2.0))
    """
    mid = (lo + hi) / 2
    return float(math.floor(mid) + 1), float(math.ceil(mid) - 1)


def _summarise(
    scores: pd.DataFrame, survey, by: list[str], scales: dict, ci: float
) -> pd.DataFrame:
    """One row per observed group and theme; ``n = 0`` where nobody was scored.

    Groups are the package's (:data:`NOT_STATED` for a missing background value).
    """
    rows = []
    groups = survey_groups(survey, tuple(by))
    members = np.argsort(groups.index, kind="stable")
    start = np.searchsorted(groups.index[members], np.arange(groups.n + 1))
    frame = groups.frame
    for g in range(groups.n):
        key = tuple(frame[c].iat[g] for c in by)
        idx = members[start[g] : start[g + 1]]
        for theme in scores.columns:
            x = scores[theme].to_numpy(dtype=float)[idx]
            x = x[~np.isnan(x)]
            n = len(x)
            mean = x.mean() if n else np.nan
            sd = x.std(ddof=1) if n > 1 else np.nan
            half = stats.t.ppf(0.5 + ci / 2, n - 1) * sd / np.sqrt(n) if n > 1 else np.nan
            fav, unf = favourable_threshold(*scales[theme])
            shares = ((x >= fav).mean(), (x <= unf).mean()) if n else (np.nan, np.nan)
            lo, hi = scales[theme]  # the interval never leaves the scale
            low, high = (max(mean - half, lo), min(mean + half, hi)) if n > 1 else (np.nan,) * 2
            rows.append((*key, theme, n, mean, sd, low, high, *shares))
    cols = [*by, "theme", "n", "mean", "sd", "ci_low", "ci_high", "favourable", "unfavourable"]
    table = pd.DataFrame(rows, columns=cols)
    # a theme nobody was scored on in a whole period (or the whole survey) was not asked
    scope = ["period"] if "period" in by else []
    total = table.groupby([*scope, "theme"], observed=True)["n"].transform("sum")
    table["suppressed"] = pd.array(np.where(total == 0, "not asked", None), dtype="string")
    return table


def theme_scores(
    survey,
    *,
    by: str | list[str] | None = "period",
    themes: Mapping[str, Sequence[str]] | None = None,
    min_n: int = 5,
    ci: float = 0.95,
    min_items: float = 0.5,
) -> pd.DataFrame:
    """Summarise theme (index) scores per group: mean, interval and % favourable.

    Parameters
    ----------
    survey : Survey
        The survey.
    by : str, list of str or None, default "period"
        Group columns of the responses; ``None`` for the whole survey.
    themes : mapping of str to list of str, optional
        User-defined themes (indices); default the codebook's ``theme`` column
        (see :func:`theme_items`).
    min_n : int, default 5
        Anonymity threshold on the number of respondents scored, with
        complementary suppression seeded with the survey's group-level
        decision (:func:`suppress` with ``survey=``, :func:`hidden_cells`),
        so every group the package hides is hidden here too; a theme is
        also hidden in every group where one of its statements is hidden by
        :func:`likert_summary` with the same ``by`` and ``min_n``.
    ci : float, default 0.95
        Level of the t-interval of the mean.
    min_items : float, default 0.5
        A respondent is scored on a theme when they answered at least this
        fraction of its statements (rounded up: 2 of 3, 2 of 4, 1 of 1).

    Returns
    -------
    pandas.DataFrame
        One row per group and theme (groups in order of appearance, themes in
        codebook order): ``*by``, ``theme``, ``n_items``, ``n`` (respondents
        scored, ``Int64``), ``mean``, ``sd``, ``ci_low``, ``ci_high``,
        ``favourable``, ``unfavourable`` (shares of respondents) and
        ``suppressed``.

    Notes
    -----
    Each respondent's theme score is the mean of their *scored* answers
    (reverse-keyed statements scored ``scale_min + scale_max - answer``) to
    the theme's statements they answered; "don't know" and empty answers are
    missing. A respondent who answered fewer than ``ceil(min_items * k)`` of
    the ``k`` statements gets no score (the "half rule" of scale scoring [1]_).
    Scores are summarised over the scored respondents :math:`i = 1..n`:
    :math:`\\bar s \\pm t_{(1+ci)/2,\\,n-1}\\, \\mathrm{sd}/\\sqrt n`.

    *Favourable*: the share of respondents whose theme score is at least the
    lowest answer option above the scale's midpoint (4 on a 1-5 scale, i.e.
    "agree" on average); *unfavourable*: at most the highest option below the
    midpoint (2). A respondent averaging between them (e.g. 3.5) is neither.
    On a one-statement theme this equals the statement's top-two / bottom-two
    shares of :func:`likert_summary` on a 5-point scale.

    References
    ----------
    .. [1] Newman, D. A. (2014). Missing data: five practical guidelines.
       *Organizational Research Methods*, 17(4), 372-411 (person-mean
       imputation for scales with at most half the items missing).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> s = ka.theme_scores(pulse, by="period")
    >>> s[s["period"] == "2023-05"][["theme", "n_items", "n", "mean", "favourable"]].round(2)
                            theme  n_items   n  mean  favourable
    4  Työn merkitys ja osaaminen        4  64  4.29        0.78
    5             Tuki ja yhteisö        4  64  4.14        0.72
    6                 Hyvinvointi        1  64  4.09        0.80
    7      Viestintä ja yhteistyö        2  64  3.48        0.33

    A theme none of whose statements were asked in a period (the
    communication theme in 2022-10 and 2023-11) has ``n = 0`` and
    ``suppressed = "not asked"``. A user-defined index:

    >>> e = ka.theme_scores(pulse, themes={"engagement": ["enthusiasm", "meaningful_work"]})
    >>> e[["period", "theme", "n", "mean"]].round(2)
        period       theme   n  mean
    0  2022-10  engagement  60  4.35
    1  2023-05  engagement  64  4.40
    2  2023-11  engagement  71  4.55
    """
    min_n = check_min_n(min_n)
    ci = check_ci(ci)
    min_items = check_min_items(min_items)
    by_cols = as_column_list(by, survey.responses.columns)
    items = theme_items(survey, themes)
    scales = {name: scale_of(survey, qs[0]) for name, qs in items.items()}
    scores = respondent_scores(survey, items, min_items)
    table = _summarise(scores, survey, by_cols, scales, ci)
    table.insert(len(by_cols) + 1, "n_items", table["theme"].map(lambda th: len(items[th])))
    table["n"] = table["n"].astype("Int64")
    groups = survey_groups(survey, tuple(by_cols))
    for c in by_cols:
        table[c] = table[c].astype(groups.frame[c].dtype)
    return _anonymise(table, survey, by_cols, items, min_n)


def _anonymise(table, survey, by_cols, items, min_n) -> pd.DataFrame:
    """The release-level decision: own suppression plus the statements' decision."""
    from .likert import likert_summary

    values = ["mean", "sd", "ci_low", "ci_high", "favourable", "unfavourable"]
    out = suppress(
        table,
        by=by_cols,
        min_n=min_n,
        value_columns=values,
        key_columns=("theme",),
        survey=survey,
    )
    questions = sorted({q for qs in items.values() for q in qs})
    if not len(out) or not questions:
        return out
    stmt = likert_summary(survey, by=by_cols or None, questions=questions, min_n=min_n)
    stmt = stmt[stmt["suppressed"].notna() & (stmt["suppressed"] != "not asked")]
    if not len(stmt):
        return out
    hidden_keys = {
        (*(str(v) for v in row[:-1]), row[-1])
        for row in stmt[[*by_cols, "question"]].itertuples(index=False)
    }
    reason = {}
    for k, row in enumerate(out[[*by_cols, "theme"]].itertuples(index=False)):
        g = tuple(str(v) for v in row[:-1])
        if pd.isna(out["suppressed"].iat[k]) and any(
            (*g, q) in hidden_keys for q in items[row[-1]]
        ):
            reason[k] = "hidden to protect a smaller group"
    if reason:
        idx = list(reason)
        out.loc[idx, values] = np.nan
        out["n"] = out["n"].astype("Int64")
        out.loc[idx, "n"] = pd.NA
        out.loc[idx, "suppressed"] = list(reason.values())
    return out


def format_theme_scores(table: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Return a display table of :func:`theme_scores`: text cells in Finnish or English.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`theme_scores`.
    lang : {"fi", "en"}, default "fi"
        Language of the headers and number formats.

    Returns
    -------
    pandas.DataFrame
        The group columns, then theme, respondents, mean with its interval and
        % favourable as text; hidden figures read "piilotettu" / "hidden", a
        theme not asked in the period "ei kysytty" / "not asked".

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> s = ka.theme_scores(pulse.subset(pulse.responses["period"] == "2023-11"), by=None)
    >>> ka.format_theme_scores(s, lang="en").iloc[0].tolist()
    ['Työn merkitys ja osaaminen', '71', '4.5 (4.4–4.6)', '87%']
    """
    check_lang(lang)
    by = [c for c in table.columns if c not in _THEME_COLUMNS]
    rows = []
    for _, r in table.iterrows():
        reason = r.get("suppressed")
        if pd.notna(reason) and reason == "not asked":
            cells = [t("not_asked", lang)] * 3
        elif pd.notna(reason) and reason:
            cells = [t("hidden", lang)] * 3
        else:
            cells = [
                str(int(r["n"])),
                f"{format_number(r['mean'], 1, lang=lang)} "
                f"({format_number(r['ci_low'], 1, lang=lang)}–"
                f"{format_number(r['ci_high'], 1, lang=lang)})",
                format_percent(r["favourable"], lang=lang),
            ]
        groups = [format_period(r[c], lang=lang) if c == "period" else str(r[c]) for c in by]
        rows.append([*groups, str(r["theme"]), *cells])
    headers = [
        *(t(c, lang) if c in ("period", "unit") else c for c in by),
        t("themes.theme", lang),
        t("responses", lang),
        t("themes.mean_ci", lang),
        t("themes.favourable", lang),
    ]
    return pd.DataFrame(rows, columns=headers)


_THEME_COLUMNS = {
    "theme",
    "n_items",
    "n",
    "mean",
    "sd",
    "ci_low",
    "ci_high",
    "favourable",
    "unfavourable",
    "suppressed",
}
