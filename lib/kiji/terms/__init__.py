"""Term frequency analyses over tokens: counts, keyness, TF-IDF, KWIC, collocation, co-occurrence, word clouds."""
from .frequency import tables

__all__ = ["tables"]
