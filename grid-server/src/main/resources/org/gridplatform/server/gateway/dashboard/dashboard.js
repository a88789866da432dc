// The Grid dashboard: polls the server's JSON API and shows it. Plain DOM calls only, never markup from strings:
// node ids, addresses, dataset names and tags come from nodes and coordinators, so they are always
// shown as text, never parsed as markup. Served under a Content-Security-Policy without inline script.

const POLL_MS = 2000;
const HIDDEN_POLL_MS = 10000;
const TIMEOUT_MS = 5000;
const SVG_NS = "http://www.w3.org/2000/svg";

const $ = (id) => document.getElementById(id);

/** An element with attributes (set as text) and children (nodes, or strings appended as text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  return node;
}

// ---- time and numbers -----------------------------------------------------------------------

/** Server time minus browser time, in ms, when the two clocks disagree by more than 2 s. */
let clockOffset = 0;

function noteServerClock(response) {
  const date = Date.parse(response.headers.get("Date") || "");
  if (!Number.isNaN(date)) {
    const offset = date - Date.now();
    clockOffset = Math.abs(offset) > 2000 ? offset : 0;
  }
}

function ago(iso) {
  if (!iso) {
    return "never";
  }
  const ms = Date.now() + clockOffset - Date.parse(iso);
  if (Number.isNaN(ms)) {
    return "unknown";
  }
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 2) {
    return "just now";
  }
  if (s < 90) {
    return `${s} s ago`;
  }
  const min = Math.round(s / 60);
  if (min < 90) {
    return `${min} min ago`;
  }
  const h = Math.round(min / 60);
  return h < 36 ? `${h} h ago` : new Date(iso).toLocaleString();
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

function duration(ms) {
  const n = Number(ms);
  if (!Number.isFinite(n)) {
    return "?";
  }
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000} s` : n >= 10000 ? `${(n / 1000).toFixed(1)} s` : `${n} ms`;
}

function metric(value) {
  const n = Number(value);
  if (!Number.isFinite(n)) {
    return "?";
  }
  return Math.abs(n) >= 1000 ? n.toFixed(0) : Math.abs(n) >= 100 ? n.toFixed(1) : n.toFixed(4);
}

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function list(value) {
  return Array.isArray(value) ? value : [];
}

// ---- HTTP -----------------------------------------------------------------------------------

/** Fetches JSON; a non-2xx answer throws with the problem's detail, so the page can show what went wrong. */
async function fetchJson(path, init = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(path, {
      ...init,
      cache: "no-store",
      signal: controller.signal,
      headers: { Accept: "application/json", ...(init.headers || {}) },
    });
    const type = response.headers.get("Content-Type") || "";
    const body = type.includes("json") ? await response.json() : null;
    if (!response.ok) {
      const detail = body && typeof body.detail === "string" ? body.detail : "";
      throw new Error(`HTTP ${response.status}${detail ? ": " + detail : ""}`);
    }
    return { body, response };
  } catch (error) {
    if (error.name === "AbortError") {
      throw new Error(`no answer within ${TIMEOUT_MS / 1000} s`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// ---- shared pieces ----------------------------------------------------------------------------

function tags(values) {
  return list(values).map((tag) => el("span", { class: "tag" }, tag));
}

/** A node's address, as a link to its datasets' metadata when it is an http(s) URL. */
function address(value) {
  const text = String(value ?? "");
  let url;
  try {
    url = new URL(text);
  } catch {
    return el("span", { class: "mono" }, text);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return el("span", { class: "mono" }, text);
  }
  const datasets = url.href.replace(/\/?$/, "/") + "datasets";
  return el("a", { class: "mono", href: datasets, rel: "noopener noreferrer", target: "_blank",
    title: `${datasets}: the node's datasets (metadata only)` }, text);
}

