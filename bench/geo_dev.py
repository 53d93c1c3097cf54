"""Fast iteration on toponym resolution: parse a geo dev set once, then re-resolve.

Recognition (spaCy plus the gazetteer) is the slow part of `sitrep eval geo`; the
resolver only needs the mentions. This script caches each document's mentions in
a pickle beside the system's temporary folder and scores `resolve` on them, so a
change to `sitrep.geo.resolve` is measured in seconds. Scores equal those of
`sitrep eval geo` as long as recognition is unchanged (delete the cache after
changing `recognize.py` or the gazetteer).

    python bench/geo_dev.py ../shared/data/geo/lgl.xml --errors 40
    python bench/geo_dev.py ../shared/data/geo/lgl.xml --far 30   # worst far errors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import tempfile
from pathlib import Path
from typing import Any

from sitrep.eval.geo import GeoDoc, Tally, error_km, match, read_corpus
from sitrep.geo.gazetteer import default_gazetteer
from sitrep.geo.recognize import Mention, recognize
from sitrep.geo.resolve import resolve


def cached_mentions(path: Path, docs: list[GeoDoc]) -> list[list[Mention]]:
    """Each document's mentions, from the cache or parsed now."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    cache = Path(tempfile.gettempdir()) / f"sitrep-geo-mentions-{path.stem}-{digest}.pkl"
    if cache.exists():
        out: list[list[Mention]] = pickle.loads(cache.read_bytes())
        return out
    from sitrep.nlp.model import load_model
    from sitrep.settings import Settings

    nlp, gaz = load_model(Settings().model), default_gazetteer()
    out = [recognize(nlp(d.text), gaz) for d in docs]
    cache.write_bytes(pickle.dumps(out))
    return out


def run(path: Path, *, errors: int = 0, far: int = 0) -> dict[str, Any]:
    docs = read_corpus(path)
    mentions = cached_mentions(path, docs)
    gaz, tally, worst = default_gazetteer(), Tally(), []
    for doc, found in zip(docs, mentions, strict=True):
        places = resolve(doc.text, [_copy(m) for m in found], gaz)
        tally.add(doc, places)
        for i, j in match(doc.toponyms, places):
            g, p = doc.toponyms[i], places[j]
            if g.lat is not None and g.lon is not None:
                km = error_km(g, p)
                if km > 161:
                    worst.append((doc.name, g.text, g.name, round(g.lat, 2), round(g.lon, 2),
                                  p.name, p.country, p.admin1, p.feature, round(km)))
    out = tally.summary(errors)
    if far:
        out["far"] = worst[:far]
    return out


def _copy(m: Mention) -> Mention:
    return Mention(m.start, m.end, m.text, m.source, m.feature, m.country, m.metonymic)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--far", type=int, default=0, help="list this many far errors")
    args = parser.parse_args()
    out = run(args.file, errors=args.errors, far=args.far)
    rec, res = out["recognition"], out["resolution"]
    print(f"{args.file.name}: P {rec['precision']:.3f} R {rec['recall']:.3f} "
          f"F1 {rec['f1']:.3f} | acc161 {res['acc161']:.3f} median {res['median_km']} km "
          f"auc {res['auc']} (scored {res['scored']}, unresolved {res['unresolved']})")
    for row in out.get("far", []):
        print("\t".join(map(str, row)))
    if args.errors:
        print(json.dumps(out["errors"], indent=0))


if __name__ == "__main__":
    main()
