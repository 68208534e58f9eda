"""Materiality analysis: data contract, participation, priorities, weighting, agreement, figure.

Reference values: the published participation table and top five are from
Kalliola's annual report 2023 (shared/seeds/000, "CASE: vastuullisuus on tätä
päivää"); Kendall's W is checked against scipy.stats.friedmanchisquare
(chi2_Friedman = m (n - 1) W, both tie-corrected) and the Spearman
correlations against scipy.stats.spearmanr.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import kalliola_analysis as ka
from kalliola_analysis.errors import (
    DataError,
    DuplicateError,
    EmptyFileError,
    FileFormatError,
    InvalidValueError,
    MissingColumnError,
    OutOfRangeError,
    ParameterError,
    UnknownQuestionError,
    ValidationError,
)
from kalliola_analysis.materiality._agreement import _w_resampled

PUBLISHED_ROWS = [
    ("Asiakkaat", 70, 648),
    ("Asiakkaat", 52, 502),
    ("Henkilöstö", 61, 604),
    ("Henkilöstö", 79, 773),
    ("Yhteistyökumppanit", 63, 913),
    ("Yhteistyökumppanit", 85, 1246),
]
PUBLISHED_TOP_FIVE = [
    "Osallisuuden tunteen edistäminen",
    "Haavoittuvassa asemassa olevista huolehtiminen",
    "Kuulumisen tunteen edistäminen",
    "Ihmisoikeuksien kunnioittaminen",
    "Yhdenvertaisuuden edistäminen",
]


def _topics(ids=("a", "b", "c"), impact=None) -> pd.DataFrame:
    t = pd.DataFrame(
        {
            "topic": list(ids),
            "text_fi": [f"Aihe {i}" for i in ids],
            "text_en": [f"Topic {i}" for i in ids],
        }
    )
    if impact is not None:
        t["impact"] = impact
    return t


def _make(picks: dict[str, tuple[str, list]], topics=None, **kw) -> ka.Materiality:
    """``{visit_id: (group, [topics])}`` -> Materiality (choice question)."""
    visits = pd.DataFrame({"visit_id": list(picks), "group": [g for g, _ in picks.values()]})
    rows = [(v, t) for v, (_, ts) in picks.items() for t in ts]
    prios = pd.DataFrame(rows, columns=["visit_id", "topic"])
    return ka.Materiality(visits, prios, _topics() if topics is None else topics, **kw)


def _share(table: pd.DataFrame, col: str = "share") -> dict[str, float]:
    return dict(zip(table["topic"], table[col], strict=True))


# -- the published figures ---------------------------------------------------------


def test_demo_reproduces_the_published_participation_table(materiality_demo):
    t = ka.materiality_participation(materiality_demo, group_totals=False)
    rounds = t[t["level"] == "round"]
    assert (
        list(zip(rounds["group"], rounds["visits"], rounds["prioritisations"], strict=True))
        == PUBLISHED_ROWS
    )
    assert list(rounds["round"]) == ["kierros 1", "kierros 2"] * 3
    total = t[t["level"] == "total"].iloc[0]
    assert (total["visits"], total["prioritisations"]) == (410, 4686)
    assert total["per_visit"] == pytest.approx(4686 / 410)
    assert t["suppressed"].isna().all()
    assert len(t) == 7


def test_participation_group_totals_follow_their_rounds(materiality_demo):
    t = ka.materiality_participation(materiality_demo)
    assert list(t["level"]) == ["round", "round", "group"] * 3 + ["total"]
    groups = t[t["level"] == "group"]
    assert list(groups["visits"]) == [122, 140, 148]
    assert list(groups["prioritisations"]) == [1150, 1377, 2159]


@pytest.mark.parametrize("weighting", ["equal", "pooled"])
def test_demo_reproduces_the_published_top_five(materiality_demo, weighting):
    p = ka.materiality_priorities(materiality_demo, weighting=weighting, top=5, n_resamples=0)
    assert list(p["text_fi"]) == PUBLISHED_TOP_FIVE
    assert list(p["rank"]) == [1, 2, 3, 4, 5]


def test_demo_groups_agree_strongly_but_not_perfectly(materiality_demo):
    a = ka.materiality_agreement(materiality_demo, n_resamples=0)
    w = a.loc[a["test"] == "kendall_w_chi2", "effect_size"].iloc[0]
    assert 0.8 < w < 1
    g = ka.materiality_group_priorities(materiality_demo, n_resamples=0)
    tops = g[g["rank"] <= 5].groupby("group")["topic"].apply(frozenset)
    assert tops.nunique() > 1  # the groups' own top fives differ somewhere


def test_demo_metadata(materiality_demo):
    assert materiality_demo.period == "2023-10"
    assert materiality_demo.kind == "choice"
    assert materiality_demo.rounds == ["kierros 1", "kierros 2"]
    assert materiality_demo.title("en") == "Materiality analysis of social responsibility"
    assert materiality_demo.topics["impact"].notna().all()


# -- reading, validation and preparing ----------------------------------------------


def _write_folder(folder: Path, visits: str, prios: str, topics: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("visits", visits), ("prioritisations", prios), ("topics", topics)):
        (folder / f"{name}.csv").write_bytes(text.encode("utf-8-sig"))
    (folder / "dataset.toml").write_text(
        'kind = "materiality"\ntitle_fi = "Testi"\n', encoding="utf-8"
    )
    return folder


TOPICS_CSV = "topic;text_fi;text_en;impact\na;Aa;A;4,5\nb;Bee;B;3\nc;Cee;C;\n"


def test_read_csv_folder_types_the_tables(tmp_path):
    f = _write_folder(
        tmp_path / "m",
        "visit_id;group;round\n1;Staff;r1\n2;Staff;r2\n3;Clients;r1\n",
        "visit_id;topic\n1;a\n1;b\n2;a\n3;c\n",
        TOPICS_CSV,
    )
    m = ka.read_materiality(f)
    assert m.visits["visit_id"].tolist() == ["1", "2", "3"]
    assert m.groups == ["Staff", "Clients"]
    assert m.prioritisations["topic"].dtype == "category"
    assert m.topics["impact"].tolist()[:2] == [4.5, 3.0]
    assert np.isnan(m.topics["impact"].iloc[2])


@pytest.mark.parametrize(
    ("prios", "error", "column", "row"),
    [
        ("visit_id;topic\n1;a\n1;x\n", UnknownQuestionError, "topic", 3),
        ("visit_id;topic\n1;a\n9;b\n", InvalidValueError, "visit_id", 3),
        ("visit_id;topic\n1;a\n2;b\n1;a\n", DuplicateError, "topic", 4),
        ("visit_id;topic;rank\n1;a;1\n1;b;4\n", OutOfRangeError, "rank", 3),
        ("visit_id;topic;rank\n1;a;0\n", OutOfRangeError, "rank", 2),
        ("visit_id;topic;rank\n1;a;1\n1;b;1\n", DuplicateError, "rank", 3),
        ("visit_id;topic;rank\n1;a;1,5\n", InvalidValueError, "rank", 2),
        ("visit_id;topic;points\n1;a;-2\n", OutOfRangeError, "points", 2),
        ("visit_id;subject\n1;a\n", MissingColumnError, "topic", None),
    ],
)
def test_prioritisation_errors_name_file_column_and_row(tmp_path, prios, error, column, row):
    f = _write_folder(tmp_path / "m", "visit_id;group\n1;Staff\n2;Staff\n", prios, TOPICS_CSV)
    with pytest.raises(error) as info:
        ka.read_materiality(f)
    assert info.value.file == "prioritisations.csv"
    assert (info.value.column, info.value.row) == (column, row)


@pytest.mark.parametrize(
    ("visits", "error", "column", "row"),
    [
        ("visit_id;group\n1;Staff\n2;\n", InvalidValueError, "group", 3),
        ("visit_id;group\n1;Staff\n1;Clients\n", DuplicateError, "visit_id", 3),
        ("visit_id;ryhmä\n1;Staff\n", MissingColumnError, "group", None),
    ],
)
def test_visit_errors_name_file_column_and_row(tmp_path, visits, error, column, row):
    f = _write_folder(tmp_path / "m", visits, "visit_id;topic\n1;a\n", TOPICS_CSV)
    with pytest.raises(error) as info:
        ka.read_materiality(f)
    assert info.value.file == "visits.csv"
    assert (info.value.column, info.value.row) == (column, row)


def test_topic_errors(tmp_path):
    bad = "topic;text_fi;text_en;impact\na;Aa;A;paljon\na;Aa;A;3\n"
    f = _write_folder(tmp_path / "m", "visit_id;group\n1;S\n", "visit_id;topic\n1;a\n", bad)
    with pytest.raises(ValidationError) as info:
        ka.read_materiality(f)
    kinds = {(type(p), p.column, p.row) for p in info.value.problems}
    assert kinds == {(InvalidValueError, "impact", 2), (DuplicateError, "topic", 3)}


def test_every_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as info:
        ka.Materiality(
            pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["S", None]}),
            pd.DataFrame({"visit_id": ["v1", "v9", "v1"], "topic": ["a", "a", "zz"]}),
            _topics(),
        )
    found = {(type(p), p.column, p.row) for p in info.value.problems}
    assert found == {
        (InvalidValueError, "group", 3),
        (InvalidValueError, "visit_id", 3),
        (UnknownQuestionError, "topic", 4),
    }
    assert isinstance(info.value, DataError)


def test_rank_and_points_together_are_refused():
    with pytest.raises(InvalidValueError, match="not both"):
        ka.Materiality(
            pd.DataFrame({"visit_id": ["v1"], "group": ["S"]}),
            pd.DataFrame({"visit_id": ["v1"], "topic": ["a"], "rank": [1], "points": [3]}),
            _topics(),
        )


def test_empty_table_is_refused(tmp_path):
    with pytest.raises(EmptyFileError):
        ka.Materiality(
            pd.DataFrame({"visit_id": [], "group": []}),
            pd.DataFrame({"visit_id": ["v1"], "topic": ["a"]}),
            _topics(),
        )


def test_missing_table_and_wrong_kind(tmp_path):
    f = _write_folder(tmp_path / "m", "visit_id;group\n1;S\n", "visit_id;topic\n1;a\n", TOPICS_CSV)
    (f / "topics.csv").unlink()
    with pytest.raises(FileFormatError, match="topics"):
        ka.read_materiality(f)
    (f / "topics.csv").write_text(TOPICS_CSV, encoding="utf-8")
    (f / "dataset.toml").write_text('kind = "pulse"\n', encoding="utf-8")
    with pytest.raises(FileFormatError, match="materiality"):
        ka.read_materiality(f)


def test_read_xlsx_folder(tmp_path):
    folder = tmp_path / "x"
    folder.mkdir()
    pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["S", "C"], "round": ["1", "1"]}).to_excel(
        folder / "visits.xlsx", index=False
    )
    pd.DataFrame(
        {"visit_id": ["v1", "v2", "v2"], "topic": ["a", "a", "b"], "rank": [1, 1, 2]}
    ).to_excel(folder / "prioritisations.xlsx", index=False)
    _topics().to_excel(folder / "topics.xlsx", index=False)
    m = ka.read_materiality(folder)
    assert m.kind == "ranking"
    assert m.prioritisations["rank"].tolist() == [1, 1, 2]


def test_prepare_writes_typed_parquet_that_reads_back_the_same(tmp_path, materiality_demo):
    raw = ka.demo_path("materiality")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    out = ka.prepare_materiality(raw, tmp_path / "materiality", salt="testi")
    assert {p.name for p in raw.iterdir()} == set(before)
    assert all((raw / n).read_bytes() == b for n, b in before.items())  # raw never written
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kind"] == "materiality"
    import hashlib

    assert (
        manifest["source_files"]["visits.csv"]
        == hashlib.sha256((raw / "visits.csv").read_bytes()).hexdigest()
    )
    assert manifest["rows"] == {"visits": 410, "prioritisations": 4686, "topics": 20}
    back = ka.read_materiality(out)
    from kalliola_analysis.io.pseudonyms import pseudonym

    assert back.visits["visit_id"].tolist() == [
        pseudonym(v, "testi") for v in materiality_demo.visits["visit_id"]
    ]
    assert not set(back.prioritisations["visit_id"]) & set(materiality_demo.visits["visit_id"])
    pd.testing.assert_frame_equal(back.topics, materiality_demo.topics)
    for name in ("visits", "prioritisations"):
        pd.testing.assert_frame_equal(
            getattr(back, name).drop(columns="visit_id"),
            getattr(materiality_demo, name).drop(columns="visit_id"),
        )
    assert back.period == "2023-10"
    a = ka.materiality_priorities(back, n_resamples=50)
    b = ka.materiality_priorities(materiality_demo, n_resamples=50)
    pd.testing.assert_frame_equal(a, b)  # resampling is by position, so ids do not matter


def test_prepare_all_calls_it_by_kind(tmp_path):
    raw = tmp_path / "raw"
    _write_folder(raw / "materiality", "visit_id;group\n1;S\n", "visit_id;topic\n1;a\n", TOPICS_CSV)
    written = ka.prepare_all(raw, tmp_path / "processed", salt="testi")
    assert tmp_path / "processed" / "materiality" in list(written)
    assert ka.read_materiality(tmp_path / "processed" / "materiality").groups == ["S"]
    manifest = json.loads(
        (tmp_path / "processed" / "materiality" / "manifest.json").read_text(encoding="utf-8")
    )
    assert manifest["groups"] == ["S"] and manifest["dropped_columns"] == []
    before = {p.name: p.read_bytes() for p in (raw / "materiality").iterdir()}
    for target in (raw / "materiality", raw / "materiality" / "out"):
        with pytest.raises(ka.ParameterError, match="raw"):
            ka.prepare_materiality(raw / "materiality", target, salt="testi")
    assert {p.name: p.read_bytes() for p in (raw / "materiality").iterdir()} == before


# -- weighting ---------------------------------------------------------------------


def _two_groups() -> ka.Materiality:
    # A: v1 picks a and b, v2 picks a; B: v3 picks c
    return _make({"v1": ("A", ["a", "b"]), "v2": ("A", ["a"]), "v3": ("B", ["c"])})


def test_equal_weighting_averages_the_groups():
    p = ka.materiality_priorities(_two_groups(), min_n=1, n_resamples=0)
    assert _share(p) == pytest.approx({"c": 0.5, "a": 0.375, "b": 0.125})
    assert list(p["topic"]) == ["c", "a", "b"]
    assert (p["n"] == 3).all()


def test_pooled_weighting_counts_every_visit_once():
    p = ka.materiality_priorities(_two_groups(), weighting="pooled", min_n=1, n_resamples=0)
    assert _share(p) == pytest.approx({"a": 1.5 / 3, "c": 1 / 3, "b": 0.5 / 3})


def test_weightings_say_when_the_top_differs():
    w = ka.materiality_weightings(_two_groups(), top_k=1, min_n=1)
    assert w.attrs["same_top"] is False
    assert list(w["top_equal"]) == [True, False, False] and w.loc[
        w["top_pooled"], "topic"
    ].tolist() == ["a"]
    assert "Topic c" in ka.describe_weightings(w, lang="en") and "Aihe a" in ka.describe_weightings(
        w, lang="fi"
    )


def test_ranking_uses_modified_borda_points():
    visits = pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["A", "A"]})
    # v1 ranks a > b > c (points 3, 2, 1); v2 ranks only c first and a third (positions 1, 2 -> points 2, 1)
    prios = pd.DataFrame(
        {
            "visit_id": ["v1", "v1", "v1", "v2", "v2"],
            "topic": ["a", "b", "c", "c", "a"],
            "rank": [1, 2, 3, 1, 3],
        }
    )
    m = ka.Materiality(visits, prios, _topics())
    p = ka.materiality_priorities(m, min_n=1, n_resamples=0)
    expected = {"a": (3 / 6 + 1 / 3) / 2, "b": (2 / 6) / 2, "c": (1 / 6 + 2 / 3) / 2}
    assert _share(p) == pytest.approx(expected)


def test_points_are_normalised_per_visit():
    visits = pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["A", "A"]})
    prios = pd.DataFrame(
        {"visit_id": ["v1", "v1", "v2"], "topic": ["a", "b", "c"], "points": [30, 10, 5]}
    )
    p = ka.materiality_priorities(ka.Materiality(visits, prios, _topics()), min_n=1, n_resamples=0)
    assert _share(p) == pytest.approx({"a": 0.375, "b": 0.125, "c": 0.5})


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B", "C"]), st.sets(st.sampled_from("abcde"), min_size=1)),
        min_size=1,
        max_size=25,
    ),
    st.sampled_from(["equal", "pooled"]),
)
def test_each_visit_counts_once(visits, weighting):
    """Shares sum to 1, and copying every visit changes nothing (a visit's weight, not its picks, counts)."""
    topics = _topics(tuple("abcde"))
    picks = {f"v{i}": (g, sorted(ts)) for i, (g, ts) in enumerate(visits)}
    copies = {**picks, **{f"w{i}": v for i, v in enumerate(picks.values())}}
    p1 = ka.materiality_priorities(
        _make(picks, topics), weighting=weighting, min_n=1, n_resamples=0
    )
    p2 = ka.materiality_priorities(
        _make(copies, topics), weighting=weighting, min_n=1, n_resamples=0
    )
    assert p1["share"].sum() == pytest.approx(1)
    assert _share(p1) == pytest.approx(_share(p2))


def test_visit_without_picks_counts_in_participation_not_in_shares():
    m = ka.Materiality(
        pd.DataFrame({"visit_id": ["v1", "v2"], "group": ["A", "A"]}),
        pd.DataFrame({"visit_id": ["v1"], "topic": ["a"]}),
        _topics(),
    )
    assert ka.materiality_participation(m, min_n=1)["visits"].iloc[-1] == 2
    p = ka.materiality_priorities(m, min_n=1, n_resamples=0)
    assert p["n"].iloc[0] == 1 and _share(p)["a"] == 1


# -- bootstrap ---------------------------------------------------------------------


def test_bootstrap_is_reproducible_and_sensible(materiality_demo):
    a = ka.materiality_priorities(materiality_demo, n_resamples=300, seed=1)
    b = ka.materiality_priorities(materiality_demo, n_resamples=300, seed=1)
    c = ka.materiality_priorities(materiality_demo, n_resamples=300, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a["ci_low"].equals(c["ci_low"])
    assert (a["ci_low"] <= a["share"]).all() and (a["share"] <= a["ci_high"]).all()
    assert (a["rank_ci_low"] <= a["rank_ci_high"]).all()
    assert a["p_top"].between(0, 1).all()
    assert a["p_top"].sum() == pytest.approx(
        5, abs=0.05
    )  # five topics are in the top five in every resample
    assert a["p_top"].iloc[0] == 1 and a["p_top"].iloc[-1] == 0


def test_no_resamples_leaves_intervals_missing(materiality_demo):
    p = ka.materiality_priorities(materiality_demo, n_resamples=0)
    assert p["ci_low"].isna().all() and p["rank_ci_low"].isna().all() and p["p_top"].isna().all()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weighting": "by_size"},
        {"top": 0},
        {"top_k": 0},
        {"top_k": 2.5},
        {"n_resamples": -1},
        {"confidence_level": 1.5},
        {"min_n": 0},
    ],
)
def test_bad_options_raise_parameter_error(materiality_demo, kwargs):
    with pytest.raises(ParameterError):
        ka.materiality_priorities(materiality_demo, **kwargs)


