"""Verksamhetsrapport (issue 14): the report screen, its weekly chart and its CSV export."""
