"""Running the watch from the command line: the roster, status for scripts, notices."""
