"""The matcher: hard rules, a vectorised score, exact assignment and groups, explained."""
