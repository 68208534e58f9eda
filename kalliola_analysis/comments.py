"""Free-text answers: chosen under a respondent threshold, shuffled, rendered escaped.

Comments are the most identifying thing a survey collects. They leave the
library only for a group of at least ``min_n`` respondents (10 by default, the
threshold Glint uses for comments), without the unit or any other column of
the respondent, and in a seeded random order, so neither the order of the
responses file nor a sort reveals who wrote what. Any HTML made of them is
escaped: a comment is text, never markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ._validation import check_min_n
from .errors import ParameterError
from .i18n import check_lang, t
from .survey import Survey, parse_period

__all__ = ["free_text", "comments_html"]

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
        wrote a comment) for which comments are shown.
    seed : int, default 0
        Seed of the shuffle, so a report is reproducible.

    Returns
    -------
    pandas.DataFrame
        Columns ``question`` and ``text`` (stripped; empty answers dropped),
        with a fresh ``RangeIndex``. ``.attrs["suppressed"]`` is ``None`` when
        shown, else the reason (and the frame is empty); ``.attrs["min_n"]``
        is the threshold used.

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
    periods = _as_list(period, "period")
    if periods is not None:
        wanted = []
        for p in periods:
            iso = parse_period(p)
            if iso is None or iso not in survey.periods:
                raise ParameterError(f"period must be one of {survey.periods!r}, got {p!r}")
            wanted.append(iso)
        mask &= r["period"].astype(str).isin(wanted).to_numpy()
    units = _as_list(unit, "unit")
    if units is not None:
        for u in units:
            if u not in survey.units:
                raise ParameterError(f"unit must be one of {survey.units!r}, got {u!r}")
        mask &= r["unit"].astype(str).isin(units).to_numpy()

    group = r.loc[mask]
    out = pd.DataFrame({"question": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})
    if len(group) < min_n:
        out.attrs.update(suppressed=f"fewer than {min_n} respondents", min_n=min_n)
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
        are no comments, a ``<p class="comments-note">`` notice instead.

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
        return f'<p class="comments-note">{html.escape(t("comments_hidden", lang, n=n))}</p>'
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
