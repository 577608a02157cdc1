"""Downtime (*driftstopp*, seeds 002–004): the desk with the phone list and the journal of
what was said on the phone, and the reconciliation that registers it afterwards."""
