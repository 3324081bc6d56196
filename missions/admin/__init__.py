from . import catalogue, data, signin  # noqa: F401  (registers the model admins)
