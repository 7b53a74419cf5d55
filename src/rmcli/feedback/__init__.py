"""Collect survey answers: asked in a terminal, imported from CSV, kept in feedback.toml."""
