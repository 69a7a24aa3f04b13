// Turns imported boundaries (already in WGS84) into a site like the bundled
// ones: a GeoJSON with {id, name}, areas.csv, values.csv (area_id, year, one
// column per indicator) and a catalog entry. Numeric attributes become
// indicators; the area in km² is always added (computed with turf).
import type { FeatureCollection, Geometry } from 'geojson';
import { area, bbox, pointOnFeature } from '@turf/turf';
import type { Indicator, Site, Source, Unit } from '../../data/catalog-types';
import type { UserSite } from '../../data/user-data';
import { areaFeature, areasCsv, geometryPath, sitePaths, valuesCsv, VALUE_KEY_COLUMNS } from '../../data/site-package.js';
import { ImportError, valueText } from './common';

export interface SiteChoice {
  /** Shown in the site list ("Meine Daten"). */
  label: string;
  fileName: string;
  idKey: string;
  nameKey: string | null;
  /** Numeric attributes to keep as indicators, with their unit. */
  indicators: { key: string; unit: Unit }[];
  /** The year the attributes describe. */
  year: number;
  crsLabel: string;
}

/** Lower case ASCII as Germans spell without umlauts: "Groß-Zschocher" → "gross-zschocher". */
export function foldGerman(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '');
}

/** Ids become column names and URL parameters: a header of a megabyte must not make one of a megabyte. */
const MAX_SLUG = 64;

/** An ASCII id from a label: "Einwohner über 65" → "einwohner_ueber_65" (at most 64 characters). */
export function slug(text: string): string {
  const s = foldGerman(text.length > 4 * MAX_SLUG ? text.slice(0, 4 * MAX_SLUG) : text)
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, MAX_SLUG)
    .replace(/^_+|_+$/g, '');
  return s === '' ? 'wert' : s;
}

/** Why a geometry is not in longitude/latitude (the coordinate system chosen does not fit), or null. */
function lonLatProblem(geometry: Geometry): string | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (!(Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90)) return `[${lon}, ${lat}]`;
      }
    }
  }
  return null;
}

const encode = (text: string) => new TextEncoder().encode(text);
/** The longest key or name of an area. */
const MAX_LABEL = 1000;
const text = (v: unknown) => valueText(v).trim();

/** Keys and names are labels: DuckDB's CSV reader refuses lines beyond 2 MB, and no list or map shows more than a few words. */
function tooLong(fileName: string, what: string, values: readonly string[]): void {
  const long = values.findIndex((v) => v.length > MAX_LABEL);
  if (long >= 0) throw new ImportError(fileName, `the ${what} of feature ${long + 1} has ${values[long]!.length.toLocaleString('en')} characters (at most ${MAX_LABEL.toLocaleString('en')})`);
}

