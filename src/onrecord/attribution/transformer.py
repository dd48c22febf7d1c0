"""The attribution transformer: a MiniLM encoder fine-tuned on PolNeAR train that, for one
sentence at a time, tags cue words (BIO) and, for each cue it is given, tags every word of the
sentence as the cue's source, its content or neither.

One encoder pass per sentence serves all the sentence's cues: the pair head scores (word, cue)
from the two words' vectors, so a sentence with three cues costs one pass, not three. It runs
with onnxruntime on an int8-quantised ONNX graph, only on sentences that can hold an
attribution (a cue candidate, a quotation mark, a colon), one sentence per window, so a window
never crosses a sentence bound. Torch is needed only to train it (scripts/train_attribution_
transformer.py). When its files are absent the stage runs the linear models alone; files that
do not match their recorded sha256 are an error, not a silent fallback.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OnrecordError
from .wordpiece import WordPiece

if TYPE_CHECKING:
    from spacy.tokens import Doc

DATA = Path(__file__).resolve().parent.parent / "data" / "attribution"
META_PATH = DATA / "transformer.json"
MAX_PIECES = 128          # pieces per window, [CLS] and [SEP] included; longer sentences are cut
CUE_LABELS = ("O", "B", "I")
PAIR_LABELS = ("O", "SOURCE", "CONTENT")
_GATE_CHARS = frozenset(":\"“”‘’«»")


class TaggerFileError(OnrecordError):
    """The attribution transformer's shipped files do not match their recorded sha256."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- windows: shared by training and inference ------------------------------------------------

def window_words(doc: "Doc", first: int, end: int, spaces) -> list[int]:  # noqa: ANN001
    """The token indices of a sentence's words (white-space tokens left out)."""
    return [i for i in range(first, end) if not spaces[i]]


def encode(wp: WordPiece, words: list[str], max_pieces: int = MAX_PIECES) -> tuple[list[int], list[int]]:
    """Piece ids ([CLS] ... [SEP]) and, per word that fits, the position of its first piece.
    Words past the window's end are cut (the caller sees len(starts) < len(words))."""
    ids = [wp.cls]
    starts: list[int] = []
    for w in words:
        pieces = wp.encode(w)
        if len(ids) + len(pieces) > max_pieces - 1:
            break
        starts.append(len(ids))
        ids.extend(pieces)
    ids.append(wp.sep)
    return ids, starts


def worth_tagging(words: list[str], candidate: bool) -> bool:
    """A sentence can hold an attribution: it has a cue candidate, a quotation mark or a colon."""
    return candidate or any(ch in _GATE_CHARS for w in words for ch in w)


# --- the shipped model ------------------------------------------------------------------------

