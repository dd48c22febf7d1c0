"""Stance: does a text agree with, dispute, discuss, or not address a claim (FNC-1 labels)."""
from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ModelMissingError
from .model import LABELS, StanceModel

MODEL_FILE = "stance-fnc1.npz"
_MODEL: StanceModel | None = None  # per-process cache: the model loads once, like spaCy in nlp.py

__all__ = ["LABELS", "MODEL_FILE", "StanceModel", "load_model", "model_path", "stance_proba"]


def model_path() -> Path:
    return Path(str(resources.files("onrecord") / "data" / "stance" / MODEL_FILE))


def load_model() -> StanceModel:
    """The shipped stance model, loaded once per process from package data."""
    global _MODEL
    if _MODEL is None:
        path = model_path()
        if not path.exists():
            raise ModelMissingError(
                f"the stance model {path} is missing; rebuild it with "
                "`python scripts/train_stance.py` (needs ../shared/data/stance/fnc1)")
        _MODEL = StanceModel.load(path)
    return _MODEL


def stance_proba(claims: Sequence[str], texts: Sequence[str]) -> np.ndarray:
    """Probabilities in LABELS order for each (claim, text) pair, with the shipped model."""
    return load_model().predict_proba(list(claims), list(texts))
