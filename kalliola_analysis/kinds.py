"""The registry of data set kinds: how each kind is read, prepared, listed and reported.

A data set is a folder whose ``dataset.toml`` names its ``kind``. Everything
the package does with a kind is one :class:`Kind` record in one registry
(:data:`KINDS`, papermill's engine registry is the model): its reader, its
preparer, how its periods and units are listed, and its report notebook.
``prepare``, ``validate``, ``load_demo`` and the report runner look a kind up
here; none of them keeps a list of its own. A new kind is one
:func:`register_kind` call::

    register_kind(Kind("survey360", read=read_360, prepare=prepare_360,
                       periods=periods_360, notebook="survey360_report.ipynb"))

This module sits above the domains (:mod:`.survey`, :mod:`.materiality`,
:mod:`.followup`), whose readers and preparers it registers; the domains never
import it.

Examples
--------
>>> from kalliola_analysis import kinds
>>> kinds.KINDS.names()
['pulse', 'feedback', 'materiality', 'followup', 'indicators']
>>> kinds.get_kind("indicators").notebook is None
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .errors import ParameterError
from .followup.data import prepare_followup, read_followup
from .followup.indicator_data import prepare_indicators, read_indicators
from .followup.status import followup_rounds as _rounds_of
from .io.dataset import dataset_period, use_kind_names
from .materiality import prepare_materiality, read_materiality
from .survey.prepare import prepare_survey
from .survey.reading import read_survey

__all__ = [
    "Kind",
    "KindRegistry",
    "ReportType",
    "KINDS",
    "REPORT_TYPES",
    "register_kind",
    "get_kind",
    "survey_periods",
    "survey_units",
    "followup_rounds",
]


@dataclass(frozen=True)
class ReportType:
    """A kind of report: the notebook that renders it and how to find its periods.

    Parameters
    ----------
    kind : str
        The ``kind`` of the data sets it reports on (``dataset.toml``).
    notebook : str
        File name of its notebook in the notebooks folder.
    instances : callable
        ``instances(dataset_folder) -> list[str]``: the periods to report for
        one data set folder of this kind.
    per_dataset_name : bool
        True when each data set gets its own report name (feedback events:
        ``feedback-<slug>``); False for one report per period (``pulse``).
    units : callable or None
        ``units(dataset_folder) -> list[str]``: the units a report may be
        restricted to; ``None`` when the report has no unit option.
    unit_reports : bool
        True when ``run_all`` writes one report per reportable unit and
        period too (pulse: for unit managers).

    See Also
    --------
    kalliola_analysis.reports.register_report_type : Make a report type known to the runner.

    Examples
    --------
    >>> pulse = REPORT_TYPES["pulse"]
    >>> pulse.notebook, pulse.per_dataset_name
    ('pulse_report.ipynb', False)
    >>> import kalliola_analysis as ka
    >>> pulse.instances(ka.demo_path("pulse"))
    ['2022-10', '2023-05', '2023-11']
    """

    kind: str
    notebook: str
    instances: Callable[[Path], list[str]]
    per_dataset_name: bool = False
    units: Callable[[Path], list[str]] | None = None
    unit_reports: bool = False


@dataclass(frozen=True)
class Kind:
    """One kind of data set: how it is read, prepared, listed and reported.

    Parameters
    ----------
    name : str
        The ``kind`` a ``dataset.toml`` names.
    read : callable
        ``read(folder)``: the validated data of a raw or processed folder
        (what ``validate`` and :func:`~kalliola_analysis.load_demo` call).
    prepare : callable or None
        ``prepare(raw_dir, out_dir, *, salt=None)``: writes the processed
        copy; ``None`` when the kind has none (``prepare_all`` skips it).
    writes_own_folder : bool
        True when ``prepare`` writes ``out_dir`` itself, whole and with its
        manifest (it calls :func:`~kalliola_analysis.io.writing.write_processed`
        on ``out_dir``); False (default) when it writes into a staging folder
        that :func:`~kalliola_analysis.prepare_dataset` completes with the
        manifest's entries and swaps in.
    periods : callable or None
        ``periods(folder) -> list[str]``: the periods it holds, oldest first
        (one report each).
    units : callable or None
        ``units(folder) -> list[str]``: the units a report may be restricted to.
    notebook : str or None
        The report notebook's file name; ``None``: no report.
    per_dataset_name : bool
        Each data set gets its own report name (feedback events).
    unit_reports : bool
        ``report all`` writes one report per reportable unit too (pulse).

    Examples
    --------
    >>> pulse = get_kind("pulse")
    >>> pulse.notebook, pulse.writes_own_folder
    ('pulse_report.ipynb', True)
    >>> pulse.report_type().unit_reports
    True
    """

    name: str
    read: Callable[[Path], Any]
    prepare: Callable[..., Path] | None = None
    writes_own_folder: bool = False
    periods: Callable[[Path], list[str]] | None = None
    units: Callable[[Path], list[str]] | None = None
    notebook: str | None = None
    per_dataset_name: bool = False
    unit_reports: bool = False

    def report_type(self) -> ReportType | None:
        """The kind's :class:`ReportType`, or ``None`` when it has no notebook or no periods."""
        if self.notebook is None or self.periods is None:
            return None
        return ReportType(
            self.name,
            self.notebook,
            self.periods,
            per_dataset_name=self.per_dataset_name,
            units=self.units,
            unit_reports=self.unit_reports,
        )


