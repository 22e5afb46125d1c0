"""Escalation and restraint language: ladder rung, modality, actors, dated events."""
from .detector import EscalationDetector, analyze, tables
from .events import events
from .lexicon import MODALITIES, MODALITY_JA, NUCLEAR_CATEGORY, load_levels, load_lexicon
from .stage import STAGE
from .summaries import actor_category_counts, ladder_counts, profile

__all__ = ["STAGE", "EscalationDetector", "MODALITIES", "MODALITY_JA", "NUCLEAR_CATEGORY", "actor_category_counts",
           "analyze", "events", "ladder_counts", "load_levels", "load_lexicon", "profile", "tables"]
