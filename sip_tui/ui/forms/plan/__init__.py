"""Plan: the form, its rows, the draft as typed, its dialogs."""
