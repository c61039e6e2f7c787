"""What an SLE writes after an audit visit, by criterion: strengths, areas, agreed actions.

{lead} is the school's music lead, {sle} the visiting SLE; {ks}, {top_year}, {programme} and
{partner} fit the school's phase (school_words), so an infant school reads of Year 2 and KS1,
never of Year 6 or KS3.
"""

from __future__ import annotations

# criterion: (strengths, areas for development, agreed actions); areas and actions pair up.
# fmt: off
BY_CRITERION = {
    "Leadership": (
        ("Clear vision for music shared by the head & governors",
         "Music lead ({lead}) has an up-to-date action plan linked to the SDP",
         "Music features in the school's SEF, with honest self-evaluation"),
        ("No music development plan; music is not yet in the SDP",
         "Music lead has little release time to monitor provision",
         "Governors are not yet aware of the National Plan for Music Education"),
        ("{lead} to write a music development plan and add music to the SDP by the end of term",
         "Head to agree half a day's release each half term for {lead} to monitor music",
         "Music to be an agenda item at the next governors' meeting"),
    ),
    "Curriculum": (
        ("Broad curriculum: every class has a weekly music lesson",
         "Progression mapped up to {top_year} using the hub's framework",
         "Good use of Charanga units alongside the school's own topics"),
        ("Music is not taught weekly in every class (< 30 minutes in some)",
         "No scheme of work or progression map for {ks}",
         "Music time is squeezed out in {top_year} during the spring term"),
        ("Timetable 45 minutes of music per class per week from September",
         "Adopt the hub's {ks} progression framework",
         "Map {top_year} music across the year, not just the summer term"),
    ),
    "Teaching": (
        ("Confident class teaching; pupils' listening & appraising is strong",
         "Lessons observed were well paced, with clear musical objectives",
         'Staff use musical vocabulary accurately (pulse, rhythm, "ostinato")'),
        ("Teachers' subject knowledge & confidence vary across the school",
         "Assessment of pupils' progress in music is not in place",
         "Lessons rely on listening; too little music-making"),
        ("Staff to attend the hub's 'Confident Class Music' CPD twilight",
         "Introduce simple assessment against the hub's 'I can' statements",
         "Plan at least one practical music-making activity in every lesson"),
    ),
    "Singing": (
        ("Singing in assembly is tuneful and enthusiastic",
         "Whole-school singing assembly every week, led by {lead}",
         "The school choir sang at the Christmas 'Big Sing' in Leicester Cathedral"),
        ("Singing is not regular outside the Christmas performance",
         "Singing lacks accuracy of pitch; warm-ups are not used",
         "The older boys are reluctant to sing"),
        ("Start a weekly singing assembly using Sing Up resources",
         "Use vocal warm-ups at the start of every singing session",
         "Form a boys' singing group with the SDL's support"),
    ),
    "Instrumental": (
        ("Good continuation after {programme}",
         "Around a third of {ks} pupils learn an instrument with LSMS tutors",
         "Samba & djembe programme well established"),
        ("Few pupils continue after First Access",
         "No instrumental tuition available in school time",
         "Instruments are in poor repair, with no budget to replace them"),
        ("Offer a continuation group after {programme}",
         "Book LSMS tuition for the spring term (brass & strings)",
         "Audit instruments; apply to the hub's instrument loan scheme"),
    ),
    "Ensembles & Performance": (
        ("Thriving choir, orchestra & steel pan clubs",
         "Pupils perform each term to parents and in the community",
         "Ensemble took part in the Schools' Prom at De Montfort Hall"),
        ("No extra-curricular music clubs",
         "Few chances to perform beyond the Christmas play",
         "Ensemble membership is < 10% of pupils"),
        ("Start a lunchtime choir or band open to all pupils",
         "Plan a summer term concert for parents & the community",
         "Sign up for the area ensemble day in June"),
    ),
    "Inclusion": (
        ("Pupil Premium funds instrumental lessons for disadvantaged pupils",
         "Pupils with SEND take a full part, with adapted instruments",
         "Music is used well to support pupils with EAL"),
        ("Uptake of lessons by Pupil Premium pupils is low",
         "Pupils with SEND do not take part in ensembles",
         "Music is not yet used to support EAL pupils' language"),
        ("Use Pupil Premium to fund lessons for at least 10 disadvantaged pupils",
         "Adapt ensemble activities so pupils with SEND can take part",
         "Use songs in home languages to support EAL pupils"),
    ),
    "Partnership with hub": (
        ("Good links with the hub: attends network meetings regularly",
         "Uses the hub's CPD offer & the area music centre",
         "Strong partnership with {partner}"),
        ("School has not yet engaged with hub network meetings",
         "Unaware of the hub's remission & loan scheme",
         "No contact yet with the area music centre"),
        ("Music lead to attend the next area network meeting",
         "Share the hub's remission & loan scheme with parents",
         "Arrange a visit to the area music centre's Saturday session"),
    ),
}
# fmt: on

