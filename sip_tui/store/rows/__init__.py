"""A case as rows and back, and its read models (overview rows, tasks)."""
