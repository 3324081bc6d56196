"""GSS codes: the United Kingdom's code and the area level of each code prefix. Pure: no Django."""

UK = "K02000001"

LEVELS = {
    "K02": "United Kingdom",
    "K03": "Great Britain",
    "K04": "England and Wales",
    "E92": "Nation",
    "W92": "Nation",
    "S92": "Nation",
    "N92": "Nation",
    "E12": "Region",
    "E10": "County",
    "E06": "Unitary authority",
    "E07": "Non-metropolitan district",
    "E08": "Metropolitan district",
    "E09": "London borough",
    "W06": "Welsh unitary authority",
    "S12": "Scottish council area",
    "N09": "Northern Ireland local government district",
    "E47": "Combined authority",
    "E14": "Westminster constituency (England)",
    "W07": "Westminster constituency (Wales)",
    "S14": "Westminster constituency (Scotland)",
    "N06": "Westminster constituency (Northern Ireland)",
    "W09": "Senedd constituency",
    "W10": "Senedd electoral region",
    "E23": "Police force area",
    "W15": "Police force area",
}


def area_level(code: str) -> str:
    """Return the level of an area from its GSS code prefix."""
    if code.startswith("TL") or code.startswith("K99"):
        return "International Territorial Level"
    return LEVELS.get(code[:3], "Other")
