"""Shared fixtures: a seeded generator, a small survey, and figures closed after each test."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import settings

import kalliola_analysis as ka

# Hypothesis' per-example deadline is a timing assertion: none in this suite
# (speed is measured by `make bench`), and none to flake on a loaded CI machine.
# On CI (CI=true) the examples are derandomised, so a run is reproducible and a landing is
# judged on the same examples every time; a developer's `make test` keeps exploring new ones.
settings.register_profile("kalliola", deadline=None)
settings.register_profile("kalliola-ci", deadline=None, derandomize=True)
settings.load_profile("kalliola-ci" if os.environ.get("CI") == "true" else "kalliola")

LIKERT_FI = "Täysin eri mieltä|Eri mieltä|Ei samaa eikä eri mieltä|Samaa mieltä|Täysin samaa mieltä"
COMMENT = 'Hyvä, mutta "kiire" vaivaa;\nToinen rivi € äö'
LIKERT_EN = "Strongly disagree|Disagree|Neither agree nor disagree|Agree|Strongly agree"


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20231124)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def make_codebook() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "question": ["q1", "q2", "q3", "enps", "comment"],
            "text_fi": [
                "Viihdyn työssäni",
                "Saan tukea",
                "Kiire haittaa työtäni",
                "Suosittelisitko työnantajana",
                "Terveiset",
            ],
            "text_en": [
                "I enjoy my work",
                "I get support",
                "Hurry hampers my work",
                "Would you recommend us as an employer",
                "Comments",
            ],
            "type": ["likert", "likert", "likert", "nps", "text"],
            "scale_min": [1, 1, 1, None, None],
            "scale_max": [5, 5, 5, None, None],
            "labels_fi": [LIKERT_FI, LIKERT_FI, LIKERT_FI, "", ""],
            "labels_en": [LIKERT_EN, LIKERT_EN, LIKERT_EN, "", ""],
            "theme": ["hyvinvointi", "tuki", "hyvinvointi", "", ""],
            "reverse": [False, False, True, False, False],
        }
    )


def make_survey(
    rng: np.random.Generator, units=(("A", 20), ("B", 12), ("C", 3)), periods=("2023-05", "2023-11")
) -> ka.Survey:
    rows, inv = [], []
    k = 0
    for p in periods:
        for u, n in units:
            inv.append({"period": p, "unit": u, "invited": n + 2})
            for _ in range(n):
                k += 1
                rows.append(
                    {
                        "response_id": f"r{k}",
                        "period": p,
                        "unit": u,
                        "q1": int(rng.integers(1, 6)),
                        "q2": int(rng.integers(2, 6)),
                        "q3": int(rng.integers(1, 6)),
                        "enps": int(rng.integers(0, 11)),
                        "comment": "ok" if rng.random() < 0.3 else None,
                    }
                )
    return ka.Survey(pd.DataFrame(rows), make_codebook(), pd.DataFrame(inv), source="small")


@pytest.fixture
def small_survey(rng) -> ka.Survey:
    """Two periods, units of 20, 12 and 3 respondents (the last always below min_n)."""
    return make_survey(rng)


@pytest.fixture(scope="session")
def demo_data():
    """The shipped demo data, each set read once per test process: ``demo_data("pulse")``.

    The one shared demo fixture: a test that changes what it gets must copy it first.
    """
    cache: dict[str, object] = {}

    def load(name: str):
        if name not in cache:
            cache[name] = ka.load_demo(name)
        return cache[name]

    return load


@pytest.fixture(scope="session")
def pulse(demo_data) -> ka.Survey:
    """The demo pulse survey (three rounds, eight units), shared: do not change it."""
    return demo_data("pulse")


@pytest.fixture
def followup_demo(demo_data) -> pd.DataFrame:
    """The demo follow-up table (two rounds); a copy, so a test may change it."""
    return demo_data("followup").copy()


@pytest.fixture(scope="session")
def materiality_demo(demo_data) -> ka.Materiality:
    """The demo materiality analysis, shared: do not change it."""
    return demo_data("materiality")


# --------------------------------------------------------------------------- raw-file helpers


def contract_responses() -> pd.DataFrame:
    """Four responses in the contract layout; the answers every format must yield."""
    return pd.DataFrame(
        {
            "response_id": ["r1", "r2", "r3", "r4"],
            "period": ["2023-11"] * 4,
            "unit": ["Hallinto", "Klinikka", "Hallinto", "Klinikka"],
            "q1": [1, 5, 3, None],
            "q2": [4, 4, 2, 5],
            "q3": [2, None, 5, 1],
            "enps": [10, 0, 7, 9],
            "comment": [COMMENT, None, "ok", "kiitos"],
        }
    )


EXPECTED = {
    "q1": [1, 5, 3, pd.NA],
    "q2": [4, 4, 2, 5],
    "q3": [2, pd.NA, 5, 1],
    "enps": [10, 0, 7, 9],
}


def _cell(v):
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v == int(v):
        return int(v)  # as Excel shows whole numbers
    return v


def write_csv(frame: pd.DataFrame, path: Path, *, encoding="utf-8-sig", sep=";") -> Path:
    """Write as Finnish Excel does: ';', CRLF, minimal quoting, empty for missing."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    w.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        w.writerow([_cell(v) for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_survey_folder(
    folder: Path,
    responses: pd.DataFrame | None = None,
    *,
    invitations: pd.DataFrame | None = None,
    kind: str = "pulse",
    encoding: str = "utf-8-sig",
) -> Path:
    """A raw survey folder: responses.csv, codebook.csv, invitations.csv, dataset.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        contract_responses() if responses is None else responses,
        folder / "responses.csv",
        encoding=encoding,
    )
    write_csv(make_codebook(), folder / "codebook.csv", encoding=encoding)
    if invitations is None:
        invitations = pd.DataFrame(
            {"period": ["2023-11", "2023-11"], "unit": ["Hallinto", "Klinikka"], "invited": [3, 4]}
        )
    write_csv(invitations, folder / "invitations.csv", encoding=encoding)
    (folder / "dataset.toml").write_text(
        f'kind = "{kind}"\ntitle_fi = "Testi"\ntitle_en = "Test"\n', encoding="utf-8"
    )
    return folder
