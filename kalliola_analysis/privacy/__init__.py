"""Anonymity: the suppression rule every published figure obeys, and the disclosure audit
that checks a whole release against it.
"""

from . import audit as _audit
from . import decision as _decision
from .audit import *  # noqa: F403
from .decision import *  # noqa: F403

__all__ = [
    *_decision.__all__,
    *_audit.__all__,
]
