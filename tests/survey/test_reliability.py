"""reliability / cronbach_alpha against pingouin on real questionnaire data.

Data sets (both load offline):
- ``pingouin.read_dataset("cronbach_alpha")``: shipped inside the pingouin package
  (pingouin/datasets/cronbach_alpha.csv; pingouin's dataset list gives its source as
  www.real-statistics.com, "Questionnaire ratings"): 15 respondents x 10 questions on a 1-7
  scale, long format (Subj, Items, Scores). The data set documents no reverse-keyed questions
  (no data set pingouin ships does). Q5 and Q6 are the two questions that correlate negatively
  with the rest (item-rest r = -0.11 and -0.16 as the data stand), so the reverse-keying path is
  tested on them: our codebook marks them ``reverse`` and pingouin gets the same answers with
  those two columns reversed by hand (8 - x). This checks the arithmetic of reverse scoring on
  real answers, not a claim that the questionnaire's authors keyed them so.
- ``tests/data/pisa2009_st25_reading.csv.gz``: OECD PISA 2009, items ST25Q01-ST25Q05, 66 690
  students, from the R package *likert* (GPL); see tests/data/README.md. Many missing answers:
  compared with pingouin's listwise deletion.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from conftest import make_survey
from scipy import stats

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError

DATA = Path(__file__).parents[1] / "data"
REVERSED = ["Q5", "Q6"]


@pytest.fixture(scope="module")
def questionnaire() -> pd.DataFrame:
    """pingouin's cronbach_alpha data set in wide format, Q1..Q10 in order."""
    long = pg.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    return wide[[f"Q{i}" for i in range(1, 11)]]


def _survey(wide: pd.DataFrame, reverse: list[str]) -> ka.Survey:
    items = list(wide.columns)
    responses = wide.reset_index(drop=True).astype("Int64")
    responses.insert(0, "unit", "all")
    responses.insert(0, "period", "2020-01")
    responses.insert(0, "response_id", [f"s{i}" for i in range(len(responses))])
    codebook = pd.DataFrame(
        {
            "question": items,
            "text_fi": items,
            "text_en": items,
            "type": "likert",
            "scale_min": 1,
            "scale_max": 7,
            "theme": "satisfaction",
            "reverse": [q in reverse for q in items],
        }
    )
    return ka.Survey(responses, codebook, source="pingouin cronbach_alpha")


def test_equals_pingouin_with_reverse_keyed_items(questionnaire):
    survey = _survey(questionnaire, REVERSED)
    out = ka.reliability(survey)
    by_hand = questionnaire.copy()
    by_hand[REVERSED] = 8 - by_hand[REVERSED]  # reversed outside the library
    alpha, ci = pg.cronbach_alpha(by_hand)
    assert out["alpha"].iat[0] == pytest.approx(alpha, abs=1e-6)
    assert out["alpha"].iat[0] == pytest.approx(alpha, rel=1e-12)
    # pingouin rounds its interval to 3 decimals
    assert out["ci_low"].iat[0] == pytest.approx(ci[0], abs=5e-4 + 1e-12)
    assert out["ci_high"].iat[0] == pytest.approx(ci[1], abs=5e-4 + 1e-12)
    assert out["n"].iat[0] == 15 and out["n_items"].iat[0] == 10
    # item-rest correlations: the reversed items now correlate positively with the rest
    total = by_hand.sum(axis=1)
    for row in out.itertuples(index=False):
        ref = np.corrcoef(by_hand[row.question], total - by_hand[row.question])[0, 1]
        assert row.item_rest_r == pytest.approx(ref, rel=1e-12)
        dropped, _ = pg.cronbach_alpha(by_hand.drop(columns=row.question))
        assert row.alpha_if_deleted == pytest.approx(dropped, abs=1e-6)
    plain = ka.reliability(_survey(questionnaire, []))
    assert out["alpha"].iat[0] == pytest.approx(0.6382038362945286)  # pingouin, reversed by hand
    assert plain["alpha"].iat[0] != pytest.approx(out["alpha"].iat[0])


