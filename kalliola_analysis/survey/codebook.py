"""The codebook: what each question asks and how its answers are coded.

A codebook is a DataFrame with one row per question:

==============  ========  ==========================================================
column          required  meaning
==============  ========  ==========================================================
``question``    yes       the question id, also the column name in the responses
``text_fi``     yes       the question text in Finnish
``text_en``     yes       the question text in English
``type``        yes       ``likert``, ``nps`` (0-10), ``choice`` or ``text``
``scale_min``   likert    lowest answer code (usually 1)
``scale_max``   likert    highest answer code (usually 5)
``labels_fi``   no        answer labels low to high, separated by ``|``
``labels_en``   no        the same in English
``theme``       no        a heading that groups questions in reports
``reverse``     no        ``True`` when agreement is unfavourable (reverse-coded)
``favourable_`` no        likert: the lowest *score* counted as favourable; default
``min``                   every option above the midpoint (see :func:`favourable_options`)
==============  ========  ==========================================================

For ``choice`` questions the labels are the options, coded 1..k in order.

Examples
--------
>>> import pandas as pd
>>> cb = read_codebook_frame(pd.DataFrame({
...     "question": ["q1", "enps"], "text_fi": ["Viihdyn", "Suosittelisitko"],
...     "text_en": ["I enjoy", "Recommend"], "type": ["likert", "nps"],
...     "scale_min": [1, None], "scale_max": [5, None]}))
>>> cb[["question", "type", "scale_min", "scale_max"]]
  question    type  scale_min  scale_max
0       q1  likert          1          5
1     enps     nps          0         10
"""

from __future__ import annotations

import pandas as pd

from ..errors import (
    DataError,
    InvalidValueError,
    MissingColumnError,
    OutOfRangeError,
    raise_problems,
)

__all__ = [
    "QUESTION_TYPES",
    "DONT_KNOW_LABELS",
    "read_codebook_frame",
    "favourable_options",
]

QUESTION_TYPES = ("likert", "nps", "choice", "text")

#: Answers that mean "no opinion": read as missing, never as a number.
DONT_KNOW_LABELS = frozenset(
    s.casefold()
    for s in (
        "En osaa sanoa",
        "Eos",
        "Ei koske minua",
        "Don't know",
        "Do not know",
        "Don’t know",
        "Not applicable",
        "N/A",
        "Vet inte",
        "Kan inte säga",
    )
)

_REQUIRED = ("question", "text_fi", "text_en", "type")
_OPTIONAL = (
    "scale_min",
    "scale_max",
    "labels_fi",
    "labels_en",
    "theme",
    "reverse",
    "favourable_min",
)
_TRUE = {"true", "1", "yes", "kyllä", "x", "t", "y"}
_FALSE = {"false", "0", "no", "ei", "", "f", "n", "nan", "none"}


def split_labels(value) -> list[str]:
    """The answer labels of a codebook cell (``"a|b|c"``); none for an empty cell.

    Examples
    --------
    >>> split_labels("Eri mieltä | Samaa mieltä|")
    ['Eri mieltä', 'Samaa mieltä']
    """
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [s.strip() for s in str(value).split("|") if s.strip()]


