"""Words for the materiality results: table headings, descriptions and the methods note.

Finnish first, English too; numbers written by :mod:`kalliola_analysis.formatting`.
"""

from __future__ import annotations

import pandas as pd

from ..formatting import format_number, format_p
from ..i18n.strings import check_lang, t

__all__ = [
    "describe_agreement",
    "describe_weightings",
    "materiality_methods",
]

#: With fewer groups than this, the description warns that the test has little power.
FEW_GROUPS = 7

_STRENGTH = (  # Schmidt (1997), guideline for Kendall's W
    (0.9, "very_strong"),
    (0.7, "strong"),
    (0.5, "moderate"),
    (0.3, "weak"),
    (0.0, "very_weak"),
)


def _num(x, decimals: int, lang: str) -> str:
    return format_number(x, decimals, lang=lang)


def _p(p, lang: str) -> str:
    text = format_p(p, lang=lang)
    return f"p {text}" if text.startswith(("<", ">")) else f"p = {text}"


def describe_agreement(agreement: pd.DataFrame, *, lang: str = "fi") -> str:
    """Say in words what :func:`materiality_agreement` found, with the caveats.

    Parameters
    ----------
    agreement : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_agreement`.
    lang : {"fi", "en"}, default "fi"
        The language.

    Returns
    -------
    str
        W with its interval and a verbal strength (Schmidt's 1997 guideline:
        0.3 weak, 0.5 moderate, 0.7 strong, 0.9 very strong), both tests, the
        range of the pairwise correlations and, with fewer than seven groups,
        the warning that the test has little power.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> a = ka.materiality_agreement(ka.load_demo("materiality"), n_resamples=0)
    >>> print(ka.describe_agreement(a, lang="en"))  # doctest: +ELLIPSIS
    Kendall's W = 0.89 across 3 groups and 20 topics (0 = no agreement, 1 = identical rankings): ... little power ...
    """
    lang = check_lang(lang)
    w_rows = agreement[agreement["test"] == "kendall_w_chi2"]
    m = int(agreement["m"].iloc[0]) if len(agreement) else 0
    n = int(agreement["n"].iloc[0]) if len(agreement) else 0
    if m < 2 or w_rows.empty or pd.isna(w_rows["effect_size"].iloc[0]):
        return t("materiality.agreement_unmeasurable", lang)
    chi, f = w_rows.iloc[0], agreement[agreement["test"] == "kendall_w_f"].iloc[0]
    w = float(chi["effect_size"])
    strength = next(t(f"materiality.strength_{s}", lang) for lim, s in _STRENGTH if w >= lim)
    interval = ""
    if pd.notna(chi["ci_low"]):
        lo, hi = _num(chi["ci_low"], 2, lang), _num(chi["ci_high"], 2, lang)
        interval = f" ({t('materiality.interval', lang)} {lo}–{hi})"
    chi_text = f"χ²({int(chi['df'])}) = {_num(chi['statistic'], 1, lang)}, {_p(chi['p'], lang)}"
    sep = t("materiality.df_separator", lang)
    f_text = (
        f"F({_num(f['df'], 1, lang)}{sep}{_num(f['df2'], 1, lang)}) = "
        f"{_num(f['statistic'], 1, lang)}, {_p(f['p'], lang)}"
    )
    text = t(
        "materiality.agreement_summary",
        lang,
        w=_num(w, 2, lang),
        interval=interval,
        m=m,
        n=n,
        strength=strength,
        chi=chi_text,
        f=f_text,
    )
    rho = agreement.loc[agreement["test"] == "spearman", "effect_size"]
    if len(rho):
        text += t(
            "materiality.agreement_rho",
            lang,
            low=_num(rho.min(), 2, lang),
            high=_num(rho.max(), 2, lang),
        )
    if m < FEW_GROUPS:
        text += t("materiality.agreement_few_groups", lang, m=m)
    return text


def describe_weightings(weightings: pd.DataFrame, *, lang: str = "fi") -> str:
    """Say whether the equal and the pooled weighting give the same top list.

    Parameters
    ----------
    weightings : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_weightings`.
    lang : {"fi", "en"}, default "fi"
        The language.

    Returns
    -------
    str
        One sentence: the same top list, the same set in another order, or
        which topics enter the top list under each weighting.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> w = ka.materiality_weightings(ka.load_demo("materiality"))
    >>> ka.describe_weightings(w, lang="en")
    'The top 5 is the same, in the same order, whether the groups are weighted equally or by their number of participants.'
    """
    lang = check_lang(lang)
    k = weightings.attrs.get("top_k", int(weightings["top_equal"].sum()))
    if weightings.attrs.get("same_top"):
        return t("materiality.weightings_same", lang, k=k)
    col = f"text_{lang}"
    only_equal = list(weightings.loc[weightings["top_equal"] & ~weightings["top_pooled"], col])
    only_pooled = list(weightings.loc[weightings["top_pooled"] & ~weightings["top_equal"], col])
    if not only_equal and not only_pooled:
        return t("materiality.weightings_reordered", lang, k=k)
    return t(
        "materiality.weightings_differ",
        lang,
        k=k,
        equal=", ".join(only_equal),
        pooled=", ".join(only_pooled),
    )


def materiality_methods(
    priorities: pd.DataFrame, *, n_resamples: int, min_n: int, lang: str = "fi"
) -> str:
    """The methods note of the materiality report, as plain text paragraphs.

    Parameters
    ----------
    priorities : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_priorities`.
    n_resamples : int
        The number of bootstrap resamples used.
    min_n : int
        The anonymity threshold used.
    lang : {"fi", "en"}, default "fi"
        The language.

    Returns
    -------
    str
        Paragraphs separated by blank lines.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> p = ka.materiality_priorities(ka.load_demo("materiality"), n_resamples=0)
    >>> print(ka.materiality_methods(p, n_resamples=0, min_n=5, lang="en").split("\\n")[0])
    Each visit counts once: the topics a visit picked share its weight equally (a visit that picked 10 topics gives each a tenth). A group's share of a topic is the mean over its visits; the groups are weighted equally, so a large group does not outvote a small one.
    """
    lang = check_lang(lang)
    weighting = priorities.attrs.get("weighting", "equal")
    k = priorities.attrs.get("top_k", 5)
    parts = [
        t(
            "materiality.methods_visits",
            lang,
            weighting=t(
                f"materiality.methods_{'equal' if weighting == 'equal' else 'pooled'}", lang
            ),
        ),
        t("materiality.methods_bootstrap", lang, n_resamples=n_resamples, k=k),
        t("materiality.methods_agreement", lang),
        t("materiality.methods_threshold", lang, min_n=min_n),
    ]
    return "\n\n".join(parts)
