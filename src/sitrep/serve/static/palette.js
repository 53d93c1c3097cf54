// palette.js: the event-type colours shared by the map and the timeline.
//
//   import { TYPES, typeColour, typeLabel, UNKNOWN_COLOUR } from './palette.js';
//   TYPES                 // the six ACLED event types, in legend/stacking order
//   typeColour(type)      // -> '#rrggbb'; grey (UNKNOWN_COLOUR) for null/unknown types
//   typeLabel(type)       // -> display name; 'Unknown' for null/empty
//
// Matching ignores case and surrounding spaces; ACLED's older
// "Remote violence" shares the colour of "Explosions/Remote violence".

export const TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];

export const UNKNOWN_COLOUR = '#9aa0a6';

// Muted, mutually distinct hues that stay readable on a light grey basemap.
const COLOURS = {
  'battles': '#c0504d',
  'explosions/remote violence': '#e08a3c',
  'remote violence': '#e08a3c',
  'violence against civilians': '#8e5ea2',
  'protests': '#3f7fbf',
  'riots': '#d8b13a',
  'strategic developments': '#4f9d69',
};

/** Colour of an event type (string or null). */
export function typeColour(type) {
  if (type == null) return UNKNOWN_COLOUR;
  return COLOURS[String(type).trim().toLowerCase()] || UNKNOWN_COLOUR;
}

/** Name to show for an event type. */
export function typeLabel(type) {
  if (type == null || String(type).trim() === '') return 'Unknown';
  return String(type);
}
