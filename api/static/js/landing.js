// The landing page: one search box, what the graph holds, who and what is busiest, the latest events.
import { api, el, fail, href, link, section, sparql, t, when } from "./common.js";

const PREFIXES = `PREFIX zw: <https://w3id.org/zhengwu/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`;
const HOLDS = PREFIXES + `SELECT (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?person) AS ?persons)
  (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?policy) AS ?policies)
WHERE { { ?article a zw:Article } UNION { ?person a zw:Person } UNION { ?policy a zw:Policy } UNION { ?event zw:reportedIn ?a } }`;
const RANGE = PREFIXES + `SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { ?event zw:reportedIn ?a ; zw:date|zw:startDate ?d }`;
// Counted over IRIs first, labels afterwards: a shared node's label repeats once per article graph.
const PUBLICATIONS = PREFIXES + `SELECT ?publication ?articles (SAMPLE(?l) AS ?label) WHERE {
  { SELECT ?publication (COUNT(DISTINCT ?article) AS ?articles) WHERE { ?article a zw:Article ; dct:publisher ?publication }
    GROUP BY ?publication ORDER BY DESC(?articles) LIMIT 20 }
  OPTIONAL { ?publication rdfs:label ?l } } GROUP BY ?publication ?articles ORDER BY DESC(?articles)`;
// Policies by the events of the month that emphasised them; the month is bound as a typed literal.
const monthPolicies = (from) => PREFIXES + `SELECT ?policy ?events (SAMPLE(?l) AS ?label) WHERE {
  { SELECT ?policy (COUNT(DISTINCT ?event) AS ?events) WHERE { ?event zw:emphasised ?policy ; zw:date|zw:startDate ?d .
      FILTER(?d >= "${from}"^^<http://www.w3.org/2001/XMLSchema#date>) } GROUP BY ?policy ORDER BY DESC(?events) LIMIT 10 }
  OPTIONAL { ?policy rdfs:label ?l } } GROUP BY ?policy ?events ORDER BY DESC(?events) ?label`;

const main = document.getElementById("main");
const kindNames = { person: "persons", event: "events", policy: "policies", article: "articles" };

async function searchResults(q) {
  const box = section(`${t("search")}: ${q}`);
  main.append(box);
  const data = await api("/search", { q, limit: 50 });
  const wanted = data.items.filter((item) => item.kind in kindNames);
  if (!wanted.length) { box.append(el("p", { class: "muted" }, t("noResults"))); return; }
  box.append(el("ul", { class: "results" }, wanted.map((item) =>
    el("li", {}, el("span", { class: `tag ${item.kind}` }, t(kindNames[item.kind])), " ", link(item.iri, item.label)))));
}

async function dashboard() {
  const [[counts], [range], publications, busiest] = await Promise.all([sparql(HOLDS), sparql(RANGE), sparql(PUBLICATIONS),
    api("/persons", { limit: 10 })]);
  const holds = { ...counts, ...range };
  main.append(section(t("holds"),
    el("ul", { class: "counts" }, ["persons", "events", "policies", "articles"].map((k) =>
      el("li", {}, el("strong", {}, Number(holds[k] || 0).toLocaleString()), " ", t(k)))),
    el("p", {}, `${t("range")}: ${holds.first || "?"} – ${holds.last || "?"} · ${t("publications")}: `,
      publications.map((p, i) => [i ? "、" : "", `${p.label || p.publication} (${p.articles})`]))));
  const month = holds.last ? holds.last.slice(0, 7) + "-01" : null;
  const grid = el("div", { class: "grid" });
  main.append(grid);
  grid.append(section(t("busiest"), el("ol", {}, busiest.items.map((p) =>
    el("li", {}, link(p.iri, p.label), el("span", { class: "muted" }, ` ${p.posts.slice(0, 2).join("、")} · ${p.events} ${t("events")}`))))));
  if (!month) return;
  const [policies, events] = await Promise.all([sparql(monthPolicies(month)), api("/events", { from: month, limit: 500 })]);
  grid.append(section(`${t("thisMonth")} (${month.slice(0, 7)})`, el("ol", {}, policies.map((p) =>
    el("li", {}, link(p.policy, p.label), el("span", { class: "muted" }, ` ${p.events} ${t("events")}`))))));
  const latest = events.items.filter((e) => e.date).sort((a, b) => (a.date < b.date ? 1 : -1)).slice(0, 10);
  grid.append(section(t("latest"), el("ul", {}, latest.map((e) =>
    el("li", {}, el("span", { class: "muted" }, when(e) + " "), link(e.iri, e.label))))));
}

const q = new URLSearchParams(location.search).get("q");
main.replaceChildren(el("h1", {}, "政务知识图谱", el("small", {}, " zhengwu-kg")),
  el("form", { class: "hero", action: "/", method: "get", role: "search" },
    el("input", { name: "q", type: "search", value: q || "", placeholder: "杜小刚 · 高质量发展 · 會議", autofocus: "" }),
    el("button", { type: "submit" }, t("search"))),
  el("p", { class: "links" }, el("a", { href: "/query" }, t("openEditor")), " · ", el("a", { href: "/docs" }, t("apiDocs")),
    " · ", el("a", { href: "/redoc" }, "ReDoc"), " · ", el("a", { href: "/ontology" }, t("ontology"))));
(q ? searchResults(q).then(dashboard) : dashboard()).catch(fail);
