"""Clustering reports across articles: which reports join, which stay apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sitrep.crossdoc.cluster import Clusters, affinity, cluster_events
from sitrep.crossdoc.refs import EventRef

KHARKIV, DNIPRO = (49.99, 36.23), (48.46, 35.05)
KRAMATORSK, SLOVIANSK = (48.72, 37.56), (48.85, 37.60)


def ref(article: str, day: date | None, where: tuple[float, float] | None = KHARKIV, *,
        kind: str = "shelling", group: str = "violence", words: str = "shelling killed market",
        event: str = "e1", aggregate: bool = False, by_text: bool = True,
        figures: frozenset[tuple[str, int]] = frozenset()) -> EventRef:
    lat, lon = where if where else (None, None)
    return EventRef(article, event, f"pub-{article}", day, kind, group, day, aggregate, lat, lon,
                    NAMES.get(where, "Dnipro") if where else None, None,
                    "UKR" if where else None, 1, frozenset(), frozenset(),
                    frozenset(words.split()), by_text, figures)


NAMES = {KHARKIV: "Kharkiv", KRAMATORSK: "Kramatorsk", SLOVIANSK: "Sloviansk"}
TUESDAY, WEDNESDAY, FRIDAY = date(2024, 5, 14), date(2024, 5, 15), date(2024, 5, 17)


@pytest.mark.parametrize(("a", "b", "same"), [
    (ref("a", TUESDAY), ref("b", TUESDAY), True),
    (ref("a", TUESDAY), ref("b", WEDNESDAY), True),  # a night and the morning after
    (ref("a", TUESDAY), ref("b", FRIDAY), False),  # same city, another day
    (ref("a", TUESDAY), ref("b", TUESDAY, DNIPRO), False),  # same day, another city
    # two towns 13 km apart, each named as where it happened
    (ref("a", TUESDAY, KRAMATORSK), ref("b", TUESDAY, SLOVIANSK), False),
    (ref("a", TUESDAY), ref("b", TUESDAY, kind="peaceful_protest", group="demonstration"),
     False),  # another kind of happening
    (ref("a", TUESDAY), ref("a", TUESDAY, event="e2"), False),  # one article, two events
    (ref("a", TUESDAY), ref("b", TUESDAY, aggregate=True), False),
])
def test_cluster_affinity_rules_reports_in_or_out(a: EventRef, b: EventRef, same: bool) -> None:
    score = affinity(a, b)
    assert (score is not None and score >= 4.0) is same


def test_cluster_undated_reports_join_only_on_strong_evidence() -> None:
    a, b = ref("a", None, words="shelling killed market"), ref("b", None, words="storm hit coast")
    assert (affinity(a, b) or 0.0) < 4.0


def test_cluster_is_incremental_and_stable() -> None:
    first = cluster_events([ref("a", TUESDAY), ref("b", TUESDAY, DNIPRO)])
    ids = {c.id for c in first.all()}
    again = cluster_events([ref("c", TUESDAY), ref("a", TUESDAY)], first)
    assert {c.id for c in again.all()} == ids  # "c" joined Kharkiv; "a" is not counted twice
    sizes = {c.members[0].place: len(c.members) for c in again.all()}
    assert sizes == {"Kharkiv": 2, "Dnipro": 1}


def test_cluster_roundup_feeds_several_clusters() -> None:
    clusters = cluster_events([ref("a", TUESDAY), ref("b", TUESDAY, DNIPRO),
                               ref("r", TUESDAY, event="e1"),
                               ref("r", TUESDAY, DNIPRO, event="e2")])
    assert sorted(len(c.members) for c in clusters.all()) == [2, 2]


def test_cluster_blocking_keeps_far_days_out_of_candidates() -> None:
    clusters = Clusters()
    clusters.add(ref("a", date(2024, 1, 1)))
    assert list(clusters._candidates(ref("b", FRIDAY))) == []


def test_cluster_a_fallback_day_does_not_rule_out_the_day_the_text_gives() -> None:
    a, b = ref("a", TUESDAY), ref("b", FRIDAY, by_text=False)
    assert affinity(a, b) is not None and affinity(ref("a", TUESDAY), ref("b", FRIDAY)) is None


def test_cluster_undated_report_joins_the_one_cluster_it_fits() -> None:
    market = "shelling killed market traders stalls"
    clusters = cluster_events([ref("a", TUESDAY, words=market), ref("b", TUESDAY, words=market),
                               ref("u", None, words=market + " rubble")])
    assert sorted(len(c.members) for c in clusters.all()) == [3]


def test_cluster_undated_report_between_two_like_clusters_stays_apart() -> None:
    market = "shelling killed market traders stalls"
    clusters = cluster_events([ref("a", TUESDAY, words=market), ref("b", FRIDAY, words=market),
                               ref("u", None, words=market)])
    assert sorted(len(c.members) for c in clusters.all()) == [1, 1, 1]


def test_cluster_a_figure_both_reports_give_brings_them_closer() -> None:
    four, five = frozenset({("killed", 4)}), frozenset({("killed", 5)})
    plain = affinity(ref("a", None), ref("b", None))
    same = affinity(ref("a", None, figures=four), ref("b", None, figures=four))
    other = affinity(ref("a", None, figures=four), ref("b", None, figures=five))
    assert plain is not None and same == plain + 0.5 and other == plain


@pytest.mark.parametrize(("group", "kinds", "words"), [
    # a protest and the arrests at it
    ("demonstration", ("protest_with_intervention", "arrest", "arrest", "peaceful_protest"),
     "protesters police detained square"),
    # "the army retook the town" and "the town changed hands"
    ("capture", ("government_regains_territory", "territory_transfer", "territory_transfer",
                 "government_regains_territory"), "army retook town fighters withdrew"),
])
def test_cluster_an_article_s_kinds_of_one_happening_go_together(
        group: str, kinds: tuple[str, ...], words: str) -> None:
    told = [ref(article, TUESDAY, kind=kind, group=group, event=event, words=words)
            for (article, event), kind in zip((("a", "e1"), ("a", "e2"), ("b", "e1"),
                                               ("b", "e2")), kinds, strict=True)]
    assert sorted(len(c.members) for c in cluster_events(told).all()) == [4]


def test_cluster_an_article_s_two_kinds_of_violence_in_one_town_stay_apart() -> None:
    clusters = cluster_events([ref("a", TUESDAY, kind="attack", event="e1"),
                               ref("a", TUESDAY, kind="remote_explosive", event="e2")])
    assert sorted(len(c.members) for c in clusters.all()) == [1, 1]


def test_cluster_one_article_s_happening_on_the_text_s_day_and_a_fallback_day_go_together() -> None:
    # one article tells the bomb on the day the text gives and, elsewhere, with no day
    # (so on the publication day); another report joined the fallback day's one first
    clusters = cluster_events([ref("a", FRIDAY, by_text=False, event="e1"),
                               replace(ref("b", WEDNESDAY, event="e1"), published=FRIDAY),
                               ref("b", FRIDAY, by_text=False, event="e2")])
    assert sorted(len(c.members) for c in clusters.all()) == [3]
    # told on two days the text gives, they are two happenings
    apart = cluster_events([replace(ref("c", TUESDAY, event="e1"), published=FRIDAY),
                            ref("c", FRIDAY, event="e2")])
    assert sorted(len(c.members) for c in apart.all()) == [1, 1]


def test_cluster_an_article_s_events_go_together_through_any_one_they_may_be_one_with() -> None:
    # arrests told on Friday, the protest on Wednesday and, with no day, on Friday: the
    # undated protest is one with both, so all three are one happening
    def told(kind: str, day: date, event: str, *, by_text: bool = True) -> EventRef:
        return replace(ref("a", day, kind=kind, group="demonstration", event=event,
                           words="protesters police detained square", by_text=by_text),
                       published=FRIDAY)
    clusters = cluster_events([told("arrest", FRIDAY, "e1"),
                               told("protest_with_intervention", WEDNESDAY, "e2"),
                               told("protest_with_intervention", FRIDAY, "e3", by_text=False)])
    assert sorted(len(c.members) for c in clusters.all()) == [3]


def test_cluster_groups_follow_the_kind_of_happening() -> None:
    from sitrep.crossdoc.refs import type_groups
    groups = type_groups()
    assert {groups[k] for k in ("protest_with_intervention", "force_against_protesters",
                                "peaceful_protest", "arrest")} == {"demonstration"}
    assert groups["government_regains_territory"] == groups["non_state_takes_territory"]
    assert groups["shelling"] == groups["armed_clash"] != groups["agreement"]


def test_cluster_reports_of_a_town_filed_from_two_far_cities_join_by_its_name() -> None:
    # a town the gazetteer lacks: one report is placed at its dateline's city, the other
    # at the province; both name the town, and that name both finds and joins them
    names = frozenset({"mulenge"})
    a = replace(ref("a", TUESDAY), names=names | {"kharkiv"})
    b = replace(ref("b", TUESDAY, DNIPRO), names=names)
    assert affinity(a, b) is not None
    clusters = cluster_events([a, b])
    assert [len(c.members) for c in clusters.all()] == [2]
    # without the shared name, two cities each named as where it happened stay apart
    assert [len(c.members) for c in cluster_events([ref("a", TUESDAY),
                                                     ref("b", TUESDAY, DNIPRO)]).all()] == [1, 1]


def test_cluster_undated_report_finds_a_cluster_by_a_town_one_member_names() -> None:
    # the dated reports place it at the city and one names the suburb; the undated one
    # is placed at the suburb, a few kilometres off
    market = "gunmen killed seven bus passengers"
    suburb = (49.97, 36.27)
    dated = [ref("a", TUESDAY, words=market),
             replace(ref("b", TUESDAY, words=market), names=frozenset({"kharkiv", "saltivka"}))]
    undated = replace(ref("u", None, suburb, words=market), place="Saltivka",
                      names=frozenset({"saltivka"}))
    clusters = cluster_events([*dated, undated])
    assert sorted(len(c.members) for c in clusters.all()) == [3]
