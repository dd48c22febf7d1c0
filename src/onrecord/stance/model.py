"""The stance classifier: a few small MLPs, averaged, over pair features (no word vectors).

The features (features.py) say how much a text restates a claim and whether it refutes,
hedges or negates it near the claim's own words; they never name a topic's words, so the
model cannot memorise which stories were fakes. Earlier versions fed the claim's and the
text's TF-IDF vectors in too: on stories the training set did not have, that cost both
disagree F1 and the weighted score (docs/conflicts.md has the figures).

Disagree is rare (1.7% of FNC-1 training pairs), so its pairs weigh DISAGREE_WEIGHT in
training and its probability is shifted by DISAGREE_PRIOR at prediction; both were chosen by
cross-validation over training topics, never on the reported split. sklearn trains; the saved
model is plain arrays, so loading needs numpy only and not the sklearn that trained it.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelMissingError
from .features import FEATURE_NAMES, Vocab, pair_features

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
DISAGREE_WEIGHT = 2.0   # training weight of a disagree pair
DISAGREE_PRIOR = 2.0    # its probability is multiplied by this, then rows renormalised
HIDDEN, EPOCHS, MEMBERS = 50, 20, 3


@dataclass(slots=True)
class StanceModel:
    vocab: Vocab
    mean: np.ndarray      # standardisation of the pair features
    scale: np.ndarray
    weights: list[list[np.ndarray]]  # per member: input->hidden, hidden->LABELS
    biases: list[list[np.ndarray]]
    prior: np.ndarray = field(default_factory=lambda: np.ones(len(LABELS), dtype=np.float32))

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def fit(cls, claims: Sequence[str], texts: Sequence[str], labels: Sequence[str], *,
            vocab_size: int = 5000, hidden: int = HIDDEN, epochs: int = EPOCHS, members: int = MEMBERS,
            disagree_weight: float = DISAGREE_WEIGHT, disagree_prior: float = DISAGREE_PRIOR,
            seed: int = 0) -> StanceModel:
        """Train on (claim, text, label) triples; labels are FNC-1's four."""
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier

        vocab = Vocab.fit(list(dict.fromkeys(texts)) + list(dict.fromkeys(claims)), size=vocab_size)
        hand = pair_features(vocab, claims, texts)
        mean, scale = hand.mean(axis=0), hand.std(axis=0) + 1e-6
        x = (hand - mean) / scale
        y = np.array([LABELS.index(label) for label in labels])
        weight = np.where(y == LABELS.index("disagree"), disagree_weight, 1.0)
        prior = np.ones(len(LABELS), dtype=np.float32)
        prior[LABELS.index("disagree")] = disagree_prior
        model = cls(vocab=vocab, mean=mean, scale=scale, weights=[], biases=[], prior=prior)
        for k in range(members):  # averaging a few seeds steadies the rare class's boundary
            mlp = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=epochs, alpha=1e-4,
                                batch_size=256, random_state=seed + k)
            with warnings.catch_warnings():
                # A fixed, small number of epochs is the regulariser here, not a failure to converge.
                warnings.simplefilter("ignore", ConvergenceWarning)
                mlp.fit(x, y, sample_weight=weight)
            order = [list(mlp.classes_).index(i) for i in range(len(LABELS))]
            model.weights.append([mlp.coefs_[0].astype(np.float32), mlp.coefs_[1][:, order].astype(np.float32)])
            model.biases.append([mlp.intercepts_[0].astype(np.float32),
                                 mlp.intercepts_[1][order].astype(np.float32)])
        return model

    # -- prediction ---------------------------------------------------------------------------
    def predict_proba(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Rows of probabilities in LABELS order, one per (claim, text) pair."""
        if not claims:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        x = ((pair_features(self.vocab, claims, texts) - self.mean) / self.scale).astype(np.float64)
        total = np.zeros((len(x), len(LABELS)))
        for (w0, w1), (b0, b1) in zip(self.weights, self.biases):
            h = np.maximum(x @ w0 + b0, 0.0) @ w1 + b1  # sklearn's default relu
            h -= h.max(axis=1, keepdims=True)
            e = np.exp(h)
            total += e / e.sum(axis=1, keepdims=True)
        total *= self.prior
        return (total / total.sum(axis=1, keepdims=True)).astype(np.float32)

    def predict(self, claims: Sequence[str], texts: Sequence[str]) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(claims, texts).argmax(axis=1)]

    # -- persistence --------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        words = sorted(self.vocab.index, key=self.vocab.index.__getitem__)
        arrays = {f"{name}{k}": a for k, (ws, bs) in enumerate(zip(self.weights, self.biases))
                  for name, a in (("w0_", ws[0]), ("w1_", ws[1]), ("b0_", bs[0]), ("b1_", bs[1]))}
        np.savez_compressed(path, words=np.array(words), idf=self.vocab.idf, mean=self.mean,
                            scale=self.scale, prior=self.prior, features=np.array(FEATURE_NAMES), **arrays)

    @classmethod
    def load(cls, path: str | Path) -> StanceModel:
        with np.load(path, allow_pickle=False) as z:
            if [str(n) for n in z["features"]] != FEATURE_NAMES:
                # Features changed since the model was trained: its weights would read the wrong columns.
                raise ModelMissingError(f"{path} was trained on other features; rerun scripts/train_stance.py")
            words = [str(w) for w in z["words"]]
            vocab = Vocab(index={w: i for i, w in enumerate(words)}, idf=z["idf"].astype(np.float32))
            members = sum(1 for name in z.files if name.startswith("w0_"))
            return cls(vocab=vocab, mean=z["mean"], scale=z["scale"], prior=z["prior"],
                       weights=[[z[f"w0_{k}"], z[f"w1_{k}"]] for k in range(members)],
                       biases=[[z[f"b0_{k}"], z[f"b1_{k}"]] for k in range(members)])
