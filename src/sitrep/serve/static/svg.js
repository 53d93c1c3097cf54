// svg.js: the one helper map.js and timeline.js share to build SVG elements.
//
//   import { svgEl } from './svg.js';
//   svgEl('circle', {r: 4, fill: '#999'})  // attributes set with setAttribute

export const SVGNS = 'http://www.w3.org/2000/svg';

export function svgEl(name, attrs = {}) {
  const el = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}
