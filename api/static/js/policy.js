// A policy: attention over time (events per month), its events and the officials at them, the policies
// emphasised beside it, and its alternative labels.
import { api, show, el, fail, href, iriRef, paged, link, loadLabels, rawLinks, section, sparql, t, term, when } from "./common.js";
import { monthly } from "./timeline.js";

const iri = document.body.dataset.iri;

// One aggregate for the chart (a policy may have thousands of events: the record pages them).
const BY_MONTH = (policy) => `PREFIX zw: <https://w3id.org/zhengwu/ontology#>
SELECT ?month (COUNT(DISTINCT ?event) AS ?events)
WHERE { ?event zw:emphasised ${iriRef(policy)} ; zw:date|zw:startDate ?d . BIND(SUBSTR(STR(?d), 1, 7) AS ?month) }
GROUP BY ?month ORDER BY ?month`;

const eventItem = (e) => el("li", {}, el("span", { class: "dates" }, when(e) || "?"), " ", link(e.iri, e.label),
  e.article ? el("a", { class: "source", href: href(e.article.iri) }, " ↗ ", e.article.title || t("article")) : null);

async function render() {
  const [record, months] = await Promise.all([api(`/policies/${iri}`, { limit: 50 }), sparql(BY_MONTH(iri)), loadLabels()]);
  document.title = `${record.label} · zhengwu-kg`;
  const counts = Object.fromEntries(months.map((m) => [m.month, Number(m.events)]));
  const names = [...new Set([...record.labels, ...record.variants])].filter((l) => l !== record.label);
  show(el("h1", {}, record.label, el("small", {}, " ", term("Policy"))), rawLinks(record.iri),
    names.length ? el("p", {}, `${t("variants")}: ${names.join("、")}`) : null,
    section(t("attention"), monthly(counts)),
    section(`${t("events")} (${record.events_total})`, paged(el("ol", { class: "events" }, record.events.map(eventItem)),
      record.events.length, record.events_total, async (offset) => (await api(`/policies/${iri}`, { limit: 50, offset })).events, eventItem)),
    el("div", { class: "grid" },
      section(`${t("officials")} (${record.officials_total})`, el("ol", {}, record.officials.map((p) => el("li", {},
        link(p.iri, p.label), el("span", { class: "muted" }, ` ${p.events} ${t("events")} · ${p.roles.map(term).join("、")}`))))),
      section(`${t("alongside")} (${record.alongside_total})`, el("ol", {}, record.alongside.map((p) => el("li", {},
        link(p.iri, p.label), el("span", { class: "muted" }, ` ${p.shared_events}`)))))));
}

render().catch(fail);
