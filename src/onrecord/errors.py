"""Exception tree. Each is translated into an ErrorRecord at the stage boundary."""
from __future__ import annotations

from .model import Article, ErrorRecord, Meta


class OnrecordError(Exception):
    """Base of every error onrecord raises on purpose."""
    stage = "internal"
    kind = "internal"

    def record(self) -> ErrorRecord:
        return ErrorRecord(stage=self.stage, kind=self.kind, message=str(self))


class InputError(OnrecordError):
    """An input could not be read as an article."""
    stage = "ingest"

    def __init__(self, message: str, kind: str = "malformed") -> None:
        super().__init__(message)
        self.kind = kind


class FetchError(InputError):
    """A URL could not be fetched (network, status, size, content type)."""

    def __init__(self, message: str, kind: str = "fetch") -> None:
        super().__init__(message, kind)


class BlockedAddressError(FetchError):
    """A URL resolves to a loopback, private, link-local or multicast address."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "blocked_address")


class ModelMissingError(OnrecordError):
    """The pinned spaCy model is not installed."""
    stage = "nlp"
    kind = "model_missing"


def error_record(stage: str, exc: BaseException) -> ErrorRecord:
    """Turn any exception into an ErrorRecord, keeping the reason."""
    if isinstance(exc, OnrecordError):
        return exc.record()
    return ErrorRecord(stage=stage, kind="internal", message=f"{type(exc).__name__}: {exc}")


def error_article(id: str, exc: BaseException, *, stage: str = "ingest", meta: "Meta | None" = None) -> Article:
    """The Article of an input that could not be read: no text, the reason in `errors`."""
    return Article(id=id, text="", meta=meta or Meta(), errors=[error_record(stage, exc)])
