"""What the CLI and the web call: `jobs` (read → analyse → store → build the record) and
`queries` (the one read model over a store)."""
