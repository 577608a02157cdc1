"""The Textual user interface: the runtime (workers, change feed, messages) and the screens."""