export function buildUserSite(fc: FeatureCollection<Geometry, Record<string, unknown>>, choice: SiteChoice, siteId: string): UserSite {
  const ids = fc.features.map((f) => text(f.properties?.[choice.idKey]));
  const empty = ids.findIndex((id) => id === '');
  if (empty >= 0) throw new ImportError(choice.fileName, `feature ${empty + 1} has no value in the key attribute "${choice.idKey}"`);
  tooLong(choice.fileName, 'key', ids);
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) throw new ImportError(choice.fileName, `the key "${id}" (attribute "${choice.idKey}") occurs twice (feature ${i + 1})`);
    seen.add(id);
  }
  // Reprojected with a coordinate system that does not fit, coordinates are no longitude/latitude (and
  // turf's area and label point would be NaN or Infinity).
  fc.features.forEach((f, i) => {
    const bad = lonLatProblem(f.geometry);
    if (bad) throw new ImportError(choice.fileName, `feature ${i + 1} lies outside longitude/latitude after reprojection (${bad}): check the coordinate system`);
  });
  const dir = `user/${siteId}`;
  // An import has one level; its GeoJSON is named "areas" (the paths are stored with the import).
  const paths = { ...sitePaths(dir), geometry: geometryPath(dir, 'areas') };
  const level = 'gebiet';
  const names = fc.features.map((f, i) => (choice.nameKey ? text(f.properties?.[choice.nameKey]) : '') || ids[i]!);
  tooLong(choice.fileName, 'name', names);

  const geojson: FeatureCollection = {
    type: 'FeatureCollection',
    features: fc.features.map((f, i) => areaFeature(ids[i]!, names[i]!, f.geometry)),
  };
  const points = fc.features.map((f) => pointOnFeature(f).geometry.coordinates);
  const areas = fc.features.map((f) => area(f) / 1e6);
  const broken = fc.features.findIndex((_, i) => !points[i]!.every(Number.isFinite) || !Number.isFinite(areas[i]));
  if (broken >= 0) throw new ImportError(choice.fileName, `feature ${broken + 1} has an invalid geometry (no area or label point can be computed)`);
  const areasText = areasCsv(ids.map((id, i) => ({ id, name: names[i]!, level, lon: points[i]![0]!.toFixed(6), lat: points[i]![1]!.toFixed(6) })));

  const used = new Set<string>(VALUE_KEY_COLUMNS);
  const columns = choice.indicators.map((c) => {
    let id = slug(c.key);
    while (used.has(id)) id += '_';
    used.add(id);
    return { ...c, id };
  });
  const areaId = used.has('flaeche_km2') ? 'flaeche_km2_' : 'flaeche_km2';
  // Only numbers are values: text in a numeric attribute is missing.
  const numberOf = (v: unknown) => (typeof v === 'number' ? v : null);
  const valuesText = valuesCsv(
    [...columns.map((c) => c.id), areaId],
    fc.features.map((f, i) => ({
      areaId: ids[i]!,
      year: choice.year,
      values: Object.fromEntries([...columns.map((c) => [c.id, numberOf(f.properties?.[c.key])]), [areaId, areas[i]!.toFixed(4)]]),
    })),
  );

  const sourceKey = `${siteId}-source`;
  const indicator = (id: string, label: string, unit: Unit, decimals: number): Indicator => ({
    id,
    column: id,
    label: { de: label, en: label },
    unit,
    decimals,
    definition: { de: `Attribut „${label}“ aus ${choice.fileName}`, en: `Attribute “${label}” from ${choice.fileName}` },
    source: sourceKey,
    direction: 'neutral',
    years: [choice.year],
    // Counts add up; shares and other figures cannot be aggregated without their counts.
    agg: unit === 'count' || unit === 'km2' ? { type: 'sum' } : { type: 'none', reason: { de: 'Eigene Daten ohne Zähler und Nenner', en: 'Own data without numerator and denominator' } },
  });
  const indicators = [
    ...columns.map((c) => indicator(c.id, c.key, c.unit, c.unit === 'count' ? 0 : 1)),
    { ...indicator(areaId, 'Fläche (km²)', 'km2', 2), label: { de: 'Fläche (km²)', en: 'Area (km²)' }, definition: { de: 'Fläche der Geometrie, berechnet', en: 'Area of the geometry, computed' } },
  ];
  const [w, s, e, n] = bbox(geojson);
  const site: Site = {
    id: siteId,
    kind: 'areas',
    label: { de: choice.label, en: choice.label },
    bounds: [w, s, e, n],
    geometrySource: sourceKey,
    levels: [{ id: level, label: { de: 'Gebiete', en: 'Areas' }, geometry: paths.geometry, count: ids.length }],
    areas: paths.areas,
    values: paths.values,
    firstView: '',
    defaults: { level, ind: indicators[0]!.id, year: choice.year },
    indicators,
  };
  const created = new Date().toISOString();
  const source: Source = {
    publisher: { de: 'Eigene Daten', en: 'Own data' },
    licence: '',
    licenceName: '',
    licenceUrl: '',
    attribution: `Eigene Daten: ${choice.fileName} (${choice.crsLabel})`,
    vintage: { de: created.slice(0, 10), en: created.slice(0, 10) },
  };
  return {
    site,
    source,
    created,
    files: {
      [paths.geometry]: encode(JSON.stringify(geojson)),
      [paths.areas]: encode(areasText),
      [paths.values]: encode(valuesText),
    },
  };
}
