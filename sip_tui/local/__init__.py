"""What sip-tui keeps on the user's own machine, readable by the user only: the local store
(``db``) and what lives in it (drafts, the last known overview, the downtime journal, the
phone list). It works when the shared store does not: no SQLAlchemy, no store import."""
