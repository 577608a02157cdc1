"""The UI runtime: how work leaves and reaches the UI thread.

- :mod:`.commands`: sending a user's command to the store; ``Executed``/``Refused`` back;
- :mod:`.messages`: the typed messages thread workers and the change feed post;
- :mod:`.workers`: posting from a worker (dropped when cancelled or the target is gone),
  and the store-call helpers the forms use;
- :mod:`.feed`: the app's one listener on the store's change feed, coalesced;
- :mod:`.host`: ``RuntimeApp``, the app base that owns the feed, forwards its messages to
  the screens, remembers the user's own writes and turns any unexpected exception into a
  short Swedish message, a ``crash.log`` and a non-zero exit;
- :mod:`.crash`: that log, without local variables or exception messages.

Nothing is imported here: ``crash`` must load without Textual (the command line uses it).
"""
