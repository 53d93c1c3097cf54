"""Merged records, updates and contradictions, on short texts and the reference article."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.crossdoc.ledger import Told, _one_per_line
from sitrep.crossdoc.link import link_articles
from sitrep.crossdoc.merge import Report
from sitrep.ingest.sources import Ingested, read_paths
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Cluster, Contradiction, Event


def run(texts: list[tuple[str, str, str]]) -> list[Article]:
    """(id, publication day, text) -> processed articles."""
    items = [Article(id=i, published=day, text=text, source=f"{i} News") for i, day, text in texts]
    return list(Pipeline().pipe(items))


REPORTS = [
    ("a", "2024-05-14", "Shelling killed two people at a market in Kherson on Tuesday, the "
                        "regional governor said."),
    ("b", "2024-05-15", "The death toll from Tuesday's shelling of a market in Kherson rose "
                        "to four, officials said."),
    ("c", "2024-05-15", "Russian forces shelled a market in Kherson on Tuesday, killing four "
                        "people, Ukraine said. Moscow denied that its forces shelled the market."),
    ("d", "2024-05-17", "Shelling hit a bus stop in Kherson on Friday, wounding three people."),
]


def test_ledger_merges_reports_keeps_updates_and_other_days_apart() -> None:
    clusters, _ = link_articles(run(REPORTS))
    by_size = sorted(clusters, key=lambda c: -c.sources)
    market = by_size[0]
    assert (market.sources, market.publishers) == (3, 3)
    assert market.merged is not None and market.merged.date == "2024-05-14"
    assert market.merged.fatalities is not None and market.merged.fatalities.max == 4
    assert [(u.field, u.value) for u in market.updates] == [("fatalities", "2"),
                                                            ("fatalities", "4"),
                                                            ("fatalities", "4")]
    assert [c.sources for c in by_size[1:]] == [1]


def test_ledger_reference_article_contradictions(mission_path: Path) -> None:
    (item,) = [i for i in read_paths([str(mission_path)]) if isinstance(i, Ingested)]
    (article,) = Pipeline().process([item.article])
    _, found = link_articles([article])
    sides = {x.field: [(s.by.split(" (")[0], s.value) for s in x.sides] for x in found}
    assert sides["perpetrator"] == [("Russia", "Ukraine: carried it out"),
                                    ("Ukraine", "denies it")]
    assert sides["outside support"] == [("Russia", "United States: encouraged or backed it"),
                                        ("United States", "denies it")]
    speakers = " ".join(s.by for x in found for s in x.sides)
    for name in ("Vladimir Putin", "Mykhailo Podolyak", "Anatoly Antonov"):
        assert name in speakers
    assert all(s.statement_ids for x in found for s in x.sides)


def test_ledger_sides_that_differ_on_what_was_hit() -> None:
    articles = run([
        ("k1", "2024-05-14", "A Russian drone hit a residential building in Kharkiv on Tuesday, "
                             "killing two people. \"There were only families and children in "
                             "that building,\" the Ukrainian governor said."),
        ("k2", "2024-05-15", "Russia's defence ministry said its drone strike in Kharkiv on "
                             "Tuesday hit a military deployment point of Ukrainian troops."),
    ])
    _, found = link_articles(articles)
    targets = [x for x in found if x.field == "target"]
    assert [[s.value for s in x.sides] for x in targets] == [["a military target", "civilians"]]
    assert targets[0].sides[0].by.startswith("Russia")


def one_event(texts: list[tuple[str, str, str]]) -> tuple[Cluster, list[Contradiction]]:
    """Two reports of one happening, linked: its cluster (two sources) and the ledger."""
    clusters, found = link_articles(run(texts))
    assert [c.sources for c in clusters] == [2]
    return clusters[0], found


def test_ledger_every_disputed_count_is_a_contradiction() -> None:
    _, found = one_event([
        ("r1", "2025-03-02", "Security forces arrested 14 opposition supporters in Dakar on "
                             "Saturday, Senegal's interior ministry said."),
        ("r2", "2025-03-02", "Security forces arrested 20 opposition supporters in Dakar on "
                             "Saturday, opposition organisers said."),
    ])
    detained = [x for x in found if x.field == "detained"]
    assert [[(s.by, s.value) for s in x.sides] for x in detained] == [
        [("Senegal", "14"), ("opposition organisers", "20")]]
    # each side cites the statement that gives its figure
    assert [len(s.statement_ids) for s in detained[0].sides] == [1, 1]


def test_ledger_one_side_revising_its_toll_is_an_update_not_a_contradiction() -> None:
    cluster, found = one_event([
        ("u1", "2025-03-04", "Shelling killed three people in Sumy on Tuesday, Ukraine's "
                             "emergency service said."),
        ("u2", "2025-03-04", "Five people were killed when shells hit Sumy on Tuesday, "
                             "Ukraine's emergency service said."),
    ])
    assert [x.field for x in found] == []
    assert [(u.field, u.value) for u in cluster.updates] == [("fatalities", "3"),
                                                             ("fatalities", "5")]


def test_ledger_a_named_doer_whose_government_denies() -> None:
    _, found = one_event([
        ("m1", "2025-03-10", "Russian shelling killed three people at a market in Kherson on "
                             "Monday, Ukrainian officials said."),
        ("m2", "2025-03-11", "Three people died when shells hit a market in Kherson on Monday. "
                             "Russia's defence ministry denied that its forces had fired at "
                             "the market."),
    ])
    doers = [[(s.by, s.value) for s in x.sides] for x in found if x.field == "perpetrator"]
    assert doers == [[("Ukraine (Ukrainian officials)", "Russia: carried it out"),
                      ("Russia (Russia's defence ministry)", "denies it")]]


def test_ledger_an_armed_group_named_two_ways_that_denies_firing_is_a_dispute_over_the_doer(
        ) -> None:
    _, found = one_event([
        ("h1", "2025-03-10", "Shells killed two children at a water point in Taiz on Sunday. "
                             "The governor's office accused the Houthi movement of firing "
                             "the shells from the hills north of the city."),
        ("h2", "2025-03-11", "Two children were killed when shells hit a water point in Taiz "
                             "on Sunday. Yemen's Houthi movement denied firing the shells."),
    ])
    doers = [[s.value for s in x.sides] for x in found if x.field == "perpetrator"]
    assert doers == [["Houthi movement: carried it out", "denies it"]], found
    assert not [x for x in found if x.field == "outside support"]


def test_ledger_a_state_charged_with_no_word_of_doing_is_charged_with_backing() -> None:
    _, found = one_event([
        ("i1", "2025-03-10", "Three drones struck a gas plant in Erbil on Monday, wounding two "
                             "workers. The regional government blamed Iran."),
        ("i2", "2025-03-11", "Iran's foreign ministry denied any role in Monday's drone "
                             "attack on a gas plant in Erbil that wounded two workers."),
    ])
    assert {x.field for x in found} == {"outside support"}, found


def test_ledger_an_article_s_own_figure_beside_a_source_s_is_no_line_of_its_own() -> None:
    # "a fourth policeman died, bringing the toll to four, police said ... the gunmen shot
    # dead three officers at the gate": the article's own 3 is a part of the police's 4
    def report(article: str) -> Report:
        return Report(article, f"{article} News", "2025-03-13", Event(id="e1", type="attack"))
    told = [Told(report("p1"), 3, "district police chief", "p1:s1"),
            Told(report("p2"), 4, "police", "p2:s1"), Told(report("p2"), 3, "p2 News"),
            Told(report("p3"), 5, "p3 News")]
    kept = [(t.report.article_id, t.value) for t in _one_per_line(told)]
    assert kept == [("p1", 3), ("p2", 4), ("p3", 5)]


def test_ledger_a_crowd_counted_higher_the_next_day_by_another_source_is_a_dispute() -> None:
    _, found = link_articles(run([
        ("c1", "2025-03-14", "About 2,000 people marched against fuel prices in Kandy on "
                             "Thursday, a police spokesman said."),
        ("c2", "2025-03-15", "More than 15,000 people joined Thursday's march against fuel "
                             "prices in Kandy, the organisers said."),
    ]))
    assert [x.field for x in found if x.field == "participants"] == ["participants"], found


def test_ledger_an_article_gives_one_figure_for_a_happening_it_tells_twice() -> None:
    from sitrep.crossdoc.ledger import updates
    from sitrep.crossdoc.merge import Report
    from sitrep.records import Event, Range

    def told(article: str, event: str, killed: int, day: str) -> Report:
        return Report(article, f"{article} News", day,
                      Event(id=event, type="attack", fatalities=Range(killed, killed)))
    reports = [told("a", "e1", 3, "2024-05-14"), told("a", "e2", 1, "2024-05-14"),
               told("b", "e1", 5, "2024-05-15")]
    # a's figure is 3 (its larger), revised to 5 by b: no 1 -> 3 "update" inside a
    assert [(u.field, u.value) for u in updates(reports)] == [("fatalities", "3"),
                                                              ("fatalities", "5")]


def test_ledger_reads_a_commander_killed_as_a_military_target() -> None:
    from sitrep.crossdoc.ledger import target_kind
    assert target_kind("the strike killed a rocket commander of the group") == "military"
    assert target_kind("the two men killed were civilians") == "civilian"
    assert target_kind("a fuel depot that supplied army units") == "military"


def test_ledger_a_charge_of_doing_against_a_party_named_by_its_acronym() -> None:
    _, found = one_event([
        ("z1", "2025-05-07", "A car bomb killed eight people at a market in Aleppo on Tuesday. "
                             "Officials accused the Kurdish-led Northern Liberation Front "
                             "(NLF) of carrying out the attack."),
        ("z2", "2025-05-08", "A car bomb killed eight people at a market in Aleppo on Tuesday. "
                             "The Kurdish-led NLF denied any role in the bombing."),
    ])
    sides = {x.field: [s.value for s in x.sides] for x in found}
    assert sides.get("perpetrator") == ["Kurdish-led Northern Liberation Front: carried it out",
                                        "denies it"], found
    assert "outside support" not in sides


def test_ledger_a_denial_of_backing_is_about_outside_support() -> None:
    _, found = one_event([
        ("p1", "2025-09-14", "Ugandan troops and rebels shelled the town of Goma on Saturday, "
                             "killing six people, the army said."),
        ("p2", "2025-09-15", "Rebels shelled the town of Goma on Saturday, killing six people. "
                             "Uganda's government denied backing the rebels."),
    ])
    fields = [x.field for x in found if any("Uganda" in s.by for s in x.sides)]
    assert fields and set(fields) == {"outside support"}, found


def test_ledger_a_state_denying_something_else_is_no_denied_arrest() -> None:
    _, found = one_event([
        ("t1", "2025-02-12", "Tunisian police arrested 12 opposition activists in Tunis on "
                             "Wednesday, lawyers said."),
        ("t2", "2025-02-13", "Tunisian police arrested 19 opposition activists in Tunis on "
                             "Wednesday. The Tunisian interior ministry denied that a protest "
                             "march had been authorised."),
    ])
    assert [x.field for x in found if x.field == "perpetrator"] == []


def test_ledger_party_key() -> None:
    from sitrep.crossdoc.ledger import party_key
    assert party_key("the Free Syrian Army") == party_key("FSA") == "FSA"
    assert party_key("Rwanda") == party_key("rwanda") != party_key("Uganda")
    assert party_key(None) == ""


def test_ledger_two_sources_figures_in_one_article_disagree() -> None:
    _, found = one_event([
        ("d1", "2024-02-10", "Police arrested 14 opposition supporters in Dakar on Saturday, "
                             "the Senegalese interior ministry said. The opposition said police "
                             "arrested 20 of its supporters."),
        ("d2", "2024-02-11", "Riot police detained 14 people at a banned opposition rally in "
                             "central Dakar on Saturday, according to Senegal's interior "
                             "ministry. Organisers said 20 people were detained."),
    ])
    figures = {x.field: {s.value for s in x.sides} for x in found}
    assert figures.get("detained") == {"14", "20"}, found


def test_ledger_two_named_sources_in_one_report_disagree_and_one_revises() -> None:
    cluster, found = one_event([
        ("s1", "2024-10-12", "Gunmen abducted 20 villagers near Zaria on Thursday, the "
                             "state police said."),
        ("s2", "2024-10-13", "The state police said on Friday that 30 villagers were "
                             "abducted by gunmen near Zaria on Thursday. A community leader "
                             "said 45 people had been abducted from their homes."),
    ])
    taken = [[(s.by, s.value) for s in x.sides] for x in found if x.field == "abducted"]
    assert taken == [[("state police", "30"), ("community leader", "45")]]
    assert [u.value for u in cluster.updates if u.field == "abducted"] == ["20", "30", "45"]


def test_ledger_a_later_source_that_contests_the_first_one_s_count_contradicts_it() -> None:
    reports = [
        ("k1", "2024-10-12", "Gunmen abducted 12 villagers near Zaria on Thursday, the "
                             "state police said."),
        ("k2", "2024-10-13", "A community leader said on Friday that 25 villagers were "
                             "abducted by gunmen near Zaria on Thursday, far above the police "
                             "count."),
    ]
    cluster, found = one_event(reports)
    taken = [[(s.by, s.value) for s in x.sides] for x in found if x.field == "abducted"]
    assert taken == [[("state police", "12"), ("community leader", "25")]]
    # without the contest, the higher later figure of another source is a revision
    reports[1] = (reports[1][0], reports[1][1], reports[1][2].replace(
        ", far above the police count", ""))
    cluster, found = one_event(reports)
    assert [x.field for x in found if x.field == "abducted"] == []
    assert [u.value for u in cluster.updates if u.field == "abducted"] == ["12", "25"]


def test_ledger_a_floor_disagrees_only_with_a_figure_below_it() -> None:
    from sitrep.crossdoc.ledger import contradictions
    from sitrep.crossdoc.merge import Report
    from sitrep.records import Count, Event

    def told(article: str, count: Count) -> Report:
        return Report(article, f"{article} News", "2024-05-01",
                      Event(id="e1", type="arrest", counts=[count]))
    more_than_40 = Count("detained", None, 41, None)
    found = contradictions("c", [told("a", Count("detained", 23, 23, 23)),
                                 told("b", more_than_40)], [])
    assert [[s.value for s in x.sides] for x in found] == [["23", "at least 41"]]
    assert contradictions("c", [told("a", Count("detained", 47, 47, 47)),
                                told("b", more_than_40)], []) == []
    dozens = Count("detained", None, 24, None, approximate=True)  # vague: no figure
    assert contradictions("c", [told("a", Count("detained", 23, 23, 23)),
                                told("b", dozens)], []) == []


@pytest.mark.parametrize(("reports", "field", "sides"), [
    # a rights group of a country is not its state's side
    ([("h1", "2025-09-23", "Gunmen killed seven people on a bus in Cap-Haitien on Tuesday, "
                           "Haiti's national police said."),
      ("h2", "2025-09-24", "Gunmen killed nine people on a bus in Cap-Haitien on Tuesday, "
                           "a Haitian human rights group said.")],
     "fatalities", [("Haiti", "7"), ("Haitian human rights group", "9")]),
    # nor is its opposition
    ([("g1", "2024-05-01", "Police detained 18 protesters outside parliament in Tbilisi on "
                           "Tuesday, Georgia's interior ministry said."),
      ("g2", "2024-05-02", "Georgia's opposition said on Wednesday that 52 protesters were "
                           "detained outside parliament in Tbilisi on Tuesday.")],
     "detained", [("Georgia", "18"), ("Georgia's opposition", "52")]),
    # nor are its rebels, whose higher toll the next day is no update of the army's
    ([("s1", "2024-03-05", "Fighting killed 20 people in Kadugli on Monday, Sudan's army "
                           "said."),
      ("s2", "2024-03-06", "Sudanese rebels said on Tuesday that 45 people were killed in "
                           "the fighting in Kadugli on Monday.")],
     "fatalities", [("Sudan", "20"), ("Sudanese rebels", "45")]),
], ids=["rights-group", "opposition", "rebels"])
def test_ledger_a_country_s_party_that_is_not_its_state_is_a_side_of_its_own(
        reports: list[tuple[str, str, str]], field: str, sides: list[tuple[str, str]]) -> None:
    _, found = one_event(reports)
    assert [[(s.by, s.value) for s in x.sides] for x in found if x.field == field] == [sides]


def test_ledger_a_charge_of_backing_says_nothing_of_what_was_hit() -> None:
    # "letting militants operate" is Afghanistan's conduct, by Pakistan's charge, and
    # the group's "attacks in which civilians are hurt" is what it denies doing
    _, found = one_event([
        ("p1", "2025-06-03", "A roadside bomb hit a police van near Dera Ismail Khan on "
                             "Tuesday, killing five policemen, officials said. Pakistan accused "
                             "Afghanistan of allowing militants to operate from Afghan soil."),
        ("p2", "2025-06-04", "The Pakistani Taliban denied carrying out Tuesday's bombing of a "
                             "police van near Dera Ismail Khan. The group said it does not "
                             "carry out attacks in which civilians are hurt."),
    ])
    assert [x.field for x in found if x.field == "target"] == []


def test_ledger_an_armed_group_can_be_a_side_on_what_was_hit() -> None:
    _, found = link_articles(run([
        ("m1", "2024-09-03", "A car bomb exploded at a checkpoint in Kismayo on Tuesday, killing "
                             "six people. The interior ministry said only civilians had been "
                             "killed."),
        ("m2", "2024-09-04", "Al Shabaab said the car bomb it set off at a checkpoint in Kismayo "
                             "on Tuesday killed more than 20 soldiers."),
    ]))
    assert [[s.value for s in x.sides] for x in found if x.field == "target"] == [
        ["a military target", "civilians"]]


def test_ledger_in_a_battle_both_sides_are_armed_so_no_target_dispute() -> None:
    articles = run([
        ("f1", "2024-05-10", "The army and the RSF fought for hours in El Obeid on Friday. The "
                             "army said it killed dozens of militia fighters."),
        ("f2", "2024-05-11", "Fighting between the army and the RSF in El Obeid on Friday killed "
                             "civilians in their homes, the RSF said."),
    ])
    _, found = link_articles(articles)
    assert [x for x in found if x.field == "target"] == []


def test_ledger_a_resident_who_says_no_fighters_were_there_is_a_side_on_what_was_hit() -> None:
    said = ("\"There were no fighters in this village, only farmers and their children,\" "
            "a resident said.")
    told = "The blast rattled windows across the neighbourhood, a resident said."
    for text, disputed in ((said, True), (told, False)):
        _, found = link_articles(run([
            ("t1", "2024-06-09", "A drone strike hit the village of Tindiko near Sofara in "
                                 "central Mali on Saturday, killing nine people. " + text),
            ("t2", "2024-06-10", "Mali's army said its drone strike near Tindiko in central "
                                 "Mali on Saturday destroyed a terrorist logistics base."),
        ]))
        targets = [[s.value for s in x.sides] for x in found if x.field == "target"]
        assert targets == ([["a military target", "civilians"]] if disputed else []), text


def test_ledger_reads_the_blame_coded_apart_from_the_deed() -> None:
    # "police blame X" is coded as an attribution of its own, beside the bombing
    _, found = link_articles(run([
        ("p1", "2024-09-18", "A suicide bomber on a motorcycle blew himself up at a police post "
                             "in the town of Kulachi on Tuesday, killing seven policemen, "
                             "officials said. Police blame the Northern Front, who have "
                             "denied involvement."),
        ("p2", "2024-09-18", "A suicide bombing at a police post in Kulachi on Tuesday killed "
                             "seven policemen. The Northern Front denied any involvement in "
                             "the bombing."),
    ]))
    charged = [[(s.by, s.value.split(":")[0]) for s in x.sides] for x in found
               if x.field in ("perpetrator", "outside support")]
    assert charged == [[("Police", "Northern Front"), ("Northern Front", "denies it")]]


def test_ledger_the_doers_a_side_blames_are_not_what_was_hit() -> None:
    # the fighters the officials blame, the troops fired by, and a state's own troops
    # are doers, and troops sent after are neither; only the rights group says what
    # was hit (civilians): no dispute
    blamed = [
        "Officials in the state said rebel fighters were responsible.",
        "The army said the houses were fired on by rebel troops.",
        "The army said its troops respect the law.",
        # and armed people who came after are not what was hit
        "The army said soldiers had been deployed to the villages around Funtua.",
    ]
    for text in blamed:
        _, found = link_articles(run([
            ("k1", "2024-08-13", "Gunmen killed five villagers near Funtua in Katsina state on "
                                 "Monday. A rights group said all the dead were civilians."),
            ("k2", "2024-08-14", "Five villagers were killed near Funtua in Katsina state on "
                                 "Monday. " + text),
        ]))
        assert [x.sides for x in found if x.field == "target"] == [], text


def test_ledger_fewer_wounded_as_one_of_them_dies_is_an_update() -> None:
    cluster, found = one_event([
        ("w1", "2024-07-07", "Shells killed two children and wounded seven other people in "
                             "Kupiansk on Sunday, local health officials said."),
        ("w2", "2024-07-08", "A woman wounded in Sunday's shelling of Kupiansk has died, "
                             "raising the number of people killed to three, Ivan Petrenko, "
                             "head of the city's health office, said. Six other people "
                             "wounded in the shelling are still being treated, he said."),
    ])
    assert [x.field for x in found if x.field == "injured"] == []
    assert [u.value for u in cluster.updates if u.field == "injured"] == ["7", "6"]


def test_ledger_drones_intercepted_and_drones_shot_down_are_one_field() -> None:
    _, found = one_event([
        ("i1", "2024-03-04", "Air defences intercepted seven drones launched at Marib on "
                             "Sunday, the coalition said."),
        ("i2", "2024-03-04", "The Houthis said only three of their drones were shot down over "
                             "Marib on Sunday."),
    ])
    assert [sorted(s.value for s in x.sides) for x in found if x.field == "shot_down"] == [
        ["3", "7"]]
