"""Participation and priorities of a materiality analysis."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import check_option
from ..errors import ParameterError
from ._data import Materiality
from ._shares import (
    WEIGHTINGS,
    check_bootstrap,
    group_shares,
    n_used,
    overall_shares,
    percentile_interval,
    rank_interval,
    resampled_group_shares,
    resampled_overall_shares,
    share_ranks,
    visit_weights,
)

__all__ = [
    "DEFAULT_SEED",
    "materiality_priorities",
    "materiality_group_priorities",
    "materiality_weightings",
]

#: Seed of the bootstrap unless one is given: results are the same on every run.
DEFAULT_SEED = 20231124

PRIORITY_COLUMNS = [
    "topic",
    "text_fi",
    "text_en",
    "impact",
    "n",
    "share",
    "ci_low",
    "ci_high",
    "rank",
    "rank_ci_low",
    "rank_ci_high",
    "p_top",
]


def _topic_frame(m: Materiality) -> pd.DataFrame:
    return m.topics[["topic", "text_fi", "text_en", "impact"]].reset_index(drop=True)


def _priority_table(
    m: Materiality, shares, boot, n: int, confidence_level: float, top_k: int
) -> pd.DataFrame:
    out = _topic_frame(m)
    out["n"] = n
    out["share"] = shares
    out["rank"] = share_ranks(shares)
    if boot is None:
        for c in ("ci_low", "ci_high", "p_top"):
            out[c] = np.nan
        out["rank_ci_low"] = out["rank_ci_high"] = pd.NA
    else:
        out["ci_low"], out["ci_high"] = percentile_interval(boot, confidence_level)
        ranks = share_ranks(boot)
        out["rank_ci_low"], out["rank_ci_high"] = rank_interval(ranks, confidence_level)
        out["p_top"] = (ranks <= top_k).mean(axis=0)
    for c in ("n", "rank", "rank_ci_low", "rank_ci_high"):
        out[c] = pd.array(out[c].to_numpy(dtype=float, na_value=np.nan), dtype="Int64")
    return out[PRIORITY_COLUMNS]


def _sorted(t: pd.DataFrame, top: int | None) -> pd.DataFrame:
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ParameterError(f"top must be None or a whole number >= 1, got {top!r}")
    t = t.sort_values(["rank", "topic"], kind="stable").reset_index(drop=True)
    return t if top is None else t[t["rank"] <= top].reset_index(drop=True)


def materiality_priorities(
    m: Materiality,
    *,
    weighting: str = "equal",
    top: int | None = None,
    top_k: int = 5,
    min_n: int = 5,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Rank the topics by the stakeholders' priority, with bootstrap intervals.

    Each visit counts once: its picks share its weight (1/k each of k picks;
    ranks become modified Borda points, points are used as given, both
    normalised per visit). A group's share of a topic is the mean weight its
    visits gave the topic; the overall share combines the groups.

    Parameters
    ----------
    m : Materiality
        The data (:func:`read_materiality`).
    weighting : {"equal", "pooled"}, default "equal"
        ``"equal"``: every stakeholder group counts the same (the mean of the
        group shares), so a large group does not outvote a small one.
        ``"pooled"``: every visit counts the same, so groups weigh by their
        number of visits.
    top : int, optional
        Return only the topics ranked ``top`` or better (all by default).
    top_k : int, default 5
        The cut-off of ``p_top``, the probability of being in the top ``top_k``.
    min_n : int, default 5
        Anonymity threshold: a group with fewer visits does not enter the
        equal weighting (it would get a whole group's weight from a handful of
        people); it enters the pooled weighting with its visits.
    n_resamples : int, default 2000
        Bootstrap resamples; visits are resampled with replacement within
        their group. 0 skips the bootstrap (interval columns are missing).
    confidence_level : float, default 0.95
        Coverage of the percentile intervals.
    seed : int, default DEFAULT_SEED
        Seed of the bootstrap: the same call gives the same numbers.

    Returns
    -------
    pandas.DataFrame
        One row per topic, best first. Columns ``topic``, ``text_fi``,
        ``text_en``, ``impact`` (the organisation's impact score, NaN if not
        given), ``n`` (visits behind the share), ``share`` (0-1; the shares
        sum to 1), ``ci_low``, ``ci_high`` (interval of the share), ``rank``
        (1 = highest share; ties share the best rank), ``rank_ci_low``,
        ``rank_ci_high`` (interval of the rank), ``p_top`` (share of
        resamples in which the topic is in the top ``top_k``).

    Notes
    -----
    With :math:`w_{vt}` the weight visit :math:`v` gives topic :math:`t`
    (:math:`\\sum_t w_{vt} = 1`) and :math:`V_g` the visits of group
    :math:`g`, the group share is :math:`s_{gt} = \\frac{1}{|V_g|}\\sum_{v \\in
    V_g} w_{vt}`; equal weighting takes :math:`\\frac{1}{G}\\sum_g s_{gt}`,
    pooled weighting :math:`\\sum_g |V_g| s_{gt} / \\sum_g |V_g|`. Ranks of
    a ranking question become modified Borda points [1]_: of the :math:`k`
    topics a visit ranked, rank :math:`r` gets :math:`k - r + 1`. The
    intervals are percentile intervals of a bootstrap stratified by group
    [2]_; the rank interval uses the outer order statistics, so it is whole.

    References
    ----------
    .. [1] Emerson, P. (2013). The original Borda count and partial voting.
       *Social Choice and Welfare*, 40(2), 353-358.
    .. [2] Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and
       their Application*, ch. 3.2 (stratified resampling). Cambridge UP.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> m = ka.load_demo("materiality")
    >>> p = ka.materiality_priorities(m, top=5, n_resamples=200)
    >>> p[["rank", "text_fi"]]
       rank                                          text_fi
    0     1                 Osallisuuden tunteen edistäminen
    1     2  Haavoittuvassa asemassa olevista huolehtiminen
    2     3                   Kuulumisen tunteen edistäminen
    3     4                  Ihmisoikeuksien kunnioittaminen
    4     5                    Yhdenvertaisuuden edistäminen
    """
    check_option("weighting", weighting, WEIGHTINGS)
    w = visit_weights(m, min_n)
    check_bootstrap(n_resamples, confidence_level, top_k, len(w.topics))
    shares = overall_shares(w, weighting)
    usable = not np.isnan(shares).any()
    boot = (
        resampled_overall_shares(w, weighting, n_resamples, seed)
        if usable and n_resamples
        else None
    )
    t = _priority_table(m, shares, boot, n_used(w, weighting), confidence_level, top_k)
    t.attrs.update(weighting=weighting, top_k=top_k, groups=list(w.shown), min_n=min_n)
    return _sorted(t, top)


