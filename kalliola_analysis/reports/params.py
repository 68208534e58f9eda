"""Validate report parameters before Papermill sees them.

Papermill writes parameter *names* into the injected cell as they are and
renders *values* as Python literals. So names must be ones the notebook's
``parameters`` cell declares, and values must be plain ``str``/``int``/
``float``/``bool``/``None`` that read back as themselves: nothing a user
types reaches the notebook as code.

Examples
--------
>>> check_parameters({"period": "2023-11", "min_n": 5}, ["period", "min_n", "lang"])
{'period': '2023-11', 'min_n': 5}
>>> check_parameters({"os.system('x') or period": "2023-11"}, ["period"])
Traceback (most recent call last):
...
kalliola_analysis.errors.ParameterError: unknown report parameter "os.system('x') or period"; the notebook declares ['period']
"""

from __future__ import annotations

import ast
import math
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._validation import check_min_n, check_option
from ..errors import ParameterError
from ..i18n.strings import LANGS
from ..periods import previous_period
from . import registry

__all__ = [
    "LANGS",
    "notebook_parameters",
    "check_parameters",
    "check_report_period",
    "resolve_dataset",
    "resolve_report_parameters",
]

_PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, dict]:
    """Return the parameters a notebook's ``parameters`` cell declares.

    A thin wrapper of :func:`papermill.inspect_notebook`: ``{name: {"default":
    ..., "inferred_type_name": ..., "help": ...}}``.
    """
    import papermill

    path = Path(notebook)
    if not path.is_file():
        raise ParameterError(f"notebook {str(path)!r} does not exist")
    return dict(papermill.inspect_notebook(str(path)))


def _roundtrips(value: Any) -> bool:
    from papermill.translators import PythonTranslator

    try:
        back = ast.literal_eval(PythonTranslator.translate(value))
    except (ValueError, SyntaxError):
        return False
    return type(back) is type(value) and back == value


