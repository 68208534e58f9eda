"""Figures: each function takes a tidy result of an analysis function, draws on ``ax``
(a new one when ``None``) and returns the Axes. No statistics are computed here.
"""

__all__: list[str] = []
