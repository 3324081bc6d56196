from . import catalogue, data  # noqa: F401  (registers the model admins)