# -- agreement ---------------------------------------------------------------------


def _w(ranks) -> float:
    return float(ka.kendall_w(ranks)["effect_size"].iloc[0])


def test_kendall_w_extremes():
    assert _w([[1, 2, 3, 4]] * 3) == pytest.approx(1)
    assert _w([[1, 2, 3], [3, 2, 1]]) == pytest.approx(0)
    t = ka.kendall_w([[1, 2, 3, 4]] * 3)
    f = t[t["test"] == "kendall_w_f"].iloc[0]
    assert f["statistic"] == np.inf and f["p"] == 0


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 6), st.integers(3, 8), st.integers(0, 10**6))
def test_kendall_w_matches_scipy_friedman_with_ties(m, n, seed):
    """chi2_Friedman (scipy, tie-corrected) = m (n - 1) W (tie-corrected)."""
    scores = np.random.default_rng(seed).integers(0, 4, size=(m, n))  # few values: many ties
    if all(len(set(row)) == 1 for row in scores):
        return  # no information at all: both undefined
    t = ka.kendall_w(scores)
    chi = t[t["test"] == "kendall_w_chi2"].iloc[0]
    friedman = stats.friedmanchisquare(*scores.T)
    assert chi["statistic"] == pytest.approx(friedman.statistic)
    assert chi["p"] == pytest.approx(friedman.pvalue)
    assert chi["statistic"] == pytest.approx(m * (n - 1) * chi["effect_size"])
    f = t[t["test"] == "kendall_w_f"].iloc[0]
    w = chi["effect_size"]
    df1 = n - 1 - 2 / m
    if w < 1:
        assert f["statistic"] == pytest.approx((m - 1) * w / (1 - w))
        assert f["p"] == pytest.approx(stats.f.sf((m - 1) * w / (1 - w), df1, (m - 1) * df1))
    # the vectorised version used in the bootstrap agrees
    ranks = np.apply_along_axis(stats.rankdata, 1, scores.astype(float))
    assert _w_resampled(ranks[:, None, :])[0] == pytest.approx(w)


