// The checks of one catalog site entry and the sources it cites (catalog-types.ts): what an online
// data package's site.json must pass before the app uses it (data/online-package.ts), and what every
// bundled site passes (tests/unit/online-package.test.ts runs it over data/catalog.json). Pure: each
// problem names the field ("levels[1].geometry", "sources.leipzig-geo.licenceUrl") and what is wrong.
import type { Direction, Unit } from './catalog-types';

const UNITS = ['count', 'persons', 'percent', 'per1000', 'per10000', 'years', 'eur', 'keur', 'km2', 'perkm2'] as const satisfies readonly Unit[];
const DIRECTIONS = ['neutral', 'higher-worse', 'higher-better'] as const satisfies readonly Direction[];
/** Ids of sites, levels, indicators and source keys: what the URL and DuckDB carry safely. */
export const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Columns of values.csv (read as SQL identifiers by the loader). */
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_TEXT = 4000;

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'string') return `"${x.length > 40 ? `${x.slice(0, 40)}…` : x}"`;
  return typeof x === 'object' ? 'an object' : String(x);
}

class Problems {
  readonly list: string[] = [];
  add(field: string, what: string, value: unknown): void {
    if (this.list.length < 50) this.list.push(`${field}: ${what} (found ${describe(value)})`);
  }
  text(field: string, x: unknown, optional = false): void {
    if (optional && x === undefined) return;
    if (typeof x !== 'string' || x.trim() === '' || x.length > MAX_TEXT) this.add(field, 'expected a text', x);
  }
  bilingual(field: string, x: unknown, optional = false): void {
    if (optional && x === undefined) return;
    if (!isObj(x)) return this.add(field, 'expected {"de": …, "en": …}', x);
    this.text(`${field}.de`, x.de);
    this.text(`${field}.en`, x.en);
  }
  id(field: string, x: unknown): void {
    if (typeof x !== 'string' || !ENTRY_ID.test(x)) this.add(field, 'expected an id (letters, digits, "-", "_", ".")', x);
  }
  path(field: string, x: unknown): void {
    if (typeof x !== 'string' || x.trim() === '' || x.length > 1000 || /[\s\\]/.test(x)) this.add(field, 'expected a file path', x);
  }
}

/** The problems of a source (empty: fine). */
export function sourceProblems(x: unknown, field: string): string[] {
  const p = new Problems();
  if (!isObj(x)) {
    p.add(field, 'expected a source object', x);
    return p.list;
  }
  p.bilingual(`${field}.publisher`, x.publisher);
  p.text(`${field}.licence`, x.licence);
  p.text(`${field}.licenceName`, x.licenceName);
  p.text(`${field}.licenceUrl`, x.licenceUrl);
  p.text(`${field}.attribution`, x.attribution);
  p.bilingual(`${field}.vintage`, x.vintage);
  p.text(`${field}.url`, x.url, true);
  return p.list;
}

function indicatorProblems(p: Problems, x: unknown, field: string, sources: Obj): void {
  if (!isObj(x)) return p.add(field, 'expected an indicator object', x);
  p.id(`${field}.id`, x.id);
  if (typeof x.column !== 'string' || !COLUMN.test(x.column)) p.add(`${field}.column`, 'expected a column name', x.column);
  p.bilingual(`${field}.label`, x.label);
  p.bilingual(`${field}.short`, x.short, true);
  if (!(UNITS as readonly unknown[]).includes(x.unit)) p.add(`${field}.unit`, `expected one of ${UNITS.join(', ')}`, x.unit);
  if (!Number.isInteger(x.decimals) || (x.decimals as number) < 0 || (x.decimals as number) > 6) p.add(`${field}.decimals`, 'expected an integer 0–6', x.decimals);
  p.bilingual(`${field}.definition`, x.definition);
  if (typeof x.source !== 'string' || !Object.hasOwn(sources, x.source)) p.add(`${field}.source`, 'expected the key of a source in "sources"', x.source);
  if (!(DIRECTIONS as readonly unknown[]).includes(x.direction)) p.add(`${field}.direction`, `expected one of ${DIRECTIONS.join(', ')}`, x.direction);
  const years = x.years;
  if (!Array.isArray(years) || years.length === 0 || !years.every((y, i) => Number.isInteger(y) && y >= 1800 && y <= 2200 && (i === 0 || y > years[i - 1]))) {
    p.add(`${field}.years`, 'expected years in ascending order', years);
  }
  const agg = x.agg;
  if (!isObj(agg)) p.add(`${field}.agg`, 'expected {"type": "sum" | "ratio" | "none", …}', agg);
  else if (agg.type === 'ratio') {
    for (const k of ['num', 'den'] as const) if (typeof agg[k] !== 'string' || !COLUMN.test(agg[k])) p.add(`${field}.agg.${k}`, 'expected a column name', agg[k]);
    if (typeof agg.scale !== 'number' || !Number.isFinite(agg.scale) || agg.scale <= 0) p.add(`${field}.agg.scale`, 'expected a positive number', agg.scale);
  } else if (agg.type === 'none') p.bilingual(`${field}.agg.reason`, agg.reason);
  else if (agg.type !== 'sum') p.add(`${field}.agg.type`, 'expected "sum", "ratio" or "none"', agg.type);
  p.bilingual(`${field}.notes`, x.notes, true);
  if (x.yearNotes !== undefined) {
    if (!isObj(x.yearNotes)) p.add(`${field}.yearNotes`, 'expected {year: {"de": …, "en": …}}', x.yearNotes);
    else for (const [y, note] of Object.entries(x.yearNotes)) p.bilingual(`${field}.yearNotes.${y}`, note);
  }
  if (x.formula !== undefined) p.add(`${field}.formula`, 'formula indicators are not part of a package', x.formula);
}