/** A small chart of the recent round trips: an SVG polyline, scaled to the largest. */
function sparkline(values) {
  const points = list(values).map(Number).filter(Number.isFinite);
  if (points.length === 0) {
    return el("span", { class: "small" }, "no round trip yet");
  }
  const width = 150, height = 30, pad = 3;
  const max = Math.max(...points, 1);
  const min = Math.min(...points);
  const x = (i) => points.length === 1 ? width - pad : pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v) => height - pad - (v / max) * (height - 2 * pad);
  const chart = svg("svg", { class: "spark", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `${points.length} recent round trips, ${min} to ${max} ms` });
  const title = svg("title");
  title.textContent = `Recent round trips, oldest first (ms): ${points.join(", ")}`;
  chart.append(title, svg("line", { x1: 0, y1: height - 0.5, x2: width, y2: height - 0.5 }));
  chart.append(svg("polyline", { points: points.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ") }));
  const last = points.length - 1;
  chart.append(svg("circle", { cx: x(last).toFixed(1), cy: y(points[last]).toFixed(1), r: 2 }));
  return [chart, el("div", { class: "small" }, `${min}–${max} ms over ${plural(points.length, "ping", "pings")}`)];
}

// ---- nodes ------------------------------------------------------------------------------------

const FIELDS = ["node", "state", "address", "datasets", "seen", "rtt", "chart"];
/** Node id to its row, its cells and what each cell shows now (so that unchanged cells are left alone). */
const nodeRows = new Map();
/** The node ids of the last search's answer, highlighted in the table. */
let matches = new Set();

function nodeRow(id) {
  const row = el("tr", { "data-node-id": id });
  const cells = {};
  for (const field of FIELDS) {
    cells[field] = el("td", { "data-field": field, class: field === "rtt" ? "num" : null });
    row.append(cells[field]);
  }
  return { row, cells, shown: {} };
}

function show(entry, field, key, build) {
  if (entry.shown[field] !== key) {
    entry.shown[field] = key;
    entry.cells[field].replaceChildren();
    append(entry.cells[field], [build()]);
  }
}

function renderNode(entry, node) {
  const state = String(node.state);
  const missed = Number(node.missed) || 0;
  entry.row.dataset.state = state;
  entry.cells.state.dataset.state = state;
  show(entry, "node", `${node["node-id"]} ${node["joined-at"]}`, () =>
    el("span", { class: "node-id", title: `joined ${when(node["joined-at"])}` }, node["node-id"]));
  show(entry, "state", `${state} ${missed} ${node.reason}`, () => [
    el("span", { class: "badge", "data-state": state }, state),
    missed > 0 ? el("div", { class: "small" }, `${plural(missed, "missed ping", "missed pings")}`) : null,
    node.reason ? el("div", { class: "small", title: node.reason }, truncate(node.reason, 48)) : null,
  ]);
  show(entry, "address", String(node["node-address"]), () => address(node["node-address"]));
  show(entry, "datasets", JSON.stringify(node.datasets ?? null), () => datasets(node.datasets));
  const seen = ago(node["last-seen"]);
  show(entry, "seen", `${seen} ${node["last-ping"]}`, () => [
    el("span", { title: `last seen ${when(node["last-seen"])}` }, seen),
    node["last-ping"] ? el("div", { class: "small", title: when(node["last-ping"]) }, `pinged ${ago(node["last-ping"])}`) : null,
  ]);
  show(entry, "rtt", `${node["round-trip-ms"]} ${node["smoothed-round-trip-ms"]}`, () =>
    node["round-trip-ms"] === null || node["round-trip-ms"] === undefined ? el("span", { class: "small" }, "–") : [
      el("span", {}, `${node["round-trip-ms"]} ms`),
      el("div", { class: "small" }, `smoothed ${node["smoothed-round-trip-ms"]} ms`),
    ]);
  show(entry, "chart", list(node["recent-round-trip-ms"]).join(","), () => sparkline(node["recent-round-trip-ms"]));
  entry.row.classList.toggle("match", matches.has(String(node["node-id"])));
}

function datasets(values) {
  if (values === null || values === undefined) {
    return el("span", { class: "small" }, "none known yet");
  }
  const all = list(values);
  if (all.length === 0) {
    return el("span", { class: "small", title: "Its owner shows no dataset to anonymous callers; searches still find its tags" },
      "none public");
  }
  return el("ul", { class: "datasets" }, all.map((d) => el("li", { "data-dataset-id": d.id },
    el("span", { class: "dataset-name", title: `id ${d.id}` }, d.name ?? d.id), " ",
    el("span", { class: "small" }, [`${Number(d.rows).toLocaleString()} rows`, d.task ? ` · ${String(d.task).toLowerCase()}` : ""].join("")),
    el("div", {}, tags(d.tags)))));
}

function truncate(text, max) {
  const s = String(text);
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

function renderHealth(report) {
  const nodes = list(report.nodes);
  const body = $("node-rows");
  const seen = new Set();
  nodes.forEach((node, i) => {
    const id = String(node["node-id"]);
    seen.add(id);
    let entry = nodeRows.get(id);
    if (!entry) {
      entry = nodeRow(id);
      nodeRows.set(id, entry);
    }
    renderNode(entry, node);
    if (body.children[i] !== entry.row) {
      body.insertBefore(entry.row, body.children[i] ?? null);
    }
  });
  for (const [id, entry] of nodeRows) {
    if (!seen.has(id)) {
      entry.row.remove();
      nodeRows.delete(id);
    }
  }
  $("nodes").hidden = nodes.length === 0;
  $("nodes-empty").hidden = nodes.length > 0;
  $("count-up").textContent = String(report.up ?? "–");
  $("count-suspect").textContent = String(report.suspect ?? "–");
  $("count-down").textContent = String(report.down ?? "–");
  $("sweep").textContent = report["swept-at"]
    ? `Health sweeps every ${duration(report["interval-ms"])}; the last ${ago(report["swept-at"])}, in ${duration(report["sweep-ms"])}`
    : `Health sweeps every ${duration(report["interval-ms"])}; none yet`;
}

// ---- training runs ------------------------------------------------------------------------------

function renderRuns(answer) {
  const runs = list(answer.runs);
  $("runs").hidden = runs.length === 0;
  $("runs-empty").hidden = runs.length > 0;
  $("run-rows").replaceChildren(...runs.map(runRow));
}

function runRow(run) {
  const rounds = Number(run.rounds) || 0;
  const round = Number(run.round) || 0;
  const nodes = list(run.nodes).map(String);
  const shown = nodes.slice(0, 5).join(", ") + (nodes.length > 5 ? ` +${nodes.length - 5}` : "");
  const metrics = Object.entries(run.metrics && typeof run.metrics === "object" ? run.metrics : {});
  return el("tr", { "data-run-id": run["run-id"], "data-status": run.status },
    el("td", { "data-field": "run" }, el("span", { class: "node-id" }, run["run-id"]), el("div", { class: "small" }, run.backend)),
    el("td", { "data-field": "status" }, el("span", { class: "badge", "data-status": run.status }, run.status)),
    el("td", { "data-field": "tags" }, tags(run.tags)),
    el("td", { "data-field": "progress" }, el("progress", { max: Math.max(rounds, 1), value: round }),
      el("div", { class: "small" }, `round ${round} of ${rounds}`)),
    el("td", { "data-field": "nodes", title: nodes.join(", ") }, plural(nodes.length, "node", "nodes"),
      nodes.length ? el("div", { class: "small mono" }, shown) : null),
    el("td", { "data-field": "metrics" }, metrics.length === 0 ? el("span", { class: "small" }, "–")
      : el("ul", { class: "metrics" }, metrics.map(([name, value]) => el("li", { "data-metric": name }, `${name} ${metric(value)}`)))),
    el("td", { "data-field": "updated", title: `started ${when(run["started-at"])}, updated ${when(run["updated-at"])}` },
      ago(run["updated-at"])));
}

// ---- search -------------------------------------------------------------------------------------

async function search(event) {
  event.preventDefault();
  const input = $("search-input");
  const status = $("search-status");
  const results = $("search-results");
  const query = input.value.split(/[\s,]+/).filter((t) => t.length > 0);
  if (query.length === 0) {
    status.textContent = "Type one or more tags, such as #iris";
    status.dataset.outcome = "";
    results.replaceChildren();
    results.removeAttribute("data-query");
    highlight(new Set());
    return;
  }
  $("search-button").disabled = true;
  status.dataset.outcome = "pending";
  status.textContent = `Searching for ${query.join(" ")}…`;
  const started = performance.now();
  try {
    const { body } = await fetchJson("/search", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query }),
    });
    const ms = Math.round(performance.now() - started);
    const found = list(body["node-addresses"]).filter((pair) => Array.isArray(pair) && pair.length === 2);
    const unanswered = list(body["unanswered-nodes"]).map(String);
    results.replaceChildren(...found.map(([id, at]) =>
      el("li", { "data-node-id": id }, el("span", { class: "node-id" }, id), address(at))));
    status.textContent = (found.length === 0 ? `No node matches ${query.join(" ")}`
      : `${plural(found.length, "node matches", "nodes match")} ${query.join(" ")}`) + ` (${ms} ms)`
      + (unanswered.length ? `; no answer in time from ${unanswered.join(", ")}` : "");
    status.dataset.outcome = "ok";
    results.dataset.query = query.join(" ");
    highlight(new Set(found.map(([id]) => String(id))));
  } catch (error) {
    status.textContent = `The search failed: ${error.message}`;
    status.dataset.outcome = "error";
    results.replaceChildren();
    results.removeAttribute("data-query");
    highlight(new Set());
  } finally {
    $("search-button").disabled = false;
  }
}

