"""Printing: plans, evaluations and the seed 004 paper forms as PDF and plain text."""
