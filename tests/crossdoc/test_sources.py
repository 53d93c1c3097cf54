"""Independent sources: copies of one story count once; what each field rests on."""

from __future__ import annotations

from sitrep.crossdoc.link import link_articles
from sitrep.crossdoc.sources import EXACT, families, shingles, signature
from sitrep.pipeline import Pipeline
from sitrep.records import Article

WIRE = ("Shelling killed three people at a market in Kherson on Monday, the regional "
        "governor said. Nine people were wounded, among them two children, and several "
        "stalls burned. Rescue crews worked through the afternoon to clear the debris.")
OWN = ("Ukrainian officials said three people died when shells hit a market in Kherson on "
       "Monday. The city has been shelled almost daily from across the river.")


def test_families_join_copies_not_reports_written_anew() -> None:
    trimmed = WIRE.replace(" Rescue crews worked through the afternoon to clear the debris.", "")
    found = families({"w1": WIRE, "w2": "UPDATE 1-" + trimmed, "own": OWN, "w3": WIRE})
    assert found == {"w1": "w1", "w2": "w1", "own": "own", "w3": "w1"}
    assert shingles("") == frozenset() and len(shingles("two words")) == 1


def test_families_of_a_large_cluster_come_from_minhash_buckets_as_from_every_pair() -> None:
    import random

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(3000)]
    texts: dict[str, str] = {}
    planted: dict[str, str] = {}
    for i in range(3 * EXACT):
        if i % 4 == 3:  # a copy of an earlier story: its last fifth cut, a word changed
            source = f"t{rng.randrange(i // 4 * 4 + 1):03d}"
            source = planted.get(source, source)
            words = texts[source].split()
            words = words[:len(words) * 4 // 5]
            words[rng.randrange(len(words))] = "changed"
            texts[f"t{i:03d}"], planted[f"t{i:03d}"] = " ".join(words), source
        else:
            texts[f"t{i:03d}"] = " ".join(rng.choice(vocabulary) for _ in range(120))
    found = families(texts)  # more than EXACT texts: the hashed way
    assert {k: found[k] for k in planted} == planted
    assert all(found[k] == k for k in texts if k not in planted)
    small = dict(list(texts.items())[:EXACT])
    assert families(small) == {k: found[k] for k in small}


def test_minhash_signatures_agree_as_their_sets_overlap() -> None:
    a = frozenset(range(1000))
    same = (signature(a) == signature(frozenset(range(100, 1100)))).mean()
    apart = (signature(a) == signature(frozenset(range(5000, 6000)))).mean()
    assert 0.6 < same < 0.9 and apart < 0.05  # Jaccard 0.82 and 0


def test_cluster_counts_independent_sources_and_field_support() -> None:
    articles = list(Pipeline().pipe([
        Article(id="w1", published="2025-03-10", text=WIRE, source="Harbour Wire"),
        Article(id="w2", published="2025-03-10", text=WIRE, source="Valley Post"),
        Article(id="own", published="2025-03-11", text=OWN, source="Eastern Ledger"),
    ]))
    (cluster,), _ = link_articles(articles)
    assert (cluster.reports, cluster.sources, cluster.publishers) == (3, 2, 3)
    # the wire copy and the own report both date it Monday and count three dead
    backing = {s.field: s.sources for s in cluster.support}
    assert backing["date"] == 2 and backing["fatalities"] == 2
    assert backing["type"] <= cluster.sources
