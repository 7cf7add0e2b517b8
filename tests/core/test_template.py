"""The template table (SPEC §3) is the one description of every column, and the rest follows it."""

from __future__ import annotations

from worker.core.configuration import PropertyNames
from worker.core.models import Person, WorkerFields
from worker.core.columns import ALL_KEYS, BY_KEY, OPTIONAL_KEYS, SELF_RELATIONS, USER_KEYS, WORKER_KEYS


def test_every_template_column_has_a_configurable_name_and_nothing_else_does():
    assert tuple(PropertyNames.model_fields) == ALL_KEYS


def test_the_worker_fields_are_exactly_the_worker_owned_columns_in_template_order():
    assert tuple(WorkerFields.__dataclass_fields__) == WORKER_KEYS


def test_a_person_carries_every_user_owned_column():
    assert set(USER_KEYS) <= set(Person.__dataclass_fields__)


def test_the_v2_optional_columns_are_meeting_on_email_linkedin_and_mail_link():
    assert OPTIONAL_KEYS == {"meeting_on", "email", "linkedin", "mail_link"}
    assert {key for key in WORKER_KEYS if key in OPTIONAL_KEYS} == {"mail_link"}


def test_status_is_created_as_a_select_because_the_api_cannot_set_status_options():
    assert BY_KEY["status"].create_type == "select"
    assert BY_KEY["status"].types == ("status", "select")


def test_the_self_relations_are_knows_introduced_by_and_intro_via():
    assert SELF_RELATIONS == ("knows", "introduced_by", "intro_via")
