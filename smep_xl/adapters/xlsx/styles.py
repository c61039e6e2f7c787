"""Named cell styles for what Python writes, found in or added to xl/styles.xml.

Adding only appends (fonts, fills, formats, cell formats), so every index a user's cell
already points at keeps its meaning; a style that is already there is reused, so a workbook
made by `smep new` is never changed here at all.
"""

from __future__ import annotations

import re

from lxml import etree

from smep_xl.ooxml import xml
from smep_xl.ooxml.package import Package
from smep_xl.ooxml.xml import MAIN as NS_MAIN

_M = f"{{{NS_MAIN}}}"
_BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}

# name -> (number format code or builtin id, font, fill colour, alignment)
FONT_BOLD = {"b": None}
STYLES: dict[str, tuple] = {
    "text": (0, None, None, None),
    "top": (0, None, None, {"vertical": "top"}),
    "wrap": (0, None, None, {"vertical": "top", "wrapText": "1"}),
    "cell": (0, None, None, {"horizontal": "left", "vertical": "top", "indent": "1"}),
    "cell_bold": (0, {"b": None}, None, {"horizontal": "left", "vertical": "top", "indent": "1"}),
    "cell_wrap": (0, None, None, {"horizontal": "left", "vertical": "top", "indent": "1", "wrapText": "1"}),
    "integer": (1, None, None, {"vertical": "top"}),
    "number": (2, None, None, {"vertical": "top"}),
    "percent": (9, None, None, {"vertical": "top"}),
    "date": ("dd/mm/yyyy", None, None, {"vertical": "top"}),
    "datetime": ("dd/mm/yyyy hh:mm", None, None, {"vertical": "top"}),
    "title": (0, {"b": None, "sz": "16", "color": "FF1F4E78"}, None, None),
    "subtitle": (0, {"i": None, "sz": "11", "color": "FF595959"}, None, None),
    "header": (0, {"b": None, "color": "FFFFFFFF"}, "FF1F4E78", {"vertical": "center", "wrapText": "1"}),
    "header_text": (
        0,
        {"b": None, "color": "FFFFFFFF"},
        "FF1F4E78",
        {"horizontal": "left", "vertical": "center", "indent": "1", "wrapText": "1"},
    ),
    "header_num": (
        0,
        {"b": None, "color": "FFFFFFFF"},
        "FF1F4E78",
        {"horizontal": "right", "vertical": "center", "wrapText": "1"},
    ),
    "headline": (0, {"b": None, "sz": "12", "color": "FF1F4E78"}, None, {"vertical": "top", "wrapText": "1"}),
    "section": (0, {"b": None, "sz": "12", "color": "FF1F4E78"}, None, None),
    "note": (0, {"i": None, "sz": "9", "color": "FF595959"}, None, None),
    "kpi_note": (0, {"sz": "10", "color": "FF595959"}, None, None),
    "code": (0, None, None, {"horizontal": "center", "vertical": "top"}),
    "link_code": (0, {"u": "single", "color": "FF0563C1"}, None, {"horizontal": "center", "vertical": "top"}),
    "computed_header": (
        0,
        {"b": None, "i": None, "color": "FFFFFFFF"},
        "FF548235",
        {"vertical": "center", "wrapText": "1"},
    ),
    "kpi_label": (0, {"b": None}, "FFF2F2F2", None),
    "kpi_value": (0, {"b": None, "sz": "14"}, "FFF2F2F2", {"horizontal": "left"}),
    "kpi_percent": (9, {"b": None, "sz": "14"}, "FFF2F2F2", {"horizontal": "left"}),
    "rag_red": (
        0,
        {"b": None, "color": "FF9C0006"},
        "FFFFC7CE",
        {"horizontal": "left", "vertical": "top", "indent": "1"},
    ),
    "rag_amber": (
        0,
        {"b": None, "color": "FF9C5700"},
        "FFFFEB9C",
        {"horizontal": "left", "vertical": "top", "indent": "1"},
    ),
    "rag_green": (
        0,
        {"b": None, "color": "FF006100"},
        "FFC6EFCE",
        {"horizontal": "left", "vertical": "top", "indent": "1"},
    ),
    "rag_blue": (
        0,
        {"b": None, "color": "FF1F4E78"},
        "FFBDD7EE",
        {"horizontal": "left", "vertical": "top", "indent": "1"},
    ),
    "status_behind": (0, {"b": None, "color": "FF9C0006"}, "FFFFC7CE", {"horizontal": "center"}),
    "status_at_risk": (0, {"b": None, "color": "FF9C5700"}, "FFFFEB9C", {"horizontal": "center"}),
    "status_on_track": (0, {"b": None, "color": "FF006100"}, "FFC6EFCE", {"horizontal": "center"}),
    "status_met": (0, {"b": None, "color": "FF1F4E78"}, "FFBDD7EE", {"horizontal": "center"}),
    "link": (0, {"u": "single", "color": "FF0563C1"}, None, {"vertical": "top"}),
}


