"""Every check Validate grid makes: stable code, severity, sheet, what it means, how to fix.

The single source for the findings' severities and for docs/checks.md (a test keeps the two
equal; `SMEP_UPDATE_GOLDEN=1 python -m pytest tests/unit/test_validate_golden.py` rewrites it).
"""

from __future__ import annotations

from dataclasses import dataclass

from smep_xl import layout as L
from smep_xl.domain import setting_specs as S
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
    ("objective.by_when.unreadable", _E, _O, "By When has no month, term, date or recurring word in it, so the row gets no Target RAG.", "Write a month and year such as 'Mar 2015' or 'Apr/May 2015', or 'Ongoing'."),
    ("objective.by_when.unclear", _E, _O, "By When is not fully understood (a misspelt month, a year far from the plan, an academic year that is not one, a start with no end), so the row gets no Target RAG rather than a guess.", "Write it as the suggestion does, e.g. 'March 2015' for 'Marhc 2015'."),
    ("objective.ref.duplicate", _E, _O, "The same Ref is used on more than one row.", "Give each row its own Ref (1i, 1ii, ...)."),
    ("objective.budget.format", _W, _O, "Budget looks like an amount (digits and £ only) but cannot be read as one, e.g. '£7,0O0'. A budget in words ('ACE budget', 'time 10 days') is fine.", "Type the amount as a number (7000 or £7,000), or describe the budget in words."),
    ("objective.budget.negative", _W, _O, "Budget is below zero.", "Type the amount as a positive number."),
    ("objective.status.unknown", _W, _O, "Status is not one of the Status values in Lists.", "Pick a Status from the drop-down (Lists, Status column)."),
    ("objective.progress.not_number", _E, _O, "Progress % is not a number, so the row gets no Target RAG.", "Type a percentage from 0 to 100 (50, 50% or 0.5)."),
    ("objective.progress.range", _E, _O, "Progress % is below 0 or above 100, so the row gets no Target RAG.", "Type a percentage from 0 to 100."),
    ("objective.measure.unknown", _E, _O, "Measure is not one of the Dashboard's measures (the Measure list on Lists), so the row is rated on its typed Progress %.", "Pick a Measure from the drop-down, or leave it blank."),
    ("objective.target.not_measurable", _W, _O, "The SMART Target has no number, date or outcome ('... completed', 'in place'), so it cannot be measured.", "Add how many or how much, and by when (e.g. '60% of schools visited by Jul 2015')."),
    # Schools
    ("school.urn.missing", _E, _S, "A school has a name but no URN, so the row is left out of every figure.", "Type its six-digit URN (from Get Information about Schools)."),
    ("school.urn.format", _E, _S, "The URN is not six digits, so the row is left out of every figure.", "Type the six-digit URN from Get Information about Schools."),
    ("school.urn.duplicate", _E, _S, "The same URN is on more than one row; the first counts, the repeat is left out.", "Keep one row per school; merge or delete the repeat."),
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
    ("school.cohort.invalid", _E, _S, f"Cohort is not a whole number from 1 to {L.S_PLAN_YEARS}, so a school not yet visited gets no Next Visit Due.", "Type the plan year the school is first due a visit in (1 for year 1)."),
    ("school.award.unknown", _E, _S, "Award is not in the Award list on Lists, so it is counted as no award.", "Pick the Award from the drop-down, or add it to Lists."),
    ("school.music_in_sdp.format", _E, _S, "Music in SDP is not Yes or No, so the school is counted neither way.", "Pick Yes or No, or leave it blank when not known."),
    ("school.mdp.format", _E, _S, "MDP Published is not Yes or No, so the school is counted neither way.", "Pick Yes or No, or leave it blank when not known."),
    ("school.award_applied.format", _E, _S, "Award Applied is not Yes or No, so the school is counted neither way.", "Pick Yes or No, or leave it blank when not known."),
    ("school.first_access.format", _E, _S, "First Access is not Yes or No, so the school is counted neither way.", "Pick Yes or No, or leave it blank when not recorded."),
    ("school.engagement.unknown", _E, _S, "Engagement is not in the Engagement list on Lists, so it counts as not recorded.", "Pick Engaged, No response or Declined from the drop-down."),
    ("school.mdp_review.not_date", _E, _S, "MDP Review Date is not a date, so it is not counted.", "Type a date such as 31/07/2016."),
    ("school.mdp_link.format", _W, _S, "MDP Link is not a web address.", "Type the address of the page where the school publishes its plan."),
    # Visits
    ("visit.id.missing", _E, _V, "A visit has no Visit ID (letters are logged by it).", "Give the visit an ID that no other visit has."),
    ("visit.id.duplicate", _E, _V, "The same Visit ID is on more than one row.", "Give each visit its own ID."),
    ("visit.urn.missing", _E, _V, "A visit has no URN, so it is not counted.", "Type the URN of the school visited."),
    ("visit.urn.unknown", _E, _V, "The visit's URN is not on the Schools sheet, so it is not counted.", "Correct the URN, or add the school to Schools."),
    ("visit.date.missing", _E, _V, "A visit has no Visit Date, so it is not counted.", "Type the date of the visit."),
    ("visit.date.not_date", _E, _V, "Visit Date is not a date, so the visit is not counted.", "Type the date of the visit, e.g. 15/03/2015."),
    ("visit.date.future", _E, _V, "Visit Date is after today, so the visit is not counted; the log is for visits made.", "Correct the date; plan future visits elsewhere."),
    ("visit.date.after_as_of", _I, _V, f"Visit Date is after the {L.S_AS_OF}, so Refresh does not count it yet.", f"Nothing to do if the {L.S_AS_OF} is meant."),
    ("visit.date.outside_plan", _W, _V, "Visit Date is outside the plan (and the year before it).", f"Check the year; {L.S_PLAN_START} and {L.S_PLAN_YEARS} are on Settings."),
    ("visit.type.unknown", _W, _V, "Visit Type is not in the Visit Type list on Lists.", "Pick a Visit Type from the drop-down."),
    ("visit.sle.unknown", _W, _V, "The SLE is not in the SLE list on Lists.", "Pick an SLE from the drop-down, or add them to Lists."),
    ("visit.score.not_number", _E, _V, "A score is not a number, so the visit gets no Score or RAG.", "Type a whole number from 1 to 4 (4 best), or leave it blank."),
    ("visit.score.not_whole", _E, _V, "A score is not a whole number, so the visit gets no Score or RAG.", "Type 1, 2, 3 or 4."),
    ("visit.score.range", _E, _V, "A score is outside 1-4, so the visit gets no Score or RAG.", "Type 1, 2, 3 or 4 (4 best)."),
    ("visit.scores.too_few", _W, _V, "Fewer than half the criteria are scored, so the visit gets no RAG.", "Score more criteria, or leave it if the visit was not an audit."),
    ("visit.scores.unexpected", _W, _V, f"A visit of a type that is not scored ({L.LIST_SCORED} = No on Lists) has scores; they are not used.", f"Change the Visit Type, or set {L.LIST_SCORED} to Yes beside it on Lists."),
    ("visit.follow_up.not_date", _E, _V, "Follow-up Date is not a date, so Next Visit Due is worked out from the visit instead.", "Type a date, or leave it blank."),
    ("visit.follow_up.before_visit", _E, _V, "Follow-up Date is not after the Visit Date, so Next Visit Due is worked out from the visit instead.", "Correct one of the two dates."),
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
    ("lists.yes_no.format", _W, _LI, f"{L.LIST_COUNTS_AS_VISIT} or {L.LIST_SCORED} beside a Visit Type is not Yes or No, so it counts as Yes.", "Type Yes or No (blank means Yes)."),
    # Settings
    ("settings.missing", _I, _SE, "A setting row is missing; its default is used.", "Add the row (Setting, Value) to Settings."),
    ("settings.duplicate", _W, _SE, "A setting is listed twice; the first is used.", "Delete the repeat."),
    ("settings.thresholds.order", _E, _SE, f"The {L.S_RED} is not below the {L.S_GREEN}; both defaults are used.", f"Make {L.S_RED} smaller than {L.S_GREEN}."),
    ("settings.template.missing", _W, _SE, "A template file named in Settings cannot be found.", "Correct the path (relative paths start at the workbook's folder)."),
    ("settings.file_name.unknown_field", _W, _SE, f"{L.S_LETTER_FILE_NAME} names a {{field}} that is not a Visits or Schools column.", f"Use column names in braces, e.g. {S.DEFAULTS[L.S_LETTER_FILE_NAME]}."),
)
# fmt: on


