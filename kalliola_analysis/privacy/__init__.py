"""Anonymity, shared ground below the domains: the suppression rule every published figure
obeys (:mod:`.complementary`, :mod:`.suppression`) and the interval audit of published
tables (:mod:`.audit`). A survey's release decision and the audit of a survey's release
live in the survey domain (:mod:`kalliola_analysis.survey.disclosure`,
:mod:`kalliola_analysis.survey.release_audit`).
"""

from . import audit as _audit
from . import complementary as _complementary
from . import suppression as _suppression
from .audit import *  # noqa: F403
from .complementary import *  # noqa: F403
from .suppression import *  # noqa: F403

__all__ = [
    *_suppression.__all__,
    *_complementary.__all__,
    *_audit.__all__,
]
