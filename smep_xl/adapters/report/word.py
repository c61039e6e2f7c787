"""The board report as a Word document: the template through the letters' engine (sandboxed,
autoescaping Jinja; the same pre-flight that names every unknown field), then each chart
field's paragraph replaced by its picture, with alt text, at the page's width.

Nothing is written until the whole document is made; it is then written beside its name and
moved into place, so a report is whole or absent.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from docx import Document
from docx.shared import Cm

from smep_xl.adapters.docx.engine import compile_template
from smep_xl.adapters.report.charts import WIDTH_CM, draw
from smep_xl.domain.report_data import ChartSpec
from smep_xl.ooxml.atomic import write_file

MARK = "SMEP-CHART:"


class WordReport:
    """What the report action needs of a writer: check a template, write a report."""

    def check(self, template: Path, context: Mapping, charts: Sequence[ChartSpec]) -> None:
        """One SmepError naming every field the template uses that the report does not supply."""
        compiled = compile_template(template)
        data = _with_marks(context, charts)
        compiled.check(data.keys(), sample=data)

    def write(self, template: Path, context: Mapping, charts: Sequence[ChartSpec], path: Path) -> None:
        compiled = compile_template(template)
        data = _with_marks(context, charts)
        compiled.check(data.keys(), sample=data)
        document = Document(io.BytesIO(compiled.to_bytes(data)))
        pictures = {spec.name: spec for spec in charts}
        for paragraph in list(document.paragraphs):
            if MARK in paragraph.text:
                name = paragraph.text.split(MARK, 1)[1].split()[0]
                _picture(paragraph, pictures.get(name))
        out = io.BytesIO()
        document.save(out)
        write_file(str(path), lambda f: f.write(out.getvalue()))


def _with_marks(context: Mapping, charts: Sequence[ChartSpec]) -> dict:
    return dict(context) | {f"chart_{spec.name}": f"{MARK}{spec.name}" for spec in charts}


def _picture(paragraph, spec: ChartSpec | None) -> None:
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if spec is None:
        return
    shape = paragraph.add_run().add_picture(io.BytesIO(draw(spec)), width=Cm(WIDTH_CM))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", spec.alt)
    doc_pr.set("title", spec.title)
