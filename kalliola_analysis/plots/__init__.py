"""Figures: each function takes a tidy result of an analysis function, draws on ``ax``
(a new one when ``None``) and returns the Axes. No statistics are computed here.
"""

from .heatmap import plot_heatmap
from .likert import plot_likert
from .materiality import plot_materiality
from .nps import plot_nps_distribution
from .rates import plot_response_rates
from .trend import plot_trend
from .unit_difference import plot_unit_difference

__all__: list[str] = [
    "plot_heatmap",
    "plot_likert",
    "plot_materiality",
    "plot_nps_distribution",
    "plot_response_rates",
    "plot_trend",
    "plot_unit_difference",
]
