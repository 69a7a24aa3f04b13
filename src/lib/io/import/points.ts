// Points from the user's files (social infrastructure such as Kitas or
// counselling centres): a GeoJSON with Point features, or a table (CSV, XLSX)
// with coordinate columns (lon/lat, Rechtswert/Hochwert, x/y). The coordinate
// system is detected like for boundaries (crs/) and confirmed by the user.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { schemeDark2 } from 'd3-scale-chromatic';
import { detectCrs } from './crs/detect';
import { sampleCoordinates } from './crs/reproject';
import type { CrsDetection } from './crs/guess';
import { cellText, columnLetter, type Cell } from './table/cells';
import { detectHeaderRow } from './table/header';
import { parseNumber } from './table/numbers';
import { ImportError, parseJson, valueText, type InputFile } from './common';
import { foldGerman } from './build-site';
import type { UserPointLayer } from '../../data/user-data';

export type PointProps = Record<string, string | number | null>;

export interface RawPoints {
  name: string;
  /** As stored in the file, not yet reprojected. */
  fc: FeatureCollection<Point, PointProps>;
  crs: CrsDetection;
  /** Rows or features left out, with the reason (file row and column for tables). */
  skipped: { where: string; reason: string }[];
  /** For tables: the coordinate columns used, e.g. ["Rechtswert", "Hochwert"]. */
  coordinateColumns: [string, string] | null;
}

const stem = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');

/**
 * A cheap look at GeoJSON text: true when its geometries are mostly points
 * (so the file is a point layer, not boundaries). Only the first megabyte is read, unless it
 * holds no geometry type at all.
 */
export function looksLikePointGeoJson(text: string): boolean {
  const head = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
  if (/"type"\s*:\s*"Topology"/.test(head)) return false;
  const count = (t: string) => [t.match(/"type"\s*:\s*"(Multi)?Point"/g)?.length ?? 0, t.match(/"type"\s*:\s*"(Multi)?Polygon"/g)?.length ?? 0];
  let [points, polygons] = count(head);
  // Long properties (a text of a megabyte) can push the first geometry out of the head.
  if (points === 0 && polygons === 0 && head.length < text.length) [points, polygons] = count(text);
  return points! > 0 && points! >= polygons!;
}

/** Points of a GeoJSON FeatureCollection (MultiPoints split into points). */
export function readPointsGeoJson(file: InputFile, text: string): RawPoints {
  const parsed = parseJson(file.name, text);
  const fc = parsed as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new ImportError(file.name, 'not a GeoJSON FeatureCollection');
  const features: Feature<Point, PointProps>[] = [];
  const skipped: RawPoints['skipped'] = [];
  fc.features.forEach((f, i) => {
    const g = f?.geometry;
    const props = plainProps(f?.properties);
    if (g?.type === 'Point' && validPosition(g.coordinates)) {
      features.push(pointFeature(g.coordinates, props));
    } else if (g?.type === 'MultiPoint') {
      for (const c of g.coordinates) if (validPosition(c)) features.push(pointFeature(c, props));
    } else {
      skipped.push({ where: `feature ${i + 1}`, reason: g ? `geometry ${valueText(g.type).slice(0, 40)}` : 'no geometry' });
    }
  });
  if (features.length === 0) throw new ImportError(file.name, 'contains no points');
  const out: FeatureCollection<Point, PointProps> = { type: 'FeatureCollection', features };
  return { name: stem(file.name), fc: out, crs: detectCrs({ geojson: parsed, samples: sampleCoordinates(out) }), skipped, coordinateColumns: null };
}

const validPosition = (c: unknown): c is [number, number] =>
  Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' && Number.isFinite(c[0]) && Number.isFinite(c[1]);

const pointFeature = (c: number[], properties: PointProps): Feature<Point, PointProps> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [c[0]!, c[1]!] },
});

function plainProps(p: unknown): PointProps {
  const out: PointProps = {};
  if (!p || typeof p !== 'object') return out;
  for (const [k, v] of Object.entries(p as Record<string, unknown>)) {
    out[k] = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  }
  return out;
}

// Column names for coordinates, compared after folding umlauts and dropping
// spaces, dots, hyphens and underscores. Pairs in order of preference.
const COORDINATE_PAIRS: [RegExp, RegExp][] = [
  [/^(lon|lng|long|longitude|laenge|laengengrad|geogrlaenge|wgs84lon|lonwgs84)$/, /^(lat|latitude|breite|breitengrad|geogrbreite|wgs84lat|latwgs84)$/],
  [/^(rechtswert|rw|easting|ostwert|utmost|utme|utmx|e)$/, /^(hochwert|hw|northing|nordwert|utmnord|utmn|utmy|n)$/],
  [/^(x|xkoord|xkoordinate|koordx|koordinatex|xcoord|xcoordinate|coordx|posx)$/, /^(y|ykoord|ykoordinate|koordy|koordinatey|ycoord|ycoordinate|coordy|posy)$/],
];
const foldHeader = (h: string) => foldGerman(h.toLowerCase()).replace(/[\s._\-/()[\]]+/g, '');

