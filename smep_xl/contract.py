"""Checks that a sheet still has the shape the contract promises (headers by name)."""

from __future__ import annotations

import difflib

from smep_xl import layout as L
from smep_xl.errors import SmepError


def recorded_version(text: str | None) -> int | None:
    """The contract version a workbook records (None: none recorded, or not a whole number)."""
    try:
        return int(str(text).strip()) if text is not None else None
    except ValueError:
        return None


def check_version(recorded: int | None, label: str) -> None:
    """Stop with one line when the workbook's contract is not this program's. A workbook with no
    recorded version is judged by its shape, sheet by sheet, as it is read (check_headers)."""
    if recorded is None or recorded == L.CONTRACT_VERSION:
        return
    if recorded > L.CONTRACT_VERSION:
        raise SmepError(
            f"{label} was made by a newer smep-xl (workbook contract v{recorded}; this smep-xl knows "
            f"v{L.CONTRACT_VERSION}). Upgrade smep-xl (pip install --upgrade smep-xl) and run again; "
            "nothing was changed."
        )
    raise SmepError(
        f"{label} was made for an earlier smep-xl (workbook contract v{recorded}, now "
        f'v{L.CONTRACT_VERSION}). Bring it up to date with: smep upgrade "{label}" (it only adds '
        "what is new); nothing was changed."
    )


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
    fix = (
        f"Put the header back exactly as '{column}' in the table's header row."
        if near
        else f"If the workbook was made by an earlier smep-xl, 'smep upgrade' adds it; else put the "
        f"header back exactly as '{column}' in the table's header row."
    )
    raise SmepError(f"{where}: the column '{column}'{more} is missing from sheet '{sheet}'{hint}. {fix}")
