"""Turn feedback, sessions and status into an evaluation that respects anonymity."""
