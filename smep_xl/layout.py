"""The workbook contract: every sheet, table, column and setting name, spelled once.

Staff, their macros and our checks rely on these names (see README, "The workbook").
Add freely; never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---- The contract's version, recorded in each workbook as a custom document property
# (docProps/custom.xml; Excel: File > Info > Properties > Advanced Properties > Custom).
# Raise it when a release adds to the contract (a sheet, column, setting or list), and commit
# a workbook that release makes as tests/fixtures/contract_v<N>.xlsx. `smep upgrade` brings a
# workbook of any earlier version up to this one. v1: the first release, which recorded none.
CONTRACT_VERSION = 3
CONTRACT_PROPERTY = "SMEP Contract Version"

# Sheets, in workbook order.
DASHBOARD = "Dashboard"
OBJECTIVES = "Objectives"
SCHOOLS = "Schools"
VISITS = "Visits"
CRITERIA = "Criteria"
LISTS = "Lists"
SETTINGS = "Settings"
FINDINGS = "Findings"
LETTER_LOG = "Letter Log"
EMAIL_LOG = "Email Log"  # added: one row per letter e-mailed (a draft made, or a message sent)
HISTORY = "History"  # added: termly snapshots; made by the first snapshot, after the other sheets

SHEET_ORDER = (
    DASHBOARD,
    OBJECTIVES,
    SCHOOLS,
    VISITS,
    CRITERIA,
    LISTS,
    SETTINGS,
    FINDINGS,
    LETTER_LOG,
    EMAIL_LOG,
)


def table_name(sheet: str) -> str:
    """Excel table (ListObject) name: the sheet name without spaces."""
    return sheet.replace(" ", "")


@dataclass(frozen=True)
class SheetSpec:
    """The columns of one table: input columns (the user's), then computed (Python's)."""

    name: str
    inputs: tuple[str, ...]
    computed: tuple[str, ...] = ()
    owner: str = "user"  # "user": input columns are sacred; "python": whole sheet rewritten
    date_columns: frozenset[str] = field(default_factory=frozenset)
    optional: frozenset[str] = field(default_factory=frozenset)  # inputs an older workbook may lack

    @property
    def columns(self) -> tuple[str, ...]:
        return self.inputs + self.computed

    @property
    def required(self) -> tuple[str, ...]:
        """The input columns an action cannot work without (the optional ones have defaults)."""
        return tuple(c for c in self.inputs if c not in self.optional)

    @property
    def table(self) -> str:
        return table_name(self.name)


# ---- Objectives
OBJ_NO = "Objective No"
OBJ_TEXT = "Objective"
OBJ_REF = "Ref"
OBJ_ACTION = "Action"
OBJ_RESOURCES = "Resources"
OBJ_LEADS = "Leads"
OBJ_TARGET = "SMART Target"
OBJ_BY_WHEN = "By When"
OBJ_MONITOR = "Monitor"
OBJ_BUDGET = "Budget"
OBJ_NEXT_YEAR = "Next Year Target"
OBJ_STATUS = "Status"
OBJ_PROGRESS = "Progress %"
OBJ_NOTES = "Notes"
OBJ_MEASURE = "Measure"  # added: the Dashboard measure that counts the row's target (blank: Progress %)
OBJ_DUE = "Due Date"
OBJ_BRAG = "Target RAG"
OBJ_DAYS_LEFT = "Days Left"
OBJ_MEASURED = "Measured"  # added: the linked measure's figure, e.g. "58% (231 of 395)"
OBJ_MEASURED_PROGRESS = "Measured Progress %"  # added: the figure as progress to its target, 0-100
OBJ_FINDINGS = "Findings"

# ---- Schools
SCH_URN = "URN"
SCH_NAME = "School"
SCH_STATUS = "Status"
SCH_PHASE = "Phase"
SCH_TYPE = "Type"
SCH_LA = "LA"
SCH_AREA = "Area"
SCH_ADDRESS = "Address"
SCH_TOWN = "Town"
SCH_POSTCODE = "Postcode"
SCH_HEAD_TITLE = "Head Title"
SCH_HEAD_FIRST = "Head First Name"
SCH_HEAD_LAST = "Head Last Name"
SCH_MUSIC_LEAD = "Music Lead"
SCH_EMAIL = "Email"
SCH_SLE = "SLE"
SCH_COHORT = "Cohort"
SCH_AWARD = "Award"
SCH_MUSIC_IN_SDP = "Music in SDP"
SCH_MDP = "MDP Published"
SCH_AWARD_APPLIED = "Award Applied"  # added: Yes when the school has applied for a Music Award
SCH_FIRST_ACCESS = (
    "First Access"  # added: Yes/No, the school takes part in First Access (blank: not recorded)
)
SCH_MDP_LINK = "MDP Link"  # added: where the school publishes its Music Development Plan
SCH_MDP_REVIEW = "MDP Review Date"  # added: when the school next reviews its Music Development Plan
SCH_ENGAGEMENT = "Engagement"  # added: Engaged / No response / Declined (blank: not recorded)
SCH_NOTES = "Notes"
# added: written by `smep new-plan` as extra Schools columns (not in a new workbook's contract):
# the school's RAG and last visit date in the plan before, read by Refresh as a visit before the plan
SCH_CARRIED_RAG = "Carried RAG"
SCH_CARRIED_LAST = "Carried Last Visit"
SCH_VISITS = "Visits"
SCH_LAST_VISIT = "Last Visit"
SCH_RAG = "RAG"
SCH_PREV_RAG = "Previous RAG"
SCH_TREND = "Trend"
SCH_TARGETED = "Targeted Support"
SCH_NEXT_DUE = "Next Visit Due"
SCH_LAST_LETTER = "Last Letter"

# ---- Visits (criterion columns sit between SLE and Strengths; names come from Criteria)
VIS_ID = "Visit ID"
VIS_URN = "URN"
VIS_DATE = "Visit Date"
VIS_TYPE = "Visit Type"
VIS_SLE = "SLE"
VIS_STRENGTHS = "Strengths"
VIS_AREAS = "Areas for Development"
VIS_ACTIONS = "Agreed Actions"
VIS_SUPPORT = "Support Offered"
VIS_FOLLOW_UP = "Follow-up Date"
VIS_SEND = "Send Letter"
VIS_SCORE = "Score"
VIS_RAG = "RAG"
VIS_LETTER = "Letter"

VISIT_LEAD_COLUMNS = (VIS_ID, VIS_URN, VIS_DATE, VIS_TYPE, VIS_SLE)
VISIT_TAIL_COLUMNS = (VIS_STRENGTHS, VIS_AREAS, VIS_ACTIONS, VIS_SUPPORT, VIS_FOLLOW_UP, VIS_SEND)

# ---- Criteria
CRI_NAME = "Criterion"
CRI_DESCRIPTION = "Description"
CRI_WEIGHT = "Weight"
CRI_KEY = "Key"

# ---- Lists (each column is one pick list)
LIST_PHASE = "Phase"
LIST_AREA = "Area"
LIST_VISIT_TYPE = "Visit Type"
LIST_COUNTS_AS_VISIT = "Counts as Visit"  # added: Yes/No beside each Visit Type (blank or missing = Yes)
LIST_SCORED = "Scored"  # added: Yes/No beside each Visit Type (blank or missing = Yes)
LIST_STATUS = "Status"
LIST_AWARD = "Award"
LIST_YES_NO = "Yes/No"
LIST_SLE = "SLE"
LIST_SLE_EMAIL = "SLE Email"  # added: beside SLE, each SLE's address (the Cc of a school's e-mail); optional
LIST_ROLE_CODE = "Role Code"
LIST_ROLE = "Role"
LIST_SCHOOL_STATUS = "School Status"  # added: Open / Closed; an extra Lists column, not required
LIST_MEASURE = "Measure"  # added: the Dashboard's measures, for the Objectives Measure drop-down
LIST_ENGAGEMENT = "Engagement"  # added: Engaged / No response / Declined, for Schools Engagement

# ---- Settings
SET_NAME = "Setting"
SET_VALUE = "Value"
S_HUB_NAME = "Hub Name"
S_PLAN_START = "Plan Start"
S_PLAN_YEARS = "Plan Years"
S_Y1_TARGET = "Year 1 Coverage Target"
S_Y1_DEADLINE = "Year 1 Coverage Deadline"  # added: the day the year 1 target is due (blank = end of year 1)
S_PLAN_TARGET = "Plan Coverage Target"
S_GREEN = "Green Threshold"
S_RED = "Red Threshold"
S_AMBER_DAYS = "Amber Window Days"
S_AS_OF = "As Of Date"
S_LETTER_TEMPLATE = "Letter Template"
S_AUDIT_TEMPLATE = "Audit Form Template"
S_LETTER_FILE_NAME = "Letter File Name"
S_OUTPUT_FOLDER = "Output Folder"
S_SIGNATORY = "Signatory Name"
S_SIGNATORY_ROLE = "Signatory Role"
S_HUB_ADDRESS = "Hub Address"
S_HUB_PHONE = "Hub Phone"
S_HUB_EMAIL = "Hub Email"
S_LA_CODES = "LA Codes"  # added: local authorities the hub serves (GIAS import filter)
# added with e-mail and calendars (docs/email.md, docs/calendar.md)
S_EMAIL_DELIVERY = "Email Delivery"  # Drafts (.eml files to check and send) or Send (SMTP)
S_EMAIL_ATTACHMENT = "Email Attachment"  # Word or PDF
S_EMAIL_TEMPLATE = "Email Template"
S_EMAIL_HTML_TEMPLATE = "Email HTML Template"
S_EMAIL_DRAFTS = "Email Drafts Folder"
S_EMAIL_FROM = "Email From"
S_EMAIL_RATE = "Email Rate Per Minute"
S_SMTP_HOST = "SMTP Host"
S_SMTP_PORT = "SMTP Port"
S_SMTP_SECURITY = "SMTP Security"
S_SMTP_USER = "SMTP User"
S_CALENDAR_FOLDER = "Calendar Folder"
# added with the Dashboard's targets (docs/dashboard.md)
S_Y2_TARGET = "Year 2 Coverage Target"
S_REPEAT_TARGET = "Repeat Visit Target"
S_SDP_Y1_TARGET = "Music in SDP Year 1 Target"
S_SDP_PLAN_TARGET = "Music in SDP Plan Target"
S_AWARD_TARGET = "Award Application Target"
S_FIRST_ACCESS_TARGET = "First Access Target"
S_ENGAGED_TARGET = "Engagement Target"
S_MDP_TARGET = "MDP Target"
S_AT_RISK_MARGIN = "At Risk Margin"
S_DUE_SOON_WEEKS = "Due Soon Weeks"
S_LIST_ROWS = "Dashboard List Rows"

SETTING_NAMES = (
    S_HUB_NAME,
    S_PLAN_START,
    S_PLAN_YEARS,
    S_Y1_TARGET,
    S_Y1_DEADLINE,
    S_PLAN_TARGET,
    S_GREEN,
    S_RED,
    S_AMBER_DAYS,
    S_AS_OF,
    S_LETTER_TEMPLATE,
    S_AUDIT_TEMPLATE,
    S_LETTER_FILE_NAME,
    S_OUTPUT_FOLDER,
    S_SIGNATORY,
    S_SIGNATORY_ROLE,
    S_HUB_ADDRESS,
    S_HUB_PHONE,
    S_HUB_EMAIL,
    S_LA_CODES,
    S_EMAIL_DELIVERY,
    S_EMAIL_ATTACHMENT,
    S_EMAIL_TEMPLATE,
    S_EMAIL_HTML_TEMPLATE,
    S_EMAIL_DRAFTS,
    S_EMAIL_FROM,
    S_EMAIL_RATE,
    S_SMTP_HOST,
    S_SMTP_PORT,
    S_SMTP_SECURITY,
    S_SMTP_USER,
    S_CALENDAR_FOLDER,
    S_Y2_TARGET,
    S_REPEAT_TARGET,
    S_SDP_Y1_TARGET,
    S_SDP_PLAN_TARGET,
    S_AWARD_TARGET,
    S_FIRST_ACCESS_TARGET,
    S_ENGAGED_TARGET,
    S_MDP_TARGET,
    S_AT_RISK_MARGIN,
    S_DUE_SOON_WEEKS,
    S_LIST_ROWS,
)

# ---- Findings
FND_SEVERITY = "Severity"
FND_SHEET = "Sheet"
FND_CELL = "Cell"
FND_ROW = "Row"
FND_COLUMN = "Column"
FND_CODE = "Code"
FND_MESSAGE = "Message"
FND_SUGGESTION = "Suggestion"

# ---- Letter Log
LOG_AT = "Generated At"
LOG_URN = "URN"
LOG_SCHOOL = "School"
LOG_VISIT = "Visit ID"
LOG_FILE = "File"
LOG_TEMPLATE = "Template"
LOG_STATUS = "Status"

# ---- Email Log (append-only, like the Letter Log)
EML_AT = "Emailed At"
EML_URN = "URN"
EML_SCHOOL = "School"
EML_VISIT = "Visit ID"
EML_TO = "To"
EML_CC = "Cc"
EML_SUBJECT = "Subject"
EML_ATTACHMENT = "Attachment"
EML_STATUS = "Status"  # Draft, Sent or Refused
EML_ANSWER = "Answer"  # the server's answer, or why it refused; for a draft, the draft's file
EML_MESSAGE_ID = "Message ID"  # the same for every e-mail of one logged letter
EML_DRAFT, EML_SENT, EML_REFUSED = "Draft", "Sent", "Refused"

OBJECTIVES_SPEC = SheetSpec(
    OBJECTIVES,
    (
        OBJ_NO,
        OBJ_TEXT,
        OBJ_REF,
        OBJ_ACTION,
        OBJ_RESOURCES,
        OBJ_LEADS,
        OBJ_TARGET,
        OBJ_BY_WHEN,
        OBJ_MONITOR,
        OBJ_BUDGET,
        OBJ_NEXT_YEAR,
        OBJ_STATUS,
        OBJ_PROGRESS,
        OBJ_NOTES,
        OBJ_MEASURE,
    ),
    (OBJ_DUE, OBJ_BRAG, OBJ_DAYS_LEFT, OBJ_MEASURED, OBJ_MEASURED_PROGRESS, OBJ_FINDINGS),
    date_columns=frozenset({OBJ_DUE}),
    optional=frozenset({OBJ_MEASURE}),
)
SCHOOLS_SPEC = SheetSpec(
    SCHOOLS,
    (
        SCH_URN,
        SCH_NAME,
        SCH_STATUS,
        SCH_PHASE,
        SCH_TYPE,
        SCH_LA,
        SCH_AREA,
        SCH_ADDRESS,
        SCH_TOWN,
        SCH_POSTCODE,
        SCH_HEAD_TITLE,
        SCH_HEAD_FIRST,
        SCH_HEAD_LAST,
        SCH_MUSIC_LEAD,
        SCH_EMAIL,
        SCH_SLE,
        SCH_COHORT,
        SCH_AWARD,
        SCH_MUSIC_IN_SDP,
        SCH_MDP,
        SCH_NOTES,
        # added in contract v3, at the end of the inputs where `smep upgrade` puts them
        SCH_AWARD_APPLIED,
        SCH_FIRST_ACCESS,
        SCH_MDP_LINK,
        SCH_MDP_REVIEW,
        SCH_ENGAGEMENT,
    ),
    (
        SCH_VISITS,
        SCH_LAST_VISIT,
        SCH_RAG,
        SCH_PREV_RAG,
        SCH_TREND,
        SCH_TARGETED,
        SCH_NEXT_DUE,
        SCH_LAST_LETTER,
    ),
    date_columns=frozenset({SCH_MDP_REVIEW, SCH_LAST_VISIT, SCH_NEXT_DUE}),
    optional=frozenset({SCH_AWARD_APPLIED, SCH_FIRST_ACCESS, SCH_MDP_LINK, SCH_MDP_REVIEW, SCH_ENGAGEMENT}),
)
CRITERIA_SPEC = SheetSpec(CRITERIA, (CRI_NAME, CRI_DESCRIPTION, CRI_WEIGHT, CRI_KEY))
LISTS_SPEC = SheetSpec(
    LISTS,
    (
        LIST_PHASE,
        LIST_AREA,
        LIST_VISIT_TYPE,
        LIST_COUNTS_AS_VISIT,
        LIST_SCORED,
        LIST_STATUS,
        LIST_AWARD,
        LIST_YES_NO,
        LIST_SLE,
        LIST_SLE_EMAIL,
        LIST_ROLE_CODE,
        LIST_ROLE,
        LIST_MEASURE,
        LIST_ENGAGEMENT,
    ),
    optional=frozenset({LIST_COUNTS_AS_VISIT, LIST_SCORED, LIST_SLE_EMAIL, LIST_MEASURE, LIST_ENGAGEMENT}),
)
SETTINGS_SPEC = SheetSpec(SETTINGS, (SET_NAME, SET_VALUE))
FINDINGS_SPEC = SheetSpec(
    FINDINGS,
    (),
    (FND_SEVERITY, FND_SHEET, FND_CELL, FND_ROW, FND_COLUMN, FND_CODE, FND_MESSAGE, FND_SUGGESTION),
    owner="python",
)
# ---- History (append-only, like the Letter Log): one row per measure and per school, per snapshot
HIS_SNAPSHOT = "Snapshot"  # its label, e.g. "Autumn 2014"
HIS_AS_OF = "As Of"
HIS_TAKEN = "Taken At"
HIS_KIND = "Kind"  # Measure or School
HIS_NAME = "Name"  # the measure, or the school
HIS_URN = "URN"
HIS_FIGURE = "Figure"  # a measure's share (0-1); a school's latest Score
HIS_COUNTED = "Counted"
HIS_BASE = "Base"
HIS_TARGET = "Target"  # a measure's target share (0-1)
HIS_DUE = "Due"
HIS_STATUS = "Status"  # a measure's status word (On track...); a school's RAG
HIS_OPEN = "Open"  # Yes / No (a school row)
HIS_VISITS = "Visits"
HIS_LAST_VISIT = "Last Visit"
HIS_VISITED_Y1 = "Visited Year 1"
HIS_VISITED_PLAN = "Visited in Plan"
HIS_TARGETED = "Targeted Support"
KIND_MEASURE, KIND_SCHOOL = "Measure", "School"

HISTORY_SPEC = SheetSpec(
    HISTORY,
    (),
    (
        HIS_SNAPSHOT,
        HIS_AS_OF,
        HIS_TAKEN,
        HIS_KIND,
        HIS_NAME,
        HIS_URN,
        HIS_FIGURE,
        HIS_COUNTED,
        HIS_BASE,
        HIS_TARGET,
        HIS_DUE,
        HIS_STATUS,
        HIS_OPEN,
        HIS_VISITS,
        HIS_LAST_VISIT,
        HIS_VISITED_Y1,
        HIS_VISITED_PLAN,
        HIS_TARGETED,
    ),
    owner="python",
    date_columns=frozenset({HIS_AS_OF, HIS_TAKEN, HIS_DUE, HIS_LAST_VISIT}),
)

LETTER_LOG_SPEC = SheetSpec(
    LETTER_LOG,
    (),
    (LOG_AT, LOG_URN, LOG_SCHOOL, LOG_VISIT, LOG_FILE, LOG_TEMPLATE, LOG_STATUS),
    owner="python",
    date_columns=frozenset({LOG_AT}),
)
EMAIL_LOG_SPEC = SheetSpec(
    EMAIL_LOG,
    (),
    (
        EML_AT,
        EML_URN,
        EML_SCHOOL,
        EML_VISIT,
        EML_TO,
        EML_CC,
        EML_SUBJECT,
        EML_ATTACHMENT,
        EML_STATUS,
        EML_ANSWER,
        EML_MESSAGE_ID,
    ),
    owner="python",
    date_columns=frozenset({EML_AT}),
)


def visits_spec(criteria: list[str] | tuple[str, ...]) -> SheetSpec:
    """Visits has one score column per criterion, named from the Criteria sheet."""
    return SheetSpec(
        VISITS,
        VISIT_LEAD_COLUMNS + tuple(criteria) + VISIT_TAIL_COLUMNS,
        (VIS_SCORE, VIS_RAG, VIS_LETTER),
        date_columns=frozenset({VIS_DATE, VIS_FOLLOW_UP}),
    )


DEFAULT_CRITERIA = (
    ("Leadership", "Leaders' vision for music, and how well they evaluate it", 1, "Yes"),
    ("Curriculum", "Breadth, progression and time for music in the curriculum", 1, "Yes"),
    ("Teaching", "Quality of class music teaching and pupils' progress", 1, "No"),
    ("Singing", "Singing across the school, in class and together", 1, "No"),
    ("Instrumental", "Whole-class and small-group instrumental learning, and continuation", 1, "No"),
    ("Ensembles & Performance", "Ensembles, clubs and chances to perform", 1, "No"),
    ("Inclusion", "Music for all pupils, including disadvantaged pupils and pupils with SEND", 1, "No"),
    ("Partnership with hub", "How the school engages with the hub and the National Plan", 1, "No"),
)

# Sheets whose every column is fixed by the contract (Visits depends on Criteria).
FIXED_SPECS = {
    s.name: s
    for s in (
        OBJECTIVES_SPEC,
        SCHOOLS_SPEC,
        CRITERIA_SPEC,
        LISTS_SPEC,
        SETTINGS_SPEC,
        FINDINGS_SPEC,
        LETTER_LOG_SPEC,
        EMAIL_LOG_SPEC,
    )
}

# Values the rules compare against.
RED, AMBER, GREEN, BLUE = "Red", "Amber", "Green", "Blue"
YES, NO = "Yes", "No"
OPEN, CLOSED = "Open", "Closed"
IMPROVING, SAME, DECLINING, NEW = "Improving", "Same", "Declining", "New"  # school Trend
COMPLETE = ("Complete", "Completed")  # Objectives Status that makes a target Blue
LETTER_MADE = ("ok", "written")  # Letter Log Status of a letter that was produced
ENGAGED, NO_RESPONSE, DECLINED = "Engaged", "No response", "Declined"  # Schools Engagement
ENGAGEMENT_WORDS = (ENGAGED, NO_RESPONSE, DECLINED)
ON_TRACK, AT_RISK, BEHIND, MET = "On track", "At risk", "Behind", "Met"  # a Dashboard target's status

# ---- Dashboard measures: what the Dashboard counts against a target from Settings. An Objectives
# row's Measure names one (the Lists Measure column lists them for its drop-down).
M_Y1_COVERAGE = "Year 1 coverage"
M_Y2_COVERAGE = "Year 2 coverage"
M_PLAN_COVERAGE = "Plan coverage"
M_REPEAT = "Repeat visits for Red schools"
M_SDP_Y1 = "Music in SDP, year 1"
M_SDP_PLAN = "Music in SDP, whole plan"
M_AWARD = "Music Award applications, cohort 1"
M_FIRST_ACCESS = "First Access"
M_ENGAGED = "Schools engaged with the hub"
M_MDP = "Music Development Plans published"
MEASURES = (
    M_Y1_COVERAGE,
    M_Y2_COVERAGE,
    M_PLAN_COVERAGE,
    M_REPEAT,
    M_SDP_Y1,
    M_SDP_PLAN,
    M_AWARD,
    M_FIRST_ACCESS,
    M_ENGAGED,
    M_MDP,
)

# ---- Dashboard tables (Python-owned; the headers staff read on the Dashboard sheet)
DB_BLANK = "(blank)"  # a school with no Area / Phase / SLE
DB_OPEN = "Open Schools"
DB_VISITED_Y1 = "Visited Year 1"
DB_Y1_COVERAGE = "Year 1 Coverage"
DB_Y1_TARGET = "Year 1 Target"
DB_VISITED = "Visited in Plan"
DB_COVERAGE = "Plan Coverage"
DB_TARGET = "Plan Target"
DB_UNVISITED = "Not Visited"
DB_TARGETED = "Targeted Support"
DB_OWED = "Repeat Visit Owed"
DB_SCHOOLS = "Schools"
DB_TARGETS = "Targets"
DB_NOT_RATED = "Not rated"

# ---- xlwings.conf: the settings sheet xlwings' VBA reads when a ribbon button runs Python
# (hidden, after the contract's sheets; keys are xlwings' own, matched without regard to case;
# values in column B; the keys must run down column A from A1 with no gap).
XLWINGS_CONF = "xlwings.conf"
XLC_INTERPRETER_WIN = "Interpreter_Win"
XLC_INTERPRETER_MAC = "Interpreter_Mac"
XLC_PYTHONPATH = "PYTHONPATH"
XLC_CONDA_PATH = "Conda Path"
XLC_CONDA_ENV = "Conda Env"
XLC_UDF_MODULES = "UDF Modules"
XLC_DEBUG_UDFS = "Debug UDFs"
XLC_USE_UDF_SERVER = "Use UDF Server"
XLC_SHOW_CONSOLE = "Show Console"
XLWINGS_CONF_KEYS = (
    XLC_INTERPRETER_WIN,
    XLC_INTERPRETER_MAC,
    XLC_PYTHONPATH,
    XLC_CONDA_PATH,
    XLC_CONDA_ENV,
    XLC_UDF_MODULES,
    XLC_DEBUG_UDFS,
    XLC_USE_UDF_SERVER,
    XLC_SHOW_CONSOLE,
)
