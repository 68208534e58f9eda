"""The follow-up domain: action-plan measures with traffic-light status per monitoring
round, and the strategy indicators they are followed with.

Modules: :mod:`.labels` (status codes, symbols, colours, labels), :mod:`.files`
(finding and reading the raw files), :mod:`.data` (reading and preparing a
follow-up table), :mod:`.status` (its analysis), :mod:`.indicator_data`,
:mod:`.indicator_derived` and :mod:`.indicator_progress` (indicators: reading,
values derived from a survey, status against target and history), the report
tables (:mod:`.tables`, :mod:`.indicator_tables`) and :mod:`.figures`.
"""

from . import data as _data
from . import figures as _figures
from . import files as _files
from . import indicator_data as _indicator_data
from . import indicator_derived as _indicator_derived
from . import indicator_progress as _indicator_progress
from . import indicator_tables as _indicator_tables
from . import labels as _labels
from . import status as _status
from . import tables as _tables
from .data import *  # noqa: F403
from .figures import *  # noqa: F403
from .files import *  # noqa: F403
from .indicator_data import *  # noqa: F403
from .indicator_derived import *  # noqa: F403
from .indicator_progress import *  # noqa: F403
from .indicator_tables import *  # noqa: F403
from .labels import *  # noqa: F403
from .status import *  # noqa: F403
from .tables import *  # noqa: F403

__all__ = [
    *_labels.__all__,
    *_data.__all__,
    *_status.__all__,
    *_files.__all__,
    *_indicator_data.__all__,
    *_indicator_derived.__all__,
    *_indicator_progress.__all__,
    *_tables.__all__,
    *_indicator_tables.__all__,
    *_figures.__all__,
]
