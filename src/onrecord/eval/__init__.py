"""Evaluations: one loader + scorer module per benchmark, each with `evaluate(...) -> dict` and `report(dict) -> str`."""
