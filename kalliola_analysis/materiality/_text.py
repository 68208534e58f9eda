"""Words for the materiality results: table headings, descriptions and the methods note.

Finnish first, English too; numbers written by :mod:`kalliola_analysis.formatting`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..formatting import format_number, format_p, format_percent
from ..i18n import check_lang

__all__ = [
    "MATERIALITY_STRINGS",
    "materiality_text",
    "describe_agreement",
    "describe_weightings",
    "materiality_methods",
]

#: ``{key: {"fi": ..., "en": ...}}`` for the materiality report and figure.
MATERIALITY_STRINGS: dict[str, dict[str, str]] = {
    "title": {"fi": "Olennaisuusanalyysi", "en": "Materiality analysis"},
    "participation": {"fi": "Osallistuminen", "en": "Participation"},
    "priorities": {"fi": "Tärkeimmät aiheet", "en": "Priorities"},
    "by_group": {"fi": "Sidosryhmittäin", "en": "By stakeholder group"},
    "agreement": {"fi": "Sidosryhmien yksimielisyys", "en": "Agreement between the groups"},
    "weightings": {"fi": "Ryhmien painotus", "en": "Weighting of the groups"},
    "matrix": {"fi": "Olennaisuusmatriisi", "en": "Materiality matrix"},
    "methods": {"fi": "Menetelmät", "en": "Methods"},
    "group": {"fi": "Sidosryhmä", "en": "Stakeholder group"},
    "round": {"fi": "Kierros", "en": "Round"},
    "visits": {"fi": "Osallistumiskäyntikertoja", "en": "Visits"},
    "prioritisations": {"fi": "Tehtyjä priorisointeja", "en": "Prioritisations"},
    "per_visit": {"fi": "Priorisointeja / käynti", "en": "Per visit"},
    "total": {"fi": "Yhteensä", "en": "Total"},
    "topic": {"fi": "Aihe", "en": "Topic"},
    "rank": {"fi": "Sija", "en": "Rank"},
    "rank_ci": {"fi": "Sijan 95 %:n väli", "en": "95% interval of rank"},
    "share": {"fi": "Osuus painotuksista", "en": "Share of priority"},
    "share_ci": {"fi": "Osuuden 95 %:n väli", "en": "95% interval of share"},
    "p_top": {"fi": "Todennäköisyys olla {k} kärjessä", "en": "Probability of top {k}"},
    "impact": {"fi": "Vaikutus (organisaation arvio)", "en": "Impact (organisation's score)"},
    "axis_priority": {
        "fi": "Sidosryhmien painotus (osuus, ryhmät samanarvoisina)",
        "en": "Stakeholder priority (share, groups weighted equally)",
    },
    "top_cut": {"fi": "{k} tärkeintä", "en": "Top {k}"},
    "equal": {"fi": "Ryhmät samanarvoisina", "en": "Groups weighted equally"},
    "pooled": {"fi": "Osallistujien mukaan", "en": "Weighted by participants"},
    "test": {"fi": "Testi", "en": "Test"},
    "kendall_w_chi2": {
        "fi": "Kendallin W, khiin neliö -testi",
        "en": "Kendall's W, chi-square test",
    },
    "kendall_w_f": {"fi": "Kendallin W, F-testi", "en": "Kendall's W, F test"},
    "spearman": {"fi": "Spearmanin korrelaatio", "en": "Spearman correlation"},
    "pair": {"fi": "Ryhmät", "en": "Groups"},
    "effect_size": {"fi": "W tai rho", "en": "W or rho"},
    "interval": {"fi": "95 %:n väli", "en": "95% interval"},
    "statistic": {"fi": "Testisuure", "en": "Statistic"},
    "df": {"fi": "Vapausasteet", "en": "df"},
}

_STRENGTH = (  # Schmidt (1997), guideline for Kendall's W
    (0.9, {"fi": "erittäin vahva", "en": "very strong"}),
    (0.7, {"fi": "vahva", "en": "strong"}),
    (0.5, {"fi": "kohtalainen", "en": "moderate"}),
    (0.3, {"fi": "heikko", "en": "weak"}),
    (0.0, {"fi": "hyvin heikko", "en": "very weak"}),
)


def materiality_text(key: str, lang: str = "fi", /, **fields: Any) -> str:
    """Return a materiality report string in ``lang``, formatted with ``fields``.

    Parameters
    ----------
    key : str
        A key of :data:`MATERIALITY_STRINGS`.
    lang : {"fi", "en"}, default "fi"
        The language.
    **fields
        Values for the string's ``str.format`` fields (e.g. ``k=5``).

    Returns
    -------
    str
        The string with its fields filled in.

    Examples
    --------
    >>> materiality_text("p_top", "fi", k=5), materiality_text("p_top", "en", k=5)
    ('Todennäköisyys olla 5 kärjessä', 'Probability of top 5')
    """
    lang = check_lang(lang)
    return MATERIALITY_STRINGS[key][lang].format(**fields)


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
    from ._agreement import FEW_GROUPS

    lang = check_lang(lang)
    w_rows = agreement[agreement["test"] == "kendall_w_chi2"]
    m = int(agreement["m"].iloc[0]) if len(agreement) else 0
    n = int(agreement["n"].iloc[0]) if len(agreement) else 0
    if m < 2 or w_rows.empty or pd.isna(w_rows["effect_size"].iloc[0]):
        return {
            "fi": "Yhtäpitävyyttä ei voi mitata: alle kahdessa sidosryhmässä on tarpeeksi vastaajia.",
            "en": "Agreement cannot be measured: fewer than two groups have enough visits.",
        }[lang]
    chi, f = w_rows.iloc[0], agreement[agreement["test"] == "kendall_w_f"].iloc[0]
    w = float(chi["effect_size"])
    strength = next(s[lang] for lim, s in _STRENGTH if w >= lim)
    interval = ""
    if pd.notna(chi["ci_low"]):
        lo, hi = _num(chi["ci_low"], 2, lang), _num(chi["ci_high"], 2, lang)
        interval = f" (95 %:n väli {lo}–{hi})" if lang == "fi" else f" (95% interval {lo}–{hi})"
    chi_text = f"χ²({int(chi['df'])}) = {_num(chi['statistic'], 1, lang)}, {_p(chi['p'], lang)}"
    f_text = (
        f"F({_num(f['df'], 1, lang)}; {_num(f['df2'], 1, lang)}) = "
        f"{_num(f['statistic'], 1, lang)}, {_p(f['p'], lang)}"
    )
    if lang == "en":
        f_text = f_text.replace(";", ",")
    rho = agreement.loc[agreement["test"] == "spearman", "effect_size"]
    if lang == "fi":
        text = (
            f"Kendallin W = {_num(w, 2, lang)}{interval} {m} sidosryhmän ja {n} aiheen "
            f"järjestyksistä (0 = ei yhtäpitävyyttä, 1 = samat järjestykset): {strength} "
            f"yhtäpitävyys. Khiin neliö -testi {chi_text}; F-testi {f_text}."
        )
        if len(rho):
            text += (
                f" Ryhmien järjestysten väliset Spearmanin korrelaatiot ovat "
                f"{_num(rho.min(), 2, lang)}–{_num(rho.max(), 2, lang)}."
            )
        if m < FEW_GROUPS:
            text += (
                f" Vain {m} ryhmän aineistossa testin voima on pieni ja khiin neliö "
                "-approksimaatio karkea: testi kysyy vain, onko järjestyksissä mitään "
                "sattumaa suurempaa yhtäpitävyyttä. Ryhmien yksimielisyyttä kannattaa arvioida "
                "W:n ja korrelaatioiden, ei p-arvon perusteella."
            )
        return text
    text = (
        f"Kendall's W = {_num(w, 2, lang)}{interval} across {m} groups and {n} topics "
        f"(0 = no agreement, 1 = identical rankings): {strength} agreement. "
        f"Chi-square test {chi_text}; F test {f_text}."
    )
    if len(rho):
        text += (
            f" The pairwise Spearman correlations between the group rankings range from "
            f"{_num(rho.min(), 2, lang)} to {_num(rho.max(), 2, lang)}."
        )
    if m < FEW_GROUPS:
        text += (
            f" With only {m} groups the test has little power and its chi-square "
            "approximation is rough: it only asks whether there is any agreement beyond "
            "chance. Judge how unanimous the groups were from W and the correlations, not "
            "from the p-value."
        )
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
        return {
            "fi": f"{k} tärkeintä aihetta ovat samat ja samassa järjestyksessä, painotettiinpa "
            "ryhmiä samanarvoisina tai osallistujamäärien mukaan.",
            "en": f"The top {k} is the same, in the same order, whether the groups are "
            "weighted equally or by their number of participants.",
        }[lang]
    col = f"text_{lang}"
    only_equal = list(weightings.loc[weightings["top_equal"] & ~weightings["top_pooled"], col])
    only_pooled = list(weightings.loc[weightings["top_pooled"] & ~weightings["top_equal"], col])
    if not only_equal and not only_pooled:
        return {
            "fi": f"{k} tärkeintä aihetta ovat samat molemmilla painotuksilla, mutta niiden "
            "järjestys vaihtelee.",
            "en": f"The top {k} topics are the same under both weightings, but their order differs.",
        }[lang]
    if lang == "fi":
        return (
            f"Painotus muuttaa {k} kärjen: ryhmät samanarvoisina kärjessä on "
            f"{', '.join(only_equal)}; osallistujamäärien mukaan {', '.join(only_pooled)}."
        )
    return (
        f"The weighting changes the top {k}: with groups weighted equally it holds "
        f"{', '.join(only_equal)}; weighted by participants, {', '.join(only_pooled)}."
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
    if lang == "fi":
        parts = [
            "Jokainen osallistumiskäynti lasketaan kerran: käynnillä valitut aiheet jakavat "
            "sen painon tasan (10 aihetta valinnut käynti antaa kullekin kymmenesosan). "
            "Sidosryhmän osuus aiheesta on keskiarvo sen käynneistä; "
            + (
                "ryhmät painotetaan samanarvoisina, jotta suuri ryhmä ei jyrää pientä."
                if weighting == "equal"
                else "ryhmät painotetaan osallistujamäärien mukaan."
            ),
            f"Epävarmuus on arvioitu bootstrap-menetelmällä ({n_resamples} uusintaotosta, "
            "käynnit arvottu uudelleen kunkin ryhmän sisällä, kiinteä siemenluku): sijan "
            f"95 %:n väli ja todennäköisyys kuulua {k} tärkeimmän joukkoon.",
            "Ryhmien yksimielisyyttä mitataan Kendallin W:llä (sidoskorjattu) ja ryhmien "
            "järjestysten Spearmanin korrelaatioilla.",
            f"Sidosryhmää, jolla on alle {min_n} käyntiä, ei näytetä erikseen.",
        ]
    else:
        parts = [
            "Each visit counts once: the topics a visit picked share its weight equally (a "
            "visit that picked 10 topics gives each a tenth). A group's share of a topic is the "
            "mean over its visits; "
            + (
                "the groups are weighted equally, so a large group does not outvote a small one."
                if weighting == "equal"
                else "the groups are weighted by their number of participants."
            ),
            f"Uncertainty comes from a bootstrap ({n_resamples} resamples, visits resampled "
            "within each group, fixed seed): the 95% interval of each rank and the probability "
            f"of being in the top {k}.",
            "Agreement between the groups is measured with Kendall's W (tie-corrected) and the "
            "Spearman correlations between the group rankings.",
            f"A stakeholder group with fewer than {min_n} visits is not shown on its own.",
        ]
    return "\n\n".join(parts)


def _share_text(x, lang: str) -> str:  # used by the report tables
    return format_percent(x, 1, lang=lang)