class Transformer:
    """The ONNX session with its vocabulary; `tag` runs one window."""

    def __init__(self, meta: dict, onnx_path: Path, vocab_path: Path) -> None:
        import numpy as np
        import onnxruntime as ort

        self.np = np
        self.meta = meta
        self.wp = WordPiece.from_file(vocab_path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        self.max_pieces = int(meta.get("max_pieces", MAX_PIECES))

    @property
    def name(self) -> str:
        return str(self.meta.get("name", "transformer"))

    def tag(self, windows: list[tuple[list[str], list[int]]]) -> list:
        """Per window (its words, the word positions of its cues): (cue probabilities [W, 3],
        pair probabilities [K, W, 3], W), W < len(words) where the window was cut. The windows
        run as one padded batch."""
        np = self.np
        enc = [encode(self.wp, words, self.max_pieces) for words, _ in windows]
        B = len(enc)
        T = max(len(ids) for ids, _ in enc)
        W = max(1, max(len(starts) for _, starts in enc))
        input_ids = np.zeros((B, T), dtype=np.int64)
        mask = np.zeros((B, T), dtype=np.int64)
        word_index = np.zeros((B, W), dtype=np.int64)
        cue_batch: list[int] = []
        cue_index: list[int] = []
        rows: list[list[int]] = []
        for b, ((ids, starts), (_, cues)) in enumerate(zip(enc, windows)):
            input_ids[b, :len(ids)] = ids
            mask[b, :len(ids)] = 1
            word_index[b, :len(starts)] = starts
            keep = [c for c in cues if c < len(starts)]
            rows.append(list(range(len(cue_index), len(cue_index) + len(keep))))
            cue_batch.extend([b] * len(keep))
            cue_index.extend(keep)
        if not cue_index:
            cue_batch, cue_index = [0], [0]
        cue_logits, pair_logits = self.session.run(None, {
            "input_ids": input_ids, "attention_mask": mask, "word_index": word_index,
            "cue_batch": np.asarray(cue_batch, dtype=np.int64), "cue_index": np.asarray(cue_index, dtype=np.int64)})
        cue_p, pair_p = _softmax(np, cue_logits), _softmax(np, pair_logits)
        out = []
        for b, (_, starts) in enumerate(enc):
            n = len(starts)
            out.append((cue_p[b, :n], pair_p[rows[b], :n] if rows[b] else pair_p[:0, :n], n))
        return out


def _softmax(np, x):  # noqa: ANN001, ANN202
    z = x - x.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@lru_cache(maxsize=1)
def load() -> Transformer | None:
    """The shipped transformer, once per process; None when its files (or onnxruntime) are absent
    or ONRECORD_ATTRIBUTION=linear asks for the linear models alone (to compare the two)."""
    if os.environ.get("ONRECORD_ATTRIBUTION", "").lower() == "linear" or not META_PATH.exists():
        return None
    meta = json.loads(META_PATH.read_text(encoding="utf-8"))
    paths = {name: DATA / name for name in meta.get("files", {})}
    if not paths or not all(p.exists() for p in paths.values()):
        return None
    for name, path in paths.items():
        if sha256(path) != meta["files"][name]:
            raise TaggerFileError(f"{path} does not match the sha256 recorded in {META_PATH.name}; "
                                  "rebuild it with scripts/train_attribution_transformer.py")
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return None
    return Transformer(meta, DATA / meta["onnx"], DATA / meta["vocab"])


@contextmanager
def only_linear(active: bool = True) -> Iterator[None]:
    """Run the linear models alone inside the block (to score both models on one parse)."""
    if not active:
        yield
        return
    before = os.environ.get("ONRECORD_ATTRIBUTION")
    os.environ["ONRECORD_ATTRIBUTION"] = "linear"
    load.cache_clear()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("ONRECORD_ATTRIBUTION", None)
        else:
            os.environ["ONRECORD_ATTRIBUTION"] = before
        load.cache_clear()


def model_name() -> str:
    """Which attribution model runs: the transformer's name, or the linear models'."""
    try:
        model = load()
    except TaggerFileError:
        return "linear (transformer files corrupt)"
    return model.name if model is not None else "linear"


# --- one article -------------------------------------------------------------------------------

class Tagged:
    """The transformer's output for one article: per cue-candidate token, the window's token
    indices with the pair probabilities (O, SOURCE, CONTENT) of each word; per word, the
    probability that it is in a cue (B or I)."""

    __slots__ = ("cue_prob", "pairs", "window_of")

    def __init__(self) -> None:
        self.cue_prob: dict[int, float] = {}
        self.pairs: dict[int, object] = {}
        self.window_of: dict[int, list[int]] = {}


def tag_doc(doc, quotes, cues: list, settled: set[int] = frozenset()) -> Tagged | None:  # noqa: ANN001
    """Run the transformer over every sentence that can hold an attribution -- one with a cue
    of the linear model, and, when the decode takes the transformer's own cues, one with a
    quotation mark or a colon -- with the cues (and cue candidates) of each as the pair head's
    cues, a few windows per batch. `settled`: cues whose content the rules took beyond their
    sentence; under the linear decodes (veto, blend) the transformer's view of their sentence is
    never used, so they alone do not make it run. None when no transformer is shipped."""
    model = load()
    if model is None:
        return None
    from spacy.attrs import IS_SPACE

    from .cues import candidates
    from .tagger import _arrays

    arrays = _arrays(doc)
    spaces = doc.to_array([IS_SPACE]).reshape(-1).tolist()
    # Cues of its own are asked for only when the decode takes them (a threshold of at most 1);
    # otherwise only the linear model's cues are tagged, and only their sentences run. Sentences
    # with a quotation mark or a colon and no linear cue run only with "gate": "quotes".
    conf = model.meta.get("decode", {})
    own_cues = float(conf.get("cue", 0.5)) <= 1.0
    cands = candidates(doc, quotes)[0] if own_cues else []
    by_sent: dict[int, set[int]] = {}
    for tok in (*cands, *cues):
        by_sent.setdefault(arrays.bounds(tok.i)[0], set()).add(tok.i)
    if not own_cues and conf.get("content_from") in ("linear", "blend"):
        cues = [c for c in cues if c.i not in settled]
    cue_sents = {arrays.bounds(c.i)[0] for c in cues}
    wide = own_cues and conf.get("gate", "quotes") == "quotes"
    gate = doc_gate(doc, arrays) if wide else [False] * len(arrays.starts)
    out = Tagged()
    starts = arrays.starts
    todo = []
    for k, first in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else arrays.n
        heads = by_sent.get(first, set())
        if not gate[k] and first not in cue_sents:
            continue
        idxs = window_words(doc, first, end, spaces)
        if idxs:
            pos = {i: j for j, i in enumerate(idxs)}
            order = sorted(heads)
            todo.append((idxs, order, [doc[i].text for i in idxs], [pos[i] for i in order]))
    # Similar lengths together, a few windows per run: less padding, larger matrix products.
    todo.sort(key=lambda w: len(w[0]))
    for lo in range(0, len(todo), _BATCH):
        group = todo[lo:lo + _BATCH]
        for (idxs, order, _, cue_pos), (cue_p, pair_p, n) in zip(group, model.tag([(w, c) for _, _, w, c in group])):
            idxs = idxs[:n]
            for j, i in enumerate(idxs):
                out.cue_prob[i] = float(cue_p[j, 1] + cue_p[j, 2])
                out.window_of[i] = idxs
            for row, i in enumerate(i for i, p in zip(order, cue_pos) if p < n):
                out.pairs[i] = pair_p[row]
    return out


_BATCH = 4


def doc_gate(doc, arrays) -> list[bool]:  # noqa: ANN001
    """Per sentence: it holds a quotation mark or a colon."""
    from bisect import bisect_right

    from ..entities import doc_text

    text = doc_text(doc)
    firsts = [arrays.idx[i] for i in arrays.starts]
    out = [False] * len(firsts)
    for m in _GATE_RE.finditer(text):
        out[max(0, bisect_right(firsts, m.start()) - 1)] = True
    return out


_GATE_RE = re.compile("[" + re.escape("".join(sorted(_GATE_CHARS))) + "]")


def _runs(idxs: list[int], on: list[bool]) -> list[tuple[int, int]]:
    runs, start = [], None
    for j, flag in enumerate(on):
        if flag and start is None:
            start = j
        elif not flag and start is not None:
            runs.append((idxs[start], idxs[j - 1]))
            start = None
    if start is not None:
        runs.append((idxs[start], idxs[len(on) - 1]))
    return runs


def decode(doc, tagged: Tagged, cue_i: int, *, source_t: float = 0.5, content_t: float = 0.5):  # noqa: ANN001, ANN201
    """(source token runs, content token runs) for a tagged cue, as (first, last) token pairs;
    None when the cue's sentence was not tagged."""
    probs = tagged.pairs.get(cue_i)
    if probs is None:
        return None
    idxs = tagged.window_of[cue_i]
    src = _runs(idxs, [bool(p[1] >= source_t) for p in probs])
    cont = _runs(idxs, [bool(p[2] >= content_t) for p in probs])
    keep = lambda r: any(not doc[i].is_punct for i in range(r[0], r[1] + 1))  # noqa: E731
    return [r for r in src if keep(r)], [r for r in cont if keep(r)]


def content_probs(tagged: Tagged, cue_i: int) -> dict[int, float] | None:
    """Token index -> the transformer's content probability for a tagged cue, else None."""
    probs = tagged.pairs.get(cue_i)
    if probs is None:
        return None
    return {i: float(p[2]) for i, p in zip(tagged.window_of[cue_i], probs)}


def extra_cues(doc, tagged: Tagged, known: list, *, threshold: float = 0.5) -> list:  # noqa: ANN001
    """Cue candidates the transformer tags as cue words (B/I over threshold) that the linear
    cue model left out, and whose pair output names some content."""
    have = {t.i for t in known}
    out = []
    for i in tagged.pairs:
        if i in have or tagged.cue_prob.get(i, 0.0) < threshold:
            continue
        out.append(doc[i])
    return out


def _run_span(doc, run: tuple[int, int]) -> tuple[int, int]:  # noqa: ANN001
    lo, hi = doc[run[0]], doc[run[1]]
    return lo.idx, hi.idx + len(hi.text)


def _root(doc, run: tuple[int, int]):  # noqa: ANN001, ANN202
    """The word of a run whose head lies outside it (the phrase's head), else its last word."""
    for i in range(run[0], run[1] + 1):
        h = doc[i].head.i
        if h == i or not run[0] <= h <= run[1]:
            return doc[i]
    return doc[run[1]]


def spans_for(cue, tagged: Tagged, rule: list, source: list, head, text: str):  # noqa: ANN001, ANN201
    """(source, content, source head) for a cue from the transformer, or None when its
    sentence was not tagged. Content that leaves the cue's sentence (a quotation the rules
    followed) stays the rules'; so does a source outside it."""
    from .content import trim

    doc = cue.doc
    conf = load().meta.get("decode", {})
    got = decode(doc, tagged, cue.i, source_t=conf.get("source", 0.5), content_t=conf.get("content", 0.5))
    if got is None:
        return None
    src_runs, cont_runs = got
    if conf.get("content_from") in ("linear", "blend"):
        # The linear models keep the spans; the transformer only drops a cue whose sentence
        # holds no content for it (no word over the veto threshold) when the rules stay inside it.
        window = tagged.window_of[cue.i]
        ws, we = doc[window[0]].idx, doc[window[-1]].idx + len(doc[window[-1]].text)
        if all(ws <= s and e <= we for s, e in rule) and float(tagged.pairs[cue.i][:, 2].max()) < conf.get("veto", 0.5):
            return source, [], head
        return None
    window = tagged.window_of[cue.i]
    ws, we = doc[window[0]].idx, doc[window[-1]].idx + len(doc[window[-1]].text)

    def inside(spans: list) -> bool:
        return all(ws <= s and e <= we for s, e in spans)

    if rule and not inside(rule):
        content = rule
    else:
        content = [p for p in (trim(text, _run_span(doc, r)) for r in cont_runs) if p]
        if not content and conf.get("empty") == "rules":
            return None
    if conf.get("source_from", "tagger") == "rules":
        return source, content, head
    if src_runs:
        source = [p for p in (trim(text, _run_span(doc, r)) for r in src_runs) if p]
        head = _root(doc, max(src_runs, key=lambda r: r[1] - r[0]))
    elif inside(source):
        source, head = [], None
    return source, content, head
