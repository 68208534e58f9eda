"""The survey data contract: responses, codebook and invitations, validated and typed.

A :class:`Survey` is what every analysis function takes. Loaders build one from
files (:func:`kalliola_analysis.read_survey`); a researcher with data already
in pandas builds one directly and gets the same validation.

Examples
--------
>>> import pandas as pd
>>> import kalliola_analysis as ka
>>> responses = pd.DataFrame({
...     "response_id": ["r1", "r2", "r3"], "period": ["2023-05", "2023-05", "2023-11"],
...     "unit": ["A", "B", "A"], "q1": ["Samaa mieltä", "En osaa sanoa", 5]})
>>> codebook = pd.DataFrame({"question": ["q1"], "text_fi": ["Viihdyn työssäni"],
...     "text_en": ["I enjoy my work"], "type": ["likert"], "scale_min": [1], "scale_max": [5],
...     "labels_fi": ["Täysin eri mieltä|Eri mieltä|Ei samaa eikä eri mieltä|"
...                   "Samaa mieltä|Täysin samaa mieltä"]})
>>> s = ka.Survey(responses, codebook)
>>> s.responses["q1"].tolist()
[4, <NA>, 5]
>>> s.periods
['2023-05', '2023-11']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError, ValidationError, raise_problems
from .codebook import read_codebook_frame
from .validation import RESPONSE_KEYS, validate_invitations, validate_responses

__all__ = ["Survey", "RESPONSE_KEYS"]


class Survey:
    """A validated survey: responses, codebook and (optionally) invitations.

    Parameters
    ----------
    responses : pandas.DataFrame
        One row per response: ``response_id``, ``period`` (a month, ``YYYY-MM``),
        ``unit``, optional background columns, and one column per codebook
        question. Answers may be codes (``4``), numeric text (``"4"``), or answer
        labels in Finnish or English (``"Samaa mieltä"``); "don't know" answers
        and empty cells become missing values.
    codebook : pandas.DataFrame
        One row per question; see :mod:`kalliola_analysis.survey.codebook`.
    invitations : pandas.DataFrame, optional
        ``period``, ``unit``, ``invited``: the headcount invited, for response
        rates. Must cover every period and unit that has responses.
    source : str, optional
        Where the data came from, used in error messages (a file or folder).

    Attributes
    ----------
    responses : pandas.DataFrame
        Typed copy: ``response_id`` string, ``period`` and ``unit`` (and text
        background columns) categorical, Likert/NPS/choice answers as nullable
        small integers (``Int8``), text answers as strings.
    codebook : pandas.DataFrame
        Validated codebook (see :func:`~kalliola_analysis.survey.codebook.read_codebook_frame`).
    invitations : pandas.DataFrame or None
        Typed copy with ``invited`` as ``int64``.
    unlisted_columns : list of str
        Set by :func:`~kalliola_analysis.read_survey`: columns of the file
        that match no codebook question and no known column name and were
        kept as background columns (each may be a question missing from the
        codebook); ``[]`` for a survey built directly.

    Raises
    ------
    kalliola_analysis.errors.DataError
        Every problem found (a :class:`~kalliola_analysis.errors.ValidationError`
        lists them all when there are several), each naming the file, column and
        row.

    Examples
    --------
    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> cb = pd.DataFrame({"question": ["enps"], "text_fi": ["Suosittelisitko"],
    ...                    "text_en": ["Would you recommend"], "type": ["nps"]})
    >>> r = pd.DataFrame({"response_id": ["a", "b"], "period": ["2023-11"] * 2,
    ...                   "unit": ["X", "X"], "enps": [10, 11]})
    >>> ka.Survey(r, cb)
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.OutOfRangeError: responses, column 'enps', row 3: answer 11 is outside the scale 0-10
    """

    __slots__ = ("_responses", "_lazy", "codebook", "invitations", "source", "unlisted_columns")

    def __init__(
        self,
        responses: pd.DataFrame,
        codebook: pd.DataFrame,
        invitations: pd.DataFrame | None = None,
        *,
        source: str | None = None,
    ) -> None:
        label = str(source) if source is not None else None
        self.codebook = read_codebook_frame(codebook, file=_label(label, "codebook"))
        # Collect the problems of responses and invitations together, so that one
        # run of `validate` lists everything to fix.
        problems: list[DataError] = []
        responses_ok: pd.DataFrame | None = None
        try:
            responses_ok = validate_responses(responses, self.codebook, _label(label, "responses"))
        except ValidationError as err:
            problems += err.problems
        except DataError as err:
            problems.append(err)
        self.invitations = None
        if invitations is not None:
            try:
                self.invitations = validate_invitations(
                    invitations, responses_ok, _label(label, "invitations")
                )
            except ValidationError as err:
                problems += err.problems
            except DataError as err:
                problems.append(err)
        raise_problems(problems, file=label)
        self.responses = responses_ok
        self.source = label
        self.unlisted_columns: list[str] = []

    # -- responses: in memory, or read from a processed data set on demand ----
    @property
    def responses(self) -> pd.DataFrame:
        """The responses (see the class docstring).

        For a survey read from a processed folder with the DuckDB engine this
        is a lazy view: its ``columns``, ``len()`` and single columns are
        read on demand, and the whole frame is loaded on first use of
        anything else. The count-based functions never load it.
        """
        if self._lazy is not None:
            return self._lazy.view
        return self._responses

    @responses.setter
    def responses(self, frame: pd.DataFrame) -> None:
        self._responses = frame
        self._lazy = None  # replaced by the caller: no longer the processed files

    @classmethod
    def _trusted(
        cls,
        responses,
        codebook: pd.DataFrame,
        invitations: pd.DataFrame | None,
        *,
        source: str | None = None,
        lazy=None,
    ) -> Survey:
        """A survey of already validated tables (a processed data set): no contract checks.

        ``lazy`` (a :class:`kalliola_analysis.survey.engine.ProcessedResponses`)
        stands for responses left in their Parquet file; then ``responses``
        is ``None``.
        """
        new = object.__new__(cls)
        new._responses = responses
        new._lazy = lazy
        new.codebook = codebook
        new.invitations = invitations
        new.source = source
        new.unlisted_columns = []
        return new

    # -- convenience -------------------------------------------------------
    @property
    def periods(self) -> list[str]:
        """Periods present in the responses, oldest first."""
        if self._lazy is not None:
            return self._lazy.present("period")
        present = self.responses["period"].unique()
        return sorted(str(p) for p in present)

    @property
    def units(self) -> list[str]:
        """Units present in the responses, sorted."""
        if self._lazy is not None:
            return self._lazy.present("unit")
        return sorted(str(u) for u in self.responses["unit"].unique())

    def questions(self, *types: str) -> list[str]:
        """Question ids of the given types (all questions when none given), in codebook order."""
        cb = self.codebook
        if types:
            cb = cb[cb["type"].isin(types)]
        return [str(q) for q in cb["question"]]

    @property
    def background(self) -> list[str]:
        """Background columns: everything that is neither a key nor a question."""
        qs = set(self.questions())
        return [c for c in self.responses.columns if c not in RESPONSE_KEYS and c not in qs]

    def text(self, question: str, lang: str = "fi") -> str:
        """The text of a question in ``lang`` (``fi`` or ``en``), falling back to the other."""
        row = self.codebook.loc[self.codebook["question"] == question]
        if row.empty:
            raise KeyError(question)
        other = "en" if lang == "fi" else "fi"
        return str(row.iloc[0][f"text_{lang}"] or row.iloc[0][f"text_{other}"] or question)

    def subset(self, mask: pd.Series | np.ndarray) -> Survey:
        """A survey of the responses selected by a boolean mask (no re-validation).

        Examples
        --------
        >>> import kalliola_analysis as ka
        >>> s = ka.load_demo("pulse")
        >>> len(s.subset(s.responses["period"] == "2023-11").responses)
        71
        """
        new = object.__new__(Survey)
        new.responses = self.responses.loc[np.asarray(mask, dtype=bool)]
        new.codebook = self.codebook
        new.invitations = self.invitations
        new.source = self.source
        new.unlisted_columns = list(self.unlisted_columns)
        return new

    def __repr__(self) -> str:
        n = len(self.responses)
        return (
            f"<Survey {self.source or ''} {n} responses, {len(self.codebook)} questions, "
            f"periods {self.periods}, {len(self.units)} units>".replace("  ", " ")
        )


def _label(source: str | None, part: str) -> str:
    return f"{source} ({part})" if source else part
