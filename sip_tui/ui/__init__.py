"""The Textual user interface and the runtime every screen runs on (workers, messages,
commands, the change feed, the crash handler). Imports nothing at package level, so the
command line can use the crash log without loading Textual."""
