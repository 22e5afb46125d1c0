"""Shared low-level modules: paths, text normalization, data-file vocabularies, matching, cache, charts.

Nothing here imports from the rest of kiji.
"""
