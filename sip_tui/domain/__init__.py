"""Pure domain rules: calendar, clock, personnummer, the SIP workflow.

Nothing in this package does I/O or imports Textual, Rich or SQL (checked by import-linter).
"""
