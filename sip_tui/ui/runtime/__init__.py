"""How the screens reach the store: thread workers that post typed messages."""
