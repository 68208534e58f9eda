"""The materiality data contract: visits, prioritisations and topics, validated and typed.

A materiality analysis (*olennaisuusanalyysi*) asks stakeholder groups to
prioritise topics. Three tables describe it:

``visits``
    ``visit_id``, ``group`` (stakeholder group) and optionally ``round``
    (collection round or channel).
``prioritisations``
    ``visit_id``, ``topic`` and, when the question was a ranking, either
    ``rank`` (1 = most important) or ``points`` (a points allocation).
``topics``
    ``topic``, ``text_fi``, ``text_en`` and optionally ``impact`` (the
    organisation's own impact score, for the materiality matrix).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    InvalidValueError,
    MissingColumnError,
    OutOfRangeError,
    UnknownQuestionError,
    raise_problems,
)
from ..io.numbers import parse_numbers

__all__ = ["Materiality"]

#: The three tables of a materiality data set, their required and optional columns.
TABLES = {
    "visits": (("visit_id", "group"), ("round",)),
    "prioritisations": (("visit_id", "topic"), ("rank", "points")),
    "topics": (("topic", "text_fi", "text_en"), ("impact",)),
}

#: Round label given to visits when the data has no ``round`` column.
NO_ROUND = "-"

_MAX_PROBLEMS = 20


def _blank(s: pd.Series) -> pd.Series:
    return s.isna() | (s.astype("string").str.strip() == "")


def _text(s: pd.Series) -> pd.Series:
    out = s.astype("string").str.strip()
    return out.mask(out == "", pd.NA)


def _number(s: pd.Series) -> pd.Series:
    """Numbers written any way the package reads (``"4,5"``, ``4.5``, ``"1 493"``); else NaN."""
    return parse_numbers(s)[0]


def _check_columns(df: pd.DataFrame, name: str, file: str) -> list[DataError]:
    required, optional = TABLES[name]
    problems: list[DataError] = []
    for c in required:
        if c not in df.columns:
            problems.append(
                MissingColumnError(
                    f"required column {c!r} is missing; the {name} table has "
                    f"{list(map(str, df.columns))!r}",
                    file=file,
                    column=c,
                )
            )
    return problems


def _rows(mask: pd.Series) -> list[int]:
    """Spreadsheet rows (the index: header = 1) where ``mask`` is true, at most a screenful."""
    return [int(i) for i in mask.index[mask.fillna(False).to_numpy(dtype=bool)]][:_MAX_PROBLEMS]


class Materiality:
    """A validated, typed materiality data set.

    Parameters
    ----------
    visits : pandas.DataFrame
        ``visit_id``, ``group`` and optionally ``round``.
    prioritisations : pandas.DataFrame
        ``visit_id``, ``topic`` and optionally ``rank`` or ``points``.
    topics : pandas.DataFrame
        ``topic``, ``text_fi``, ``text_en`` and optionally ``impact``.
    meta : dict, optional
        The ``dataset.toml`` values (``title_fi``, ``title_en``, ``period`` ...).
    source : str, optional
        Where the data came from, used in error messages.
    files : dict, optional
        ``{table: file name}`` when the tables were read from files (by
        :func:`read_materiality`); their index then holds the row a
        spreadsheet shows for each record, used in error messages. Without
        it, records are numbered 2, 3, ... (the header being row 1).

    Attributes
    ----------
    visits : pandas.DataFrame
        ``visit_id`` (string), ``group`` and ``round`` (categorical, in order
        of first appearance).
    prioritisations : pandas.DataFrame
        ``visit_id`` (string), ``topic`` (categorical in the topic list's
        order), ``rank`` (Int64) or ``points`` (float) when given.
    topics : pandas.DataFrame
        ``topic``, ``text_fi``, ``text_en`` (string), ``impact`` (float, NaN
        when not given).

    Raises
    ------
    kalliola_analysis.errors.DataError
        A :class:`~kalliola_analysis.errors.ValidationError` listing every
        problem: a missing column, a duplicate visit or topic, a visit without
        a group, a prioritisation of an unknown topic
        (:class:`~kalliola_analysis.errors.UnknownQuestionError`) or without a
        visit, a topic picked twice in one visit, a rank outside 1..number of
        topics, negative points.

    Examples
    --------
    >>> import pandas as pd
    >>> import kalliola_analysis as ka
    >>> m = ka.Materiality(
    ...     pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["Staff", "Clients"]}),
    ...     pd.DataFrame({"visit_id": ["v1", "v1", "v2"], "topic": ["a", "b", "a"]}),
    ...     pd.DataFrame({"topic": ["a", "b"], "text_fi": ["Aa", "Bee"], "text_en": ["A", "B"]}))
    >>> m.groups, m.kind, len(m.prioritisations)
    (['Staff', 'Clients'], 'choice', 3)
    >>> ka.Materiality(
    ...     pd.DataFrame({"visit_id": ["v1"], "group": ["Staff"]}),
    ...     pd.DataFrame({"visit_id": ["v1"], "topic": ["x"]}),
    ...     pd.DataFrame({"topic": ["a"], "text_fi": ["Aa"], "text_en": ["A"]}))
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.UnknownQuestionError: prioritisations, column 'topic', row 2: topic 'x' is not in the topic list
    """

    def __init__(
        self,
        visits: pd.DataFrame,
        prioritisations: pd.DataFrame,
        topics: pd.DataFrame,
        *,
        meta: dict[str, Any] | None = None,
        source: str | None = None,
        files: dict[str, str] | None = None,
    ) -> None:
        from_files = files is not None
        files = {name: (files or {}).get(name, name) for name in TABLES}
        self.meta = dict(meta or {})
        self.source = source
        problems: list[DataError] = []
        for name, df in (
            ("visits", visits),
            ("prioritisations", prioritisations),
            ("topics", topics),
        ):
            if len(df) == 0:
                problems.append(EmptyFileError(f"the {name} table has no rows", file=files[name]))
            else:
                problems += _check_columns(df, name, files[name])
        raise_problems(problems)
        frames = {"visits": visits, "prioritisations": prioritisations, "topics": topics}
        if not from_files:  # number records as a spreadsheet would show them
            frames = {k: v.set_axis(pd.RangeIndex(2, len(v) + 2)) for k, v in frames.items()}
        self.topics = self._topics(frames["topics"], files["topics"], problems)
        self.visits = self._visits(frames["visits"], files["visits"], problems)
        self.prioritisations = self._prioritisations(
            frames["prioritisations"], files["prioritisations"], problems
        )
        raise_problems(problems)
        for name in TABLES:
            setattr(self, name, getattr(self, name).reset_index(drop=True))

    # -- validation ---------------------------------------------------------------

    @staticmethod
    def _duplicates(key: pd.Series, what: str, file: str, column: str) -> list[DataError]:
        dup = key.notna() & key.duplicated(keep="first")
        return [
            DuplicateError(f"{what} {key.loc[r]!r} appears twice", file=file, column=column, row=r)
            for r in _rows(dup)
        ]

    def _topics(self, df: pd.DataFrame, file: str, problems: list[DataError]) -> pd.DataFrame:
        out = pd.DataFrame(
            {
                "topic": _text(df["topic"]),
                "text_fi": _text(df["text_fi"]),
                "text_en": _text(df["text_en"]),
            }
        )
        for c in ("topic", "text_fi"):
            problems += [
                InvalidValueError("the cell is empty", file=file, column=c, row=r)
                for r in _rows(out[c].isna())
            ]
        out["text_en"] = out["text_en"].fillna(out["text_fi"])
        problems += self._duplicates(out["topic"], "topic", file, "topic")
        if "impact" in df:
            impact = _number(df["impact"])
            bad = impact.isna() & ~_blank(df["impact"])
            problems += [
                InvalidValueError(
                    f"impact {df['impact'].loc[r]!r} is not a number",
                    file=file,
                    column="impact",
                    row=r,
                )
                for r in _rows(bad)
            ]
            out["impact"] = impact
        else:
            out["impact"] = np.nan
        return out

    def _visits(self, df: pd.DataFrame, file: str, problems: list[DataError]) -> pd.DataFrame:
        vid, group = _text(df["visit_id"]), _text(df["group"])
        problems += [
            InvalidValueError("visit without an id", file=file, column="visit_id", row=r)
            for r in _rows(vid.isna())
        ]
        problems += [
            InvalidValueError(
                f"visit {vid.loc[r]!r} has no stakeholder group", file=file, column="group", row=r
            )
            for r in _rows(group.isna())
        ]
        problems += self._duplicates(vid, "visit", file, "visit_id")
        rnd = (
            _text(df["round"]).fillna(NO_ROUND)
            if "round" in df
            else pd.Series(NO_ROUND, index=df.index, dtype="string")
        )
        order = lambda s: list(dict.fromkeys(s.dropna()))  # noqa: E731
        return pd.DataFrame(
            {
                "visit_id": vid,
                "group": pd.Categorical(group, categories=order(group)),
                "round": pd.Categorical(rnd, categories=order(rnd)),
            }
        )

    def _prioritisations(
        self, df: pd.DataFrame, file: str, problems: list[DataError]
    ) -> pd.DataFrame:
        vid, topic = _text(df["visit_id"]), _text(df["topic"])
        known_visits = set(self.visits["visit_id"].dropna())
        known_topics = list(dict.fromkeys(self.topics["topic"].dropna()))
        problems += [
            InvalidValueError(
                f"prioritisation of visit {vid.loc[r]!r}, which is not in the visits table",
                file=file,
                column="visit_id",
                row=r,
            )
            for r in _rows(~vid.isin(known_visits) | vid.isna())
        ]
        problems += [
            UnknownQuestionError(
                f"topic {topic.loc[r]!r} is not in the topic list", file=file, column="topic", row=r
            )
            for r in _rows(~topic.isin(known_topics) | topic.isna())
        ]
        twice = vid.notna() & topic.notna() & pd.DataFrame({"v": vid, "t": topic}).duplicated()
        problems += [
            DuplicateError(
                f"visit {vid.loc[r]!r} prioritises topic {topic.loc[r]!r} twice",
                file=file,
                column="topic",
                row=r,
            )
            for r in _rows(twice)
        ]
        out = pd.DataFrame(
            {
                "visit_id": vid,
                "topic": pd.Categorical(
                    topic.where(topic.isin(known_topics)), categories=known_topics
                ),
            }
        )
        if "rank" in df and "points" in df:
            problems.append(
                InvalidValueError(
                    "give either a rank or a points column, not both", file=file, column="points"
                )
            )
        elif "rank" in df:
            out["rank"] = self._ranks(df["rank"], vid, len(known_topics), file, problems)
        elif "points" in df:
            points = _number(df["points"])
            problems += [
                InvalidValueError(
                    f"points {df['points'].loc[r]!r} is not a number",
                    file=file,
                    column="points",
                    row=r,
                )
                for r in _rows(points.isna())
            ]
            problems += [
                OutOfRangeError(
                    f"points {points.loc[r]:g} is negative", file=file, column="points", row=r
                )
                for r in _rows(points < 0)
            ]
            out["points"] = points
        return out

    @staticmethod
    def _ranks(
        raw: pd.Series, vid: pd.Series, n_topics: int, file: str, problems: list
    ) -> pd.Series:
        num = _number(raw)
        bad = num.isna() | (num != np.floor(num))
        problems += [
            InvalidValueError(
                f"rank {raw.loc[r]!r} is not a whole number", file=file, column="rank", row=r
            )
            for r in _rows(bad)
        ]
        outside = ~bad & ((num < 1) | (num > n_topics))
        problems += [
            OutOfRangeError(
                f"rank {num.loc[r]:g} is outside 1..{n_topics} (the number of topics)",
                file=file,
                column="rank",
                row=r,
            )
            for r in _rows(outside)
        ]
        twice = ~bad & pd.DataFrame({"v": vid, "r": num}).duplicated()
        problems += [
            DuplicateError(
                f"visit {vid.loc[r]!r} gives rank {num.loc[r]:g} twice",
                file=file,
                column="rank",
                row=r,
            )
            for r in _rows(twice)
        ]
        return pd.array(num.where(~bad).round(), dtype="Int64")

    # -- properties ---------------------------------------------------------------

    @property
    def groups(self) -> list[str]:
        """Stakeholder groups, in order of first appearance."""
        return [str(g) for g in self.visits["group"].cat.categories]

    @property
    def rounds(self) -> list[str]:
        """Collection rounds or channels, in order of first appearance."""
        return [str(r) for r in self.visits["round"].cat.categories]

    @property
    def kind(self) -> str:
        """``"choice"`` (pick topics), ``"ranking"`` (ranks, Borda points) or ``"points"``."""
        if "rank" in self.prioritisations:
            return "ranking"
        if "points" in self.prioritisations:
            return "points"
        return "choice"

    @property
    def period(self) -> str | None:
        """The survey's year-month from ``dataset.toml`` (``period = "2023-10"``), if given."""
        p = self.meta.get("period")
        return None if p is None else str(p)

    def title(self, lang: str = "fi") -> str:
        """The data set's title in ``lang`` from ``dataset.toml`` (empty if none)."""
        return str(self.meta.get(f"title_{lang}", self.meta.get("title_fi", "")))

    def __repr__(self) -> str:
        return (
            f"<Materiality {self.source or ''}: {len(self.visits)} visits, "
            f"{len(self.prioritisations)} prioritisations, {len(self.topics)} topics, "
            f"groups {self.groups}>"
        )
