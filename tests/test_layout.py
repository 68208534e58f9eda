"""The package keeps its layout (issue #10): small modules, one home per idea, no cycles.

``tools/check_layout.py`` holds the rules; this test runs them, so a module that grows
past 450 lines, a second ``dataset.toml`` parser, an ``importlib`` string dispatch, an
import cycle, an import of another module's private name, or a notebook reaching into a
submodule fails the suite with the offending file and line.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _checker():
    spec = importlib.util.spec_from_file_location(
        "check_layout", ROOT / "tools" / "check_layout.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_layout_rules_hold():
    found = _checker().violations()
    assert not found, "\n".join(found)


def test_checker_sees_a_cycle_a_long_module_and_a_private_import(tmp_path, monkeypatch):
    checker = _checker()
    pkg = tmp_path / "kalliola_analysis"
    (pkg / "sub").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .a import f\n")
    (pkg / "sub" / "a.py").write_text("from .b import _g\n\ndef f():\n    return _g()\n")
    (pkg / "sub" / "b.py").write_text(
        "def _g():\n    from .a import f\n    return f\n" + "# filler\n" * 451
    )
    (pkg / "kinds.py").write_text("import importlib\nimportlib.import_module('x')\n")
    (pkg / "reader.py").write_text("import tomllib\n")
    nb = {"cells": [{"cell_type": "code", "source": ["from kalliola_analysis.sub import a\n"]}]}
    (tmp_path / "notebooks" / "report.ipynb").write_text(json.dumps(nb))
    monkeypatch.setattr(checker, "ROOT", tmp_path)
    monkeypatch.setattr(checker, "PKG", pkg)
    text = "\n".join(checker.violations())
    assert "kalliola_analysis.sub.b: 454 lines" in text
    assert "imports private name _g" in text
    assert "import cycle: kalliola_analysis.sub.a <-> kalliola_analysis.sub.b" in text
    assert "kalliola_analysis.kinds:2: importlib dispatch" in text
    assert "kalliola_analysis.reader:1: parses TOML" in text
    assert "notebooks/report.ipynb: imports from kalliola_analysis.sub" in text


@pytest.mark.parametrize("name", ["survey", "materiality", "followup"])
def test_each_domain_is_a_subpackage_whose_names_reach_the_top_level(name):
    import kalliola_analysis as ka

    module = getattr(ka, f"_{name}")
    assert Path(module.__file__).name == "__init__.py"
    missing = [n for n in module.__all__ if getattr(ka, n, None) is not getattr(module, n)]
    assert not missing