def _setting_rows() -> list[tuple[str, str, str, str, str]]:
    """One check per code of the settings registry: what each Value must be, else its default."""
    groups: dict[str, list[S.SettingSpec]] = {}
    for spec in S.SPECS:
        groups.setdefault(spec.code, []).append(spec)
    rows = []
    for code, specs in groups.items():
        kind = specs[0].kind
        if len(specs) > 2 and kind in S.TEXT_KINDS:
            means = "A text setting is longer than its limit in the Settings table; the default is used."
            rows.append((code, _W, _SE, means, "Shorten it, or leave it blank for the default."))
            continue
        names, must = " or ".join(s.name for s in specs), specs[0].rule
        if len(specs) > 2:
            names = f"A {kind} setting ({', '.join(s.name for s in specs)})"
        if specs[0].required:
            means = f"{names} is blank or not {must}"
        elif code == "settings.year1_deadline.invalid":
            means, must = (
                f"{names} is not a date inside the plan",
                f"a date from {L.S_PLAN_START} to the plan's end",
            )
        else:
            means = f"{names} is not {must}"
        means += "; the default is used." if kind != S.CODES else "; import-schools stops until it is mended."
        severity = _W if kind in S.TEXT_KINDS else _E
        rows.append((code, severity, _SE, means, f"Type {must}, or leave it blank."))
    return rows


_ALL = list(_ROWS)
_AT = next(i for i, row in enumerate(_ALL) if row[0] == "settings.thresholds.order")
CHECKS: dict[str, Check] = {row[0]: Check(*row) for row in _ALL[:_AT] + _setting_rows() + _ALL[_AT:]}


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
        "On the seed's own grid (the demo), Validate reports six warnings and nothing else; the",
        "Refresh rules page says why each stays. A value an error names never feeds a figure:",
        "Refresh leaves its row out of the figures, with the same finding.",
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
