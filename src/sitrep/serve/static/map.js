// map.js: a dependency-free SVG world map with event markers (plate carrée).
//
//   import { createMap } from './map.js';
//   const map = createMap(container, {onSelect, onZoomIn, onView});
//   map.setBasemap(features)  // features from topo.js topoFeatures(); drawn once
//   map.setPoints(points)     // [{id, lat, lon, n, fatalities, label, type}]
//   map.fit([west, south, east, north])
//   map.view()                // -> {bbox: [west, south, east, north], zoom}
//   map.destroy()             // remove the map and its listeners
//
// Callbacks (all optional):
//   onSelect(id)          a single marker (n == 1) was clicked or activated with Enter/Space
//   onZoomIn({lat, lon})  a grouped marker (n > 1) was activated; the map zooms in on it
//   onView({bbox, zoom})  the view settled after a pan, zoom, fit or resize (debounced 200 ms)
//
// The SVG fills the container (give the container a CSS height; without one
// the map takes a 2:1 aspect) and follows its size (ResizeObserver). Zoom runs
// from 1 (whole world) to 64; drag pans, the wheel zooms around the cursor,
// two fingers pinch. Countries are split at the antimeridian (no streaks).
//
// Markers keep their size in screen pixels. Pan and zoom change one transform
// on the basemap group; up to LIVE_RESCALE_LIMIT markers follow on every frame
// (their group transform, radii re-fixed while zooming). Beyond that the
// markers' overlay SVG slides and scales as one composited layer (a CSS
// transform: no repaint) and is redrawn once when the gesture ends, with the
// radii re-fixed and markers outside the view hidden. Everything is built with
// DOM calls, so the module works under a strict Content-Security-Policy.
//
// DOM/classes added to the container: div.map-zoom > button.zoom-in,
// button.zoom-out; svg.map-svg > g.map-viewport > rect.map-ocean,
// g.map-basemap > path.country; div.map-overlay-clip > svg.map-overlay >
// g.map-markers-viewport > g.map-markers > g.marker[data-id][data-n].
// Presentation is set inline (no stylesheet needed). The container gets
// position: relative (if static), touch-action: none and a grab cursor.

import { typeColour } from './palette.js';
import { svgEl } from './svg.js';

const MIN_ZOOM = 1;
const MAX_ZOOM = 64;
const MAX_RADIUS = 28;
const VIEW_DEBOUNCE_MS = 200;
const ZOOM_END_MS = 120;
const LIVE_RESCALE_LIMIT = 500; // markers redrawn on every frame up to this count
const CLUSTER_ZOOM_FACTOR = 4;
const DRAG_THRESHOLD_PX = 4;

const COLOURS = {
  ocean: '#eef2f6',
  oceanEdge: '#d5dbe2',
  land: '#d9dde3',
  border: '#ffffff',
  focus: '#1f6feb',
};

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
const round = (v, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

/** Projected ("world") coordinates: x = lon + 180 in [0, 360], y = 90 - lat in [0, 180]. */
const wx = (lon) => lon + 180;
const wy = (lat) => 90 - lat;

/** Darken a #rrggbb colour by a factor in [0, 1]. */
function darken(hex, f) {
  const n = parseInt(hex.slice(1), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => Math.round(v * (1 - f)));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Relative luminance of a #rrggbb colour (0 black .. 1 white). */
function luminance(hex) {
  const n = parseInt(hex.slice(1), 16);
  const lin = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

function formatCount(n) {
  if (n < 1000) return String(n);
  if (n < 10000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1e6) return `${Math.round(n / 1000)}k`;
  return `${(n / 1e6).toFixed(1).replace(/\.0$/, '')}M`;
}

/**
 * Split a ring of [lon, lat] where it crosses the antimeridian, so that no
 * edge runs across the whole map. Each piece is closed along the ±180°
 * meridian; a ring that crosses an odd number of times (it encircles a pole,
 * like Antarctica) is closed through that pole.
 */
function splitRing(ring) {
  const cuts = []; // index i: the edge ring[i-1] -> ring[i] crosses
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) cuts.push(i);
  }
  if (!cuts.length) return [ring];

  const pieces = [];
  let current = [];
  let first = null; // the piece before the first crossing; joins the last one
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i];
    if (i > 0 && cuts.includes(i)) {
      const q = ring[i - 1];
      // Unwrap p next to q, find where the edge meets the boundary meridian.
      const east = p[0] - q[0] < -180; // going east over +180
      const px = east ? p[0] + 360 : p[0] - 360;
      const edge = east ? 180 : -180;
      const t = px === q[0] ? 0 : (edge - q[0]) / (px - q[0]);
      const lat = q[1] + t * (p[1] - q[1]);
      current.push([edge, lat]);
      if (first === null) first = current;
      else pieces.push(current);
      current = [[-edge, lat]];
    }
    current.push(p);
  }
  // The ring is closed, so the last run continues into the first one.
  const joined = current.concat(first.slice(1));
  if (cuts.length % 2 === 1) {
    const meanLat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    const pole = meanLat < 0 ? -90 : 90;
    const a = joined[joined.length - 1];
    const b = joined[0];
    joined.push([a[0], pole], [b[0], pole]);
  }
  pieces.push(joined);
  return pieces;
}

