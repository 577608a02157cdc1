"""Textual widgets. A widget knows nothing about the database (checked by import-linter)."""
