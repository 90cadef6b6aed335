"""The analyst's views (kg.records.analytics), described: one pydantic model per route's answer.

As `api.schemas` does for the entity records: the routes name these as `response_model`, so
`/openapi.json` shows every field, and a test validates real answers against them (unknown keys are
forbidden). Periods are `2024-05` (month), `2024-Q2` (quarter) or `2024` (year).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from api.schemas import _Record

Period = Literal["month", "quarter", "year"]


class PolicyPeriod(_Record):
    period: str = Field(description="`2024-05`, `2024-Q2` or `2024`")
    events: int = Field(description="dated events of the period that emphasised the policy")
    articles: int = Field(description="articles reporting those events")


class PolicyTimeline(_Record):
    """`GET /policies/{id}/timeline`: a policy's attention per period."""

    iri: str
    label: str | None = None
    by: Period
    jurisdiction: str | None = Field(None, description="only events a person of this jurisdiction took part in")
    items: list[PolicyPeriod]


class RankedPolicy(_Record):
    iri: str
    label: str | None = None
    events: int = Field(description="events of the period that emphasised it")


class PoliciesOfPeriod(_Record):
    period: str
    policies: list[RankedPolicy] = Field(description="most emphasised first (ties by label, then IRI)")


class PolicyStats(_Record):
    """`GET /stats/policies`: per period, the policies the events emphasised most."""

    by: Period
    top: int = Field(description="policies kept per period, as asked")
    jurisdiction: str | None = None
    items: list[PoliciesOfPeriod]


class NetworkNode(_Record):
    iri: str
    label: str | None = None
    events: int = Field(description="the person's own events (first node), or events shared with the person")


class NetworkEdge(_Record):
    source: str
    target: str
    events: int = Field(description="events both took part in")


class PersonNetwork(_Record):
    """`GET /persons/{id}/network`: who took part in the same events as the person, how often."""

    iri: str
    min: int = Field(description="the fewest shared events an edge has, as asked")
    nodes: list[NetworkNode] = Field(description="the person first, then the co-attendees")
    edges: list[NetworkEdge]


class CareerPost(_Record):
    iri: str
    title: str | None = None
    first_seen: str | None = Field(None, description="the first day an article attests the post")
    last_seen: str | None = Field(None, description="the last day an article attests the post")


class PersonPeriod(_Record):
    period: str
    events: int
    roles: dict[str, int] = Field(description="events per role (presided, led, spokeAt, accompanied, attended)")


class PersonTimeline(_Record):
    """`GET /persons/{id}/timeline`: a person's events per period by role, and the posts they held."""

    iri: str
    label: str | None = None
    by: Period
    posts: list[CareerPost]
    items: list[PersonPeriod]
