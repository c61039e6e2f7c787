"""The Leicester-Shire Music Education Hub's objectives grid, SMEP 2014-16, as a hub keeps it.

Transcribed from the published plan. The plan's grid has one block per objective; inside
it the leads, targets and dates sit in loosely aligned cells, several targets sometimes
sharing one cell ("Mar 2014 Apr 2014 May 2014"). Each row here is one of those cells'
rows: Ref is the first target numeral on the row, texts and By When are kept as written.
Where the plan leaves a cell of a merged block empty (Leads, Monitor), the block's value
is repeated so each row reads on its own. Status, Progress % and Notes are the demo's: a
plan part-way through at 31 July 2015.
"""

from __future__ import annotations

import pandas as pd

from smep_xl import layout as L

OBJECTIVES = {
    1: "Develop communication/engagement with schools",
    2: "Develop in house systems and business practices",
    3: "Build capacity and develop knowledge",
    4: "Train and Initiate Peer Learning",
    5: "Manage school, roll out",
    6: "Support schools in Raising Standards",
    7: "Develop traded packages for schools",
    8: "Review progress against objectives",
}

_DONE, _ON, _RISK, _NOT = "Complete", "On track", "At risk", "Not started"
# The rows whose target a Dashboard measure counts (Measure column): refresh then rates them on the
# measured figure, not the Progress % typed by hand (5.i's 60% against the 58% the visit log shows).
MEASURED = {
    "1.v": L.M_SDP_Y1,
    "2.iv": L.M_ENGAGED,
    "5.i": L.M_PLAN_COVERAGE,
    "6.ii": L.M_AWARD,
}

