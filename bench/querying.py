"""A fixed mix of realistic questions, asked of every engine with the same text and the same parameters.

The mix: a person's timeline, the policies of a month, a person's
co-attendance network, the most emphasised policies per quarter, and a
full-text search over article bodies. Parameters (persons, months, words) are
picked from the data once, then reused in the same order for each engine.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import httpx

PREFIXES = """PREFIX zw: <https://w3id.org/zhengwu/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
# An event's day: zw:date, else its start, else the issue date of the article that reports it
_DAY = """OPTIONAL { ?event zw:date ?d1 } OPTIONAL { ?event zw:startDate ?d2 }
  OPTIONAL { ?event zw:reportedIn/dcterms:issued ?d3 } BIND(COALESCE(?d1, ?d2, ?d3) AS ?day)"""

# The union default graph repeats a shared node's triples (a policy's or a person's label) once per
# article graph that mentions it, so every question aggregates first and fetches labels last.
QUESTIONS: dict[str, str] = {
    "timeline": PREFIXES + """SELECT ?event ?day WHERE {
  VALUES ?person { <%s> }
  ?person zw:attended ?event . """ + _DAY + """
} ORDER BY ?day LIMIT 500""",
    "policies_of_month": PREFIXES + """SELECT ?policy ?n (SAMPLE(?label) AS ?name) WHERE {
  { SELECT ?policy (COUNT(DISTINCT ?event) AS ?n) WHERE {
      ?event zw:emphasised ?policy ; zw:reportedIn ?article . ?article dcterms:issued ?day .
      FILTER(STR(?day) >= "%s-01" && STR(?day) <= "%s-31")
    } GROUP BY ?policy ORDER BY DESC(?n) LIMIT 50 }
  OPTIONAL { ?policy rdfs:label ?label }
} GROUP BY ?policy ?n ORDER BY DESC(?n)""",
    "co_attendance": PREFIXES + """SELECT ?other ?n (SAMPLE(?label) AS ?name) WHERE {
  { SELECT ?other (COUNT(DISTINCT ?event) AS ?n) WHERE {
      VALUES ?person { <%s> }
      ?person zw:attended ?event . ?other zw:attended ?event . FILTER(?other != ?person)
    } GROUP BY ?other ORDER BY DESC(?n) LIMIT 50 }
  OPTIONAL { ?other rdfs:label ?label }
} GROUP BY ?other ?n ORDER BY DESC(?n)""",
    "policies_per_quarter": PREFIXES + """SELECT ?quarter ?policy (COUNT(DISTINCT ?event) AS ?n) WHERE {
  ?event zw:emphasised ?policy ; zw:reportedIn/dcterms:issued ?day .
  BIND(CONCAT(SUBSTR(STR(?day), 1, 4), "-Q", STR(CEIL(xsd:integer(SUBSTR(STR(?day), 6, 2)) / 3))) AS ?quarter)
} GROUP BY ?quarter ?policy ORDER BY ?quarter DESC(?n) LIMIT 200""",
    "full_text": PREFIXES + """SELECT ?article ?title WHERE {
  ?article a zw:Article ; zw:text ?body . OPTIONAL { ?article dcterms:title ?title }
  FILTER(CONTAINS(?body, "%s"))
} LIMIT 20""",
}

_PARAMETERS = {
    "persons": PREFIXES + """SELECT ?person (COUNT(DISTINCT ?event) AS ?n) WHERE { ?person zw:attended ?event }
GROUP BY ?person ORDER BY DESC(?n) LIMIT 20""",
    "months": PREFIXES + "SELECT DISTINCT ?day WHERE { ?a a zw:Article ; dcterms:issued ?day } LIMIT 2000",
    "policies": PREFIXES + """SELECT ?policy ?n (SAMPLE(?label) AS ?name) WHERE {
  { SELECT ?policy (COUNT(*) AS ?n) WHERE { ?e zw:emphasised ?policy } GROUP BY ?policy ORDER BY DESC(?n) LIMIT 20 }
  ?policy rdfs:label ?label } GROUP BY ?policy ?n ORDER BY DESC(?n)""",
}

Ask = Callable[[str], int]  # runs a query, returns the number of result rows


@dataclass(frozen=True)
class Parameters:
    """What the questions are asked about, drawn from the data once."""

    persons: list[str]  # IRIs of the most active persons
    months: list[str]  # YYYY-MM with articles
    policies: list[str]  # IRIs of the most emphasised policies
    words: list[str]  # their labels, for full-text search

    @classmethod
    def draw(cls, ask_json: Callable[[str], list[dict]]) -> Parameters:
        persons = [row["person"]["value"] for row in ask_json(_PARAMETERS["persons"])] or ["urn:none"]
        months = sorted({row["day"]["value"][:7] for row in ask_json(_PARAMETERS["months"])}) or ["2024-01"]
        policies = ask_json(_PARAMETERS["policies"])
        return cls(persons, months, [row["policy"]["value"] for row in policies] or ["urn:none"],
                   [row["name"]["value"].replace('"', "") for row in policies] or ["发展"])


