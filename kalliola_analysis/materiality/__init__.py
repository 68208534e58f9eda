"""Materiality analysis (*olennaisuusanalyysi*): which topics the stakeholder groups prioritise.

Read and validate the data (:func:`read_materiality`, :class:`Materiality`),
write it as typed Parquet (:func:`prepare_materiality`), and turn the raw
prioritisations into the published results with their uncertainty:

- :func:`materiality_participation` -- visits and prioritisations per group and round;
- :func:`materiality_priorities` -- topics ranked, with bootstrap intervals
  (:func:`materiality_group_priorities` per group, :func:`materiality_weightings`
  equal against pooled weighting);
- :func:`materiality_agreement` -- Kendall's W and pairwise Spearman correlations;
- :func:`describe_agreement`, :func:`describe_weightings`,
  :func:`materiality_methods` -- the same in words, Finnish or English.

The figure is :func:`kalliola_analysis.plot_materiality`.
"""

from ._agreement import kendall_w, materiality_agreement
from ._data import Materiality
from ._files import prepare_materiality, read_materiality
from ._participation import materiality_participation
from ._priorities import (
    DEFAULT_SEED,
    materiality_group_priorities,
    materiality_priorities,
    materiality_weightings,
)
from ._text import describe_agreement, describe_weightings, materiality_methods
from .figures import plot_materiality
from .tables import (
    format_agreement,
    format_group_priorities,
    format_participation,
    format_priorities,
    format_weightings,
)

__all__ = [
    "DEFAULT_SEED",
    "Materiality",
    "describe_agreement",
    "describe_weightings",
    "format_agreement",
    "format_group_priorities",
    "format_participation",
    "format_priorities",
    "format_weightings",
    "kendall_w",
    "materiality_agreement",
    "materiality_group_priorities",
    "materiality_methods",
    "materiality_participation",
    "materiality_priorities",
    "materiality_weightings",
    "plot_materiality",
    "prepare_materiality",
    "read_materiality",
]