def read_codebook_frame(frame: pd.DataFrame, *, file: str | None = "codebook") -> pd.DataFrame:
    """Validate a codebook DataFrame and return it with typed, completed columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        The codebook as read from a file or built by hand.
    file : str, default "codebook"
        Name used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``question``, ``text_fi``, ``text_en``, ``type``, ``scale_min``,
        ``scale_max`` (``Int64``; 0 and 10 for NPS questions; for choice
        questions 1 and the number of options), ``labels_fi``, ``labels_en``
        (``|``-separated strings, may be empty), ``theme``, ``reverse``
        (bool) and ``favourable_min`` (``Int64``, ``<NA>`` = the default rule
        of :func:`favourable_options`), in the codebook's order.

    Raises
    ------
    kalliola_analysis.errors.DataError
        Missing required columns, unknown types, duplicate ids, a Likert
        question without a valid scale, or labels that do not match the scale.

    Examples
    --------
    >>> import pandas as pd
    >>> cb = read_codebook_frame(pd.DataFrame({"question": ["q1"], "text_fi": ["a"],
    ...     "text_en": ["a"], "type": ["likert"], "scale_min": [1], "scale_max": [7]}))
    >>> int(cb.loc[0, "scale_max"])
    7
    """
    if not isinstance(frame, pd.DataFrame):
        raise DataError(
            f"a codebook must be a pandas DataFrame, got {type(frame).__name__}", file=file
        )
    cols = {str(c).strip(): c for c in frame.columns}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise MissingColumnError(
            f"the codebook lacks required column(s) {missing}; it has {list(cols)}",
            file=file,
            column=missing[0],
        )
    if len(frame) == 0:
        raise DataError("the codebook has no questions", file=file)
    cb = frame.rename(columns={v: k for k, v in cols.items()}).reset_index(drop=True).copy()
    problems: list[DataError] = []

    cb["question"] = cb["question"].astype("string").str.strip()
    cb["type"] = cb["type"].astype("string").str.strip().str.lower()
    for c in ("text_fi", "text_en"):
        cb[c] = cb[c].astype("string").fillna("")
    for c in ("labels_fi", "labels_en", "theme"):
        cb[c] = (
            cb[c].astype("string").fillna("")
            if c in cb
            else pd.Series("", index=cb.index, dtype="string")
        )

    dup = cb["question"].duplicated(keep="first")
    for i in cb.index[dup]:
        problems.append(
            InvalidValueError(
                f"question id {cb.loc[i, 'question']!r} appears twice",
                file=file,
                column="question",
                row=i + 2,
            )
        )
    for i, q in cb["question"].items():
        if pd.isna(q) or q == "":
            problems.append(
                InvalidValueError("empty question id", file=file, column="question", row=i + 2)
            )

    for i, t in cb["type"].items():
        if t not in QUESTION_TYPES:
            problems.append(
                InvalidValueError(
                    f"unknown question type {t!r}; allowed: {list(QUESTION_TYPES)}",
                    file=file,
                    column="type",
                    row=i + 2,
                )
            )

    if "reverse" in cb:
        rev = []
        for i, v in cb["reverse"].items():
            s = (
                ""
                if v is None or (not isinstance(v, str) and pd.isna(v))
                else str(v).strip().casefold()
            )
            if s in _TRUE:
                rev.append(True)
            elif s in _FALSE:
                rev.append(False)
            else:
                problems.append(
                    InvalidValueError(
                        f"reverse must be true or false, got {v!r}",
                        file=file,
                        column="reverse",
                        row=i + 2,
                    )
                )
                rev.append(False)
        cb["reverse"] = pd.array(rev, dtype=bool)
    else:
        cb["reverse"] = False

    smin, smax, fav_min = [], [], []
    for i, row in cb.iterrows():
        t = row["type"]
        lo = _int_or_none(row.get("scale_min"))
        hi = _int_or_none(row.get("scale_max"))
        labels = split_labels(row["labels_fi"]) or split_labels(row["labels_en"])
        if t == "nps":
            lo, hi = 0, 10
        elif t == "choice":
            if not labels:
                problems.append(
                    DataError(
                        "a choice question needs its options in labels_fi or labels_en",
                        file=file,
                        column="labels_fi",
                        row=i + 2,
                    )
                )
            lo, hi = 1, max(len(labels), 1)
        elif t == "likert":
            if lo is None or hi is None:
                if labels:
                    lo, hi = 1, len(labels)
                else:
                    problems.append(
                        DataError(
                            "a likert question needs scale_min and scale_max",
                            file=file,
                            column="scale_min",
                            row=i + 2,
                        )
                    )
                    lo, hi = 1, 5
            if hi <= lo:
                problems.append(
                    OutOfRangeError(
                        f"scale_max {hi} must exceed scale_min {lo}",
                        file=file,
                        column="scale_max",
                        row=i + 2,
                    )
                )
            for lang in ("labels_fi", "labels_en"):
                got = split_labels(row[lang])
                if got and len(got) != hi - lo + 1:
                    problems.append(
                        DataError(
                            f"{len(got)} labels given for a {lo}-{hi} scale ({hi - lo + 1} needed)",
                            file=file,
                            column=lang,
                            row=i + 2,
                        )
                    )
        else:
            lo = hi = None
        smin.append(lo)
        smax.append(hi)
        fav_min.append(_favourable_min(row.get("favourable_min"), t, lo, hi, file, i + 2, problems))
    cb["scale_min"] = pd.array(smin, dtype="Int64")
    cb["scale_max"] = pd.array(smax, dtype="Int64")
    cb["favourable_min"] = pd.array(fav_min, dtype="Int64")
    raise_problems(problems, file=file)
    ordered = list(_REQUIRED) + list(_OPTIONAL)
    return cb[ordered + [c for c in cb.columns if c not in ordered]]


