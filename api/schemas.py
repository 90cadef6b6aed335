"""The REST API's JSON, described: one pydantic model per record that `kg.records` builds.

The routes name them as `response_model`, so `/openapi.json` (and `/docs`)
shows every field; the routes still send the records as built (plain JSON, or
JSON-LD with `ontology/context.jsonld` by `Accept`), and a test validates real
answers against these models, so the description cannot drift from the data.
Every key is snake_case. Dates are ISO `YYYY-MM-DD` strings; `iri` is the IRI
of the node in the graph, which `/id/…` serves as Linked Data.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(_Record):
    """Every error: one readable line, with the HTTP status saying which kind."""

    detail: str = Field(description="what is wrong, e.g. `bad parameter: limit: Input should be less than or "
                        "equal to 500` or `no person https://w3id.org/zhengwu/id/person/…`")


class Ref(_Record):
    """A node named by another record: its IRI and one label."""

    iri: str
    label: str | None = None


class Evidence(_Record):
    """Where the text says so: the words (`quote`) and the sentence they stand in."""

    quote: str | None = None
    sentence: str | None = None


class _Page(_Record):
    limit: int = Field(description="items per page, as asked")
    offset: int = Field(description="items skipped, as asked")
    more: bool = Field(description="whether another page follows")
    total: int | None = Field(None, description="how many items there are in all")


# --- persons -------------------------------------------------------------------------------------------
class PersonItem(_Record):
    iri: str
    label: str | None = None
    posts: list[str] = Field(description="titles of the posts held, as written")
    events: int = Field(description="events taken part in")


class PersonPage(_Page):
    items: list[PersonItem]


class Post(_Record):
    iri: str
    label: str | None = Field(None, description="the canonical title (无锡市委书记)")
    titles: list[str] = Field(description="the titles as the articles wrote them")
    organisation: Ref | None = None
    seen: list[str] = Field(description="days an article says it was held")
    first_seen: str | None = None
    last_seen: str | None = None


class RoleTaken(_Record):
    role: str = Field(description="presided, led, spokeAt, accompanied or attended (the ontology's property)")
    evidence: list[Evidence]


class CoAttendee(_Record):
    iri: str
    label: str | None = None
    roles: list[str]


class ArticleRef(_Record):
    iri: str
    title: str | None = None
    issued: str | None = None


class EventSummary(_Record):
    iri: str
    type: Literal["Event"]
    kind: str = Field(description="the finest event class (Meeting, Inspection, …)")
    label: str | None = None
    date: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    places: list[Ref]
    article: ArticleRef = Field(description="the article that reports it")
    evidence: list[Evidence]


class PersonEvent(EventSummary):
    roles: list[RoleTaken] = Field(description="the person's roles there, finest first")
    co_attendees: list[CoAttendee]


class Person(_Record):
    iri: str
    type: Literal["Person"]
    label: str
    labels: list[str]
    posts: list[Post]
    events: list[PersonEvent] = Field(description="one page of the person's events, in time order")
    events_total: int
    events_limit: int
    events_offset: int


# --- events --------------------------------------------------------------------------------------------
class EventItem(_Record):
    iri: str
    label: str | None = None
    kind: str
    date: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    article: str | None = Field(None, description="the IRI of the article that reports it")


class EventPage(_Page):
    items: list[EventItem]


class Participant(_Record):
    iri: str
    label: str | None = None
    evidence: list[Evidence]


class EventPolicy(_Record):
    iri: str
    label: str | None = None
    evidence: list[Evidence]


class Event(EventSummary):
    participants: dict[str, list[Participant]] = Field(
        description="by role (presided, led, spokeAt, accompanied, attended: the ontology's properties), finest first")
    policies: list[EventPolicy] = Field(description="the policies the event emphasised")


# --- policies ------------------------------------------------------------------------------------------
class PolicyItem(_Record):
    iri: str
    label: str | None = None
    events: int = Field(description="events that emphasised it")


class PolicyPage(_Page):
    items: list[PolicyItem]


class PolicyEvent(_Record):
    iri: str
    label: str | None = None
    date: str | None = None
    article: ArticleRef


class Official(_Record):
    iri: str
    label: str | None = None
    events: int = Field(description="events of the policy where the official presided, led or spoke")
    roles: list[str]


class Alongside(_Record):
    iri: str
    label: str | None = None
    shared_events: int


class Policy(_Record):
    iri: str
    type: Literal["Policy"]
    label: str | None = None
    labels: list[str]
    variants: list[str] = Field(description="other names of the same policy")
    events: list[PolicyEvent] = Field(description="one page of its events, in time order")
    events_total: int
    events_limit: int
    events_offset: int
    officials: list[Official] = Field(description="who pushed it most")
    officials_total: int
    alongside: list[Alongside] = Field(description="the policies emphasised at the same events most often")
    alongside_total: int


# --- articles ------------------------------------------------------------------------------------------
class ArticleItem(_Record):
    iri: str
    title: str | None = None
    issued: str | None = None
    publisher: Ref | None = None


class ArticlePage(_Page):
    items: list[ArticleItem]


class Fact(BaseModel):
    """A fact drawn from the article (a participation, emphasis, holding, mention, event): what it links,
    each as a `Ref` under the property's name (agent, event, policy, post, entity …), with its evidence."""

    model_config = ConfigDict(extra="allow")

    iri: str
    kinds: list[str] = Field(description="its classes (Participation, Emphasis, Holding, Mention, Meeting …)")
    quote: str | None = None
    sentence: str | None = None
    start_offset: int | None = Field(None, description="where the quote starts in the article's text")
    end_offset: int | None = None


class Article(BaseModel):
    """An article: what the graph says of it, each under the property's name (snake_case), and its facts."""

    model_config = ConfigDict(extra="allow")

    iri: str
    type: Literal["Article"]
    title: str | None = None
    issued: str | None = None
    text: str | None = None
    body_offset: int | None = Field(None, description="where the body starts in the source's text")
    is_part_of: str | None = Field(None, description="the IRI of the source document")
    publisher: Ref | None = None
    facts: list[Fact]


# --- search --------------------------------------------------------------------------------------------
class SearchHit(_Record):
    iri: str
    kind: str = Field(description="person, post, event, policy, organisation or article")
    label: str | None = None
    rank: int | None = Field(None, description="3: the label is q, 2: it starts with q, 1: it contains q")


class SearchPage(_Page):
    items: list[SearchHit]
