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