def _favourable_min(value, qtype, lo, hi, file, row, problems) -> int | None:
    """The codebook's ``favourable_min`` of one row, checked against its scale (None = default)."""
    given = value is not None and value is not pd.NA and str(value).strip() not in ("", "nan")
    if not given:
        return None
    fmin = _int_or_none(value)
    if qtype != "likert":
        problems.append(
            InvalidValueError(
                f"favourable_min is for likert questions only, got {value!r} for a {qtype} question",
                file=file,
                column="favourable_min",
                row=row,
            )
        )
        return None
    if fmin is None or lo is None or hi is None or not (lo + hi) / 2 < fmin <= hi:
        problems.append(
            OutOfRangeError(
                f"favourable_min must be a whole score above the midpoint of the {lo}-{hi} "
                f"scale and at most {hi} (the unfavourable options mirror it below the "
                f"midpoint), got {value!r}",
                file=file,
                column="favourable_min",
                row=row,
            )
        )
        return None
    return fmin


def _int_or_none(v) -> int | None:
    if v is None or v is pd.NA:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    try:
        f = float(str(v).replace(",", "."))
    except ValueError:
        return None
    return int(f) if f == int(f) else None


def answer_labels(codebook: pd.DataFrame, question: str, lang: str = "fi") -> dict[int, str]:
    """Return the answer labels of a question as ``{code: label}``.

    Falls back to the other language, then to the codes themselves.

    Examples
    --------
    >>> import pandas as pd
    >>> cb = read_codebook_frame(pd.DataFrame({"question": ["q"], "text_fi": ["t"],
    ...     "text_en": ["t"], "type": ["likert"], "scale_min": [1], "scale_max": [3],
    ...     "labels_en": ["No|Maybe|Yes"]}))
    >>> answer_labels(cb, "q", "fi")
    {1: 'No', 2: 'Maybe', 3: 'Yes'}
    """
    row = codebook.loc[codebook["question"] == question]
    if row.empty:
        raise KeyError(question)
    row = row.iloc[0]
    if pd.isna(row["scale_min"]):
        return {}
    lo, hi = int(row["scale_min"]), int(row["scale_max"])
    other = "labels_en" if lang == "fi" else "labels_fi"
    labels = split_labels(row.get(f"labels_{lang}")) or split_labels(row.get(other))
    if len(labels) == hi - lo + 1:
        return {lo + k: lab for k, lab in enumerate(labels)}
    return {c: str(c) for c in range(lo, hi + 1)}


