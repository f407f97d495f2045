// Thin ApexCharts renderer for MetricChart.razor. Every number is computed in C#; this module only maps the
// model onto ApexCharts options and keeps the series arrays so live points can be appended without resending
// (or re-creating) the whole chart.
//
// Model shape (ChartJsModel.cs); callers downsample to at most ~1,500 points per series (SVG cost grows per point):
//   { metricId, title, unit, series: [{ name, kind, color, t: [ms], v: [number], u: [number] | null }],
//     annotations: [{ y, label, color, aboveAxis }], ranges: [{ fromMs, toMs, label, color, open }], markers: [{ timeMs, label, color }] }
// kind is 'Line' | 'PreviousPeriod' | 'BaselineBand' | 'Outliers' | 'Reference' | 'Context' (not drawn: its numbers are
// listed in the tooltip, e.g. the labels behind a quality point).
import '../lib/apexcharts/apexcharts.min.js'; // UMD bundle, imported for its side effect: globalThis.ApexCharts

const charts = new WeakMap();

const linePalette = ['#1e88e5', '#8e24aa', '#00897b', '#f4511e', '#3949ab', '#6d4c41'];
// Amber and dashed: the overlay must not read as the grey band or as one of the lines.
const previousColor = '#f9a825';
const bandColor = '#64b5f6';
const outlierColor = '#e53935';
const referenceColor = '#757575';

export function init(element, model) {
  destroy(element);
  const state = {
    unit: model.unit || '',
    kinds: [],
    series: [],
    context: [],
    annotations: model.annotations || [],
    ranges: model.ranges || [],
    markers: model.markers || [],
    stepMs: 0,
  };
  for (const s of model.series) {
    addSeries(state, s);
  }
  state.stepMs = typicalStep(state);
  state.chart = new globalThis.ApexCharts(element, buildOptions(state));
  charts.set(element, state);
  return state.chart.render();
}

// A new time range changes the series' lengths and possibly their set, so the chart is rebuilt; the host keeps
// its min-height, so the page does not jump.
export function replace(element, model) {
  return init(element, model);
}

export function append(element, deltaSeries, dropBeforeMs) {
  const state = charts.get(element);
  if (!state) {
    return Promise.resolve();
  }
  let added = false;
  for (const delta of deltaSeries) {
    const context = state.context.find((c) => c.name === delta.name);
    if (context || delta.kind === 'Context') {
      appendContext(state, context, delta);
      continue;
    }
    const index = state.series.findIndex((s) => s.name === delta.name);
    if (index < 0) {
      addSeries(state, delta);
      added = true;
      continue;
    }
    const target = state.series[index].data;
    const isBand = state.kinds[index] === 'BaselineBand';
    for (let i = 0; i < delta.t.length; i++) {
      target.push(toPoint(delta, i, isBand));
    }
  }
  if (dropBeforeMs !== null && dropBeforeMs !== undefined) {
    for (const s of state.series.concat(state.context)) {
      // Points arrive in time order, so the stale ones are a prefix.
      let firstKept = 0;
      while (firstKept < s.data.length && s.data[firstKept].x < dropBeforeMs) {
        firstKept++;
      }
      if (firstKept > 0) {
        s.data.splice(0, firstKept);
      }
    }
  }
  if (added || state.ranges.length > 0 || state.markers.length > 0) {
    // A series the chart did not have changes the per-series stroke/marker arrays, and annotations may reach past the
    // newest point (an alarm period up to now): rebuild the options, which recomputes the x-axis end.
    state.stepMs = typicalStep(state);
    growOpenRanges(state);
    return state.chart.updateOptions(buildOptions(state), false, false).then(() => revealMarkers(element));
  }
  return state.chart.updateSeries(state.series, false).then(() => revealMarkers(element));
}

export function destroy(element) {
  const state = charts.get(element);
  if (state) {
    state.chart.destroy();
    charts.delete(element);
  }
}

