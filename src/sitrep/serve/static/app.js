// sitrep's page: events on a map and a timeline, a table, one event with its reports,
// evidence and claims ledger, one article with what was read in it.
//
// Every piece of text from the store goes into the page as a text node (el(), text()),
// never as markup: an article that holds "<script>" shows those characters. Links are
// made only to this page's own routes, or to http(s) URLs an article names.

import { createMap } from "./map.js";
import { createTimeline } from "./timeline.js";
import { topoFeatures } from "./topo.js";

const $ = (selector, root = document) => root.querySelector(selector);
const PAGE = 50;
const FILTERS = ["since", "until", "type", "place", "actor", "source", "q", "bbox"];

// -- small DOM helpers --------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function route(...parts) {
  return "#/" + parts.map((p) => encodeURIComponent(p)).join("/");
}

function safeUrl(url) {
  // Only web addresses become links: "javascript:" and the like stay text.
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

function external(url, label) {
  const href = safeUrl(url);
  return href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, label || url)
              : el("span", { class: "muted" }, url || "");
}

function showError(message) {
  const box = $("#error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = "/api/" + path + (query.toString() ? "?" + query : "");
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${response.status}: ${body.detail || response.statusText}`);
  return body;
}

function num(value) {
  return value === null || value === undefined ? "" : String(value);
}

function humane(type) {
  return String(type || "event").replaceAll("_", " ");
}

function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function range(r) {
  if (!r) return "";
  if (r.min === r.max || r.max === null || r.max === undefined) return num(r.min);
  return `${num(r.min)}–${num(r.max)}`;
}

// -- highlighted text ---------------------------------------------------------------

// Text with marked ranges [{start, end, cls, title, id}]: overlapping ranges are cut at
// every boundary and each piece carries the classes of all ranges over it.
function highlighted(text, ranges) {
  const cuts = new Set([0, text.length]);
  const valid = ranges.filter((r) => r.start >= 0 && r.end <= text.length && r.start < r.end);
  for (const r of valid) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = document.createDocumentFragment();
  const anchored = new Set();
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const piece = text.slice(from, to);
    const over = valid.filter((r) => r.start <= from && r.end >= to);
    if (!over.length) { out.append(document.createTextNode(piece)); continue; }
    const span = el("span", { class: "hl " + [...new Set(over.map((r) => r.cls))].join(" ") }, piece);
    const titles = over.map((r) => r.title).filter(Boolean);
    if (titles.length) span.title = [...new Set(titles)].join("\n");
    for (const r of over) {
      if (r.id && !anchored.has(r.id)) { span.id = r.id; anchored.add(r.id); }
    }
    out.append(span);
  }
  return out;
}

// Where each word of `needles` occurs (any case) inside the given [start, end) spans.
function occurrences(text, spans, needles, cls, title) {
  const found = [];
  const lower = text.toLowerCase();
  for (const needle of needles) {
    const word = String(needle ?? "").trim().toLowerCase();
    if (!word || (word.length < 2 && !/^\d$/.test(word))) continue;
    for (const span of spans) {
      let at = lower.indexOf(word, span.start);
      while (at >= 0 && at + word.length <= span.end) {
        const before = lower[at - 1] || " ";
        const after = lower[at + word.length] || " ";
        if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
          found.push({ start: at, end: at + word.length, cls, title });
        }
        at = lower.indexOf(word, at + word.length);
      }
    }
  }
  return found;
}

// The ranges that show one event's fields in its article.
function eventRanges(article, event) {
  const evidence = event.evidence || [];
  const ranges = evidence.map((s) => ({ start: s.start, end: s.end, cls: "evidence",
                                        title: "evidence of the event" }));
  if (event.date) {
    for (const t of article.times || []) {
      if (String(t.value || "").startsWith(event.date)) {
        ranges.push({ start: t.start, end: t.end, cls: "f-date", title: `date: ${t.value}` });
      }
    }
  }
  const placeNames = new Set([event.location && event.location.name, ...(event.sub_locations || [])]);
  for (const p of article.places || []) {
    if (placeNames.has(p.name)) {
      ranges.push({ start: p.start, end: p.end, cls: "f-place", title: `place: ${p.name}` });
    }
  }
  ranges.push(...occurrences(article.text, evidence, (event.actors || []).map((a) => a.name),
                             "f-actor", "actor"));
  ranges.push(...occurrences(article.text, evidence, event.weapons || [], "f-weapon", "weapon"));
  const figures = (event.counts || []).flatMap((c) => [c.value, c.min, c.max])
    .filter((v) => v !== null && v !== undefined);
  ranges.push(...occurrences(article.text, evidence, figures, "f-count", "count"));
  return ranges;
}

function legend(items) {
  return el("p", { class: "legend" }, items.map(([cls, label]) =>
    el("span", { class: "hl " + cls }, label)));
}

// -- the events view ------------------------------------------------------------------

let map = null;
let timeline = null;
let current = {};
let mapZoom = 1;
let lastMarkers = [];

function filtersFromHash(params) {
  const out = {};
  for (const key of FILTERS) if (params.get(key)) out[key] = params.get(key);
  out.offset = Number(params.get("offset") || 0) || 0;
  return out;
}

function hashFor(filters) {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]);
  if (filters.offset) params.set("offset", filters.offset);
  return "#/" + (params.toString() ? "?" + params : "");
}

function fillForm(filters) {
  const form = $("#filters");
  for (const key of ["since", "until", "type", "place", "actor", "source", "q"]) {
    form.elements[key].value = filters[key] || "";
  }
  form.elements.inview.checked = Boolean(filters.bbox);
}

async function setupEvents() {
  if (map) return;
  const form = $("#filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const filters = {};
    for (const key of ["since", "until", "type", "place", "actor", "source", "q"]) {
      const value = form.elements[key].value.trim();
      if (value) filters[key] = value;
    }
    if (form.elements.inview.checked && map) {
      filters.bbox = map.view().bbox.map((v) => v.toFixed(3)).join(",");
    }
    location.hash = hashFor(filters);
  });
  form.addEventListener("reset", () => { setTimeout(() => { location.hash = "#/"; }); });
  map = createMap($("#map"), {
    onSelect: (id) => { location.hash = route("event", id); },
    // a group whose events all share one point never splits: list them in the table
    onZoomIn: ({ lat, lon }) => {
      const spot = lastMarkers.find((m) => m.spot && Math.abs(m.lat - lat) < 1e-4 && Math.abs(m.lon - lon) < 1e-4);
      if (!spot) return;
      const d = 0.05;
      location.hash = hashFor({ ...current, offset: 0,
        bbox: [lon - d, lat - d, lon + d, lat + d].map((v) => v.toFixed(4)).join(",") });
    },
    onView: ({ zoom }) => {
      if (Math.abs(zoom - mapZoom) > 0.01) { mapZoom = zoom; loadMarkers(); }
    },
  });
  timeline = createTimeline($("#timeline"), {
    onBrush: (span) => {
      const filters = { ...current, offset: 0 };
      delete filters.since; delete filters.until;
      if (span) { filters.since = span.since; filters.until = span.until; }
      location.hash = hashFor(filters);
    },
  });
  try {
    const response = await fetch("/static/vendor/countries-110m.json");
    if (response.ok) map.setBasemap(topoFeatures(await response.json(), "countries"));
  } catch {
    // no basemap built (see the README): the markers still show
  }
  const facets = await api("facets");
  const select = form.elements.type;
  for (const t of facets.types) select.append(el("option", { value: t.type }, `${t.type} (${t.n})`));
}

async function showCounts() {
  const facets = await api("facets");
  $("#counts").textContent = `${plural(facets.events, "event")} from ${plural(facets.articles, "article")}`;
}

async function loadMarkers() {
  const { offset, ...filters } = current;
  const answer = await api("map", { ...filters, zoom: mapZoom.toFixed(2) });
  lastMarkers = answer.markers;
  map.setPoints(answer.markers);
  return answer;
}

async function showEvents(params) {
  await setupEvents();
  current = filtersFromHash(params);
  fillForm(current);
  const { offset, ...filters } = current;
  const [page, markers, days] = await Promise.all([
    api("events", { ...filters, limit: PAGE, offset }),
    loadMarkers(),
    api("timeline", { ...filters, since: null, until: null }),
  ]);
  timeline.setData(days.days);
  timeline.setBrush(current.since || current.until
    ? { since: current.since || days.days[0]?.day, until: current.until || days.days.at(-1)?.day }
    : null);
  if (!current.bbox && markers.markers.length) fitTo(markers.markers);
  renderTable(page);
  for (const fmt of ["csv", "geojson", "jsonl"]) {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v));
    $(`#export-${fmt}`).href = `/api/export/${fmt}` + (query.toString() ? "?" + query : "");
  }
  const undated = days.undated ? `, ${days.undated} undated` : "";
  $("#selection").textContent = `${page.total} events match${undated}` +
    (markers.truncated ? "; the map shows the largest groups only" : "");
}