def test_agreement_against_scipy_on_the_demo(materiality_demo):
    a = ka.materiality_agreement(materiality_demo, n_resamples=200)
    g = ka.materiality_group_priorities(materiality_demo, n_resamples=0)
    shares = g.pivot(index="group", columns="topic", values="share").loc[materiality_demo.groups]
    friedman = stats.friedmanchisquare(*shares.to_numpy().T)
    chi = a[a["test"] == "kendall_w_chi2"].iloc[0]
    assert chi["statistic"] == pytest.approx(friedman.statistic)
    assert (chi["m"], chi["n"], chi["df"]) == (3, 20, 19)
    sp = a[a["test"] == "spearman"]
    assert len(sp) == 3
    for _, row in sp.iterrows():
        ref = stats.spearmanr(shares.loc[row["group_a"]], shares.loc[row["group_b"]])
        assert row["effect_size"] == pytest.approx(ref.statistic)
        assert row["p"] == pytest.approx(ref.pvalue)
        assert row["ci_low"] <= row["ci_high"]
    assert chi["ci_low"] <= chi["ci_high"]
    assert list(a.columns) == [
        "test",
        "group_a",
        "group_b",
        "effect_size",
        "ci_low",
        "ci_high",
        "statistic",
        "df",
        "df2",
        "p",
        "n",
        "m",
    ]


