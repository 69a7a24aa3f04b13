// Programme areas from a boundary file (issue 17, 1c): the boundaries as the importer read them
// (boundaries.ts and the read-*.ts readers, in the import worker) become one programme area per
// polygon feature. Here, pure: whether the file's coordinate system is sure enough, reprojection to
// WGS 84, which features lie over the site, the attribute that names them, and each feature's name
// and geometry. The owner (state/programme-areas.svelte.ts, addPolygons) weighs and stores them.
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { valueText } from './common';
import { toWgs84 } from './crs/reproject';
import type { Crs } from './crs/definitions';
import type { RawBoundaries, SkippedFeature } from './raw-boundaries';

type Fc = FeatureCollection<Geometry, Record<string, unknown>>;
export type Bounds = [number, number, number, number];

/** One feature of the file as a programme area's polygon, with the file's number of it (1-based). */
export interface ProgrammeFeature {
  feature: number;
  geometry: Polygon | MultiPolygon;
  properties: Record<string, unknown>;
}

export type ProgrammeImport =
  | {
      ok: true;
      /** the polygon features over the site, in the file's order */
      features: ProgrammeFeature[];
      /** features that are no area (points, lines, empty), left out */
      skipped: SkippedFeature[];
      /** the numbers of polygon features that lie wholly outside the site's bounds, left out */
      outside: number[];
      /** the attributes of the features, in the file's order */
      attributes: string[];
      /** the attribute proposed for the names, or null when none holds text */
      nameAttribute: string | null;
    }
  /** `crs`: the file does not say its coordinate system for sure (`guess`: the likely one, if any); `outside`: no feature lies over the site */
  | { ok: false; reason: 'crs'; guess: Crs | null }
  | { ok: false; reason: 'outside'; bbox: Bounds | null };

/** Attribute names that name an area (exact, any case), and parts of names that do ("GEBIETSNAME", "name_de"). */
const NAME_EXACT = /^(name|gen|bez|bezeichnung|gebiet|quartier|sozialraum|ortsteil|stadtteil|bezirk|label|titel|title)$/i;
const NAME_PART = /name|bezeichnung|gebiet|quartier|sozialraum/i;
const LETTER = /[A-Za-zÄÖÜäöüß]/;

/** Every attribute of the features, in the order they first appear. */
export function attributeKeys(features: readonly { properties: Record<string, unknown> | null }[]): string[] {
  const keys = new Set<string>();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  return [...keys];
}

/**
 * The attribute proposed for the areas' names: the first that is called like a name (name, NAME,
 * Bezeichnung, Gebiet, …; then one whose name contains such a word) and holds text, else the first
 * attribute holding text (letters), else null.
 */
export function nameAttribute(features: readonly { properties: Record<string, unknown> | null }[]): string | null {
  const keys = attributeKeys(features);
  const textual = keys.filter((k) => features.some((f) => { const v = f.properties?.[k]; return typeof v === 'string' && LETTER.test(v); }));
  return textual.find((k) => NAME_EXACT.test(k)) ?? textual.find((k) => NAME_PART.test(k)) ?? textual[0] ?? null;
}

/** A feature's name from `attribute` (trimmed), or `fallback(feature number)` when it has none. */
export function featureName(f: ProgrammeFeature, attribute: string | null, fallback: (feature: number) => string): string {
  const text = attribute === null ? '' : valueText(f.properties[attribute]).trim();
  return text !== '' ? text : fallback(f.feature);
}

function bboxOf(g: Geometry): Bounds | null {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let b: Bounds | null = null;
  for (const poly of polys) {
    for (const [x, y] of poly[0] ?? []) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (!b) b = [x!, y!, x!, y!];
      else b = [Math.min(b[0], x!), Math.min(b[1], y!), Math.max(b[2], x!), Math.max(b[3], y!)];
    }
  }
  return b;
}

const meets = (a: Bounds, b: Bounds) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/**
 * The programme areas of a boundary file for a site with `bounds` (WGS 84): refused when the file's
 * coordinate system is not certain (declared by the file and consistent with its coordinates, or a
 * GeoJSON's WGS 84 that its coordinates agree with) or when no feature lies over the site.
 */
export function programmeImport(raw: RawBoundaries, bounds: Bounds): ProgrammeImport {
  const { crs } = raw;
  if (crs.confidence !== 'certain' || !crs.crs) return { ok: false, reason: 'crs', guess: crs.crs };
  const fc: Fc = toWgs84(raw.fc, crs.crs, { swapAxes: crs.swappedAxes });
  const numbers = raw.report?.numbers ?? fc.features.map((_, i) => i + 1);
  const features: ProgrammeFeature[] = [];
  const outside: number[] = [];
  let all: Bounds | null = null;
  fc.features.forEach((f: Feature<Geometry, Record<string, unknown>>, i) => {
    const feature = numbers[i] ?? i + 1;
    const g = f.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return;
    const b = bboxOf(g);
    if (b) all = all ? [Math.min(all[0], b[0]), Math.min(all[1], b[1]), Math.max(all[2], b[2]), Math.max(all[3], b[3])] : b;
    if (!b || !meets(b, bounds)) outside.push(feature);
    else features.push({ feature, geometry: g, properties: f.properties ?? {} });
  });
  if (features.length === 0) return { ok: false, reason: 'outside', bbox: all };
  return { ok: true, features, skipped: raw.report?.skipped ?? [], outside, attributes: attributeKeys(features), nameAttribute: nameAttribute(features) };
}
