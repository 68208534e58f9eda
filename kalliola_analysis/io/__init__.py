"""Shared file ground: reading exports, writing processed data atomically, checksums.

Nothing here knows about a domain: :mod:`.delimited`, :mod:`.excel` and
:mod:`.spss` read raw exports, :mod:`.numbers` parses numbers written as text,
:mod:`.atomic` writes a file or a folder in one step, and :mod:`.processed`
says what makes a folder a processed data set.
"""