def test_agreement_description_warns_about_few_groups(materiality_demo):
    a = ka.materiality_agreement(materiality_demo, n_resamples=0)
    assert "little power" in a.attrs["description"]
    assert "little power" in ka.describe_agreement(a, lang="en")
    assert "voima on pieni" in ka.describe_agreement(a, lang="fi")
    assert "0,89" in ka.describe_agreement(a, lang="fi")


def test_agreement_description_without_the_warning_for_many_groups(rng):
    picks = {}
    for g in range(8):
        for v in range(6):
            picks[f"{g}-{v}"] = (f"G{g}", sorted(rng.choice(list("abcde"), size=3, replace=False)))
    a = ka.materiality_agreement(_make(picks, _topics(tuple("abcde"))), n_resamples=0)
    assert a["m"].iloc[0] == 8 and len(a) == 2 + 28
    assert "little power" not in ka.describe_agreement(a, lang="en")


# -- anonymity ---------------------------------------------------------------------


def _with_small_group() -> ka.Materiality:
    picks = {f"a{i}": ("Big", ["a", "b"]) for i in range(6)}
    picks |= {f"b{i}": ("Other", ["b"]) for i in range(6)}
    picks |= {f"c{i}": ("Tiny", ["c"]) for i in range(3)}
    return _make(picks)


