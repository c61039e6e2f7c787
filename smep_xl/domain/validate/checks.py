"""Every check Validate grid makes: stable code, severity, sheet, what it means, how to fix.

The single source for the findings' severities and for docs/checks.md (a test keeps the two
equal; `SMEP_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_validate_golden.py` rewrites it).
"""

from __future__ import annotations

from dataclasses import dataclass

from smep_xl import layout as L
from smep_xl.domain.findings import ERROR, INFO, WARNING

ANY = "any input sheet"


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    sheet: str
    means: str
    fix: str


_E, _W, _I = ERROR, WARNING, INFO
_O, _S, _V, _C, _LI, _SE = L.OBJECTIVES, L.SCHOOLS, L.VISITS, L.CRITERIA, L.LISTS, L.SETTINGS

# fmt: off
_ROWS = (
    # Whole workbook and any cell
    ("sheet.missing", _E, ANY, "An input sheet the workbook needs is not there.", "Restore the sheet (copy it from a new workbook made with `smep new`)."),
    ("header.missing", _E, ANY, "A column the workbook needs is missing from the header row, or has been renamed.", "Put the header back, spelled exactly as in the README."),
    ("header.duplicate", _W, ANY, "Two columns have the same header; only the first is read.", "Rename or delete the second column."),
    ("cell.excel_error", _E, ANY, "The cell shows an Excel error such as #REF! or #N/A.", "Type the value, or mend the formula that gives the error."),
    ("cell.formula", _W, ANY, "An input cell holds a formula; the checks and letters use its last calculated value.", "Type the value itself (Paste Special > Values)."),
    ("cell.merged", _W, ANY, "Cells are merged inside a table; only the top-left cell keeps a value.", "Unmerge the cells and fill each one."),
    ("cell.number_as_text", _W, ANY, "A number is stored as text, so Excel will not sum or sort it as a number.", "Retype it, or use Excel's 'Convert to Number'."),
    ("cell.date_as_text", _W, ANY, "A date is typed as text, so Excel will not sort or filter it as a date.", "Retype it as a date (e.g. 15/03/2015) in a cell formatted as a date."),
    ("cell.date_impossible", _E, ANY, "Text shaped like a date that is not a real date, e.g. 31/02/2015 or 2015-13-01.", "Correct the day or month."),
    ("validate.check_failed", _E, ANY, "A check could not finish on this sheet because of an unexpected value.", "Look for an unusual value on the sheet; report the message if it persists."),
    # Objectives
    ("objective.number.missing", _E, _O, "A row has no Objective No and there is none above it to inherit.", "Type the objective number in the first row of each objective."),
    ("objective.action.missing", _E, _O, "A row has neither an Action nor a SMART Target.", "Describe the action, the target, or both."),
    ("objective.leads.missing", _E, _O, "A row names no lead.", "Type the role codes of who leads it, e.g. DHoS/SLE."),
    ("objective.leads.unknown", _W, _O, "Leads names something that is not a Role Code in Lists.", "Use codes from Lists (the suggestion names the nearest), or add the role to Lists."),
    ("objective.leads.case", _W, _O, "A lead's code is written in a different case from Lists (DHos for DHoS).", "Write the code as Lists spells it."),
    ("objective.by_when.missing", _E, _O, "A row has no By When.", "Type when it is due: a month and year (Mar 2015), or Ongoing / Termly."),
    ("objective.by_when.unreadable", _E, _O, "By When has no month, term, date or recurring word in it.", "Write a month and year such as 'Mar 2015' or 'Apr/May 2015', or 'Ongoing'."),
    ("objective.ref.duplicate", _E, _O, "The same Ref is used on more than one row.", "Give each row its own Ref (1i, 1ii, ...)."),
    ("objective.budget.format", _W, _O, "Budget is neither an amount nor a known phrase.", "Type an amount (7000) or 'Within roles', 'In kind', 'None'."),
    ("objective.budget.negative", _W, _O, "Budget is below zero.", "Type the amount as a positive number."),
    ("objective.status.unknown", _W, _O, "Status is not one of the Status values in Lists.", "Pick a Status from the drop-down (Lists, Status column)."),
    ("objective.progress.not_number", _E, _O, "Progress % is not a number.", "Type a percentage from 0 to 100 (50, 50% or 0.5)."),
    ("objective.progress.range", _E, _O, "Progress % is below 0 or above 100.", "Type a percentage from 0 to 100."),
    ("objective.target.not_measurable", _W, _O, "The SMART Target has no number or date, so it cannot be measured.", "Add how many or how much, and by when (e.g. '60% of schools visited by Jul 2015')."),
    # Schools
    ("school.urn.missing", _E, _S, "A school has no URN.", "Type its six-digit URN (from Get Information about Schools)."),
    ("school.urn.format", _E, _S, "The URN is not six digits.", "Type the six-digit URN from Get Information about Schools."),
    ("school.urn.duplicate", _E, _S, "The same URN is on more than one row.", "Keep one row per school; merge or delete the repeat."),
    ("school.name.missing", _E, _S, "A school has no name.", "Type the school's name."),
    ("school.phase.missing", _E, _S, "A school has no Phase.", "Pick its Phase from the drop-down."),
    ("school.phase.unknown", _W, _S, "Phase is not in the Phase list on Lists.", "Pick a Phase from the drop-down, or add it to Lists."),
    ("school.area.unknown", _W, _S, "Area is not in the Area list on Lists.", "Pick an Area from the drop-down, or add it to Lists."),
    ("school.status.missing", _W, _S, "Status is blank; the school is treated as Open.", "Type Open or Closed."),
    ("school.status.unknown", _W, _S, "Status is not Open or Closed; the school is treated as Open.", "Type Open or Closed."),
    ("school.sle.missing", _E, _S, "An open school has no named SLE (every school needs one).", "Pick the school's SLE from the drop-down."),
    ("school.sle.unknown", _W, _S, "The SLE is not in the SLE list on Lists.", "Pick an SLE from the drop-down, or add them to Lists."),
    ("school.postcode.format", _W, _S, "The postcode is not a UK postcode.", "Type it like LE1 6ZG."),
    ("school.email.format", _W, _S, "The email is not an email address.", "Type one address, like music@school.sch.uk."),
    # Visits
    ("visit.id.missing", _E, _V, "A visit has no Visit ID (letters are logged by it).", "Give the visit an ID that no other visit has."),
    ("visit.id.duplicate", _E, _V, "The same Visit ID is on more than one row.", "Give each visit its own ID."),
    ("visit.urn.missing", _E, _V, "A visit has no URN.", "Type the URN of the school visited."),
    ("visit.urn.unknown", _E, _V, "The visit's URN is not on the Schools sheet.", "Correct the URN, or add the school to Schools."),
    ("visit.date.missing", _E, _V, "A visit has no Visit Date.", "Type the date of the visit."),
    ("visit.date.not_date", _E, _V, "Visit Date is not a date.", "Type the date of the visit, e.g. 15/03/2015."),
    ("visit.date.future", _E, _V, "Visit Date is after today; the log is for visits made.", "Correct the date; plan future visits elsewhere."),
    ("visit.date.outside_plan", _W, _V, "Visit Date is outside the plan (and the year before it).", "Check the year; Plan Start and Plan Years are on Settings."),
    ("visit.type.unknown", _W, _V, "Visit Type is not in the Visit Type list on Lists.", "Pick a Visit Type from the drop-down."),
    ("visit.sle.unknown", _W, _V, "The SLE is not in the SLE list on Lists.", "Pick an SLE from the drop-down, or add them to Lists."),
    ("visit.score.not_number", _E, _V, "A score is not a number.", "Type a whole number from 1 to 4 (4 best), or leave it blank."),
    ("visit.score.not_whole", _E, _V, "A score is not a whole number.", "Type 1, 2, 3 or 4."),
    ("visit.score.range", _E, _V, "A score is outside 1-4.", "Type 1, 2, 3 or 4 (4 best)."),
    ("visit.scores.too_few", _W, _V, "Fewer than half the criteria are scored, so the visit gets no RAG.", "Score more criteria, or leave it if the visit was not an audit."),
    ("visit.follow_up.not_date", _E, _V, "Follow-up Date is not a date.", "Type a date, or leave it blank."),
    ("visit.follow_up.before_visit", _E, _V, "Follow-up Date is not after the Visit Date.", "Correct one of the two dates."),
    ("visit.send_letter.format", _W, _V, "Send Letter is not Yes or No; it counts as No unless it reads as yes.", "Pick Yes or No."),
    ("visit.letter.thin", _W, _V, "Send Letter is Yes but Strengths or Agreed Actions is blank, so the letter would be thin.", "Fill in Strengths and Agreed Actions before generating letters."),
    ("visit.criterion.missing_column", _E, _V, "A criterion on the Criteria sheet has no score column on Visits.", "Add a Visits column named exactly like the criterion (between SLE and Strengths)."),
    ("visit.column.not_criterion", _I, _V, "A column among the score columns is not a criterion, so it is not scored.", "Add it to Criteria, or move it to the right of the table."),
    # Criteria
    ("criteria.empty", _E, _C, "No criteria are listed, so no visit can be scored.", "List the criteria (a new workbook has the Ofsted 2013 eight)."),
    ("criteria.name.missing", _W, _C, "A row has a weight or description but no criterion name; it is ignored.", "Name the criterion, or clear the row."),
    ("criteria.name.duplicate", _E, _C, "The same criterion is listed twice.", "Keep one row per criterion."),
    ("criteria.weight.missing", _W, _C, "A criterion has no Weight; it counts as 1.", "Type a weight (1 is the default)."),
    ("criteria.weight.invalid", _E, _C, "Weight is not a positive number; it counts as 1.", "Type a number above 0."),
    ("criteria.key.format", _W, _C, "Key is not Yes or No.", "Type Yes for a key criterion (a 1 there makes the visit Red), else No."),
    # Lists
    ("lists.duplicate", _W, _LI, "A value appears twice in the same list.", "Delete the repeat."),
    ("lists.empty", _I, _LI, "A pick list is empty, so the values typed against it are not checked.", "Fill in the list."),
    # Settings
    ("settings.missing", _I, _SE, "A setting row is missing; its default is used.", "Add the row (Setting, Value) to Settings."),
    ("settings.duplicate", _W, _SE, "A setting is listed twice; the first is used.", "Delete the repeat."),
    ("settings.plan_start.invalid", _E, _SE, "Plan Start is blank or not a date.", "Type the first day of the plan, e.g. 01/09/2014."),
    ("settings.plan_years.invalid", _E, _SE, "Plan Years is not a whole number of 1 or more.", "Type the plan's length in years, e.g. 2."),
    ("settings.threshold.invalid", _E, _SE, "A RAG threshold is not a number from 1 to 4.", "Type a score, e.g. 2.0 for Red and 3.0 for Green."),
    ("settings.thresholds.order", _E, _SE, "The Red Threshold is not below the Green Threshold.", "Make Red Threshold smaller than Green Threshold."),
    ("settings.target.invalid", _E, _SE, "A coverage target is not a percentage from 0 to 100.", "Type it as 60% (or 0.6)."),
    ("settings.amber_days.invalid", _E, _SE, "Amber Window Days is not a whole number of 0 or more.", "Type a number of days, e.g. 30."),
    ("settings.as_of.invalid", _E, _SE, "As Of Date is not a date.", "Type a date, or leave it blank to use today."),
    ("settings.template.missing", _W, _SE, "A template file named in Settings cannot be found.", "Correct the path (relative paths start at the workbook's folder)."),
    ("settings.file_name.unknown_field", _W, _SE, "Letter File Name names a {field} that is not a Visits or Schools column.", "Use column names in braces, e.g. {URN} {School} {Visit Date}."),
    ("settings.email.format", _W, _SE, "Hub Email is not an email address.", "Type one address, like hub@example.org."),
)
# fmt: on

