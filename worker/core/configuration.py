"""The configuration's models: rule numbers, option labels, column names, how to talk to Notion.

These are what config/outreach.toml (or the user's own file) holds, validated; settings/config_file.py
reads the file into them. They are not domain values: the people and the worker's fields are models.py.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from worker.core.models import Closeness, Status

# --- rule numbers (SPEC §4); every default is a named constant ------------------------------

DEFAULT_HALF_LIFE_DAYS = 180
DEFAULT_STRENGTH_STEP = 5
DEFAULT_STALE_EDGE_FACTOR = 2
DEFAULT_LINK_LENGTH = 3
DEFAULT_MAX_PATH_EDGES = 3
DEFAULT_PLAN_PER_DAY = 5
DEFAULT_PLAN_BUSINESS_DAYS = 10
DEFAULT_MAX_TEXT = 2000
DEFAULT_FOLLOW_UPS_MAX = 2
DEFAULT_PARK_DAYS = 90
DEFAULT_INTROS_PER_PERSON = 3


class ClosenessRule(BaseModel):
    """What one Closeness level means: strength base, edge length from You, stale horizon."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_strength: int = Field(ge=0, le=100)
    edge_length: float | None = Field(default=None, gt=0)  # None: out of network
    stale_after_days: int | None = Field(default=None, ge=0)  # None: never stale


def _default_closeness() -> dict[str, ClosenessRule]:
    return {
        Closeness.CLOSE: ClosenessRule(base_strength=100, edge_length=1, stale_after_days=180),
        Closeness.WARM: ClosenessRule(base_strength=70, edge_length=2, stale_after_days=90),
        Closeness.ACQUAINTANCE: ClosenessRule(base_strength=40, edge_length=4, stale_after_days=45),
        Closeness.COLD: ClosenessRule(base_strength=0, edge_length=None, stale_after_days=None),
    }


def _default_status_days() -> dict[str, int | None]:
    return {
        Status.REACHED_OUT: 5,
        Status.REPLIED: 0,  # v3: a reply is owed from the day it came (SPEC §4.4)
        Status.MEETING_SCHEDULED: 1,
        Status.INTERVIEWING: 10,
        Status.REFERRED: 10,
        Status.IN_TOUCH: None,  # SPEC §4.1: the two-way date + the "stale after" days, not business days
        Status.NOT_INTERESTED: None,
    }


class RuleBook(BaseModel):
    """Every number and label mapping the rules use; loaded from config/outreach.toml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    target_companies: tuple[str, ...] = ()
    # Other names of a target company, by the target's name as listed: {"Meta": ("Facebook",)}.
    target_aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    closeness: dict[str, ClosenessRule] = Field(default_factory=_default_closeness)
    half_life_days: float = Field(default=DEFAULT_HALF_LIFE_DAYS, gt=0)
    strength_step: int = Field(default=DEFAULT_STRENGTH_STEP, ge=1)
    stale_edge_factor: float = Field(default=DEFAULT_STALE_EDGE_FACTOR, ge=1)
    link_length: float = Field(default=DEFAULT_LINK_LENGTH, gt=0)
    max_path_edges: int = Field(default=DEFAULT_MAX_PATH_EDGES, ge=2)
    status_business_days: dict[str, Annotated[int, Field(ge=0)] | None] = Field(default_factory=_default_status_days)
    plan_per_day: int = Field(default=DEFAULT_PLAN_PER_DAY, ge=1)
    plan_business_days: int = Field(default=DEFAULT_PLAN_BUSINESS_DAYS, ge=1)
    max_text: int = Field(default=DEFAULT_MAX_TEXT, ge=10)
    # The ghost rule: after 1 + follow_ups_max unanswered messages, wait park_days, then try once more.
    follow_ups_max: int = Field(default=DEFAULT_FOLLOW_UPS_MAX, ge=0)
    park_days: int = Field(default=DEFAULT_PARK_DAYS, ge=1)
    # After a real conversation, ask for introductions until a person has made this many.
    intros_per_person: int = Field(default=DEFAULT_INTROS_PER_PERSON, ge=0)
    # A user's own option labels mapped onto the template's ("Very close" = "Close").
    closeness_labels: dict[str, str] = Field(default_factory=dict)
    status_labels: dict[str, str] = Field(default_factory=dict)
    # Days that are not business days besides weekends (SPEC §4.4): the config's [calendar], as dates.
    days_off: frozenset[date] = frozenset()


class PropertyNames(BaseModel):
    """The Notion column name behind each template property (SPEC §3); users may rename columns."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "Name"
    company: str = "Company"
    role: str = "Role"
    closeness: str = "Closeness"
    last_contacted: str = "Last contacted"
    status: str = "Status"
    knows: str = "Knows"
    introduced_by: str = "Introduced by"
    shared_interests: str = "Shared interests"
    paused: str = "Paused"
    meeting_on: str = "Meeting on"
    email: str = "Email"
    linkedin: str = "LinkedIn"
    suggested_ask: str = "Suggested ask"
    why: str = "Why"
    next_step: str = "Next step"
    draft: str = "Draft"
    intro_path: str = "Intro path"
    mail_link: str = "Mail link"
    intro_via: str = "Intro via"
    follow_up_on: str = "Follow up on"
    stale: str = "Stale"
    strength: str = "Strength"
    intros_made: str = "Intros made"
    worker_state: str = "Worker state"


