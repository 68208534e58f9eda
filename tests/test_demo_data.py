"""The committed demo data is exactly what its generator writes."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_demo_data", ROOT / "tools" / "make_demo_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_demo_data"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["pulse", "feedback", "materiality", "followup"])
def test_committed_demo_data_equals_a_fresh_run(tmp_path, name):
    gen = _generator()
    written = gen.generate(tmp_path, only=[name])
    assert written, f"the {name} generator wrote nothing"
    for path in written:
        rel = path.relative_to(tmp_path)
        committed = ROOT / "data" / "raw" / rel
        assert committed.exists(), f"{rel} is generated but not committed"
        assert committed.read_bytes() == path.read_bytes(), f"{rel} differs from a fresh run"
