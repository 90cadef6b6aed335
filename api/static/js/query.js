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

const yasgui = new window.Yasgui(editor, {
  requestConfig: { endpoint, method: "POST" },
  copyEndpointOnNewTab: false, endpointCatalogueOptions: { getData: () => [] }, persistenceId: null,
  yasqe: { autocompleters: ["prefixes", "variables"], resizeable: true, editorHeight: "260px" },
  yasr: { prefixes: PREFIXES },
});
const tab = yasgui.getTab();
const yasqe = tab.getYasqe();
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
