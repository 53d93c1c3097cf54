"""`sitrep eval relevance`: events found on news that is not about conflict.

No gold here: the measure is how many events the full pipeline reports on two
groups of the corpus. On "non-conflict" articles (BBC business, sport,
entertainment, tech) every event is likely false, so its events per 100
articles are an upper bound on false events; "political" articles (PolNeAR,
BBC politics) are the harder case of talk about conflict without any.

A fixed quarter of the corpus is held out: an article is held out when the
SHA-1 of its id, as a number, is 0 modulo 4. Build on `build` (and read its
examples with --show); measure on `held-out`, whose texts nobody reads.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.records import Article, Event
from sitrep.scale.bench import DEFAULT_CORPUS

__all__ = ["DEFAULT_CORPUS", "GROUPS", "SPLITS", "evaluate_relevance", "examples",
           "group_report", "held_out", "read_corpus", "report_lines", "select_groups"]

SPLITS = ("held-out", "build")
GROUPS: dict[str, tuple[str, ...]] = {
    "non-conflict": ("bbc/business/", "bbc/sport/", "bbc/entertainment/", "bbc/tech/"),
    "political": ("polnear/", "bbc/politics/"),
}
FALSE_GROUP = "non-conflict"  # every event found here counts as a likely false one
NO_CODE = "(no ACLED code)"
TOP = 10
EVIDENCE_CHARS = 160

Run = Callable[[list[Article]], tuple[list[Article], list[str]]]


def _sha1(article_id: str) -> str:
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()


def held_out(article_id: str) -> bool:
    """Whether the article is in the held-out quarter (fixed by its id alone).

    >>> held_out("bbc/sport/x") == (int(hashlib.sha1(b"bbc/sport/x").hexdigest(), 16) % 4 == 0)
    True
    """
    return int(_sha1(article_id), 16) % 4 == 0


def in_split(article_id: str, split: str) -> bool:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; one of {', '.join(SPLITS)}")
    return held_out(article_id) == (split == "held-out")


def group_of(article_id: str) -> str | None:
    """The group whose prefixes the id starts with, else None."""
    for name, prefixes in GROUPS.items():
        if article_id.startswith(prefixes):
            return name
    return None


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """The corpus's JSON lines (each with at least a string `id` and `text`)."""
    if not path.exists():
        raise InputError("corpus not found; pass a .jsonl file", source=str(path))
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON ({exc.msg})", source=str(path), line=number) from exc
            if not (isinstance(record, dict) and isinstance(record.get("id"), str)
                    and isinstance(record.get("text"), str)):
                raise InputError("needs a string id and text", source=str(path), line=number)
            records.append(record)
    return records


def select_groups(records: Iterable[dict[str, Any]], split: str,
                  n: int) -> dict[str, list[dict[str, Any]]]:
    """Each group's first `n` records of the split, in the order of the SHA-1 of their id."""
    found: dict[str, list[dict[str, Any]]] = {name: [] for name in GROUPS}
    for record in records:
        name = group_of(record["id"])
        if name is not None and in_split(record["id"], split):
            found[name].append(record)
    return {name: sorted(rs, key=lambda r: (_sha1(r["id"]), r["id"]))[:n]
            for name, rs in found.items()}


def to_article(record: dict[str, Any]) -> Article:
    return Article(id=record["id"], text=record["text"], published=record.get("published") or None,
                   title=record.get("title"), source=record.get("source"))


def run_pipeline(articles: list[Article], relevance: float | None = None,
                 ) -> tuple[list[Article], list[str]]:
    """The full pipeline over the articles; also the messages of those it dropped.
    `relevance`: the relevance filter's threshold (None: the default; 0: no filter)."""
    from sitrep.pipeline import Pipeline
    from sitrep.settings import Settings

    settings = Settings() if relevance is None else Settings(relevance=relevance)
    failures: list[str] = []
    return list(Pipeline(settings, on_error=failures.append).pipe(articles)), failures


def fatalities(event: Event) -> int | None:
    """The event's fatalities: the range's low end (as ACLED records), else its high end."""
    if event.fatalities is None:
        return None
    return event.fatalities.min if event.fatalities.min is not None else event.fatalities.max


def dated_after(event: Event, published: str | None) -> bool:
    """Whether the event's date falls after the article's publication day."""
    day = (published or "")[:10]
    return bool(day and event.date and event.date[:10] > day)


def _per_100(count: int, articles: int) -> float:
    return round(100 * count / articles, 1) if articles else 0.0


