"""Strings of the materiality report (``"materiality.*"``)."""

__all__ = ["MATERIALITY_STRINGS"]

#: ``{key: {"fi": ..., "en": ...}}``; merged into :data:`kalliola_analysis.i18n.strings.STRINGS`.
MATERIALITY_STRINGS: dict[str, dict[str, str]] = {
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
}
