"""``python -m kalliola_analysis``: the same as the ``kalliola-analysis`` command."""

from .cli import main

raise SystemExit(main())
