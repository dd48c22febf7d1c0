"""Where analysis runs: `local` (this process or N worker processes) or `ray` (a Ray cluster)."""
