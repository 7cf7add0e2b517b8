"""Live (SPEC §10): the snapshot of what the last read saw, and looks that answer an edit in minutes."""
