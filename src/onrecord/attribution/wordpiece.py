"""BERT's uncased WordPiece tokenizer over words the parser already split, in plain Python.

The attribution transformer (transformer.py) reads spaCy's words, not raw text, so only the
per-word half of BERT tokenization is needed: lower-case, strip accents, split punctuation,
then greedy longest-match-first against the vocabulary ("##" marks a word-inner piece). This
is what `BertTokenizer(do_lower_case=True)` does word by word; the training script uses this
same class, so training and inference cannot disagree.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def basic_split(word: str) -> list[str]:
    """Lower-cased, accent-free pieces of one word, split at punctuation and white space."""
    chars = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or unicodedata.category(ch) == "Mn":
            continue
        if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\t\n\r":
            continue
        chars.append(ch)
    out: list[str] = []
    cur: list[str] = []
    for ch in chars:
        if ch.isspace():
            if cur:
                out.append("".join(cur))
                cur = []
        elif _is_punct(ch) or _is_cjk(ord(ch)):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(ch)
        else:
            cur.append(ch)
    if cur:
        out.append("".join(cur))
    return out


class WordPiece:
    """Vocabulary-driven word -> piece ids, memoised per word (news repeats its words)."""

    def __init__(self, vocab: list[str]) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self.pad = self.ids.get("[PAD]", 0)
        self.encode = lru_cache(maxsize=65536)(self._encode)

    @classmethod
    def from_file(cls, path) -> "WordPiece":  # noqa: ANN001
        with open(path, encoding="utf-8") as f:
            return cls([line.rstrip("\n") for line in f])

    def _piece_ids(self, token: str) -> list[int]:
        if len(token) > 100:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(token):
            end = len(token)
            found = None
            while start < end:
                sub = token[start:end] if start == 0 else "##" + token[start:end]
                if sub in self.ids:
                    found = self.ids[sub]
                    break
                end -= 1
            if found is None:
                return [self.unk]
            out.append(found)
            start = end
        return out

    def _encode(self, word: str) -> tuple[int, ...]:
        ids: list[int] = []
        for token in basic_split(word):
            ids.extend(self._piece_ids(token))
        return tuple(ids) or (self.unk,)
