// The newsevents web page: plain JavaScript over the JSON API, no build step, nothing fetched from elsewhere.
"use strict";

const PAGE = 50;
const TYPE_COLORS = {
  AGREE: "#4e79a7", CONSULT: "#76b7b2", SUPPORT: "#59a14f", CONCEDE: "#8cd17d", COOPERATE: "#499894",
  AID: "#86bcb6", RETREAT: "#b6992d", REQUEST: "#f1ce63", ACCUSE: "#f28e2b", REJECT: "#ffbe7d",
  THREATEN: "#e15759", PROTEST: "#ff9d9a", SANCTION: "#9d7660", MOBILIZE: "#d7b5a6", COERCE: "#b07aa1",
  ASSAULT: "#c0392b",
};
const state = { routeId: 0, view: "events", eventsOffset: 0, quotesOffset: 0, articlesOffset: 0, speaker: null, world: null };

// ---- small helpers ----------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value);
  }
  for (const child of children) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

function typeColor(type) {
  if (TYPE_COLORS[type]) return TYPE_COLORS[type];
  let hash = 0;
  for (const c of String(type)) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  return `hsl(${hash}, 45%, 55%)`;
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const message = body.detail || `${response.status} ${response.statusText}`;
    throw new Error(typeof message === "string" ? message : JSON.stringify(message));
  }
  return body;
}

function notify(message) {
  const notice = document.getElementById("notice");
  notice.textContent = message || "";
  notice.hidden = !message;
}

function filterValues() {
  const form = document.getElementById("filters");
  const values = {};
  for (const [key, value] of new FormData(form).entries()) if (String(value).trim()) values[key] = String(value).trim();
  return values;
}

function setFilters(values) {
  const form = document.getElementById("filters");
  for (const el of form.elements) if (el.name) el.value = values[el.name] || "";
}

function actorLabel(row, prefix) {
  const name = row[`${prefix}_canonical`] || row[`${prefix}_text`];
  if (!name) return "";
  const codes = [row[`${prefix}_country`], row[`${prefix}_sector`]].filter(Boolean).join(" ");
  return codes ? `${name} (${codes})` : name;
}

function pager(containerId, total, offset, onChange) {
  const container = document.getElementById(containerId);
  container.replaceChildren();
  if (total <= PAGE) return;
  const last = Math.floor((total - 1) / PAGE) * PAGE;
  container.append(
    h("button", { type: "button", disabled: offset <= 0, onclick: () => onChange(Math.max(0, offset - PAGE)) }, "‹ Prev"),
    ` ${offset + 1}–${Math.min(total, offset + PAGE)} of ${total} `,
    h("button", { type: "button", disabled: offset >= last, onclick: () => onChange(offset + PAGE) }, "Next ›"),
  );
}

function articleLink(articleId, label, eventSeq) {
  const target = eventSeq === undefined ? `#/article/${encodeURIComponent(articleId)}`
    : `#/article/${encodeURIComponent(articleId)}/event/${eventSeq}`;
  return h("a", { href: target, class: "article-link" }, label);
}

// ---- events table -----------------------------------------------------------------------------

