// Small SVG drawings: events on a date axis (ranges as bars) and counts by month as columns.
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

const day = (iso) => Date.parse(iso + "T00:00:00Z");

// Events with a date or a range, as dots (ranges as bars) on one axis; each mark links to its page.
export function timeline(events, width = 900, height = 90) {
  const dated = events.map((e) => ({ e, start: e.start_date || e.date, end: e.end_date || e.start_date || e.date }))
    .filter((d) => d.start);
  const root = svg("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (!dated.length) return root;
  const lo = Math.min(...dated.map((d) => day(d.start))) - 86400000 * 3;
  const hi = Math.max(...dated.map((d) => day(d.end))) + 86400000 * 3;
  const x = (iso) => 20 + ((day(iso) - lo) / (hi - lo || 1)) * (width - 40);
  root.append(svg("line", { x1: 20, x2: width - 20, y1: height - 25, y2: height - 25, class: "axis" }));
  const first = dated.map((d) => d.start).sort()[0], last = dated.map((d) => d.end).sort().at(-1);
  root.append(svg("text", { x: 20, y: height - 8, "text-anchor": "start", class: "tick" }, first));
  root.append(svg("text", { x: width - 20, y: height - 8, "text-anchor": "end", class: "tick" }, last));
  dated.forEach((d, i) => {
    const y = 15 + (i % 4) * 12;
    const a = svg("a", { href: "/id/" + d.e.iri.split("/id/")[1] });
    const title = svg("title", {}, `${d.start}${d.end !== d.start ? " – " + d.end : ""} ${d.e.label}`);
    const mark = d.end !== d.start
      ? svg("rect", { x: x(d.start), y: y - 4, width: Math.max(4, x(d.end) - x(d.start)), height: 8, rx: 3, class: "mark" })
      : svg("circle", { cx: x(d.start), cy: y, r: 5, class: "mark" });
    mark.append(title);
    a.append(mark);
    root.append(a);
  });
  return root;
}

// Counts by month ("YYYY-MM" → n) as columns, months without events included, so gaps show.
export function monthly(counts, width = 900, height = 180) {
  const months = Object.keys(counts).sort();
  const root = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (!months.length) return root;
  const all = [];
  for (let [y, m] = months[0].split("-").map(Number); `${y}-${String(m).padStart(2, "0")}` <= months.at(-1); m === 12 ? (y++, m = 1) : m++) {
    all.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  const top = Math.max(...Object.values(counts));
  const slot = (width - 40) / all.length;
  root.append(svg("line", { x1: 30, x2: width - 10, y1: height - 25, y2: height - 25, class: "axis" }));
  root.append(svg("text", { x: 25, y: 15, "text-anchor": "end", class: "tick" }, String(top)));
  all.forEach((month, i) => {
    const n = counts[month] || 0;
    const h = (n / top) * (height - 45);
    const bar = svg("rect", { x: 32 + i * slot, y: height - 25 - h, width: Math.max(2, slot - 4), height: h, class: "bar" });
    bar.append(svg("title", {}, `${month}: ${n}`));
    root.append(bar);
    if (all.length <= 24 || i % Math.ceil(all.length / 12) === 0) {
      root.append(svg("text", { x: 32 + i * slot + slot / 2, y: height - 8, "text-anchor": "middle", class: "tick" }, month));
    }
  });
  return root;
}
