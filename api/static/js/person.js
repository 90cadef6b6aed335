// A person: career (posts with first and last seen), events on a timeline with roles, the co-attendance
// network (Cytoscape.js), the policies their events stressed and the articles that mention them.
import { api, show, el, evidence, paged, fail, iriRef, link, loadLabels, rawLinks, section, sparql, t, term, when } from "./common.js";
import { timeline } from "./timeline.js";

const iri = document.body.dataset.iri;

// Counted over IRIs first, labels afterwards: a policy's label repeats once per article graph that names it.
const STRESSED = (person) => `PREFIX zw: <https://w3id.org/zhengwu/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?policy ?events (SAMPLE(?l) AS ?label) WHERE {
  { SELECT ?policy (COUNT(DISTINCT ?event) AS ?events) WHERE { ${iriRef(person)} zw:attended ?event . ?event zw:emphasised ?policy }
    GROUP BY ?policy ORDER BY DESC(?events) LIMIT 30 }
  OPTIONAL { ?policy rdfs:label ?l } } GROUP BY ?policy ?events ORDER BY DESC(?events) ?label`;

function career(posts) {
  return section(t("career"), el("ol", { class: "career" }, posts.map((p) => el("li", {},
    el("span", { class: "dates" }, `${p.first_seen || "?"} – ${p.last_seen || "?"}`), " ", link(p.iri, p.label),
    p.organisation ? el("span", { class: "muted" }, " · ", link(p.organisation.iri, p.organisation.label)) : null))));
}

function network(record) {
  const box = el("div", { id: "network", class: "network" });
  const nodes = new Map([[record.iri, { id: record.iri, label: record.label, weight: 0, me: true }]]);
  const edges = new Map();
  for (const event of record.events) {
    for (const other of event.co_attendees || []) {
      const node = nodes.get(other.iri) || { id: other.iri, label: other.label, weight: 0 };
      node.weight += 1;
      nodes.set(other.iri, node);
      const edge = edges.get(other.iri) || { id: `e:${other.iri}`, source: record.iri, target: other.iri, weight: 0 };
      edge.weight += 1;
      edges.set(other.iri, edge);
    }
  }
  const draw = () => {
    const cy = window.cytoscape({
      container: box,
      elements: [...[...nodes.values()].map((data) => ({ data, classes: data.me ? "me" : "" })),
        ...[...edges.values()].map((data) => ({ data }))],
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#6b7c93",
          width: "mapData(weight, 0, 10, 14, 40)", height: "mapData(weight, 0, 10, 14, 40)" } },
        { selector: "node.me", style: { "background-color": "#b3261e", width: 36, height: 36, "font-weight": "bold" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 6)", "line-color": "#c8ced6" } },
      ],
      layout: { name: "concentric", concentric: (n) => (n.data("me") ? 100 : n.data("weight")), levelWidth: () => 2, minNodeSpacing: 24 },
    });
    cy.on("tap", "node", (evt) => { if (!evt.target.data("me")) location.href = "/id/" + evt.target.id().split("/id/")[1]; });
    box.dataset.nodes = String(cy.nodes().length);
    window.explorerNetwork = cy; // for the browser tests and the curious (devtools)
  };
  return [section(`${t("network")} (${nodes.size - 1} ${t("coattendees")})`, box), draw];
}

function eventItem(e) {
  return el("li", {}, el("span", { class: "dates" }, when(e) || "?"), " ", el("span", { class: "tag" }, term(e.kind)), " ",
    link(e.iri, e.label), " ", el("span", { class: "roles" }, e.roles.map((r) => term(r.role)).join("、")),
    evidence(e.roles.flatMap((r) => r.evidence || []), e.article));
}

async function render() {
  const stressed = sparql(STRESSED(iri)); // the record, the labels and this aggregate load side by side
  const [record] = await Promise.all([api(`/persons/${iri}`, { limit: 100 }), loadLabels()]);
  document.title = `${record.label} · zhengwu-kg`;
  const [netSection, drawNetwork] = network(record);
  const articles = new Map(record.events.filter((e) => e.article).map((e) => [e.article.iri, e.article]));
  show(el("h1", {}, record.label, el("small", {}, " ", term("Person"))), rawLinks(record.iri),
    record.labels.length > 1 ? el("p", {}, `${t("variants")}: ${record.labels.join("、")}`) : null,
    career(record.posts),
    section(`${t("timeline")} (${record.events_total})`, timeline(record.events),
      paged(el("ol", { class: "events" }, record.events.map(eventItem)), record.events.length, record.events_total,
        async (offset) => (await api(`/persons/${iri}`, { limit: 100, offset })).events, eventItem)),
    netSection,
    el("div", { class: "grid" }, section(t("stressed"), el("ol", { id: "stressed" }, "…")),
      section(t("mentions"), el("ul", {}, [...articles.values()].map((a) =>
        el("li", {}, el("span", { class: "muted" }, `${a.issued || ""} `), link(a.iri, a.title || a.iri.split("/").slice(-3).join("/"))))))));
  drawNetwork();
  document.getElementById("stressed").replaceChildren(...(await stressed).map((p) =>
    el("li", {}, link(p.policy, p.label), el("span", { class: "muted" }, ` ${p.events} ${t("events")}`))));
}

render().catch(fail);
