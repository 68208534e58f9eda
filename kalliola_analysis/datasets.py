"""Locate and load the shipped demo data.

The demo surveys live in the repository's ``data/raw/<name>/`` folders. Paths
are found when a function is called, never at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ParameterError

__all__ = ["DEMO_DATASETS", "demo_path", "load_demo"]

#: Names of the shipped demo data sets and what reads them.
DEMO_DATASETS = ("pulse", "feedback", "materiality", "followup", "indicators")


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    env = os.environ.get("KALLIOLA_DATA")
    if env:
        roots.append(Path(env))
    cwd = Path.cwd().resolve()
    roots += [p / "data" / "raw" for p in (cwd, *cwd.parents)]
    roots.append(
        Path(__file__).resolve().parents[1] / "data" / "raw"
    )  # editable install / checkout
    return roots


def demo_path(name: str = "pulse") -> Path:
    """Return the folder of a shipped demo data set.

    Looks in ``$KALLIOLA_DATA``, then in ``data/raw`` of the current folder and
    its parents, then beside the package (a source checkout).

    Parameters
    ----------
    name : {"pulse", "feedback", "materiality", "followup", "indicators"}, default "pulse"
        The data set.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> demo_path("pulse").name
    'pulse'
    """
    if name not in DEMO_DATASETS:
        raise ParameterError(f"name must be one of {list(DEMO_DATASETS)!r}, got {name!r}")
    for root in _candidate_roots():
        if (root / name).is_dir():
            return root / name
    raise FileNotFoundError(
        f"demo data {name!r} not found; looked in {[str(r) for r in _candidate_roots()]}. "
        "Set KALLIOLA_DATA to the data/raw folder of a kalliola_analysis checkout."
    )


def load_demo(name: str = "pulse"):
    """Load a shipped demo data set with the matching reader.

    Parameters
    ----------
    name : {"pulse", "feedback", "materiality", "followup", "indicators"}, default "pulse"
        ``pulse`` is the staff pulse survey 2022-10, 2023-05 and 2023-11
        rebuilt from Kalliola's annual report 2023; ``feedback`` the event and
        training feedback surveys.

    Returns
    -------
    Survey or the reader's object for that data set

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> pulse.periods
    ['2022-10', '2023-05', '2023-11']
    """
    path = demo_path(name)
    from . import readers as _io

    readers = {
        "pulse": "read_survey",
        "feedback": "read_survey",
        "materiality": "read_materiality",
        "followup": "read_followup",
        "indicators": "read_indicators",
    }
    module = _io
    if name == "materiality":
        from . import materiality as module  # type: ignore[no-redef]
    elif name in ("followup", "indicators"):
        from . import followup as module  # type: ignore[no-redef]
    return getattr(module, readers[name])(path)
