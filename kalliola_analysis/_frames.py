"""Selecting rows of a tidy result: the one implementation behind ``kr.rows_for``.

Report tables (:mod:`kalliola_analysis.survey`) and report notebooks
(:func:`kalliola_analysis.reports.rows_for`) pick rows the same way.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .errors import ParameterError

__all__ = ["select_rows"]


def select_rows(frame: pd.DataFrame, **equal: Any) -> pd.DataFrame:
    """Return the rows of ``frame`` whose columns equal the given values, compared as text.

    ``None`` selects everything (``unit=None``: the whole organisation); a
    missing value never matches; a column ``frame`` lacks, given a value, is a
    ParameterError.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"period": ["2023-05", "2023-11", None], "n": [10, 12, 3]})
    >>> select_rows(f, period="2023-11", unit=None)["n"].tolist()
    [12]
    """
    mask = np.ones(len(frame), dtype=bool)
    for column, value in equal.items():
        if value is None:
            continue
        if column not in frame.columns:
            raise ParameterError(
                f"the table has no column {column!r}; columns: {list(frame.columns)!r}"
            )
        mask &= (frame[column].astype("string") == str(value)).fillna(False).to_numpy(dtype=bool)
    return frame.loc[mask]
