"""User-interface strings of the reports, tables and figures, in Finnish and English.

Reports are Finnish first; every string a table, figure, heading or methods
note shows comes from :data:`STRINGS` through :func:`t`, so a report in another
language needs only a new column here. Strings shared by several reports have
plain keys (``"responses"``, ``"hidden"``, ``"methods"``); the strings of one
report or module are namespaced: ``"report.*"`` (the report notebooks),
``"provenance.*"``, ``"materiality.*"``, ``"followup.*"`` (with the measure
statuses ``"followup.status.<code>"`` and movements
``"followup.movement.<code>"``) and ``"indicators.*"`` (the indicator statuses
``"indicators.status.<code>"``).

Examples
--------
>>> t("responses", "fi"), t("responses", "en")
('Vastauksia', 'Responses')
>>> t("materiality.p_top", "en", k=5)
'Probability of top 5'
>>> t("hidden", "sv")
Traceback (most recent call last):
...
kalliola_analysis.errors.ParameterError: lang must be one of ['fi', 'en'], got 'sv'
"""

from __future__ import annotations

from typing import Any

from .._validation import check_option
from ..errors import ParameterError

__all__ = ["LANGS", "STRINGS", "t", "check_lang"]

#: Report languages, the first is the default.
LANGS = ("fi", "en")