# --- talking to Notion (config/outreach.toml [notion]) ------------------------------------

DEFAULT_REQUESTS_PER_SECOND = 3.0
DEFAULT_MAX_RETRIES = 5
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_MAX_RETRY_WAIT_SECONDS = 60.0
DEFAULT_RETRY_BACKOFF_SECONDS = 0.5


class NotionOptions(BaseModel):
    """How the worker talks to Notion: pace, retries, time-outs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    requests_per_second: float = Field(default=DEFAULT_REQUESTS_PER_SECOND, gt=0)
    max_retries: int = Field(default=DEFAULT_MAX_RETRIES, ge=0)
    timeout_seconds: float = Field(default=DEFAULT_TIMEOUT_SECONDS, gt=0)
    max_retry_wait_seconds: float = Field(default=DEFAULT_MAX_RETRY_WAIT_SECONDS, gt=0)
    # Base of the jittered exponential back-off when Notion gives no Retry-After (seconds).
    retry_backoff_seconds: float = Field(default=DEFAULT_RETRY_BACKOFF_SECONDS, ge=0)


# --- you and the draft templates (config/outreach.toml [me] and [drafts], SPEC §9) ----------------


class Me(BaseModel):
    """You, as your drafts introduce you; without a name the worker writes no drafts."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = ""
    pitch: str = ""  # the line after "I'm" and "Sam is": "a backend engineer with six years on payments"
    links: tuple[str, ...] = ()

    @field_validator("links", mode="before")
    @classmethod
    def _one_link_is_a_list(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value


class DraftTemplate(BaseModel):
    """One kind of message: the subject line (for the Mail link) and the body (the Draft)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    subject: str
    body: str


class RolePhrases(BaseModel):
    """How a message to someone in one Role asks for an interview, and what it asks them about."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ask: str
    question: str


OTHER_ROLE = "Other"  # the phrases for a Role without its own, or no Role

DEFAULT_ROLE_PHRASES = {
    "Engineer": RolePhrases(
        ask="Would you be willing to refer me for an engineering role at {company}, or point me to the right team?",
        question="which teams are doing the most interesting engineering work right now",
    ),
    "Engineering Manager": RolePhrases(
        ask="Would you have 20 minutes to talk about roles on your team?",
        question="what you look for when you hire engineers today",
    ),
    "Recruiter": RolePhrases(
        ask="Could you consider me for an open engineering role at {company}? I can send my CV today.",
        question="how the engineering hiring market looks from your side",
    ),
    "Founder": RolePhrases(
        ask="Would you be open to a short call about joining {company}?",
        question="what you look for in the engineers you hire first",
    ),
    OTHER_ROLE: RolePhrases(
        ask="Could you point me to the right person to talk to about engineering roles at {company}?",
        question="where someone with my background could be most useful",
    ),
}

DEFAULT_BLURB = (
    "{my_name} is {my_pitch}. {my_first_name} would be grateful for 20 minutes to learn how your team "
    "works.\n{my_links}"
)
DEFAULT_INTRO_ASK = (
    "Would you be open to introducing me to {who_to_meet}? Here is a note you can forward as is:\n\n{blurb}"
)
DEFAULT_DRAFTS = {
    "warm_pitch": DraftTemplate(
        subject="A role at {company}?",
        body="Hi {first_name},\n\nI hope all is well at {company}. I'm looking for my next role: I'm {my_pitch}, "
        "and {company} is at the top of my list.\n\n{role_ask}\n\nThank you!\n{my_first_name}\n{my_links}",
    ),
    "cold_pitch": DraftTemplate(
        subject="Engineering roles at {company}",
        body="Hi {first_name},\n\n{opener}\n\nI'm {my_name}, {my_pitch}. I'm looking for my next role, and {company} is at "
        "the top of my list.\n\n{role_ask}\n\nThank you for reading,\n{my_name}\n{my_links}",
    ),
    "intro_request": DraftTemplate(
        subject="Could you introduce me?",
        body="Hi {first_name},\n\nI'm looking for my next role, and I'd value your help. {intro_ask}\n\n"
        "Thank you either way!\n{my_first_name}",
    ),
    "after_intro": DraftTemplate(
        subject="Introduction from {introducer}",
        body="Hi {first_name},\n\n{introducer_first_name} was kind enough to introduce us. I'm {my_pitch}, and "
        "{company} is at the top of my list.\n\n{role_ask}\n\nBest,\n{my_name}\n{my_links}",
    ),
    "advice": DraftTemplate(
        subject="Your advice?",
        body="Hi {first_name},\n\n{opener} I'm looking for my next role, and I'd value your view on {role_question}.\n\nWould you have 20 minutes "
        "for a call in the next couple of weeks?\n\n{my_first_name}",
    ),
    "shared_interest": DraftTemplate(
        subject="Shared interest: {shared_interests}",
        body="Hi {first_name},\n\n{opener}\n\nI'm {my_name}. I noticed we share an interest in {shared_interests}, and I'd "
        "love to hear what you're working on or reading about it lately. Anything you'd recommend?\n\n"
        "Best,\n{my_name}\n{my_links}",
    ),
    "follow_up": DraftTemplate(
        subject="Following up",
        body="Hi {first_name},\n\nI'm bringing my note from {last_contacted} back to the top of your inbox, in "
        "case it got buried. {intro_ask}\n\nThanks,\n{my_first_name}",
    ),
    "follow_up_again": DraftTemplate(
        subject="Following up",
        body="Hi {first_name},\n\nA gentle nudge on my notes since {first_message}, in case they got buried. "
        "{intro_ask}\n\nIf now isn't a good time, no problem at all.\n\n{my_first_name}",
    ),
    "parked": DraftTemplate(
        subject="A quick update",
        body="Hi {first_name},\n\nI know my notes from {first_message} to {last_contacted} came at a busy time. "
        "Since then, [one line of news: something you shipped, learned or decided]. If now is a better time, "
        "I'd still love to hear from you.\n\nBest,\n{my_first_name}",
    ),
    "reply": DraftTemplate(
        subject="Thanks for your reply",
        body="Hi {first_name},\n\nThank you for getting back to me. [Your answer to their reply.]\n\n{pitch_ask}"
        "\n\n{intro_ask}"
        "\n\nBest,\n{my_first_name}",
    ),
    "meeting": DraftTemplate(
        subject="Our conversation on {meeting_on}",
        body="Hi {first_name},\n\nLooking forward to our conversation on {meeting_on}. I'd especially value "
        "your view on {role_question}.\n\nSee you then,\n{my_first_name}",
    ),
    "thank_you": DraftTemplate(
        subject="Thank you",
        body="Hi {first_name},\n\nThank you again for your time; our conversation helped me a lot.\n\n{pitch_ask}"
        "\n\n{intro_ask}"
        "\n\nBest,\n{my_first_name}",
    ),
    "check_in": DraftTemplate(
        subject="Checking in",
        body="Hi {first_name},\n\nA quick check-in: is there anything else I can send, or anything I should "
        "know about the next steps at {company}? Thank you again for your help.\n\n{my_first_name}",
    ),
    "answer_intro": DraftTemplate(
        subject="Introduction from {introducer}",
        body="Hi {first_name},\n\nThanks to {introducer_first_name} for introducing us; I'm glad to meet you. "
        "I'm {my_name}, {my_pitch}.\n\n{first_ask}\n\nBest,\n{my_name}\n{my_links}",
    ),
    "thank_connector": DraftTemplate(
        subject="Thank you for the introduction",
        body="Hi {first_name},\n\nThank you so much for introducing me to {introduced}; it means a lot, and I'll let "
        "you know how it goes.\n\n{pitch_ask}\n\n{intro_ask}\n\nBest,\n{my_first_name}",
    ),
    "in_touch": DraftTemplate(
        subject="News from my side",
        body="Hi {first_name},\n\nA quick hello, and some news from my side: [one line of news: something you "
        "shipped, learned or decided]. How are things at {company}?\n\nBest,\n{my_first_name}",
    ),
}


class DraftTemplates(BaseModel):
    """Every draft template ([drafts]): one per ask and status action, plus the pieces they share.

    settings/config_file.py checks each template's placeholders when it reads the file (worker.core.drafts
    knows them).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    blurb: str = DEFAULT_BLURB
    intro_ask: str = DEFAULT_INTRO_ASK
    roles: dict[str, RolePhrases] = Field(default_factory=lambda: dict(DEFAULT_ROLE_PHRASES))
    warm_pitch: DraftTemplate = DEFAULT_DRAFTS["warm_pitch"]
    cold_pitch: DraftTemplate = DEFAULT_DRAFTS["cold_pitch"]
    intro_request: DraftTemplate = DEFAULT_DRAFTS["intro_request"]
    after_intro: DraftTemplate = DEFAULT_DRAFTS["after_intro"]
    advice: DraftTemplate = DEFAULT_DRAFTS["advice"]
    shared_interest: DraftTemplate = DEFAULT_DRAFTS["shared_interest"]
    follow_up: DraftTemplate = DEFAULT_DRAFTS["follow_up"]
    follow_up_again: DraftTemplate = DEFAULT_DRAFTS["follow_up_again"]
    parked: DraftTemplate = DEFAULT_DRAFTS["parked"]
    reply: DraftTemplate = DEFAULT_DRAFTS["reply"]
    meeting: DraftTemplate = DEFAULT_DRAFTS["meeting"]
    thank_you: DraftTemplate = DEFAULT_DRAFTS["thank_you"]
    check_in: DraftTemplate = DEFAULT_DRAFTS["check_in"]
    answer_intro: DraftTemplate = DEFAULT_DRAFTS["answer_intro"]
    thank_connector: DraftTemplate = DEFAULT_DRAFTS["thank_connector"]
    in_touch: DraftTemplate = DEFAULT_DRAFTS["in_touch"]

    def template(self, kind: str) -> DraftTemplate:
        """The template of one kind (a name from DEFAULT_DRAFTS)."""
        return getattr(self, kind)

    def phrases(self, role: str) -> RolePhrases:
        """The phrases for a Role (matched case-insensitively), else the Other role's."""
        folded = {label.casefold(): phrases for label, phrases in self.roles.items()}
        found = folded.get(role.strip().casefold()) or folded.get(OTHER_ROLE.casefold())
        return found or DEFAULT_ROLE_PHRASES[OTHER_ROLE]


DEFAULT_DRAFT_TEMPLATES = DraftTemplates()
