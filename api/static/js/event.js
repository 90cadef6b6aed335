// An event: kind, date or range, place, participants by role (each with its evidence), policies, the article.
import { api, show, el, evidence, fail, link, loadLabels, rawLinks, section, t, term, when } from "./common.js";

const iri = document.body.dataset.iri;

async function render() {
  const [e] = await Promise.all([api(`/events/${iri}`), loadLabels()]);
  document.title = `${e.label} · zhengwu-kg`;
  const roles = Object.entries(e.participants || {}).filter(([, people]) => people.length);
  show(el("h1", {}, e.label, el("small", {}, " ", term(e.kind))), rawLinks(e.iri),
    el("dl", { class: "facts" }, el("dt", {}, t("kind")), el("dd", {}, term(e.kind)),
      el("dt", {}, t("date")), el("dd", {}, when(e) || "?"),
      el("dt", {}, t("place")), el("dd", {}, e.places.length ? e.places.map((p, i) => [i ? "、" : "", link(p.iri, p.label)]) : t("none")),
      el("dt", {}, t("article")), el("dd", {}, e.article ? link(e.article.iri, e.article.title || e.article.iri) : t("none"))),
    evidence(e.evidence, e.article),
    section(t("participants"), roles.map(([role, people]) => el("div", { class: "role" }, el("h3", {}, term(role)),
      el("ul", {}, people.map((p) => el("li", {}, link(p.iri, p.label), evidence(p.evidence))))))),
    section(t("emphasised"), el("ul", {}, (e.policies || []).map((p) => el("li", {}, link(p.iri, p.label), evidence(p.evidence))))));
}

render().catch(fail);
