"""rmcli: run a reverse-mentoring program from a folder of plain TOML files."""

__version__ = "0.1.0"
