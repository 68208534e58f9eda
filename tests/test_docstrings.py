"""Every public function documents its real signature and carries a runnable example.

The examples themselves run as doctests (``--doctest-modules`` in pyproject); this
check keeps docstrings from drifting from signatures (numpydoc's validator).
"""

from __future__ import annotations

import inspect

import pytest
from numpydoc.validate import validate

import kalliola_analysis as ka
import kalliola_analysis.reports as kr

#: Checks that must pass: parameters documented and existing (PR01, PR02), in the
#: signature's order (PR03), typed (PR04), a summary line (SS01, GL08), a Returns
#: section for functions that return (RT01), and an Examples section (EX01).
CHECKS = {"GL08", "PR01", "PR02", "PR03", "PR04", "SS01", "RT01", "EX01"}


def _public():
    for module, names in ((ka, ka.__all__), (kr, kr.__all__)):
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                yield f"{obj.__module__}.{obj.__qualname__}", obj


PUBLIC = sorted(dict(_public()).items())


@pytest.mark.parametrize(("qualname", "obj"), PUBLIC, ids=[q for q, _ in PUBLIC])
def test_public_docstring(qualname, obj):
    if inspect.isclass(obj) and issubclass(obj, Exception):
        assert obj.__doc__, f"{qualname} has no docstring"
        return
    result = validate(qualname)
    errors = [(code, msg) for code, msg in result["errors"] if code in CHECKS]
    if inspect.isclass(obj):  # classes document their constructor; Returns does not apply
        errors = [(c, m) for c, m in errors if c != "RT01"]
    assert not errors, f"{qualname}: {errors}"
