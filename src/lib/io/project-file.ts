// The project file: every import (sites, tables added to sites, point layers), the
// programme areas (unions and drawn ones) and the view,
// in one JSON file to move work between computers. Binary file contents are
// base64-encoded.
import type { TableExtension, UserPointLayer, UserSite } from '../data/user-data';
import { ImportError, parseJson, valueText } from './import/common';
import { siteRegistry } from '../data/site-registry.svelte';
import type { ProgrammeArea } from '../data/programme-areas';
import { checkProgrammeArea } from '../data/programme-areas-check';
import { checkFormulaIndicator, type FormulaIndicator } from '../data/formula-indicators';

export const PROJECT_FORMAT = 'quartiersatlas-project';

interface StoredSite extends Omit<UserSite, 'files'> {
  files: Record<string, string>;
}
interface StoredExtension extends Omit<TableExtension, 'bytes'> {
  bytes: string;
}
interface StoredPointLayer extends Omit<UserPointLayer, 'bytes'> {
  bytes: string;
}
export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  version: 1;
  created: string;
  /** The view as a URL query ("?site=…"). */
  view: string;
  sites: StoredSite[];
  extensions: StoredExtension[];
  /** Imported point layers (optional: files written before they existed have none). */
  pointLayers?: StoredPointLayer[];
  /** Programme areas (optional: files written before they existed have none). */
  programmeAreas?: ProgrammeArea[];
  /** Formula indicators (optional: files written before they existed have none). */
  formulaIndicators?: FormulaIndicator[];
}

export interface ProjectContents {
  sites: UserSite[];
  extensions: TableExtension[];
  pointLayers: UserPointLayer[];
  /** Optional when writing (none), always there when read. */
  programmeAreas?: ProgrammeArea[];
  /** Optional when writing (none), always there when read. */
  formulaIndicators?: FormulaIndicator[];
  view: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function writeProject({ sites, extensions, pointLayers, programmeAreas = [], formulaIndicators = [], view }: ProjectContents): string {
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    version: 1,
    created: new Date().toISOString(),
    view,
    sites: sites.map((s) => ({ ...s, files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, toBase64(v)])) })),
    extensions: extensions.map((e) => ({ ...e, bytes: toBase64(e.bytes) })),
    pointLayers: pointLayers.map((l) => ({ ...l, bytes: toBase64(l.bytes) })),
    programmeAreas: [...programmeAreas],
    formulaIndicators: [...formulaIndicators],
  };
  return JSON.stringify(project);
}

/** Whether a parsed JSON document is a project file (not GeoJSON). */
export function isProject(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === PROJECT_FORMAT;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
/** An id or column name: no control characters (they end SQL literals and identifiers). */
const isName = (v: unknown): v is string => isString(v) && v !== '' && ![...v].some((c) => c.charCodeAt(0) < 0x20);
const isText = (v: unknown) => isObject(v) && isString(v.de) && isString(v.en);

/** Whether an indicator has what the loader and the views read. */
function validIndicator(i: unknown): boolean {
  if (!isObject(i) || !isName(i.id) || !isName(i.column) || !isText(i.label) || !isString(i.unit) || !isString(i.direction) || !isObject(i.agg)) return false;
  const agg = i.agg;
  if (agg.type === 'ratio') return isName(agg.num) && isName(agg.den) && typeof agg.scale === 'number' && Number.isFinite(agg.scale);
  return agg.type === 'sum' || agg.type === 'none';
}

/** DuckDB's CSV reader refuses longer lines (2 MB); no file the app writes comes near. */
const MAX_LINE = 1 << 20;

/**
 * The records of a CSV file as the loader (schema.ts) reads it, or why
 * DuckDB would refuse it: not UTF-8, a line beyond 1 MB, a quote inside an
 * unquoted field or text after a closing quote, a record with another number
 * of fields than the header. Blank lines are skipped.
 */
function strictCsv(bytes: Uint8Array): string[][] | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'is not UTF-8';
  }
  if (text.includes('\u0000')) return 'contains NUL characters';
  const rows: string[][] = [];
  let row: string[] = [];
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i <= n) {
    let field = '';
    if (text[i] === '"') {
      const start = i;
      for (i++; ; i++) {
        if (i >= n) return `has an unclosed quote (at character ${start + 1})`;
        if (text[i] === '"') {
          if (text[i + 1] === '"') i++;
          else break;
        }
        field += text[i];
      }
      i++;
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') return `has text after a closing quote (at character ${i + 1})`;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      field = text.slice(i, j);
      if (field.includes('"')) return `has a quote inside an unquoted field (at character ${i + 1})`;
      i = j;
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      continue;
    }
    // end of the record (line break or end of text)
    if (i - lineStart > MAX_LINE) return 'has a line longer than 1 MB';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
    if (i >= n) break;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    lineStart = i;
  }
  const width = rows[0]?.length ?? 0;
  const bad = rows.findIndex((r) => r.length !== width);
  if (bad >= 0) return `has ${rows[bad]!.length} fields in record ${bad + 1}, ${width} in the header`;
  return rows;
}