async function showEvents() {
  const data = await api("/api/events", { ...filterValues(), limit: PAGE, offset: state.eventsOffset });
  const body = document.querySelector("#events-table tbody");
  body.replaceChildren(...data.items.map((ev) => h("tr", { "data-type": ev.type },
    h("td", { class: "nowrap" }, ev.date || ""),
    h("td", {}, h("span", { class: "type-badge", style: `background:${typeColor(ev.type)}` }, ev.type),
      ev.negated ? h("span", { class: "flag" }, " not") : null, ev.hypothetical ? h("span", { class: "flag" }, " if") : null,
      ev.confidence == null ? null : h("span", { class: "confidence", title: "probability that this record is usable" },
        ` ${Number(ev.confidence).toFixed(2)}`)),
    h("td", {}, ev.mode || ""),
    h("td", {}, actorLabel(ev, "source")),
    h("td", {}, actorLabel(ev, "target")),
    h("td", {}, ev.place_name || ev.place_text || ""),
    h("td", { class: "evidence" }, articleLink(ev.article_id, ev.sentence || "(no sentence)", ev.seq)),
  )));
  if (!data.items.length) {
    body.append(h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No events match these filters.")));
  }
  document.getElementById("events-count").textContent = `${data.total} event${data.total === 1 ? "" : "s"}`;
  pager("events-pager", data.total, data.offset, (offset) => { state.eventsOffset = offset; showEvents().catch(fail); });
}

async function loadTypes() {
  const data = await api("/api/counts", { by: "type" });
  const select = document.querySelector('#filters select[name="type"]');
  const current = select.value;
  select.replaceChildren(h("option", { value: "" }, "any"),
    ...data.items.map((row) => h("option", { value: row.key }, `${row.key} (${row.count})`)));
  select.value = current;
}

// ---- timeline ---------------------------------------------------------------------------------

function dayList(first, last) {
  const days = [];
  const end = new Date(`${last}T00:00:00Z`);
  for (let d = new Date(`${first}T00:00:00Z`); d <= end && days.length < 40000; d.setUTCDate(d.getUTCDate() + 1)) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

async function showTimeline() {
  const data = await api("/api/counts", { ...filterValues(), by: "day" });
  const chart = document.getElementById("timeline-chart");
  const legend = document.getElementById("timeline-legend");
  chart.replaceChildren();
  legend.replaceChildren();
  if (!data.items.length) {
    chart.append(h("p", { class: "empty" }, "No dated events match these filters."));
    return;
  }
  const keys = data.items.map((r) => r.key).sort();
  // Bars of a day for spans up to four months, of a week (from Monday) up to two years, else of a month.
  const days = dayList(keys[0], keys[keys.length - 1]);
  const unit = days.length <= 120 ? "day" : days.length <= 740 ? "week" : "month";
  const bucketOf = { day: (d) => d, week: weekStart, month: (d) => d.slice(0, 7) }[unit];
  const buckets = [...new Set(days.map(bucketOf))];
  document.getElementById("timeline-unit").textContent = unit;
  const types = [...new Set(data.items.map((r) => r.type))].sort();
  const stacks = new Map(buckets.map((b) => [b, new Map()]));
  for (const row of data.items) {
    const stack = stacks.get(bucketOf(row.key));
    if (stack) stack.set(row.type, (stack.get(row.type) || 0) + row.count);
  }
  const maxTotal = Math.max(1, ...[...stacks.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const width = 960, height = 300, left = 40, bottom = 40, top = 10;
  const barWidth = (width - left - 10) / buckets.length;
  const scale = (height - bottom - top) / maxTotal;
  const svg = s("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img",
    "aria-label": "events per day by type" });
  for (const tick of [0, Math.ceil(maxTotal / 2), maxTotal]) {
    const y = height - bottom - tick * scale;
    svg.append(s("line", { x1: left, x2: width - 10, y1: y, y2: y, class: "grid" }),
      s("text", { x: left - 6, y: y + 4, class: "axis", "text-anchor": "end" }, tick));
  }
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));
  buckets.forEach((bucket, i) => {
    const x = left + i * barWidth;
    let y = height - bottom;
    for (const type of types) {
      const n = stacks.get(bucket).get(type) || 0;
      if (!n) continue;
      const barHeight = n * scale;
      y -= barHeight;
      const rect = s("rect", { x: x + barWidth * 0.1, y, width: Math.max(1, barWidth * 0.8), height: barHeight,
        fill: typeColor(type), class: "bar", "data-day": bucket, "data-type": type,
        onclick: () => openBucket(bucket, unit, type) });
      rect.append(s("title", {}, `${bucket} ${type}: ${n}`));
      svg.append(rect);
    }
    if (i % labelEvery === 0) {
      svg.append(s("text", { x: x + barWidth / 2, y: height - bottom + 16, class: "axis", "text-anchor": "middle" }, bucket));
    }
  });
  chart.append(svg);
  legend.append(...types.map((type) => h("span", { class: "legend-item" },
    h("span", { class: "swatch", style: `background:${typeColor(type)}` }), type)));
}

function weekStart(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function openBucket(bucket, unit, type) {
  const [since, until] = unit === "month" ? [`${bucket}-01`, monthEnd(bucket)]
    : unit === "week" ? [bucket, addDays(bucket, 6)] : [bucket, bucket];
  setFilters({ ...filterValues(), since, until, type });
  state.eventsOffset = 0;
  location.hash = "#/events";
}

function monthEnd(month) {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

// ---- map --------------------------------------------------------------------------------------

const MAP_W = 960, MAP_H = 480;
const project = (lon, lat) => [((lon + 180) / 360) * MAP_W, ((90 - lat) / 180) * MAP_H];

function ringPath(ring, shift = 0) {
  return ring.map(([lon, lat], i) => {
    const [x, y] = project(lon + shift, lat);
    return `${i ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
  }).join("") + "Z";
}

// Rings that cross the antimeridian (Russia, Fiji) jump from +180 to -180: make their longitudes
// continuous and draw them a second time one world-width over; the SVG's edges clip the overflow.
function ringPaths(ring) {
  let crosses = false;
  const unwrapped = [ring[0]];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const previous = unwrapped[i - 1][0];
    while (lon - previous > 180) { lon -= 360; crosses = true; }
    while (previous - lon > 180) { lon += 360; crosses = true; }
    unwrapped.push([lon, ring[i][1]]);
  }
  if (!crosses) return ringPath(ring);
  const west = Math.min(...unwrapped.map((p) => p[0]));
  return ringPath(unwrapped) + ringPath(unwrapped, west < -180 ? 360 : -360);
}

function geometryPath(geometry) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((polygon) => polygon.map(ringPaths).join("")).join("");
}

async function loadWorld() {
  if (state.world) return state.world;
  const [topology, codes] = await Promise.all([
    fetch("/static/vendor/world-atlas/countries-110m.json").then((r) => r.json()),
    fetch("/static/country-codes.json").then((r) => r.json()),
  ]);
  const features = topojson.feature(topology, topology.objects.countries).features;
  state.world = features.map((f) => ({
    name: f.properties.name, alpha3: codes.numeric_to_alpha3[f.id] || null, path: geometryPath(f.geometry),
  }));
  return state.world;
}

async function showMap() {
  const filters = filterValues();
  const [world, byPlace, byCountry, mentioned] = await Promise.all([
    loadWorld(), api("/api/counts", { ...filters, by: "place" }), api("/api/counts", { ...filters, by: "country" }),
    api("/api/places", { limit: 500 }),
  ]);
  const countryCounts = new Map(byCountry.items.map((r) => [r.key, r.count]));
  const maxCountry = Math.max(1, ...countryCounts.values());
  const svg = s("svg", { viewBox: `0 0 ${MAP_W} ${MAP_H}`, class: "map", role: "img", "aria-label": "map of event locations" });
  svg.append(s("rect", { x: 0, y: 0, width: MAP_W, height: MAP_H, class: "sea" }));
  for (const country of world) {
    const n = countryCounts.get(country.alpha3) || 0;
    const path = s("path", { d: country.path, class: n ? "country active" : "country",
      style: n ? `fill-opacity:${(0.25 + 0.75 * n / maxCountry).toFixed(2)}` : "", "data-country": country.alpha3 || "" });
    path.append(s("title", {}, n ? `${country.name}: ${n} event${n === 1 ? "" : "s"}` : country.name));
    svg.append(path);
  }
  for (const place of mentioned.items) {
    if (place.lat === null || place.lon === null) continue;
    const [x, y] = project(place.lon, place.lat);
    const dot = s("circle", { cx: x, cy: y, r: 2.5, class: "mention" });
    dot.append(s("title", {}, `${place.name} (mentioned ${place.mentions}×)`));
    svg.append(dot);
  }
  const maxPlace = Math.max(1, ...byPlace.items.map((r) => r.count));
  for (const place of byPlace.items) {
    const [x, y] = project(place.lon, place.lat);
    const circle = s("circle", { cx: x, cy: y, r: 4 + 12 * Math.sqrt(place.count / maxPlace), class: "event-place",
      "data-place": place.key || "", onclick: () => openPlace(place.key) });
    circle.append(s("title", {}, `${place.key}: ${place.count} event${place.count === 1 ? "" : "s"}`));
    svg.append(circle);
  }
  document.getElementById("map").replaceChildren(svg);
  const list = document.getElementById("map-places");
  list.replaceChildren(...byPlace.items.slice(0, 15).map((place) => h("li", {},
    h("a", { href: "#/events", onclick: (e) => { e.preventDefault(); openPlace(place.key); } }, place.key),
    ` ${place.count}`)));
  if (!byPlace.items.length) list.append(h("li", { class: "empty" }, "No located events match these filters."));
}

function openPlace(name) {
  setFilters({ ...filterValues(), place: name || "" });
  state.eventsOffset = 0;
  location.hash = "#/events";
}

// ---- quotes -----------------------------------------------------------------------------------

async function loadSpeakers() {
  const data = await api("/api/actors", { role: "speaker", limit: 500, name: document.getElementById("speaker-filter").value.trim() });
  const list = document.getElementById("speakers");
  const item = (name, label, count) => h("li", { class: state.speaker === name ? "selected" : "" },
    h("a", { href: "#/quotes", "data-speaker": name || "", onclick: (e) => {
      e.preventDefault(); state.speaker = name; state.quotesOffset = 0; loadSpeakers().catch(fail); showQuoteList().catch(fail);
    } }, label), count === null ? null : h("span", { class: "count" }, ` ${count}`));
  list.replaceChildren(item(null, "All speakers", null), ...data.items.map((a) => item(a.name,
    [a.name, [a.country, a.sector].filter(Boolean).join(" ")].filter(Boolean).join(" · "), a.quotes)));
}

async function showQuoteList() {
  const data = await api("/api/quotes", { speaker_is: state.speaker, q: document.getElementById("quote-search").value.trim(),
    limit: PAGE, offset: state.quotesOffset });
  const container = document.getElementById("quotes");
  container.replaceChildren(...data.items.map((q) => h("blockquote", { class: `quote-card ${q.kind || ""}` },
    h("p", {}, q.kind === "direct" ? `“${q.text}”` : q.text),
    h("footer", {}, "— ", h("strong", {}, q.speaker || q.speaker_text || "unknown speaker"),
      q.speaker_title ? `, ${q.speaker_title}` : "", q.cue ? ` (${q.cue}${q.channel ? `, ${q.channel}` : ""})` : "",
      " · ", articleLink(q.article_id, "article")))));
  if (!data.items.length) container.append(h("p", { class: "empty" }, "No quotes match."));
  document.getElementById("quotes-count").textContent = `${data.total} quote${data.total === 1 ? "" : "s"}`;
  pager("quotes-pager", data.total, data.offset, (offset) => { state.quotesOffset = offset; showQuoteList().catch(fail); });
}

async function showQuotes() {
  await Promise.all([loadSpeakers(), showQuoteList()]);
}

// ---- articles ---------------------------------------------------------------------------------

async function showArticles() {
  const data = await api("/api/articles", { q: document.getElementById("article-search").value.trim(),
    limit: PAGE, offset: state.articlesOffset });
  const list = document.getElementById("articles");
  list.replaceChildren(...data.items.map((a) => h("li", {},
    articleLink(a.id, a.title || "(untitled)"),
    h("span", { class: "meta" }, ` ${[a.published, a.source].filter(Boolean).join(" · ")}`),
    h("p", { class: "snippet" }, a.snippet || ""))));
  if (!data.items.length) list.append(h("li", { class: "empty" }, "No articles match."));
  document.getElementById("articles-count").textContent = `${data.total} article${data.total === 1 ? "" : "s"}`;
  pager("articles-pager", data.total, data.offset, (offset) => { state.articlesOffset = offset; showArticles().catch(fail); });
}

// The article text with every record's span highlighted. Offsets are in code points (Python), so the
// text is split with Array.from, not indexed as UTF-16.
function highlightedText(text, spans) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const span of spans) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = chars.slice(from, to).join("");
    const covering = spans.filter((sp) => sp.start <= from && sp.end >= to);
    if (!covering.length) { fragment.append(piece); continue; }
    const classes = [...new Set(covering.flatMap((sp) => sp.classes))];
    const el = h("span", { class: classes.join(" "), title: covering.map((sp) => sp.label).join("\n") }, piece);
    for (const sp of covering) if (sp.mark) el.dataset[sp.mark] = sp.markValue;
    fragment.append(el);
  }
  return fragment;
}

function sentenceSpan(text, ev) {
  // The evidence sentence around the event's own span: its nearest occurrence in the text.
  if (!ev.sentence) return null;
  const chars = Array.from(text);
  const codeUnits = (n) => chars.slice(0, n).join("").length;
  let best = -1;
  for (let at = text.indexOf(ev.sentence); at >= 0; at = text.indexOf(ev.sentence, at + 1)) {
    if (best < 0 || Math.abs(at - codeUnits(ev.start)) < Math.abs(best - codeUnits(ev.start))) best = at;
  }
  if (best < 0) return null;
  const start = Array.from(text.slice(0, best)).length;
  return { start, end: start + Array.from(ev.sentence).length };
}

function articleSpans(record) {
  const text = record.article.text || "";
  const spans = [];
  for (const e of record.entities) {
    spans.push({ start: e.start, end: e.end, classes: ["ent", `ent-${e.label}`],
      label: `${e.label}: ${e.canonical || e.text}${e.country ? ` (${[e.country, e.sector].filter(Boolean).join(" ")})` : ""}` });
  }
  for (const q of record.quotes) {
    spans.push({ start: q.start, end: q.end, classes: ["quote"], label: `quote (${q.kind}) by ${q.speaker || "unknown"}` });
  }
  for (const q of record.quantities) {
    spans.push({ start: q.start, end: q.end, classes: ["qty"],
      label: `quantity: ${q.value ?? [q.low, q.high].filter((v) => v !== null).join("–")} ${q.unit || ""}` });
  }
  for (const d of record.dates) spans.push({ start: d.start, end: d.end, classes: ["date"], label: `date: ${d.value || "?"}` });
  for (const p of record.places) {
    spans.push({ start: p.start, end: p.end, classes: ["place"], label: `place: ${p.name || p.text}${p.country ? ` (${p.country})` : ""}` });
  }
  record.events.forEach((ev) => {
    const label = `event ${ev.type}${ev.mode ? `/${ev.mode}` : ""}: ${actorLabel(ev, "source")} → ${actorLabel(ev, "target")}`;
    const sentence = sentenceSpan(text, ev);
    if (sentence) spans.push({ ...sentence, classes: ["evsent"], label, mark: `sentence${ev.seq}`, markValue: "1" });
    if (ev.start !== null && ev.end !== null && ev.end > ev.start) {
      spans.push({ start: ev.start, end: ev.end, classes: ["ev"], label });
    }
  });
  return spans.filter((sp) => Number.isInteger(sp.start) && Number.isInteger(sp.end) && sp.end > sp.start);
}

function focusEvent(seq) {
  document.querySelectorAll(".evsent.active").forEach((el) => el.classList.remove("active"));
  const parts = document.querySelectorAll(`[data-sentence${seq}]`);
  parts.forEach((el) => el.classList.add("active"));
  if (parts.length) parts[0].scrollIntoView({ block: "center" });
  document.querySelectorAll("#records .event-item").forEach((el) => el.classList.toggle("active", el.dataset.seq === String(seq)));
}

function recordList(title, items, render) {
  if (!items.length) return h("section", {}, h("h3", {}, `${title} (0)`));
  return h("section", {}, h("h3", {}, `${title} (${items.length})`), h("ul", {}, items.map(render)));
}

async function showArticle(id, eventSeq) {
  const record = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = record.article;
  document.getElementById("article-title").textContent = a.title || "(untitled)";
  document.getElementById("article-meta").replaceChildren(
    [a.published, a.source, a.language, a.author].filter(Boolean).join(" · "),
    a.url ? h("span", {}, " · ", h("span", { class: "url" }, a.url)) : "");
  document.getElementById("article-text").replaceChildren(highlightedText(a.text || "", articleSpans(record)));
  const entities = new Map();
  for (const e of record.entities) {
    const key = `${e.label}\t${e.canonical || e.text}`;
    entities.set(key, { ...e, n: (entities.get(key)?.n || 0) + 1 });
  }
  document.getElementById("records").replaceChildren(
    recordList("Events", record.events, (ev) => h("li", { class: "event-item", "data-seq": ev.seq },
      h("span", { class: "type-badge", style: `background:${typeColor(ev.type)}` }, ev.type), " ",
      `${actorLabel(ev, "source") || "?"} → ${actorLabel(ev, "target") || "?"}`,
      ev.date ? ` · ${ev.date}` : "", ev.place_name ? ` · ${ev.place_name}` : "", " ",
      h("a", { href: `#/article/${encodeURIComponent(id)}/event/${ev.seq}`, class: "evidence-link" }, "evidence ›"))),
    recordList("Quotes", record.quotes, (q) => h("li", {}, h("strong", {}, q.speaker || "?"), `: ${q.text}`)),
    recordList("Quantities", record.quantities, (q) => h("li", {}, q.text, q.unit ? ` — ${q.unit}` : "")),
    recordList("Dates", record.dates, (d) => h("li", {}, d.text, d.value ? ` = ${d.value}` : "")),
    recordList("Places", record.places, (p) => h("li", {}, p.name || p.text, p.country ? ` (${p.country})` : "")),
    recordList("Entities", [...entities.values()], (e) => h("li", {}, h("span", { class: `ent ent-${e.label}` }, e.canonical || e.text),
      ` ${e.label}${e.country ? ` ${e.country}` : ""}${e.sector ? ` ${e.sector}` : ""}${e.n > 1 ? ` ×${e.n}` : ""}`)),
  );
  if (eventSeq !== undefined) focusEvent(eventSeq);
  else window.scrollTo(0, 0);
}

// ---- routing ----------------------------------------------------------------------------------

function fail(error) {
  notify(error.message || String(error));
}

async function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
  const view = parts[0] || "events";
  const known = ["events", "timeline", "map", "quotes", "articles", "article"];
  state.view = known.includes(view) ? view : "events";
  document.querySelectorAll(".view").forEach((el) => { el.hidden = el.id !== `view-${state.view}`; });
  document.querySelectorAll("#tabs a[data-view]").forEach((a) => {
    a.classList.toggle("active", a.dataset.view === state.view || (state.view === "article" && a.dataset.view === "articles"));
  });
  document.getElementById("filters").hidden = !["events", "timeline", "map"].includes(state.view);
  notify("");
  const routeId = ++state.routeId; // a newer navigation may start before this one has finished
  document.body.dataset.loading = "1";
  try {
    if (state.view === "events") await showEvents();
    else if (state.view === "timeline") await showTimeline();
    else if (state.view === "map") await showMap();
    else if (state.view === "quotes") await showQuotes();
    else if (state.view === "articles") await showArticles();
    else if (state.view === "article") await showArticle(parts[1], parts[2] === "event" ? Number(parts[3]) : undefined);
  } catch (error) {
    fail(error);
  } finally {
    if (routeId === state.routeId) {
      delete document.body.dataset.loading;
      document.body.dataset.ready = state.view;
    }
  }
}

async function showSummary() {
  const data = await api("/api/summary");
  const c = data.counts;
  const below = data.events_below_min_confidence ? ` (${data.events_below_min_confidence} below confidence ${data.min_confidence})` : "";
  document.getElementById("summary").textContent =
    `${c.articles} articles · ${c.events} events${below} · ${c.quotes} quotes · ${c.places} places · search: ${data.fulltext}`;
  const minimum = document.querySelector('#filters input[name="min_confidence"]');
  if (minimum) minimum.placeholder = String(data.min_confidence);
}

// ---- live: new events while the page is open (serve --watch) -----------------------------------

const LIVE_VIEWS = ["events", "timeline", "map", "quotes", "articles"]; // lists a refresh can redraw in place

async function watchChanges() {
  const first = await api("/api/changes");
  if (!first.poll_seconds) return; // a read-only server: nothing will change
  state.openedAt = first.latest;
  state.latest = first.latest;
  const poll = async () => {
    try {
      // opened on an empty store: everything stored since counts
      const data = await api("/api/changes", { since: state.openedAt || "1970-01-01T00:00:00" });
      const badge = document.getElementById("live");
      badge.hidden = false;
      badge.textContent = `${data.events} new event${data.events === 1 ? "" : "s"} (${data.articles} article${data.articles === 1 ? "" : "s"}) since you opened`;
      badge.dataset.events = String(data.events);
      if (data.latest !== state.latest) {
        state.latest = data.latest;
        await showSummary();
        await loadTypes();
        if (LIVE_VIEWS.includes(state.view) && !document.body.dataset.loading) await route();
      }
    } catch (error) {
      fail(error);
    } finally {
      setTimeout(poll, first.poll_seconds * 1000);
    }
  };
  setTimeout(poll, first.poll_seconds * 1000);
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function init() {
  document.getElementById("filters").addEventListener("submit", (e) => {
    e.preventDefault();
    state.eventsOffset = 0;
    route();
  });
  document.getElementById("reset").addEventListener("click", () => { setFilters({}); state.eventsOffset = 0; route(); });
  document.getElementById("speaker-filter").addEventListener("input", debounce(() => loadSpeakers().catch(fail), 250));
  document.getElementById("quote-search").addEventListener("input",
    debounce(() => { state.quotesOffset = 0; showQuoteList().catch(fail); }, 300));
  document.getElementById("article-search").addEventListener("input",
    debounce(() => { state.articlesOffset = 0; showArticles().catch(fail); }, 300));
  document.querySelectorAll("#legend input[data-layer]").forEach((box) => box.addEventListener("change", () => {
    document.getElementById("article-text").classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
  }));
  window.addEventListener("hashchange", route);
  showSummary().then(loadTypes).catch(fail);
  watchChanges().catch(fail);
  route();
}

init();
