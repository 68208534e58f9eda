"""The follow-up domain: action-plan measures with traffic-light status per monitoring
round, and the strategy indicators they are followed with.
"""

from . import analysis as _analysis
from . import figures as _figures
from . import indicators as _indicators
from . import tables as _tables
from .analysis import *  # noqa: F403
from .figures import *  # noqa: F403
from .indicators import *  # noqa: F403
from .tables import *  # noqa: F403

__all__ = [
    *_analysis.__all__,
    *_indicators.__all__,
    *_tables.__all__,
    *_figures.__all__,
]
