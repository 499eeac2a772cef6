"""Conflicts name fields the way people read them, in their language."""

from __future__ import annotations

from hubdesk.kernel.i18n import language_context
from hubdesk.services.field_labels import DELETED_FIELD, field_label
from hubdesk.sync import protocol


def test_a_field_is_named_in_the_language_of_the_reader() -> None:
    with language_context("fr"):
        assert field_label("enterprise", "name") == "Nom"
        assert field_label("enterprise", "turnover_eur") == "Chiffre d'affaires (€)"
    with language_context("nl"):
        assert field_label("enterprise", "postal_code") == "Postcode"
        assert field_label("visit", "notes") == "Notities"
    with language_context("en"):
        assert field_label("case", "attache_post") == "Attaché post"


def test_several_fields_are_joined_and_an_unknown_one_shows_as_written() -> None:
    with language_context("en"):
        assert field_label("enterprise", "name, phone") == "Name, Phone"
        assert field_label("enterprise", "added_in_a_later_release") == "added_in_a_later_release"


def test_the_deleted_field_is_the_protocols() -> None:
    assert DELETED_FIELD == protocol.DELETED_FIELD
    with language_context("en"):
        assert field_label("case", DELETED_FIELD) == "Deletion"
