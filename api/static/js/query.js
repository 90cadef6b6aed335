// The query editor: YASGUI (vendored) over /sparql, a gallery of example questions, CSV/JSON downloads.
// /query?query=… opens with that query and runs it, so a question can be shared as a link.
import { BASE, el, t } from "./common.js";
import { EXAMPLES } from "./examples.js";

const main = document.getElementById("main");
const PREFIXES = { zw: "https://w3id.org/zhengwu/ontology#", rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  org: "http://www.w3.org/ns/org#", skos: "http://www.w3.org/2004/02/skos/core#", dct: "http://purl.org/dc/terms/",
  prov: "http://www.w3.org/ns/prov#", xsd: "http://www.w3.org/2001/XMLSchema#", id: BASE };
const endpoint = new URL("/sparql", location.origin).href;
const given = new URLSearchParams(location.search).get("query");

const downloads = el("p", { class: "downloads" });
const editor = el("div", { id: "yasgui" });
main.replaceChildren(el("h1", {}, t("query")),
  el("details", { class: "gallery", open: "" }, el("summary", {}, t("examples")),
    el("ul", {}, EXAMPLES.map((ex) => el("li", {}, el("a", { href: `/query?query=${encodeURIComponent(ex.query)}` }, ex[document.documentElement.lang] || ex.zh))))),
  editor, downloads);

// Autocompletion of properties and classes from our own ontology (YASQE's stock completers ask an outside
// service, LOV): forks of the stock ones that read /ontology once.
const OWL = "http://www.w3.org/2002/07/owl#";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const vocabulary = fetch("/ontology?format=jsonld", { headers: { Accept: "application/ld+json" } })
  .then((res) => res.json())
  .then((nodes) => {
    const types = (n) => [...(n["@type"] || []), ...(n[RDF_TYPE] || []).map((t) => t["@id"])];
    const typed = (wanted) => nodes.filter((n) => types(n).some((t) => wanted.includes(t))).map((n) => n["@id"]).sort();
    return { property: typed([OWL + "ObjectProperty", OWL + "DatatypeProperty"]), class: typed([OWL + "Class"]) };
  });
const Yasqe = window.Yasgui.Yasqe;
for (const kind of ["property", "class"]) {
  Yasqe.forkAutocompleter(kind, { name: `vocabulary-${kind}`, bulk: true, autoShow: true, persistenceId: null,
    get: async () => (await vocabulary)[kind] }, false);
}

const yasgui = new window.Yasgui(editor, {
  requestConfig: { endpoint, method: "POST" },
  copyEndpointOnNewTab: false, endpointCatalogueOptions: { getData: () => [] }, persistenceId: null,
  yasqe: { autocompleters: ["prefixes", "variables", "vocabulary-property", "vocabulary-class"], resizeable: true, editorHeight: "260px" },
  yasr: { prefixes: PREFIXES },
});
const tab = yasgui.getTab();
const yasqe = tab.getYasqe();
window.explorerEditor = yasqe; // for the browser tests and the curious (devtools)
yasqe.addPrefixes(Object.fromEntries(Object.entries(PREFIXES).filter(([p]) => p !== "id")));
if (given) yasqe.setValue(given);

// Downloads run the editor's query again with the format asked for in Accept, saved from a blob.
async function download(accept, name) {
  const res = await fetch("/sparql", { method: "POST", body: new URLSearchParams({ query: yasqe.getValue() }),
    headers: { Accept: accept } });
  const a = el("a", { href: URL.createObjectURL(await res.blob()), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}
downloads.append(`${t("download")}: `, el("button", { type: "button", onclick: () => download("text/csv", "results.csv") }, "CSV"),
  " ", el("button", { type: "button", onclick: () => download("application/sparql-results+json", "results.json") }, "JSON"));

// Results link into the explorer: IRIs of the graph open their page here, not at w3id.org.
editor.addEventListener("click", (event) => {
  const a = event.target.closest("a[href]");
  if (a && a.href.startsWith(BASE)) { event.preventDefault(); location.href = "/id/" + a.href.slice(BASE.length); }
});
if (given) yasqe.query();
