"""theme_scores against a hand computation with pandas on the respondent-level answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import make_survey
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError
from kalliola_analysis.survey import themes


@pytest.fixture
def survey(rng):
    s = make_survey(rng, units=(("A", 30), ("B", 18), ("C", 3)))
    r = s.responses.copy()
    # some missing answers, so the half rule matters
    r.loc[r.index[::7], "q1"] = pd.NA
    r.loc[r.index[::5], "q3"] = pd.NA
    return ka.Survey(r, s.codebook, s.invitations)


def _hand(survey, items, by, min_frac=0.5):
    r = survey.responses
    answers = pd.DataFrame({q: r[q].astype(float) for q in items})
    if "q3" in answers:  # reverse-keyed in the fixture's codebook
        answers["q3"] = 6 - answers["q3"]
    need = math.ceil(min_frac * len(items))
    score = answers.mean(axis=1).where(answers.notna().sum(axis=1) >= need)
    frame = r[by].assign(score=score).dropna(subset=["score"])
    rows = []
    for key, g in frame.groupby(by, observed=True):
        x = g["score"].to_numpy()
        n = len(x)
        half = stats.t.ppf(0.975, n - 1) * x.std(ddof=1) / np.sqrt(n)
        rows.append(
            {
                **dict(zip(by, key if isinstance(key, tuple) else (key,), strict=True)),
                "n": n,
                "mean": x.mean(),
                "sd": x.std(ddof=1),
                "ci_low": x.mean() - half,
                "ci_high": x.mean() + half,
                "favourable": (x >= 4).mean(),
                "unfavourable": (x <= 2).mean(),
            }
        )
    return pd.DataFrame(rows)


def test_codebook_themes_equal_hand_computation(survey):
    out = ka.theme_scores(survey, by="period")
    assert list(out.columns) == [
        "period", "theme", "n_items", "n", "mean", "sd", "ci_low", "ci_high",
        "favourable", "unfavourable", "suppressed",
    ]  # fmt: skip
    assert list(out["theme"].unique()) == ["hyvinvointi", "tuki"]
    for theme, items in (("hyvinvointi", ["q1", "q3"]), ("tuki", ["q2"])):
        got = out[out["theme"] == theme].reset_index(drop=True)
        ref = _hand(survey, items, ["period"])
        assert got["n"].tolist() == ref["n"].tolist()
        for col in ("mean", "sd", "ci_low", "ci_high", "favourable", "unfavourable"):
            np.testing.assert_allclose(got[col].to_numpy(float), ref[col].to_numpy(), rtol=1e-12)


def test_user_index_min_items_and_reverse(survey):
    themes = {"index": ["q1", "q2", "q3"]}
    for frac in (0.5, 1.0, 0.34):
        got = ka.theme_scores(survey, by=None, themes=themes, min_items=frac)
        r = survey.responses
        answers = pd.DataFrame({"q1": r.q1, "q2": r.q2, "q3": 6 - r.q3}).astype(float)
        need = math.ceil(frac * 3)
        score = answers.mean(axis=1).where(answers.notna().sum(axis=1) >= need).dropna()
        assert int(got["n"].iat[0]) == len(score)
        assert got["mean"].iat[0] == pytest.approx(score.mean(), rel=1e-12)
    # a respondent with only 1 of 3 answered is scored with min_items=1/3 but not with 1/2
    n_half = int(ka.theme_scores(survey, by=None, themes=themes)["n"].iat[0])
    n_third = int(ka.theme_scores(survey, by=None, themes=themes, min_items=0.3)["n"].iat[0])
    assert n_third >= n_half


def test_one_item_theme_equals_likert_summary_on_five_point_scale(survey):
    th = ka.theme_scores(survey, by="period", themes={"t": ["q2"]})
    ls = ka.likert_summary(survey, by="period", questions="q2")
    np.testing.assert_allclose(th["mean"], ls["mean"])
    np.testing.assert_allclose(th["favourable"], ls["favourable"])
    np.testing.assert_allclose(th["unfavourable"], ls["unfavourable"])
    np.testing.assert_allclose(th["ci_low"], ls["ci_low"])


def test_small_groups_hidden_with_complements(survey):
    out = ka.theme_scores(survey, by=["period", "unit"])
    c = out[out["unit"] == "C"]
    assert c["suppressed"].eq("fewer than 5 answers").all()
    assert c["mean"].isna().all() and c["n"].isna().all()
    # C is the only hidden child of each period: the next smallest unit (B) is hidden too
    b = out[out["unit"] == "B"]
    assert b["suppressed"].eq("hidden to protect a smaller group").all()
    assert out[out["unit"] == "A"]["suppressed"].isna().all()


def test_hidden_at_least_where_statements_are_hidden(survey):
    themes = ka.theme_scores(survey, by=["period", "unit"])
    stmts = ka.likert_summary(survey, by=["period", "unit"])
    items = ka.theme_items(survey)
    for row in themes.itertuples(index=False):
        s = stmts[
            (stmts["period"] == row.period)
            & (stmts["unit"] == row.unit)
            & stmts["question"].isin(items[row.theme])
        ]
        if s["suppressed"].notna().any():
            assert pd.notna(row.suppressed)


def test_not_asked_theme(small_survey):
    r = small_survey.responses.copy()
    r.loc[r["period"] == "2023-05", "q2"] = pd.NA
    s = ka.Survey(r, small_survey.codebook, small_survey.invitations)
    out = ka.theme_scores(s, by="period").set_index(["period", "theme"])
    assert out.loc[("2023-05", "tuki"), "suppressed"] == "not asked"
    assert out.loc[("2023-05", "tuki"), "n"] == 0
    assert pd.isna(out.loc[("2023-11", "tuki"), "suppressed"])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"themes": {"x": ["nope"]}}, "not in the codebook"),
        ({"themes": {"x": ["enps"]}}, "another type"),
        ({"themes": ["q1"]}, "mapping"),
        ({"min_items": 0}, "min_items"),
        ({"ci": 95}, "ci must"),
        ({"by": "nope"}, "nope"),
    ],
)
def test_bad_options(survey, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.theme_scores(survey, **kwargs)


@given(st.integers(1, 3), st.integers(4, 11))
def test_favourable_threshold_lies_above_the_midpoint(lo, hi):
    fav, unf = themes.favourable_threshold(lo, hi)
    mid = (lo + hi) / 2
    assert fav > mid > unf
    assert fav - mid <= 1 and mid - unf <= 1
    assert fav == int(fav) and unf == int(unf)


def test_format_theme_scores_hidden_and_languages(survey):
    out = ka.theme_scores(survey, by=["period", "unit"])
    fi = ka.format_theme_scores(out, lang="fi")
    en = ka.format_theme_scores(out, lang="en")
    assert list(en.columns[:3]) == ["Survey round", "Unit", "Theme"]
    assert fi.iloc[list(out["unit"] == "C").index(True), 3] == "piilotettu"
    shown = out["suppressed"].isna().to_numpy()
    assert en[shown].iloc[:, 4].str.contains(r"\.").all()
    assert fi[shown].iloc[:, 4].str.contains(",").all()


def test_read_indices_from_dataset_toml(tmp_path, survey):
    toml = tmp_path / "dataset.toml"
    toml.write_text('kind = "pulse"\n[indices]\nengagement = ["q1", "q2"]\n', encoding="utf-8")
    indices = ka.read_indices(tmp_path)
    assert indices == {"engagement": ["q1", "q2"]}
    out = ka.theme_scores(survey, themes=indices, by=None)
    r = survey.responses
    score = r[["q1", "q2"]].astype(float).mean(axis=1)  # 1 of 2 answered suffices
    assert out["mean"].iat[0] == pytest.approx(score.mean())
    toml.write_text('kind = "pulse"\n[indices]\nbad = "q1"\n', encoding="utf-8")
    with pytest.raises(ka.DataError) as err:
        ka.read_indices(toml)
    assert err.value.column == "indices.bad"


def test_hides_every_group_the_survey_decision_hides(rng):
    s = make_survey(rng, units=(("A", 30), ("B", 9), ("C", 7), ("D", 2)))
    r = s.responses.copy()
    r["tenure"] = rng.choice(["short", "long"], len(r))
    r.loc[r.index[:3], "tenure"] = None  # three respondents did not state it
    s = ka.Survey(r, s.codebook, s.invitations)
    for by in (["period", "unit"], ["period", "tenure"], ["unit", "tenure"]):
        themes = ka.theme_scores(s, by=by)
        decision = ka.hidden_cells(s, by=by)
        hidden = {
            tuple(str(v) for v in row[:-1])
            for row in decision[[*by, "hidden"]].itertuples(index=False)
            if row[-1]
        }
        for row in themes[[*by, "suppressed"]].itertuples(index=False):
            if tuple(str(v) for v in row[:-1]) in hidden:
                assert pd.notna(row[-1]), row
        assert len(themes) == len(decision) * 2  # every group of the decision, both themes
    groups = ka.theme_scores(s, by=["period", "tenure"])["tenure"]
    assert ka.NOT_STATED in set(groups.astype(str))


def test_demo_pooled_over_periods_hides_units_hidden_in_any_period():
    pulse = ka.load_demo("pulse")
    themes = ka.theme_scores(pulse, by="unit")
    hidden = set(themes.loc[themes["suppressed"].notna(), "unit"].astype(str))
    decision = ka.hidden_cells(pulse, by="unit")
    assert set(decision.loc[decision["hidden"], "unit"].astype(str)) <= hidden
    assert {"Hallinto", "Järjestötoiminta"} <= hidden  # Hallinto: 6 staff
