"""Whether a secret key is fit for production. Pure: settings import it before Django is set up."""

MIN_LENGTH = 50
MIN_DISTINCT = 10
PLACEHOLDERS = ("change-me", "changeme", "insecure", "placeholder", "secret-key", "example")


def secret_key_problem(key: str) -> str:
    """Return why key is unfit for production (a placeholder, too short, too repetitive), or "" if it is fit."""
    lowered = key.lower()
    if any(word in lowered for word in PLACEHOLDERS):
        return "it is a placeholder"
    if len(key) < MIN_LENGTH:
        return f"it is shorter than {MIN_LENGTH} characters"
    if len(set(key)) < MIN_DISTINCT:
        return f"it has fewer than {MIN_DISTINCT} distinct characters"
    return ""