def mix(params: Parameters, rounds: int, seed: int = 1) -> list[tuple[str, str]]:
    """The (question, SPARQL) sequence of `rounds` rounds."""
    rng = random.Random(seed)
    fill = {"timeline": lambda: (rng.choice(params.persons),), "co_attendance": lambda: (rng.choice(params.persons),),
            "policies_of_month": lambda: (m := rng.choice(params.months), m), "policies_per_quarter": lambda: (),
            "full_text": lambda: (rng.choice(params.words),)}
    return [(name, text % fill[name]()) for _ in range(rounds) for name, text in QUESTIONS.items()]


def _ident(iri: str, base: str) -> str:
    """The id a REST route takes for `iri`: the path after `base`, percent-encoded."""
    return quote(iri[len(base):] if iri.startswith(base) else iri, safe="/")


def rest_mix(params: Parameters, base: str, rounds: int, seed: int = 1) -> list[tuple[str, str]]:
    """(page, path) of the REST person and policy pages, for the same persons and policies."""
    rng = random.Random(seed)

    def path(collection: str, iri: str) -> str:
        return f"/{collection}/" + _ident(iri, base)

    return [page for _ in range(rounds) for page in (("person", path("persons", rng.choice(params.persons))),
                                                     ("policy", path("policies", rng.choice(params.policies))))]


def analytics_mix(params: Parameters, base: str, rounds: int, seed: int = 1) -> list[tuple[str, str]]:
    """(view, path) of the analyst's routes (kg.records.analytics), for the same persons and policies."""
    rng = random.Random(seed)

    def ident(iri: str) -> str:
        return _ident(iri, base)

    def round_() -> list[tuple[str, str]]:
        by = rng.choice(("month", "quarter", "year"))
        return [("policy_timeline", f"/policies/{ident(rng.choice(params.policies))}/timeline?by={by}"),
                ("policy_stats", f"/stats/policies?by={by}&top=10"),
                ("person_network", f"/persons/{ident(rng.choice(params.persons))}/network"),
                ("person_timeline", f"/persons/{ident(rng.choice(params.persons))}/timeline?by=month")]

    return [view for _ in range(rounds) for view in round_()]


@dataclass(frozen=True)
class Latencies:
    by_question: dict[str, list[float]]  # seconds
    wall: float
    errors: int = 0  # answers that were HTTP errors (timeouts, refusals)

    def quantile(self, q: float, question: str | None = None) -> float:
        values = sorted(self.by_question[question] if question else
                        [v for vs in self.by_question.values() for v in vs])
        return values[min(len(values) - 1, round(q * (len(values) - 1)))] * 1000  # ms

    @property
    def throughput(self) -> float:
        return sum(len(v) for v in self.by_question.values()) / self.wall

    def p50(self, question: str | None = None) -> float:
        return self.quantile(0.5, question)

    def p99(self, question: str | None = None) -> float:
        return self.quantile(0.99, question)

    def median_ms(self) -> float:
        return statistics.median(v for vs in self.by_question.values() for v in vs) * 1000


def measure(ask: Ask, questions: list[tuple[str, str]], budget: float = 120.0) -> Latencies:
    """Latencies of `questions` in order; stops after `budget` seconds (whole rounds are not guaranteed)."""
    ask(questions[0][1])  # warm the connection and caches
    by_question: dict[str, list[float]] = {}
    started = time.perf_counter()
    errors = 0
    for name, text in questions:
        t = time.perf_counter()
        try:
            ask(text)
        except httpx.HTTPStatusError:  # a timeout (503) or refusal still took the time it took
            errors += 1
        by_question.setdefault(name, []).append(time.perf_counter() - t)
        if t - started > budget:
            break
    return Latencies(by_question, time.perf_counter() - started, errors)


def http_asker(endpoint: str, client: httpx.Client) -> Ask:
    """A SPARQL 1.1 Protocol client: POST the query, read every row of the JSON results."""

    def ask(text: str) -> int:
        response = client.post(endpoint, content=text.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return len(response.json()["results"]["bindings"])

    return ask


def rest_asker(url: str, client: httpx.Client) -> Ask:
    """GET a REST page, read the whole JSON body."""

    def ask(path: str) -> int:
        response = client.get(url + path, headers={"Accept": "application/json"})
        response.raise_for_status()
        return len(response.content)

    return ask


def http_json(endpoint: str, client: httpx.Client) -> Callable[[str], list[dict]]:
    def ask(text: str) -> list[dict]:
        response = client.post(endpoint, content=text.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response.raise_for_status()
        return response.json()["results"]["bindings"]

    return ask


def rdflib_asker(nquads: str) -> Ask:
    """rdflib's in-memory Dataset with the union of its graphs as the default graph."""
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")

    def ask(text: str) -> int:
        return len(list(dataset.query(text)))

    return ask