def questions_of_type(codebook: pd.DataFrame, *types: str) -> list[str]:
    """Return the ids of the questions of the given types, in codebook order.

    Examples
    --------
    >>> import pandas as pd
    >>> cb = pd.DataFrame({"question": ["a", "b", "c"], "type": ["likert", "nps", "likert"]})
    >>> questions_of_type(cb, "likert")
    ['a', 'c']
    """
    return [str(q) for q in codebook.loc[codebook["type"].isin(types), "question"]]


def favourable_options(codebook: pd.DataFrame, questions=None) -> pd.DataFrame:
    """Return which scores of each Likert statement count as favourable and unfavourable.

    Parameters
    ----------
    codebook : pandas.DataFrame
        A codebook (:func:`read_codebook_frame`, or ``survey.codebook``).
    questions : list of str, optional
        Likert questions; default all of them, in codebook order.

    Returns
    -------
    pandas.DataFrame
        One row per question: ``question``, ``scale_min``, ``scale_max``,
        ``favourable_min`` (the lowest favourable score), ``unfavourable_max``
        (the highest unfavourable score) and ``n_favourable`` (how many
        options are favourable; as many are unfavourable).

    Notes
    -----
    Scores are on the *scored* scale (a reverse-coded statement's answer
    ``a`` scores ``scale_min + scale_max - a``), so favourable is always the
    top of the scale. By default the options **above the midpoint**
    :math:`(s_{min} + s_{max})/2` are favourable and those below it
    unfavourable; the midpoint of an odd scale is neither:

    ===========  ==============  =================
    scale        favourable      unfavourable
    ===========  ==============  =================
    3 points     top 1           bottom 1
    4 points     top 2           bottom 2
    5 points     top 2           bottom 2
    7 points     top 3           bottom 3
    ===========  ==============  =================

    The codebook column ``favourable_min`` overrides the default per
    statement (e.g. ``5`` on a 1-5 scale counts only "strongly agree"); the
    unfavourable options mirror it: scores up to
    ``scale_min + scale_max - favourable_min``. It must lie above the
    midpoint, so no option is ever both.

    Examples
    --------
    >>> import pandas as pd
    >>> cb = read_codebook_frame(pd.DataFrame({"question": ["q3", "q5", "q7", "top"],
    ...     "text_fi": ["a"] * 4, "text_en": ["a"] * 4, "type": ["likert"] * 4,
    ...     "scale_min": [1, 1, 1, 1], "scale_max": [3, 5, 7, 5],
    ...     "favourable_min": [None, None, None, 5]}))
    >>> favourable_options(cb).drop(columns="scale_min")
      question  scale_max  favourable_min  unfavourable_max  n_favourable
    0       q3          3               3                 1             1
    1       q5          5               4                 2             2
    2       q7          7               5                 3             3
    3      top          5               5                 1             1
    """
    likert = codebook.loc[codebook["type"] == "likert"]
    if questions is not None:
        qs = [questions] if isinstance(questions, str) else list(questions)
        likert = likert.set_index("question").loc[qs].reset_index()
    lo = likert["scale_min"].astype("int64").to_numpy()
    hi = likert["scale_max"].astype("int64").to_numpy()
    given = (
        likert["favourable_min"].astype("Float64").to_numpy(dtype=float, na_value=float("nan"))
        if "favourable_min" in likert
        else [float("nan")] * len(likert)
    )
    n_fav = [
        (h - lo_ + 1) // 2 if pd.isna(g) else h - int(g) + 1
        for lo_, h, g in zip(lo, hi, given, strict=True)
    ]
    out = pd.DataFrame(
        {
            "question": likert["question"].astype("string").to_numpy(),
            "scale_min": lo,
            "scale_max": hi,
        }
    )
    out["favourable_min"] = out["scale_max"] - pd.Series(n_fav, dtype="int64") + 1
    out["unfavourable_max"] = out["scale_min"] + pd.Series(n_fav, dtype="int64") - 1
    out["n_favourable"] = pd.Series(n_fav, dtype="int64")
    return out
