"""Survey figures: each function takes a tidy result of an analysis function, draws on
``ax`` (a new one when ``None``) and returns the Axes. No statistics are computed here.
"""

from .heatmap import *  # noqa: F403
from .heatmap import __all__ as _heatmap
from .likert import *  # noqa: F403
from .likert import __all__ as _likert
from .nps import *  # noqa: F403
from .nps import __all__ as _nps
from .rates import *  # noqa: F403
from .rates import __all__ as _rates
from .trend import *  # noqa: F403
from .trend import __all__ as _trend
from .unit_difference import *  # noqa: F403
from .unit_difference import __all__ as _unit_difference

__all__ = [*_heatmap, *_likert, *_nps, *_rates, *_trend, *_unit_difference]