export function downloadCsv(fileName, text) {
  // The byte-order mark makes Excel read the file as UTF-8 (series names may hold characters such as '–').
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke on the next turn: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

// ApexCharts 4.7 keeps line markers hidden until its entry animation ends and, with animations off, only un-hides
// them on the first render: after updateSeries the outlier markers would stay invisible.
function revealMarkers(element) {
  for (const wrap of element.querySelectorAll('.apexcharts-series-markers-wrap.apexcharts-element-hidden')) {
    wrap.classList.remove('apexcharts-element-hidden');
    wrap.classList.add('apexcharts-hidden-element-shown');
  }
}

function appendContext(state, context, delta) {
  const data = context ? context.data : [];
  for (let i = 0; i < delta.t.length; i++) {
    data.push({ x: delta.t[i], y: delta.v[i] });
  }
  if (!context) {
    state.context.push({ name: delta.name, data });
  }
}

function addSeries(state, s) {
  if (s.kind === 'Context') {
    appendContext(state, null, s);
    return;
  }
  const isBand = s.kind === 'BaselineBand';
  const data = new Array(s.t.length);
  for (let i = 0; i < s.t.length; i++) {
    data[i] = toPoint(s, i, isBand);
  }
  state.kinds.push(s.kind);
  state.series.push({
    name: s.name,
    // Outliers are a line with no stroke: a 'scatter' series is only drawn as markers when the chart is already
    // a combo (i.e. has a band), so a zero-width line behaves the same with and without a band.
    type: isBand ? 'rangeArea' : 'line',
    color: s.color || defaultColor(state, s.kind),
    data,
  });
}

function toPoint(s, i, isBand) {
  // ApexCharts picks the data format from one series for all of them, so every series uses {x, y}.
  return isBand ? { x: s.t[i], y: [s.v[i], s.u ? s.u[i] : s.v[i]] } : { x: s.t[i], y: s.v[i] };
}

function defaultColor(state, kind) {
  switch (kind) {
    case 'PreviousPeriod':
      return previousColor;
    case 'BaselineBand':
      return bandColor;
    case 'Outliers':
      return outlierColor;
    case 'Reference':
      return referenceColor;
    default: {
      const lines = state.kinds.filter((k) => k === 'Line').length - 1;
      return linePalette[Math.max(0, lines) % linePalette.length];
    }
  }
}

function buildOptions(state) {
  const kinds = state.kinds;
  return {
    chart: {
      type: 'line',
      height: 260,
      animations: { enabled: false },
      // The page owns the time range; chart-level zoom would fight live appends and the URL state.
      toolbar: { show: false },
      zoom: { enabled: false },
      fontFamily: 'inherit',
      parentHeightOffset: 0,
    },
    series: state.series,
    colors: state.series.map((s) => s.color),
    stroke: {
      curve: 'straight',
      width: kinds.map((k) => (k === 'Line' ? 2 : k === 'PreviousPeriod' ? 2 : k === 'Reference' ? 1.5 : 0)),
      dashArray: kinds.map((k) => (k === 'PreviousPeriod' ? 4 : k === 'Reference' ? 3 : 0)),
    },
    fill: {
      type: 'solid',
      opacity: kinds.map((k) => (k === 'BaselineBand' ? 0.18 : 1)),
    },
    markers: {
      // Markers on dense series cost one SVG node per point; only the sparse outliers get them.
      // Many outliers in a long range would merge into a thick red stroke: draw them smaller.
      size: state.series.map((s, i) => (kinds[i] !== 'Outliers' ? 0 : s.data.length > 150 ? 2.5 : 4)),
      strokeWidth: 0,
      hover: { sizeOffset: 2 },
    },
    dataLabels: { enabled: false },
    legend: { show: true, position: 'bottom', horizontalAlign: 'center', fontSize: '12px' },
    grid: { borderColor: '#e0e0e0', strokeDashArray: 3 },
    xaxis: {
      type: 'datetime',
      // Annotations outside the axis are not drawn: stretch it to the first and last shaded range or marker.
      min: annotationsStart(state),
      max: annotationsEnd(state),
      labels: { datetimeUTC: false },
      tooltip: { enabled: false },
    },
    yaxis: {
      title: { text: state.unit },
      labels: { formatter: (v) => formatValue(v) },
      // ApexCharts calls these on every redraw, so live appends rescale. The range is computed here from the
      // stored series (ApexCharts calls min and max separately, in varying order, with partial ranges), widened
      // to the annotations so lines such as an instance ceiling stay on screen, and snapped to a nice step
      // (ApexCharts' own nice scale is lost once min/max are functions).
      min: () => niceScale(state).min,
      max: () => niceScale(state).max,
      tickAmount: tickCount,
    },
    annotations: {
      // Shaded ranges (alarm periods) and vertical markers (changes) live in the state, so live appends keep them.
      xaxis: state.ranges.map(rangeAnnotation).concat(state.markers.map(markerAnnotation)),
      // Reference lines carry no label on the chart (it would cover the lines near it): the page lists them above the
      // chart. Lines far above the data are left off the axis and listed as such.
      yaxis: state.annotations.filter((a) => !a.aboveAxis).map((a) => ({
        y: a.y,
        borderColor: a.color,
        borderWidth: 1.5,
        strokeDashArray: 6,
        label: { text: undefined },
      })),
    },
    tooltip: {
      shared: true,
      intersect: false,
      custom: (ctx) => tooltipHtml(state, ctx),
    },
    noData: { text: 'No data in this range yet' },
  };
}

// An alarm still in ALARM shades up to the end of the newest period shown.
function growOpenRanges(state) {
  let newest = -Infinity;
  for (const s of state.series) {
    if (s.data.length > 0) {
      newest = Math.max(newest, s.data[s.data.length - 1].x);
    }
  }
  for (const r of state.ranges) {
    if (r.open && Number.isFinite(newest)) {
      r.toMs = Math.max(r.toMs, newest + (state.stepMs || 0));
    }
  }
}

// Only ever earlier than the first point: a deployment that began before its first stored minute keeps its start marker.
function annotationsStart(state) {
  if (state.ranges.length === 0 && state.markers.length === 0) {
    return undefined;
  }
  let start = Infinity;
  for (const s of state.series) {
    if (s.data.length > 0) {
      start = Math.min(start, s.data[0].x);
    }
  }
  for (const r of state.ranges) {
    start = Math.min(start, r.fromMs);
  }
  for (const m of state.markers) {
    start = Math.min(start, m.timeMs);
  }
  return Number.isFinite(start) ? start : undefined;
}

function annotationsEnd(state) {
  if (state.ranges.length === 0 && state.markers.length === 0) {
    return undefined;
  }
  let end = -Infinity;
  for (const s of state.series) {
    if (s.data.length > 0) {
      end = Math.max(end, s.data[s.data.length - 1].x);
    }
  }
  for (const r of state.ranges) {
    end = Math.max(end, r.toMs);
  }
  for (const m of state.markers) {
    end = Math.max(end, m.timeMs);
  }
  return Number.isFinite(end) ? end : undefined;
}

function rangeAnnotation(r) {
  return {
    x: r.fromMs,
    x2: r.toMs,
    fillColor: r.color,
    opacity: 0.22,
    borderColor: 'transparent',
    label: r.label
      ? { text: r.label, borderColor: r.color, orientation: 'horizontal', style: { color: '#fff', background: r.color, fontSize: '10px' } }
      : { text: undefined },
  };
}

function markerAnnotation(m) {
  return {
    x: m.timeMs,
    borderColor: m.color,
    strokeDashArray: 0,
    label: {
      text: m.label,
      borderColor: m.color,
      orientation: 'vertical',
      style: { color: '#fff', background: m.color, fontSize: '10px' },
    },
  };
}

// ApexCharts' shared tooltip reads every series at the hovered index, which is wrong when series have
// different timestamps (sparse outliers, a band on another grid). Look each series up by time instead.
function tooltipHtml(state, { seriesIndex, dataPointIndex, w }) {
  const xs = w.globals.seriesX[seriesIndex];
  const x = xs ? xs[dataPointIndex] : undefined;
  if (x === undefined) {
    return '';
  }
  const tolerance = state.stepMs > 0 ? state.stepMs / 2 : 0;
  const rows = [];
  state.series.forEach((s, i) => {
    if (w.globals.collapsedSeriesIndices.includes(i)) {
      return;
    }
    const p = nearest(s.data, x);
    if (!p || Math.abs(p.x - x) > tolerance) {
      return;
    }
    const value = Array.isArray(p.y)
      ? `${formatValue(p.y[0])} – ${formatValue(p.y[1])}`
      : formatValue(p.y);
    rows.push(
      `<div class="metric-chart-tt-row"><span style="display:inline-block;width:8px;height:8px;border-radius:50%;` +
        `margin-right:6px;background:${s.color}"></span>${escapeHtml(s.name)}: <b>${value}${unitSuffix(state.unit)}</b></div>`);
  });
  for (const c of state.context) {
    const p = nearest(c.data, x);
    if (p && Math.abs(p.x - x) <= tolerance) {
      rows.push(`<div class="metric-chart-tt-row" style="color:#616161">${escapeHtml(c.name)}: ${formatValue(p.y)}</div>`);
    }
  }
  const time = new Date(x).toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
  return `<div style="padding:6px 8px;font-size:12px"><div style="margin-bottom:4px;color:#616161">${escapeHtml(time)}</div>${rows.join('')}</div>`;
}

function nearest(data, x) {
  let lo = 0;
  let hi = data.length - 1;
  if (hi < 0) {
    return null;
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (data[mid].x < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const after = data[lo];
  const before = lo > 0 ? data[lo - 1] : null;
  return before && Math.abs(before.x - x) <= Math.abs(after.x - x) ? before : after;
}

// The median spacing of the densest series: the tolerance for "the same moment" across series.
function typicalStep(state) {
  let best = 0;
  for (const s of state.series) {
    if (s.data.length < 2) {
      continue;
    }
    const gaps = [];
    for (let i = 1; i < s.data.length; i++) {
      gaps.push(s.data[i].x - s.data[i - 1].x);
    }
    gaps.sort((a, b) => a - b);
    const median = gaps[gaps.length >> 1];
    if (median > 0 && (best === 0 || median < best)) {
      best = median;
    }
  }
  return best;
}

const tickCount = 5;

function niceScale(state) {
  const collapsed = state.chart?.w?.globals?.collapsedSeriesIndices ?? [];
  let lo = Infinity;
  let hi = -Infinity;
  state.series.forEach((s, i) => {
    if (collapsed.includes(i)) {
      return;
    }
    for (const p of s.data) {
      const [a, b] = Array.isArray(p.y) ? p.y : [p.y, p.y];
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
  });
  for (const a of state.annotations) {
    if (!a.aboveAxis) {
      lo = Math.min(lo, a.y);
      hi = Math.max(hi, a.y);
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    return { min: 0, max: 1 };
  }
  if (hi === lo) {
    const pad = Math.abs(hi) > 0 ? Math.abs(hi) * 0.1 : 1;
    // A series that never goes negative (every SageMaker metric) keeps a zero floor.
    lo = lo >= 0 ? Math.max(0, lo - pad) : lo - pad;
    hi += pad;
  }
  let step = niceStep((hi - lo) / tickCount);
  for (let guard = 0; guard < 10; guard++) {
    const niceLo = Math.floor(lo / step) * step;
    if (niceLo + tickCount * step >= hi) {
      return { min: niceLo, max: niceLo + tickCount * step };
    }
    step = niceStep(step * 1.01);
  }
  return { min: lo, max: hi };
}

// The smallest of 1, 2, 2.5, 5, 10 × 10^k that is >= raw.
function niceStep(raw) {
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) {
    if (m * magnitude >= raw) {
      return m * magnitude;
    }
  }
  return 10 * magnitude;
}

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const significantFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

// Three significant digits for small numbers, no decimals from 100 up (412 %, 12,345 ms), matching ChartFormat.Value.
function formatValue(v) {
  if (v === null || v === undefined || Number.isNaN(v)) {
    return '–';
  }
  return Math.abs(v) >= 100 ? integerFormat.format(v) : significantFormat.format(v);
}

function unitSuffix(unit) {
  return unit ? ` ${escapeHtml(unit)}` : '';
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// The table view shows local times in the viewer's zone, not the server's.
export function timeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
}
