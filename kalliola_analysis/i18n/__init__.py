"""User-interface strings of the reports, tables and figures, in Finnish and English.

:func:`t` looks a string up by key and report language; :func:`check_lang`
validates a ``lang`` argument. The strings themselves live in :mod:`.strings`.
"""

from .strings import LANGS, STRINGS, check_lang, t

__all__ = ["LANGS", "STRINGS", "check_lang", "t"]
