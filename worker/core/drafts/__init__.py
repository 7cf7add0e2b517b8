"""Drafts (SPEC §9): the message for each row's next step, and the mailto: link that opens it.

Pure like the rules: values in, text out; no I/O, no clock. Only the standard library,
worker.core.models, worker.core.configuration and worker.core.textcut, so the rules can call it.
"""

from .compose import NO_DRAFT, Draft, check_templates, compose_draft
from .mailto import mail_link
from .syntax import TemplateError

__all__ = ["NO_DRAFT", "Draft", "TemplateError", "check_templates", "compose_draft", "mail_link"]
