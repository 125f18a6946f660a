"""The essay's claims, one module per model section."""
