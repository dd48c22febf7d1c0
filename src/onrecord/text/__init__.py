"""The text layer every stage stands on: the spaCy model (`nlp`), shared word lists (`words`)."""
