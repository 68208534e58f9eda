"""Per-period reports: parameterised notebooks executed by Papermill into offline HTML."""

__all__: list[str] = []
