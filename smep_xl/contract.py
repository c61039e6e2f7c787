"""Checks that a sheet still has the shape the contract promises (headers by name)."""

from __future__ import annotations

import difflib

from smep_xl import layout as L
from smep_xl.errors import SmepError


def required_inputs(sheet: str) -> tuple[str, ...]:
    """Input columns an action cannot work without (Visits' criterion columns vary)."""
    if sheet == L.VISITS:
        return L.VISIT_LEAD_COLUMNS + L.VISIT_TAIL_COLUMNS
    spec = L.FIXED_SPECS.get(sheet)
    return spec.required if spec else ()


def computed_columns(sheet: str) -> tuple[str, ...]:
    if sheet == L.VISITS:
        return L.visits_spec(()).computed
    spec = L.FIXED_SPECS.get(sheet)
    return spec.computed if spec else ()


def check_headers(sheet: str, headers: list[str], where: str) -> None:
    """Stop with one clear line when a contract column is missing, renamed or doubled."""
    seen: set[str] = set()
    for header in headers:
        if header and header in seen:
            raise SmepError(
                f"{where}: the column '{header}' appears twice. Rename or delete one of them "
                "(the header row must have one of each)."
            )
        seen.add(header)
    missing = [c for c in required_inputs(sheet) if c not in seen]
    if not missing:
        return
    extra = [h for h in headers if h and h not in required_inputs(sheet) and h not in computed_columns(sheet)]
    column = missing[0]
    near = [h for h in extra if column.lower() in h.lower() or h.lower() in column.lower()]
    near = near or difflib.get_close_matches(column, extra, n=1, cutoff=0.5)
    hint = f" (is '{near[0]}' it, renamed?)" if near else ""
    more = f" and {len(missing) - 1} more ({', '.join(missing[1:4])})" if len(missing) > 1 else ""
    raise SmepError(
        f"{where}: the column '{column}'{more} is missing from sheet '{sheet}'{hint}. "
        f"Put the header back exactly as '{column}' in the table's header row."
    )