/** The coordinate columns of a header row (x, y), or null. */
export function findCoordinateColumns(header: readonly Cell[]): [number, number] | null {
  const names = header.map((h) => foldHeader(cellText(h)));
  for (const [xs, ys] of COORDINATE_PAIRS) {
    const x = names.findIndex((n) => xs.test(n));
    const y = names.findIndex((n) => ys.test(n));
    if (x >= 0 && y >= 0 && x !== y) return [x, y];
  }
  return null;
}

/** The decimal separator that reads the most cells of a column as numbers. */
function columnDecimal(cells: readonly Cell[]): ',' | '.' {
  let comma = 0;
  let dot = 0;
  for (const c of cells.slice(0, 500)) {
    if (typeof c !== 'string' || c.trim() === '') continue;
    if (parseNumber(c, ',') !== null) comma++;
    if (parseNumber(c, '.') !== null) dot++;
    // "12.345678" reads under both, but only a decimal point makes it a coordinate.
    if (/^-?\d+\.\d{4,}$/.test(c.trim())) dot += 2;
  }
  return comma > dot ? ',' : '.';
}

/**
 * Points from table rows (CSV or a sheet) with coordinate columns; null when
 * the header names no coordinates. Every other column becomes a property.
 */
export function pointsFromRows(rows: readonly (readonly Cell[])[], fileName: string): RawPoints | null {
  const headerRow = detectHeaderRow(rows);
  const header = rows[headerRow] ?? [];
  const cols = findCoordinateColumns(header);
  if (!cols) return null;
  const [xc, yc] = cols;
  const body = rows.slice(headerRow + 1);
  const decimals = [columnDecimal(body.map((r) => r[xc] ?? null)), columnDecimal(body.map((r) => r[yc] ?? null))] as const;
  const names = header.map((h, i) => cellText(h) || columnLetter(i));
  const features: Feature<Point, PointProps>[] = [];
  const skipped: RawPoints['skipped'] = [];
  body.forEach((row, i) => {
    const excelRow = headerRow + 2 + i;
    if (row.every((c) => cellText(c) === '')) return;
    const read = (col: number, decimal: ',' | '.') => {
      const c = row[col];
      return typeof c === 'number' ? c : parseNumber(cellText(c), decimal);
    };
    const x = read(xc, decimals[0]);
    const y = read(yc, decimals[1]);
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) {
      const bad = x === null || !Number.isFinite(x) ? xc : yc;
      skipped.push({ where: `row ${excelRow}, column ${columnLetter(bad)} ("${names[bad]}")`, reason: `no coordinate: "${cellText(row[bad])}"` });
      return;
    }
    const props: PointProps = {};
    names.forEach((n, c) => {
      if (c === xc || c === yc) return;
      const v = row[c];
      props[n] = v === undefined || v === null || cellText(v) === '' ? null : v;
    });
    features.push(pointFeature([x, y], props));
  });
  if (features.length === 0) throw new ImportError(fileName, `no row has coordinates in the columns "${names[xc]}" and "${names[yc]}"`);
  const fc: FeatureCollection<Point, PointProps> = { type: 'FeatureCollection', features };
  return {
    name: stem(fileName),
    fc,
    crs: detectCrs({ samples: sampleCoordinates(fc) }),
    skipped,
    coordinateColumns: [names[xc]!, names[yc]!],
  };
}

export interface PointAttributeSuggestion {
  keys: string[];
  /** Text columns with few distinct values: candidates for the category (colour). */
  categoryCandidates: string[];
  nameCandidates: string[];
  category: string | null;
  name: string | null;
}

const CATEGORY_HINT = /^(art|typ|type|kategorie|category|klasse|traeger|traegerart|traegertyp|einrichtungsart|bereich|gruppe|sparte|operatortype)$/;
const NAME_HINT = /^(name|bezeichnung|einrichtung|titel|title|label|kitaname)$/;

export function suggestPointAttributes(fc: FeatureCollection<Point, PointProps>): PointAttributeSuggestion {
  const keys = [...new Set(fc.features.flatMap((f) => Object.keys(f.properties)))];
  const distinct = (k: string) => new Set(fc.features.map((f) => f.properties[k]).filter((v) => v !== null && v !== '')).size;
  const textual = keys.filter((k) => fc.features.some((f) => typeof f.properties[k] === 'string'));
  const categoryCandidates = textual
    .filter((k) => {
      const d = distinct(k);
      return d >= 1 && d <= 12 && d < fc.features.length;
    })
    .sort((a, b) => Number(CATEGORY_HINT.test(foldHeader(b))) - Number(CATEGORY_HINT.test(foldHeader(a))) || distinct(a) - distinct(b));
  const nameCandidates = textual
    .filter((k) => distinct(k) > fc.features.length / 2)
    .sort((a, b) => Number(NAME_HINT.test(foldHeader(b))) - Number(NAME_HINT.test(foldHeader(a))));
  const category = categoryCandidates.find((k) => CATEGORY_HINT.test(foldHeader(k))) ?? categoryCandidates.find((k) => distinct(k) > 1) ?? null;
  return { keys, categoryCandidates, nameCandidates, category, name: nameCandidates[0] ?? null };
}

