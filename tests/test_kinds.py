"""The registry of data set kinds: every caller reads it, a new kind is one registration."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import kalliola_analysis as ka
import kalliola_analysis.reports as kr
from kalliola_analysis import cli, errors, kinds
from kalliola_analysis.io import dataset as io_dataset
from kalliola_analysis.io.writing import write_processed
from kalliola_analysis.reports import registry

PACKAGE = Path(ka.__file__).parent


@pytest.fixture
def fresh(monkeypatch):
    """The registries as they are, restored after the test."""
    monkeypatch.setattr(kinds, "KINDS", kinds.KINDS.copy())
    report_types = dict(kinds.REPORT_TYPES)
    monkeypatch.setattr(kinds, "REPORT_TYPES", report_types)
    monkeypatch.setattr(registry, "REPORT_TYPES", report_types)
    return kinds


def test_the_built_in_kinds():
    assert kinds.KINDS.names() == ["pulse", "feedback", "materiality", "followup", "indicators"]
    assert io_dataset.kind_names() == kinds.KINDS.names()  # what dataset.toml may name
    for kind in kinds.KINDS:
        assert callable(kind.read) and callable(kind.prepare)
        if kind.notebook is None:
            assert kind.name not in kr.REPORT_TYPES
        else:
            assert kr.REPORT_TYPES[kind.name] == kind.report_type()
            assert (registry.find_notebooks_dir() / kind.notebook).is_file()
    assert kinds.get_kind("pulse").unit_reports and kinds.get_kind("feedback").per_dataset_name
    with pytest.raises(errors.ParameterError, match="kind must be one of"):
        kinds.get_kind("olennaisuus")
    with pytest.raises(errors.ParameterError, match="register a Kind"):
        kinds.register_kind("pulse")


@pytest.mark.parametrize("name", ["pulse", "materiality", "followup", "indicators"])
def test_load_demo_reads_with_the_kind_reader(name):
    got = ka.load_demo(name)
    assert type(got) is type(kinds.get_kind(name).read(ka.demo_path(name)))


def test_a_new_kind_is_one_registration(fresh, tmp_path, capsys):
    raw = tmp_path / "raw" / "kysely360"
    raw.mkdir(parents=True)
    (raw / "dataset.toml").write_text('kind = "kysely360"\nperiod = "2024-03"\n')
    (raw / "arviot.csv").write_text("henkilo;arvio\nA;4\nB;5\nC;3\n", encoding="utf-8")

    def read(folder):
        folder = Path(folder)
        name = "arviot.parquet" if (folder / "arviot.parquet").is_file() else "arviot.csv"
        return ka.read_table(folder / name)

    def prepare(raw_dir, out_dir, *, salt=None):
        return write_processed(out_dir, {"arviot": read(raw_dir)}, raw_dir=raw_dir, kind="x")

    fresh.register_kind(
        kinds.Kind(
            "kysely360",
            read=read,
            prepare=prepare,
            periods=io_dataset.dataset_period,
            notebook="kysely360_report.ipynb",
        )
    )
    # dataset.toml may name it; validate reads it with its reader
    assert io_dataset.read_dataset_toml(raw / "dataset.toml")["kind"] == "kysely360"
    assert cli.main(["validate", str(raw)]) == 0
    assert "OK: " in capsys.readouterr().out
    # prepare writes it (staged, manifest completed with the kind's name)
    out = tmp_path / "processed"
    assert ka.prepare_all(raw.parent, out, salt="s") == [out / "kysely360"]
    manifest = json.loads((out / "kysely360" / "manifest.json").read_text())
    assert manifest["kind"] == "kysely360" and manifest["rows"] == {"arviot": 3}
    back = read(out / "kysely360")
    assert back["henkilo"].tolist() == ["A", "B", "C"] and back["arvio"].tolist() == [4, 5, 3]
    # the report runner lists its report
    assert kr.find_reports(out) == [kr.ReportInstance("kysely360", out / "kysely360", "2024-03")]


def test_a_kind_without_a_preparer_is_skipped(fresh, tmp_path):
    from dataclasses import replace

    fresh.register_kind(replace(kinds.get_kind("indicators"), prepare=None))
    done = ka.prepare_all(ka.demo_path("indicators").parent / "indicators", tmp_path / "out")
    assert list(done) == []
    assert [why for _, why in done.skipped] == ["no preparer installed for kind 'indicators'"]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("domain", ["survey", "materiality", "followup", "io", "privacy"])
def test_the_domains_never_import_the_orchestrator(domain):
    """kinds, prepare and cli sit above the domains: no domain imports them."""
    above = {"kinds", "prepare", "cli"}
    for path in sorted((PACKAGE / domain).rglob("*.py")):
        for name in _imports(path):
            last = name.lstrip(".").split(".")
            assert not (
                name.startswith("..") and last[0] in above and name.count(".") - len(last) == 1
            ) and not any(name == f"kalliola_analysis.{a}" for a in above), (path, name)


def test_no_import_by_name_outside_a_package_init():
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name != "__init__.py":
            assert "import_module" not in path.read_text(encoding="utf-8"), path
