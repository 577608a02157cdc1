"""Running the watch (issue 12): today's watcher on the overview, the roster, the local routine."""
