"""The stance classifier: small MLPs, averaged, over pair features (no word vectors).

The features (features.py) say how much a text restates a claim and whether it refutes,
hedges or negates it near the claim's own words; they never name a topic's words, so the
model cannot memorise which stories were fakes. Earlier versions fed the claim's and the
text's TF-IDF vectors in too: on stories the training set did not have, that cost both
disagree F1 and the weighted score (figures in tests/test_floors_stance.py).

Disagree is rare (1.7% of FNC-1 training pairs), so its pairs weigh DISAGREE_WEIGHT in
training and its probability is shifted by DISAGREE_PRIOR at prediction; both were chosen by
cross-validation over training topics, never on the reported split. Texts of a sentence or
two (claims against claims) go to a second set of MLPs, trained on headline pairs whose
stance follows from FNC-1's labels (`headline_pairs`). sklearn trains; the saved
model is plain arrays, so loading needs numpy only and not the sklearn that trained it.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelMissingError
from .features import FEATURE_NAMES, Vocab, pair_features, tokens

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
DISAGREE_WEIGHT = 2.0   # training weight of a disagree pair
DISAGREE_PRIOR = 2.0    # its probability is multiplied by this, then rows renormalised
HIDDEN, EPOCHS, MEMBERS = 50, 20, 3
SHORT_PAIRS = 4000   # most headline-vs-headline pairs of each label the short-text MLPs learn from
SHORT_TOKENS = 40    # texts of at most this many tokens (a sentence or two) go to the short-text MLPs
# A short text that negates or refutes a plain claim's own words ("I never met her" against
# "X met her") disagrees with it; headline pairs hold few such, so the short MLPs underrate
# it. Its disagree probability is multiplied by this (on held-out headline pairs such a
# clash marks 23% of disagreeing pairs and 1% of agreeing ones).
CLASH_SHIFT = 4.0
_CLASH = (FEATURE_NAMES.index("neg_near_x_h_plain"), FEATURE_NAMES.index("refute_near"),
          FEATURE_NAMES.index("refute_h_any"))


def headline_pairs(claims: Sequence[str], texts: Sequence[str], labels: Sequence[str], *,
                   limit: int = SHORT_PAIRS, seed: int = 0) -> list[tuple[str, str, str]]:
    """Short (claim, claim, label) pairs derived from FNC-1's own labels.

    FNC-1 pairs a headline with a whole article, but callers also compare two one-sentence
    claims, a kind of text the article model reads badly (it took "I never met her" for
    discuss). Two headlines that take sides on the same article take sides on each other:
    both agree with it, or both disagree, and they agree; one of each, and they disagree. A
    headline unrelated to an article is unrelated to the headlines that take sides on it.
    """
    sides: dict[str, dict[str, set[str]]] = {}
    for claim, text, label in zip(claims, texts, labels):
        if label in ("agree", "disagree", "unrelated"):
            sides.setdefault(text, {"agree": set(), "disagree": set(), "unrelated": set()})[label].add(claim)
    found: dict[tuple[str, str], set[str]] = {}
    for side in sides.values():
        for a_label, a_set in side.items():
            for b_label, b_set in side.items():
                if b_label == "unrelated":
                    continue  # two headlines unrelated to one article: anything between them
                label = ("unrelated" if a_label == "unrelated" else "agree" if a_label == b_label else "disagree")
                for a in sorted(a_set):
                    for b in sorted(b_set):
                        if a != b:
                            found.setdefault((a, b), set()).add(label)
    rng = np.random.default_rng(seed)
    out: list[tuple[str, str, str]] = []
    for label in ("agree", "disagree", "unrelated"):
        pairs = sorted(k for k, v in found.items() if v == {label})  # both readings: dropped
        for i in rng.permutation(len(pairs))[:limit]:
            out.append((*pairs[i], label))
    return out


@dataclass(slots=True)
class StanceModel:
    vocab: Vocab
    mean: np.ndarray      # standardisation of the pair features
    scale: np.ndarray
    weights: list[list[np.ndarray]]  # per member: input->hidden, hidden->LABELS
    biases: list[list[np.ndarray]]
    prior: np.ndarray = field(default_factory=lambda: np.ones(len(LABELS), dtype=np.float32))
    short_weights: list[list[np.ndarray]] = field(default_factory=list)  # for texts of <= SHORT_TOKENS
    short_biases: list[list[np.ndarray]] = field(default_factory=list)
    short_mean: np.ndarray | None = None
    short_scale: np.ndarray | None = None

    # -- training ---------------------------------------------------------------------------
    @classmethod
    def fit(cls, claims: Sequence[str], texts: Sequence[str], labels: Sequence[str], *,
            vocab_size: int = 5000, hidden: int = HIDDEN, epochs: int = EPOCHS, members: int = MEMBERS,
            disagree_weight: float = DISAGREE_WEIGHT, disagree_prior: float = DISAGREE_PRIOR,
            short_pairs: int = SHORT_PAIRS, seed: int = 0) -> StanceModel:
        """Train on (claim, text, label) triples, labels FNC-1's four; the short-text MLPs on
        the `headline_pairs` drawn from them."""
        vocab = Vocab.fit(list(dict.fromkeys(texts)) + list(dict.fromkeys(claims)), size=vocab_size)
        prior = np.ones(len(LABELS), dtype=np.float32)
        prior[LABELS.index("disagree")] = disagree_prior
        model = cls(vocab=vocab, mean=np.zeros(0), scale=np.ones(0), weights=[], biases=[], prior=prior)
        model.mean, model.scale, model.weights, model.biases = _train(
            pair_features(vocab, claims, texts), labels, hidden=hidden, epochs=epochs, members=members,
            disagree_weight=disagree_weight, seed=seed)
        short = headline_pairs(claims, texts, labels, limit=short_pairs, seed=seed)
        if short:
            model.short_mean, model.short_scale, model.short_weights, model.short_biases = _train(
                pair_features(vocab, [p[0] for p in short], [p[1] for p in short]), [p[2] for p in short],
                hidden=hidden, epochs=epochs, members=members, disagree_weight=1.0, seed=seed)
        return model

    # -- prediction ---------------------------------------------------------------------------
    def predict_proba(self, claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
        """Rows of probabilities in LABELS order, one per (claim, text) pair."""
        if not claims:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        hand = pair_features(self.vocab, claims, texts)
        total = _forward((hand - self.mean) / self.scale, self.weights, self.biases) * self.prior
        if self.short_weights:  # the prior shift is the article model's; the short one is balanced
            short = np.array([is_short(t) for t in texts])
            if short.any():
                total[short] = _forward((hand[short] - self.short_mean) / self.short_scale,
                                        self.short_weights, self.short_biases)
                neg, refute, h_refute = (hand[:, j] for j in _CLASH)
                clash = short & ((neg > 0) | ((refute > 0) & (h_refute == 0)))
                total[clash, LABELS.index("disagree")] *= CLASH_SHIFT
        return (total / total.sum(axis=1, keepdims=True)).astype(np.float32)

    def predict(self, claims: Sequence[str], texts: Sequence[str]) -> list[str]:
        return [LABELS[i] for i in self.predict_proba(claims, texts).argmax(axis=1)]

    # -- persistence --------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        words = sorted(self.vocab.index, key=self.vocab.index.__getitem__)
        arrays = {f"{pre}{name}{k}": a
                  for pre, weights, biases in (("", self.weights, self.biases),
                                               ("s", self.short_weights, self.short_biases))
                  for k, (ws, bs) in enumerate(zip(weights, biases))
                  for name, a in (("w0_", ws[0]), ("w1_", ws[1]), ("b0_", bs[0]), ("b1_", bs[1]))}
        if self.short_weights:
            arrays.update(short_mean=self.short_mean, short_scale=self.short_scale)
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
            def members(pre: str) -> tuple[list[list[np.ndarray]], list[list[np.ndarray]]]:
                n = sum(1 for name in z.files if name.startswith(f"{pre}w0_"))
                return ([[z[f"{pre}w0_{k}"], z[f"{pre}w1_{k}"]] for k in range(n)],
                        [[z[f"{pre}b0_{k}"], z[f"{pre}b1_{k}"]] for k in range(n)])

            (weights, biases), (short_weights, short_biases) = members(""), members("s")
            return cls(vocab=vocab, mean=z["mean"], scale=z["scale"], prior=z["prior"], weights=weights,
                       biases=biases, short_weights=short_weights, short_biases=short_biases,
                       short_mean=z["short_mean"] if short_weights else None,
                       short_scale=z["short_scale"] if short_weights else None)


def is_short(text: str) -> bool:
    """A claim, not an article (a count of tokens: sentence splitting breaks at "Ms."). The
    few FNC-1 bodies this short are read as claims too."""
    return len(tokens(text)) <= SHORT_TOKENS


def _train(hand: np.ndarray, labels: Sequence[str], *, hidden: int, epochs: int, members: int,
           disagree_weight: float, seed: int) -> tuple[np.ndarray, np.ndarray, list, list]:
    """Standardise, then train `members` MLPs of different seeds: (mean, scale, weights, biases)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    mean, scale = hand.mean(axis=0), hand.std(axis=0) + 1e-6
    x = (hand - mean) / scale
    y = np.array([LABELS.index(label) for label in labels])
    weight = np.where(y == LABELS.index("disagree"), disagree_weight, 1.0)
    weights, biases = [], []
    for k in range(members):  # averaging a few seeds steadies the rare class's boundary
        mlp = MLPClassifier(hidden_layer_sizes=(hidden,), max_iter=epochs, alpha=1e-4,
                            batch_size=256, random_state=seed + k)
        with warnings.catch_warnings():
            # A fixed, small number of epochs is the regulariser here, not a failure to converge.
            warnings.simplefilter("ignore", ConvergenceWarning)
            mlp.fit(x, y, sample_weight=weight)
        # Output columns in LABELS order; a label absent from training gets a very low score.
        w1 = np.zeros((hidden, len(LABELS)), dtype=np.float32)
        b1 = np.full(len(LABELS), -30.0, dtype=np.float32)
        for j, c in enumerate(mlp.classes_):
            w1[:, c], b1[c] = mlp.coefs_[1][:, j], mlp.intercepts_[1][j]
        weights.append([mlp.coefs_[0].astype(np.float32), w1])
        biases.append([mlp.intercepts_[0].astype(np.float32), b1])
    return mean, scale, weights, biases


def _forward(x: np.ndarray, weights: list, biases: list) -> np.ndarray:
    """The members' softmax outputs, averaged."""
    x = x.astype(np.float64)
    total = np.zeros((len(x), len(LABELS)))
    for (w0, w1), (b0, b1) in zip(weights, biases):
        h = np.maximum(x @ w0 + b0, 0.0) @ w1 + b1  # sklearn's default relu
        h -= h.max(axis=1, keepdims=True)
        e = np.exp(h)
        total += e / e.sum(axis=1, keepdims=True)
    return total / max(1, len(weights))
