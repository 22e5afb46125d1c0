"""Claims ledger: numbers across articles, extracted, normalized and reconciled.

Modules: :mod:`.numerals` (reading numerals), :mod:`.extract` (numbers in a
sentence and their role), :mod:`.subjects` (the noun phrase quantified),
:mod:`.normalize` (canonical value, unit, bounds), :mod:`.reconcile` (groups and
statuses), :mod:`.ledger` (the public tables), :mod:`.charts` (figures),
:mod:`.vocab` (the data files ``claim_units.csv``, ``claim_qualifiers.csv``,
``claim_subjects.csv``).
"""
from .ledger import CLAIM_COLUMNS, claims_table, ledger, numbers, numbers_table, tables
from .reconcile import groups_table
from .stage import STAGE

__all__ = ["CLAIM_COLUMNS", "STAGE", "claims_table", "groups_table", "ledger", "numbers", "numbers_table", "tables"]
