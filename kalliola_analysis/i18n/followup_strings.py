"""Strings of the follow-up report and the strategy indicators (``"followup.*"``,
``"indicators.*"``).
"""

__all__ = ["FOLLOWUP_STRINGS"]

#: ``{key: {"fi": ..., "en": ...}}``; merged into :data:`kalliola_analysis.i18n.strings.STRINGS`.
FOLLOWUP_STRINGS: dict[str, dict[str, str]] = {
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
    # follow-up: the status of a measure (kalliola_analysis.followup.labels.status_label)
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
}
