"""The mailbox overview: the unit's cases, colour and glyph per phase, live."""
