"""Deviations (avvikelser, issue 12): register one, the unit's register with filters."""
