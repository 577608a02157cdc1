"""A form per part of the case, on a shared base (fields, writes, unsaved changes)."""
