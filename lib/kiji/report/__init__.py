"""Exports, notebook runs and HTML reports; :func:`open_run` opens a run's tables in a report notebook."""
from .context import open_run

__all__ = ["open_run"]
