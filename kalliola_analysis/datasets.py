"""Locate and load the shipped demo data.

The demo surveys live in the repository's ``data/raw/<name>/`` folders. Paths
are found when a function is called, never at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ParameterError
from .io.dataset import find_datasets

__all__ = ["DEMO_DATASETS", "demo_path", "load_demo"]

#: Names of the shipped demo data sets (each read by the reader of its kind,
#: :func:`kalliola_analysis.kinds.get_kind`).
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
    name : str, default "pulse"
        One of ``"pulse"``, ``"feedback"``, ``"materiality"``, ``"followup"``,
        ``"indicators"``, or ``"feedback/<event>"`` for one feedback survey.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> demo_path("pulse").name
    'pulse'
    >>> demo_path("feedback/kesapaivat-2023").name
    'kesapaivat-2023'
    """
    kind = name.split("/", 1)[0]
    if kind not in DEMO_DATASETS or (name != kind and kind != "feedback"):
        raise ParameterError(
            f"name must be one of {list(DEMO_DATASETS)!r} or 'feedback/<event>', got {name!r}"
        )
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
    name : str, default "pulse"
        ``"pulse"``: the staff pulse survey 2022-10, 2023-05 and 2023-11
        rebuilt from Kalliola's annual report 2023 (a :class:`Survey`).
        ``"feedback"``: the four event and training feedback surveys, as a
        dict ``{event: Survey}``; ``"feedback/<event>"`` loads one of them.
        ``"materiality"``, ``"followup"``, ``"indicators"``: the materiality
        analysis, the action-plan follow-up and the strategy indicators, read
        by :func:`read_materiality`, :func:`read_followup` and
        :func:`read_indicators`.

    Returns
    -------
    Survey, dict of Survey, or the matching reader's result

    Examples
    --------
    >>> import kalliola_analysis as ka
    >>> pulse = ka.load_demo("pulse")
    >>> pulse.periods
    ['2022-10', '2023-05', '2023-11']
    >>> sorted(ka.load_demo("feedback"))
    ['digiperustaidot-2023', 'esihenkiloiden-seminaari-2023', 'kesapaivat-2023', 'kickoff-2023']
    """
    from .kinds import get_kind

    path = demo_path(name)
    kind = get_kind(name.split("/", 1)[0])
    if kind.name == "feedback" and name == kind.name:  # every event: one survey each
        return {sub.name: kind.read(sub) for sub in find_datasets(path) if sub != path}
    return kind.read(path)
