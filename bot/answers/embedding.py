"""Sentence embeddings, offline and in-process: all-MiniLM-L6-v2 run with NumPy.

The model's files (`model.safetensors`, `tokenizer.json`) are fetched once by
`scripts/fetch-model` (run by `make`), checked against pinned hashes and kept in
`.cache/models/`; nothing is downloaded at run time. The forward pass is the model's own:
six BERT layers, the mean of the token vectors over the mask, L2-normalised (what
sentence-transformers gives). Embeddings are kept on disk keyed by a hash of the text, so
start-up and the tests do not work them out again.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot import cachedir

Vectors = npt.NDArray[np.float32]
MODEL = "all-MiniLM-L6-v2"
log = logging.getLogger(__name__)
MODELS = cachedir.CACHE / "models"
CACHE = cachedir.CACHE / "embeddings"
FILES = ("model.safetensors", "tokenizer.json")
HEADS, MAX_TOKENS, BATCH = 12, 256, 32  # 256: sentence-transformers' limit for it
_EPS = np.float32(1e-12)
# erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7): the model's GELU is erf's
_P, _A = 0.3275911, (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)


def _f32(x: npt.ArrayLike) -> Vectors:
    return np.asarray(x, dtype=np.float32)


def _layer_norm(x: Vectors, w: Vectors, b: Vectors) -> Vectors:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(-1, keepdims=True)
    return _f32(centred / np.sqrt(var + _EPS) * w + b)


def _gelu(x: Vectors) -> Vectors:
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1.0 / (1.0 + _P * z)
    poly = t * (_A[0] + t * (_A[1] + t * (_A[2] + t * (_A[3] + t * _A[4]))))
    erf = np.sign(x) * (1.0 - poly * np.exp(-z * z))
    return _f32(0.5 * x * (1.0 + erf))


class Model:
    """The encoder: a BERT forward pass over a batch of tokenised sentences."""

    def __init__(self, folder: Path) -> None:
        # imported here: most processes find every phrasing's embedding in the cache and
        # never load the model (7 MB of RSS saved)
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        w = {k: _f32(v) for k, v in load_file(str(folder / "model.safetensors")).items()}
        self.w = w
        self.layers = sum(1 for k in w if k.endswith("attention.self.query.weight"))
        # the projections transposed once, so a batch multiplies as x @ W
        for k in list(w):
            if k.startswith("encoder.") and k.endswith(
                ("dense.weight", "query.weight", "key.weight", "value.weight")
            ):
                w[k] = np.ascontiguousarray(w[k].T)

    def encode(self, texts: Sequence[str]) -> Vectors:
        """Unit vectors, one a text (texts of like length batched together)."""
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]))
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return _f32(out)

    def _batch(self, texts: Sequence[str]) -> Vectors:
        found = self.tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in found], dtype=np.int64)
        mask = _f32([e.attention_mask for e in found])
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][: ids.shape[1]]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for n in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{n}.")
        summed = (x * mask[:, :, None]).sum(1)
        pooled = summed / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return _f32(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))

    def _layer(self, x: Vectors, bias: Vectors, p: str) -> Vectors:
        w = self.w
        b, t, d = x.shape
        size = d // HEADS

        def heads(name: str) -> Vectors:
            y = x @ w[f"{p}attention.self.{name}.weight"] + w[f"{p}attention.self.{name}.bias"]
            return _f32(y.reshape(b, t, HEADS, size).transpose(0, 2, 1, 3))

        q, k, v = heads("query"), heads("key"), heads("value")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(size)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(b, t, d)
        attended = context @ w[f"{p}attention.output.dense.weight"]
        x = _layer_norm(
            x + attended + w[f"{p}attention.output.dense.bias"],
            w[f"{p}attention.output.LayerNorm.weight"],
            w[f"{p}attention.output.LayerNorm.bias"],
        )
        inner = _gelu(
            _f32(x @ w[f"{p}intermediate.dense.weight"] + w[f"{p}intermediate.dense.bias"])
        )
        return _layer_norm(
            x + inner @ w[f"{p}output.dense.weight"] + w[f"{p}output.dense.bias"],
            w[f"{p}output.LayerNorm.weight"],
            w[f"{p}output.LayerNorm.bias"],
        )


def _key(text: str) -> str:
    return hashlib.sha256(f"{MODEL}\0{text}".encode()).hexdigest()


class Embedder:
    """Texts to unit vectors. Those asked to be kept (the content's) are worked out once:
    kept in memory and on disk, one file a batch, named by the hash of its keys, written
    whole and then renamed into place, so several processes can share the folder. A
    member's question is never kept, in memory or on disk."""

    def __init__(self, folder: Path | None = None, cache: Path | None = CACHE) -> None:
        self.folder = folder or MODELS / MODEL
        self.cache = cache
        self._model: Model | None = None
        self._known: dict[str, Vectors] = {}
        self._lock = threading.Lock()
        self._read = False

    def available(self) -> bool:
        return all((self.folder / name).is_file() for name in FILES)

    def _load_cache(self) -> None:
        self._read = True
        if self.cache is None or not self.cache.is_dir():
            return
        for path in sorted(self.cache.glob("*.npz")):
            try:
                with np.load(path) as found:
                    keys, vectors = found["keys"], found["vectors"]
            except (OSError, ValueError, KeyError):
                continue  # a damaged file: its texts are worked out again
            self._known.update(zip((str(k) for k in keys), _f32(vectors), strict=True))

    def embed(self, texts: Sequence[str], keep: bool = False) -> Vectors:
        """One unit vector a text; `keep`: remember them (on disk too)."""
        with self._lock:
            if not self._read:
                self._load_cache()
            keys = [_key(t) for t in texts]
            todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._known}
            found = dict(zip(todo, self._encode(list(todo.values())), strict=True))
            if keep and found:
                self._keep(found)
            vectors = [self._known[k] if k in self._known else found[k] for k in keys]
            return _f32(np.stack(vectors)) if vectors else np.zeros((0, 384), np.float32)

    def question(self, text: str) -> Vectors:
        """A member's question, worked out each time (not looked up, so its cost is what a
        new question costs) and never kept."""
        with self._lock:
            return _f32(self._encode([text])[0])

    def _encode(self, texts: list[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 384), np.float32)
        if self._model is None:
            self._model = Model(self.folder)
        return self._model.encode(texts)

    def _keep(self, found: dict[str, Vectors]) -> None:
        self._known.update(found)
        if self.cache is None:
            return
        keys = list(found)
        name = hashlib.sha256("".join(keys).encode()).hexdigest()[:32]
        part = self.cache / f".{name}.{os.getpid()}.{threading.get_ident()}.npz"
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            np.savez(part, keys=np.array(keys), vectors=np.stack(list(found.values())))
            part.replace(self.cache / f"{name}.npz")
        except OSError as error:  # a read-only place: worked out again at the next start
            log.warning("embeddings not kept in %s: %s", self.cache, error)


_SHARED: list[Embedder | None] = []


def shared() -> Embedder | None:
    """The process's embedder, None (the signal off) when the model was not fetched."""
    if not _SHARED:
        found = Embedder()
        if not found.available():
            log.warning(
                "no sentence-embedding model in %s (run scripts/fetch-model, or make): "
                "questions are answered without the vote in meaning",
                found.folder,
            )
        _SHARED.append(found if found.available() else None)
    return _SHARED[0]


def warm(folder: str) -> None:
    """The embeddings of a content folder's phrasings and of the partisan check's exemplars,
    worked out and kept (`make model`)."""
    from bot.answers.engine import ContentAnswerer
    from bot.content.loader import load_content
    from bot.services.calendar import UkWorkingDays

    if shared() is not None:
        found = ContentAnswerer(load_content(Path(folder)), None, UkWorkingDays(), "Europe/London")
        found.whom.warm()  # the partisan check's exemplars (views.py)


if __name__ == "__main__":
    import sys

    warm(sys.argv[1] if len(sys.argv) > 1 else "campaigns")