/** Why a values file (area_id, year, indicator columns) cannot be loaded for the given columns, or null. */
function valuesProblem(bytes: Uint8Array, columns: readonly string[]): string | null {
  const rows = strictCsv(bytes);
  if (typeof rows === 'string') return rows;
  const header = rows[0] ?? [];
  const missing = ['area_id', 'year', ...columns].find((c) => !header.includes(c));
  if (missing !== undefined) return `has no column "${missing}"`;
  // both NOT NULL in the observations (an empty field is NULL), the year an INTEGER
  const [area, year] = [header.indexOf('area_id'), header.indexOf('year')];
  const bad = rows.slice(1).find((r) => r[area] === '' || !/^-?\d{1,9}$/.test(r[year]!));
  if (bad) return `has a row without area or year ("${bad[area]!.slice(0, 20)}", "${bad[year]!.slice(0, 20)}")`;
  return null;
}

/** Why an areas file (id, name, level, parent, lon, lat) cannot be loaded, or null. */
function areasProblem(bytes: Uint8Array): string | null {
  const rows = strictCsv(bytes);
  if (typeof rows === 'string') return rows;
  const header = rows[0] ?? [];
  const missing = ['id', 'name', 'level', 'parent', 'lon', 'lat'].find((c) => !header.includes(c));
  if (missing !== undefined) return `has no column "${missing}"`;
  const [id, name, level] = ['id', 'name', 'level'].map((c) => header.indexOf(c)) as [number, number, number];
  const seen = new Set<string>();
  for (const r of rows.slice(1)) {
    // the loader reads empty fields as NULL; these columns are NOT NULL, and ids are unique
    if (r[id] === '' || r[name] === '' || r[level] === '') return 'has an area without id, name or level';
    if (seen.has(r[id]!)) return `has the id "${r[id]!.slice(0, 20)}" twice`;
    seen.add(r[id]!);
  }
  return null;
}

/**
 * Why the contents cannot be added to the app, or null. A project file is
 * the user's, but may be damaged or hand-edited: it must not replace a bundled
 * site, write files of other imports, or add indicators a site already has
 * (which would change what is loaded), and what it lists must be there.
 */