def test_small_group_is_not_shown_on_its_own():
    m = _with_small_group()
    g = ka.materiality_group_priorities(m, n_resamples=20)
    assert set(g["group"]) == {"Big", "Other"}
    a = ka.materiality_agreement(m, n_resamples=20)
    assert a["m"].iloc[0] == 2
    assert "Tiny" not in set(a["group_a"].dropna()) | set(a["group_b"].dropna())
    t = ka.materiality_participation(m)
    tiny = t[t["group"] == "Tiny"]
    assert tiny["visits"].isna().all() and tiny["prioritisations"].isna().all()
    assert tiny["suppressed"].notna().all()
    assert t[t["level"] == "total"]["visits"].iloc[0] == 15


def test_small_group_weighs_only_in_the_pooled_weighting():
    m = _with_small_group()
    equal = _share(ka.materiality_priorities(m, n_resamples=0))
    pooled = _share(ka.materiality_priorities(m, weighting="pooled", n_resamples=0))
    assert equal["c"] == 0
    assert pooled["c"] == pytest.approx(3 / 15)
    assert ka.materiality_priorities(m, n_resamples=0)["n"].iloc[0] == 12
    # with a threshold of 3 the tiny group is a group of its own
    assert _share(ka.materiality_priorities(m, n_resamples=0, min_n=3))["c"] == pytest.approx(1 / 3)