def check_parameters(parameters: Mapping[str, Any], declared: Iterable[str]) -> dict[str, Any]:
    """Return ``parameters`` if every name is declared and every value is a plain literal.

    Parameters
    ----------
    parameters : mapping
        Names and values to inject.
    declared : iterable of str
        Names the notebook's ``parameters`` cell declares.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        A name the notebook does not declare, or a value that is not ``None``,
        ``str``, ``int``, finite ``float`` or ``bool``, or that would not read
        back unchanged from the injected cell.

    Examples
    --------
    >>> check_parameters({"unit": "O'Brien \\"x\\""}, ["unit"])
    {'unit': 'O\\'Brien "x"'}
    >>> check_parameters({"unit": ["a"]}, ["unit"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: report parameter 'unit' must be a str, int, float, bool or None, got list
    """
    declared = list(declared)
    out = {}
    for name, value in parameters.items():
        if not isinstance(name, str) or not _NAME_RE.match(name) or name not in declared:
            raise ParameterError(
                f"unknown report parameter {name!r}; the notebook declares {sorted(declared)!r}"
            )
        if value is not None and type(value) not in (str, int, float, bool):
            raise ParameterError(
                f"report parameter {name!r} must be a str, int, float, bool or None, "
                f"got {type(value).__name__}"
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(f"report parameter {name!r} must be finite, got {value!r}")
        if isinstance(value, str) and ("\x00" in value or not _roundtrips(value)):
            raise ParameterError(
                f"report parameter {name!r} has a value that cannot be passed safely"
            )
        out[name] = value
    return out


def check_report_period(name: str, value: Any, available: Iterable[str]) -> str:
    """Return ``value`` if it is a ``YYYY-MM`` period among ``available``.

    Examples
    --------
    >>> check_report_period("period", "2023-11", ["2023-05", "2023-11"])
    '2023-11'
    >>> check_report_period("period", "2023-11'); import os #", ["2023-05", "2023-11"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: period must be a month written YYYY-MM, got "2023-11'); import os #"; the data holds ['2023-05', '2023-11']
    >>> check_report_period("period", "2024-05", ["2023-05", "2023-11"])
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: period '2024-05' is not in the data; the data holds ['2023-05', '2023-11']
    """
    available = [str(p) for p in available]
    if not isinstance(value, str) or not _PERIOD_RE.match(value):
        raise ParameterError(
            f"{name} must be a month written YYYY-MM, got {value!r}; the data holds {available!r}"
        )
    if value not in available:
        raise ParameterError(f"{name} {value!r} is not in the data; the data holds {available!r}")
    return value


def resolve_dataset(
    kind: str, data: str | os.PathLike, dataset: str | os.PathLike | None = None
) -> list[Path]:
    """Return the data set folders of ``kind`` that ``data`` (and ``dataset``) select.

    ``data`` is a data set folder or a root holding several. ``dataset`` picks
    one by its slug (``dataset.toml``'s ``slug`` or the folder name) or path.
    """
    registry.get_report_type(kind)
    root = Path(data)
    if not root.exists():
        raise ParameterError(f"data folder {str(root)!r} does not exist")
    if dataset is not None:
        path = Path(dataset)
        if path.is_dir() and (path / registry.DATASET_FILE).is_file():
            found = [path]
        else:
            candidates = registry.find_datasets(root, kind)
            found = [
                p
                for p in candidates
                if str(dataset) in (p.name, registry.read_dataset_info(p)["slug"])
            ]
            if not found:
                slugs = sorted(registry.read_dataset_info(p)["slug"] for p in candidates)
                raise ParameterError(
                    f"dataset {str(dataset)!r} not found under {str(root)!r}; "
                    f"{kind} data sets: {slugs!r}"
                )
    else:
        found = registry.find_datasets(root, kind)
    if not found:
        raise ParameterError(
            f"no {kind} data set (dataset.toml with kind = {kind!r}) under {str(root)!r}"
        )
    for p in found:
        actual = registry.read_dataset_info(p)["kind"]
        if actual != kind:
            raise ParameterError(f"data set {str(p)!r} is of kind {actual!r}, not {kind!r}")
    return found


def resolve_report_parameters(
    kind: str,
    dataset: str | os.PathLike,
    *,
    period: str | None = None,
    compare_to: str | None = None,
    unit: str | None = None,
    lang: str = "fi",
    min_n: int = 5,
) -> dict[str, Any]:
    """Check a report's options against its data set; return them completed.

    The periods are those the report type lists for the data set
    (:attr:`ReportType.instances <kalliola_analysis.reports.registry.ReportType>`),
    the units those of :attr:`ReportType.units` that can be shown in the
    period (:func:`~kalliola_analysis.reports.registry.reportable_units`: a
    unit hidden by the anonymity rules gets no report of its own). ``period`` defaults to the
    latest period, ``compare_to`` to the period before ``period`` (``None``
    when there is none).

    Returns
    -------
    dict
        ``data_path`` (str), ``period``, ``compare_to``, ``unit``, ``lang``,
        ``min_n``: plain values ready for the notebook.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        Naming the option, the allowed values and the value received.

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> p = resolve_report_parameters("pulse", ka.demo_path("pulse"), period="2023-11")
    >>> p["compare_to"], p["unit"], p["min_n"]
    ('2023-05', None, 5)
    >>> resolve_report_parameters("pulse", ka.demo_path("pulse"), period="2023-05", unit="Hallinto")
    Traceback (most recent call last):
    ...
    kalliola_analysis.errors.ParameterError: unit 'Hallinto' cannot be reported for period '2023-05': it has fewer than 5 respondents, or is hidden to protect a smaller unit (anonymity threshold min_n=5), so a report beside the whole organisation would give it away; units that can be reported for '2023-05': ['Kalliolan Klinikka', 'Kalliolan kansalaisopisto', 'Koulutus- ja työllisyyspalvelut']
    """
    rtype = registry.get_report_type(kind)
    folder = Path(dataset)
    info = registry.read_dataset_info(folder)
    if info["kind"] != kind:
        raise ParameterError(f"data set {str(folder)!r} is of kind {info['kind']!r}, not {kind!r}")
    check_option("lang", lang, LANGS)
    min_n = check_min_n(min_n)
    periods = sorted(str(p) for p in rtype.instances(folder))
    if not periods:
        raise ParameterError(f"data set {str(folder)!r} holds no periods")
    period = periods[-1] if period is None else check_report_period("period", period, periods)
    if compare_to is None:
        compare_to = previous_period(periods, period)
    else:
        check_report_period("compare_to", compare_to, periods)
        if not compare_to < period:
            raise ParameterError(
                f"compare_to must be a period before {period!r}, got {compare_to!r}; "
                f"the data holds {periods!r}"
            )
    if unit is not None:
        if rtype.units is None:
            raise ParameterError(f"the {kind} report has no unit option, got unit={unit!r}")
        units = [str(u) for u in rtype.units(folder)]
        if not isinstance(unit, str) or unit not in units:
            raise ParameterError(f"unit must be one of {units!r}, got {unit!r}")
        shown = registry.reportable_units(folder, min_n=min_n).get(period, [])
        if unit not in shown:
            raise ParameterError(
                f"unit {unit!r} cannot be reported for period {period!r}: it has fewer than "
                f"{min_n} respondents, or is hidden to protect a smaller unit (anonymity "
                f"threshold min_n={min_n}), so a report beside the whole organisation would "
                f"give it away; units that can be reported for {period!r}: {shown!r}"
            )
    return {
        "data_path": str(folder.resolve()),
        "period": period,
        "compare_to": compare_to,
        "unit": unit,
        "lang": lang,
        "min_n": min_n,
    }