function highlight(ids) {
  matches = ids;
  for (const [id, entry] of nodeRows) {
    entry.row.classList.toggle("match", matches.has(id));
  }
}

// ---- the loop -------------------------------------------------------------------------------------

let timer = 0;
let inFlight = false;
let lastGood = null;

function live(ok, text) {
  const status = $("live");
  status.dataset.live = ok ? "ok" : "error";
  status.textContent = text;
  document.body.classList.toggle("stale", !ok && lastGood !== null);
}

async function refresh() {
  if (inFlight) {
    return;
  }
  inFlight = true;
  clearTimeout(timer);
  try {
    const [health, runs] = await Promise.allSettled([fetchJson("/nodes/health"), fetchJson("/training-runs")]);
    if (health.status === "fulfilled") {
      noteServerClock(health.value.response);
      renderHealth(health.value.body);
      lastGood = new Date();
      live(true, `Live, updated ${lastGood.toLocaleTimeString()}`);
    } else {
      live(false, `Cannot reach ${location.host} (${health.reason.message}); retrying`
        + (lastGood ? `, showing ${lastGood.toLocaleTimeString()}` : ""));
    }
    if (runs.status === "fulfilled") {
      renderRuns(runs.value.body);
    }
    $("runs-error").hidden = runs.status === "fulfilled" || health.status !== "fulfilled";
    if (runs.status === "rejected") {
      $("runs-error").textContent = `The training runs are unavailable: ${runs.reason.message}`;
    }
  } catch (error) {
    live(false, `The server's answer could not be shown (${error.message}); retrying`);
  } finally {
    inFlight = false;
    timer = setTimeout(refresh, document.hidden ? HIDDEN_POLL_MS : POLL_MS);
  }
}

$("server").textContent = location.host;
$("search-form").addEventListener("submit", search);
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) {
    refresh();
  }
});
refresh();
