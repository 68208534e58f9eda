"""Shared file ground: reading exports, writing processed data atomically, checksums.

Nothing here knows about a domain: :mod:`.dataset` is the one reader of
``dataset.toml`` and the one walk that finds data sets, :mod:`.tables` reads
one table from any supported file (:mod:`.delimited`, :mod:`.excel` and
:mod:`.spss` read raw exports, :mod:`.numbers` parses numbers written as
text), :mod:`.pseudonyms` pseudonymises ids and redacts contact details,
:mod:`.writing` and :mod:`.staging` write a processed data set as a whole,
:mod:`.atomic` writes a file or a folder in one step, and :mod:`.processed`
says what makes a folder a processed data set.
"""

from .dataset import read_dataset_info, read_dataset_toml
from .tables import SUPPORTED_SUFFIXES, TEXT_COLUMNS, find_table, read_table

#: What a user calls (re-exported as ``ka.*``); the rest is public in its module.
__all__ = [
    "SUPPORTED_SUFFIXES",
    "TEXT_COLUMNS",
    "read_table",
    "find_table",
    "read_dataset_toml",
    "read_dataset_info",
]