function fitTo(markers) {
  const lats = markers.map((m) => m.lat);
  const lons = markers.map((m) => m.lon);
  const pad = 6;  // degrees around the markers: a city's events still show their country
  map.fit([Math.min(...lons) - pad, Math.min(...lats) - pad,
           Math.max(...lons) + pad, Math.max(...lats) + pad]);
}

function renderTable(page) {
  const body = $("#events-table tbody");
  body.replaceChildren();
  for (const e of page.items) {
    const link = route("event", e.id);
    body.append(el("tr", { class: "row", "data-id": e.id, onclick: () => { location.hash = link; } },
      el("td", {}, el("a", { href: link }, e.date || "undated")),
      el("td", {}, e.acled_sub_event_type || e.type || ""),
      el("td", {}, [e.location, e.country].filter(Boolean).join(", ")),
      el("td", {}, e.actors || ""),
      el("td", { class: "num" }, num(e.fatalities)),
      el("td", { class: "num" }, num(e.sources)),
      el("td", { class: "num" + (e.contradictions ? " disputed" : "") }, num(e.contradictions))));
  }
  if (!page.items.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "muted" }, "No events match.")));
  pager($("#events-pager"), page, (offset) => { location.hash = hashFor({ ...current, offset }); });
}

function pager(box, page, go) {
  box.replaceChildren();
  const last = Math.min(page.offset + page.limit, page.total);
  box.append(el("span", {}, page.total ? `${page.offset + 1}–${last} of ${page.total}` : "none"));
  if (page.offset > 0) box.append(el("button", { type: "button", onclick: () => go(Math.max(0, page.offset - page.limit)) }, "Previous"));
  if (last < page.total) box.append(el("button", { type: "button", onclick: () => go(page.offset + page.limit) }, "Next"));
}