def test_no_group_large_enough_gives_no_ranking():
    m = _make({"v1": ("A", ["a"]), "v2": ("B", ["b"])})
    p = ka.materiality_priorities(m, n_resamples=10)
    assert p["share"].isna().all() and p["rank"].isna().all()
    assert ka.materiality_group_priorities(m).empty
    a = ka.materiality_agreement(m, n_resamples=10)
    assert a["effect_size"].isna().all()
    assert "cannot be measured" in ka.describe_agreement(a, lang="en")


# -- figure ------------------------------------------------------------------------


def test_matrix_plots_labelled_points_and_thresholds(materiality_demo):
    p = ka.materiality_priorities(materiality_demo, n_resamples=0)
    ax = ka.plot_materiality(p, lang="fi")
    labels = [t.get_text().replace("\n", " ") for t in ax.texts]
    assert "Osallisuuden tunteen edistäminen" in labels
    assert ax.get_xlabel() == "Vaikutus (organisaation arvio)"
    assert len(ax.collections[0].get_offsets()) == 20
    horizontal = [ln for ln in ax.lines if len(set(ln.get_ydata())) == 1]
    cut = horizontal[0].get_ydata()[0]
    shares = p["share"].to_numpy()
    assert shares[4] > cut > shares[5]  # the top five above the line


