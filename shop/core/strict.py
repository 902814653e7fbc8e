"""DRF's text, boolean and UUID fields take only the JSON types the schema documents for them."""

from typing import Any

from rest_framework import fields


def strict_json_types() -> None:
    """Make DRF's text, boolean and UUID fields take only the JSON types the schema documents for them.

    DRF turns a JSON number into text (``{"last_name": 0}`` becomes "0") and 0/1 into booleans,
    and false into the UUID 00000000-..., so the API accepted bodies its own schema calls invalid.
    Query strings and forms only ever carry text, so refusing a non-string for a text field, a
    number for a boolean and a number or boolean for a UUID changes nothing for them. Called once
    from ``CoreConfig.ready``."""

    char_to_internal = fields.CharField.to_internal_value
    bool_to_internal = fields.BooleanField.to_internal_value
    uuid_to_internal = fields.UUIDField.to_internal_value

    def char_to_internal_value(self: fields.CharField, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return char_to_internal(self, data)

    def bool_to_internal_value(self: fields.BooleanField, data: Any) -> bool:
        if isinstance(data, (int, float)) and not isinstance(data, bool):
            self.fail("invalid", input=data)
        return bool_to_internal(self, data)

    def uuid_to_internal_value(self: fields.UUIDField, data: Any) -> Any:
        if isinstance(data, (bool, int)):  # DRF reads false as UUID(int=0)
            self.fail("invalid", value=data)
        return uuid_to_internal(self, data)

    fields.CharField.to_internal_value = char_to_internal_value
    fields.UUIDField.to_internal_value = uuid_to_internal_value
    fields.BooleanField.to_internal_value = bool_to_internal_value
