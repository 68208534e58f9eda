"""Free-text answers: chosen under a respondent threshold, shuffled, rendered escaped.

Comments are the most identifying thing a survey collects. They leave the
library only for a group of at least ``min_n`` respondents (10 by default, the
threshold Glint uses for comments), without the unit or any other column of
the respondent, and in a seeded random order, so neither the order of the
responses file nor a sort reveals who wrote what. Any HTML made of them is
escaped: a comment is text, never markup.

The comment rule (:func:`comment_groups`): in each period, the units are
decided by the same release decision as the figures
(:func:`~kalliola_analysis.hidden_cells` by period and unit, on respondents),
with the comment threshold as ``min_n``. A list of comments is
shown only when, in every period it covers, it is a union of *regions*:
single units shown under that decision, and the pool of every hidden unit
together (which has, by the rule, either nothing or at least two units and
``min_n`` respondents). So comparing any lists of one release (the
organisation's list minus every shown unit's list, a unit's list of several
periods minus one period, ...) never narrows comments down to a group hidden
in its own report: each remainder is a shown unit or mixes at least two
hidden units with at least ``min_n`` respondents.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._validation import check_min_n
from ..errors import ParameterError
from ..i18n.strings import check_lang, t
from ..periods import check_period
from ..privacy.complementary import COMPLEMENTARY
from .data import Survey
from .disclosure import hidden_cells

__all__ = ["free_text", "comments_html", "comment_groups"]

#: Default respondent threshold for showing free text (Glint's comment threshold).
COMMENT_MIN_N = 10


def _as_list(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    raise ParameterError(f"{name} must be a string or a list of strings, got {value!r}")


def _periods(survey: Survey, period) -> list[str] | None:
    periods = _as_list(period, "period")
    if periods is None:
        return None
    return [check_period(p, survey.periods, "period") for p in periods]


def _fewer(min_n: int) -> str:
    return f"fewer than {min_n} respondents"


def comment_groups(
    survey: Survey,
    *,
    period: str | Iterable[str] | None = None,
    min_n: int = COMMENT_MIN_N,
) -> pd.DataFrame:
    """Decide, per period, which units' comments may be shown on their own.

    The units of each period are decided by the release decision of the
    figures (:func:`~kalliola_analysis.hidden_cells` by period and unit, on
    respondents: fewer than ``min_n``, and complementary suppression against
    the period's total), with the comment threshold as ``min_n``. Each period
    is decided from its own respondents only, so a later period never changes
    an earlier one.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str or list of str, optional
        Period(s); default every period.
    min_n : int, default 10
        The comment threshold: the fewest respondents (responses, whether or
        not they wrote a comment) of a group whose comments are shown.

    Returns
    -------
    pandas.DataFrame
        One row per period and unit with responses: ``period``, ``unit``,
        ``respondents`` (``Int64``, ``<NA>`` where hidden), ``shown`` (bool)
        and ``reason`` (``"fewer than 10 respondents"``, ``"hidden to protect
        a smaller group"`` or ``<NA>``).

    See Also
    --------
    free_text : The comments of a group, shown only under this decision.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> g = ka.comment_groups(ka.load_demo("pulse"), period="2023-05")
    >>> g[~g["shown"]][["unit", "reason"]].values.tolist()
    [['Hallinto', 'fewer than 10 respondents'], ['Järjestötoiminta', 'hidden to protect a smaller group']]
    """
    min_n = check_min_n(min_n)
    wanted = _periods(survey, period)
    decided = hidden_cells(survey, by=["period", "unit"], min_n=min_n)
    decided = decided[decided["n"].isna() | (decided["n"] > 0)]
    if wanted is not None:
        decided = decided[decided["period"].astype(str).isin(wanted)]
    reason = decided["reason"].astype("string")
    reason = reason.mask((reason == f"fewer than {min_n} answers").fillna(False), _fewer(min_n))
    out = pd.DataFrame(
        {
            "period": decided["period"],
            "unit": decided["unit"],
            "respondents": decided["n"].astype("Int64"),
            "shown": ~decided["hidden"].to_numpy(dtype=bool),
            "reason": reason,
        }
    )
    return out.reset_index(drop=True)


def _refusal(survey: Survey, periods: list[str], units: list[str] | None, min_n: int) -> str | None:
    """Why the comments of ``units`` in ``periods`` may not be shown, or ``None``.

    Shown only when, in every period, the selection is a union of regions of
    the comment decision: shown units, and all hidden units together when
    they have at least ``min_n`` respondents.
    """
    r = survey.responses
    sizes = r.groupby(["period", "unit"], observed=True).size()
    decision = comment_groups(survey, period=periods, min_n=min_n)
    hidden_of: dict[str, set[str]] = {}
    for row in decision.itertuples(index=False):
        if not row.shown:
            hidden_of.setdefault(str(row.period), set()).add(str(row.unit))
    protect = False
    for p in periods:
        here = sizes.xs(p, level="period") if p in sizes.index.get_level_values(0) else None
        if here is None:
            continue
        present = {str(u) for u, n in here.items() if n > 0}
        chosen = present if units is None else present & set(units)
        if not chosen:
            continue
        if sum(int(here[u]) for u in chosen) < min_n:
            return _fewer(min_n)
        hidden = hidden_of.get(p, set())
        picked = chosen & hidden
        if picked and picked != hidden:
            protect = True
        elif picked and sum(int(here[u]) for u in hidden) < min_n:
            return _fewer(min_n)
    return COMPLEMENTARY if protect else None


def free_text(
    survey: Survey,
    *,
    period: str | Iterable[str] | None = None,
    question: str | Iterable[str] | None = None,
    unit: str | Iterable[str] | None = None,
    min_n: int = COMMENT_MIN_N,
    seed: int = 0,
) -> pd.DataFrame:
    """Return the free-text answers of a group, in a seeded random order.

    Parameters
    ----------
    survey : Survey
        The survey.
    period : str or list of str, optional
        Period(s) (``"2023-11"`` or ``"11/2023"``); all periods when ``None``.
    question : str or list of str, optional
        Text question id(s); every ``text`` question of the codebook when ``None``.
    unit : str or list of str, optional
        Unit(s); the whole organisation when ``None``.
    min_n : int, default 10
        The fewest *respondents* (responses in the group, whether or not they
        wrote a comment) for which comments are shown; also the threshold of
        the unit decision (:func:`comment_groups`).
    seed : int, default 0
        Seed of the shuffle, so a report is reproducible.

    Returns
    -------
    pandas.DataFrame
        Columns ``question`` and ``text`` (stripped; empty answers dropped),
        with a fresh ``RangeIndex``. ``.attrs["suppressed"]`` is ``None`` when
        shown, else the reason (and the frame is empty); ``.attrs["min_n"]``
        is the threshold used.

    Notes
    -----
    The comments of a selection are shown only when, in every period it
    covers, the selection has at least ``min_n`` respondents and is a union
    of shown units of :func:`comment_groups` and (all or nothing of) the
    hidden units, which together have at least ``min_n`` respondents. A unit
    hidden to protect a smaller one gets ``"hidden to protect a smaller
    group"``; so do several units that split the hidden units. Comparing any
    shown lists then leaves a shown unit or at least two hidden units with
    ``min_n`` respondents, never one hidden unit.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown question, a question that is not a text question, an
        unknown period or unit, or a bad ``min_n``.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> c = free_text(pulse, period="2023-11")
    >>> list(c.columns), c.attrs["suppressed"] is None, len(c) > 0
    (['question', 'text'], True, True)
    >>> free_text(pulse, period="2023-11", unit="Hallinto").attrs["suppressed"]
    'fewer than 10 respondents'

    In 5/2023 Järjestötoiminta is hidden too, or the organisation's list minus
    the other units' lists would be Hallinto's comments:

    >>> free_text(pulse, period="2023-05", unit="Järjestötoiminta").attrs["suppressed"]
    'hidden to protect a smaller group'
    """
    min_n = check_min_n(min_n)
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ParameterError(f"seed must be a whole number, got {seed!r}")
    text_qs = survey.questions("text")
    questions = _as_list(question, "question")
    if questions is None:
        questions = text_qs
    for q in questions:
        if q not in text_qs:
            raise ParameterError(
                f"question must name a text question; {q!r} is not one of {text_qs!r}"
            )
    r = survey.responses
    mask = np.ones(len(r), dtype=bool)
    wanted = _periods(survey, period)
    if wanted is not None:
        mask &= r["period"].astype(str).isin(wanted).to_numpy()
    units = _as_list(unit, "unit")
    if units is not None:
        for u in units:
            if u not in survey.units:
                raise ParameterError(f"unit must be one of {survey.units!r}, got {u!r}")
        mask &= r["unit"].astype(str).isin(units).to_numpy()

    group = r.loc[mask]
    out = pd.DataFrame({"question": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})
    refusal = (
        _fewer(min_n)
        if len(group) < min_n
        else _refusal(survey, wanted if wanted is not None else list(survey.periods), units, min_n)
    )
    if refusal is not None:
        out.attrs.update(suppressed=refusal, min_n=min_n)
        return out
    parts = []
    for q in questions:
        answers = group[q].astype("string").str.strip()
        answers = answers[answers.notna() & (answers != "")]
        parts.append(pd.DataFrame({"question": q, "text": answers.to_numpy()}))
    if parts:
        out = pd.concat(parts, ignore_index=True).astype("string")
    order = np.random.default_rng(int(seed)).permutation(len(out))
    out = out.iloc[order].reset_index(drop=True)
    out.attrs.update(suppressed=None, min_n=min_n)
    return out


def comments_html(frame: pd.DataFrame, *, lang: str = "fi") -> str:
    """Render comments as an HTML list, every text escaped.

    Parameters
    ----------
    frame : pandas.DataFrame
        The result of :func:`free_text` (a ``text`` column; an optional
        ``question`` column is not shown).
    lang : {"fi", "en"}, default "fi"
        Language of the notice shown when comments are hidden or absent.

    Returns
    -------
    str
        ``<ul class="comments"><li>…</li></ul>``; line breaks in a comment
        become ``<br>``. When ``frame.attrs["suppressed"]`` is set, or there
        are no comments, a ``<p class="comments-note">`` notice instead (for
        comments hidden to protect a smaller group, a notice that says so).

    Notes
    -----
    Every comment goes through :func:`html.escape` with ``quote=True``, so
    ``<script>`` appears as the text ``&lt;script&gt;`` and Markdown such as
    ``**bold**`` stays literal text (the fragment is HTML, never passed
    through a Markdown renderer).

    Examples
    --------
    >>> import pandas as pd
    >>> print(comments_html(pd.DataFrame({"text": ["Hyvä <b>työpaikka</b>", 'Sano "moi"']})))
    <ul class="comments">
    <li>Hyvä &lt;b&gt;työpaikka&lt;/b&gt;</li>
    <li>Sano &quot;moi&quot;</li>
    </ul>
    """
    check_lang(lang)
    if "text" not in frame.columns:
        raise ParameterError(
            f"frame must have a 'text' column (the result of free_text); it has {list(frame.columns)}"
        )
    if frame.attrs.get("suppressed"):
        n = frame.attrs.get("min_n", COMMENT_MIN_N)
        # one message for both reasons: which of the two applies would tell a reader on which
        # side of the threshold a hidden group lies
        key = "comments_hidden_any"
        return f'<p class="comments-note">{html.escape(t(key, lang, n=n))}</p>'
    texts = [str(x) for x in frame["text"] if not pd.isna(x) and str(x).strip()]
    if not texts:
        return f'<p class="comments-note">{html.escape(t("comments_none", lang))}</p>'
    items = [
        "<li>"
        + "<br>".join(html.escape(line, quote=True) for line in s.strip().splitlines())
        + "</li>"
        for s in texts
    ]
    return '<ul class="comments">\n' + "\n".join(items) + "\n</ul>"