// -- one event ---------------------------------------------------------------------

const FIELDS = [
  ["Type", (e) => humane(e.type)],
  ["ACLED", (e) => e.acled ? `${e.acled.event_type} / ${e.acled.sub_event_type}` : ""],
  ["Date", (e) => [e.date, e.date_end && e.date_end !== e.date ? `to ${e.date_end}` : null, e.time].filter(Boolean).join(" ")],
  ["Place", (e) => e.location ? [e.location.name, e.location.admin1, e.location.country].filter(Boolean).join(", ") : ""],
  ["Streets, districts", (e) => (e.sub_locations || []).join("; ")],
  ["Actors", (e) => (e.actors || []).map((a) => `${a.role}: ${a.name}`).join("; ")],
  ["Weapons", (e) => (e.weapons || []).join("; ")],
  ["Killed", (e) => range(e.fatalities)],
  ["Injured", (e) => range(e.injured)],
  ["Counts", (e) => (e.counts || []).map((c) => `${c.what}: ${c.value ?? range(c)}`).join("; ")],
];

async function showEvent(id) {
  const view = $("#view-event");
  const data = await api("events/" + encodeURIComponent(id));
  const c = data.cluster;
  const merged = c.merged || {};
  const where = merged.location ? merged.location.name : "unknown place";
  view.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← all events")),
    el("h1", {}, `${humane(merged.type)} · ${merged.date || "undated"} · ${where}`),
    el("p", { class: "muted" }, [plural(c.sources, "independent source"),
      plural(c.reports || data.reports.length, "report"), plural(c.publishers, "publisher")].join(", ")));

  // the merged record beside each report's own values
  const head = el("tr", {}, el("th", {}, "Field"), el("th", {}, "Merged"),
    data.reports.map((r, i) => el("th", {}, el("a", { href: route("article", r.article.id) },
      `Report ${i + 1}: ${r.article.source || r.article.title || r.article.id}`))));
  const rows = FIELDS.map(([name, get]) => {
    const value = get(merged) || "";
    return el("tr", {}, el("th", {}, name), el("td", { class: "merged" }, value),
      data.reports.map((r) => {
        const own = get(r.event) || "";
        return el("td", { class: own && own !== value ? "differs" : "" }, own);
      }));
  });
  const support = (c.support || []).map((s) => `${s.field}: ${s.sources}`).join(" · ");
  view.append(el("h2", {}, "Record"), el("table", { class: "grid record" }, el("thead", {}, head), el("tbody", {}, rows)),
    support ? el("p", { class: "muted" }, `Independent sources backing each field: ${support}`) : null);

  view.append(el("h2", { id: "ledger" }, "Claims ledger"), ledger(data));
  view.append(el("h2", {}, "Statements about it"), statementList(data.statements));

  view.append(el("h2", {}, "Reports and their evidence"),
    legend([["evidence", "evidence sentence"], ["f-date", "date"], ["f-place", "place"],
            ["f-actor", "actor"], ["f-weapon", "weapon"], ["f-count", "figure"]]));
  const articles = await Promise.all(data.reports.map((r) => api("articles/" + encodeURIComponent(r.article.id))));
  data.reports.forEach((report, i) => {
    const article = articles[i].article;
    view.append(el("details", { class: "report", open: i < 3 },
      el("summary", {}, `Report ${i + 1}: ${article.title || article.id}`,
        el("span", { class: "muted" }, ` · ${article.source || ""} ${article.published || "undated"}`)),
      el("p", { class: "muted" }, el("a", { href: route("article", article.id) }, "open the article"),
        article.url ? " · " : "", article.url ? external(article.url, "original") : null),
      el("div", { class: "text" }, highlighted(article.text, eventRanges(article, report.event)))));
  });
}

