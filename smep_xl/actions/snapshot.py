"""Close term (snapshot): the plan's figures on a date appended to the History sheet.

Refresh's own compute gives the figures for the as-of date (visits after it are ignored), so a
snapshot for a past date says what Refresh would have said that day. History is append-only,
like the Letter Log: a new snapshot's rows go below the old ones, which stay as they are. A
label already taken replaces nothing unless asked to (replace); then the sheet is written again
without that label's old rows.

pandas and the rules load inside the function: the ribbon table imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from smep_xl import layout as L
from smep_xl.domain.findings import Finding

if TYPE_CHECKING:
    import pandas as pd

    from smep_xl.actions.refresh import Figures
    from smep_xl.workbook import Workbook


@dataclass(frozen=True)
class SnapshotOptions:
    as_of: date | None = None  # default: the As Of Date setting, or today
    label: str = ""  # default: the term of the as-of date, e.g. "Autumn 2014"
    replace: bool = False  # take the label again, dropping its old rows
    today: date | None = None
    taken: datetime | None = None  # the rows' Taken At (default: now)


@dataclass
class SnapshotResult:
    workbook: str
    label: str
    as_of: date
    written: bool  # False: the label was already taken and nothing changed
    measures: int = 0
    schools: int = 0
    replaced: int = 0  # old rows of the same label dropped (replace)
    snapshots: int = 0  # snapshots on History after this one
    findings: list[Finding] = field(default_factory=list)

    def message(self) -> str:
        if not self.written:
            return (
                f"{self.workbook}: the snapshot '{self.label}' is already on {L.HISTORY}; nothing was "
                "changed. Give another label, or replace it (smep snapshot --replace)."
            )
        again = f", replacing its {self.replaced} earlier rows" if self.replaced else ""
        return (
            f"{self.workbook}: snapshot '{self.label}' as of {self.as_of:%d/%m/%Y} added to {L.HISTORY}"
            f"{again}: {self.measures} measures and {self.schools} schools ({self.snapshots} "
            f"snapshot{'s' if self.snapshots != 1 else ''} in all). Refresh shows them on the Dashboard."
        )

    def to_json(self) -> dict:
        return {
            "workbook": self.workbook,
            "message": self.message(),
            "label": self.label,
            "as_of": self.as_of.isoformat(),
            "written": self.written,
            "measures": self.measures,
            "schools": self.schools,
            "replaced": self.replaced,
            "snapshots": self.snapshots,
            "findings": [f.as_dict() for f in self.findings],
        }


def snapshot(book: Workbook, options: SnapshotOptions = SnapshotOptions()) -> SnapshotResult:
    """Append one snapshot to History (and nothing else), then save."""
    import pandas as pd

    from smep_xl.actions.refresh import _history, _read, figures
    from smep_xl.domain.history import kept_rows
    from smep_xl.domain.snapshots import term_label

    frames = _read(book)
    found = figures(frames, as_of=options.as_of, today=options.today)
    label = " ".join(options.label.split()) or term_label(found.day)
    history = _history(frames.get(L.HISTORY))
    result = SnapshotResult(book.label, label, found.day, False, findings=history.findings)
    taken = label.casefold() in history.labels()
    if taken and not options.replace:
        result.snapshots = len(history.snapshots)
        return result
    new = snapshot_rows(found, label, options.taken)
    if not taken and _can_grow(book, history.raw):
        # the rows already there stay exactly as they are; only the new ones are written
        book.write_inputs(L.HISTORY, pd.DataFrame(), _wholes(new))
    else:
        old = kept_rows(history, dropped=label if taken else "")
        result.replaced = len(kept_rows(history)) - len(old)
        rows = pd.concat([old, new.reindex(columns=old.columns)], ignore_index=True)
        book.write_output(L.HISTORY, _wholes(rows))
    book.save()
    kinds = new[L.HIS_KIND]
    result.written, result.measures = True, int((kinds == L.KIND_MEASURE).sum())
    result.schools = int((kinds == L.KIND_SCHOOL).sum())
    result.snapshots = len(history.snapshots) + (0 if taken else 1)
    return result


def _can_grow(book: Workbook, raw: pd.DataFrame | None) -> bool:
    """A History table with rows and every column of its own can take new rows below them."""
    return (
        L.HISTORY in book.sheet_names()
        and raw is not None
        and len(raw) > 0
        and set(L.HISTORY_SPEC.columns) <= set(raw.columns)
    )


def _wholes(rows: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return rows.apply(lambda col: pd.Series(list(map(_whole, col)), dtype=object))


def _whole(value: object) -> object:
    """A count read back as 180.0 is written as 180."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def snapshot_rows(found: Figures, label: str, taken: datetime | None) -> pd.DataFrame:
    """The new rows: measures first, then schools in sheet order. Only what a snapshot records
    is worked out (the measures' status, not the Dashboard's lists and charts)."""
    import pandas as pd

    from smep_xl.domain.coverage import PlanYears
    from smep_xl.domain.dashboard_parts import measure_statuses
    from smep_xl.domain.snapshots import SchoolInputs, Stamp, measure_rows, school_rows

    statuses, _ = measure_statuses(found.inputs, found.log, found.ratings, found.coverage, found.day)
    stamp = Stamp(label, found.day, taken or datetime.now().replace(microsecond=0))
    visits = found.rated.frame
    scores = visits[L.VIS_SCORE] if L.VIS_SCORE in visits.columns else pd.Series(dtype=object)
    schools = SchoolInputs(
        found.inputs.frame(L.SCHOOLS),
        found.ratings,
        found.log,
        scores,
        PlanYears.of(found.inputs.settings),
    )
    return pd.concat([measure_rows(stamp, statuses), school_rows(stamp, schools)], ignore_index=True)
