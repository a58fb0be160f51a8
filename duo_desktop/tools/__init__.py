"""Developer tools shipped with the package (catalog management)."""