function ledger(data) {
  const box = el("div", { class: "ledger" });
  if (!data.contradictions.length && !(data.cluster.updates || []).length) {
    box.append(el("p", { class: "muted" }, "The reports do not disagree."));
    return box;
  }
  for (const d of data.contradictions) {
    box.append(el("div", { class: "dispute" }, el("h3", {}, `Disputed: ${d.field}`),
      el("div", { class: "sides" }, d.sides.map((side) => el("div", { class: "side-claim" },
        el("p", { class: "by" }, side.by), el("p", { class: "value" }, side.value),
        (side.statement_ids || []).map((key) => {
          const [articleId, statementId] = splitKey(key);
          return el("blockquote", {}, data.cited[key] || key, " ",
            el("a", { href: route("article", articleId, statementId) }, "in context"));
        }))))));
  }
  const updates = data.cluster.updates || [];
  if (updates.length) {
    box.append(el("h3", {}, "Figures revised over time (updates, not disputes)"),
      el("ul", {}, updates.map((u) => el("li", {}, `${u.published || "undated"} · ${u.field}: ${u.value} (${u.by})`))));
  }
  return box;
}

function splitKey(key) {
  const at = key.lastIndexOf(":");
  return [key.slice(0, at), key.slice(at + 1)];
}

function statementList(statements) {
  if (!statements.length) return el("p", { class: "muted" }, "No statement is tied to this event.");
  return el("ul", { class: "statements" }, statements.map((s) => el("li", {},
    el("span", { class: "speaker" }, s.speaker.name),
    s.speaker.role ? el("span", { class: "muted" }, `, ${s.speaker.role}`) : null,
    s.speaker.affiliation ? el("span", { class: "muted" }, ` (${s.speaker.affiliation})`) : null,
    " ", el("span", { class: "stance stance-" + s.stance }, s.stance),
    s.target ? el("span", {}, ` → ${s.target}`) : null,
    s.channel ? el("span", { class: "muted" }, ` on ${s.channel}`) : null,
    el("q", {}, s.text), " ",
    el("a", { href: route("article", s.article_id || s.article?.id, s.id) }, "in context"))));
}

// -- one article -------------------------------------------------------------------

async function showArticle(id, statementId) {
  const view = $("#view-article");
  const data = await api("articles/" + encodeURIComponent(id));
  const a = data.article;
  const ranges = [
    ...(a.times || []).map((t) => ({ start: t.start, end: t.end, cls: "f-date", title: `time: ${t.value}` })),
    ...(a.places || []).map((p) => ({ start: p.start, end: p.end, cls: "f-place",
      title: `place: ${[p.name, p.country].filter(Boolean).join(", ")}` })),
    ...(a.statements || []).map((s) => ({ start: s.start, end: s.end, cls: "statement",
      id: "s-" + s.id, title: `${s.speaker.name}: ${s.stance}` })),
    ...(a.events || []).flatMap((e) => (e.evidence || []).map((s) => ({ start: s.start, end: s.end,
      cls: "evidence", title: `event ${e.id}: ${e.type}` }))),
  ];
  const events = el("ul", {}, (a.events || []).map((e) => el("li", {},
    data.clusters[e.id] ? el("a", { href: route("event", data.clusters[e.id]) }, humane(e.type)) : humane(e.type),
    ` · ${e.date || "undated"} · ${e.location ? e.location.name : "?"}`,
    e.fatalities ? ` · killed ${range(e.fatalities)}` : "")));
  view.replaceChildren(
    el("p", {}, el("a", { href: "#/articles" }, "← all articles")),
    el("h1", {}, a.title || a.id),
    el("p", { class: "muted" }, [a.published || "undated", a.source, a.byline ? `by ${a.byline}` : null]
      .filter(Boolean).join(" · "), a.url ? " · " : "", a.url ? external(a.url) : null),
    el("div", { class: "columns" },
      el("div", { class: "text" }, legend([["evidence", "event evidence"], ["statement", "statement"],
        ["f-date", "time"], ["f-place", "place"]]), highlighted(a.text, ranges)),
      el("aside", {}, el("h2", {}, "Events"), events,
        el("h2", {}, "Statements"), statementList((a.statements || []).map((s) => ({ ...s, article_id: a.id }))),
        el("h2", {}, "Times"), el("ul", {}, (a.times || []).map((t) => el("li", {}, `${t.text} = ${t.value}`))),
        el("h2", {}, "Places"), el("ul", {}, (a.places || []).map((p) => el("li", {},
          [p.name, p.country].filter(Boolean).join(", "), p.metonymic ? " (as an actor)" : ""))))));
  if (statementId) {
    const target = document.getElementById("s-" + statementId);
    if (target) { target.scrollIntoView({ block: "center" }); target.classList.add("flash"); }
  }
}