def test_without_impact_a_ranked_bar_chart(materiality_demo):
    p = ka.materiality_priorities(materiality_demo, n_resamples=50).assign(impact=np.nan)
    ax = ka.plot_materiality(p, lang="en", top_k=3)
    assert len(ax.patches) == 20
    assert (
        ax.get_yticklabels()[0].get_text().replace("\n", " ")
        == "Promoting a sense of participation"
    )
    assert any("Top 3" in t.get_text() for t in ax.texts)
    with pytest.raises(ParameterError):
        ka.plot_materiality(p, kind="matrix")


def test_demo_folder_found_from_another_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KALLIOLA_DATA", str(Path(ka.demo_path("materiality")).parent))
    assert os.path.isdir(ka.demo_path("materiality"))


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does(tmp_path):
    f = _write_folder(
        tmp_path / "m",
        "visit_id;group\n1;Staff\n2;Staff\n",
        "visit_id;topic\n1;a\n\n2;x\n",
        TOPICS_CSV,
    )
    with pytest.raises(UnknownQuestionError) as info:
        ka.read_materiality(f)
    assert info.value.row == 4


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["A", "B"]), st.sampled_from(["r1", "r2"]), st.integers(0, 3)),
        min_size=1,
        max_size=30,
    ).filter(lambda vs: any(k for *_, k in vs))
)
def test_participation_rows_add_up_to_the_totals(visits):
    ids = [f"v{i}" for i in range(len(visits))]
    data = ka.Materiality(
        pd.DataFrame(
            {
                "visit_id": ids,
                "group": [g for g, _, _ in visits],
                "round": [r for _, r, _ in visits],
            }
        ),
        pd.DataFrame(
            [(v, t) for v, (_, _, k) in zip(ids, visits, strict=True) for t in "abc"[:k]],
            columns=["visit_id", "topic"],
        ),
        _topics(),
    )
    t = ka.materiality_participation(data, min_n=1)
    rounds, groups, total = (t[t["level"] == lv] for lv in ("round", "group", "total"))
    assert (
        rounds["visits"].sum() == groups["visits"].sum() == total["visits"].iloc[0] == len(visits)
    )
    assert (
        rounds["prioritisations"].sum()
        == total["prioritisations"].iloc[0]
        == len(data.prioritisations)
    )
    for g, rows in rounds.groupby("group"):
        assert rows["visits"].sum() == groups.loc[groups["group"] == g, "visits"].iloc[0]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sets(st.sampled_from("abc"), min_size=1), min_size=1, max_size=8),
    st.lists(st.sets(st.sampled_from("abc"), min_size=1), min_size=1, max_size=8),
    st.integers(2, 4),
)
def test_equal_weighting_ignores_group_size_pooled_does_not(a_visits, b_visits, copies):
    """Copying group A's visits changes nothing with equal weights; pooled shares move towards A."""
    picks = {f"a{i}": ("A", sorted(t)) for i, t in enumerate(a_visits)}
    picks |= {f"b{i}": ("B", sorted(t)) for i, t in enumerate(b_visits)}
    bigger = picks | {
        f"a{i}-{c}": ("A", sorted(t)) for c in range(copies) for i, t in enumerate(a_visits)
    }
    eq1, eq2 = (
        ka.materiality_priorities(_make(p), min_n=1, n_resamples=0) for p in (picks, bigger)
    )
    assert _share(eq1) == pytest.approx(_share(eq2))
    po2 = _share(
        ka.materiality_priorities(_make(bigger), weighting="pooled", min_n=1, n_resamples=0)
    )
    a_only = _share(
        ka.materiality_group_priorities(_make(picks), min_n=1, n_resamples=0).query("group == 'A'")
    )
    n_a, n_b = len(a_visits) * (copies + 1), len(b_visits)
    b_only = _share(
        ka.materiality_group_priorities(_make(picks), min_n=1, n_resamples=0).query("group == 'B'")
    )
    for t in "abc":
        assert po2[t] == pytest.approx((n_a * a_only[t] + n_b * b_only[t]) / (n_a + n_b))


def test_bootstrap_in_chunks_draws_the_same_resamples(materiality_demo, monkeypatch):
    import kalliola_analysis.materiality._shares as shares

    whole = ka.materiality_priorities(materiality_demo, n_resamples=120)
    monkeypatch.setattr(shares, "_CHUNK", 200)  # a chunk of one or two resamples per group
    pd.testing.assert_frame_equal(
        ka.materiality_priorities(materiality_demo, n_resamples=120), whole
    )
