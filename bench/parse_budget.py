"""How much faster than the bare model can the pipeline get by parsing only what needs it?

Issue 18 asks for the full pipeline at 1.5x the bare `en_core_web_md` by parsing only
the sentences that need a parse (event, speech, time or place cues) and tokenising or
tagging the rest. This script measures the three numbers that decide it, on real
articles, in one process:

1. what each part of the spaCy model costs: the pipeline timed whole, without NER
   (which has its own tok2vec in en_core_web_md) and without the shared tok2vec with
   the tagger, parser, attribute ruler and lemmatizer that listen to it;
2. how many sentences (and tokens) carry no cue any stage reads: no event trigger,
   casualty word, speech cue or "according to" of the rule files (in any inflection),
   and no quotation mark; those are the sentences a selective parse could skip;
3. sitrep's own stages, from `sitrep bench` (`run_bench`) on the same articles.

From these it prints the best ratio a selective parse could reach: every sentence
without a cue skips everything but NER (places, people and organisations are read
in every sentence: geo, speakers and actors need them), with no accuracy cost
counted at all. If that bound is under 1.5, no choice of sentences reaches the goal
with this model.

    python bench/parse_budget.py                 # the first 200 articles of the corpus
    python bench/parse_budget.py --n 500 --file ../shared/data/corpus/news.jsonl
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import Sentencizer

from sitrep.events.lexicon import event_lexicon
from sitrep.nlp.model import load_model
from sitrep.scale.bench import run_bench
from sitrep.statements.lexicon import lexicon

CORPUS = Path(__file__).parents[2] / "shared/data/corpus/news.jsonl"
RESULTS = Path(__file__).parent / "results" / "parse_budget.json"
QUOTES = frozenset('"“”')
SHARED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def cue_lemmas() -> set[str]:
    """The words the events and statements stages look for, as lemmas; a phrase by its
    content words ("open fire" by "fire"), as the stages match phrases on lemmas."""
    events, said = event_lexicon(), lexicon()
    words = set(events.verbs) | set(events.nouns) | set(events.harm)
    words |= {w for phrase in events.phrases for w in phrase
              if w.isalpha() and w not in STOP_WORDS}
    words |= set(said.verbs) | set(said.nouns) | {a[0] for a in said.according}
    return {w for w in words if " " not in w}


def inflections(lemma: str, irregular: dict[str, set[str]]) -> set[str]:
    """A lemma's regular forms (over-generous: a form that is no word costs nothing)
    and its irregular ones from the model's lemmatizer tables."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if lemma.endswith("y"):
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out | irregular.get(lemma, set())


def cue_forms(nlp: Language) -> frozenset[str]:
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    table = lemmatizer.lookups.get_table("lemma_exc")
    irregular: dict[str, set[str]] = {}
    for pos in ("verb", "noun", "adj"):
        for form, lemmas in (table.get(pos) or {}).items():
            for lemma in lemmas:
                irregular.setdefault(lemma, set()).add(form)
    return frozenset(f for lemma in cue_lemmas() for f in inflections(lemma, irregular))


def timed(nlp: Language, texts: list[str], disable: Iterable[str] = ()) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, disable=list(disable)):
        pass
    return time.perf_counter() - started


def cue_coverage(nlp: Language, texts: list[str]) -> dict[str, float]:
    forms, split = cue_forms(nlp), Sentencizer()
    sentences = tokens = bare_sentences = bare_tokens = 0
    for text in texts:
        for sent in split(nlp.make_doc(text)).sents:
            sentences += 1
            tokens += len(sent)
            if not any(t.lower_ in forms or t.text in QUOTES for t in sent):
                bare_sentences += 1
                bare_tokens += len(sent)
    return {"sentences": sentences, "cue_forms": len(forms),
            "share_sentences_without_cue": round(bare_sentences / sentences, 3),
            "share_tokens_without_cue": round(bare_tokens / tokens, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--file", type=Path, default=CORPUS)
    args = parser.parse_args()
    with open(args.file, encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines][:args.n]
    nlp = load_model("en_core_web_md")
    timed(nlp, texts[:10])  # warm-up
    whole = timed(nlp, texts)
    no_ner = timed(nlp, texts, ["ner"])
    ner_only = timed(nlp, texts, SHARED)
    coverage = cue_coverage(nlp, texts)
    bench = run_bench(args.file, n=args.n)
    stages = bench.full_seconds / bench.bare_seconds - 1.0  # sitrep's own work, per bare second
    skippable = 1.0 - ner_only / whole  # what a sentence saves by running NER alone
    bound = 1.0 / (1.0 - skippable * coverage["share_tokens_without_cue"] + stages)
    ceiling = 1.0 / (ner_only / whole + stages)  # every sentence NER alone: no parse at all
    out = {
        "articles": len(texts),
        "model_seconds": round(whole, 2),
        "share_ner": round(1.0 - no_ner / whole, 3),
        "share_shared_tok2vec_tagger_parser_lemmas": round(skippable, 3),
        **coverage,
        "pipeline_ratio_now": round(bench.ratio, 3),
        "sitrep_stages_per_bare_second": round(stages, 3),
        "best_ratio_selective_parse": round(bound, 3),
        "best_ratio_no_parse_anywhere": round(ceiling, 3),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for key, value in out.items():
        print(f"{key:45} {value}")


if __name__ == "__main__":
    main()
