"""``redline compare``: placeholder module filled by the diff engine."""
