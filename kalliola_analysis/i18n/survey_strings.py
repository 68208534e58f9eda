"""Strings of the survey reports: figure titles, the agreement scale, footnotes, the methods
note, key findings and the analytics tables (``"findings.*"``, ``"themes.*"``,
``"unit_difference.*"``, ``"drivers.*"``, ``"reliability.*"``).
"""

__all__ = ["SURVEY_STRINGS"]

#: ``{key: {"fi": ..., "en": ...}}``; merged into :data:`kalliola_analysis.i18n.strings.STRINGS`.
SURVEY_STRINGS: dict[str, dict[str, str]] = {
    # titles
    "title_likert": {"fi": "Vastausten jakauma", "en": "Distribution of answers"},
    "title_trend": {"fi": "Väittämien keskiarvot kyselyittäin", "en": "Statement means by round"},
    "title_nps": {
        "fi": "Kuinka todennäköisesti suosittelisit meitä työnantajana (0–10)",
        "en": "How likely would you recommend us as an employer (0–10)",
    },
    "title_rates": {"fi": "Vastausprosentti yksiköittäin", "en": "Response rate by unit"},
    "title_heatmap": {"fi": "Keskiarvot yksiköittäin", "en": "Means by unit"},
    "axis_mean": {"fi": "Keskiarvo (1–5)", "en": "Mean (1–5)"},
    "axis_rate": {"fi": "Vastausprosentti", "en": "Response rate"},
    "axis_share": {"fi": "Osuus vastauksista", "en": "Share of answers"},
    "axis_nps_answer": {"fi": "Vastaus (0–10)", "en": "Answer (0–10)"},
    # 1-5 agreement scale, low to high
    "likert_1": {"fi": "Täysin eri mieltä", "en": "Strongly disagree"},
    "likert_2": {"fi": "Jokseenkin eri mieltä", "en": "Disagree"},
    "likert_3": {"fi": "Ei samaa eikä eri mieltä", "en": "Neither agree nor disagree"},
    "likert_4": {"fi": "Jokseenkin samaa mieltä", "en": "Agree"},
    "likert_5": {"fi": "Täysin samaa mieltä", "en": "Strongly agree"},
    # footnotes and the methods note
    "footnote_significant": {
        "fi": "* Muutos edelliseen kyselyyn ({compare_to}) on tilastollisesti merkitsevä "
        "(Mann–Whitneyn U-testi, Holmin korjaus, p < 0,05).",
        "en": "* The change from the previous round ({compare_to}) is statistically significant "
        "(Mann–Whitney U test, Holm-adjusted, p < 0.05).",
    },
    "footnote_missing": {
        "fi": "– = väittämää ei kysytty; piilotettu = alle {min_n} vastausta tai piilotettu "
        "pienemmän ryhmän suojaamiseksi.",
        "en": "– = statement not asked; hidden = fewer than {min_n} answers, or hidden to "
        "protect a smaller group.",
    },
    "methods_threshold": {
        "fi": "Tuloksia ei näytetä ryhmästä, jossa on alle {min_n} vastausta.",
        "en": "No result is shown for a group with fewer than {min_n} answers.",
    },
    "methods_none_hidden": {
        "fi": "Tässä raportissa mitään ryhmää ei tarvinnut piilottaa.",
        "en": "No group had to be hidden in this report.",
    },
    "methods_hidden_any": {
        "fi": "Piilotettu anonymiteetin suojaamiseksi (alle {min_n} vastausta, tai pienemmän "
        "ryhmän suojaamiseksi, jottei sen tulosta voi päätellä erotuksena): {items}.",
        "en": "Hidden to protect anonymity (fewer than {min_n} answers, or to protect a smaller "
        "group whose result could otherwise be derived by subtraction): {items}.",
    },
    "comments_hidden_any": {
        "fi": "Avoimia vastauksia ei näytetä: ryhmässä on alle {n} vastaajaa, tai ne "
        "piilotetaan, jottei pienemmän ryhmän vastauksia voi päätellä vertaamalla listoja.",
        "en": "Open comments are not shown: the group has fewer than {n} respondents, or they "
        "are hidden so that a smaller group's comments cannot be derived by comparing lists.",
    },
    "methods_cells": {"fi": "{n} väittämää", "en": "{n} statements"},
    "methods_cell": {"fi": "1 väittämä", "en": "1 statement"},
    "methods_all_cells": {"fi": "kaikki väittämät", "en": "all statements"},
    "methods_dont_know": {
        "fi": "Vastaus ”En osaa sanoa” ei sisälly keskiarvoihin eikä jakaumiin.",
        "en": "“Don't know” answers are left out of the means and distributions.",
    },
    "methods_test": {
        "fi": "Muutos edelliseen kyselyyn ({compare_to}) testattiin Mann–Whitneyn U-testillä; "
        "p-arvot on korjattu useiden väittämien vuoksi Holmin menetelmällä, ja merkitsevä "
        "muutos (korjattu p < 0,05) on merkitty tähdellä.",
        "en": "Changes from the previous round ({compare_to}) were tested with the "
        "Mann–Whitney U test; p-values are Holm-adjusted for the number of statements, and a "
        "significant change (adjusted p < 0.05) is marked with an asterisk.",
    },
    "methods_enps": {
        "fi": "Suositteluindeksi (eNPS) on suosittelijoiden (9–10) ja arvostelijoiden (0–6) "
        "osuuksien erotus prosenttiyksikköinä; sen 95 %:n luottamusväli on Tangon "
        "score-väli äärellisen perusjoukon korjauksella (kutsuttujen määrä).",
        "en": "The employer NPS is the share of promoters (9–10) minus the share of "
        "detractors (0–6), in percentage points; its 95% confidence interval is Tango's score "
        "interval with the finite population correction (the number invited).",
    },
    "methods_comments": {
        "fi": "Avoimet vastaukset näytetään vain ryhmästä, jossa on vähintään {n} vastaajaa, "
        "satunnaisessa järjestyksessä.",
        "en": "Open comments are shown only for a group of at least {n} respondents, in a "
        "random order.",
    },
    "comments_none": {"fi": "Ei avoimia vastauksia.", "en": "No open comments."},
    # key findings of the pulse report (kalliola_analysis.survey.findings.key_findings)
    "findings.title": {"fi": "Tärkeimmät havainnot", "en": "Key findings"},
    "findings.strongest": {
        "fi": "Vahvin väittämä oli ”{statement}” (keskiarvo {mean}; myönteisiä vastauksia "
        "{favourable}).",
        "en": "The strongest statement was “{statement}” (mean {mean}; {favourable} favourable).",
    },
    "findings.weakest": {
        "fi": "Heikoin väittämä oli ”{statement}” (keskiarvo {mean}; myönteisiä vastauksia "
        "{favourable}).",
        "en": "The weakest statement was “{statement}” (mean {mean}; {favourable} favourable).",
    },
    "findings.change_up": {
        "fi": "Väittämän ”{statement}” keskiarvo nousi tilastollisesti merkitsevästi: "
        "{before} ({compare_to}) → {after} ({period}).",
        "en": "“{statement}” rose significantly: {before} ({compare_to}) → {after} ({period}).",
    },
    "findings.change_down": {
        "fi": "Väittämän ”{statement}” keskiarvo laski tilastollisesti merkitsevästi: "
        "{before} ({compare_to}) → {after} ({period}).",
        "en": "“{statement}” fell significantly: {before} ({compare_to}) → {after} ({period}).",
    },
    "findings.no_change": {
        "fi": "Yhdenkään väittämän keskiarvo ei muuttunut tilastollisesti merkitsevästi "
        "kyselystä {compare_to} (Mann–Whitneyn U-testi, Holmin korjaus, p < 0,05).",
        "en": "No statement mean changed significantly since {compare_to} (Mann–Whitney U "
        "test, Holm-adjusted, p < 0.05).",
    },
    "findings.response_rate": {
        "fi": "Vastausprosentti oli {rate} ({responded}/{invited}); edellisellä kierroksella "
        "{previous_period} se oli {previous}.",
        "en": "The response rate was {rate} ({responded} of {invited}); in the previous round "
        "({previous_period}) it was {previous}.",
    },
    "findings.response_rate_only": {
        "fi": "Vastausprosentti oli {rate} ({responded}/{invited}).",
        "en": "The response rate was {rate} ({responded} of {invited}).",
    },
    "findings.hidden": {
        "fi": "Tuloksia ei näytetä, koska vastauksia oli alle {min_n} tai tulos on piilotettu "
        "pienemmän ryhmän suojaamiseksi.",
        "en": "No results are shown: there were fewer than {min_n} answers, or they are hidden "
        "to protect a smaller group.",
    },
    # analytics: themes, unit against organisation, drivers, reliability
    "themes.theme": {"fi": "Teema", "en": "Theme"},
    "themes.mean_ci": {"fi": "Keskiarvo (95 %:n lv.)", "en": "Mean (95% CI)"},
    "themes.favourable": {"fi": "Myönteisiä", "en": "Favourable"},
    "unit_difference.title": {
        "fi": "{unit}: ero muuhun organisaatioon",
        "en": "{unit}: difference from the rest of the organisation",
    },
    "unit_difference.diff": {"fi": "Ero keskiarvossa", "en": "Difference in mean"},
    "unit_difference.unit_mean": {"fi": "Yksikkö", "en": "Unit"},
    "unit_difference.rest_mean": {"fi": "Muu organisaatio", "en": "Rest of organisation"},
    "unit_difference.significant": {
        "fi": "musta reunus: p (Holm) < 0,05",
        "en": "black ring: p (Holm) < 0.05",
    },
    "drivers.focus_area": {"fi": "Kehityskohde", "en": "Focus area"},
    "drivers.strength": {"fi": "Vahvuus", "en": "Strength"},
    "drivers.impact": {"fi": "Yhteys suositteluun (rho)", "en": "Impact (rho)"},
    "drivers.list": {"fi": "Lista", "en": "List"},
    "reliability.alpha": {"fi": "Cronbachin alfa (95 %:n lv.)", "en": "Cronbach's alpha (95% CI)"},
    "reliability.items": {"fi": "Väittämiä", "en": "Statements"},
    # disclosure in tables, comments and unit reports (survey report tables, comments.py)
    "change_vs": {"fi": "Muutos {period}", "en": "Change vs {period}"},
    "whole_organisation": {"fi": "Koko organisaatio", "en": "Whole organisation"},
    "methods_unit_hidden": {
        "fi": "Yksikön {unit} luvuista on piilotettu: {items}.",
        "en": "Hidden for {unit}: {items}.",
    },
    "methods_unit_none_hidden": {
        "fi": "Yksikön {unit} luvuista mitään ei tarvinnut piilottaa.",
        "en": "Nothing had to be hidden for {unit}.",
    },
    "footnote_change_base": {
        "fi": "Muutos = {current} miinus {compare_to}; se näytetään vain, kun molemmat "
        "keskiarvot näytetään.",
        "en": "Change = {current} minus {compare_to}; shown only when both means are shown.",
    },
}
