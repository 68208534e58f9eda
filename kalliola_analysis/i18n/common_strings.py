"""Strings shared by every report: table labels, report headings, provenance.

Looked up with :func:`kalliola_analysis.i18n.t`; plain keys (``"responses"``) and the
``"report.*"`` and ``"provenance.*"`` namespaces.
"""

__all__ = ["COMMON_STRINGS"]

#: ``{key: {"fi": ..., "en": ...}}``; merged into :data:`kalliola_analysis.i18n.strings.STRINGS`.
COMMON_STRINGS: dict[str, dict[str, str]] = {
    # table and figure labels
    "statement": {"fi": "Väittämä", "en": "Statement"},
    "change": {"fi": "Muutos", "en": "Change"},
    "figure": {"fi": "Tunnusluku", "en": "Figure"},
    "value": {"fi": "Arvo", "en": "Value"},
    "unit": {"fi": "Yksikkö", "en": "Unit"},
    "period": {"fi": "Kysely", "en": "Survey round"},
    "mean": {"fi": "Keskiarvo", "en": "Mean"},
    "share": {"fi": "Osuus vastauksista", "en": "Share of answers"},
    "answer": {"fi": "Vastaus", "en": "Answer"},
    "count": {"fi": "Vastauksia (kpl)", "en": "Answers (n)"},
    "responses": {"fi": "Vastauksia", "en": "Responses"},
    "invited": {"fi": "Kutsuttuja", "en": "Invited"},
    "response_rate": {"fi": "Vastausprosentti", "en": "Response rate"},
    "enps": {"fi": "Suositteluindeksi (eNPS)", "en": "Employer NPS"},
    "ci": {"fi": "95 %:n luottamusväli", "en": "95% confidence interval"},
    "ci_short": {"fi": "lv.", "en": "CI"},
    "percentage_points": {"fi": "%-yks.", "en": "pp"},
    "hidden": {"fi": "piilotettu", "en": "hidden"},
    "hidden_short": {"fi": "piil.", "en": "hidden"},
    "not_asked": {"fi": "ei kysytty", "en": "not asked"},
    "promoters": {"fi": "Suosittelijat", "en": "Promoters"},
    "passives": {"fi": "Passiiviset", "en": "Passives"},
    "detractors": {"fi": "Arvostelijat", "en": "Detractors"},
    "comments": {"fi": "Avoimet vastaukset", "en": "Open comments"},
    # shared words
    "methods": {"fi": "Menetelmät", "en": "Methods"},
    "total": {"fi": "Yhteensä", "en": "Total"},
    "and": {"fi": "ja", "en": "and"},
    "percent": {"fi": "{x} %", "en": "{x}%"},
    # report notebooks (headings)
    "report.pulse_title": {"fi": "Pulssikysely {period}", "en": "Pulse survey {period}"},
    "report.pulse_unit_title": {
        "fi": "Pulssikysely {period}: {unit}",
        "en": "Pulse survey {period}: {unit}",
    },
    "report.feedback_title": {"fi": "Palautekysely: {title}", "en": "Feedback survey: {title}"},
    "report.headlines": {"fi": "Keskeiset luvut", "en": "Key figures"},
    "report.statements": {"fi": "Väittämät", "en": "Statements"},
    "report.trend": {"fi": "Kehitys kyselyittäin", "en": "Trend by survey round"},
    "report.nps": {"fi": "Suositteluhalukkuus (eNPS)", "en": "Employer Net Promoter Score"},
    "report.heatmap": {"fi": "Väittämät yksiköittäin", "en": "Statements by unit"},
    "report.themes": {"fi": "Teemat", "en": "Themes"},
    "report.unit_vs_organisation": {
        "fi": "Yksikkö verrattuna muuhun organisaatioon",
        "en": "The unit against the rest of the organisation",
    },
    "report.focus_areas": {"fi": "Kehityskohteet ja vahvuudet", "en": "Focus areas and strengths"},
    "report.focus_areas_note": {
        "fi": "Väittämät, joiden yhteys suositteluhalukkuuteen (eNPS) on vahvin (Spearmanin "
        "korrelaatio, vähintään 25 vastaajaa): kehityskohteen keskiarvo on väittämien mediaania "
        "matalampi, vahvuuden vähintään mediaanin tasoa.",
        "en": "The statements most strongly associated with the likelihood to recommend (eNPS; "
        "Spearman correlation, at least 25 respondents): a focus area scores below the "
        "statements' median, a strength at or above it.",
    },
    "report.focus_areas_too_few": {
        "fi": "Kehityskohteet ja vahvuudet näytetään vain, kun vastaajia on vähintään 25.",
        "en": "Focus areas and strengths are shown only for at least 25 respondents.",
    },
    "report.ratings": {"fi": "Arviot", "en": "Ratings"},
    "report.about": {"fi": "Tietoja raportista", "en": "About this report"},
    "report.figure_alt": {"fi": "Kuvio", "en": "Figure"},
    # the provenance table at the end of every report
    "provenance.version": {"fi": "kalliola_analysis-versio", "en": "kalliola_analysis version"},
    "provenance.python": {"fi": "Python", "en": "Python"},
    "provenance.generated_at": {"fi": "Tuotettu (UTC)", "en": "Produced (UTC)"},
    "provenance.data_path": {"fi": "Aineisto", "en": "Data"},
    "provenance.data_sha256": {
        "fi": "Aineiston tarkistussumma (SHA-256)",
        "en": "Data checksum (SHA-256)",
    },
    "provenance.data_files": {"fi": "Syötetiedostoja", "en": "Input files"},
    "provenance.parameters": {"fi": "Parametrit", "en": "Parameters"},
    # reports-hr: the lowered-threshold banner, provenance parameters, print/table notes
    "report.min_n_notice": {
        "fi": (
            "Huom.: tämä raportti on tuotettu alennetulla anonymiteettirajalla: tuloksia "
            "näytetään jo {min_n} vastaajan ryhmistä (oletus 5). Pienten ryhmien vastaajat "
            "voivat olla tunnistettavissa; älä jaa raporttia laajasti."
        ),
        "en": (
            "Note: this report was produced with a lowered anonymity threshold: results are "
            "shown for groups of {min_n} respondents or more (default 5). Respondents in small "
            "groups may be identifiable; do not share this report widely."
        ),
    },
    "report.min_n_warning": {
        "fi": "anonymiteettiraja min_n={min_n} on alle oletuksen 5",
        "en": "anonymity threshold min_n={min_n} is below the default of 5",
    },
    "provenance.dataset": {"fi": "Aineisto", "en": "Data set"},
    "provenance.param.period": {"fi": "Ajankohta", "en": "Period"},
    "provenance.param.compare_to": {"fi": "Vertailuajankohta", "en": "Compared with"},
    "provenance.param.unit": {"fi": "Yksikkö", "en": "Unit"},
    "provenance.param.min_n": {
        "fi": "Anonymiteettiraja (vastaajia vähintään)",
        "en": "Anonymity threshold (respondents at least)",
    },
    "provenance.param.n_resamples": {"fi": "Bootstrap-otoksia", "en": "Bootstrap resamples"},
    "provenance.param.seed": {"fi": "Satunnaislukujen siemen", "en": "Random seed"},
    "provenance.param.indicators_path": {"fi": "Mittariaineisto", "en": "Indicator data"},
    "provenance.yes": {"fi": "kyllä", "en": "yes"},
    "provenance.no": {"fi": "ei", "en": "no"},
}
