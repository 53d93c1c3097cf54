// topo.js: decode one object of a TopoJSON topology into GeoJSON-like features.
//
//   import { topoFeatures } from './topo.js';
//   const features = topoFeatures(topology, 'countries');
//   // -> [{type: 'Feature', id, properties,
//   //      geometry: {type: 'Polygon' | 'MultiPolygon', coordinates}}]
//
// Handles quantized topologies (`transform: {scale, translate}` with
// delta-encoded arcs) and unquantized ones (absolute arc positions).
// A negative arc index i means arc ~i walked backwards. Polygon and
// MultiPolygon geometries are what the basemap needs; LineString,
// MultiLineString, Point and MultiPoint are decoded too, GeometryCollections
// are flattened into their members, and a geometry without a type gets
// `geometry: null`.

/** Decode every arc into an array of absolute [lon, lat] positions. */
function decodeArcs(topology) {
  const t = topology.transform;
  const arcs = topology.arcs || [];
  if (!t) return arcs.map((arc) => arc.map((p) => [p[0], p[1]]));
  const [sx, sy] = t.scale;
  const [tx, ty] = t.translate;
  return arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      x += p[0];
      y += p[1];
      return [x * sx + tx, y * sy + ty];
    });
  });
}

/** Point positions (Point / MultiPoint) are quantized but not delta-encoded. */
function pointDecoder(topology) {
  const t = topology.transform;
  if (!t) return (p) => [p[0], p[1]];
  const [sx, sy] = t.scale;
  const [tx, ty] = t.translate;
  return (p) => [p[0] * sx + tx, p[1] * sy + ty];
}

/** Join a list of arc indices into one line; shared end points appear once. */
function stitch(arcs, indices) {
  const out = [];
  for (const i of indices) {
    const arc = i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
    if (!arc) throw new Error(`topoFeatures: arc ${i} does not exist`);
    // Each arc starts where the previous one ended: drop the duplicate.
    if (out.length) out.pop();
    for (const p of arc) out.push(p);
  }
  return out;
}

function ring(arcs, indices) {
  const pts = stitch(arcs, indices);
  // A ring must be closed; a degenerate one gets its first point repeated.
  if (pts.length && (pts[0][0] !== pts[pts.length - 1][0] || pts[0][1] !== pts[pts.length - 1][1])) {
    pts.push(pts[0].slice());
  }
  return pts;
}

function decodeGeometry(o, arcs, point) {
  switch (o.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: o.arcs.map((r) => ring(arcs, r)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: o.arcs.map((poly) => poly.map((r) => ring(arcs, r))),
      };
    case 'LineString':
      return { type: 'LineString', coordinates: stitch(arcs, o.arcs) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: o.arcs.map((l) => stitch(arcs, l)) };
    case 'Point':
      return { type: 'Point', coordinates: point(o.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: o.coordinates.map(point) };
    default:
      return null;
  }
}

/**
 * Features of `topology.objects[objectName]`.
 * @param {object} topology a parsed TopoJSON document
 * @param {string} objectName e.g. 'countries'
 * @returns {Array<{type: 'Feature', id: any, properties: object, geometry: object|null}>}
 */
export function topoFeatures(topology, objectName) {
  if (!topology || topology.type !== 'Topology') throw new Error('topoFeatures: not a TopoJSON topology');
  const root = topology.objects && topology.objects[objectName];
  if (!root) throw new Error(`topoFeatures: no object named ${JSON.stringify(objectName)}`);
  const arcs = decodeArcs(topology);
  const point = pointDecoder(topology);
  const features = [];
  const visit = (o) => {
    if (o.type === 'GeometryCollection') {
      for (const g of o.geometries || []) visit(g);
      return;
    }
    features.push({
      type: 'Feature',
      id: o.id,
      properties: o.properties || {},
      geometry: decodeGeometry(o, arcs, point),
    });
  };
  visit(root);
  return features;
}
