"""A cheap guard: is this text English at all? (sitrep's models read English.)

`refusal` judges the first 4,000 characters in four steps; the word lists are
data (`english.yaml`, `languages.yaml`):

1. No letters at all (emoji, symbols, digits, punctuation): no words.
2. Most letters in a script other than Latin (Cyrillic, Arabic, CJK, ...):
   not English, however short.
3. Latin script: English evidence (function words, news words, words ending in
   -ed, -ing, -ly) is weighed against each other language's function words.
   Lowercase words with letters English does not use ("tués", "für") add to
   every other language. Only lowercase words and a sentence's first word
   count, and never the particles of a name ("von der Leyen", "Al Hazm",
   "al-Qaeda", "de la Cruz") nor a clitic ("it’s"). Another language with at
   least 2 words and at least twice the English evidence: not English. A short
   text with another language's words and no English evidence at all: not
   English.
4. A text of 40 words or more whose share of English function words is under
   `min_english` is not English: this catches languages without a list. A
   shorter text is not judged by its share, which says little on ~20 words
   (telegraphic notes like "Houthi forces shelled positions, Qataba district.
   Fatalities unknown." have no function words at all).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from sitrep.rules import WORDS, MapOf, Required, load_rules

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LONG = 40  # words: from here on, the share of English function words is a fair test
_SAMPLE = 4000
_SENTENCE_END = frozenset(".!?:;\n…")
_OPENERS = frozenset(" \t\"'“‘«¿¡([")
_APOSTROPHES = frozenset("'’")
# the word lists (quote words YAML reads as booleans, like 'no' and 'on')
ENGLISH = {key: Required(WORDS) for key in ("function_words", "news_words", "suffixes")}
LANGUAGES = {"languages": Required(MapOf(WORDS)),  # language name -> its function words
             "name_particles": Required(WORDS)}


@dataclass(frozen=True, slots=True)
class _Lexicon:
    function: frozenset[str]
    news: frozenset[str]
    suffixes: tuple[str, ...]
    others: Mapping[str, frozenset[str]]
    particles: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    """Read `english.yaml` and `languages.yaml`, checked against ENGLISH and LANGUAGES
    (once per process)."""
    english = load_rules(__package__ or "", "english.yaml", schema=ENGLISH)
    others = load_rules(__package__ or "", "languages.yaml", schema=LANGUAGES)
    return _Lexicon(
        function=_word_set(english["function_words"]),
        news=_word_set(english["news_words"]),
        suffixes=tuple(_word_set(english["suffixes"])),
        others={name: _word_set(words) for name, words in others["languages"].items()},
        particles=_word_set(others["name_particles"]),
    )


def _word_set(items: list[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in items)


def refusal(text: str, *, min_english: float) -> str | None:
    """Why `text` is not read as English (see the module's steps), or None to read it.

    >>> print(refusal("Houthi forces shelled positions, Qataba district. Fatalities unknown.",
    ...               min_english=0.06))
    None
    >>> refusal("Удары беспилотников по Москве продолжаются.", min_english=0.06)
    'not English text (mostly Cyrillic script)'
    >>> refusal("Dos soldados murieron en un ataque en el Cauca.", min_english=0.06)
    'not English text (4 words read as Spanish, 0 as English)'
    >>> refusal("🔥🔥 12:30 !!", min_english=0.06)
    'no words (only emoji, symbols, digits or punctuation)'
    """
    head = text[:_SAMPLE]
    script = _main_script(head)
    if script is None:
        return "no words (only emoji, symbols, digits or punctuation)"
    if script != "LATIN":
        return f"not English text (mostly {script if script == 'CJK' else script.title()} script)"
    return _judge_words(_words(head), min_english)


def _main_script(text: str) -> str | None:
    """The script of most letters ("LATIN", "CYRILLIC", "CJK", ...); None without letters."""
    scripts = Counter(unicodedata.name(c, "OTHER").split(" ")[0]
                      for c in _NON_ASCII.findall(text) if c.isalpha())
    latin = len(_ASCII_LETTER.findall(text)) + scripts.pop("LATIN", 0)
    total = latin + sum(scripts.values())
    if not total:
        return None
    return "LATIN" if latin * 2 >= total else scripts.most_common(1)[0][0]


def _judge_words(words: list[tuple[str, bool]], min_english: float) -> str | None:
    lex = _lexicon()
    counted = [w for w, ok in words if ok]
    function = sum(w in lex.function for w in counted)
    evidence = function + sum(
        w not in lex.function and (w in lex.news or (len(w) >= 5 and w.endswith(lex.suffixes)))
        for w in counted
    )
    # A lowercase word with letters English does not use ("tués", "für") is foreign.
    counts = Counter(counted)
    accented = sum(n for w, n in counts.items() if not w.isascii())
    language, foreign = max(
        ((name, accented + sum(counts[w] for w in vocab & counts.keys() if w.isascii()))
         for name, vocab in lex.others.items()), key=lambda lf: lf[1])
    if foreign >= 2 and foreign >= 2 * evidence:
        return f"not English text ({foreign} words read as {language}, {evidence} as English)"
    if len(words) < _LONG:
        if foreign and not evidence:
            return f"not English text (no English words, {_count(foreign, 'word')} as {language})"
        return None
    share = function / len(words)
    if share < min_english:
        return f"not English text ({share:.0%} English function words)"
    return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _words(text: str) -> list[tuple[str, bool]]:
    """Every word, lowercased, with whether it may count as evidence (module step 3)."""
    found = list(_WORD.finditer(text))
    # An all-capitals text (old wire copy) has no case to tell names by.
    shouting = sum(map(str.isupper, text)) * 2 > sum(map(str.isalpha, text))
    particles = _lexicon().particles
    out = []
    for i, m in enumerate(found):
        word, after = m.group(), text[m.end():m.end() + 1]
        counts = (after != "-"  # "al-Qaeda", "de-escalation"
                  and text[m.start() - 1:m.start()] not in _APOSTROPHES  # "it’s", "don't"
                  and not (len(word) == 1 and after == ".")  # "e.g.", "a.m.", initials
                  and (shouting or word.islower() or _starts_sentence(text, m.start()))
                  and not _in_name(found, i, text, particles))
        out.append((word.lower(), counts))
    return out


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _in_name(found: list[re.Match[str]], i: int, text: str, particles: frozenset[str]) -> bool:
    """True for a run of particles ("von der") that a capitalised word follows."""
    j = i
    while found[j].group().lower() in particles:
        if j + 1 == len(found) or not text[found[j].end():found[j + 1].start()].isspace():
            return False
        j += 1
    return j > i and found[j].group()[0].isupper()