/**
 * The problems of a site entry of areas (the kind an online package holds; a grid site is refused) whose
 * `sources` are the sources it may cite. Empty: the entry is usable.
 */
export function siteProblems(x: unknown, sources: unknown, field = 'site'): string[] {
  const p = new Problems();
  if (!isObj(x)) {
    p.add(field, 'expected a site object', x);
    return p.list;
  }
  const known: Obj = isObj(sources) ? sources : {};
  p.id(`${field}.id`, x.id);
  if (x.kind !== undefined && x.kind !== 'areas') p.add(`${field}.kind`, 'only sites of areas ("areas") can be opened from a package', x.kind);
  p.bilingual(`${field}.label`, x.label);
  const b = x.bounds;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(b[0] < b[2] && b[1] < b[3] && b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90)) {
    p.add(`${field}.bounds`, 'expected [west, south, east, north] in degrees', b);
  }
  if (typeof x.geometrySource !== 'string' || !Object.hasOwn(known, x.geometrySource)) p.add(`${field}.geometrySource`, 'expected the key of a source in "sources"', x.geometrySource);
  const levels = x.levels;
  const levelIds: unknown[] = [];
  if (!Array.isArray(levels) || levels.length === 0) p.add(`${field}.levels`, 'expected a list of levels', levels);
  else
    levels.forEach((l, i) => {
      const f = `${field}.levels[${i}]`;
      if (!isObj(l)) return p.add(f, 'expected a level object', l);
      p.id(`${f}.id`, l.id);
      if (levelIds.includes(l.id)) p.add(`${f}.id`, 'the id occurs twice', l.id);
      levelIds.push(l.id);
      p.bilingual(`${f}.label`, l.label);
      p.path(`${f}.geometry`, l.geometry);
      if (!Number.isInteger(l.count) || (l.count as number) < 1) p.add(`${f}.count`, 'expected the number of areas', l.count);
    });
  p.path(`${field}.areas`, x.areas);
  p.path(`${field}.values`, x.values);
  if (x.firstView !== undefined && x.firstView !== '') p.path(`${field}.firstView`, x.firstView);
  const inds = x.indicators;
  const indIds: unknown[] = [];
  if (!Array.isArray(inds) || inds.length === 0) p.add(`${field}.indicators`, 'expected a list of indicators', inds);
  else
    inds.forEach((ind, i) => {
      indicatorProblems(p, ind, `${field}.indicators[${i}]`, known);
      const id = isObj(ind) ? ind.id : undefined;
      if (indIds.includes(id)) p.add(`${field}.indicators[${i}].id`, 'the id occurs twice', id);
      indIds.push(id);
    });
  const d = x.defaults;
  if (!isObj(d)) p.add(`${field}.defaults`, 'expected {"level", "ind", "year"}', d);
  else {
    if (!Array.isArray(levels) || !isObj(levels[0]) || d.level !== levels[0].id) p.add(`${field}.defaults.level`, 'expected the id of the first level', d.level);
    const ind = Array.isArray(inds) ? inds.find((n) => isObj(n) && n.id === d.ind) : undefined;
    if (!isObj(ind)) p.add(`${field}.defaults.ind`, 'expected the id of an indicator', d.ind);
    else if (!Array.isArray(ind.years) || !ind.years.includes(d.year)) p.add(`${field}.defaults.year`, 'expected a year of the default indicator', d.year);
  }
  if (x.extraValues !== undefined) p.add(`${field}.extraValues`, 'imported tables are not part of a package', x.extraValues);
  return p.list;
}

/** The problems of the sources a site entry cites (each key an id, each source complete). */
export function sourcesProblems(sources: unknown, field = 'sources'): string[] {
  if (!isObj(sources)) return [`${field}: expected {key: source, …} (found ${describe(sources)})`];
  return Object.entries(sources).flatMap(([key, s]) => (ENTRY_ID.test(key) ? sourceProblems(s, `${field}.${key}`) : [`${field}: "${key.slice(0, 40)}" is not a source key`]));
}
