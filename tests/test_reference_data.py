"""Acceptance tests on real survey data with published reference results.

Sources and licences (see tests/data/README.md, copied with the data):
- pisa2009_st25_reading.csv.gz: OECD PISA 2009 items ST25Q01-ST25Q05 for Canada, Mexico and the
  United States, from the ``pisaitems`` data of the R package *likert* (jbryer/likert, GPL).
- npsgame_botanic_nps.csv: BenaventC/NPSgame, a French garden-store chain's customer survey (CC0).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import kalliola_analysis as ka

_LOCAL = Path(__file__).parent / "data"

PISA_LABELS = (
    "Never or almost never|A few times a year|About once a month|"
    "Several times a month|Several times a week"
)


def _reference_file(name: str) -> Path:
    """The reference file from tests/data/ (the clone is whole on its own); never skip."""
    path = _LOCAL / name
    if not path.is_file():
        pytest.fail(f"reference data file {name} is missing from {_LOCAL}")
    return path


@pytest.fixture(scope="module")
def pisa_raw() -> pd.DataFrame:
    return pd.read_csv(_reference_file("pisa2009_st25_reading.csv.gz"))


@pytest.fixture(scope="module")
def pisa(pisa_raw) -> ka.Survey:
    items = [f"ST25Q0{i}" for i in range(1, 6)]
    responses = pisa_raw.rename(columns={"CNT": "unit"})
    responses.insert(0, "period", "2009-04")
    responses.insert(0, "response_id", [f"s{i}" for i in range(len(responses))])
    codebook = pd.DataFrame(
        {
            "question": items,
            "text_fi": items,
            "text_en": items,
            "type": "likert",
            "scale_min": 1,
            "scale_max": 5,
            "labels_en": PISA_LABELS,
        }
    )
    return ka.Survey(responses, codebook, source="pisa2009")


# R likert package, summary(likert(pisaitems[, ST25Q01:ST25Q05])), as printed in the README:
# item, low %, neutral %, high %, mean, sd
PISA_LIKERT = [
    ("ST25Q01", 30.21689, 21.33091, 48.45219, 3.254813, 1.245086),
    ("ST25Q02", 62.43096, 15.78368, 21.78536, 2.298768, 1.292631),
    ("ST25Q03", 41.77380, 19.61739, 38.60882, 2.961111, 1.342667),
    ("ST25Q04", 61.42466, 19.55493, 19.02042, 2.322898, 1.199176),
    ("ST25Q05", 37.29377, 15.72688, 46.97935, 3.140282, 1.442299),
]


@pytest.mark.parametrize(("item", "low", "neutral", "high", "mean", "sd"), PISA_LIKERT)
def test_pisa_likert_summary_reproduces_r_likert(pisa, item, low, neutral, high, mean, sd):
    row = ka.likert_summary(pisa, by=None, min_n=5).set_index("question").loc[item]
    # printed with 7 significant digits -> compare to half a unit of the last printed digit
    assert 100 * (row["share_1"] + row["share_2"]) == pytest.approx(low, abs=5e-6)
    assert 100 * row["share_3"] == pytest.approx(neutral, abs=5e-6)
    assert 100 * (row["share_4"] + row["share_5"]) == pytest.approx(high, abs=5e-6)
    # favourable/unfavourable are the same top-two / bottom-two shares
    assert 100 * row["unfavourable"] == pytest.approx(low, abs=5e-6)
    assert 100 * row["favourable"] == pytest.approx(high, abs=5e-6)
    assert row["mean"] == pytest.approx(mean, abs=5e-7)
    assert row["sd"] == pytest.approx(sd, abs=5e-7)


def test_pisa_st25q01_n_and_shares(pisa):
    row = ka.likert_summary(pisa, by=None).set_index("question").loc["ST25Q01"]
    assert row["n"] == 65609  # README: n = 65 609
    shares = [100 * row[f"share_{k}"] for k in range(1, 6)]
    # README: ST25Q01 shares by answer 1..5 (4 decimals printed)
    assert shares == pytest.approx([10.1846, 20.0323, 21.3309, 31.0217, 17.4305], abs=5e-5)


def test_pisa_mean_sd_ci_against_numpy_scipy(pisa):
    """Independent check: the same figures from the raw coded answers with numpy/scipy."""
    s = ka.likert_summary(pisa, by="unit").set_index(["unit", "question"])
    for (unit, q), row in s.iterrows():
        x = pisa.responses.loc[pisa.responses["unit"] == unit, q].dropna().to_numpy(float)
        m, sd = x.mean(), x.std(ddof=1)
        half = stats.t.ppf(0.975, len(x) - 1) * sd / np.sqrt(len(x))
        assert row["n"] == len(x)
        assert row["mean"] == pytest.approx(m, rel=1e-12)
        assert row["sd"] == pytest.approx(sd, rel=1e-10)
        assert row["ci_low"] == pytest.approx(m - half, rel=1e-10)
        assert row["ci_high"] == pytest.approx(m + half, rel=1e-10)
        assert row["median"] == np.median(x)


def test_pisa_mann_whitney_canada_vs_us(pisa):
    out = ka.compare_groups(pisa, "unit", "Canada", "United States", questions=["ST25Q05"])
    row = out.iloc[0]
    assert (row["n_a"], row["n_b"]) == (22616, 5172)  # README: Canada n = 22 616, US n = 5 172
    # README: U = 64 866 669.5 (scipy's U of x = Canada), two-sided p = 5.4775e-36
    assert row["statistic"] == pytest.approx(64866669.5, abs=1e-6)
    assert row["p"] == pytest.approx(5.4775e-36, rel=1e-4)
    assert row["test"] == "mannwhitneyu"
    assert row["asked"] == "both"


def test_pisa_mann_whitney_against_scipy_on_raw(pisa):
    """Counts-based U and p equal scipy on the expanded answers, for every item."""
    r = pisa.responses
    out = ka.compare_groups(pisa, "unit", "Mexico", "Canada", p_adjust="none")
    for _, row in out.iterrows():
        q = row["question"]
        x = r.loc[r["unit"] == "Mexico", q].dropna().to_numpy(float)
        y = r.loc[r["unit"] == "Canada", q].dropna().to_numpy(float)
        ref = stats.mannwhitneyu(x, y, method="asymptotic", use_continuity=True)
        assert row["statistic"] == pytest.approx(ref.statistic, rel=1e-12)
        assert row["p"] == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-300)
        assert row["effect_size"] == pytest.approx(1 - 2 * ref.statistic / (len(x) * len(y)))


@pytest.fixture(scope="module")
def npsgame() -> ka.Survey:
    raw = pd.read_csv(
        _reference_file("npsgame_botanic_nps.csv"), encoding="latin-1", na_values=["NA"]
    )
    responses = pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(raw))],
            "period": "2019-01",
            "unit": "botanic",
            "nps": raw["nps"],
        }
    )
    codebook = pd.DataFrame(
        {
            "question": ["nps"],
            "text_fi": ["Suosittelisitko"],
            "text_en": ["Recommend"],
            "type": ["nps"],
        }
    )
    return ka.Survey(responses, codebook, source="npsgame")


def test_npsgame_enps_published(npsgame):
    e = ka.enps(npsgame, by=None, method="wald").iloc[0]
    # README: 13 612 valid answers, 8 465 promoters, 3 953 passives, 1 194 detractors
    assert e["n"] == 13612
    assert round(e["promoters"] * e["n"]) == 8465
    assert round(e["passives"] * e["n"]) == 3953
    assert round(e["detractors"] * e["n"]) == 1194
    assert e["enps"] == pytest.approx(53.4161, abs=5e-5)  # counted; published 53.4
    assert round(e["enps"], 1) == 53.4
    # README: Wald variance p + d - (p - d)^2 = 0.424266, 95 % interval 52.32 ... 54.51
    assert (round(e["ci_low"], 2), round(e["ci_high"], 2)) == (52.32, 54.51)
    p, d, n = 8465 / 13612, 1194 / 13612, 13612
    var = p + d - (p - d) ** 2
    assert var == pytest.approx(0.424266, abs=5e-7)
    half = 100 * stats.norm.ppf(0.975) * np.sqrt(var / n)
    assert e["ci_low"] == pytest.approx(100 * (p - d) - half, rel=1e-12)


def test_npsgame_score_interval_close_to_wald_for_large_n(npsgame):
    w = ka.enps(npsgame, by=None, method="wald").iloc[0]
    s = ka.enps(npsgame, by=None, method="score").iloc[0]
    assert s["ci_low"] == pytest.approx(w["ci_low"], abs=0.05)
    assert s["ci_high"] == pytest.approx(w["ci_high"], abs=0.05)
    assert s["ci_low"] < s["enps"] < s["ci_high"]