# Ref, Action, Resources, Leads, SMART Target, By When, Monitor, Budget, Next Year Target,
# Status, Progress %, Notes.  None = blank cell.
# fmt: off
ROWS = (
    ("1.i", "Consultation with key stakeholder groups (City and County)",
     "Time from hub/service; schools, school improvement, partner reps", "HoS/DHOS",
     "All key representatives of schools/academies/colleges/educational settings consulted with a buy into the vision",
     "Apr 2014", "Gov", "Within roles", "Repeat for 2nd cohort of schools. Review",
     _DONE, 100, None),
    ("1.ii", "Develop School COMMS\nMeetings with School HT & governors groups, Music Networks, Teaching Schools, academy chains",
     "On agenda for LHT/ Leicester Leaders, LA Gov dev service etc.", "C&MM DHoS/SDM/SLE",
     "ii. Feedback collated from schools\niii. 100% schools communicated with regarding process through HT groups. "
     "A road map produced for schools\niv. Plans driven through regional stakeholder meetings in City and County.",
     "Mar 2014 Apr 2014 May 2014", "BM HoS/Exec HoS/Exec", None, "Repeat Comms\nRepeat process",
     _DONE, 100, None),
    ("1.v", "School area development group meetings",
     "Primary/Sec. School Primary music coordinators", "AMLs/SDL",
     "50% of SDPs that don't or have not featured music in their plans during their own school/cluster "
     "cycle will now include this.",
     "May-June", "SDMs/ DHoS", None, "Review and develop. Apr 2015 remaining 50% include in SDP.",
     _RISK, 70, "Music is in the SDP of 45% of the schools visited so far; chase at summer term network meetings."),
    ("1.vi", "Music Leader curriculum planning meetings with schools", None, "MLs/AMLs",
     None, "Apr 2014", "SDMs", None, None,
     _DONE, 100, "The plan gives this row a lead, date and monitor but no target of its own."),
    ("2.i", "Review and develop 'Ensemble' database",
     "Training from Paritor; Visit Staffordshire – systems; Liaise with both LA Performance data teams; "
     "Business Support Team - time; School dependent; Use own intelligence", "BM",
     "Reviewed business practices\nUpgrade database to 'Paritor Live'",
     "Sep 2014 Aug 2014", "Exec/CYPS/ HoS", "Business Advisor costs.",
     "Further updates to database as required. Review and report new data.",
     _DONE, 100, None),
    ("2.ii", "Create a data base of all schools", None, "BM",
     "All schools listed", "Mar/Apr", "HoS", "Within roles", None,
     _DONE, 100, None),
    ("2.iii", "Collate, gather analyse data – GCSE, B Tech and identify trends", None, "Admin role",
     "LA performance teams stats integrated into database", "Apr 2014", "HoS", None, None,
     _RISK, 60, "City data received; County data-sharing agreement still awaited."),
    ("2.iv", "Aggregate data for First Access and Singing Strategy", None, "BM/DHoS",
     "Current baseline for known First Access determined; engagement with National Plan and hub -80%",
     "May 2014", "HoS", None, "Use trends and Disseminate. 90% First Access Review tracking.",
     _RISK, 75, "Baseline done; each school's engagement is recorded on the Schools sheet since January 2015."),
    ("2.v", "Develop tracking and reporting systems", None, "BM",
     "Reporting progress at Strategy and Exec meetings", "Feb 2014 May 2014", "DHoS", None, None,
     _DONE, 100, None),
    ("3.i", "Identify/appoint Specialist Leads within hub & schools",
     "Capacity created within team; Realignment of funding to new posts;", "HoS/DHoS/SLE Exec.",
     "1x Deputy role (0.8) appointed/seconded as the key Specialist Lead in Education\n"
     "1x New Specialist Lead in Education (0.6) appointed/seconded",
     "Mar 2014 Jun 2014", "CYPS SM/Gov CYPS SM", "ACE budget.",
     "Review capacity needs against trading -Jan 2015",
     _DONE, 100, None),
    ("3.ii", "Identify strengths and key roles -governors, partners", None, "HoS/DHoS.",
     "5x Exec and Gov reps with strategic key roles", "May 2014", "CYPS SM", "In kind",
     "Review roles - Jan 2015",
     _DONE, 100, None),
    ("3.iii", "Identify Champion Headteachers and role", None, "HoS/DHoS/ Exec. DHoS/SLE.",
     "5 x Champion Head Teachers engaged in strategy", "May 2014", "Gov", None, None,
     _RISK, 80, "4 of the 5 Champion Head Teachers engaged; one place open after a change of headship."),
    ("3.iv", "Engage school Improvement Advisors - city and county", None, "HoS/SLE. DHoS.",
     "3 x SI staff from County and 2 from City", "July 2014", "CYPS SM/Gov", None, "Develop to 4 TSs",
     _DONE, 100, None),
    ("3.v", "Identify SLEs from Teaching Schools", None, "DHoS",
     "3x Teaching School (TS) Alliances providing capacity and support through SLE "
     "(including 1 x Special TS alliance)",
     "July 2014", "HoS", None, "Review",
     _DONE, 100, None),
    ("3.vi", "Link with National Leaders in Ed (NLEs)", None, "DHos",
     "2x NLEs driving the plan", "July 2014", "HoS", None, "Recruit curriculum staff - April 2015 (3fte?)",
     _DONE, 100, None),
    ("3.vii", "Engage with Sports Strategy Leaders\nBuild capacity for traded support element", None, "DHos/BM/SLE",
     "vii. 2 x Headteachers -share knowledge\n"
     "viii. 1xfte curriculum support (traded) and 1x admin support role (0.4) appointed /seconded",
     "Sep 2014 Apr 2014", "HoS HoS", None, None,
     _RISK, 50, "Curriculum support post filled January 2015; the admin support role (0.4) is still to appoint."),
    ("4.i", "Provide appropriate training for leadership team and exec",
     "Time to moderate, ensure consistency of approach; Time within new roles, HoM time.", "DHoS/SLE",
     "2x Training sessions", "Apr 2014", "HoS/Gov", None, "Review practice and outcomes – April 2015",
     _DONE, 100, None),
    ("4.ii", "Establish Peer to peer leadership support - School HTs, H of Music.", None, "DHoS/SLE/SDM",
     "3x Peer to peer support training sessions/workshops", "May/June 2014", "HoS", None, None,
     _DONE, 100, None),
    ("5.i", "Assign named SLE from hub to each school",
     "Admin support; Time to chase schools; Meet with target group; Time within roles; "
     "Feedback to all stakeholders; Improvements monitored", "DHoS/SLE",
     "100% schools/academies/colleges/settings visited over 2 yrs. Year 1 =60%. "
     "Various methods of engagement tested. Training implemented",
     "Mar 2015 Apr-Oct", "HoS", None,
     "40% schools visited+ repeat 10% requiring targeted support in yr1.",
     _ON, 60, "58% of open schools visited by 31 July, on course for 100% over the two years; the year 1 "
     "target was missed (46% by 31 March against 60%), so the rest of cohort 1 is booked for the autumn term."),
    ("5.ii", "Utilise RAG rating (c/ ref 2iii)- with criteria", None, "DHoS/SLE",
     None, "1st group of school visited and follow ups 2nd and 3rd Oct 2014 Mar 2015", "HoS", None,
     "March 2016",
     _DONE, 100, "In the plan this row is a milestone of 5.i, written in its By When."),
    ("5.iii", "Produce initial audit template prior to 1st visit\n"
     "Devise short reports from each school visit and track progress", None, "DHoS/SDM/SLE",
     "iii. iv. Reports piloted (April 2014), rolled out (May 2014.) Reports recorded and updated on database;",
     "Apr/May 2014", "HoS", None, "Repeat and revise reports. Use feedback mechanisms.",
     _DONE, 100, None),
    ("5.v", "Feedback to schools", None, "DHoS/SDM/SLE",
     "Offer expert informative advice, guidance and support as linked to outcomes in SE.", "Mar 2015",
     "HoS", None, None,
     _RISK, 90, "Letters before June went by hand; feedback letters now go out from the visit log after each visit."),
    ("6.i", "Integrate first access, continuation, Singing and partnership work into each school SDP",
     "ML/SDM meetings with schools; Incentives - Bronze, silver, gold, platinum Music Awards devised- "
     "quality standards;",
     "AMLs, SDM,SDL MLs, SLE/ Champion Heads/partners Exec",
     "Included in schools SEF", "July 2014 Sep2014 Oct 2014", "HoS/Gov", "LSMS SMEP dev group time 10 days",
     "RAG rate schools following yr. 1 visit; code for targeted support visit April 2015;",
     _DONE, 100, None),
    ("6.ii", "Track and record outcomes (evidence of music in school SDP); qualitative judgments; "
     "participation levels", "SDM/AML", "SLE",
     "Evidence from visits tracked.\nVideos, case studies shared and on website.\n"
     "School Music Awards -30% of 1st cohort apply.",
     "Dec 2014", "HoS/Gov", None, "Monitor and evaluate impact.",
     _RISK, 40, "23% of cohort 1 schools hold a Music Award so far; applications recorded on Schools."),
    ("6.iii", "Pilot framework for self-evaluation",
     "Produce support packages for primary, sec, special schools;", "DHoS/SLE",
     "1x pilot framework for SE completed, resulting in the SLT in 2 pilot schools/clusters confident about "
     "assessing and robustly evaluating the quality of provision, T&L and leadership and management of "
     "music Can also identify next steps.",
     "Sep 2014", "HoS/Gov", "HT briefings; Training of SEF team", None,
     _DONE, 100, None),
    ("6.iv", "Develop effective systems for rigorous SE.", None, "DHoS",
     "Good practice shared with 50% schools", "Oct 2014", "HoS/Gov", None, "Share best practice",
     _RISK, 70, "Shared at the spring network meetings (about 35% of schools so far)."),
    ("7.i", "Assessment and curriculum framework",
     "Identify, train specialists, working group; Lead, provide framework and model;",
     "DHoS/SLE/ 6 school based staff",
     "3 working groups and 6 specialist leads devise frameworks for EYFS, KS1, KS2, KS3, DSEN with "
     "integrated First Access.\nOn -line interactive resource created and piloted in 6 schools",
     "March 2015", "HoS/Exec", "Supply cover for 6 school based staff = £7000",
     "Various traded school support packages as result of pilots.e.g.SE Framework; SLT support; Apr 2015.",
     _RISK, 60, "EYFS, KS1 and KS2 frameworks drafted; KS3 and DSEN still in progress."),
    ("7.ii", "SLT support", "Develop partnerships, ICT, DSEN.", "DHoS/SLE/ 6 school based staff",
     "SLT support trialed in 10 schools", "Oct 2014", "HoS/Exec", None, None,
     _DONE, 100, None),
    ("7.iii", "Moderation of lesson observation\nSEF\nSEF/ Peer review process", None,
     "DHoS/SLE/ 6 school based staff",
     "iii. Moderations completed in pilot group\n"
     "iv. Scrutiny of data, interviews and paired observations evidenced.",
     "Oct 2014", "HoS/Exec", None, None,
     _NOT, 0, "Moderation pilot moved to the autumn term 2015."),
    ("8.i", "Report cycle of continuous improvement with schools;",
     "Use evidence and data collated from year 1.",
     "All LSMS team, exec of hub groups-Review, Reflect and Revise.",
     "Revised objectives for Yr2. Evidence and Learning shared through network meetings, HT, and HoM briefings.",
     "Oct 2014 and Feb 2015", "Gov group", None, "Continuous cycle -Feb 2015 review",
     _DONE, 100, None),
)
# fmt: on

_FIELDS = (
    L.OBJ_REF,
    L.OBJ_ACTION,
    L.OBJ_RESOURCES,
    L.OBJ_LEADS,
    L.OBJ_TARGET,
    L.OBJ_BY_WHEN,
    L.OBJ_MONITOR,
    L.OBJ_BUDGET,
    L.OBJ_NEXT_YEAR,
    L.OBJ_STATUS,
    L.OBJ_PROGRESS,
    L.OBJ_NOTES,
)


def objective_number(ref: str) -> int:
    return int(ref.split(".", 1)[0])


def objectives_frame() -> pd.DataFrame:
    """The grid with Objective No and Objective on the first row of each objective only."""
    records, seen = [], set()
    for row in ROWS:
        record = dict(zip(_FIELDS, row, strict=True))
        number = objective_number(row[0])
        first = number not in seen
        seen.add(number)
        record[L.OBJ_NO] = number if first else None
        record[L.OBJ_TEXT] = OBJECTIVES[number] if first else None
        record[L.OBJ_MEASURE] = MEASURED.get(row[0])
        records.append(record)
    return pd.DataFrame(records, columns=list(L.OBJECTIVES_SPEC.inputs), dtype=object)
