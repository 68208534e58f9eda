"""Survey and pulse analysis for staff surveys, feedback, materiality and follow-up.

``import kalliola_analysis as ka`` gives the public API: readers that validate
and type real exports (:func:`read_survey`), analysis functions that return
tidy DataFrames and never reveal a group smaller than the anonymity threshold
(:func:`likert_summary`, :func:`enps`, :func:`response_rates`,
:func:`compare_periods`), figures, and the report runner.

This module only re-exports: every name comes from the ``__all__`` of a
domain subpackage (:mod:`.survey`, :mod:`.materiality`, :mod:`.followup`) or
of the shared ground (:mod:`.privacy`, :mod:`.io`, :mod:`.periods`, :mod:`.formatting`, :mod:`.i18n`,
:mod:`.errors`, :mod:`.datasets`, :mod:`.prepare`).
"""

from . import datasets as _datasets
from . import errors as _errors
from . import followup as _followup
from . import formatting as _formatting
from . import io as _io
from . import materiality as _materiality
from . import periods as _periods
from . import prepare as _prepare
from . import privacy as _privacy
from . import reports
from . import survey as _survey
from ._version import __version__
from .datasets import *  # noqa: F403
from .errors import *  # noqa: F403
from .followup import *  # noqa: F403
from .formatting import *  # noqa: F403
from .i18n import t
from .io import *  # noqa: F403
from .materiality import *  # noqa: F403
from .periods import *  # noqa: F403
from .prepare import *  # noqa: F403
from .privacy import *  # noqa: F403
from .survey import *  # noqa: F403

__all__ = [
    "__version__",
    "reports",
    "t",
    *_errors.__all__,
    *_datasets.__all__,
    *_formatting.__all__,
    *_periods.__all__,
    *_io.__all__,
    *_privacy.__all__,
    *_survey.__all__,
    *_materiality.__all__,
    *_followup.__all__,
    *_prepare.__all__,
]
