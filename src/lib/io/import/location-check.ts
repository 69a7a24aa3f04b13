// The location check of an import, before anything is stored: after reprojection an import's
// positions must lie in Germany (the bundled outline grown by 25 km, data/germany-outline.json,
// written by scripts/data/germany-outline.mjs). Works on an even sample of the positions, so a
// file with 10,000 areas is checked in milliseconds, and knows nothing of coordinate systems: it
// takes projection functions (x, y) → [lon, lat]. Pure, no DOM.
import type { FeatureCollection, Geometry, MultiLineString, MultiPoint, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import outlineJson from '../../../../data/germany-outline.json';

export type LonLat = [number, number];
/** A position as stored in the file → WGS84 [lon, lat] (NaN when it cannot be transformed). */
export type Project = (x: number, y: number) => [number, number];

export interface GermanyOutline {
  /** Germany grown by `marginKm` (the area "in Germany" for the check). */
  margin: Polygon | MultiPolygon;
  marginKm: number;
  /** The Länder, simplified (~5 km): naming the Land, the overview map. */
  laender: { id: string; name: string; geometry: Polygon | MultiPolygon }[];
}

export const GERMANY_OUTLINE: GermanyOutline = outlineJson as GermanyOutline;

/** Share of the sampled positions that must lie in Germany (or its margin). */
export const MIN_SHARE_INSIDE = 0.95;
/** Positions sampled for the check (evenly over all vertices) and for each proposed system. */
export const CHECK_SAMPLES = 1000;
export const PROPOSE_SAMPLES = 200;
/** Vertices of the data's outline drawn on the overview (rings are thinned to fit). */
export const OVERVIEW_VERTICES = 4000;
const MIN_RING_VERTICES = 4;

/** An import's positions as stored (before reprojection), prepared once per file. */
export interface LocationInput {
  /** Up to CHECK_SAMPLES positions spread evenly over all vertices. */
  samples: [number, number][];
  /** Outer rings of the polygons, thinned to OVERVIEW_VERTICES in all; empty for points. */
  rings: [number, number][][];
}

export interface LocationCheck {
  /** At least MIN_SHARE_INSIDE of the valid sampled positions lie in Germany or within the margin. */
  inside: boolean;
  /** That share (0–1) over all samples (positions that are not on the globe count as outside). */
  shareInside: number;
  /** Centre of the bbox [lon, lat]; null when no position is on the globe. */
  center: LonLat | null;
  /** [minLon, minLat, maxLon, maxLat] of the valid samples; null when there are none. */
  bbox: [number, number, number, number] | null;
  /** What the overview draws of the data: outer rings (areas) or the sampled points. */
  outlineForOverview: MultiLineString | MultiPoint;
  /** The Land holding at least 80 % of the positions in Germany, else null. */
  land: string | null;
  /** Number of sampled positions. */
  samples: number;
}

type Coords = Position[];

function* ringsOf(geometry: Geometry | null): Generator<{ ring: Coords; outer: boolean }> {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Polygon':
      for (const [i, ring] of geometry.coordinates.entries()) yield { ring, outer: i === 0 };
      break;
    case 'MultiPolygon':
      for (const poly of geometry.coordinates) for (const [i, ring] of poly.entries()) yield { ring, outer: i === 0 };
      break;
    case 'Point':
      yield { ring: [geometry.coordinates], outer: false };
      break;
    case 'MultiPoint':
    case 'LineString':
      yield { ring: geometry.coordinates, outer: false };
      break;
    case 'MultiLineString':
      for (const ring of geometry.coordinates) yield { ring, outer: false };
      break;
    case 'GeometryCollection':
      for (const g of geometry.geometries) yield* ringsOf(g);
      break;
  }
}

const finite = (p: Position | undefined): p is Position => !!p && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * The positions of a collection, as stored, for checking its location: an even sample of all
 * vertices (every k-th) and the polygons' outer rings thinned for drawing.
 */
export function locationInput(fc: FeatureCollection<Geometry | null>, maxSamples = CHECK_SAMPLES): LocationInput {
  let total = 0;
  let outerRings = 0;
  for (const f of fc.features) {
    for (const { ring, outer } of ringsOf(f?.geometry ?? null)) {
      total += ring.length;
      if (outer) outerRings++;
    }
  }
  const step = Math.max(1, total / maxSamples);
  // The overview's budget: with many small areas every n-th outer ring (at least a quadrilateral
  // each), otherwise every ring thinned to its share of the budget.
  const ringEvery = Math.max(1, (outerRings * MIN_RING_VERTICES) / OVERVIEW_VERTICES);
  const perRing = Math.max(MIN_RING_VERTICES, OVERVIEW_VERTICES / (outerRings / ringEvery));
  let ringIndex = 0;
  let nextRing = 0;
  const samples: [number, number][] = [];
  const rings: [number, number][][] = [];
  let i = 0;
  let next = 0;
  for (const f of fc.features) {
    for (const { ring, outer } of ringsOf(f?.geometry ?? null)) {
      for (const p of ring) {
        if (i++ < next) continue;
        next += step;
        if (finite(p) && samples.length < maxSamples) samples.push([p[0], p[1]]);
      }
      if (!outer || ringIndex++ < nextRing) continue;
      nextRing += ringEvery;
      // Thinned ring: evenly spaced vertices, closed again.
      const kept: [number, number][] = [];
      const ringStep = Math.max(1, (ring.length - 1) / perRing);
      for (let k = 0; k < ring.length - 1; k += ringStep) {
        const p = ring[Math.floor(k)];
        if (finite(p)) kept.push([p[0], p[1]]);
      }
      if (kept.length >= 3) rings.push([...kept, kept[0]!]);
    }
  }
  return { samples, rings };
}