def materiality_group_priorities(
    m: Materiality,
    *,
    top_k: int = 5,
    min_n: int = 5,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    seed: int = DEFAULT_SEED,
) -> pd.DataFrame:
    """Rank the topics within each stakeholder group, with bootstrap intervals.

    The per-group companion of :func:`materiality_priorities` (same weights,
    same bootstrap, same seed), in long form so its columns stay fixed
    whatever the groups are called.

    Parameters
    ----------
    m : Materiality
        The data.
    top_k : int, default 5
        The cut-off of ``p_top``.
    min_n : int, default 5
        Anonymity threshold: groups with fewer visits are not shown on their
        own (their rows are left out).
    n_resamples : int, default 2000
        Bootstrap resamples (0 skips them).
    confidence_level : float, default 0.95
        Coverage of the percentile intervals.
    seed : int, default DEFAULT_SEED
        Seed of the bootstrap; the same seed as :func:`materiality_priorities`
        uses the same resamples.

    Returns
    -------
    pandas.DataFrame
        One row per shown group and topic, groups in the data's order and
        topics in the overall (equal-weight) order. Columns ``group``,
        ``topic``, ``text_fi``, ``text_en``, ``n`` (the group's visits),
        ``share``, ``ci_low``, ``ci_high``, ``rank``, ``rank_ci_low``,
        ``rank_ci_high``, ``p_top``, ``rank_overall`` (the topic's rank with
        equal weighting).

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> g = ka.materiality_group_priorities(ka.load_demo("materiality"), n_resamples=0)
    >>> g.groupby("group", sort=False)["n"].first()
    group
    Asiakkaat             122
    Henkilöstö            140
    Yhteistyökumppanit    148
    Name: n, dtype: Int64
    """
    w = visit_weights(m, min_n)
    check_bootstrap(n_resamples, confidence_level, top_k, len(w.topics))
    boot = resampled_group_shares(w, n_resamples, seed, w.shown) if n_resamples else {}
    overall = share_ranks(overall_shares(w, "equal"))
    parts = []
    for g in w.shown:
        t = _priority_table(m, group_shares(w, g), boot.get(g), w.n(g), confidence_level, top_k)
        t.insert(0, "group", g)
        t["rank_overall"] = pd.array(overall, dtype="Int64")
        parts.append(t.sort_values(["rank_overall", "topic"], kind="stable"))
    columns = ["group", *[c for c in PRIORITY_COLUMNS if c != "impact"], "rank_overall"]
    if not parts:
        return pd.DataFrame(columns=columns)
    out = pd.concat(parts, ignore_index=True)[columns]
    out["group"] = out["group"].astype("string")
    out.attrs.update(top_k=top_k, min_n=min_n, hidden_groups=len(w.groups) - len(w.shown))
    return out


