"""Leicester and Leicestershire for the demo: areas, their places and postcode districts.

Real districts, towns and villages; the schools built on them are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

LEICESTER, LEICESTERSHIRE = ("Leicester", 856), ("Leicestershire", 855)


@dataclass(frozen=True)
class Area:
    name: str
    la: str
    la_code: int
    weight: int  # share of the hub's schools
    places: tuple[tuple[str, str, str], ...]  # (locality, post town, postcode district)


def _city(name: str, weight: int, localities: tuple[tuple[str, str], ...]) -> Area:
    return Area(name, *LEICESTER, weight, tuple((loc, "Leicester", pc) for loc, pc in localities))


def _county(name: str, weight: int, places: tuple[tuple[str, str], ...]) -> Area:
    return Area(name, *LEICESTERSHIRE, weight, tuple((town, town, pc) for town, pc in places))


AREAS = (
    _city(
        "Leicester City North",
        30,
        (
            ("Beaumont Leys", "LE4"),
            ("Belgrave", "LE4"),
            ("Rushey Mead", "LE4"),
            ("Stocking Farm", "LE4"),
            ("Mowmacre Hill", "LE4"),
            ("Abbey", "LE4"),
            ("Northfields", "LE4"),
            ("Humberstone Garden", "LE4"),
        ),
    ),
    _city(
        "Leicester City East",
        34,
        (
            ("Evington", "LE5"),
            ("Hamilton", "LE5"),
            ("Humberstone", "LE5"),
            ("Thurnby Lodge", "LE5"),
            ("Spinney Hills", "LE5"),
            ("Highfields", "LE2"),
            ("Coleman", "LE5"),
            ("Crown Hills", "LE5"),
            ("Rowlatts Hill", "LE5"),
            ("Netherhall", "LE5"),
        ),
    ),
    _city(
        "Leicester City South",
        28,
        (
            ("Aylestone", "LE2"),
            ("Knighton", "LE2"),
            ("Saffron", "LE2"),
            ("Eyres Monsell", "LE2"),
            ("Clarendon Park", "LE2"),
            ("Stoneygate", "LE2"),
            ("Southfields", "LE2"),
        ),
    ),
    _city(
        "Leicester City West",
        28,
        (
            ("Braunstone", "LE3"),
            ("Braunstone Frith", "LE3"),
            ("New Parks", "LE3"),
            ("Westcotes", "LE3"),
            ("Fosse", "LE3"),
            ("Western Park", "LE3"),
            ("Woodgate", "LE3"),
        ),
    ),
    _county(
        "Charnwood",
        60,
        (
            ("Loughborough", "LE11"),
            ("Shepshed", "LE12"),
            ("Syston", "LE7"),
            ("Anstey", "LE7"),
            ("Birstall", "LE4"),
            ("Quorn", "LE12"),
            ("Rothley", "LE7"),
            ("Sileby", "LE12"),
            ("Barrow upon Soar", "LE12"),
            ("Mountsorrel", "LE12"),
            ("Thurmaston", "LE4"),
            ("East Goscote", "LE7"),
            ("Hathern", "LE12"),
            ("Queniborough", "LE7"),
        ),
    ),
    _county(
        "Hinckley & Bosworth",
        40,
        (
            ("Hinckley", "LE10"),
            ("Burbage", "LE10"),
            ("Earl Shilton", "LE9"),
            ("Barwell", "LE9"),
            ("Market Bosworth", "CV13"),
            ("Groby", "LE6"),
            ("Ratby", "LE6"),
            ("Desford", "LE9"),
            ("Markfield", "LE67"),
            ("Newbold Verdon", "LE9"),
            ("Stoke Golding", "CV13"),
        ),
    ),
    _county(
        "Harborough",
        38,
        (
            ("Market Harborough", "LE16"),
            ("Lutterworth", "LE17"),
            ("Broughton Astley", "LE9"),
            ("Fleckney", "LE8"),
            ("Kibworth", "LE8"),
            ("Great Glen", "LE8"),
            ("Billesdon", "LE7"),
            ("Husbands Bosworth", "LE17"),
            ("Great Bowden", "LE16"),
        ),
    ),
    _county(
        "Melton",
        22,
        (
            ("Melton Mowbray", "LE13"),
            ("Asfordby", "LE14"),
            ("Bottesford", "NG13"),
            ("Long Clawson", "LE14"),
            ("Waltham on the Wolds", "LE14"),
            ("Frisby on the Wreake", "LE14"),
        ),
    ),
    _county(
        "North West Leicestershire",
        45,
        (
            ("Coalville", "LE67"),
            ("Ashby-de-la-Zouch", "LE65"),
            ("Castle Donington", "DE74"),
            ("Ibstock", "LE67"),
            ("Measham", "DE12"),
            ("Whitwick", "LE67"),
            ("Kegworth", "DE74"),
            ("Thringstone", "LE67"),
            ("Moira", "DE12"),
        ),
    ),
    _county(
        "Oadby & Wigston",
        18,
        (("Oadby", "LE2"), ("Wigston", "LE18"), ("South Wigston", "LE18"), ("Wigston Magna", "LE18")),
    ),
    _county(
        "Blaby",
        35,
        (
            ("Blaby", "LE8"),
            ("Enderby", "LE19"),
            ("Narborough", "LE19"),
            ("Whetstone", "LE8"),
            ("Countesthorpe", "LE8"),
            ("Braunstone Town", "LE3"),
            ("Glenfield", "LE3"),
            ("Kirby Muxloe", "LE9"),
            ("Cosby", "LE9"),
            ("Leicester Forest East", "LE3"),
        ),
    ),
)

AREA_NAMES = tuple(a.name for a in AREAS)

STREETS = (
    "School Lane",
    "Church Street",
    "Station Road",
    "Main Street",
    "Park Road",
    "Mill Lane",
    "Hall Lane",
    "The Green",
    "Ashby Road",
    "Leicester Road",
    "Forest Road",
    "Victoria Road",
    "King Street",
    "Queens Road",
    "Brookside",
    "Meadow Way",
    "Chapel Lane",
    "High Street",
    "Manor Road",
    "Melton Road",
    "Hinckley Road",
    "Narborough Road",
    "Uppingham Road",
    "Gipsy Lane",
    "Welford Road",
    "Loughborough Road",
    "Fosse Way",
    "Swithland Lane",
)

# Letters a postcode's inward code may end with.
_INWARD = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(rng, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(_INWARD)}{rng.choice(_INWARD)}"


def address(rng) -> str:
    street = rng.choice(STREETS)
    return street if rng.random() < 0.6 else f"{rng.randint(1, 180)} {street}"
