"""Objectives rows linked to a Dashboard measure (their Measure cell names one).

For such a row Refresh writes the measure's figure in *Measured* ("58% (231 of 395)") and its
progress to the target in *Measured Progress %* (0-100), and rates the row's Target RAG on that
progress instead of the Progress % typed by hand. A row with no Measure, or one naming a
measure Validate rejects or that counts nothing yet, keeps its typed Progress % and gets blank
Measured cells. Progress % itself is never written: it is the staff's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from smep_xl import layout as L
from smep_xl.domain.admission import TargetAdmission
from smep_xl.domain.rag import column, keys_of
from smep_xl.domain.status import Assessed, figure_text


def linked(objectives: pd.DataFrame, assessed: list[Assessed]) -> pd.Series:
    """Each row's measure, assessed (None for a row not linked to one the Dashboard counts)."""
    by_name = {a.goal.measure: a for a in assessed}
    names = keys_of(column(objectives, L.OBJ_MEASURE))
    return pd.Series([by_name.get(n) for n in names], index=objectives.index, dtype=object)


def measured_columns(links: pd.Series) -> pd.DataFrame:
    """Measured and Measured Progress % for every Objectives row (index = worksheet rows)."""
    return pd.DataFrame(
        {
            L.OBJ_MEASURED: [figure_text(a) if a is not None else None for a in links],
            L.OBJ_MEASURED_PROGRESS: [round(a.progress) if a is not None else None for a in links],
        },
        index=links.index,
        dtype=object,
    )


def rated_on_measures(
    objectives: pd.DataFrame, admission: TargetAdmission, links: pd.Series
) -> tuple[pd.DataFrame, TargetAdmission]:
    """The grid as Target RAG should read it: a linked row's Progress % is its measured progress
    (and may be used whatever was typed there)."""
    on = links.notna().to_numpy()
    if not on.any():
        return objectives, admission
    frame = objectives.copy()
    if L.OBJ_PROGRESS not in frame.columns:
        frame[L.OBJ_PROGRESS] = None
    measured = [f"{a.progress:.6f}%" for a in links[on]]  # "%": never read as a fraction of 1
    frame[L.OBJ_PROGRESS] = frame[L.OBJ_PROGRESS].astype(object)
    frame.loc[on, L.OBJ_PROGRESS] = pd.Series(measured, index=frame.index[on], dtype=object)
    return frame, TargetAdmission(np.asarray(admission.rated, dtype=bool) | on, admission.findings)
