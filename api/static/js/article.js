// An article: its text with every evidence span highlighted and linked to the entity it is evidence for.
import { api, show, el, fail, href, link, loadLabels, rawLinks, section, t, term } from "./common.js";

const iri = document.body.dataset.iri;

// The entity a fact is about: the policy of an emphasis, the person of a holding, else the fact's node.
const target = (f) => f.policy || f.agent || f.person || f.entity || (f.kinds?.includes("Emphasis") ? f.event : null) ||
  { iri: f.iri, label: f.label };

// Spans [start, end) of the text, from the facts' offsets when they match the quote, else found by the quote
// within its sentence; overlapping spans keep the first.
function spans(text, facts) {
  const found = [];
  for (const f of facts) {
    if (!f.quote) continue;
    let start = Number.isInteger(f.start_offset) && text.slice(f.start_offset, f.end_offset) === f.quote ? f.start_offset : -1;
    if (start < 0) {
      const at = f.sentence ? text.indexOf(f.sentence) : -1;
      start = at < 0 ? text.indexOf(f.quote) : text.indexOf(f.quote, at);
    }
    if (start >= 0) found.push({ start, end: start + f.quote.length, fact: f });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((s, i, all) => !all.slice(0, i).some((o) => o.end > s.start));
}

function highlighted(text, facts) {
  const out = [];
  let at = 0;
  for (const { start, end, fact } of spans(text, facts)) {
    const to = target(fact);
    out.push(text.slice(at, start), el("a", { class: `span ${(fact.kinds || [])[0] || ""}`, href: href(to.iri),
      title: `${(fact.kinds || []).map(term).join(" ")} → ${to.label || to.iri}` }, text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return el("div", { class: "article-text" }, out);
}

async function render() {
  const [a] = await Promise.all([api(`/articles/${iri}`), loadLabels()]);
  document.title = `${a.title || iri} · zhengwu-kg`;
  const facts = a.facts || [];
  show(el("h1", {}, a.title || iri.split("/").slice(-3).join("/")), rawLinks(a.iri),
    el("p", { class: "muted" }, a.publisher ? link(a.publisher.iri, a.publisher.label) : null, ` · ${t("issued")} ${a.issued || "?"}`),
    section(t("text"), highlighted(a.text || "", facts)),
    section(`${t("facts")} (${facts.length})`, el("ul", { class: "facts-list" }, facts.map((f) => {
      const to = target(f);
      return el("li", {}, el("span", { class: "tag" }, (f.kinds || []).filter((k) => k !== "Event").map(term).join(" ")), " ",
        link(to.iri, to.label || to.iri), f.quote ? el("span", { class: "muted" }, ` «${f.quote}»`) : null);
    }))));
}

render().catch(fail);
