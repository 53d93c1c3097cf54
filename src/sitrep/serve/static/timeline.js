// timeline.js: events per day as an SVG stacked bar chart, with a brush.
//
//   import { createTimeline } from './timeline.js';
//   const tl = createTimeline(container, {onBrush, height});
//   tl.setData(rows)     // rows: [{day: 'YYYY-MM-DD', type: string|null, n: number}]
//   tl.setBrush(range)   // range: {since: 'YYYY-MM-DD', until: 'YYYY-MM-DD'} or null;
//                        // draws the selection only, does not call onBrush
//   tl.destroy()
//
//   onBrush({since, until})  a range was dragged on the chart (inclusive days)
//   onBrush(null)            a plain click cleared the selection
//   height                   chart height in px; by default the chart fills the container's
//                            height (less the legend), or is 120 px when that has no height
//
// The x axis runs from the first to the last day with data, one bar per day;
// beyond 400 days bars are weeks (Monday to Sunday), beyond 3000 days months.
// Bars are stacked by event type in palette.js order with palette.js
// colours; each segment has a <title> "YYYY-MM-DD · type · n". A brush drag
// snaps to whole bars and is clamped to the data's days. A legend (HTML)
// lists the types present. Built with DOM calls only (strict-CSP safe).
//
// DOM/classes: div.timeline-widget > svg.timeline-svg (g.timeline-bars > rect.bar,
// g.timeline-axis, rect.brush, text.timeline-empty) + div.timeline-legend >
// span.timeline-legend-item. Presentation is set inline; no stylesheet needed.

import { TYPES, typeColour, typeLabel } from './palette.js';
import { svgEl } from './svg.js';

const DAY_MS = 86400000;
const WEEK_BINS_AFTER = 400; // days
const MONTH_BINS_AFTER = 3000; // days
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const INK = '#57606a';
const RULE = '#d0d7de';
const DEFAULT_HEIGHT = 120;
const MIN_HEIGHT = 60;

