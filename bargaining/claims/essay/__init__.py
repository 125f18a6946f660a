"""The essay's claims, one module per section of MODEL.md."""