CHECKS: dict[str, Check] = {row[0]: Check(*row) for row in _ROWS}


def severity(code: str) -> str:
    return CHECKS[code].severity


def checks_markdown() -> str:
    """docs/checks.md: every check, grouped by sheet, in the order above."""
    lines = [
        "# Validate grid: every check",
        "",
        "`smep validate` (and the Validate grid button) reports each problem as a finding with",
        "its cell, a severity and one of the codes below, on the Findings sheet (each Cell links to",
        "the cell) and on the command line. The codes are stable: filter on them, or grep for them.",
        "",
        "- **error**: the figures built on this cell would be wrong or missing; `smep validate` exits 1.",
        "- **warning**: worth fixing (a rough edge, a value that is read but may not mean what you think).",
        "- **info**: for your information; nothing is wrong with the data.",
        "",
        "Validate writes only the Findings sheet and the Objectives *Findings* column (a short note",
        "per row, blank when the row is clean); the workbook's conditional formats colour each cell",
        "Findings names, and the colour goes when the problem is fixed and Validate runs again.",
        '`smep validate WB --json` prints `{"findings": [...], "counts": {...}}`; each finding has',
        "severity, sheet, cell, row, column, code, message and suggestion.",
        "",
        "Generated from `smep_xl/domain/validate/checks.py`.",
    ]
    sheet = None
    for c in CHECKS.values():
        if c.sheet != sheet:
            sheet = c.sheet
            title = "Any input sheet" if sheet == ANY else sheet
            lines += [
                "",
                f"## {title}",
                "",
                "| code | severity | what it means | how to fix |",
                "|---|---|---|---|",
            ]
        lines.append(f"| `{c.code}` | {c.severity} | {_md(c.means)} | {_md(c.fix)} |")
    return "\n".join(lines) + "\n"


def _md(s: str) -> str:
    return s.replace("|", "\\|")
