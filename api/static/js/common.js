// What every explorer page shares: fetching the REST API, links into /id/, the ontology's labels, i18n.
export const BASE = "https://w3id.org/zhengwu/id/";
export const ZW = "https://w3id.org/zhengwu/ontology#";
export const LANG = document.documentElement.lang === "en" ? "en" : "zh";

const WORDS = {
  zh: {
    query: "SPARQL 查询", ontology: "本体", search: "搜索", persons: "人物", events: "活动", policies: "政策",
    articles: "文章", posts: "职务", career: "任职", firstSeen: "最早见于", lastSeen: "最近见于", network: "共同出席网络",
    timeline: "活动时间线", roles: "角色", coattendees: "共同出席者", evidence: "依据", article: "原文",
    attention: "关注度（按月活动数）", officials: "相关官员", alongside: "同时强调的政策", variants: "别称",
    kind: "类型", date: "日期", place: "地点", participants: "参与者", emphasised: "强调的政策",
    text: "正文", facts: "事实", raw: "原始 RDF", holds: "统计", busiest: "最活跃的官员",
    thisMonth: "本月最受关注的政策", latest: "最新活动", range: "时间范围", publications: "报刊",
    noResults: "没有结果", more: "更多", none: "无", issued: "发表", publisher: "报刊", stressed: "其活动强调的政策",
    mentions: "提及的文章", openEditor: "打开 SPARQL 编辑器", apiDocs: "REST API 文档", examples: "示例问题",
    download: "下载", run: "运行", count: "次",
  },
  en: {
    query: "SPARQL query", ontology: "ontology", search: "Search", persons: "Persons", events: "Events",
    policies: "Policies", articles: "Articles", posts: "Posts", career: "Career", firstSeen: "first seen",
    lastSeen: "last seen", network: "Co-attendance network", timeline: "Events timeline", roles: "roles",
    coattendees: "co-attendees", evidence: "evidence", article: "article", attention: "Attention (events per month)",
    officials: "Officials", alongside: "Policies emphasised alongside", variants: "Also called", kind: "Kind",
    date: "Date", place: "Place", participants: "Participants", emphasised: "Policies emphasised", text: "Text",
    facts: "Facts", raw: "Raw RDF", holds: "What the graph holds", busiest: "Busiest officials",
    thisMonth: "Policies most emphasised this month", latest: "Latest events", range: "date range",
    publications: "publications", noResults: "no results", more: "more", none: "none", issued: "issued",
    publisher: "publication", stressed: "Policies their events stressed", mentions: "Articles that mention them",
    openEditor: "Open the SPARQL editor", apiDocs: "REST API docs", examples: "Example questions",
    download: "Download", run: "Run", count: "×",
  },
};
export const t = (key) => WORDS[LANG][key] ?? key;

export async function api(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  if (!res.ok) throw new Error(`${url.pathname}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

// A SELECT through the documented /sparql endpoint; rows as {var: value} of plain strings.
export async function sparql(query) {
  const res = await fetch("/sparql", {
    method: "POST", body: new URLSearchParams({ query }),
    headers: { Accept: "application/sparql-results+json" },
  });
  if (!res.ok) throw new Error(`/sparql: ${res.status}`);
  const data = await res.json();
  return data.results.bindings.map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.value])));
}

// An IRI of the graph as a path on this server (its explorer page); other IRIs are left as they are.
export const href = (iri) => (iri && iri.startsWith(BASE) ? "/id/" + iri.slice(BASE.length) : iri);

// A <iri> for SPARQL text: the IRI is checked against the characters IRIREF forbids, never pasted raw.
export function iriRef(iri) {
  if (/[\u0000-\u0020<>"{}|^`\\]/.test(iri)) throw new Error(`not an IRI: ${iri}`);
  return `<${iri}>`;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const link = (iri, label) => el("a", { href: href(iri) }, label || iri);

// "first sentence" with the quoted words marked, and a link to the article it comes from.
export function evidence(items, article) {
  const list = (items || []).filter((e) => e && e.sentence);
  if (!list.length && !article) return null;
  return el("div", { class: "evidence" }, list.slice(0, 2).map((e) => el("blockquote", {}, mark(e.sentence, e.quote))),
    article ? el("a", { class: "source", href: href(article.iri || article) }, "↗ ", article.title || t("article")) : null);
}

export function mark(sentence, quote) {
  const at = quote ? sentence.indexOf(quote) : -1;
  if (at < 0) return sentence;
  return [sentence.slice(0, at), el("mark", {}, quote), sentence.slice(at + quote.length)];
}

let ontologyLabels;
// The ontology's label of a term (a class or property local name) in the page's language.
export async function loadLabels() {
  if (ontologyLabels) return ontologyLabels;
  ontologyLabels = new Map();
  try {
    const res = await fetch("/ontology?format=jsonld", { headers: { Accept: "application/ld+json" } });
    for (const node of await res.json()) {
      const labels = node["http://www.w3.org/2000/01/rdf-schema#label"] || [];
      const best = labels.find((l) => l["@language"] === LANG) || labels[0];
      if (best && node["@id"].startsWith(ZW)) ontologyLabels.set(node["@id"].slice(ZW.length), best["@value"]);
    }
  } catch (error) {
    console.warn("ontology labels unavailable", error);
  }
  return ontologyLabels;
}
export const term = (name) => (ontologyLabels && ontologyLabels.get(name)) || name;

export function section(title, ...content) {
  return el("section", {}, el("h2", {}, title), ...content);
}

export function rawLinks(iri) {
  const path = href(iri);
  return el("p", { class: "muted raw" }, el("code", {}, iri), " · ", t("raw"), ": ",
    el("a", { href: `${path}?format=turtle` }, "Turtle"), " · ", el("a", { href: `${path}?format=jsonld` }, "JSON-LD"));
}

// A list that shows a page of a record's items and fetches the next pages on demand ("more").
export function paged(list, shown, total, nextPage, render) {
  const more = el("button", { type: "button", class: "more" }, `${t("more")} (${shown}/${total})`);
  more.addEventListener("click", async () => {
    const items = await nextPage(shown);
    list.append(...items.map(render));
    shown += items.length;
    more.textContent = `${t("more")} (${shown}/${total})`;
    if (shown >= total || !items.length) more.remove();
  });
  return shown < total ? [list, more] : [list];
}

export const when = (e) => (e.start_date && e.end_date ? `${e.start_date} – ${e.end_date}` : e.date || e.start_date || "");

// Replaces the page's content, leaving out parts that are absent (null, undefined, false).
export function show(...parts) {
  document.getElementById("main").replaceChildren(...parts.flat(Infinity).filter((p) => p !== null && p !== undefined && p !== false));
}

export function fail(error) {
  console.warn(error);
  document.getElementById("main").append(el("p", { class: "error" }, String(error.message || error)));
}

// Every page: the header search box keeps what was searched.
const q = new URLSearchParams(location.search).get("q");
if (q) document.querySelector("header input[name=q]").value = q;
document.querySelectorAll("[data-i18n]").forEach((node) => { node.textContent = t(node.dataset.i18n); });