function projectProblem(p: ProjectContents): string | null {
  const ids = new Set<string>();
  const sites = new Map<string, { indicators: unknown; extraValues?: { file: string }[] }>();
  for (const c of siteRegistry.sites) sites.set(c.id, c);
  for (const [n, entry] of p.sites.entries()) {
    const site: unknown = entry.site;
    const where = `site ${n + 1}`;
    if (!isObject(site) || !isString(site.id) || !/^user-[\w-]+$/.test(site.id)) return `${where} has no id of an imported site ("user-…")`;
    if (ids.has(site.id)) return `${where}: the id "${site.id}" occurs twice`;
    ids.add(site.id);
    const prefix = `user/${site.id}/`;
    const paths = Object.keys(entry.files);
    if (paths.some((path) => !path.startsWith(prefix))) return `${where} has files outside ${prefix}`;
    if (site.kind !== undefined && site.kind !== 'areas') return `${where} is not a site of areas`;
    // A site with anything to load has all the loader and the views read. (One without any of it is
    // read as before: it adds nothing to DuckDB; older tests write such sites.)
    const loadable = ['levels', 'areas', 'values', 'indicators'].some((k) => site[k] !== undefined);
    if (loadable) {
      const levels = site.levels;
      if (!Array.isArray(levels) || levels.length === 0 || !levels.every((l: unknown) => isObject(l) && isString(l.id))) return `${where} has no list of levels`;
      const listed = [...levels.map((l: unknown) => (isObject(l) ? l.geometry : undefined)), site.areas, site.values];
      if (listed.some((path) => !isString(path) || !paths.includes(path))) return `${where} lists a file it does not contain`;
      if (!Array.isArray(site.indicators) || site.indicators.length === 0 || !site.indicators.every(validIndicator)) return `${where} has damaged indicators`;
      const bounds = site.bounds;
      if (!isText(site.label) || !Array.isArray(bounds) || bounds.length !== 4 || !bounds.every((v) => typeof v === 'number' && Number.isFinite(v)) || !isObject(site.defaults)) {
        return `${where} has no label, bounds or defaults`;
      }
    }
    if (isString(site.areas)) {
      const problem = areasProblem(entry.files[site.areas]!);
      if (problem) return `${where}: ${site.areas} ${problem}`;
    }
    if (isString(site.values) && Array.isArray(site.indicators)) {
      // The loader needs a column for each indicator of the values file, and some value in them.
      const extra = new Set(Array.isArray(site.extraValues) ? site.extraValues.flatMap((e: unknown) => (isObject(e) && Array.isArray(e.indicators) ? e.indicators : [])) : []);
      const columns = (site.indicators as { id: string; column: string }[]).filter((i) => !extra.has(i.id)).map((i) => i.column);
      const bytes = entry.files[site.values]!;
      const problem = valuesProblem(bytes, columns);
      if (problem) return `${where}: ${site.values} ${problem}`;
      const rows = strictCsv(bytes) as string[][];
      const at = columns.map((c) => rows[0]!.indexOf(c));
      if (!rows.slice(1).some((r) => at.some((i) => r[i]!.trim() !== '' && Number.isFinite(Number(r[i]))))) return `${where} has no values`;
    }
    sites.set(site.id, site as { indicators: unknown });
  }
  const files = new Set<string>();
  for (const [n, ext] of p.extensions.entries()) {
    const where = `table ${n + 1}`;
    // derived from a bundled point layer: not read (computed again when the layer is shown)
    if (isString(ext.id) && ext.id.startsWith('pts-')) continue;
    if (!isString(ext.id) || !/^[\w-]+$/.test(ext.id) || !isString(ext.siteId) || !isName(ext.file) || !ext.file.startsWith(`user/${ext.id}/`)) return `${where} has no id, site or values file`;
    if (files.has(ext.file)) return `${where}: the file "${ext.file}" occurs twice`;
    files.add(ext.file);
    const target = sites.get(ext.siteId);
    if (!target) return `${where} is for the site "${ext.siteId}", which is neither in the file nor loaded`;
    const indicators: unknown = ext.indicators;
    if (!Array.isArray(indicators) || !indicators.every(validIndicator)) return `${where} has damaged indicators`;
    const problem = valuesProblem(ext.bytes, (indicators as { column: string }[]).map((i) => i.column));
    if (problem) return `${where}: the values file ${problem}`;
    // The indicators the site has, without those of this very table (the same project read again).
    const again = target.extraValues?.some((e) => e.file === ext.file) ?? false;
    const taken = new Set(again ? [] : Array.isArray(target.indicators) ? target.indicators.map((i: unknown) => (isObject(i) ? i.id : null)) : []);
    for (const i of indicators as { id: string }[]) {
      if (taken.has(i.id)) return `${where}: the site "${ext.siteId}" already has an indicator "${i.id}"`;
      taken.add(i.id);
    }
  }
  for (const [n, entry] of p.pointLayers.entries()) {
    const where = `point layer ${n + 1}`;
    const layer: unknown = entry.layer;
    if (!isObject(layer) || !isString(layer.id) || !/^[\w-]+$/.test(layer.id) || !isString(layer.site) || !isName(layer.file) || !layer.file.startsWith(`user/${layer.id}/`)) return `${where} has no id, site or file`;
    let points: unknown;
    try {
      points = JSON.parse(new TextDecoder().decode(entry.bytes));
    } catch {
      points = null;
    }
    if (!isObject(points) || points.type !== 'FeatureCollection' || !Array.isArray(points.features)) return `${where} holds no GeoJSON FeatureCollection`;
  }
  return null;
}

