"""The user interface below the screens: the runtime every screen runs on (workers,
messages, the change feed, the crash handler). Imports nothing at package level, so the
command line can use the crash log without loading Textual."""
