"""Cross-cutting machinery shared by every model: errors, value kinds, validation, regimes."""
