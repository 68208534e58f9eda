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
        [f"a{i}" for i in range(10)] + [f"b{i}" for i in range(3)],
        unit_sizes={"A": 10, "B": 3},
    )
    assert sorted(ka.free_text(s, unit="A")["text"]) == sorted(f"a{i}" for i in range(10))
    hidden = ka.free_text(s, unit="B")
    assert hidden.empty and hidden.attrs["suppressed"]
    # the whole organisation (13 respondents) shows B's comments mixed with A's, without units
    org = ka.free_text(s)
    assert len(org) == 13 and "unit" not in org.columns


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
        '<p class="comments-note">Avoimia vastauksia ei näytetä: ryhmässä on alle 10 vastaajaa.</p>'
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