// ---- dates as whole days since 1970-01-01 (UTC) ------------------------------
function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s || ''));
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return Number.isFinite(t) ? Math.round(t / DAY_MS) : null;
}
function dayParts(d) {
  const t = new Date(d * DAY_MS);
  return [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
}
const pad = (v) => String(v).padStart(2, '0');
function formatDay(d) {
  const [y, m, day] = dayParts(d);
  return `${y}-${pad(m + 1)}-${pad(day)}`;
}
function formatMonth(d) {
  const [y, m] = dayParts(d);
  return `${y}-${pad(m + 1)}`;
}
const monthIndex = (d) => {
  const [y, m] = dayParts(d);
  return y * 12 + m;
};
const monthStart = (mi) => Math.round(Date.UTC(Math.floor(mi / 12), mi % 12, 1) / DAY_MS);
const mondayOf = (d) => d - ((new Date(d * DAY_MS).getUTCDay() + 6) % 7);

/** Bins covering [minDay, maxDay]: index <-> inclusive day range. */
function makeBins(minDay, maxDay) {
  const span = maxDay - minDay + 1;
  if (span > MONTH_BINS_AFTER) {
    const m0 = monthIndex(minDay);
    return {
      unit: 'month',
      count: monthIndex(maxDay) - m0 + 1,
      index: (d) => monthIndex(d) - m0,
      start: (i) => monthStart(m0 + i),
      end: (i) => monthStart(m0 + i + 1) - 1,
    };
  }
  if (span > WEEK_BINS_AFTER) {
    const w0 = mondayOf(minDay);
    return {
      unit: 'week',
      count: Math.floor((maxDay - w0) / 7) + 1,
      index: (d) => Math.floor((d - w0) / 7),
      start: (i) => w0 + 7 * i,
      end: (i) => w0 + 7 * i + 6,
    };
  }
  return {
    unit: 'day',
    count: span,
    index: (d) => d - minDay,
    start: (i) => minDay + i,
    end: (i) => minDay + i,
  };
}

/** Candidate tick days, coarser and coarser; the caller takes the first that fits. */
function* tickLevels(minDay, maxDay) {
  for (const step of [1, 2, 7, 14]) {
    const days = [];
    for (let d = minDay; d <= maxDay; d += step) days.push(d);
    yield { days, format: formatDay };
  }
  const m0 = monthIndex(minDay);
  const m1 = monthIndex(maxDay);
  for (const step of [1, 2, 3, 6, 12, 24, 60, 120]) {
    const days = [];
    for (let mi = Math.ceil(m0 / step) * step; mi <= m1; mi += step) {
      const d = monthStart(mi);
      if (d >= minDay) days.push(d);
    }
    yield { days, format: step >= 12 ? (d) => String(dayParts(d)[0]) : formatMonth };
  }
}

export function createTimeline(container, { onBrush, height = null } = {}) {
  // ---- DOM -------------------------------------------------------------
  const root = document.createElement('div');
  root.className = 'timeline-widget';
  const svg = svgEl('svg', { class: 'timeline-svg', preserveAspectRatio: 'none', role: 'img' });
  Object.assign(svg.style, {
    display: 'block', width: '100%', height: `${height || DEFAULT_HEIGHT}px`,
    cursor: 'crosshair', userSelect: 'none', webkitUserSelect: 'none', touchAction: 'pan-y',
  });
  const axis = svgEl('g', { class: 'timeline-axis', 'font-family': FONT, 'font-size': 10.5, fill: INK });
  const bars = svgEl('g', { class: 'timeline-bars', 'shape-rendering': 'crispEdges' });
  const brushRect = svgEl('rect', {
    class: 'brush', fill: '#1f2328', 'fill-opacity': 0.1, stroke: '#57606a', 'stroke-width': 1,
    'pointer-events': 'none', visibility: 'hidden',
  });
  const empty = svgEl('text', {
    class: 'timeline-empty', 'text-anchor': 'middle', 'dominant-baseline': 'central',
    'font-family': FONT, 'font-size': 13, fill: INK, visibility: 'hidden',
  });
  empty.textContent = 'No events in this selection';
  svg.append(axis, bars, brushRect, empty);

  const legend = document.createElement('div');
  legend.className = 'timeline-legend';
  Object.assign(legend.style, {
    display: 'flex', flexWrap: 'wrap', gap: '4px 14px', margin: '4px 0 0', padding: '0 8px 6px',
    font: `12px/1.4 ${FONT}`, color: '#3d444d',
  });
  root.append(svg, legend);
  container.append(root);

  // ---- state -------------------------------------------------------------
  let W = 0;
  let data = null; // {minDay, maxDay, bins, stacks: Map(binIndex -> [{key, type, n}]), max, types}
  let brush = null; // {since, until} as day numbers
  let layout = null; // {left, right, top, bottom, binW}

  function setData(rows) {
    const cells = new Map(); // binIndex -> Map(typeKey -> n), filled below
    const parsed = [];
    let minDay = Infinity;
    let maxDay = -Infinity;
    for (const r of rows || []) {
      const d = parseDay(r.day);
      const n = Number(r.n) || 0;
      if (d === null || n <= 0) continue;
      parsed.push([d, r.type == null || r.type === '' ? null : String(r.type), n]);
      if (d < minDay) minDay = d;
      if (d > maxDay) maxDay = d;
    }
    if (!parsed.length) {
      data = null;
      render();
      return;
    }
    const bins = makeBins(minDay, maxDay);
    const typeSet = new Map(); // key -> type
    for (const [d, type, n] of parsed) {
      const i = bins.index(d);
      const key = type === null ? '' : type;
      typeSet.set(key, type);
      if (!cells.has(i)) cells.set(i, new Map());
      const c = cells.get(i);
      c.set(key, (c.get(key) || 0) + n);
    }
    // Stacking/legend order: the palette's types, then others by name, unknown last.
    const rank = (type) => {
      if (type === null) return [2, ''];
      const i = TYPES.findIndex((t) => t.toLowerCase() === type.trim().toLowerCase());
      return i >= 0 ? [0, String(i).padStart(3, '0')] : [1, type.toLowerCase()];
    };
    const types = [...typeSet.values()].sort((a, b) => {
      const [ra, sa] = rank(a);
      const [rb, sb] = rank(b);
      return ra - rb || (sa < sb ? -1 : sa > sb ? 1 : 0);
    });
    const stacks = new Map();
    let max = 0;
    for (const [i, c] of cells) {
      const stack = [];
      let total = 0;
      for (const type of types) {
        const n = c.get(type === null ? '' : type);
        if (n) {
          stack.push({ type, n });
          total += n;
        }
      }
      stacks.set(i, stack);
      if (total > max) max = total;
    }
    data = { minDay, maxDay, bins, stacks, max, types };
    render();
  }

  function binLabel(i) {
    const b = data.bins;
    if (b.unit === 'day') return formatDay(b.start(i));
    if (b.unit === 'month') return formatMonth(b.start(i));
    const from = Math.max(b.start(i), data.minDay);
    const to = Math.min(b.end(i), data.maxDay);
    return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  }

  function renderLegend() {
    const items = [];
    for (const type of data ? data.types : []) {
      const item = document.createElement('span');
      item.className = 'timeline-legend-item';
      Object.assign(item.style, { display: 'inline-flex', alignItems: 'center', gap: '6px' });
      const swatch = document.createElement('span');
      Object.assign(swatch.style, {
        display: 'inline-block', width: '10px', height: '10px', borderRadius: '2px',
        background: typeColour(type),
      });
      const name = document.createElement('span');
      name.textContent = typeLabel(type);
      item.append(swatch, name);
      items.push(item);
    }
    legend.replaceChildren(...items);
  }

  /** Chart height: the option, else what the container leaves beside the legend. */
  function chartHeight() {
    if (height) return height;
    const cs = getComputedStyle(container);
    const inner = container.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
    const current = svg.getBoundingClientRect().height; // (SVG has no offsetHeight)
    const others = root.getBoundingClientRect().height - current; // legend and its margin
    const h = Math.floor(inner - others);
    // A container without a height of its own just wraps the chart: keep the current one.
    return h >= MIN_HEIGHT ? h : Math.max(MIN_HEIGHT, Math.round(current) || DEFAULT_HEIGHT);
  }

  function render() {
    renderLegend();
    const H = chartHeight();
    svg.style.height = `${H}px`;
    W = Math.round(svg.getBoundingClientRect().width);
    if (!W) return; // not laid out yet: the ResizeObserver renders later
    svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
    axis.replaceChildren();
    bars.replaceChildren();
    if (!data) {
      layout = null;
      empty.setAttribute('x', W / 2);
      empty.setAttribute('y', H / 2);
      empty.setAttribute('visibility', 'visible');
      svg.setAttribute('aria-label', 'No events in this selection');
      drawBrush();
      return;
    }
    empty.setAttribute('visibility', 'hidden');
    svg.setAttribute('aria-label', `Events per ${data.bins.unit}, ${formatDay(data.minDay)} to ${formatDay(data.maxDay)}`);

    const maxText = String(data.max);
    const left = Math.max(28, 8 + 6.5 * maxText.length);
    const right = 10;
    const top = 8;
    const bottom = 20;
    const plotW = Math.max(1, W - left - right);
    const plotH = Math.max(1, H - top - bottom);
    const { bins } = data;
    const binW = plotW / bins.count;
    layout = { left, right: left + plotW, top, bottom: top + plotH, binW };

    // Max-count rule and label, baseline.
    const yMax = top + 0.5;
    axis.append(
      svgEl('line', { x1: left, x2: left + plotW, y1: yMax, y2: yMax, stroke: RULE, 'stroke-dasharray': '2 3' }),
      svgEl('line', { x1: left, x2: left + plotW, y1: top + plotH + 0.5, y2: top + plotH + 0.5, stroke: '#afb8c1' }),
    );
    const maxLabel = svgEl('text', { x: left - 6, y: yMax, 'text-anchor': 'end', 'dominant-baseline': 'central' });
    maxLabel.textContent = maxText;
    const zeroLabel = svgEl('text', { x: left - 6, y: top + plotH, 'text-anchor': 'end', 'dominant-baseline': 'central' });
    zeroLabel.textContent = '0';
    axis.append(maxLabel, zeroLabel);

    // Bars: one stacked column per bin with events.
    const gap = binW >= 4 ? Math.min(2, binW * 0.2) : 0;
    const barW = Math.min(48, Math.max(0.5, binW - gap)); // few bins: no slabs
    const frag = document.createDocumentFragment();
    for (const [i, stack] of data.stacks) {
      const x = left + i * binW + (binW - barW) / 2;
      let y = top + plotH;
      const when = binLabel(i);
      for (const { type, n } of stack) {
        const h = (n / data.max) * plotH;
        y -= h;
        const rect = svgEl('rect', {
          class: 'bar', x: x.toFixed(2), y: y.toFixed(2), width: barW.toFixed(2), height: h.toFixed(2),
          fill: typeColour(type),
        });
        const title = svgEl('title');
        title.textContent = `${when} · ${typeLabel(type)} · ${n}`;
        rect.append(title);
        frag.append(rect);
      }
    }
    bars.append(frag);

    // Date ticks: the finest calendar level whose labels do not crowd.
    const span = data.maxDay - data.minDay + 1;
    const xOfDay = (d) => left + ((d - data.minDay + 0.5) / span) * plotW;
    const xOfBinDay = (d) => {
      const i = bins.index(d);
      const len = bins.end(i) - bins.start(i) + 1;
      return left + (i + (d - bins.start(i) + 0.5) / len) * binW;
    };
    const maxTicks = Math.max(2, Math.floor(plotW / 90));
    let chosen = null;
    for (const level of tickLevels(data.minDay, data.maxDay)) {
      if (level.days.length <= maxTicks) {
        chosen = level;
        break;
      }
    }
    if (chosen && chosen.days.length < 2 && span > 1) {
      chosen = { days: [data.minDay, data.maxDay], format: formatDay };
    }
    let lastRight = -Infinity;
    for (const d of chosen ? chosen.days : []) {
      const x = bins.unit === 'day' ? xOfDay(d) : xOfBinDay(d);
      const text = chosen.format(d);
      const w = text.length * 6.2;
      let anchor = 'middle';
      let lx = x - w / 2;
      if (lx < 2) {
        anchor = 'start';
        lx = Math.max(2, x - 4);
      } else if (x + w / 2 > W - 2) {
        anchor = 'end';
        lx = Math.min(W - 2, x + 4) - w;
      }
      if (lx < lastRight + 10) continue;
      lastRight = lx + w;
      const tx = anchor === 'middle' ? x : anchor === 'start' ? lx : lx + w;
      axis.append(svgEl('line', {
        x1: x, x2: x, y1: top + plotH + 0.5, y2: top + plotH + 4.5, stroke: '#afb8c1',
      }));
      const label = svgEl('text', { x: tx.toFixed(1), y: H - 4, 'text-anchor': anchor });
      label.textContent = text;
      axis.append(label);
    }
    drawBrush();
  }

  // ---- brush ---------------------------------------------------------------
  function drawBrush(fromBin, toBin) {
    if (!data || !layout) {
      brushRect.setAttribute('visibility', 'hidden');
      return;
    }
    let a = fromBin;
    let b = toBin;
    if (a === undefined) {
      if (!brush) {
        brushRect.setAttribute('visibility', 'hidden');
        return;
      }
      const since = Math.max(brush.since, data.minDay);
      const until = Math.min(brush.until, data.maxDay);
      if (since > until) {
        brushRect.setAttribute('visibility', 'hidden');
        return;
      }
      a = data.bins.index(since);
      b = data.bins.index(until);
    }
    const x0 = layout.left + Math.min(a, b) * layout.binW;
    const x1 = layout.left + (Math.max(a, b) + 1) * layout.binW;
    brushRect.setAttribute('x', x0.toFixed(2));
    brushRect.setAttribute('width', Math.max(1, x1 - x0).toFixed(2));
    brushRect.setAttribute('y', layout.top);
    brushRect.setAttribute('height', layout.bottom - layout.top);
    brushRect.setAttribute('visibility', 'visible');
  }

  function svgX(clientX) {
    const r = svg.getBoundingClientRect();
    return ((clientX - r.left) / (r.width || 1)) * W;
  }
  const binAt = (x) => Math.max(0, Math.min(data.bins.count - 1, Math.floor((x - layout.left) / layout.binW)));

  let drag = null; // {x, bin, moved, pointerId}

  svg.addEventListener('pointerdown', (e) => {
    if (!data || !layout || (e.pointerType === 'mouse' && e.button !== 0)) return;
    const x = svgX(e.clientX);
    drag = { x, bin: binAt(x), moved: false, pointerId: e.pointerId };
    svg.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const x = svgX(e.clientX);
    if (!drag.moved && Math.abs(x - drag.x) < 3) return;
    drag.moved = true;
    drawBrush(drag.bin, binAt(x));
  });
  const endDrag = (e, cancelled) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const d = drag;
    drag = null;
    if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
    if (cancelled) {
      drawBrush();
      return;
    }
    if (!d.moved) {
      brush = null;
      drawBrush();
      if (onBrush) onBrush(null);
      return;
    }
    const b = binAt(svgX(e.clientX));
    const since = Math.max(data.bins.start(Math.min(d.bin, b)), data.minDay);
    const until = Math.min(data.bins.end(Math.max(d.bin, b)), data.maxDay);
    brush = { since, until };
    drawBrush();
    if (onBrush) onBrush({ since: formatDay(since), until: formatDay(until) });
  };
  svg.addEventListener('pointerup', (e) => endDrag(e, false));
  svg.addEventListener('pointercancel', (e) => endDrag(e, true));

  function setBrush(range) {
    if (!range) {
      brush = null;
    } else {
      const since = parseDay(range.since);
      const until = parseDay(range.until);
      brush = {
        since: since === null ? -Infinity : since,
        until: until === null ? Infinity : until,
      };
      if (since === null && until === null) brush = null;
    }
    drawBrush();
  }

  let lastSize = '';
  const observer = new ResizeObserver(() => {
    const size = `${container.clientWidth}x${container.clientHeight}`;
    if (container.clientWidth && size !== lastSize) {
      lastSize = size;
      render();
    }
  });
  observer.observe(container);
  render();

  function destroy() {
    observer.disconnect();
    root.remove();
  }

  return { setData, setBrush, destroy };
}
