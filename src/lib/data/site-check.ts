// The checks of one catalog site entry and the sources it cites (catalog-types.ts): what an online
// data package's site.json must pass before the app uses it (data/online-package.ts), and what every
// bundled site passes (tests/unit/online-package.test.ts runs it over data/catalog.json). Pure: each
// problem names the field ("levels[1].geometry", "sources.leipzig-geo.licenceUrl") and what is wrong, in
// the UI's language (the dialog shows them to whoever published the package; English by default).
import type { Direction, Unit } from './catalog-types';
import { translate, type Lang, type MessageKey } from '../i18n';
import '../i18n/panels-messages';

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

/** What a problem says is wrong (the dictionaries' `check.*` texts). */
type CheckKey = MessageKey & `check.${string}`;

function describe(x: unknown, lang: Lang): string {
  if (x === undefined) return translate(lang, 'check.value.missing');
  if (x === null) return 'null';
  if (Array.isArray(x)) return translate(lang, 'check.value.list');
  if (typeof x === 'string') return `"${x.length > 40 ? `${x.slice(0, 40)}…` : x}"`;
  return typeof x === 'object' ? translate(lang, 'check.value.object') : String(x);
}

class Problems {
  readonly list: string[] = [];
  constructor(readonly lang: Lang) {}
  add(field: string, what: CheckKey, value: unknown, params: Record<string, string> = {}): void {
    if (this.list.length < 50) this.list.push(translate(this.lang, 'check.problem', { field, what: translate(this.lang, what, params), found: describe(value, this.lang) }));
  }
  text(field: string, x: unknown, optional = false): void {
    if (optional && x === undefined) return;
    if (typeof x !== 'string' || x.trim() === '' || x.length > MAX_TEXT) this.add(field, 'check.text', x);
  }
  bilingual(field: string, x: unknown, optional = false): void {
    if (optional && x === undefined) return;
    if (!isObj(x)) return this.add(field, 'check.bilingual', x);
    this.text(`${field}.de`, x.de);
    this.text(`${field}.en`, x.en);
  }
  id(field: string, x: unknown): void {
    if (typeof x !== 'string' || !ENTRY_ID.test(x)) this.add(field, 'check.id', x);
  }
  path(field: string, x: unknown): void {
    if (typeof x !== 'string' || x.trim() === '' || x.length > 1000 || /[\s\\]/.test(x)) this.add(field, 'check.path', x);
  }
}

