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
    value: float       # in ``unit``, the unit shown (claim_units.csv ``display``: 8 cm, 3 時間)
    unit: str
    kind: str
    low: float
    high: float
    base_unit: str = ""   # the canonical unit claims are compared in (km, 日); "" = ``unit``
    scale: float = 1.0    # value in base_unit = value × scale


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
    norm = with_rate(Normalized(_round(value), unit.canonical, unit.kind, _round(low), _round(high)), mention.rate)
    return norm if mention.rate is not None and norm.unit.endswith("/h") else shown(norm, unit)


def shown(norm: Normalized, unit) -> Normalized:
    """``norm`` (in the canonical unit) in the unit it is shown in (``unit.display``): 0.00008 km → 8 cm.

    >>> from kiji.claims.vocab import Unit
    >>> shown(Normalized(0.00008, "km", "length", 0.000072, 0.000088), Unit("センチ", "km", 0.00001, "length",
    ...       display="cm", display_factor=0.00001))
    Normalized(value=8.0, unit='cm', kind='length', low=7.2, high=8.8, base_unit='km', scale=1e-05)
    """
    f = unit.display_factor or 1.0
    return Normalized(_round(norm.value / f), unit.display or norm.unit, norm.kind, _round(norm.low / f),
                      _round(norm.high / f), norm.unit, f)


def with_rate(norm: Normalized, rate: Rate | None) -> Normalized:
    """A rate per time (``claim_rates.csv``) in the canonical unit per hour: 1時間に15キロ → 15 km/h,
    風速45メートル (per second) → 162 km/h; kind ``<kind>_rate``.  Unchanged when ``rate`` is None
    or does not apply to the unit's kind."""
    if rate is None or norm.kind not in rate.kinds:
        return norm
    per_hour = 3600.0 / rate.seconds
    if norm.base_unit and norm.scale != 1.0:  # back to the canonical unit first (45 m → 0.045 km)
        norm = Normalized(_round(norm.value * norm.scale), norm.base_unit, norm.kind, _round(norm.low * norm.scale),
                          _round(norm.high * norm.scale))
    unit = f"{norm.base_unit or norm.unit}/h"
    return Normalized(_round(norm.value * per_hour), unit, f"{norm.kind}_rate",
                      _round(norm.low * per_hour), _round(norm.high * per_hour), unit, 1.0)


def _round(x: float) -> float:
    """Round away binary noise from unit factors (190 マイル → 305.775936 km)."""
    if not math.isfinite(x) or x == 0:
        return x
    digits = 9 - int(math.floor(math.log10(abs(x))))
    return round(x, max(digits, 0))