def test_equals_pingouin_as_the_data_stand(questionnaire):
    out = ka.reliability(_survey(questionnaire, []))
    alpha, ci = pg.cronbach_alpha(questionnaire)
    assert out["alpha"].iat[0] == pytest.approx(alpha, abs=1e-6)
    assert alpha == pytest.approx(0.5917188485995826)  # pingouin's own documented value
    got = out.set_index("question")["item_rest_r"]
    assert got["Q5"] == pytest.approx(-0.11, abs=0.005)
    assert got["Q6"] == pytest.approx(-0.16, abs=0.005)


def test_feldt_interval_by_hand(questionnaire):
    x = questionnaire.to_numpy(float)
    alpha, low, high = ka.cronbach_alpha(x, ci=0.9)
    n, k = x.shape
    f_hi = stats.f.ppf(0.95, n - 1, (n - 1) * (k - 1))
    f_lo = stats.f.ppf(0.05, n - 1, (n - 1) * (k - 1))
    assert low == pytest.approx(1 - (1 - alpha) * f_hi)
    assert high == pytest.approx(1 - (1 - alpha) * f_lo)
    c = np.cov(x, rowvar=False)
    assert alpha == pytest.approx(k / (k - 1) * (1 - np.trace(c) / c.sum()))


def test_pisa_listwise_equals_pingouin():
    raw = pd.read_csv(DATA / "pisa2009_st25_reading.csv.gz")
    items = [f"ST25Q0{i}" for i in range(1, 6)]
    codebook = pd.read_csv(DATA / "pisa2009_codebook.csv")
    responses = raw.rename(columns={"CNT": "unit"})
    responses.insert(0, "period", "2009-04")
    responses.insert(0, "response_id", [f"s{i}" for i in range(len(responses))])
    survey = ka.Survey(responses, codebook, source="pisa2009")
    out = ka.reliability(survey)
    wide = survey.responses[items].astype(float)
    alpha, _ = pg.cronbach_alpha(wide, nan_policy="listwise")
    assert out["alpha"].iat[0] == pytest.approx(alpha, abs=1e-6)
    assert out["n"].iat[0] == len(wide.dropna())


def test_small_groups_one_item_themes_and_not_asked(rng):
    s = make_survey(rng, units=(("A", 6),), periods=("2023-05",))
    out = ka.reliability(s)
    hv = out[out["theme"] == "hyvinvointi"]
    assert hv["suppressed"].eq("fewer than 10 respondents").all()
    assert hv[["alpha", "item_rest_r"]].isna().all().all()
    assert out[out["theme"] == "tuki"]["suppressed"].eq("fewer than 2 statements").all()
    big = make_survey(rng, units=(("A", 30),), periods=("2023-05",))
    r = big.responses.copy()
    r["q1"] = pd.NA
    r["q3"] = pd.NA
    s2 = ka.Survey(r, big.codebook, big.invitations)
    assert ka.reliability(s2, themes={"x": ["q1", "q3"]})["suppressed"].iat[0] == "not asked"
    assert ka.reliability(big, min_n=40)["suppressed"].iat[0] == "fewer than 40 respondents"


def test_demo_and_format():
    pulse = ka.load_demo("pulse")
    out = ka.reliability(pulse)
    assert list(out["period"].unique()) == pulse.periods
    f = ka.format_reliability(out, lang="fi")
    assert len(f) == len(out.drop_duplicates(["period", "theme"]))
    assert f.iloc[0, 4].count(",") == 3  # 0,57 (0,36–0,73)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"period": "1999-01"}, "period must be"), ({"ci": 1.5}, "ci must"), ({"min_n": 0}, "min_n")],
)
def test_bad_options(small_survey, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.reliability(small_survey, **kwargs)