#: Every report type, by kind: those of the registered kinds, and any added with
#: :func:`kalliola_analysis.reports.register_report_type`.
REPORT_TYPES: dict[str, ReportType] = {}


class KindRegistry:
    """The registered kinds by name, in the order registered.

    Registering a kind in :data:`KINDS` makes ``dataset.toml`` files naming it
    valid (:func:`kalliola_analysis.io.dataset.read_dataset_toml`) and, when it
    has a notebook, adds its report type to :data:`REPORT_TYPES`.

    Examples
    --------
    >>> "pulse" in KINDS, len(KINDS) >= 5
    (True, True)
    >>> mine = KINDS.copy()
    >>> _ = mine.register(Kind("testi", read=print))
    >>> "testi" in mine, "testi" in KINDS
    (True, False)
    """

    def __init__(self) -> None:
        self._kinds: dict[str, Kind] = {}

    def register(self, kind: Kind) -> Kind:
        """Add (or replace) ``kind`` and return it."""
        if not isinstance(kind, Kind):
            raise ParameterError(f"register a Kind, got {kind!r}")
        self._kinds[kind.name] = kind
        report = kind.report_type()
        if report is not None:
            REPORT_TYPES[kind.name] = report
        return kind

    def get(self, name: str) -> Kind:
        """The kind called ``name``; :class:`ParameterError` when none is registered."""
        if name not in self._kinds:
            raise ParameterError(f"kind must be one of {self.names()!r}, got {name!r}")
        return self._kinds[name]

    def names(self) -> list[str]:
        """The names of the registered kinds, in the order registered."""
        return list(self._kinds)

    def copy(self) -> KindRegistry:
        """A registry holding the same kinds (to register into without changing this one)."""
        new = KindRegistry()
        new._kinds = dict(self._kinds)
        return new

    def __contains__(self, name: object) -> bool:
        return name in self._kinds

    def __iter__(self) -> Iterator[Kind]:
        return iter(list(self._kinds.values()))

    def __len__(self) -> int:
        return len(self._kinds)


#: The registry every part of the package reads.
KINDS = KindRegistry()
use_kind_names(lambda: KINDS.names())  # what dataset.toml may name: read at each call


def register_kind(kind: Kind) -> Kind:
    """Add (or replace) a kind of data set in :data:`KINDS` and return it.

    Parameters
    ----------
    kind : Kind
        The kind; one of the same name is replaced.

    Returns
    -------
    Kind
        ``kind``.

    Examples
    --------
    >>> register_kind(get_kind("pulse")).name
    'pulse'
    """
    return KINDS.register(kind)


def get_kind(name: str) -> Kind:
    """Return the registered :class:`Kind` called ``name``.

    Raises :class:`~kalliola_analysis.errors.ParameterError` for an unknown kind.

    Examples
    --------
    >>> get_kind("materiality").notebook
    'materiality_report.ipynb'
    """
    return KINDS.get(name)


# ---------------------------------------------------------------------------
# how the built-in kinds list their periods and units


def survey_periods(folder: str | os.PathLike) -> list[str]:
    """Return the periods a survey data set holds, oldest first."""
    return list(read_survey(Path(folder)).periods)


def survey_units(folder: str | os.PathLike) -> list[str]:
    """Return the units of a survey data set."""
    return [str(u) for u in read_survey(Path(folder)).units]


def followup_rounds(folder: str | os.PathLike) -> list[str]:
    """Return the monitoring rounds of a follow-up data set, oldest first.

    Each round gets a report that compares it with the round before.
    """
    return _rounds_of(Path(folder))


for _name, _reports in (
    ("pulse", {"unit_reports": True}),
    ("feedback", {"per_dataset_name": True}),
):
    register_kind(
        Kind(
            _name,
            read=read_survey,
            prepare=partial(prepare_survey, kind=_name),
            writes_own_folder=True,
            periods=survey_periods,
            units=survey_units,
            notebook=f"{_name}_report.ipynb",
            **_reports,
        )
    )
register_kind(
    Kind(
        "materiality",
        read=read_materiality,
        prepare=prepare_materiality,
        periods=dataset_period,
        notebook="materiality_report.ipynb",
    )
)
register_kind(
    Kind(
        "followup",
        read=read_followup,
        prepare=prepare_followup,
        periods=followup_rounds,
        notebook="followup_report.ipynb",
    )
)
register_kind(Kind("indicators", read=read_indicators, prepare=prepare_indicators))
