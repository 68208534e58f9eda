"""User-interface strings of the reports, tables and figures, in Finnish and English.

:func:`t` looks a string up by key and report language; :func:`check_lang`
validates a ``lang`` argument (both in :mod:`.strings`). The strings live by domain in
:mod:`.common_strings`, :mod:`.survey_strings`, :mod:`.materiality_strings` and
:mod:`.followup_strings`.
"""

from .strings import LANGS, STRINGS, check_lang, t

__all__ = ["LANGS", "STRINGS", "check_lang", "t"]
