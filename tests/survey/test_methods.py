"""The methods note: thresholds, what was hidden and why, the tests."""

from __future__ import annotations

import kalliola_analysis as ka


def test_methods_note(pulse):
    fi = ka.methods_note(pulse, period="2023-05")
    assert "alle 5 vastausta" in fi and "Hallinto" in fi
    assert "Mann–Whitneyn U-testillä" in fi and "Holmin" in fi
    assert "En osaa sanoa" in fi and "vähintään 10 vastaajaa" in fi
    assert "<" not in fi.replace("p\u00a0<\u00a00,05", "")  # plain text
    en = ka.methods_note(pulse, period="2023-11", lang="en", min_n=5, comment_min_n=12)
    assert "No group had to be hidden" in en
    assert "at least 12 respondents" in en
    assert "Tango" in en
    first = ka.methods_note(pulse, period="2022-10", lang="en")
    assert "Mann–Whitney" not in first  # nothing to compare the first round with


def test_methods_note_names_the_hidden_small_unit(small_survey):
    note = ka.methods_note(small_survey, period="2023-11", lang="en")
    assert "subtraction): B and C." in note
    # one list for both reasons: which one applies would place C on one side of the threshold
    assert "fewer than 5 answers: C" not in note
    # a unit report is about its unit alone: it never names another unit (issue 9.6;
    # this test used to pin the opposite, "every report shows the units side by side")
    unit_note = ka.methods_note(small_survey, period="2023-11", unit="A", lang="en")
    assert ": C" not in unit_note and " C." not in unit_note and " C " not in unit_note
    assert "Nothing had to be hidden for A." in unit_note
    assert "comments are not shown" not in unit_note  # A has 20 respondents
    small = ka.methods_note(small_survey, period="2023-11", unit="C", lang="en")
    assert "Hidden for C: all statements, eNPS and response rate." in small
    hidden_comments = (
        "Open comments are not shown: the group has fewer than 10 respondents, or they are "
        "hidden so that a smaller group's comments cannot be derived by comparing lists."
    )
    assert hidden_comments in small
    # B (12 respondents) is hidden to protect C's comments: the same sentence, so a reader
    # cannot tell which of the two units is the small one
    protected = ka.methods_note(small_survey, period="2023-11", unit="B", lang="en")
    assert hidden_comments in protected


def test_methods_note_feedback_survey_without_nps_or_invitations(small_survey):
    likert_only = small_survey.codebook[small_survey.codebook["type"] == "likert"]
    responses = small_survey.responses.drop(columns=["enps", "comment"])
    s = ka.Survey(responses, likert_only)
    note = ka.methods_note(s, period="2023-11", lang="en")
    assert "NPS" not in note and "comments" not in note
    assert "subtraction): B and C." in note
