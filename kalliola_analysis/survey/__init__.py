"""The survey domain: pulse and feedback surveys, from reading an export to report tables
and figures.

Every public name of the modules below is re-exported here (and at the top level as
``ka.<name>``): :mod:`.data` (the :class:`Survey` contract), :mod:`.reading`,
:mod:`.disclosure` (the release decision), the analysis modules, :mod:`.release_audit`,
the report tables (:mod:`.statement_tables`, :mod:`.headline_tables`, :mod:`.unit_tables`,
:mod:`.unit_reports`, :mod:`.methods`, :mod:`.findings`) and :mod:`.figures`. The counting kernel (:mod:`.groups`,
:mod:`.counts`) and the statistics (:mod:`._statistics`) are public in their modules for
new analyses, not re-exported here.
"""

from . import answer_counts as _answer_counts
from . import codebook as _codebook
from . import comments as _comments
from . import compare as _compare
from . import data as _data
from . import disclosure as _disclosure
from . import drivers as _drivers
from . import figures as _figures
from . import findings as _findings
from . import headline_tables as _headline_tables
from . import likert as _likert
from . import methods as _methods
from . import nps as _nps
from . import reading as _reading
from . import release_audit as _release_audit
from . import reliability as _reliability
from . import response_rates as _response_rates
from . import rounds as _rounds
from . import statement_tables as _statement_tables
from . import themes as _themes
from . import unit_comparison as _unit_comparison
from . import unit_reports as _unit_reports
from . import unit_tables as _unit_tables
from .answer_counts import *  # noqa: F403
from .codebook import *  # noqa: F403
from .comments import *  # noqa: F403
from .compare import *  # noqa: F403
from .data import *  # noqa: F403
from .disclosure import *  # noqa: F403
from .drivers import *  # noqa: F403
from .figures import *  # noqa: F403
from .findings import *  # noqa: F403
from .headline_tables import *  # noqa: F403
from .likert import *  # noqa: F403
from .methods import *  # noqa: F403
from .nps import *  # noqa: F403
from .reading import *  # noqa: F403
from .release_audit import *  # noqa: F403
from .reliability import *  # noqa: F403
from .response_rates import *  # noqa: F403
from .rounds import *  # noqa: F403
from .statement_tables import *  # noqa: F403
from .themes import *  # noqa: F403
from .unit_comparison import *  # noqa: F403
from .unit_reports import *  # noqa: F403
from .unit_tables import *  # noqa: F403

__all__ = [
    *_data.__all__,
    *_codebook.__all__,
    *_reading.__all__,
    *_disclosure.__all__,
    *_answer_counts.__all__,
    *_likert.__all__,
    *_nps.__all__,
    *_response_rates.__all__,
    *_compare.__all__,
    *_themes.__all__,
    *_drivers.__all__,
    *_reliability.__all__,
    *_rounds.__all__,
    *_unit_comparison.__all__,
    *_comments.__all__,
    *_release_audit.__all__,
    *_statement_tables.__all__,
    *_headline_tables.__all__,
    *_unit_tables.__all__,
    *_methods.__all__,
    *_unit_reports.__all__,
    *_findings.__all__,
    *_figures.__all__,
]
