"""The areas a reader asks to compare (?areas=E06000001&areas=E08000025): checked before any query. No Django."""

from missions.ingestion.validation import GSS_CODE

MOST = 3
LONGEST = 12  # no GSS code is longer; anything longer is not echoed back in full


class AreaChoiceError(Exception):
    """A choice of areas the compare page cannot show, with the message a reader sees and the HTTP status."""

    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def parse_area_codes(given: list[str]) -> list[str]:
    """Return the distinct GSS codes asked for, upper-case, in order; none (a blank form) is allowed.

    Blank fields are dropped (the form's optional third area).
    """
    codes = [c.strip().upper() for c in given if c.strip()]
    if len(codes) > MOST:
        raise AreaChoiceError(f"Choose at most {MOST} areas to compare; {len(codes)} were given.")
    for code in codes:
        if len(code) > LONGEST or not GSS_CODE.match(code):
            shown = code[:LONGEST] + ("..." if len(code) > LONGEST else "")
            raise AreaChoiceError(f"{shown!r} is not a GSS area code (a letter and eight digits, e.g. E08000035).")
    repeated = sorted({c for c in codes if codes.count(c) > 1})
    if repeated:
        raise AreaChoiceError(f"{', '.join(repeated)} is given more than once; choose different areas.")
    if len(codes) == 1:
        raise AreaChoiceError("Choose at least one more area: the comparison needs two or three.")
    return codes
