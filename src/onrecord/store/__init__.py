"""The embedded DuckDB store and its exports."""
from .db import Store, article_key

__all__ = ["Store", "article_key"]
