"""The access-log check (Loggkontroll) in the UI."""