class StyleBook:
    """Look up (or add) a cellXfs index by style name."""

    def __init__(self, pkg: Package, part: str = "xl/styles.xml"):
        self._pkg, self._part = pkg, part
        self._root = pkg.parse(part) if pkg.has(part) else xml.parse(_EMPTY)
        self._cache: dict[str, int] = {}
        self._dates: dict[int, bool] = {}
        self.changed = False

    def xf(self, name: str) -> int:
        if name not in self._cache:
            self._cache[name] = self._find_or_add(*STYLES[name])
        return self._cache[name]

    def dxf(self, fill_rgb: str, font_rgb: str) -> int:
        """A differential format (for conditional formatting) with this fill and font colour."""
        dxf = etree.Element(_M + "dxf")
        font = etree.SubElement(dxf, _M + "font")
        etree.SubElement(font, _M + "color", rgb=font_rgb)
        fill = etree.SubElement(dxf, _M + "fill")
        pattern = etree.SubElement(fill, _M + "patternFill")
        etree.SubElement(pattern, _M + "bgColor", rgb=fill_rgb)
        return self._add_or_find("dxfs", dxf)

    def wraps(self, index: int) -> bool:
        """Whether cell format `index` wraps its text."""
        xfs = self._section("cellXfs")
        if not 0 <= index < len(xfs):
            return False
        align = xfs[index].find(_M + "alignment")
        return align is not None and align.get("wrapText") in ("1", "true")

    def is_date(self, index: int) -> bool:
        if index not in self._dates:
            self._dates[index] = self._is_date(index)
        return self._dates[index]

    def _is_date(self, index: int) -> bool:
        xfs = self._section("cellXfs")
        if index >= len(xfs):
            return False
        fmt = int(xfs[index].get("numFmtId", "0"))
        if fmt in _BUILTIN_DATE_FORMATS:
            return True
        for nf in self._section("numFmts"):
            if int(nf.get("numFmtId", "-1")) == fmt:
                code = re.sub(r'"[^"]*"|\[[^\]]*\]', "", nf.get("formatCode", "")).lower()
                return any(ch in code for ch in "dy") or ("m" in code and "h" not in code)
        return False

    def flush(self) -> None:
        if self.changed:
            self._pkg.write_xml(self._part, self._root)

    # -- internals
    def _section(self, tag: str):
        el = self._root.find(_M + tag)
        if el is None:
            el = etree.Element(_M + tag)
            order = [
                "numFmts",
                "fonts",
                "fills",
                "borders",
                "cellStyleXfs",
                "cellXfs",
                "cellStyles",
                "dxfs",
                "tableStyles",
                "colors",
                "extLst",
            ]
            anchor = next(
                (
                    self._root.find(_M + t)
                    for t in order[order.index(tag) + 1 :]
                    if self._root.find(_M + t) is not None
                ),
                None,
            )
            if anchor is not None:
                anchor.addprevious(el)
            else:
                self._root.append(el)
        return el

    def _add_or_find(self, section: str, element) -> int:
        parent = self._section(section)
        key = _signature(element)
        for i, child in enumerate(parent):
            if _signature(child) == key:
                return i
        parent.append(element)
        parent.set("count", str(len(parent)))
        self.changed = True
        return len(parent) - 1

    def _num_fmt(self, fmt) -> int:
        if isinstance(fmt, int):
            return fmt
        numfmts = self._section("numFmts")
        for nf in numfmts:
            if nf.get("formatCode") == fmt:
                return int(nf.get("numFmtId"))
        new_id = max([163] + [int(nf.get("numFmtId", "0")) for nf in numfmts]) + 1
        etree.SubElement(numfmts, _M + "numFmt", numFmtId=str(new_id), formatCode=fmt)
        numfmts.set("count", str(len(numfmts)))
        self.changed = True
        return new_id

    def _find_or_add(self, fmt, font, fill, align) -> int:
        attrs = {
            "numFmtId": str(self._num_fmt(fmt)),
            "fontId": "0",
            "fillId": "0",
            "borderId": "0",
            "xfId": "0",
        }
        if font:
            attrs["fontId"] = str(self._add_or_find("fonts", _font(font)))
            attrs["applyFont"] = "1"
        if fill:
            attrs["fillId"] = str(self._add_or_find("fills", _fill(fill)))
            attrs["applyFill"] = "1"
        if attrs["numFmtId"] != "0":
            attrs["applyNumberFormat"] = "1"
        xf = etree.Element(_M + "xf", attrs)
        if align:
            xf.set("applyAlignment", "1")
            etree.SubElement(xf, _M + "alignment", align)
        return self._add_or_find("cellXfs", xf)


def _signature(el) -> tuple:
    """What makes two style records the same, whatever namespaces are in scope."""
    return (etree.QName(el).localname, tuple(sorted(el.attrib.items())), tuple(_signature(c) for c in el))


def _font(spec: dict):
    font = etree.Element(_M + "font")
    for tag in ("b", "i", "u"):
        if tag in spec:
            el = etree.SubElement(font, _M + tag)
            if spec[tag]:
                el.set("val", spec[tag])
    etree.SubElement(font, _M + "sz", val=spec.get("sz", "11"))
    if "color" in spec:
        etree.SubElement(font, _M + "color", rgb=spec["color"])
    etree.SubElement(font, _M + "name", val="Calibri")
    etree.SubElement(font, _M + "family", val="2")
    return font


def _fill(rgb: str):
    fill = etree.Element(_M + "fill")
    pattern = etree.SubElement(fill, _M + "patternFill", patternType="solid")
    etree.SubElement(pattern, _M + "fgColor", rgb=rgb)
    etree.SubElement(pattern, _M + "bgColor", indexed="64")
    return fill


def ensure_all(pkg: Package) -> None:
    """Add every named style now (used by `smep new`, so later runs never touch styles.xml)."""
    book = StyleBook(pkg)
    for name in STYLES:
        book.xf(name)
    book.flush()


_EMPTY = (
    f'<styleSheet xmlns="{NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    "</styleSheet>"
).encode()
