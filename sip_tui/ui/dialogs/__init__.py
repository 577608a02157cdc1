"""Modal dialogs: confirm, text, Kvittera, Vidarebefordra, Makulera."""
