"""The stance classifier: TF-IDF of claim and text plus pair features, into a one-layer MLP.

The UCL FNC-1 baseline's shape (claim vector, text vector, similarity -> MLP), with hand
features (overlap, refuting and hedging words near the best-matching sentence) beside it.
sklearn trains it; the saved model is plain arrays, so loading needs numpy only and does
not depend on the sklearn version that trained it.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from .features import Vocab, content, pair_features, tokens

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")


@dataclass(slots=True)
class StanceModel:
    vocab: Vocab
    mean: np.ndarray      # standardisation of the pair features
    scale: np.ndarray
    weights: list[np.ndarray]
    biases: list[np.ndarray]

    # -- features -------------------------------------------------------------------------
    def _matrix(self, claims: Sequence[str], texts: Sequence[str]) -> sp.csr_matrix:
        hand = (pair_features(self.vocab, claims, texts) - self.mean) / self.scale
        return sp.hstack([_rows(self.vocab, claims), _rows(self.vocab, texts),
                          sp.csr_matrix(hand.astype(np.float32))]).tocsr()

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def fit(cls, claims: Sequence[str], texts: Sequence[str], labels: Sequence[str], *,
            vocab_size: int = 5000, hidden: int = 100, epochs: int = 12, seed: int = 0) -> "StanceModel":
        """Train on (claim, text, label) triples; labels are FNC-1's four."""
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier

        vocab = Vocab.fit(list(dict.fromkeys(texts)) + list(dict.fromkeys(claims)), size=vocab_size)
        hand = pair_features(vocab, claims, texts)
        mean, scale = hand.mean(axis=0), hand.std(axis=0) + 1e-6
        model = cls(vocab=vocab, mean=mean, scale=scale, weights=[], biases=[])
        x = sp.hstack([_rows(vocab, claims), _rows(vocab, texts),
                       sp.csr_matrix(((hand - mean) / scale).astype(np.float32))]).tocsr()
        y = np.array([LABELS.index(label) for label in labels])
        mlp = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=epochs, alpha=1e-4,
                            batch_size=256, random_state=seed)
        with warnings.catch_warnings():
            # A fixed, small number of epochs is the regulariser here, not a failure to converge.
            warnings.simplefilter("ignore", ConvergenceWarning)
            mlp.fit(x, y)
        order = [list(mlp.classes_).index(i) for i in range(len(LABELS))]
        model.weights = [w.astype(np.float32) for w in mlp.coefs_]
        model.weights[-1] = model.weights[-1][:, order]
        model.biases = [b.astype(np.float32) for b in mlp.intercepts_]
        model.biases[-1] = model.biases[-1][order]
        return model

    # -- prediction ---------------------------------------------------------------------------
    def predict_proba(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Rows of probabilities in LABELS order, one per (claim, text) pair."""
        if not claims:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        h = self._matrix(claims, texts)
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = h @ w + b
            if i < len(self.weights) - 1:
                h = np.maximum(h, 0.0)  # sklearn's default relu
        h = np.asarray(h, dtype=np.float64)
        h -= h.max(axis=1, keepdims=True)
        e = np.exp(h)
        return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)

    def predict(self, claims: Sequence[str], texts: Sequence[str]) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(claims, texts).argmax(axis=1)]

    # -- persistence --------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        words = sorted(self.vocab.index, key=self.vocab.index.__getitem__)
        # float16 weights keep the shipped file under 5 MB; the scores do not move.
        np.savez_compressed(path, words=np.array(words), idf=self.vocab.idf, mean=self.mean,
                            scale=self.scale, w0=self.weights[0].astype(np.float16),
                            w1=self.weights[1].astype(np.float16), b0=self.biases[0], b1=self.biases[1])

    @classmethod
    def load(cls, path: str | Path) -> "StanceModel":
        with np.load(path, allow_pickle=False) as z:
            words = [str(w) for w in z["words"]]
            vocab = Vocab(index={w: i for i, w in enumerate(words)}, idf=z["idf"].astype(np.float32))
            return cls(vocab=vocab, mean=z["mean"], scale=z["scale"],
                       weights=[z["w0"].astype(np.float32), z["w1"].astype(np.float32)],
                       biases=[z["b0"], z["b1"]])


def _rows(vocab: Vocab, texts: Sequence[str]) -> sp.csr_matrix:
    """TF-IDF rows for texts, each distinct text vectorised once."""
    unique = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    m = vocab.tfidf([content(tokens(t)) for t in unique])
    return m[[unique[t] for t in texts]]
