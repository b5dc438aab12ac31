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

// Time on a time axis: months without events stay on it, and Plotly spaces its labels to the width.
const timeAxis = { type: "date", automargin: true, nticks: 8 };
const countAxis = { rangemode: "tozero", tickformat: ",d", automargin: true, nticks: 6 };

function drawMonths(el) {
  const rows = chartData("months-data") || [];
  if (!rows.length) { el.textContent = "No dated events."; return; }
  Plotly.newPlot(el, [{ type: "bar", x: rows.map(r => r.month + "-15"), y: rows.map(r => r.events),
    hovertext: rows.map(r => `${r.month}: ${r.events} event${r.events === 1 ? "" : "s"}`), hoverinfo: "text",
    marker: { color: "#0b6e99" } }],
    Object.assign({}, layoutBase, { xaxis: Object.assign({}, timeAxis, { tickformat: "%b %Y" }),
      yaxis: Object.assign({ title: { text: "events" } }, countAxis), bargap: 0.1 }), config);
}

function drawTimeline(el) {
  const data = chartData("timeline-data");
  if (!data || !data.id.length) { el.textContent = "No dated meetings."; return; }
  const colors = ["#0b6e99", "#f29e4c", "#6a9f58", "#8c8c8c"];
  const traces = data.levels.map((level, i) => {
    const rows = data.level.map((l, k) => l === i ? k : -1).filter(k => k >= 0);
    const when = k => data.date[k].length === 7 ? data.date[k] + "-15" : data.date[k];
    return { type: "scatter", mode: "markers", name: level, x: rows.map(when), y: rows.map(() => level),
      customdata: rows.map(k => data.id[k]), hoverinfo: "text",
      hovertext: rows.map(k => `${data.date[k]}: ${data.label[k]} (${data.reports[k]} report${data.reports[k] === 1 ? "" : "s"})`),
      marker: { size: rows.map(k => 7 + Math.min(12, 2 * Math.sqrt(data.reports[k]))), color: colors[i % colors.length], opacity: 0.75 } };
  }).filter(t => t.x.length);
  const shown = data.levels.filter((_, i) => data.level.includes(i));
  Plotly.newPlot(el, traces, Object.assign({}, layoutBase, { showlegend: false, margin: { l: 10, r: 10, t: 10, b: 40 },
    xaxis: timeAxis, yaxis: { type: "category", categoryorder: "array", categoryarray: shown.slice().reverse(), automargin: true } }), config);
  el.on("plotly_click", ev => {
    const id = ev.points[0].customdata;
    if (id) window.location.href = `/event/${encodeURIComponent(id).replace(/%2F/g, "/")}`;
  });
}

function drawAreas(el) {
  const rows = (chartData("areas-data") || []).filter(r => /^\d{4}$/.test(r.period));
  if (!rows.length) { el.textContent = "No cooperation areas recorded for dated events."; return; }
  const periods = [...new Set(rows.map(r => r.period))].sort();
  const areas = [...new Set(rows.map(r => r.area))].sort();
  const count = new Map(rows.map(r => [r.area + "|" + r.period, r.events]));
  const z = areas.map(a => periods.map(p => count.get(a + "|" + p) || 0));
  Plotly.newPlot(el, [{ type: "heatmap", x: periods.map(Number), y: areas, z, colorscale: "YlGnBu", reversescale: true,
    hovertemplate: "%{y}, %{x}: %{z} events<extra></extra>" }],
    Object.assign({}, layoutBase, { margin: { l: 10, r: 10, t: 10, b: 40 },
      xaxis: { tickformat: "d", dtick: periods.length > 12 ? undefined : 1, automargin: true, nticks: 10 },
      yaxis: { automargin: true } }), config);
}

function drawPledges(el) {
  const pledges = (chartData(el.dataset.source) || []).filter(p => p.unit === el.dataset.unit);
  if (!pledges.length) { el.textContent = "No targets."; return; }
  const traces = pledges.map(p => ({ type: "scatter", mode: "lines+markers", name: `${p.metric || "target"}${p.year ? " by " + p.year : ""}`,
    x: p.history.map(h => h.date), y: p.history.map(h => h.value),
    hovertext: p.history.map(h => `${h.date}: ${h.change} ${h.value.toLocaleString("en")} ${p.unit}`), hoverinfo: "text+name" }));
  Plotly.newPlot(el, traces, Object.assign({}, layoutBase, { margin: { l: 10, r: 10, t: 10, b: 40 },
    legend: { orientation: "h", y: -0.25 }, xaxis: timeAxis,
    yaxis: { rangemode: "tozero", automargin: true, nticks: 6, exponentformat: "B", ticksuffix: el.dataset.unit === "%" ? "%" : "" } }), config);
}

const drawers = { partners: drawPartners, months: drawMonths, areas: drawAreas, timeline: drawTimeline, pledges: drawPledges };

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-chart]").forEach(el => {
    const draw = drawers[el.dataset.chart];
    if (!draw) return;
    if (typeof Plotly === "undefined") { el.textContent = "Charts unavailable."; return; }
    try { draw(el); el.dataset.drawn = "true"; } catch (err) { el.textContent = "Chart failed: " + err.message; }
  });
});
