"""Textual screens: one per file; they call the store's service API in workers."""
