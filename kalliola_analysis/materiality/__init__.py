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

from . import _agreement, _data, _files, _participation, _priorities, _text, figures, tables
from ._agreement import *  # noqa: F403
from ._data import *  # noqa: F403
from ._files import *  # noqa: F403
from ._participation import *  # noqa: F403
from ._priorities import *  # noqa: F403
from ._text import *  # noqa: F403
from .figures import *  # noqa: F403
from .tables import *  # noqa: F403

__all__ = [
    *_data.__all__,
    *_files.__all__,
    *_participation.__all__,
    *_priorities.__all__,
    *_agreement.__all__,
    *_text.__all__,
    *tables.__all__,
    *figures.__all__,
]
