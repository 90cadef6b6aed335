// The gallery of example questions on /query: the README's, the ontology's, and the analyst questions.
const P = `PREFIX zw:   <https://w3id.org/zhengwu/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`;
const PROV = "PREFIX prov: <http://www.w3.org/ns/prov#>\n";
const ORG = "PREFIX org:  <http://www.w3.org/ns/org#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

export const EXAMPLES = [
  { zh: "杜小刚参加了哪些会议和调研，担任什么角色，强调了哪些政策（README）",
    en: "Which meetings and inspections did 杜小刚 take part in, in what role, stressing which policies (README)",
    query: P + `SELECT ?date ?event (GROUP_CONCAT(DISTINCT ?role; separator=" ") AS ?roles)
       (GROUP_CONCAT(DISTINCT ?policy; separator="、") AS ?policies) WHERE {
  ?person rdfs:label "杜小刚" ; ?roleProp ?e .
  VALUES ?roleProp { zw:presided zw:led zw:spokeAt zw:accompanied zw:attended }
  BIND(STRAFTER(STR(?roleProp), "#") AS ?role)
  ?e rdfs:label ?event .
  OPTIONAL { ?e zw:date ?date }
  OPTIONAL { ?e zw:emphasised/rdfs:label ?policy }
} GROUP BY ?date ?event ORDER BY ?date` },
  { zh: "谁在哪个活动中担任什么角色，依据哪句话（本体）", en: "Who took which role at which event, and the sentence that says so (ontology)",
    query: P + PROV + `SELECT DISTINCT ?person ?name ?role ?date ?e ?event ?evidence WHERE {
  ?q a zw:Participation ; prov:agent ?person ; zw:event ?e ; prov:hadRole ?r ; zw:evidence/zw:text ?evidence .
  ?person rdfs:label ?name .
  ?e rdfs:label ?event .
  OPTIONAL { ?e zw:date ?day } OPTIONAL { ?e zw:startDate ?from }
  BIND(COALESCE(?day, ?from) AS ?date)
  BIND(STRAFTER(STR(?r), "#") AS ?role)
} ORDER BY ?date ?name ?role LIMIT 200` },
  { zh: "被强调最多的政策及推动它们的官员（本体）", en: "The policies emphasised most, and the officials who pushed them (ontology)",
    query: P + `SELECT ?p ?policy (COUNT(DISTINCT ?e) AS ?events) (GROUP_CONCAT(DISTINCT ?name; separator="、") AS ?officials) WHERE {
  ?e zw:emphasised ?p .
  ?p rdfs:label ?policy .
  OPTIONAL { ?person zw:presided|zw:led|zw:spokeAt ?e ; rdfs:label ?name }
} GROUP BY ?p ?policy ORDER BY DESC(?events) ?policy LIMIT 50` },
  { zh: "谁担任什么职务，最近见于何时（本体）", en: "Who holds which post, in which organisation, last seen when (ontology)",
    query: P + ORG + PROV + `SELECT ?person ?name ?canonical ?organisation (MAX(?day) AS ?lastSeen) WHERE {
  ?person a zw:Person ; rdfs:label ?name ; org:holds ?post .
  ?post skos:prefLabel ?canonical .
  OPTIONAL { ?post org:postIn/rdfs:label ?organisation }
  OPTIONAL { ?h a zw:Holding ; prov:agent ?person ; zw:post ?post ; zw:heldOn ?day }
} GROUP BY ?person ?name ?canonical ?organisation ORDER BY ?name LIMIT 200` },
  { zh: "谁和谁一起出席了什么活动", en: "Who attended what with whom",
    query: P + `SELECT ?a ?nameA ?b ?nameB (COUNT(DISTINCT ?e) AS ?together) (SAMPLE(?event) AS ?example) WHERE {
  ?a zw:attended ?e . ?b zw:attended ?e . FILTER(STR(?a) < STR(?b))
  ?a rdfs:label ?nameA . ?b rdfs:label ?nameB . ?e rdfs:label ?event .
} GROUP BY ?a ?nameA ?b ?nameB ORDER BY DESC(?together) ?nameA LIMIT 100` },
  { zh: "各政策按月的关注度", en: "Policy attention by month",
    query: P + `SELECT ?month ?p ?policy (COUNT(DISTINCT ?e) AS ?events) WHERE {
  ?e zw:emphasised ?p ; zw:date|zw:startDate ?d .
  ?p rdfs:label ?policy .
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?month ?p ?policy ORDER BY ?month DESC(?events) LIMIT 300` },
  { zh: "一位官员的履历：职务、最早和最近见于", en: "A person's career: posts, first and last seen",
    query: P + ORG + PROV + `SELECT ?post ?title ?organisation (MIN(?day) AS ?firstSeen) (MAX(?day) AS ?lastSeen) WHERE {
  ?person rdfs:label "杜小刚" ; org:holds ?post .
  ?post skos:prefLabel ?title .
  OPTIONAL { ?post org:postIn/rdfs:label ?organisation }
  ?h a zw:Holding ; prov:agent ?person ; zw:post ?post ; zw:heldOn ?day .
} GROUP BY ?post ?title ?organisation ORDER BY ?firstSeen` },
];