function ringPath(ring) {
  let d = '';
  for (const piece of splitRing(ring)) {
    if (piece.length < 3) continue;
    for (let i = 0; i < piece.length; i++) {
      const [lon, lat] = piece[i];
      d += `${i ? 'L' : 'M'}${round(wx(lon), 3)},${round(wy(lat), 3)}`;
    }
    d += 'Z';
  }
  return d;
}

function geometryPath(geometry) {
  if (!geometry) return '';
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let d = '';
  for (const poly of polys) for (const ring of poly) d += ringPath(ring);
  return d;
}

function markerRadius(point) {
  const f = Math.max(0, Number(point.fatalities) || 0);
  let r = 4 + 3 * Math.sqrt(f);
  if (point.n > 1) r = Math.max(r, 9, 5 + 3.3 * formatCount(point.n).length);
  return Math.min(r, MAX_RADIUS);
}

export function createMap(container, { onSelect, onZoomIn, onView } = {}) {
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';

  // ---- DOM -------------------------------------------------------------
  // Two stacked SVGs share one projection: the basemap (in the flow, it sizes
  // the map) and the markers (an overlay). With many markers the overlay is
  // moved by a CSS transform during a gesture (the compositor shifts it, no
  // repaint) and redrawn once when the gesture ends.
  const zoomBox = document.createElement('div');
  zoomBox.className = 'map-zoom';
  Object.assign(zoomBox.style, {
    position: 'absolute', top: '10px', right: '10px', zIndex: '2',
    display: 'flex', flexDirection: 'column', gap: '4px',
  });
  const makeButton = (cls, text, label) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.title = label;
    b.setAttribute('aria-label', label);
    Object.assign(b.style, {
      position: 'static', width: '30px', height: '30px', padding: '0', font: '600 18px/1 system-ui, sans-serif',
      color: '#1f2328', background: '#ffffff', border: '1px solid #c9ced6', borderRadius: '4px',
      boxShadow: '0 1px 2px rgba(0,0,0,0.08)', cursor: 'pointer',
    });
    zoomBox.append(b);
    return b;
  };
  const zoomInButton = makeButton('zoom-in', '+', 'Zoom in');
  const zoomOutButton = makeButton('zoom-out', '\u2212', 'Zoom out');

  const svg = svgEl('svg', {
    class: 'map-svg',
    viewBox: '0 0 1000 500',
    preserveAspectRatio: 'xMidYMid meet',
    role: 'img',
    'aria-label': 'World map of events. Drag to pan; scroll or use the zoom buttons to zoom.',
  });
  Object.assign(svg.style, { display: 'block', width: '100%', height: '100%' });
  const viewport = svgEl('g', { class: 'map-viewport' });
  const ocean = svgEl('rect', {
    class: 'map-ocean', x: 0, y: 0, width: 360, height: 180,
    fill: COLOURS.ocean, stroke: COLOURS.oceanEdge, 'stroke-width': 1, 'vector-effect': 'non-scaling-stroke',
  });
  const basemap = svgEl('g', {
    class: 'map-basemap', fill: COLOURS.land, stroke: COLOURS.border,
    'stroke-width': 0.6, 'stroke-linejoin': 'round', 'fill-rule': 'evenodd', 'pointer-events': 'none',
  });
  viewport.append(ocean, basemap);
  svg.append(viewport);

  const overlay = svgEl('svg', {
    class: 'map-overlay', viewBox: '0 0 1000 500', preserveAspectRatio: 'xMidYMid meet',
  });
  Object.assign(overlay.style, {
    display: 'block', width: '100%', height: '100%', overflow: 'hidden',
    transformOrigin: '0 0', willChange: 'transform',
  });
  // The clip keeps a CSS-scaled overlay inside the map's box.
  const overlayClip = document.createElement('div');
  overlayClip.className = 'map-overlay-clip';
  Object.assign(overlayClip.style, {
    position: 'absolute', left: '0px', top: '0px', width: '100%', height: '100%',
    overflow: 'hidden', pointerEvents: 'none', zIndex: '1',
  });
  overlayClip.style.overflow = 'clip'; // not scrollable, where supported
  // Focusing a marker outside the box must not scroll the clip (the markers
  // would drift off the basemap).
  overlayClip.addEventListener('scroll', () => {
    overlayClip.scrollLeft = 0;
    overlayClip.scrollTop = 0;
  });
  overlayClip.append(overlay);
  const markersView = svgEl('g', { class: 'map-markers-viewport' });
  const markersLayer = svgEl('g', { class: 'map-markers', 'pointer-events': 'visiblePainted' });
  markersView.append(markersLayer);
  overlay.append(markersView);

  Object.assign(container.style, { touchAction: 'none', userSelect: 'none', webkitUserSelect: 'none' });
  container.style.cursor = 'grab';
  container.append(zoomBox, svg, overlayClip); // buttons first in the tab order

  // ---- view state: screen = world * k + (tx, ty) -------------------------
  let W = 0;
  let H = 0;
  let k0 = 1; // pixels per degree at zoom 1
  let k = 1;
  let tx = 0;
  let ty = 0;
  // What the markers overlay is drawn for (its group transform), and the k
  // its marker radii were fixed for.
  let mk = 1;
  let mtx = 0;
  let mty = 0;
  let markerK = 1;
  let markers = []; // {el, circle, x, y, point, stroke, strokeWidth, hidden}
  let pendingFit = null;
  let frame = 0;
  let frameZoomed = false;
  let zoomEndTimer = 0;
  let viewTimer = 0;
  let animation = 0;
  let target = null; // where the running animation is heading: {x, y, z}
  let destroyed = false;

  const zoom = () => k / k0;
  const live = () => markers.length <= LIVE_RESCALE_LIMIT;

  function clampView() {
    const ww = 360 * k;
    const wh = 180 * k;
    tx = ww <= W ? (W - ww) / 2 : clamp(tx, W - ww, 0);
    ty = wh <= H ? (H - wh) / 2 : clamp(ty, H - wh, 0);
  }

  const transformOf = (x, y, s) => `translate(${round(x, 2)},${round(y, 2)}) scale(${round(s, 6)})`;

  function drawBasemap() {
    viewport.setAttribute('transform', transformOf(tx, ty, k));
  }

  /** Draw the markers for the current view; `rescale` also fixes their radii. */
  function commitMarkers(rescale) {
    mk = k;
    mtx = tx;
    mty = ty;
    markersView.setAttribute('transform', transformOf(tx, ty, k));
    overlay.style.transform = '';
    if (rescale && markerK !== k) {
      markerK = k;
      const s = round(1 / k, 6);
      for (const m of markers) m.el.setAttribute('transform', `translate(${m.x},${m.y}) scale(${s})`);
    }
    if (!live()) cullMarkers();
  }

  /**
   * With many markers, hide those outside the view, so that the browser
   * paints (and rasterizes the overlay layer for) only the visible ones.
   * While a gesture slides the overlay, markers coming into view appear when
   * it ends.
   */
  function cullMarkers() {
    const pad = (MAX_RADIUS + 2) / k;
    const x0 = -tx / k - pad;
    const x1 = (W - tx) / k + pad;
    const y0 = -ty / k - pad;
    const y1 = (H - ty) / k + pad;
    for (const m of markers) {
      const hide = m.x < x0 || m.x > x1 || m.y < y0 || m.y > y1;
      if (hide !== m.hidden) {
        m.hidden = hide;
        if (hide) m.el.setAttribute('display', 'none');
        else m.el.removeAttribute('display');
      }
    }
  }

  /** Move the drawn markers with a CSS transform only (no repaint). */
  function previewMarkers() {
    const r = k / mk;
    const px = cssPerUnit();
    overlay.style.transform = `translate(${(tx - mtx * r) * px}px,${(ty - mty * r) * px}px) scale(${r})`;
  }

  /** Everything at once: the end of a gesture, a fit, a resize. */
  function drawAll() {
    clearTimeout(zoomEndTimer);
    drawBasemap();
    commitMarkers(true);
  }

  /** Redraw on the next animation frame during a gesture. */
  function requestDraw(zoomed) {
    if (zoomed) {
      frameZoomed = true;
      clearTimeout(zoomEndTimer);
      zoomEndTimer = setTimeout(drawAll, ZOOM_END_MS);
    }
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      drawBasemap();
      if (live()) commitMarkers(frameZoomed);
      else previewMarkers();
      frameZoomed = false;
    });
  }

  function view() {
    if (!W || !H) return { bbox: [-180, -90, 180, 90], zoom: 1 };
    const west = clamp(-tx / k - 180, -180, 180);
    const east = clamp((W - tx) / k - 180, -180, 180);
    const north = clamp(90 + ty / k, -90, 90);
    const south = clamp(90 - (H - ty) / k, -90, 90);
    return { bbox: [round(west), round(south), round(east), round(north)], zoom: round(zoom(), 4) };
  }

  function scheduleView() {
    clearTimeout(viewTimer);
    if (!onView) return;
    viewTimer = setTimeout(() => {
      if (!destroyed) onView(view());
    }, VIEW_DEBOUNCE_MS);
  }

  /** Zoom to `z` keeping the screen point (px, py) over the same place. */
  function zoomAround(px, py, z) {
    const x = (px - tx) / k;
    const y = (py - ty) / k;
    k = clamp(z, MIN_ZOOM, MAX_ZOOM) * k0;
    tx = px - x * k;
    ty = py - y * k;
    clampView();
  }

  /** Centre the view on world point (x, y) at zoom z. */
  function centreOn(x, y, z) {
    k = clamp(z, MIN_ZOOM, MAX_ZOOM) * k0;
    tx = W / 2 - x * k;
    ty = H / 2 - y * k;
    clampView();
  }

  /** Stop a running glide where it is (and draw the markers for there). */
  function stopAnimation() {
    if (animation) {
      cancelAnimationFrame(animation);
      animation = 0;
      drawAll();
    }
    target = null;
  }

  /** Glide to world centre (x, y) at zoom z. */
  function animateTo(x, y, z, duration = 300) {
    if (animation) cancelAnimationFrame(animation); // the new glide starts from here
    animation = 0;
    const reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const z0 = zoom();
    const x0 = (W / 2 - tx) / k;
    const y0 = (H / 2 - ty) / k;
    const z1 = clamp(z, MIN_ZOOM, MAX_ZOOM);
    target = { x, y, z: z1 };
    const finish = () => {
      animation = 0;
      target = null;
      centreOn(x, y, z1);
      drawAll();
      scheduleView();
    };
    if (reduce || duration <= 0 || !W) {
      finish();
      return;
    }
    const start = performance.now();
    const step = (now) => {
      const t = Math.min(1, (now - start) / duration);
      if (t >= 1) {
        finish();
        return;
      }
      const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2; // ease in-out
      centreOn(x0 + (x - x0) * e, y0 + (y - y0) * e, z0 * (z1 / z0) ** e);
      drawBasemap();
      if (live()) commitMarkers(true);
      else previewMarkers();
      animation = requestAnimationFrame(step);
    };
    animation = requestAnimationFrame(step);
  }

  function zoomBy(factor) {
    if (!W) return;
    // Repeated clicks compound from where the running animation is heading.
    const from = target || { x: (W / 2 - tx) / k, y: (H / 2 - ty) / k, z: zoom() };
    animateTo(from.x, from.y, from.z * factor, 250);
  }

  function fit(bbox) {
    if (!Array.isArray(bbox) || bbox.length !== 4 || bbox.some((v) => !Number.isFinite(Number(v)))) return;
    if (!W || !H) {
      pendingFit = bbox;
      return;
    }
    stopAnimation();
    let [west, south, east, north] = bbox.map(Number);
    if (east < west) {
      // Crosses the antimeridian: this map does not wrap, so show all longitudes.
      west = -180;
      east = 180;
    }
    [south, north] = [clamp(Math.min(south, north), -90, 90), clamp(Math.max(south, north), -90, 90)];
    const spanX = Math.max(east - west, 0.5) * 1.15;
    const spanY = Math.max(north - south, 0.5) * 1.15;
    const z = Math.min(W / (spanX * k0), H / (spanY * k0));
    centreOn(wx((west + east) / 2), wy((south + north) / 2), z);
    drawAll();
    scheduleView();
  }

  // ---- size --------------------------------------------------------------
  function resize() {
    const r = svg.getBoundingClientRect();
    const nW = Math.round(r.width);
    const nH = Math.round(r.height);
    if (!nW || !nH || (nW === W && nH === H)) return;
    const first = !W || !H;
    const cx = first ? 180 : (W / 2 - tx) / k;
    const cy = first ? 90 : (H / 2 - ty) / k;
    const kOld = k; // keep the scale (pixels per degree) and the centre
    W = nW;
    H = nH;
    for (const el of [svg, overlay]) el.setAttribute('viewBox', `0 0 ${W} ${H}`);
    // The overlay covers exactly the basemap (the container may have padding).
    Object.assign(overlayClip.style, {
      left: `${svg.offsetLeft}px`, top: `${svg.offsetTop}px`, width: `${r.width}px`, height: `${r.height}px`,
    });
    k0 = Math.min(W / 360, H / 180);
    centreOn(cx, cy, first ? 1 : kOld / k0);
    drawAll();
    if (first && pendingFit) {
      const b = pendingFit;
      pendingFit = null;
      fit(b);
    } else if (!first) {
      scheduleView();
    }
  }

  /** CSS pixels per viewBox unit (1 once the viewBox follows the size). */
  function cssPerUnit() {
    const r = svg.getBoundingClientRect();
    return Math.min(r.width / W, r.height / H) || 1;
  }

  /** Event position in viewBox coordinates. */
  function svgPoint(clientX, clientY) {
    const r = svg.getBoundingClientRect();
    const s = Math.min(r.width / W, r.height / H) || 1;
    const ox = (r.width - W * s) / 2;
    const oy = (r.height - H * s) / 2;
    return [(clientX - r.left - ox) / s, (clientY - r.top - oy) / s];
  }

  const observer = new ResizeObserver(() => resize());
  observer.observe(container);
  resize();

  // ---- pointer: drag to pan, pinch to zoom --------------------------------
  const pointers = new Map(); // pointerId -> [clientX, clientY]
  let drag = null; // {x, y, tx, ty, moved}
  let pinch = null; // {dist, zoom}
  let suppressClick = false;

  function onPointerDown(e) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    if (e.target.closest && e.target.closest('.map-zoom')) return;
    stopAnimation();
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pointers.size === 1) {
      suppressClick = false;
      drag = { x: e.clientX, y: e.clientY, tx, ty, moved: false };
      window.addEventListener('pointermove', onPointerMove);
      window.addEventListener('pointerup', onPointerUp);
      window.addEventListener('pointercancel', onPointerUp);
    } else if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { dist: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, zoom: zoom() };
      drag = null;
      suppressClick = true;
    }
  }

  function onPointerMove(e) {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, [e.clientX, e.clientY]);
    if (pinch && pointers.size >= 2) {
      const [a, b] = [...pointers.values()];
      const dist = Math.hypot(a[0] - b[0], a[1] - b[1]) || 1;
      const [px, py] = svgPoint((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      zoomAround(px, py, pinch.zoom * (dist / pinch.dist));
      requestDraw(true);
      return;
    }
    if (!drag) return;
    const s = cssPerUnit();
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    if (!drag.moved) {
      drag.moved = true;
      container.style.cursor = 'grabbing';
    }
    tx = drag.tx + dx / s;
    ty = drag.ty + dy / s;
    clampView();
    requestDraw(false);
  }

  function onPointerUp(e) {
    if (!pointers.delete(e.pointerId)) return;
    if (pointers.size > 0) {
      // Pinch ended with one finger still down: carry on as a drag from here.
      pinch = null;
      const [p] = [...pointers.values()];
      drag = { x: p[0], y: p[1], tx, ty, moved: true };
      return;
    }
    window.removeEventListener('pointermove', onPointerMove);
    window.removeEventListener('pointerup', onPointerUp);
    window.removeEventListener('pointercancel', onPointerUp);
    container.style.cursor = 'grab';
    if ((drag && drag.moved) || pinch) {
      suppressClick = true;
      if (frame) {
        cancelAnimationFrame(frame);
        frame = 0;
      }
      drawAll();
      scheduleView();
    }
    drag = null;
    pinch = null;
  }

  function onWheel(e) {
    if (!W) return;
    e.preventDefault();
    stopAnimation();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? H : 1;
    // Trackpad pinch arrives as ctrl+wheel with small deltas: zoom faster.
    const rate = e.ctrlKey ? 0.01 : 0.002;
    const factor = Math.exp(-clamp(e.deltaY * unit, -300, 300) * rate);
    const [px, py] = svgPoint(e.clientX, e.clientY);
    zoomAround(px, py, zoom() * factor);
    requestDraw(true);
    scheduleView();
  }

  container.addEventListener('pointerdown', onPointerDown);
  container.addEventListener('wheel', onWheel, { passive: false });
  zoomInButton.addEventListener('click', () => zoomBy(2));
  zoomOutButton.addEventListener('click', () => zoomBy(0.5));

  // ---- markers -------------------------------------------------------------
  const byElement = new Map(); // g.marker -> marker record

  function activate(m) {
    const p = m.point;
    if (p.n > 1) {
      animateTo(m.x, m.y, zoom() * CLUSTER_ZOOM_FACTOR, 350);
      if (onZoomIn) onZoomIn({ lat: p.lat, lon: p.lon });
    } else if (p.id != null && onSelect) {
      onSelect(p.id);
    }
  }

  const markerOf = (target) => {
    const g = target && target.closest ? target.closest('g.marker') : null;
    return g ? byElement.get(g) : undefined;
  };

  markersLayer.addEventListener('click', (e) => {
    if (suppressClick) return;
    const m = markerOf(e.target);
    if (m) activate(m);
  });
  markersLayer.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const m = markerOf(e.target);
    if (!m) return;
    e.preventDefault();
    activate(m);
  });
  // Focus listeners sit on the (HTML) container: on an SVG element they
  // would make Chromium treat that element as focusable.
  const onFocusIn = (e) => {
    const m = markerOf(e.target);
    if (!m) return;
    // Tabbing to a marker out of view brings it into view.
    const sx = m.x * k + tx;
    const sy = m.y * k + ty;
    if (sx < 0 || sx > W || sy < 0 || sy > H) animateTo(m.x, m.y, zoom(), 250);
    // Ring only keyboard focus (a mouse click focuses the marker too).
    if (e.target.matches && !e.target.matches(':focus-visible')) return;
    m.circle.setAttribute('stroke', COLOURS.focus);
    m.circle.setAttribute('stroke-width', 3);
  };
  const onFocusOut = (e) => {
    const m = markerOf(e.target);
    if (!m) return;
    m.circle.setAttribute('stroke', m.stroke);
    m.circle.setAttribute('stroke-width', m.strokeWidth);
  };
  container.addEventListener('focusin', onFocusIn);
  container.addEventListener('focusout', onFocusOut);

  function setPoints(points) {
    byElement.clear();
    markers = [];
    const list = [];
    for (const p of points || []) {
      const lat = Number(p.lat);
      let lon = Number(p.lon);
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90) continue;
      if (lon < -180 || lon > 180) lon = ((((lon + 180) % 360) + 360) % 360) - 180;
      const n = Math.max(1, Math.round(Number(p.n) || 1));
      list.push({ point: { ...p, lat, lon, n }, r: markerRadius({ ...p, n }) });
    }
    // Big circles first, so smaller ones stay on top and clickable.
    list.sort((a, b) => b.r - a.r);

    const s = round(1 / k, 6);
    const frag = document.createDocumentFragment();
    for (const { point, r } of list) {
      const colour = typeColour(point.type);
      const grouped = point.n > 1;
      const x = round(wx(point.lon));
      const y = round(wy(point.lat));
      const g = svgEl('g', {
        class: 'marker', 'data-n': point.n, tabindex: 0, role: 'button',
        transform: `translate(${x},${y}) scale(${s})`,
      });
      if (point.id != null) g.setAttribute('data-id', point.id);
      g.style.cursor = 'pointer';
      g.style.outline = 'none'; // focus is shown by the circle's stroke instead
      const title = svgEl('title');
      title.textContent = point.label == null ? '' : String(point.label);
      const stroke = grouped ? darken(colour, 0.4) : '#ffffff';
      const strokeWidth = grouped ? 2 : 1;
      const circle = svgEl('circle', {
        r: round(r, 2), fill: colour, 'fill-opacity': grouped ? 0.88 : 0.8,
        stroke, 'stroke-width': strokeWidth,
      });
      g.append(title, circle);
      if (grouped) {
        const text = svgEl('text', {
          'text-anchor': 'middle', 'dominant-baseline': 'central', 'pointer-events': 'none',
          'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
          'font-size': 10.5, 'font-weight': 600,
          fill: luminance(colour) > 0.33 ? '#1f2328' : '#ffffff',
        });
        text.textContent = formatCount(point.n);
        g.append(text);
      }
      const m = { el: g, circle, x, y, point, stroke, strokeWidth, hidden: false };
      markers.push(m);
      byElement.set(g, m);
      frag.append(g);
    }
    markersLayer.replaceChildren(frag);
    markerK = k; // the new markers were built for the current zoom
    commitMarkers(false);
  }

  function setBasemap(features) {
    const frag = document.createDocumentFragment();
    for (const f of features || []) {
      const d = geometryPath(f.geometry);
      if (!d) continue;
      const path = svgEl('path', { class: 'country', d, 'vector-effect': 'non-scaling-stroke' });
      if (f.id != null) path.setAttribute('data-id', f.id);
      frag.append(path);
    }
    basemap.replaceChildren(frag);
  }

  function destroy() {
    destroyed = true;
    stopAnimation();
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(zoomEndTimer);
    clearTimeout(viewTimer);
    observer.disconnect();
    window.removeEventListener('pointermove', onPointerMove);
    window.removeEventListener('pointerup', onPointerUp);
    window.removeEventListener('pointercancel', onPointerUp);
    container.removeEventListener('pointerdown', onPointerDown);
    container.removeEventListener('wheel', onWheel);
    container.removeEventListener('focusin', onFocusIn);
    container.removeEventListener('focusout', onFocusOut);
    svg.remove();
    overlayClip.remove();
    zoomBox.remove();
  }

  return {
    setBasemap,
    setPoints,
    fit,
    view,
    destroy,
  };
}