def group_report(articles: Sequence[Article], *, given: int | None = None) -> dict[str, Any]:
    """Counts over one group's processed articles (`given`: how many went in)."""
    events = [(a, e) for a in articles for e in a.events]
    types = Counter(e.acled.event_type if e.acled else NO_CODE for _, e in events)
    subs = Counter(f"{e.acled.event_type} / {e.acled.sub_event_type}" if e.acled else NO_CODE
                   for _, e in events)
    deaths = [(f, a.id, e) for a, e in events if (f := fatalities(e))]
    deaths.sort(key=lambda x: (-x[0], x[1], x[2].id))
    given = len(articles) if given is None else given
    return {
        "articles": given,
        "processed": len(articles),
        "dropped": given - len(articles),
        "events": len(events),
        "events_per_100": _per_100(len(events), len(articles)),
        "articles_with_event": sum(1 for a in articles if a.events),
        "event_types": dict(types.most_common()),
        "sub_event_types": dict(subs.most_common()),
        "sitrep_types": dict(Counter(e.type for _, e in events).most_common()),
        "with_fatalities": len(deaths),
        "fatalities_sum": sum(f for f, _, _ in deaths),
        "dated_after_published": sum(1 for a, e in events if dated_after(e, a.published)),
        "undated_events": sum(1 for _, e in events if not e.date),
        "events_without_published": sum(1 for a, _ in events if not a.published),
        "largest_fatalities": [{"fatalities": f, "article": aid, "event": e.id,
                                "type": e.acled.sub_event_type if e.acled else e.type}
                               for f, aid, e in deaths[:TOP]],
    }


def _evidence(event: Event) -> str:
    text = " ".join(event.evidence[0].text.split()) if event.evidence else ""
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def examples(articles: Sequence[Article], k: int) -> list[dict[str, Any]]:
    """The first `k` events of the articles: article id, type and evidence sentence."""
    found = [{"article": a.id, "type": e.acled.sub_event_type if e.acled else e.type,
              "evidence": _evidence(e)} for a in articles for e in a.events]
    return found[:k]


def evaluate_relevance(path: Path | None = None, *, split: str = "held-out", n: int = 200,
                       show: int = 0, run: Run | None = None,
                       relevance: float | None = None) -> dict[str, Any]:
    """Run the pipeline over each group of the split and count the events found;
    `relevance` sets the relevance filter's threshold (0: none)."""
    if show and split == "held-out":
        raise ValueError("examples are shown only for the build split")
    path = path or DEFAULT_CORPUS
    started = time.perf_counter()
    groups = select_groups(read_corpus(path), split, n)
    if run is None:
        run = run_pipeline if relevance is None else (
            lambda articles: run_pipeline(articles, relevance))
    result: dict[str, Any] = {"corpus": str(path), "split": split, "n": n, "groups": {},
                              "failures": [], "relevance": relevance}
    for name, records in groups.items():
        done, failures = run([to_article(r) for r in records])
        report = group_report(done, given=len(records))
        report["prefixes"] = list(GROUPS[name])
        if name == FALSE_GROUP:
            report["false_events_per_100_upper_bound"] = report["events_per_100"]
        if show:
            report["examples"] = examples(done, show)
        result["groups"][name] = report
        result["failures"] += failures
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def _group_lines(name: str, g: dict[str, Any]) -> list[str]:
    lines = [f"{name} ({', '.join(g['prefixes'])}): {g['articles']} articles"
             + (f", {g['dropped']} dropped by the pipeline" if g["dropped"] else ""),
             f"  events {g['events']}, per 100 articles {g['events_per_100']:.1f}, "
             f"articles with >=1 event {g['articles_with_event']}"]
    if "false_events_per_100_upper_bound" in g:
        lines.append(f"  false events per 100 articles (upper bound) "
                     f"{g['false_events_per_100_upper_bound']:.1f}")
    lines.append("  event types: " + (", ".join(f"{k} {v}" for k, v in g["event_types"].items())
                                      or "none"))
    lines += [f"    {v:>4}  {k}" for k, v in g["sub_event_types"].items()]
    lines.append("  sitrep types: " + (", ".join(f"{k} {v}" for k, v in g["sitrep_types"].items())
                                       or "none"))
    lines.append(f"  events with fatalities {g['with_fatalities']}, fatalities sum "
                 f"{g['fatalities_sum']}")
    lines.append(f"  events dated after the article's publication day "
                 f"{g['dated_after_published']} (undated {g['undated_events']}; on articles "
                 f"without a publication day {g['events_without_published']})")
    if g["largest_fatalities"]:
        lines.append("  largest fatality counts:")
        lines += [f"    {d['fatalities']:>6}  {d['article']}  ({d['type']})"
                  for d in g["largest_fatalities"]]
    for ex in g.get("examples", []):
        lines.append(f"  e.g. {ex['article']}  [{ex['type']}]  {ex['evidence']}")
    return lines


def report_lines(result: dict[str, Any]) -> list[str]:
    """The result as readable lines."""
    lines = [f"{result['corpus']}: split {result['split']}, up to {result['n']} articles a group"]
    for name, g in result["groups"].items():
        lines += _group_lines(name, g)
    if result["failures"]:
        lines.append(f"pipeline failures {len(result['failures'])}: "
                     + "; ".join(result["failures"][:5]))
    lines.append(f"time {result['seconds']:.1f} s")
    return lines