GENERIC = (
    ("Good practice seen in {criterion}",),
    ("{criterion} needs development",),
    ("Agree next steps for {criterion} with {lead}",),
)

SUPPORT = (
    "{sle} to model a whole-class singing lesson",
    "{sle} to team-teach a {ks} lesson with {lead}",
    "Place offered on the hub's 'Confident Class Music' CPD (spring term)",
    "Sing Up & Charanga log-ins arranged through the hub",
    "Loan of a class set of ukuleles for one term",
    "Invitation to the Leicester-Shire Schools' Prom at De Montfort Hall",
    "Copy of the hub's audit template & music development plan exemplar sent",
    "Introduction to the area music leader for ensemble support",
    "Network meeting dates for the summer term sent",
)
TARGETED = "Targeted support package: 3 half-day visits from {sle}"
PROGRESS = (
    "Good progress since the last visit on the agreed actions",
    "The action plan agreed at the audit is under way",
    "{lead} has acted on most of the last visit's next steps",
)

# Phase -> (main key stage, oldest year group, whole-class programme, partner school).
_PRIMARY = (
    "KS2",
    "Year 6",
    "the Year 4 whole-class ukulele programme (First Access)",
    "the secondary school's music department",
)
_SECONDARY = ("KS3", "Year 11", "the Year 7 whole-class keyboard programme", "its feeder primary schools")
PHASE_WORDS = {
    "Nursery": (
        "EYFS",
        "the pre-school room",
        "the weekly music and movement sessions",
        "the local primary schools",
    ),
    "Infant": (
        "KS1",
        "Year 2",
        "the Year 2 whole-class percussion programme",
        "the junior school its pupils move on to",
    ),
    "Junior": _PRIMARY,
    "Primary": _PRIMARY,
    "Middle deemed primary": ("KS2", "Year 8", _PRIMARY[2], "the upper school's music department"),
    "Middle deemed secondary": ("KS3", "Year 9", _SECONDARY[2], "its feeder primary schools"),
    "Secondary": _SECONDARY,
    "All-through": ("KS2", "Year 11", _PRIMARY[2], "other schools in the area"),
    "Special": (
        "KS2",
        "the leavers' class",
        "the whole-class sensory music programme",
        "other schools in the area",
    ),
    "PRU": ("KS3", "Year 11", "the small-group djembe programme", "the pupils' home schools"),
    "16 plus": ("KS5", "Year 13", "the music technology course", "local secondary schools"),
}


def school_words(phase: str, name: str) -> dict[str, str]:
    """The phase words a school's visit notes use: an infant or junior school by its name."""
    kind = "Infant" if "Infant" in name else "Junior" if "Junior" in name else phase
    ks, top, programme, partner = PHASE_WORDS.get(kind, PHASE_WORDS["Special"])
    return {
        "ks": ks,
        "top_year": top,
        "programme": programme,
        "Programme": programme[0].upper() + programme[1:],
        "partner": partner,
    }
