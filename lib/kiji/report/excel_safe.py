"""Excel-safe copies of tables for CSV (OWASP "CSV Injection").

Excel (and LibreOffice, Google Sheets) evaluate a cell that starts with
``=``, ``+``, ``-``, ``@``, TAB or CR as a formula, even inside quotes.
Article text, titles, quotations and file names come from outside, so in the
CSV files every *text* cell that starts with one of those characters gets a
leading apostrophe ``'`` (which Excel shows as text and does not display).
Numeric, boolean and date columns are left as they are, so numbers stay
numbers.  The Parquet copies keep the raw text: use them (or strip the
leading ``'``) when you need the exact characters.
"""
from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """``value`` with a leading ``'`` when it is text starting like a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def excel_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` whose text cells cannot start a formula; other columns untouched."""
    out = frame.copy()
    for col in out.columns:
        dtype = out[col].dtype
        if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype) \
                or pd.api.types.is_datetime64_any_dtype(dtype):
            continue
        if isinstance(dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)
        out[col] = out[col].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out
