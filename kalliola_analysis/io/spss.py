"""SPSS ``.sav`` files read with pyreadstat, value labels applied."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import FileFormatError

__all__ = ["read_sav_frame"]


def read_sav_frame(path: Path, *, file: str) -> pd.DataFrame:
    """Read a ``.sav`` file with its value labels as the answers (``apply_value_formats``).

    Labelled codes become their labels (text), which the codebook's labels then
    code back; unlabelled values stay numbers. The index is the case number + 1,
    so the first case is row 2, as in every other reader.
    """
    import pyreadstat

    try:
        frame, _meta = pyreadstat.read_sav(
            str(path), apply_value_formats=True, formats_as_category=False
        )
    except (pyreadstat.ReadstatError, pyreadstat.PyreadstatError, OSError, ValueError) as exc:
        raise FileFormatError(f"cannot read the file as SPSS .sav: {exc}", file=file) from None
    frame.index = pd.RangeIndex(2, len(frame) + 2)
    for c in frame.columns:
        if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c].dtype):
            frame[c] = frame[c].map(lambda v: None if isinstance(v, str) and not v.strip() else v)
    return frame
