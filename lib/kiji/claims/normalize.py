"""Canonical value, unit and bounds of a quantity mention.

* value: the numeral's value (the middle of the range for ``3〜5`` and for vague
  numerals such as ``数千``) × the unit's ``factor`` (``claim_units.csv``);
  ``N分のM`` is M/N in percent;
* low / high: the numeral's own range (``数千`` → 2,000–9,000, ``3〜5`` → 3–5,
  an exact numeral → value–value) × factor, then each qualifier's
  ``low_factor`` / ``high_factor`` (``claim_qualifiers.csv``: 約 → ×0.9 / ×1.1,
  以上 → lower bound, open upper end).  An open upper end is ``inf``; an open
  lower end is 0 (every quantity read is a magnitude: no signs are parsed);
* a rate (``claim_rates.csv``: 時速, 1時間に before the number, 風速 as the subject) is
  given per hour: ``km/h``, ``mm/h`` (kind ``length_rate``, ``precipitation_rate``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .extract import Mention
from .vocab import ClaimVocab, Rate


@dataclass(frozen=True)
class Normalized:
    value: float
    unit: str
    kind: str
    low: float
    high: float


def normalize_mention(mention: Mention, vocab: ClaimVocab) -> Normalized:
    """Canonical value/unit/low/high of a ``quantity`` mention."""
    if mention.unit is None:
        raise ValueError(f"{mention.expression!r} has no unit: not a quantity")
    num, unit = mention.numeral, mention.unit
    if mention.fraction:
        denominator, numerator = mention.fraction
        value = low = high = numerator / denominator * unit.factor
    else:
        value, low, high = num.value * unit.factor, num.low * unit.factor, num.high * unit.factor
    for q in mention.qualifiers:
        qual = vocab.qualifiers[q]
        low = low * qual.low_factor if math.isfinite(qual.low_factor) else 0.0
        high = high * qual.high_factor if math.isfinite(qual.high_factor) else math.inf
    low = max(low, 0.0)
    return with_rate(Normalized(_round(value), unit.canonical, unit.kind, _round(low), _round(high)), mention.rate)


def with_rate(norm: Normalized, rate: Rate | None) -> Normalized:
    """A rate per time (``claim_rates.csv``) in the canonical unit per hour: 1時間に15キロ → 15 km/h,
    風速45メートル (per second) → 162 km/h; kind ``<kind>_rate``.  Unchanged when ``rate`` is None
    or does not apply to the unit's kind."""
    if rate is None or norm.kind not in rate.kinds:
        return norm
    per_hour = 3600.0 / rate.seconds
    return Normalized(_round(norm.value * per_hour), f"{norm.unit}/h", f"{norm.kind}_rate",
                      _round(norm.low * per_hour), _round(norm.high * per_hour))


def _round(x: float) -> float:
    """Round away binary noise from unit factors (190 マイル → 305.775936 km)."""
    if not math.isfinite(x) or x == 0:
        return x
    digits = 9 - int(math.floor(math.log10(abs(x))))
    return round(x, max(digits, 0))