/** The file's programme areas, each checked, for sites in the file or loaded; or why not. */
function readProgrammeAreas(list: unknown, sites: ReadonlySet<string>): ProgrammeArea[] | string {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return 'the programme areas are not a list';
  const out: ProgrammeArea[] = [];
  for (const [n, x] of list.entries()) {
    const checked = checkProgrammeArea(x);
    if (!checked.ok) return `programme area ${n + 1}: ${checked.reason}`;
    if (!sites.has(checked.value.site)) return `programme area ${n + 1} is for the site "${checked.value.site}", which is neither in the file nor loaded`;
    if (out.some((a) => a.id === checked.value.id)) return `programme area ${n + 1}: the id "${checked.value.id}" occurs twice`;
    out.push(checked.value);
  }
  return out;
}

/** The file's formula indicators, each checked, for sites in the file or loaded; or why not (formulas are checked when added). */
function readFormulaIndicators(list: unknown, sites: ReadonlySet<string>): FormulaIndicator[] | string {
  if (list === undefined) return [];
  if (!Array.isArray(list)) return 'the formula indicators are not a list';
  const out: FormulaIndicator[] = [];
  for (const [n, x] of list.entries()) {
    const checked = checkFormulaIndicator(x);
    if (!checked.ok) return `formula indicator ${n + 1}: ${checked.reason}`;
    if (!sites.has(checked.value.site)) return `formula indicator ${n + 1} is for the site "${checked.value.site}", which is neither in the file nor loaded`;
    if (out.some((f) => f.id === checked.value.id)) return `formula indicator ${n + 1}: the id "${checked.value.id}" occurs twice`;
    out.push(checked.value);
  }
  return out;
}

export function readProject(text: string, fileName: string): Required<ProjectContents> {
  const json = parseJson(fileName, text);
  if (!isProject(json)) throw new ImportError(fileName, 'not a Quartiersatlas project file');
  const p = json as ProjectFile;
  if (p.version !== 1) throw new ImportError(fileName, `project file version ${valueText(p.version).slice(0, 20)} is not supported`);
  if (!Array.isArray(p.sites) || !Array.isArray(p.extensions) || (p.pointLayers !== undefined && !Array.isArray(p.pointLayers))) throw new ImportError(fileName, 'the project file is incomplete');
  let contents: ProjectContents;
  try {
    contents = {
      view: typeof p.view === 'string' ? p.view : '',
      sites: p.sites.map((s) => ({ ...s, files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, fromBase64(v)])) })),
      extensions: p.extensions.map((e) => ({ ...e, bytes: fromBase64(e.bytes) })),
      pointLayers: (p.pointLayers ?? []).map((l) => ({ ...l, bytes: fromBase64(l.bytes) })),
    };
  } catch (err) {
    throw new ImportError(fileName, `the project file is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  const problem = projectProblem(contents);
  if (problem) throw new ImportError(fileName, `the project file is damaged or does not fit: ${problem}`);
  const siteIds = new Set([...siteRegistry.sites.map((s) => s.id), ...contents.sites.map((s) => s.site.id)]);
  const programmeAreas = readProgrammeAreas(p.programmeAreas, siteIds);
  if (typeof programmeAreas === 'string') throw new ImportError(fileName, `the project file is damaged or does not fit: ${programmeAreas}`);
  const formulaIndicators = readFormulaIndicators(p.formulaIndicators, siteIds);
  if (typeof formulaIndicators === 'string') throw new ImportError(fileName, `the project file is damaged or does not fit: ${formulaIndicators}`);
  return { ...contents, programmeAreas, formulaIndicators };
}
