"""unit_vs_organisation against scipy.stats.mannwhitneyu on the expanded answers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_survey
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError


@pytest.fixture
def survey(rng):
    return make_survey(rng, units=(("A", 40), ("B", 25), ("C", 3), ("D", 12)))


def _scored(survey, mask, q):
    x = survey.responses.loc[mask, q].dropna().to_numpy(float)
    return 6 - x if q == "q3" else x  # q3 is reverse-keyed in the fixture


@pytest.mark.parametrize("method", ["holm", "fdr_bh"])
def test_statements_equal_scipy_on_unit_and_rest(survey, method):
    out = ka.unit_vs_organisation(survey, unit="B", period="2023-11", method=method)
    r = survey.responses
    in_p = r["period"] == "2023-11"
    stmts = out[out["level"] == "statement"].reset_index(drop=True)
    assert stmts["question"].tolist() == ["q1", "q2", "q3"]
    ps = []
    for row in stmts.itertuples(index=False):
        unit = _scored(survey, in_p & (r["unit"] == "B"), row.question)
        rest = _scored(survey, in_p & (r["unit"] != "B"), row.question)
        ref = stats.mannwhitneyu(rest, unit, method="asymptotic", use_continuity=True)
        assert (row.n_unit, row.n_rest) == (len(unit), len(rest))
        assert row.mean_unit == pytest.approx(unit.mean())
        assert row.mean_rest == pytest.approx(rest.mean())
        assert row.diff == pytest.approx(unit.mean() - rest.mean())
        assert row.statistic == pytest.approx(ref.statistic)
        assert row.p == pytest.approx(ref.pvalue, rel=1e-10)
        assert row.effect_size == pytest.approx(1 - 2 * ref.statistic / (len(unit) * len(rest)))
        ps.append(ref.pvalue)
    sm = "holm" if method == "holm" else "fdr_bh"
    np.testing.assert_allclose(stmts["p_adj"], multipletests(ps, method=sm)[1], rtol=1e-12)


def test_themes_equal_scipy_on_respondent_scores(survey):
    out = ka.unit_vs_organisation(survey, unit="A", period="2023-05")
    th = out[out["level"] == "theme"].set_index("question")
    r = survey.responses
    in_p = r["period"] == "2023-05"
    score = (r["q1"].astype(float) + (6 - r["q3"].astype(float))) / 2
    unit = score[in_p & (r["unit"] == "A")].dropna().to_numpy()
    rest = score[in_p & (r["unit"] != "A")].dropna().to_numpy()
    ref = stats.mannwhitneyu(rest, unit, method="asymptotic", use_continuity=True)
    row = th.loc["hyvinvointi"]
    assert row["diff"] == pytest.approx(unit.mean() - rest.mean())
    assert row["p"] == pytest.approx(ref.pvalue, rel=1e-10)
    assert row["n_unit"] == len(unit) and row["n_rest"] == len(rest)


def test_hidden_where_the_unit_breakdown_hides(survey):
    small = ka.unit_vs_organisation(survey, unit="C", period="2023-11")
    assert small["suppressed"].eq("fewer than 5 answers").all()
    assert small[["mean_unit", "mean_rest", "diff", "p"]].isna().all().all()
    assert small["n_rest"].isna().all()
    # D (12) is the complement hidden to protect C in the unit breakdown: hidden here too
    summary = ka.likert_summary(survey, by=["period", "unit"])
    d_summary = summary[(summary["unit"] == "D") & (summary["period"] == "2023-11")]
    assert d_summary["suppressed"].notna().all()
    d = ka.unit_vs_organisation(survey, unit="D", period="2023-11")
    assert d["suppressed"].notna().all() and d["mean_unit"].isna().all()
    shown = ka.unit_vs_organisation(survey, unit="A", period="2023-11")
    assert shown["suppressed"].isna().all()


def test_whole_organisation_as_unit_has_no_rest(rng):
    s = make_survey(rng, units=(("A", 30),))
    out = ka.unit_vs_organisation(s, unit="A", period="2023-05")
    assert out["suppressed"].notna().all()
    assert out["mean_unit"].isna().all()


def test_not_asked(survey):
    r = survey.responses.copy()
    r.loc[r["period"] == "2023-11", "q2"] = pd.NA
    s = ka.Survey(r, survey.codebook, survey.invitations)
    out = ka.unit_vs_organisation(s, unit="A", period="2023-11").set_index("question")
    assert out.loc["q2", "suppressed"] == "not asked"
    assert out.loc["tuki", "suppressed"] == "not asked"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"unit": "Z", "period": "2023-11"}, "unit must be"),
        ({"unit": "A", "period": "1999-01"}, "period must be"),
        ({"unit": "A", "period": "2023-11", "method": "bonferroni"}, "method"),
    ],
)
def test_bad_options(survey, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.unit_vs_organisation(survey, **kwargs)


def test_format_and_plot(survey):
    out = ka.unit_vs_organisation(survey, unit="A", period="2023-11")
    fi = ka.format_unit_vs_organisation(out, labels={"q1": "Viihdyn"})
    assert fi.iloc[0, 0] == "Viihdyn"
    assert fi.iloc[0, 3].startswith(("+", "-", "0"))
    ax = ka.plot_unit_difference(out, lang="en")
    assert ax.get_title() == "A: difference from the rest of the organisation"
    assert len(ax.collections) == len(out)  # one dot per shown row
    hidden = ka.unit_vs_organisation(survey, unit="C", period="2023-11")
    ax = ka.plot_unit_difference(hidden)
    assert not ax.collections
    assert sum(txt.get_gid() == "hidden" for txt in ax.texts) == len(hidden)


def test_plot_colours_are_centred_at_zero(survey):
    out = ka.unit_vs_organisation(survey, unit="A", period="2023-11", themes={})
    out = out.assign(diff=[-0.4, 0.0, 0.4], p_adj=[0.01, 0.5, 0.01])
    ax = ka.plot_unit_difference(out)
    faces = [c.get_facecolors()[0] for c in ax.collections]
    assert faces[0][0] > faces[0][2]  # below the rest: red
    assert faces[2][2] > faces[2][0]  # above: blue
    assert np.allclose(faces[1][:3], faces[1][0], atol=0.05)  # zero: neutral (near white)
    widths = [c.get_linewidths()[0] for c in ax.collections]
    assert widths[0] > widths[1] and widths[2] > widths[1]  # significant rows ringed


@settings(max_examples=10)
@given(st.lists(st.integers(1, 30), min_size=2, max_size=4), st.integers(0, 2**32 - 1))
def test_never_shows_what_the_unit_breakdown_hides(sizes, seed):
    rng = np.random.default_rng(seed)
    units = tuple((f"U{i}", n) for i, n in enumerate(sizes))
    s = make_survey(rng, units=units, periods=("2023-05",))
    summary = ka.likert_summary(s, by=["period", "unit"])
    themes = ka.theme_scores(s, by=["period", "unit"])
    for unit, _ in units:
        out = ka.unit_vs_organisation(s, unit=unit, period="2023-05")
        shown = out[out["suppressed"].isna()]
        assert (shown["n_unit"] >= 5).all() and (shown["n_rest"] >= 5).all()
        mine = summary[summary["unit"] == unit].set_index("question")["suppressed"]
        mine_t = themes[themes["unit"] == unit].set_index("theme")["suppressed"]
        for row in shown.itertuples(index=False):
            ref = mine if row.level == "statement" else mine_t
            assert pd.isna(ref[row.question])