/** The problems of a source (empty: fine). */
export function sourceProblems(x: unknown, field: string, lang: Lang = 'en'): string[] {
  const p = new Problems(lang);
  if (!isObj(x)) {
    p.add(field, 'check.sourceObject', x);
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
  if (!isObj(x)) return p.add(field, 'check.indicatorObject', x);
  p.id(`${field}.id`, x.id);
  if (typeof x.column !== 'string' || !COLUMN.test(x.column)) p.add(`${field}.column`, 'check.column', x.column);
  p.bilingual(`${field}.label`, x.label);
  p.bilingual(`${field}.short`, x.short, true);
  if (!(UNITS as readonly unknown[]).includes(x.unit)) p.add(`${field}.unit`, 'check.oneOf', x.unit, { list: UNITS.join(', ') });
  if (!Number.isInteger(x.decimals) || (x.decimals as number) < 0 || (x.decimals as number) > 6) p.add(`${field}.decimals`, 'check.decimals', x.decimals);
  p.bilingual(`${field}.definition`, x.definition);
  if (typeof x.source !== 'string' || !Object.hasOwn(sources, x.source)) p.add(`${field}.source`, 'check.sourceKey', x.source);
  if (!(DIRECTIONS as readonly unknown[]).includes(x.direction)) p.add(`${field}.direction`, 'check.oneOf', x.direction, { list: DIRECTIONS.join(', ') });
  const years = x.years;
  if (!Array.isArray(years) || years.length === 0 || !years.every((y, i) => Number.isInteger(y) && y >= 1800 && y <= 2200 && (i === 0 || y > years[i - 1]))) {
    p.add(`${field}.years`, 'check.years', years);
  }
  const agg = x.agg;
  if (!isObj(agg)) p.add(`${field}.agg`, 'check.agg', agg);
  else if (agg.type === 'ratio') {
    for (const k of ['num', 'den'] as const) if (typeof agg[k] !== 'string' || !COLUMN.test(agg[k])) p.add(`${field}.agg.${k}`, 'check.column', agg[k]);
    if (typeof agg.scale !== 'number' || !Number.isFinite(agg.scale) || agg.scale <= 0) p.add(`${field}.agg.scale`, 'check.positive', agg.scale);
  } else if (agg.type === 'none') p.bilingual(`${field}.agg.reason`, agg.reason);
  else if (agg.type !== 'sum') p.add(`${field}.agg.type`, 'check.aggType', agg.type);
  p.bilingual(`${field}.notes`, x.notes, true);
  if (x.yearNotes !== undefined) {
    if (!isObj(x.yearNotes)) p.add(`${field}.yearNotes`, 'check.yearNotes', x.yearNotes);
    else for (const [y, note] of Object.entries(x.yearNotes)) p.bilingual(`${field}.yearNotes.${y}`, note);
  }
  if (x.formula !== undefined) p.add(`${field}.formula`, 'check.formula', x.formula);
}

/** A level's vector tiles (catalog-types.ts LevelTiles): the archive's path, its layer and zoom range. */
function tilesProblems(p: Problems, t: unknown, field: string): void {
  if (!isObj(t)) return p.add(field, 'check.tiles', t);
  p.path(`${field}.url`, t.url);
  p.text(`${field}.layer`, t.layer);
  const zoom = (z: unknown) => Number.isInteger(z) && (z as number) >= 0 && (z as number) <= 24;
  if (!zoom(t.minzoom)) p.add(`${field}.minzoom`, 'check.zoom', t.minzoom);
  if (!zoom(t.maxzoom) || (zoom(t.minzoom) && (t.maxzoom as number) < (t.minzoom as number))) p.add(`${field}.maxzoom`, 'check.zoom', t.maxzoom);
}

/** Values per indicator (catalog-types.ts ValueParts): a file path for indicators the entry lists. */
function valuePartsProblems(p: Problems, v: unknown, field: string, indIds: readonly unknown[]): void {
  if (!isObj(v) || !isObj(v.files)) return p.add(field, 'check.valueParts', v);
  p.text(`${field}.format`, v.format);
  for (const [id, path] of Object.entries(v.files)) {
    if (!indIds.includes(id)) p.add(`${field}.files`, 'check.valuePartInd', id);
    p.path(`${field}.files.${id}`, path);
  }
}

/**
 * The problems of a site entry of areas (the kind an online package holds; a grid site is refused) whose
 * `sources` are the sources it may cite. Empty: the entry is usable.
 */
export function siteProblems(x: unknown, sources: unknown, field = 'site', lang: Lang = 'en'): string[] {
  const p = new Problems(lang);
  if (!isObj(x)) {
    p.add(field, 'check.siteObject', x);
    return p.list;
  }
  const known: Obj = isObj(sources) ? sources : {};
  p.id(`${field}.id`, x.id);
  if (x.kind !== undefined && x.kind !== 'areas') p.add(`${field}.kind`, 'check.kind', x.kind);
  p.bilingual(`${field}.label`, x.label);
  const b = x.bounds;
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v)) || !(b[0] < b[2] && b[1] < b[3] && b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90)) {
    p.add(`${field}.bounds`, 'check.bounds', b);
  }
  if (typeof x.geometrySource !== 'string' || !Object.hasOwn(known, x.geometrySource)) p.add(`${field}.geometrySource`, 'check.sourceKey', x.geometrySource);
  const levels = x.levels;
  const levelIds: unknown[] = [];
  if (!Array.isArray(levels) || levels.length === 0) p.add(`${field}.levels`, 'check.levels', levels);
  else
    levels.forEach((l, i) => {
      const f = `${field}.levels[${i}]`;
      if (!isObj(l)) return p.add(f, 'check.levelObject', l);
      p.id(`${f}.id`, l.id);
      if (levelIds.includes(l.id)) p.add(`${f}.id`, 'check.twice', l.id);
      levelIds.push(l.id);
      p.bilingual(`${f}.label`, l.label);
      p.path(`${f}.geometry`, l.geometry);
      if (!Number.isInteger(l.count) || (l.count as number) < 1) p.add(`${f}.count`, 'check.count', l.count);
      if (l.tiles !== undefined) tilesProblems(p, l.tiles, `${f}.tiles`);
    });
  p.path(`${field}.areas`, x.areas);
  p.path(`${field}.values`, x.values);
  if (x.firstView !== undefined && x.firstView !== '') p.path(`${field}.firstView`, x.firstView);
  const inds = x.indicators;
  const indIds: unknown[] = [];
  if (!Array.isArray(inds) || inds.length === 0) p.add(`${field}.indicators`, 'check.indicators', inds);
  else
    inds.forEach((ind, i) => {
      indicatorProblems(p, ind, `${field}.indicators[${i}]`, known);
      const id = isObj(ind) ? ind.id : undefined;
      if (indIds.includes(id)) p.add(`${field}.indicators[${i}].id`, 'check.twice', id);
      indIds.push(id);
    });
  const d = x.defaults;
  if (!isObj(d)) p.add(`${field}.defaults`, 'check.defaults', d);
  else {
    if (!Array.isArray(levels) || !isObj(levels[0]) || d.level !== levels[0].id) p.add(`${field}.defaults.level`, 'check.defaultLevel', d.level);
    const ind = Array.isArray(inds) ? inds.find((n) => isObj(n) && n.id === d.ind) : undefined;
    if (!isObj(ind)) p.add(`${field}.defaults.ind`, 'check.defaultInd', d.ind);
    else if (!Array.isArray(ind.years) || !ind.years.includes(d.year)) p.add(`${field}.defaults.year`, 'check.defaultYear', d.year);
  }
  if (x.extraValues !== undefined) p.add(`${field}.extraValues`, 'check.extraValues', x.extraValues);
  if (x.valueParts !== undefined) valuePartsProblems(p, x.valueParts, `${field}.valueParts`, indIds);
  return p.list;
}

/** The problems of the sources a site entry cites (each key an id, each source complete). */
export function sourcesProblems(sources: unknown, field = 'sources', lang: Lang = 'en'): string[] {
  const p = new Problems(lang);
  if (!isObj(sources)) {
    p.add(field, 'check.sources', sources);
    return p.list;
  }
  for (const key of Object.keys(sources)) if (!ENTRY_ID.test(key)) p.add(field, 'check.sourceKeyBad', key);
  return [...p.list, ...Object.entries(sources).flatMap(([key, s]) => (ENTRY_ID.test(key) ? sourceProblems(s, `${field}.${key}`, lang) : []))];
}
