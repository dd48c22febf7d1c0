"""onrecord: who said what, who did what with whom, and where the accounts disagree."""
from __future__ import annotations

__version__ = "0.1.0"

from .model import Article, Attribution, Entity, ErrorRecord, Event, Meta, Record, Speaker  # noqa: E402
from .pipeline import analyse, analyse_batch  # noqa: E402

__all__ = ["Article", "Attribution", "Entity", "ErrorRecord", "Event", "Meta", "Record", "Speaker",
           "analyse", "analyse_batch", "extract", "__version__"]


def extract(sources: list[str], **kwargs):  # noqa: ANN003, ANN201
    """Records for files, folders and URLs, in input order (see `onrecord extract`)."""
    from .ingest import read
    from .run.local import run

    return run(read(sources), **kwargs)