// -- lists of articles and statements ------------------------------------------------

async function showArticles(params) {
  const view = $("#view-articles");
  const offset = Number(params.get("offset") || 0) || 0;
  const q = params.get("q") || "";
  const page = await api("articles", { q, limit: PAGE, offset });
  const box = el("div", { class: "pager" });
  const input = el("input", { type: "search", name: "q", value: q, placeholder: "words in title or text" });
  view.replaceChildren(el("h1", {}, "Articles"),
    el("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault(); location.hash = "#/articles?" + new URLSearchParams({ q: input.value }); } },
      el("label", {}, "Words ", input), el("button", { type: "submit" }, "Search")),
    el("table", { class: "grid" }, el("thead", {}, el("tr", {}, el("th", {}, "Published"), el("th", {}, "Title"),
      el("th", {}, "Source"), el("th", { class: "num" }, "Events"), el("th", { class: "num" }, "Statements"))),
    el("tbody", {}, page.items.map((a) => el("tr", {}, el("td", {}, a.published || "undated"),
      el("td", {}, el("a", { href: route("article", a.id) }, a.title || a.id)), el("td", {}, a.source || ""),
      el("td", { class: "num" }, num(a.events)), el("td", { class: "num" }, num(a.statements)))))), box);
  pager(box, page, (o) => { location.hash = "#/articles?" + new URLSearchParams({ q, offset: o }); });
}

async function showStatements(params) {
  const view = $("#view-statements");
  const offset = Number(params.get("offset") || 0) || 0;
  const speaker = params.get("speaker") || "";
  const stance = params.get("stance") || "";
  const page = await api("statements", { speaker, stance, limit: PAGE, offset });
  const who = el("input", { type: "search", name: "speaker", value: speaker });
  const how = el("input", { type: "search", name: "stance", value: stance, placeholder: "accuse, deny, …" });
  const box = el("div", { class: "pager" });
  const items = page.items.map((s) => ({ ...s, article_id: s.article.id }));
  view.replaceChildren(el("h1", {}, "Statements"),
    el("form", { class: "filters", onsubmit: (ev) => { ev.preventDefault();
      location.hash = "#/statements?" + new URLSearchParams({ speaker: who.value, stance: how.value }); } },
      el("label", {}, "Speaker ", who), el("label", {}, "Stance ", how), el("button", { type: "submit" }, "Search")),
    statementList(items), box);
  pager(box, page, (o) => { location.hash = "#/statements?" + new URLSearchParams({ speaker, stance, offset: o }); });
}

// -- routing -----------------------------------------------------------------------

async function render() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const name = parts[0] || "events";
  const views = { events: "view-events", event: "view-event", article: "view-article",
                  articles: "view-articles", statements: "view-statements" };
  const shown = views[name] || "view-events";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== shown;
  for (const link of document.querySelectorAll("[data-nav]")) {
    link.classList.toggle("active", shown === "view-" + link.dataset.nav);
  }
  showError("");
  document.body.dataset.view = name;
  document.body.dataset.ready = "";
  try {
    if (name === "event") await showEvent(parts[1]);
    else if (name === "article") await showArticle(parts[1], parts[2]);
    else if (name === "articles") await showArticles(params);
    else if (name === "statements") await showStatements(params);
    else await showEvents(params);
    if (name !== "article" || !parts[2]) window.scrollTo(0, 0);
  } catch (error) {
    showError(String(error.message || error));
  }
  document.body.dataset.rendered = location.hash;  // the browser tests wait for these
  document.body.dataset.ready = name;
}

window.addEventListener("hashchange", render);
showCounts().catch((error) => showError(String(error.message || error)));
render();
