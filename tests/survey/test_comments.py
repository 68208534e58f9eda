"""Free-text comments: respondent threshold, shuffled order, escaped HTML."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from conftest import make_codebook
from hypothesis import given, settings
from hypothesis import strategies as st

import kalliola_analysis as ka
from kalliola_analysis.errors import ParameterError

HOSTILE = [
    "<script>alert(1)</script>",
    "**bold**",
    "[x](http://evil)",
    '<img src=x onerror="alert(1)">',
    'Tom & Jerry\'s "quote"',
    "rivi 1\nrivi 2 <b>",
    "</li></ul><h1>otsikko</h1>",
    "{{ jinja }} ${js} `code`",
]


def _survey(comments, *, unit_sizes=None, period="2023-11"):
    """A survey whose comment column holds ``comments`` (padded with None)."""
    unit_sizes = unit_sizes or {"A": max(len(comments), 10)}
    rows, k = [], 0
    texts = list(comments)
    for unit, n in unit_sizes.items():
        for _ in range(n):
            rows.append(
                {
                    "response_id": f"r{k}",
                    "period": period,
                    "unit": unit,
                    "q1": 4,
                    "q2": 4,
                    "q3": 2,
                    "enps": 8,
                    "comment": texts[k] if k < len(texts) else None,
                }
            )
            k += 1
    return ka.Survey(pd.DataFrame(rows), make_codebook())


def test_free_text_returns_every_comment_of_a_large_enough_group():
    comments = [f"kommentti {i}" for i in range(12)]
    s = _survey(comments)
    out = ka.free_text(s)
    assert list(out.columns) == ["question", "text"]
    assert sorted(out["text"]) == sorted(comments)
    assert set(out["question"]) == {"comment"}
    assert out.attrs["suppressed"] is None


def test_free_text_threshold_counts_respondents_not_comments():
    # 12 respondents, only 2 wrote something: shown (Glint counts respondents)
    s = _survey(["yksi", "kaksi"], unit_sizes={"A": 12})
    assert sorted(ka.free_text(s)["text"]) == ["kaksi", "yksi"]
    # 9 respondents who all wrote: hidden
    s = _survey([f"k{i}" for i in range(9)], unit_sizes={"A": 9})
    out = ka.free_text(s)
    assert out.empty
    assert out.attrs["suppressed"] == "fewer than 10 respondents"
    assert ka.free_text(s, min_n=5).shape[0] == 9


def test_free_text_filters_the_unit():
    s = _survey(
        [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(3)] + [f"c{i}" for i in range(12)],
        unit_sizes={"A": 10, "B": 3, "C": 12},
    )
    assert sorted(ka.free_text(s, unit="C")["text"]) == sorted(f"c{i}" for i in range(12))
    hidden = ka.free_text(s, unit="B")
    assert hidden.empty and hidden.attrs["suppressed"] == "fewer than 10 respondents"
    # A alone would leave B's comments as the organisation's list minus A's and C's
    protected = ka.free_text(s, unit="A")
    assert protected.empty and protected.attrs["suppressed"] == "hidden to protect a smaller group"
    # A and B together are the pool of hidden units (13 respondents): a region, shown
    assert len(ka.free_text(s, unit=["A", "B"])) == 13
    # the whole organisation (25 respondents) shows B's comments mixed in, without units
    org = ka.free_text(s)
    assert len(org) == 25 and "unit" not in org.columns


def test_free_text_a_unit_beside_one_small_unit_is_hidden():
    # issue 9: the organisation's list minus unit A's list was exactly B's comments.
    # The behaviour the old version of this test pinned (A shown) was that leak.
    s = _survey(
        [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(3)],
        unit_sizes={"A": 10, "B": 3},
    )
    assert ka.free_text(s, unit="A").attrs["suppressed"] == "hidden to protect a smaller group"
    assert len(ka.free_text(s)) == 13
    assert "smaller group" in ka.comments_html(ka.free_text(s, unit="A"), lang="en")


def test_free_text_drops_empty_and_whitespace_answers():
    s = _survey(["  hyvä  ", "", "   ", "\t\n", "paha"], unit_sizes={"A": 10})
    assert sorted(ka.free_text(s)["text"]) == ["hyvä", "paha"]


def test_free_text_order_is_seeded_and_not_the_file_order():
    comments = [f"kommentti {i:02d}" for i in range(40)]
    s = _survey(comments)
    a = ka.free_text(s, seed=1)["text"].tolist()
    assert a == ka.free_text(s, seed=1)["text"].tolist()
    assert a != ka.free_text(s, seed=2)["text"].tolist()
    assert a != comments  # 40! orders: equal to the file order only by a broken shuffle


def test_free_text_on_demo_data(small_survey):
    out = ka.free_text(small_survey, period="2023-11", unit="A")
    assert out.attrs["suppressed"] is None
    assert (out["text"] == "ok").all()
    assert ka.free_text(small_survey, period="2023-11", unit="C").empty


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"question": "q1"}, "text question"),
        ({"question": "nope"}, "text question"),
        ({"period": "2020-01"}, "period"),
        ({"unit": "Z"}, "unit"),
        ({"min_n": 0}, "min_n"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_free_text_rejects_bad_options(small_survey, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ka.free_text(small_survey, **kwargs)


def _text_of(fragment: str) -> list[str]:
    """What a browser shows for each <li>: tags removed, entities decoded."""
    items = re.findall(r"<li>(.*?)</li>", fragment, flags=re.S)
    return [html.unescape(i.replace("<br>", "\n")) for i in items]


def test_comments_html_escapes_hostile_text():
    s = _survey(HOSTILE, unit_sizes={"A": 10})
    frame = ka.free_text(s)
    fragment = ka.comments_html(frame)
    # the only tags are the list's own
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", fragment))
    assert tags <= {"ul", "li", "br"}
    assert "<script" not in fragment and "<img" not in fragment and "<h1" not in fragment
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fragment
    assert "onerror=&quot;alert(1)&quot;" in fragment
    assert "Tom &amp; Jerry&#x27;s &quot;quote&quot;" in fragment
    assert "**bold**" in fragment and "<strong>" not in fragment and "<b>" not in fragment
    assert "[x](http://evil)" in fragment and "<a" not in fragment
    # and the reader sees every comment exactly as written
    assert sorted(_text_of(fragment)) == sorted(h.strip() for h in HOSTILE)


def test_comments_html_notices():
    hidden = ka.free_text(_survey(["x"], unit_sizes={"A": 3}))
    assert ka.comments_html(hidden) == (
        '<p class="comments-note">Avoimia vastauksia ei näytetä: ryhmässä on alle 10 vastaajaa, '
        "tai ne piilotetaan, jottei pienemmän ryhmän vastauksia voi päätellä vertaamalla "
        "listoja.</p>"
    )
    assert "fewer than 10" in ka.comments_html(hidden, lang="en")
    empty = ka.free_text(_survey([], unit_sizes={"A": 10}))
    assert "<ul" not in ka.comments_html(empty, lang="en")
    assert "No open comments" in ka.comments_html(empty, lang="en")


def test_comments_html_rejects_frames_without_text():
    with pytest.raises(ParameterError, match="text"):
        ka.comments_html(pd.DataFrame({"comment": ["x"]}))
    with pytest.raises(ParameterError, match="lang"):
        ka.comments_html(pd.DataFrame({"text": ["x"]}), lang="sv")


@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=8))
@settings(max_examples=60, deadline=None)
def test_comments_html_shows_any_text_as_text(texts):
    frame = pd.DataFrame({"question": "comment", "text": texts})
    fragment = ka.comments_html(frame)
    kept = [x.strip() for x in texts if x.strip()]
    if not kept:
        assert "<ul" not in fragment
        return
    # no markup other than the list's own can appear, whatever the text
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", fragment))
    assert tags <= {"ul", "li", "br"}
    shown = _text_of(fragment)
    assert [s.replace("\n", "") for s in shown] == ["".join(x.splitlines()) for x in kept]


# ---------------------------------------------------------------------------
# the comment rule against a reader who compares every published list (issue 9)

COMMENT_MIN_N = 10


def _signed(survey: ka.Survey) -> ka.Survey:
    """The survey with every respondent's comment replaced by their response id.

    A list of comments is then literally the set of respondents behind it, so the set
    algebra below works on people, not on texts.
    """
    r = survey.responses.copy()
    for q in survey.questions("text"):
        r[q] = r["response_id"].astype(str)
    return ka.Survey(r, survey.codebook, survey.invitations)


def _published(survey: ka.Survey) -> list[frozenset]:
    """Every comment list one run (and the library) can show: per period the organisation
    and every unit (whether or not the unit gets a report: a superset of what a run shows),
    and over all periods the organisation and every unit."""
    calls = [{"period": p} for p in survey.periods]
    calls += [{"period": p, "unit": u} for p in survey.periods for u in survey.units]
    calls += [{}] + [{"unit": u} for u in survey.units]
    lists = []
    for kw in calls:
        out = ka.free_text(survey, min_n=COMMENT_MIN_N, **kw)
        if out.attrs["suppressed"] is None and len(out):
            lists.append(frozenset(out["text"]))
    return lists


def _regions(lists: list[frozenset]) -> list[set]:
    """The atoms of the partition the lists induce (respondents with equal membership)."""
    by_signature: dict[tuple, set] = {}
    for person in set().union(*lists) if lists else set():
        signature = tuple(person in lst for lst in lists)
        by_signature.setdefault(signature, set()).add(person)
    return list(by_signature.values())


def _assert_no_region_narrows_to_a_hidden_unit(survey: ka.Survey) -> None:
    signed = _signed(survey)
    r = signed.responses
    cell = dict(
        zip(
            r["response_id"].astype(str),
            zip(r["period"].astype(str), r["unit"].astype(str), strict=True),
            strict=True,
        )
    )
    decision = ka.comment_groups(signed, min_n=COMMENT_MIN_N)
    shown = {
        (str(p), str(u))
        for p, u, s in zip(decision["period"], decision["unit"], decision["shown"], strict=True)
        if s
    }
    size = r.groupby(["period", "unit"], observed=True).size()
    for region in _regions(_published(signed)):
        cells = {cell[x] for x in region}
        # regions never cross periods in a way that matters: check each period's part
        for p in {c[0] for c in cells}:
            part = {c for c in cells if c[0] == p}
            people = [x for x in region if cell[x][0] == p]
            if len(part) == 1 and part <= shown:
                (c,) = part
                assert len(people) == size[c] >= COMMENT_MIN_N
                continue
            hidden = part - shown
            assert len(hidden) >= 2, (p, part)
            assert len(people) >= COMMENT_MIN_N, (p, part, len(people))


def test_demo_comments_cannot_be_narrowed_to_a_hidden_unit():
    _assert_no_region_narrows_to_a_hidden_unit(ka.load_demo("pulse"))


def test_demo_organisation_minus_shown_units_is_never_one_hidden_unit():
    # issue 9's reproduction: the organisation's list minus every unit list shown
    pulse = _signed(ka.load_demo("pulse"))
    r = pulse.responses
    for p in pulse.periods:
        org = set(ka.free_text(pulse, period=p)["text"])
        assert org  # every period's organisation list is shown
        rest = set(org)
        for u in pulse.units:
            rest -= set(ka.free_text(pulse, period=p, unit=u)["text"])
        units = set(r.loc[r["response_id"].astype(str).isin(rest), "unit"].astype(str))
        assert "Hallinto" in units  # the small unit is only ever in the remainder
        assert len(units) >= 2 and len(rest) >= COMMENT_MIN_N, (p, units, len(rest))


def _org_survey(periods: list[list[int]]) -> ka.Survey:
    rows = []
    for i, sizes in enumerate(periods):
        for j, n in enumerate(sizes):
            for k in range(n):
                rows.append(
                    {
                        "response_id": f"p{i}u{j}r{k}",
                        "period": f"202{i}-05",
                        "unit": f"U{j}",
                        "q1": 4,
                        "q2": 4,
                        "q3": 2,
                        "enps": 8,
                        "comment": "x",
                    }
                )
    return ka.Survey(pd.DataFrame(rows), make_codebook())


organisations = st.lists(
    st.lists(st.integers(0, 25), min_size=1, max_size=6), min_size=1, max_size=3
).filter(lambda ps: all(sum(p) > 0 for p in ps))


@given(organisations)
@settings(max_examples=60)
def test_random_organisations_comments_cannot_be_narrowed(periods):
    _assert_no_region_narrows_to_a_hidden_unit(_org_survey(periods))


@given(organisations, st.lists(st.integers(0, 25), min_size=1, max_size=6))
@settings(max_examples=30)
def test_comment_decision_of_a_period_never_changes_when_a_period_is_added(periods, later):
    before = ka.comment_groups(_org_survey(periods))
    after = ka.comment_groups(
        _org_survey([*periods, later]) if sum(later) else _org_survey(periods)
    )
    after = after[after["period"].astype(str).isin(set(before["period"].astype(str)))]
    pd.testing.assert_frame_equal(
        before.astype({"period": str, "unit": str}).reset_index(drop=True),
        after.astype({"period": str, "unit": str}).reset_index(drop=True),
    )


def test_comment_groups_columns_and_rule():
    s = _survey([], unit_sizes={"A": 10, "B": 3, "C": 12})
    g = ka.comment_groups(s).set_index("unit")
    assert ka.comment_groups(s).columns.tolist() == [
        "period",
        "unit",
        "respondents",
        "shown",
        "reason",
    ]
    assert g["shown"].to_dict() == {"A": False, "B": False, "C": True}
    assert g.loc["C", "respondents"] == 12 and pd.isna(g.loc["A", "respondents"])
    assert g.loc["B", "reason"] == "fewer than 10 respondents"
    assert g.loc["A", "reason"] == "hidden to protect a smaller group"
    with pytest.raises(ParameterError, match="period"):
        ka.comment_groups(s, period="1999-01")
