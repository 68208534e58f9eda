"""Materiality results written for the report: localised headings and numbers.

Each function takes a result of the analysis functions and returns a new
DataFrame of text, ready to display; the numbers themselves are unchanged in
the input (the report writes those to CSV/XLSX).
"""

from __future__ import annotations

import pandas as pd

from ..formatting import MISSING, format_number, format_p, format_percent
from ..i18n.strings import check_lang, t

__all__ = [
    "format_participation",
    "format_priorities",
    "format_group_priorities",
    "format_agreement",
    "format_weightings",
]


def _int(x, lang: str) -> str:
    return format_number(x, 0, lang=lang)


def _pct(x, lang: str) -> str:
    return format_percent(x, 1, lang=lang)


def _range(lo, hi, fmt, lang: str) -> str:
    if pd.isna(lo) or pd.isna(hi):
        return MISSING
    a, b = fmt(lo, lang), fmt(hi, lang)
    return a if a == b else f"{a}–{b}"


def format_participation(participation: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Write :func:`materiality_participation` in the published table's words.

    Parameters
    ----------
    participation : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_participation`.
    lang : {"fi", "en"}, default "fi"
        Language of the headings and numbers.

    Returns
    -------
    pandas.DataFrame
        Text columns: group, round, visits, prioritisations, per visit; hidden rows say so.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> p = ka.materiality_participation(ka.load_demo("materiality"), group_totals=False)
    >>> ka.format_participation(p).iloc[-1].tolist()
    ['Yhteensä', '', '410', '4 686', '11,4']
    """
    lang = check_lang(lang)
    hidden = t("hidden", lang)
    rows = []
    for _, r in participation.iterrows():
        group = t("total", lang) if r["level"] == "total" else str(r["group"])
        rnd = "" if r["level"] != "round" else str(r["round"])
        if r["level"] == "group":
            rnd = t("total", lang)
        if pd.notna(r["suppressed"]):
            rows.append([group, rnd, hidden, hidden, hidden])
            continue
        rows.append(
            [
                group,
                rnd,
                _int(r["visits"], lang),
                _int(r["prioritisations"], lang),
                format_number(r["per_visit"], 1, lang=lang),
            ]
        )
    cols = ["group", "round", "visits", "prioritisations", "per_visit"]
    return pd.DataFrame(rows, columns=[t(f"materiality.{c}", lang) for c in cols])


def format_priorities(priorities: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Write :func:`materiality_priorities` for the report (rank, topic, share, intervals).

    Parameters
    ----------
    priorities : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_priorities`.
    lang : {"fi", "en"}, default "fi"
        Language of the headings and numbers.

    Returns
    -------
    pandas.DataFrame
        Text columns: rank, topic, share, its interval, the rank's interval, the probability of the top list.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> p = ka.materiality_priorities(ka.load_demo("materiality"), top=1, n_resamples=100)
    >>> ka.format_priorities(p, lang="en").iloc[0, :3].tolist()
    ['1', 'Promoting a sense of participation', '9.8%']
    """
    lang = check_lang(lang)
    k = priorities.attrs.get("top_k", 5)
    out = pd.DataFrame(
        {
            t("materiality.rank", lang): [_int(x, lang) for x in priorities["rank"]],
            t("materiality.topic", lang): priorities[f"text_{lang}"].astype(str),
            t("materiality.share", lang): [_pct(x, lang) for x in priorities["share"]],
            t("materiality.share_ci", lang): [
                _range(lo, hi, _pct, lang)
                for lo, hi in zip(priorities["ci_low"], priorities["ci_high"], strict=True)
            ],
            t("materiality.rank_ci", lang): [
                _range(lo, hi, _int, lang)
                for lo, hi in zip(
                    priorities["rank_ci_low"], priorities["rank_ci_high"], strict=True
                )
            ],
            t("materiality.p_top", lang, k=k): [
                format_percent(x, 0, lang=lang) for x in priorities["p_top"]
            ],
        }
    )
    return out


def format_group_priorities(groups: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Show the groups side by side: one row per topic, "rank (share)" per group.

    Parameters
    ----------
    groups : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_group_priorities`.
    lang : {"fi", "en"}, default "fi"
        Language of the headings and numbers.

    Returns
    -------
    pandas.DataFrame
        Rank (overall), topic, then one column per group headed with its number of visits.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> g = ka.materiality_group_priorities(ka.load_demo("materiality"), n_resamples=0)
    >>> f = ka.format_group_priorities(g, lang="en")
    >>> list(f.columns)
    ['Rank', 'Topic', 'Asiakkaat (n = 122)', 'Henkilöstö (n = 140)', 'Yhteistyökumppanit (n = 148)']
    >>> f.iloc[0, 2]
    '1 (11.5%)'
    """
    lang = check_lang(lang)
    rank, topic = t("materiality.rank", lang), t("materiality.topic", lang)
    if groups.empty:
        return pd.DataFrame(columns=[rank, topic])
    first = groups[groups["group"] == groups["group"].iloc[0]]
    out = pd.DataFrame(
        {
            rank: [_int(x, lang) for x in first["rank_overall"]],
            topic: first[f"text_{lang}"].astype(str).to_list(),
        }
    )
    for g, rows in groups.groupby("group", sort=False):
        rows = rows.set_index("topic").loc[first["topic"]]
        label = f"{g} (n = {_int(rows['n'].iloc[0], lang)})"
        out[label] = [
            f"{_int(r, lang)} ({_pct(s, lang)})"
            for r, s in zip(rows["rank"], rows["share"], strict=True)
        ]
    return out


def format_agreement(agreement: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Write :func:`materiality_agreement` for the report.

    Parameters
    ----------
    agreement : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_agreement`.
    lang : {"fi", "en"}, default "fi"
        Language of the headings and numbers.

    Returns
    -------
    pandas.DataFrame
        Text columns: test, groups, W or rho, interval, statistic, df, p.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> a = ka.materiality_agreement(ka.load_demo("materiality"), n_resamples=0)
    >>> ka.format_agreement(a, lang="en").iloc[0].tolist()
    ["Kendall's W, chi-square test", 'all 3', '0.89', '–', '50.9', '19', '<\xa00.001']
    """
    lang = check_lang(lang)
    rows = []
    for _, r in agreement.iterrows():
        if r["test"] == "spearman":
            pair = f"{r['group_a']} – {r['group_b']}"
            df = _int(r["df"], lang)
        else:
            pair = t("materiality.all_groups", lang, m=int(r["m"]))
            df = (
                _int(r["df"], lang)
                if pd.isna(r["df2"])
                else f"{format_number(r['df'], 1, lang=lang)}; {format_number(r['df2'], 1, lang=lang)}"
            )
        rows.append(
            [
                t(f"materiality.{r['test']}", lang),
                pair,
                format_number(r["effect_size"], 2, lang=lang),
                _range(r["ci_low"], r["ci_high"], lambda x, lg: format_number(x, 2, lang=lg), lang),
                MISSING if pd.isna(r["statistic"]) else format_number(r["statistic"], 1, lang=lang),
                df,
                format_p(r["p"], lang=lang),
            ]
        )
    keys = ["test", "pair", "effect_size", "interval", "statistic", "df"]
    return pd.DataFrame(rows, columns=[*(t(f"materiality.{c}", lang) for c in keys), "p"])


def format_weightings(weightings: pd.DataFrame, *, lang: str = "fi") -> pd.DataFrame:
    """Write :func:`materiality_weightings` for the report: rank and share under each weighting.

    Parameters
    ----------
    weightings : pandas.DataFrame
        The result of :func:`kalliola_analysis.materiality_weightings`.
    lang : {"fi", "en"}, default "fi"
        Language of the headings and numbers.

    Returns
    -------
    pandas.DataFrame
        Topic, then rank and share with the groups weighted equally and by participants.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> w = ka.materiality_weightings(ka.load_demo("materiality"))
    >>> ka.format_weightings(w, lang="en").columns[1]
    'Groups weighted equally: rank'
    """
    lang = check_lang(lang)
    out = pd.DataFrame({t("materiality.topic", lang): weightings[f"text_{lang}"].astype(str)})
    rank_word = t("materiality.rank", lang).lower()
    share_word = t("materiality.share", lang).lower()
    for w in ("equal", "pooled"):
        name = t(f"materiality.{w}", lang)
        out[f"{name}: {rank_word}"] = [_int(x, lang) for x in weightings[f"rank_{w}"]]
        out[f"{name}: {share_word}"] = [_pct(x, lang) for x in weightings[f"share_{w}"]]
    return out