/** At most this many categories get their own colour; the rest are "other". */
export const MAX_POINT_CATEGORIES = 8;
export const OTHER_CATEGORY = 'sonstige';
export const ALL_CATEGORY = 'alle';

export interface PointCategoryCount {
  id: string;
  label: string;
  color: string;
  count: number;
}

/**
 * The categories of a layer, most frequent first, with colours from ColorBrewer's
 * Dark2 (distinct on a light map); beyond MAX_POINT_CATEGORIES they share "other".
 */
export function pointCategories(fc: FeatureCollection<Point, PointProps>, key: string | null, otherLabel: string, allLabel: string): { categories: PointCategoryCount[]; categoryOf: (f: Feature<Point, PointProps>) => string } {
  if (!key) {
    return { categories: [{ id: ALL_CATEGORY, label: allLabel, color: schemeDark2[0]!, count: fc.features.length }], categoryOf: () => ALL_CATEGORY };
  }
  const counts = new Map<string, number>();
  const text = (f: Feature<Point, PointProps>) => cellText(f.properties[key] ?? null) || otherLabel;
  for (const f of fc.features) counts.set(text(f), (counts.get(text(f)) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'de'));
  const own = sorted.length > MAX_POINT_CATEGORIES ? sorted.slice(0, MAX_POINT_CATEGORIES - 1) : sorted;
  const ids = new Map(own.map(([label], i) => [label, `c${i + 1}`]));
  const categories: PointCategoryCount[] = own.map(([label, count], i) => ({ id: `c${i + 1}`, label, color: schemeDark2[i]!, count }));
  const rest = sorted.slice(own.length).reduce((s, [, n]) => s + n, 0);
  if (rest > 0) categories.push({ id: OTHER_CATEGORY, label: otherLabel, color: '#666666', count: rest });
  return { categories, categoryOf: (f) => ids.get(text(f)) ?? OTHER_CATEGORY };
}

export interface PointLayerChoice {
  label: string;
  fileName: string;
  siteId: string;
  year: number;
  categoryKey: string | null;
  nameKey: string | null;
  /** Texts for the "other" and "all" categories (the UI's language). */
  otherLabel: string;
  allLabel: string;
}

/**
 * A user point layer from points in lon/lat: the GeoJSON the map shows (each
 * point with `name` and `category`, the file's other attributes kept) and its
 * description, stored under user/<id>/points.geojson.
 */
export function buildPointLayer(fc: FeatureCollection<Point, PointProps>, choice: PointLayerChoice, id: string): UserPointLayer {
  // Reprojected with a coordinate system that does not fit, coordinates are no longitude/latitude
  // (and 1e308 would be stored as null after rounding).
  const bad = fc.features.findIndex(({ geometry: { coordinates: [lon, lat] } }) => !(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90));
  if (bad >= 0) {
    const [lon, lat] = fc.features[bad]!.geometry.coordinates;
    throw new ImportError(choice.fileName, `point ${bad + 1} lies outside longitude/latitude after reprojection ([${lon}, ${lat}]): check the coordinate system`);
  }
  const { categories, categoryOf } = pointCategories(fc, choice.categoryKey, choice.otherLabel, choice.allLabel);
  const features = fc.features.map((f) => ({
    type: 'Feature' as const,
    properties: { ...f.properties, name: choice.nameKey ? cellText(f.properties[choice.nameKey] ?? null) : '', category: categoryOf(f) },
    geometry: { type: 'Point' as const, coordinates: [round6(f.geometry.coordinates[0]!), round6(f.geometry.coordinates[1]!)] },
  }));
  const file = `user/${id}/points.geojson`;
  const created = new Date().toISOString();
  const label = choice.label.trim() || stem(choice.fileName);
  return {
    layer: {
      id,
      site: choice.siteId,
      file,
      label: { de: label, en: label },
      count: features.length,
      year: choice.year,
      categories: categories.map((c) => ({ id: c.id, label: { de: c.label, en: c.label }, color: c.color })),
      source: {
        publisher: { de: 'Eigene Daten', en: 'Own data' },
        licence: '',
        licenceName: '',
        licenceUrl: '',
        attribution: `Eigene Daten: ${choice.fileName}`,
        vintage: { de: created.slice(0, 10), en: created.slice(0, 10) },
      },
      notes: { de: '', en: '' },
    },
    fileName: choice.fileName,
    bytes: new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features })),
    created,
  };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