const onGlobe = (p: LonLat) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x! < b[0]) b[0] = x!;
      if (y! < b[1]) b[1] = y!;
      if (x! > b[2]) b[2] = x!;
      if (y! > b[3]) b[3] = y!;
    }
  }
  return b;
}

interface PreparedOutline {
  margin: Polygon | MultiPolygon;
  marginBox: [number, number, number, number];
  laender: { name: string; geometry: Polygon | MultiPolygon; box: [number, number, number, number] }[];
}

const prepared = new WeakMap<GermanyOutline, PreparedOutline>();

function prepare(outline: GermanyOutline): PreparedOutline {
  let p = prepared.get(outline);
  if (!p) {
    p = {
      margin: outline.margin,
      marginBox: bboxOf(outline.margin),
      laender: outline.laender.map((l) => ({ name: l.name, geometry: l.geometry, box: bboxOf(l.geometry) })),
    };
    prepared.set(outline, p);
  }
  return p;
}

const inBox = (p: LonLat, b: [number, number, number, number]) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];

function inGermany(p: LonLat, o: PreparedOutline): boolean {
  return onGlobe(p) && inBox(p, o.marginBox) && booleanPointInPolygon(p, o.margin);
}

/** Share of `positions` (WGS84) inside Germany's outline with its margin. */
function shareIn(positions: readonly LonLat[], o: PreparedOutline): number {
  if (positions.length === 0) return 0;
  let n = 0;
  for (const p of positions) if (inGermany(p, o)) n++;
  return n / positions.length;
}

function isLocationInput(x: unknown): x is LocationInput {
  return !!x && typeof x === 'object' && Array.isArray((x as LocationInput).samples) && Array.isArray((x as LocationInput).rings);
}

/**
 * Where an import lands. `data` is a WGS84 collection, WGS84 positions, or a LocationInput of the
 * positions as stored together with `project` (the chosen coordinate system; identity if omitted).
 */
export function checkLocation(
  data: FeatureCollection<Geometry | null> | readonly LonLat[] | LocationInput,
  project: Project | null = null,
  outline: GermanyOutline = GERMANY_OUTLINE,
): LocationCheck {
  const input: LocationInput = isLocationInput(data)
    ? data
    : Array.isArray(data)
      ? { samples: (data as readonly LonLat[]).slice(), rings: [] }
      : locationInput(data as FeatureCollection<Geometry | null>);
  const to = (p: [number, number]): LonLat => (project ? project(p[0], p[1]) : p);
  const o = prepare(outline);
  const positions = input.samples.map(to);
  const valid = positions.filter(onGlobe);
  let bbox: [number, number, number, number] | null = null;
  for (const [x, y] of valid) {
    if (!bbox) bbox = [x, y, x, y];
    else {
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    }
  }
  const inside = valid.filter((p) => inGermany(p, o));
  const shareInside = positions.length ? inside.length / positions.length : 0;
  const isInside = positions.length > 0 && shareInside >= MIN_SHARE_INSIDE;
  const rings = input.rings.map((r) => r.map(to).filter(onGlobe)).filter((r) => r.length >= 2);
  return {
    inside: isInside,
    shareInside,
    center: bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : null,
    bbox,
    outlineForOverview: rings.length ? { type: 'MultiLineString', coordinates: rings } : { type: 'MultiPoint', coordinates: valid.slice(0, 500) },
    land: isInside ? landOf(rings.length ? rings.map(ringCentre).filter((p) => inGermany(p, o)) : inside, o) : null,
    samples: positions.length,
  };
}

/** The mean of a ring's vertices (the closing one left out): for areas, a point well inside most. */
function ringCentre(ring: readonly LonLat[]): LonLat {
  const n = Math.max(1, ring.length - 1);
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += ring[i]![0];
    y += ring[i]![1];
  }
  return [x / n, y / n];
}

/**
 * The Land of the positions (the areas' centres, or the points): the one holding at least 80 % of
 * those that fall in a Land, when at least half fall in one (the Länder are generalised to ~5 km,
 * so positions on Germany's border or on a small island may fall in none). Else null.
 */
function landOf(positions: readonly LonLat[], o: PreparedOutline): string | null {
  const counts = new Map<string, number>();
  let inSome = 0;
  for (const p of positions) {
    const l = o.laender.find((x) => inBox(p, x.box) && booleanPointInPolygon(p, x.geometry));
    if (l) {
      counts.set(l.name, (counts.get(l.name) ?? 0) + 1);
      inSome++;
    }
  }
  let best: string | null = null;
  let most = 0;
  for (const [name, n] of counts) {
    if (n > most) [best, most] = [name, n];
  }
  return best !== null && inSome >= 0.5 * positions.length && most >= 0.8 * inSome ? best : null;
}

/**
 * The candidates (in their order) whose projection places the samples (positions as stored) in
 * Germany: what the dialog proposes when the chosen system puts the data elsewhere.
 */
export function proposeSystems<C extends { key: string; project: Project }>(
  samples: readonly [number, number][],
  candidates: readonly C[],
  outline: GermanyOutline = GERMANY_OUTLINE,
): C[] {
  const o = prepare(outline);
  const step = Math.max(1, samples.length / PROPOSE_SAMPLES);
  const few: [number, number][] = [];
  for (let i = 0; i < samples.length; i += step) few.push(samples[Math.floor(i)]!);
  if (few.length === 0) return [];
  return candidates.filter((c) => {
    const positions: LonLat[] = [];
    for (const [x, y] of few) {
      try {
        positions.push(c.project(x, y));
      } catch {
        positions.push([NaN, NaN]);
      }
    }
    return shareIn(positions, o) >= MIN_SHARE_INSIDE;
  });
}
