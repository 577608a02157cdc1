"""Kallelse: the call form, its fields and the list of calls."""
