"""`sitrep eval time`: TempEval-3 scores on TimeML folders.

Strict span match is exact offsets; relaxed is any overlap, one-to-one. Type
accuracy is over relaxed matches. Value precision and recall count relaxed
matches whose value is right, over the system's and the gold expressions
(TempEval-3's attribute F1).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.records import Time
from sitrep.temporal.tagger import tag
from sitrep.temporal.timeml import GoldTimex, TimeMLDoc, read_folder


@dataclass(slots=True)
class Scores:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def summary(self) -> dict[str, float | int]:
        def f1(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(self.strict)
        rp, rr, rf = f1(self.relaxed)
        vp, vr, vf = f1(self.value_ok)
        return {
            "gold": self.gold, "system": self.system,
            "strict_p": round(sp, 4), "strict_r": round(sr, 4), "strict_f1": round(sf, 4),
            "relaxed_p": round(rp, 4), "relaxed_r": round(rr, 4), "relaxed_f1": round(rf, 4),
            "type_accuracy": round(self.type_ok / self.relaxed, 4) if self.relaxed else 0.0,
            "value_p": round(vp, 4), "value_r": round(vr, 4), "value_f1": round(vf, 4),
        }


def score_doc(gold: Iterable[GoldTimex], system: Iterable[Time], name: str = "") -> Scores:
    gold, system = list(gold), list(system)
    s = Scores(gold=len(gold), system=len(system))
    used: set[int] = set()
    for g in gold:
        match = None
        for i, t in enumerate(system):
            if i not in used and t.start < g.end and g.start < t.end:
                match = i
                if t.start == g.start and t.end == g.end:
                    break
        if match is None:
            s.errors.append({"doc": name, "kind": "missed", "text": g.text, "gold": g.value})
            continue
        used.add(match)
        t = system[match]
        s.relaxed += 1
        s.strict += t.start == g.start and t.end == g.end
        s.type_ok += t.type == g.type
        if t.value == g.value:
            s.value_ok += 1
        else:
            s.errors.append({"doc": name, "kind": "value", "text": t.text, "gold_text": g.text,
                             "gold": g.value, "system": t.value})
    for i, t in enumerate(system):
        if i not in used:
            s.errors.append({"doc": name, "kind": "spurious", "text": t.text, "system": t.value})
    return s


def evaluate_docs(docs: Iterable[TimeMLDoc], *, model: str | None) -> Scores:
    nlp = None
    if model is not None:
        from sitrep.nlp.model import load_model

        nlp = load_model(model)
    total = Scores()
    for doc in docs:
        dct = dt.date.fromisoformat(doc.dct) if doc.dct else None
        parsed = nlp(doc.text) if nlp is not None else None
        total.add(score_doc(doc.timexes, tag(doc.text, dct=dct, doc=parsed), doc.name))
    return total


def evaluate_folder(folder: Path, *, model: str | None) -> dict[str, dict[str, float | int]]:
    """Scores per sub-folder holding .tml files, and over all of them."""
    out: dict[str, dict[str, float | int]] = {}
    total = Scores()
    subs = sorted({p.parent for p in folder.rglob("*.tml")})
    for sub in subs:
        scores = evaluate_docs(read_folder(sub), model=model)
        out[str(sub.relative_to(folder)) or "."] = scores.summary()
        total.add(scores)
    if len(subs) > 1:
        out["all"] = total.summary()
    return out


def error_profile(folder: Path, *, model: str | None, limit: int = 40) -> list[str]:
    """The commonest errors, for tuning the rules."""
    scores = evaluate_docs(read_folder(folder), model=model)
    counts = Counter(
        (e["kind"], e.get("text", "").lower(), e.get("gold", ""), e.get("system", ""))
        for e in scores.errors)
    return [f"{n:3d} {k}" for k, n in counts.most_common(limit)]
