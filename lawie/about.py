"""Package identity, kept apart so that reading the version imports nothing heavy."""

__title__ = "lawie"
__version__ = "0.1.0"
