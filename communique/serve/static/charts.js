// Draws the dashboard's charts with Plotly (served by this application, not a CDN).
// Data comes from <script type="application/json"> blocks rendered by the server, never from inline code.
"use strict";

function chartData(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : null;
}

const layoutBase = { margin: { l: 40, r: 10, t: 10, b: 40 }, paper_bgcolor: "#fff", plot_bgcolor: "#fff", font: { size: 12 } };
const config = { displayModeBar: false, responsive: true };

function drawPartners(el) {
  const data = chartData("partners-data");
  if (!data || !data.partners.length) { el.textContent = "No partners yet."; return; }
  const n = data.partners.length, max = Math.max(...data.partners.map(p => p.events));
  const xs = [], ys = [], lines = { x: [], y: [] };
  data.partners.forEach((p, i) => {
    const angle = (2 * Math.PI * i) / n;
    xs.push(Math.cos(angle)); ys.push(Math.sin(angle));
    lines.x.push(0, Math.cos(angle), null); lines.y.push(0, Math.sin(angle), null);
  });
  const traces = [
    { x: lines.x, y: lines.y, mode: "lines", line: { color: "#c9d3dd", width: 1 }, hoverinfo: "skip" },
    { x: [0], y: [0], mode: "markers+text", text: [data.focus_name], textposition: "bottom center",
      marker: { size: 30, color: "#0b6e99" }, hoverinfo: "text" },
    { x: xs, y: ys, mode: "markers+text", text: data.partners.map(p => p.name), textposition: "top center",
      customdata: data.partners.map(p => p.code),
      hovertext: data.partners.map(p => `${p.name}: ${p.events} events`), hoverinfo: "text",
      marker: { size: data.partners.map(p => 12 + 28 * p.events / max), color: "#f29e4c" } },
  ];
  const layout = Object.assign({}, layoutBase, { showlegend: false,
    xaxis: { visible: false, range: [-1.5, 1.5] }, yaxis: { visible: false, range: [-1.4, 1.4] } });
  Plotly.newPlot(el, traces, layout, config);
  el.on("plotly_click", ev => {
    const code = ev.points[0].customdata;
    if (code) window.location.href = `/dyad/${encodeURIComponent(data.focus)}/${encodeURIComponent(code)}`;
  });
}

function drawMonths(el) {
  const rows = chartData("months-data") || [];
  if (!rows.length) { el.textContent = "No dated events."; return; }
  Plotly.newPlot(el, [{ type: "bar", x: rows.map(r => r.month), y: rows.map(r => r.events), marker: { color: "#0b6e99" } }],
    Object.assign({}, layoutBase, { xaxis: { type: "category" }, yaxis: { title: "events", dtick: 1 } }), config);
}

function drawAreas(el) {
  const rows = chartData("areas-data") || [];
  if (!rows.length) { el.textContent = "No cooperation areas recorded."; return; }
  const periods = [...new Set(rows.map(r => r.period))].sort();
  const areas = [...new Set(rows.map(r => r.area))].sort();
  const z = areas.map(a => periods.map(p => (rows.find(r => r.area === a && r.period === p) || { events: 0 }).events));
  Plotly.newPlot(el, [{ type: "heatmap", x: periods, y: areas, z, colorscale: "YlGnBu", reversescale: true }],
    Object.assign({}, layoutBase, { margin: { l: 170, r: 10, t: 10, b: 40 }, xaxis: { type: "category" } }), config);
}

function drawTargets(el) {
  const rows = chartData("targets-data") || [];
  if (!rows.length) { el.textContent = "No targets recorded."; return; }
  Plotly.newPlot(el, [{ type: "bar", orientation: "h", y: rows.map(r => `${r.metric || ""} (${r.unit}${r.year ? ", " + r.year : ""})`),
    x: rows.map(r => r.value), marker: { color: "#f29e4c" } }],
    Object.assign({}, layoutBase, { margin: { l: 260, r: 10, t: 10, b: 40 }, xaxis: { type: "log" } }), config);
}

const drawers = { partners: drawPartners, months: drawMonths, areas: drawAreas, targets: drawTargets };

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart]").forEach(el => {
    const draw = drawers[el.dataset.chart];
    if (!draw) return;
    if (typeof Plotly === "undefined") { el.textContent = "Charts unavailable."; return; }
    try { draw(el); el.dataset.drawn = "true"; } catch (err) { el.textContent = "Chart failed: " + err.message; }
  });
});
