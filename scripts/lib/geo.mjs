// Geometry helpers for scripts/prepare-data.mjs: coordinate rounding/cleaning and turf dissolves.
import * as turf from '@turf/turf';
import { areaFeature } from '../../src/lib/data/site-package.js';
import { roundTo } from './format.mjs';

/** Polygon rings of a Polygon/MultiPolygon geometry as a list of polygons. */
function polygonsOf(geom) {
  if (geom.type === 'Polygon') return [geom.coordinates];
  if (geom.type === 'MultiPolygon') return geom.coordinates;
  throw new Error(`unsupported geometry type ${geom.type}`);
}

/** Area of a single ring in km² (geodesic, turf). */
export function ringAreaKm2(ring) {
  return turf.area({ type: 'Polygon', coordinates: [ring] }) / 1e6;
}

/** Round every position, drop consecutive duplicates, keep the ring closed; null if degenerate. */
function cleanRing(ring, decimals) {
  const out = [];
  for (const p of ring) {
    const q = [roundTo(p[0], decimals), roundTo(p[1], decimals)];
    const last = out[out.length - 1];
    if (last && last[0] === q[0] && last[1] === q[1]) continue;
    out.push(q);
  }
  if (out.length > 1) {
    const a = out[0];
    const b = out[out.length - 1];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push([a[0], a[1]]);
  }
  // A closed ring needs at least 4 positions (3 distinct corners).
  if (out.length < 4) return null;
  if (ringAreaKm2(out) === 0) return null;
  return out;
}

/**
 * Round coordinates to `decimals`, remove consecutive duplicate points, drop degenerate rings, and
 * optionally drop interior rings (holes) and polygon parts smaller than the given areas in km².
 * Returns { geometry, removedHoles: number[] (km²), removedParts: number[] (km²), degenerateRings }
 * (degenerateRings = rings dropped because rounding left fewer than 3 corners or no area).
 * Ring orientation follows RFC 7946 (exterior counter-clockwise) via turf.rewind.
 */
export function cleanGeometry(geom, { decimals = 5, minHoleKm2 = 0, minPartKm2 = 0 } = {}) {
  const removedHoles = [];
  const removedParts = [];
  let degenerateRings = 0;
  const polys = [];
  for (const poly of polygonsOf(geom)) {
    const outer = cleanRing(poly[0], decimals);
    if (!outer) {
      degenerateRings += poly.length;
      continue;
    }
    const outerArea = ringAreaKm2(outer);
    if (outerArea < minPartKm2) {
      removedParts.push(outerArea);
      continue;
    }
    const rings = [outer];
    for (const hole of poly.slice(1)) {
      const h = cleanRing(hole, decimals);
      if (!h) {
        degenerateRings++;
        continue;
      }
      const a = ringAreaKm2(h);
      if (a < minHoleKm2) {
        removedHoles.push(a);
        continue;
      }
      rings.push(h);
    }
    polys.push(rings);
  }
  if (polys.length === 0) throw new Error('cleanGeometry: nothing left');
  const geometry =
    polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
  const rewound = turf.rewind(geometry, { reverse: false, mutate: true });
  return { geometry: rewound, removedHoles, removedParts, degenerateRings };
}

/**
 * Dissolve a list of Polygon/MultiPolygon features with turf.union (turf 7 API). Tries one union of
 * the whole collection first; if that throws, falls back to a pairwise union tree.
 */
export function dissolve(features) {
  if (features.length === 1) return features[0].geometry;
  try {
    const u = turf.union(turf.featureCollection(features));
    if (!u) throw new Error('empty union');
    return u.geometry;
  } catch (err) {
    let layer = features;
    while (layer.length > 1) {
      const next = [];
      for (let i = 0; i < layer.length; i += 2) {
        next.push(i + 1 < layer.length ? turf.union(turf.featureCollection([layer[i], layer[i + 1]])) : layer[i]);
      }
      layer = next;
    }
    process.stderr.write(`dissolve: single union failed (${err.message}); used a pairwise tree\n`);
    return layer[0].geometry;
  }
}

/** Count of polygon parts and holes, for logging. */
export function shapeStats(geom) {
  const polys = polygonsOf(geom);
  return { parts: polys.length, holes: polys.reduce((n, p) => n + p.length - 1, 0) };
}

/** [minLon, minLat, maxLon, maxLat] over features, rounded to 5 decimals. */
export function boundsOf(features) {
  const b = turf.bbox(turf.featureCollection(features));
  return b.map((v) => roundTo(v, 5));
}

/**
 * FeatureCollection text: features sorted by id, properties exactly {id, name}, no feature-level id,
 * no pretty printing.
 */
export function featureCollectionText(items) {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const feats = sorted.map((it) =>
    JSON.stringify(areaFeature(it.id, it.name, it.geometry)),
  );
  return `{"type":"FeatureCollection","features":[\n${feats.join(',\n')}\n]}\n`;
}
