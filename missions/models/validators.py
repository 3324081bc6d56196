"""Field validators shared by the catalogue models."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from missions.spreadsheet_cells import has_control_characters


@deconstructible
class SingleLineValidator:
    """Refuse control characters (newline, tab, NUL ...) in a one-line field: they forge rows in public files."""

    message = "must be a single line of text without control characters (newline, tab, NUL)"

    def __call__(self, value):
        if isinstance(value, str) and has_control_characters(value):
            raise ValidationError(self.message, code="control_characters")

    def __eq__(self, other):
        return isinstance(other, SingleLineValidator)


single_line = SingleLineValidator()