#: ``{key: {"fi": ..., "en": ...}}``. Strings may hold ``str.format`` fields.
STRINGS: dict[str, dict[str, str]] = {
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
    # materiality report: headings and table columns
    "materiality.title": {"fi": "Olennaisuusanalyysi", "en": "Materiality analysis"},
    "materiality.participation": {"fi": "Osallistuminen", "en": "Participation"},
    "materiality.priorities": {"fi": "Tärkeimmät aiheet", "en": "Priorities"},
    "materiality.by_group": {"fi": "Sidosryhmittäin", "en": "By stakeholder group"},
    "materiality.agreement": {
        "fi": "Sidosryhmien yksimielisyys",
        "en": "Agreement between the groups",
    },
    "materiality.weightings": {"fi": "Ryhmien painotus", "en": "Weighting of the groups"},
    "materiality.matrix": {"fi": "Olennaisuusmatriisi", "en": "Materiality matrix"},
    "materiality.group": {"fi": "Sidosryhmä", "en": "Stakeholder group"},
    "materiality.round": {"fi": "Kierros", "en": "Round"},
    "materiality.visits": {"fi": "Osallistumiskäyntikertoja", "en": "Visits"},
    "materiality.prioritisations": {"fi": "Tehtyjä priorisointeja", "en": "Prioritisations"},
    "materiality.per_visit": {"fi": "Priorisointeja / käynti", "en": "Per visit"},
    "materiality.topic": {"fi": "Aihe", "en": "Topic"},
    "materiality.rank": {"fi": "Sija", "en": "Rank"},
    "materiality.rank_ci": {"fi": "Sijan 95 %:n väli", "en": "95% interval of rank"},
    "materiality.share": {"fi": "Osuus painotuksista", "en": "Share of priority"},
    "materiality.share_ci": {"fi": "Osuuden 95 %:n väli", "en": "95% interval of share"},
    "materiality.p_top": {
        "fi": "Todennäköisyys olla {k} kärjessä",
        "en": "Probability of top {k}",
    },
    "materiality.impact": {
        "fi": "Vaikutus (organisaation arvio)",
        "en": "Impact (organisation's score)",
    },
    "materiality.axis_priority": {
        "fi": "Sidosryhmien painotus (osuus, ryhmät samanarvoisina)",
        "en": "Stakeholder priority (share, groups weighted equally)",
    },
    "materiality.top_cut": {"fi": "{k} tärkeintä", "en": "Top {k}"},
    "materiality.equal": {"fi": "Ryhmät samanarvoisina", "en": "Groups weighted equally"},
    "materiality.pooled": {"fi": "Osallistujien mukaan", "en": "Weighted by participants"},
    "materiality.test": {"fi": "Testi", "en": "Test"},
    "materiality.kendall_w_chi2": {
        "fi": "Kendallin W, khiin neliö -testi",
        "en": "Kendall's W, chi-square test",
    },
    "materiality.kendall_w_f": {"fi": "Kendallin W, F-testi", "en": "Kendall's W, F test"},
    "materiality.spearman": {"fi": "Spearmanin korrelaatio", "en": "Spearman correlation"},
    "materiality.pair": {"fi": "Ryhmät", "en": "Groups"},
    "materiality.all_groups": {"fi": "kaikki {m}", "en": "all {m}"},
    "materiality.effect_size": {"fi": "W tai rho", "en": "W or rho"},
    "materiality.interval": {"fi": "95 %:n väli", "en": "95% interval"},
    "materiality.statistic": {"fi": "Testisuure", "en": "Statistic"},
    "materiality.df": {"fi": "Vapausasteet", "en": "df"},
    "materiality.df_separator": {"fi": "; ", "en": ", "},
    # materiality report: the results in words (Schmidt's 1997 guideline for Kendall's W)
    "materiality.strength_very_strong": {"fi": "erittäin vahva", "en": "very strong"},
    "materiality.strength_strong": {"fi": "vahva", "en": "strong"},
    "materiality.strength_moderate": {"fi": "kohtalainen", "en": "moderate"},
    "materiality.strength_weak": {"fi": "heikko", "en": "weak"},
    "materiality.strength_very_weak": {"fi": "hyvin heikko", "en": "very weak"},
    "materiality.agreement_unmeasurable": {
        "fi": "Yhtäpitävyyttä ei voi mitata: alle kahdessa sidosryhmässä on tarpeeksi vastaajia.",
        "en": "Agreement cannot be measured: fewer than two groups have enough visits.",
    },
    "materiality.agreement_summary": {
        "fi": "Kendallin W = {w}{interval} {m} sidosryhmän ja {n} aiheen järjestyksistä "
        "(0 = ei yhtäpitävyyttä, 1 = samat järjestykset): {strength} yhtäpitävyys. "
        "Khiin neliö -testi {chi}; F-testi {f}.",
        "en": "Kendall's W = {w}{interval} across {m} groups and {n} topics "
        "(0 = no agreement, 1 = identical rankings): {strength} agreement. "
        "Chi-square test {chi}; F test {f}.",
    },
    "materiality.agreement_rho": {
        "fi": " Ryhmien järjestysten väliset Spearmanin korrelaatiot ovat {low}–{high}.",
        "en": " The pairwise Spearman correlations between the group rankings range from "
        "{low} to {high}.",
    },
    "materiality.agreement_few_groups": {
        "fi": " Vain {m} ryhmän aineistossa testin voima on pieni ja khiin neliö "
        "-approksimaatio karkea: testi kysyy vain, onko järjestyksissä mitään "
        "sattumaa suurempaa yhtäpitävyyttä. Ryhmien yksimielisyyttä kannattaa arvioida "
        "W:n ja korrelaatioiden, ei p-arvon perusteella.",
        "en": " With only {m} groups the test has little power and its chi-square "
        "approximation is rough: it only asks whether there is any agreement beyond "
        "chance. Judge how unanimous the groups were from W and the correlations, not "
        "from the p-value.",
    },
    "materiality.weightings_same": {
        "fi": "{k} tärkeintä aihetta ovat samat ja samassa järjestyksessä, painotettiinpa "
        "ryhmiä samanarvoisina tai osallistujamäärien mukaan.",
        "en": "The top {k} is the same, in the same order, whether the groups are "
        "weighted equally or by their number of participants.",
    },
    "materiality.weightings_reordered": {
        "fi": "{k} tärkeintä aihetta ovat samat molemmilla painotuksilla, mutta niiden "
        "järjestys vaihtelee.",
        "en": "The top {k} topics are the same under both weightings, but their order differs.",
    },
    "materiality.weightings_differ": {
        "fi": "Painotus muuttaa {k} kärjen: ryhmät samanarvoisina kärjessä on {equal}; "
        "osallistujamäärien mukaan {pooled}.",
        "en": "The weighting changes the top {k}: with groups weighted equally it holds "
        "{equal}; weighted by participants, {pooled}.",
    },
    "materiality.methods_visits": {
        "fi": "Jokainen osallistumiskäynti lasketaan kerran: käynnillä valitut aiheet jakavat "
        "sen painon tasan (10 aihetta valinnut käynti antaa kullekin kymmenesosan). "
        "Sidosryhmän osuus aiheesta on keskiarvo sen käynneistä; {weighting}",
        "en": "Each visit counts once: the topics a visit picked share its weight equally (a "
        "visit that picked 10 topics gives each a tenth). A group's share of a topic is the "
        "mean over its visits; {weighting}",
    },
    "materiality.methods_equal": {
        "fi": "ryhmät painotetaan samanarvoisina, jotta suuri ryhmä ei jyrää pientä.",
        "en": "the groups are weighted equally, so a large group does not outvote a small one.",
    },
    "materiality.methods_pooled": {
        "fi": "ryhmät painotetaan osallistujamäärien mukaan.",
        "en": "the groups are weighted by their number of participants.",
    },
    "materiality.methods_bootstrap": {
        "fi": "Epävarmuus on arvioitu bootstrap-menetelmällä ({n_resamples} uusintaotosta, "
        "käynnit arvottu uudelleen kunkin ryhmän sisällä, kiinteä siemenluku): sijan "
        "95 %:n väli ja todennäköisyys kuulua {k} tärkeimmän joukkoon.",
        "en": "Uncertainty comes from a bootstrap ({n_resamples} resamples, visits resampled "
        "within each group, fixed seed): the 95% interval of each rank and the probability "
        "of being in the top {k}.",
    },
    "materiality.methods_agreement": {
        "fi": "Ryhmien yksimielisyyttä mitataan Kendallin W:llä (sidoskorjattu) ja ryhmien "
        "järjestysten Spearmanin korrelaatioilla.",
        "en": "Agreement between the groups is measured with Kendall's W (tie-corrected) and "
        "the Spearman correlations between the group rankings.",
    },
    "materiality.methods_threshold": {
        "fi": "Sidosryhmää, jolla on alle {min_n} käyntiä, ei näytetä erikseen.",
        "en": "A stakeholder group with fewer than {min_n} visits is not shown on its own.",
    },
    # follow-up report: headings and notes
    "followup.title": {
        "fi": "Toimenpiteiden seuranta {period}",
        "en": "Follow-up of measures {period}",
    },
    "followup.status_by_theme": {
        "fi": "Liikennevalot teemoittain",
        "en": "Traffic lights by theme",
    },
    "followup.status_by_theme_alt": {
        "fi": "Pinottu pylväs teemoittain: toimenpiteiden osuudet tiloittain {period}.",
        "en": "Stacked bar per theme: shares of measures by status, {period}.",
    },
    "followup.measures": {"fi": "Toimenpiteet", "en": "Measures"},
    "followup.changes": {
        "fi": "Muutokset edellisestä seurannasta ({period})",
        "en": "Changes since the previous round ({period})",
    },
    "followup.transitions": {
        "fi": "Tila edellisessä ja tässä seurannassa",
        "en": "Status in the previous and this round",
    },
    "followup.open": {
        "fi": "Aloittamatta tai ei toteudu, perusteluineen",
        "en": "Not started or will not be realised, with the reasons",
    },
    "followup.indicators": {"fi": "Strategian mittarit", "en": "Strategy indicators"},
    "followup.trends": {"fi": "Mittarien kehitys", "en": "Indicator trends"},
    "followup.no_previous": {
        "fi": "Tämä on ensimmäinen seuranta; muutoksia ei voi näyttää.",
        "en": "This is the first round; there are no changes to show.",
    },
    "followup.no_changes": {
        "fi": "Yhdenkään toimenpiteen tila ei muuttunut.",
        "en": "No measure changed its status.",
    },
    "followup.no_open": {
        "fi": "Kaikki toimenpiteet on aloitettu.",
        "en": "Every measure has been started.",
    },
    "followup.no_indicators": {
        "fi": "Mittaritietoja ei löytynyt.",
        "en": "No indicator data was found.",
    },
    "followup.invented_targets": {
        "fi": "* Tavoite on keksitty esimerkki, ei sovittu tavoite.",
        "en": "* The target is an invented example, not an agreed target.",
    },
    "followup.indicator_note": {
        "fi": "Tila: viimeisin arvo seurantaan {period} mennessä verrattuna saman kauden "
        "tavoitteeseen. Muutos: edelliseen kauteen, jolta on arvo. Kehitys: arvot kausittain "
        "(▁ pienin … █ suurin).",
        "en": "Status: the latest value up to the round {period} against the target of the "
        "same period. Change: since the previous period with a value. Trend: the values by "
        "period (▁ lowest … █ highest).",
    },
    "followup.sparkline_alt": {
        "fi": "Mittarien arvot kausittain viivoina, tavoitteet avoimina neliöinä.",
        "en": "Indicator values by period as lines, targets as open squares.",
    },
    # follow-up report: table columns
    "followup.col_theme": {"fi": "Teema", "en": "Theme"},
    "followup.col_goal": {"fi": "Tavoite", "en": "Goal"},
    "followup.col_id": {"fi": "Nro", "en": "No."},
    "followup.col_measure": {"fi": "Toimenpide", "en": "Measure"},
    "followup.col_indicator": {"fi": "Seuranta", "en": "Monitoring"},
    "followup.col_responsible": {"fi": "Vastuutaho", "en": "Responsible"},
    "followup.col_status": {"fi": "Tila", "en": "Status"},
    "followup.col_done": {"fi": "Mitä on tehty", "en": "What has been done"},
    "followup.col_reason": {"fi": "Perustelu / tilanne", "en": "Reason / situation"},
    "followup.col_status_in": {"fi": "Tila {period}", "en": "Status {period}"},
    "followup.col_movement": {"fi": "Muutos", "en": "Movement"},
    "followup.col_absent": {"fi": "Ei mukana", "en": "Not in round"},
    "followup.col_from_to": {"fi": "Edellinen \\ nykyinen", "en": "Previous \\ current"},
    "followup.col_strategic_goal": {"fi": "Strateginen tavoite", "en": "Strategic goal"},
    "followup.col_name": {"fi": "Mittari", "en": "Indicator"},
    "followup.col_period": {"fi": "Kausi", "en": "Period"},
    "followup.col_target": {"fi": "Tavoite", "en": "Target"},
    "followup.col_trend": {"fi": "Kehitys", "en": "Trend"},
    "followup.all_themes": {"fi": "Kaikki teemat", "en": "All themes"},
    # follow-up: the status of a measure (kalliola_analysis.followup.analysis.status_label)
    "followup.status.on_track": {"fi": "Etenee suunnitellusti", "en": "On track"},
    "followup.status.started": {"fi": "Aloitettu", "en": "Started"},
    "followup.status.not_realised": {"fi": "Ei toteudu", "en": "Will not be realised"},
    "followup.status.not_started": {"fi": "Ei aloitettu", "en": "Not started"},
    "followup.status.missing": {"fi": "Ei päivitystä", "en": "No update"},
    # follow-up: a measure's movement between two rounds (followup.movement_label)
    "followup.movement.improved": {"fi": "Edistynyt", "en": "Improved"},
    "followup.movement.worsened": {"fi": "Heikentynyt", "en": "Worsened"},
    "followup.movement.unchanged": {"fi": "Ennallaan", "en": "Unchanged"},
    "followup.movement.no_update": {"fi": "Ei päivitystä", "en": "No update"},
    "followup.movement.new": {"fi": "Uusi", "en": "New"},
    "followup.movement.dropped": {"fi": "Poistunut", "en": "Dropped"},
    # strategy indicators: status against the target (indicators.indicator_status_label)
    "indicators.status.on_track": {"fi": "Tavoitteessa", "en": "On track"},
    "indicators.status.behind": {"fi": "Jäljessä", "en": "Behind"},
    "indicators.status.no_data": {"fi": "Ei tietoa", "en": "No data"},
    "indicators.status.no_target": {"fi": "Ei tavoitetta", "en": "No target"},
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
    # disclosure in tables, comments and unit reports (tables.py, comments.py)
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


def check_lang(lang: Any) -> str:
    """Return ``lang`` if it is a report language, else raise :class:`ParameterError`.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    return check_option("lang", lang, LANGS)


def t(key: str, lang: str = "fi", /, **fields: Any) -> str:
    """Return the UI string ``key`` in ``lang``, with ``fields`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`, namespaced for one report's strings
        (``"materiality.p_top"``).
    lang : {"fi", "en"}, default "fi"
        Report language.
    **fields
        Values for the ``{name}`` fields of the string.

    Returns
    -------
    str
        The string in ``lang``.

    Raises
    ------
    kalliola_analysis.errors.ParameterError
        An unknown language or key.

    Examples
    --------
    >>> t("enps", "en")
    'Employer NPS'
    >>> t("methods_threshold", "fi", min_n=5)
    'Tuloksia ei näytetä ryhmästä, jossa on alle 5 vastausta.'
    >>> t("followup.changes", "en", period="5/2023")
    'Changes since the previous round (5/2023)'
    """
    check_lang(lang)
    if key not in STRINGS:
        raise ParameterError(f"unknown UI string key {key!r}")
    text = STRINGS[key][lang]
    return text.format(**fields) if fields else text
