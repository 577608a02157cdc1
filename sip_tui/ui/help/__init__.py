"""Help for the screen on top (`?`), the command palette's commands (ctrl+p) and the
user's keymap (``[keymap]``): all drawn from the screens' bindings."""
