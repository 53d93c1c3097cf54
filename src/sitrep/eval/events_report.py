"""The event scores of `sitrep.eval.events.evaluate_events` as lines of text."""

from __future__ import annotations

from typing import Any


def report_lines(scores: dict[str, Any]) -> list[str]:
    """A few lines per data set, then the listed errors.

    >>> report_lines({"pipeline_failures": 2})
    ['pipeline: 2 texts failed and count as having no event']
    """
    lines: list[str] = []
    if "case" in scores:
        lines += _case(scores["case"])
    if "fakes" in scores:
        lines += _fakes(scores["fakes"])
    if "plover" in scores:
        lines += _plover(scores["plover"])
    if scores.get("pipeline_failures"):
        lines.append(f"pipeline: {scores['pipeline_failures']} texts failed and count as "
                     "having no event")
    return lines


def _case(s: dict[str, Any]) -> list[str]:
    none = s["no_event"]
    lines = [f"{s['file']}: {s['snippets']} snippets, {none['gold']} of kinds ACLED does "
             f"not code; {none['predicted']} got no ACLED event ({none['both']} rightly)",
             f"ACLED sub-event type  accuracy {s['accuracy']:.3f}  weighted F1 "
             f"{s['weighted_f1']:.3f}  macro F1 {s['macro_f1']:.3f}",
             f"  {'label (in gold or predicted)':30} {'gold':>4} {'pred':>4} {'P':>6} "
             f"{'R':>6} {'F1':>6}"]
    lines += [f"  {k:30} {m['support']:>4} {m['predicted']:>4} {m['precision']:>6.3f} "
              f"{m['recall']:>6.3f} {m['f1']:>6.3f}"
              for k, m in s["labels"].items() if m["support"] or m["predicted"]]
    if s["outside_codebook"]:
        lines.append("  predicted codes outside ACLED's codebook: " + ", ".join(
            f"{k} ({n})" for k, n in s["outside_codebook"].items()))
    if s["confusions"]:
        lines.append("  commonest errors (gold -> predicted): " + ", ".join(
            f"{c['gold']} -> {c['predicted']} ({c['count']})" for c in s["confusions"]))
    lines += [f"  {e['id']:>6} {e['gold']} -> {e['predicted']}: {e['text']}"
              for e in s["errors"]]
    return lines


def _fakes(s: dict[str, Any]) -> list[str]:
    rule = s["by_rule"]
    lines = [f"{s['file']}: {s['articles']} articles, {s['no_event']} with no event, "
             f"{s['no_location']} more whose main event has no location",
             f"main event location  accuracy {s['accuracy']:.3f} ({s['right']} right: "
             f"{rule['name']} by name, {rule['admin1']} by admin1, {rule['near']} by "
             f"distance); on articles with an event {s['accuracy_with_event']:.3f}",
             "  by gold place: " + ", ".join(f"{k} {v['right']}/{v['articles']}"
                                             for k, v in s["by_place"].items())]
    lines += [f"  {e['id']} gold {e['gold']}, got {e['predicted']}: {e['title']}"
              for e in s["errors"]]
    return lines


def _plover(s: dict[str, Any]) -> list[str]:
    lines = [f"{s['file']}: {s['sentences']} sentences, {s['with_event']} with a record "
             f"(an event or a verbal statement; coverage {s['coverage']:.3f})",
             f"on those  PLOVER type accuracy {s['type_accuracy']:.3f} (any record "
             f"{s['type_any']:.3f})"]
    for side in ("source", "target"):
        m = s[side]
        lines.append(f"  {side} countries  exact {m['accuracy']:.3f} on {m['scored']} with a "
                     f"gold country  P {m['precision']:.3f}  R {m['recall']:.3f}  "
                     f"F1 {m['f1']:.3f}")
    lines += [f"  {e['id']} {e['gold']} -> {e['predicted']}: {e['text']}" for e in s["errors"]]
    return lines