def materiality_weightings(m: Materiality, *, top_k: int = 5, min_n: int = 5) -> pd.DataFrame:
    """Compare the equal and the pooled weighting of the groups, topic by topic.

    Parameters
    ----------
    m : Materiality
        The data.
    top_k : int, default 5
        The size of the top list compared.
    min_n : int, default 5
        Anonymity threshold, as in :func:`materiality_priorities`.

    Returns
    -------
    pandas.DataFrame
        One row per topic in the equal-weight order. Columns ``topic``,
        ``text_fi``, ``text_en``, ``share_equal``, ``rank_equal``,
        ``share_pooled``, ``rank_pooled``, ``top_equal``, ``top_pooled``
        (bool: in the top ``top_k``). ``attrs["same_top"]`` is True when both
        weightings give the same top ``top_k`` in the same order;
        :func:`describe_weightings` says it in words.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> w = ka.materiality_weightings(ka.load_demo("materiality"))
    >>> w.attrs["same_top"], int(w["top_pooled"].sum())
    (True, 5)
    """
    w = visit_weights(m, min_n)
    check_bootstrap(0, 0.95, top_k, len(w.topics))
    out = _topic_frame(m).drop(columns="impact")
    for weighting in WEIGHTINGS:
        shares = overall_shares(w, weighting)
        out[f"share_{weighting}"] = shares
        out[f"rank_{weighting}"] = pd.array(share_ranks(shares), dtype="Int64")
        out[f"top_{weighting}"] = (out[f"rank_{weighting}"] <= top_k).fillna(False).astype(bool)
    out = out.sort_values(["rank_equal", "topic"], kind="stable").reset_index(drop=True)
    out = out[
        [
            "topic",
            "text_fi",
            "text_en",
            "share_equal",
            "rank_equal",
            "share_pooled",
            "rank_pooled",
            "top_equal",
            "top_pooled",
        ]
    ]

    def order(col: str) -> list[str]:
        top = out[out[f"top_{col}"]].sort_values([f"rank_{col}", "topic"], kind="stable")
        return list(top["topic"])

    out.attrs.update(
        top_k=top_k,
        same_top=order("equal") == order("pooled"),
        same_set=set(order("equal")) == set(order("pooled")),
    )
    return out
