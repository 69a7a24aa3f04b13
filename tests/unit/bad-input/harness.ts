// The pipeline every bad-input case runs through, as the import dialog runs it:
// parseImport → the dialog's default choices → the follow-up steps (joinTable,
// buildUserSite, buildPointLayer, readProject) → DuckDB, which already holds the
// bundled Leipzig site. A case ends either refused with a clear message (an
// ImportError naming the file, or the dialog's own message) or loaded with sane
// numbers; either way Leipzig's rows in DuckDB are unchanged.
import { expect } from 'vitest';
import type { Feature, Geometry, Point } from 'geojson';
import { createNodeEngine, readDataFile } from '../helpers/node-engine';
import { queryRows, type Engine } from '../../../src/lib/db/engine';
import { insertIndicators, loadSite, unloadSite } from '../../../src/lib/db/schema';
import { str } from '../../../src/lib/db/sql';
import { findBundledSite } from '../../../src/lib/data/catalog';
import type { Site } from '../../../src/lib/data/catalog-types';
import { ImportError, type InputFile } from '../../../src/lib/io/import/common';
import { suggestAttributes, toLonLat, type AttributeSuggestion } from '../../../src/lib/io/import/boundaries';
import type { RawBoundaries } from '../../../src/lib/io/import/raw-boundaries';
import { ImportCodeError, type ParsedImport } from '../../../src/lib/io/import/parse-import';
import { parseDrop, type ParsedDrop } from '../../../src/lib/io/import/parse-drop';
import type { UnusedFile } from '../../../src/lib/io/import/drop-groups';
import { defaultChoice, joinTable, type TableImport } from '../../../src/lib/io/import/table-join';
import { parseDelimited } from '../../../src/lib/io/import/table/csv';
import type { TableSuggestion } from '../../../src/lib/io/import/table/mapping';
import { buildUserSite } from '../../../src/lib/io/import/build-site';
import { buildPointLayer, suggestPointAttributes, type RawPoints } from '../../../src/lib/io/import/points';
import { toWgs84 } from '../../../src/lib/io/import/crs/reproject';
import { crsByCode } from '../../../src/lib/io/import/crs/definitions';
import { readProject, type ProjectContents } from '../../../src/lib/io/project-file';
import type { UserPointLayer, UserSite } from '../../../src/lib/data/user-data';

/** A case that takes longer fails: the readers of binary formats had endless loops before. */
export const CASE_TIMEOUT_MS = 8000;

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout: ${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// The engine with Leipzig, and what must not change

export interface Env {
  engine: Engine;
  /** Queries sent since the last snapshot: without any, Leipzig cannot have changed. */
  queries: number;
  leipzig: Site;
  /** Leipzig's Ortsteile (the base level a table is joined to). */
  areas: { id: string; name: string }[];
  baseline: Snapshot;
}

export type Snapshot = Record<string, unknown>;

/** Leipzig's rows in DuckDB, condensed: counts, order-independent hashes of every row, sums of values. */
export async function snapshot(engine: Engine): Promise<Snapshot> {
  const [row] = await queryRows(
    engine,
    `SELECT
      (SELECT count(*) FROM areas WHERE site = 'leipzig') AS areas,
      (SELECT bit_xor(hash(id, name, level, parent, lon, lat))::VARCHAR FROM areas WHERE site = 'leipzig') AS areas_hash,
      (SELECT count(*) FROM area_base WHERE site = 'leipzig') AS area_base,
      (SELECT bit_xor(hash(base_id, level, area_id))::VARCHAR FROM area_base WHERE site = 'leipzig') AS area_base_hash,
      (SELECT count(*) FROM indicators WHERE site = 'leipzig') AS indicators,
      (SELECT bit_xor(hash(id, unit, direction, agg, scale, label_de, label_en))::VARCHAR FROM indicators WHERE site = 'leipzig') AS indicators_hash,
      (SELECT count(*) FROM observations WHERE site = 'leipzig') AS observations,
      (SELECT round(sum(value), 6) FROM observations WHERE site = 'leipzig') AS sum_value,
      (SELECT round(sum(num), 6) FROM observations WHERE site = 'leipzig') AS sum_num,
      (SELECT round(sum(den), 6) FROM observations WHERE site = 'leipzig') AS sum_den,
      (SELECT bit_xor(hash(area_id, ind, year, value, num, den))::VARCHAR FROM observations WHERE site = 'leipzig') AS observations_hash,
      (SELECT string_agg(DISTINCT site, ',') FROM areas) AS sites`,
  );
  return row!;
}

export async function createEnv(): Promise<Env> {
  const inner = await createNodeEngine();
  const env = { queries: 0 } as Env;
  const counted: Engine = {
    registerFile: (name, bytes) => {
      env.queries++;
      return inner.registerFile(name, bytes);
    },
    query: (sql) => {
      env.queries++;
      return inner.query(sql);
    },
    insertArrowIPC: (name, bytes) => {
      env.queries++;
      return inner.insertArrowIPC(name, bytes);
    },
  };
  const engine = counted;
  const leipzig = findBundledSite('leipzig');
  await loadSite(engine, leipzig, readDataFile);
  const areas = await queryRows<{ id: string; name: string }>(engine, "SELECT id, name FROM areas WHERE site = 'leipzig' AND level = 'ortsteil' ORDER BY id");
  const baseline = await snapshot(engine);
  expect(baseline.areas).toBeGreaterThan(60);
  expect(baseline.observations).toBeGreaterThan(10_000);
  return Object.assign(env, { engine, queries: 0, leipzig, areas, baseline });
}

// ---------------------------------------------------------------------------
// Outcomes

export type Stage = 'parse' | 'choice' | 'reproject' | 'build' | 'project';

/** What every outcome of a drop carries besides its first item's result. */
interface DropParts {
  /** Files given together: the files not used, with the reason. */
  unused?: UnusedFile[];
  /** Files given together: the outcomes of the items after the first (a table after boundaries joins to them). */
  others?: Outcome[];
}

export interface Refused extends DropParts {
  status: 'refused';
  stage: Stage;
  message: string;
}

export interface Loaded extends DropParts {
  status: 'loaded';
  kind: ParsedImport['kind'];
  parsed: ParsedImport;
  /** Tables: the suggestion, the join and the rows that reached DuckDB. */
  suggestion?: TableSuggestion;
  join?: TableImport;
  /** Points (a point file, or a table with coordinates): the layer built. */
  points?: UserPointLayer;
  pointsRefused?: Refused;
  /** Boundaries: the suggestion and the site built. */
  attrs?: AttributeSuggestion;
  site?: UserSite;
  project?: ProjectContents;
  /** Rows that reached DuckDB (tables: the new Leipzig indicators; boundaries and projects: the new sites). */
  observations: { site: string; area_id: string; ind: string; year: number; value: number | null }[];
  areas: { site: string; id: string; name: string; lon: number | null; lat: number | null }[];
}

export type Outcome = Refused | Loaded;

const names = (files: readonly InputFile[]) => files.map((f) => f.name);

/** The error of a refused import: an ImportError naming one of the files (or a file inside a dropped archive). */
function expectImportError(err: unknown, files: readonly InputFile[]): string {
  if (!(err instanceof ImportError)) throw new Error(`expected an ImportError, got ${err instanceof Error ? `${err.constructor.name}: ${err.stack}` : String(err)}`);
  const given = names(files);
  const archive = given.some((n) => /\.zip$/i.test(n));
  const named = err.file === given.join(', ') || given.includes(err.file) || (archive && err.file !== '') || (given.length === 0 && err.file === '–');
  if (!named) throw new Error(`the ImportError names "${err.file}", none of ${given.join(', ')}: ${err.message}`);
  expect(err.message.startsWith(`${err.file}: `)).toBe(true);
  const detail = err.message.slice(err.file.length + 2);
  // a message, not a bare code or an empty string (codes are worded by the dialog)
  if (!(err instanceof ImportCodeError)) expect(detail.length).toBeGreaterThan(5);
  expect(err.message.length).toBeLessThan(2000);
  return err.message;
}

/** The areas a table from the same drop joins to: the site made from the drop's boundaries. */
interface DropTarget {
  siteId: string;
  areas: { id: string; name: string }[];
}

/**
 * Runs one case through the whole import as the dialog runs it; throws (fails the test) on anything but a
 * clear refusal or a sane result. Files given together are read as a drop: the first item's outcome is the
 * case's outcome, the others (a table after boundaries joins to the new site) are in `others`.
 */
export async function runPipeline(env: Env, files: readonly InputFile[]): Promise<Outcome> {
  let drop: ParsedDrop;
  try {
    drop = await withTimeout(parseDrop(files), CASE_TIMEOUT_MS, `parseDrop(${names(files).join(', ')})`);
  } catch (err) {
    return { status: 'refused', stage: 'parse', message: expectImportError(err, files) };
  }
  // Structured clone, as the worker posts the result to the page (throws for what cannot cross).
  drop = structuredClone(drop);
  const given = new Set(names(files));
  for (const u of drop.unused) for (const f of u.file.split(', ')) expect(given.has(f), `unused "${f}" was given`).toBe(true);
  const outcomes: Outcome[] = [];
  let target: DropTarget | null = null;
  for (const item of drop.items) {
    const itemFiles = item.files.map((n) => files.find((f) => f.name === n)!);
    const outcome = await followUp(env, item.parsed, itemFiles, target);
    if (outcome.status === 'loaded' && outcome.site && target === null) {
      const siteId = outcome.site.site.id;
      target = { siteId, areas: outcome.areas.filter((a) => a.site === siteId).map((a) => ({ id: a.id, name: a.name })) };
    }
    outcomes.push(outcome);
  }
  const first = outcomes[0]!;
  return { ...first, unused: drop.unused, others: outcomes.slice(1) };
}

async function followUp(env: Env, parsed: ParsedImport, files: readonly InputFile[], target: DropTarget | null): Promise<Outcome> {
  const fileNames = names(files).join(', ');
  switch (parsed.kind) {
    case 'table':
      return tableFollowUp(env, parsed, files, target);
    case 'points': {
      const points = pointsFollowUp(parsed.raw, parsed.fileName, files);
      if ('status' in points) return points;
      return { status: 'loaded', kind: 'points', parsed, points, observations: [], areas: [] };
    }
    case 'boundaries':
      return boundariesFollowUp(env, parsed, parsed.raw, fileNames, files);
    case 'project':
      return projectFollowUp(env, parsed, files);
  }
}

/**
 * What the dialog does with a table: the default choice, the join to Leipzig's Ortsteile, the insert into DuckDB;
 * a table given together with boundaries is joined to their site instead (which is no longer in DuckDB: the join only).
 */
async function tableFollowUp(env: Env, parsed: Extract<ParsedImport, { kind: 'table' }>, files: readonly InputFile[], target: DropTarget | null = null): Promise<Outcome> {
  const sheet = parsed.sheets.find((s) => s.name === parsed.sheet);
  expect(sheet).toBeDefined();
  const rows = sheet!.rows;
  const suggestion = parsed.suggestion;
  // Every issue names row and column, and its row is a row of the file.
  for (const issue of suggestion.issues) {
    expect(issue.message).toMatch(/^Row \d+, column [A-Z]+( \(".*"\))?: /s);
    expect(issue.row).toBeGreaterThanOrEqual(1);
    expect(issue.row).toBeLessThanOrEqual(rows.length);
    expect(issue.cell).toBe(`${issue.params.column}${issue.row}`);
  }
  // A table with coordinates is shown as points first (the table one click away).
  let points: UserPointLayer | undefined;
  let pointsRefused: Refused | undefined;
  if (parsed.points) {
    const p = pointsFollowUp(parsed.points, parsed.fileName, files);
    if ('status' in p) pointsRefused = p;
    else points = p;
  }
  const choice = defaultChoice(suggestion, parsed.fileName, 2024);
  if (!choice) {
    // the dialog's message: "no column with area keys or names recognised"
    if (points || pointsRefused) return { status: 'loaded', kind: 'table', parsed, suggestion, points, pointsRefused, observations: [], areas: [] };
    return { status: 'refused', stage: 'choice', message: `${parsed.fileName}: no-key-column` };
  }
  const taken = target ? [] : env.leipzig.indicators.map((i) => i.id);
  const join = joinTable(rows, suggestion, choice, target ? { ...target, taken } : { siteId: 'leipzig', areas: env.areas, taken });
  expect(join.summary.matched + join.summary.unmatched.filter((u) => u.reason !== 'duplicate').length).toBeLessThanOrEqual(join.summary.rows);
  for (const u of join.summary.unmatched) expect(u.row).toBeGreaterThanOrEqual(1);
  let observations: Loaded['observations'] = [];
  if (join.indicators.length > 0 && !target) {
    // the values file the dialog stores: numbers only (no NaN, Infinity)
    const csv = parseDelimited(join.valuesCsv, ',').rows.filter((r) => r.length > 1);
    const header = csv[0]!;
    expect(header.slice(0, 2)).toEqual(['area_id', 'year']);
    const expected: { area_id: string; ind: string; year: number; value: number }[] = [];
    for (const r of csv.slice(1)) {
      for (let c = 2; c < header.length; c++) {
        if (r[c] === '') continue;
        const v = Number(r[c]);
        expect(Number.isFinite(v), `values.csv cell ${r[c]}`).toBe(true);
        expected.push({ area_id: r[0]!, ind: header[c]!, year: Number(r[1]), value: v });
      }
    }
    for (const ind of join.indicators) expect(taken).not.toContain(ind.id);
    const file = `user/ext-bad/values.csv`;
    await env.engine.registerFile(file, new TextEncoder().encode(join.valuesCsv));
    const ids = join.indicators.map((i) => str(i.id)).join(', ');
    try {
      await insertIndicators(env.engine, env.leipzig, join.indicators, file);
      observations = await queryRows(env.engine, `SELECT site, area_id, ind, year, value FROM observations WHERE site = 'leipzig' AND ind IN (${ids})`);
    } finally {
      await env.engine.query(`DELETE FROM observations WHERE site = 'leipzig' AND ind IN (${ids})`);
      await env.engine.query(`DELETE FROM indicators WHERE site = 'leipzig' AND id IN (${ids})`);
    }
    expectSaneObservations(observations);
    expect(observations.length).toBe(expected.length);
    const key = (o: { area_id: string; ind: string; year: number }) => `${o.area_id}|${o.ind}|${o.year}`;
    const got = new Map(observations.map((o) => [key(o), o.value]));
    for (const e of expected) expect(got.get(key(e)), key(e)).toBe(e.value);
  }
  return { status: 'loaded', kind: 'table', parsed, suggestion, join, points, pointsRefused, observations, areas: [] };
}

function expectSaneObservations(rows: readonly { value: number | null }[]): void {
  for (const o of rows) if (o.value !== null) expect(Number.isFinite(o.value), `value ${o.value}`).toBe(true);
}

/** The dialog's points: the suggested attributes, the detected CRS (or the first candidate), the layer. */
function pointsFollowUp(raw: RawPoints, fileName: string, files: readonly InputFile[]): UserPointLayer | Refused {
  expect(raw.fc.features.length).toBeGreaterThan(0);
  for (const s of raw.skipped) expect(s.where).toMatch(/^(row \d+, column [A-Z]+ \(".*"\)|feature \d+)$/s);
  const attrs = suggestPointAttributes(raw.fc);
  const crs = raw.crs.crs ?? raw.crs.candidates[0] ?? crsByCode(4326)!;
  let fc;
  try {
    fc = toWgs84(raw.fc, crs, { swapAxes: raw.crs.swappedAxes });
  } catch (err) {
    // the dialog keeps the confirm button disabled: "the coordinate system does not fit"
    expect(String(err)).toMatch(/Cannot reproject/);
    return { status: 'refused', stage: 'reproject', message: String(err) };
  }
  let layer: UserPointLayer;
  try {
    layer = buildPointLayer(
      fc,
      { label: raw.name, fileName, siteId: 'leipzig', year: 2024, categoryKey: attrs.category, nameKey: attrs.name, otherLabel: 'Sonstige', allLabel: 'Alle' },
      'upts-bad',
    );
  } catch (err) {
    return { status: 'refused', stage: 'build', message: expectImportError(err, files) };
  }
  const json = JSON.parse(new TextDecoder().decode(layer.bytes)) as { features: Feature<Point>[] };
  expect(json.features).toHaveLength(raw.fc.features.length);
  for (const f of json.features) {
    const [lon, lat] = f.geometry.coordinates;
    expect(Math.abs(lon!)).toBeLessThanOrEqual(180);
    expect(Math.abs(lat!)).toBeLessThanOrEqual(90);
  }
  return layer;
}

/** The dialog's boundaries: suggested key and name, numeric attributes as indicators, the detected CRS; a new site in DuckDB. */
async function boundariesFollowUp(env: Env, parsed: ParsedImport, raw: RawBoundaries, fileName: string, files: readonly InputFile[]): Promise<Outcome> {
  expect(raw.fc.features.length).toBeGreaterThan(0);
  for (const f of raw.fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  const attrs = suggestAttributes(raw.fc);
  // the dialog: "No attribute is unique: without an area key nothing can be imported."
  if (!attrs.id) return { status: 'refused', stage: 'choice', message: `${fileName}: import.noKey` };
  const crs = raw.crs.crs ?? raw.crs.candidates[0] ?? crsByCode(4326)!;
  let lonLat;
  try {
    lonLat = toLonLat(raw, crs, raw.crs.swappedAxes);
  } catch (err) {
    expect(String(err)).toMatch(/Cannot reproject feature \d+/);
    return { status: 'refused', stage: 'reproject', message: String(err) };
  }
  let site: UserSite;
  try {
    site = buildUserSite(
      lonLat,
      {
        label: raw.name,
        fileName,
        idKey: attrs.id,
        nameKey: attrs.name,
        indicators: attrs.numeric.map((key) => ({ key, unit: /ant|quote|anteil|proz|%/i.test(key) ? 'percent' : 'count' })),
        year: 2024,
        crsLabel: crs.key,
      },
      'user-bad',
    );
  } catch (err) {
    return { status: 'refused', stage: 'build', message: expectImportError(err, [...files, { name: fileName, bytes: new Uint8Array() }]) };
  }
  const loaded = await loadUserSites(env, [site]);
  expect(loaded.areas).toHaveLength(raw.fc.features.length);
  return { status: 'loaded', kind: 'boundaries', parsed, attrs, site, ...loaded };
}

/** Loads built or restored sites into DuckDB next to Leipzig, reads back what arrived, and removes them again. */
async function loadUserSites(env: Env, sites: readonly UserSite[]): Promise<Pick<Loaded, 'observations' | 'areas'>> {
  const out: Pick<Loaded, 'observations' | 'areas'> = { observations: [], areas: [] };
  for (const entry of sites) {
    const id = entry.site.id;
    expect(id).toMatch(/^user-/);
    try {
      await loadSite(env.engine, entry.site, async (path) => {
        const bytes = entry.files[path];
        if (!bytes) throw new Error(`missing file ${path}`);
        return bytes;
      });
      out.observations.push(...(await queryRows<Loaded['observations'][number]>(env.engine, `SELECT site, area_id, ind, year, value FROM observations WHERE site = ${str(id)}`)));
      out.areas.push(...(await queryRows<Loaded['areas'][number]>(env.engine, `SELECT site, id, name, lon, lat FROM areas WHERE site = ${str(id)}`)));
    } finally {
      await unloadSite(env.engine, id);
    }
  }
  expectSaneObservations(out.observations);
  for (const a of out.areas) {
    for (const v of [a.lon, a.lat]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  }
  return out;
}

/** What the app does with a project file: readProject, then its sites and Leipzig tables into DuckDB. */
async function projectFollowUp(env: Env, parsed: Extract<ParsedImport, { kind: 'project' }>, files: readonly InputFile[]): Promise<Outcome> {
  let project: ProjectContents;
  try {
    project = readProject(parsed.text, parsed.fileName);
  } catch (err) {
    return { status: 'refused', stage: 'project', message: expectImportError(err, files) };
  }
  const loaded = await loadUserSites(
    env,
    project.sites.filter((s) => Array.isArray(s.site.levels)),
  );
  const leipzigTables = project.extensions.filter((e) => e.siteId === 'leipzig');
  for (const ext of leipzigTables) {
    const ids = ext.indicators.map((i) => str(i.id)).join(', ') || "''";
    await env.engine.registerFile(ext.file, ext.bytes.slice());
    try {
      await insertIndicators(env.engine, env.leipzig, ext.indicators, ext.file);
      const rows = await queryRows<Loaded['observations'][number]>(env.engine, `SELECT site, area_id, ind, year, value FROM observations WHERE site = 'leipzig' AND ind IN (${ids})`);
      loaded.observations.push(...rows);
    } finally {
      await env.engine.query(`DELETE FROM observations WHERE site = 'leipzig' AND ind IN (${ids})`);
      await env.engine.query(`DELETE FROM indicators WHERE site = 'leipzig' AND id IN (${ids})`);
    }
  }
  expectSaneObservations(loaded.observations);
  for (const layer of project.pointLayers) JSON.parse(new TextDecoder().decode(layer.bytes));
  return { status: 'loaded', kind: 'project', parsed, project, ...loaded };
}

// ---------------------------------------------------------------------------
// Cases

export type Expectation = 'refused' | 'loaded' | 'either';

export interface Case {
  /** Shown as the test name. */
  name: string;
  files: () => InputFile[] | Promise<InputFile[]>;
  expect: Expectation;
  /** A pattern the refusal message must match. */
  message?: RegExp;
  /** Further checks on the outcome. */
  check?: (outcome: Outcome) => void | Promise<void>;
}

/** Runs a case: the outcome as expected, Leipzig unchanged, within the time limit. */
export async function runCase(env: Env, c: Case): Promise<Outcome> {
  const files = await c.files();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const outcome = await withTimeout(runPipeline(env, files), CASE_TIMEOUT_MS * 2, c.name);
  const took = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // A synchronous loop cannot be interrupted: at least it fails here. Measured as this process's CPU time (the
  // pipeline runs in-process, DuckDB's threads included), not wall time: a paused or overbooked machine stalled one
  // case for 60 s of wall time once (313 ms alone, 25 runs 243–486 ms) — that is not the importer's work.
  expect(cpuMs, `${c.name} used ${Math.round(cpuMs)} ms of CPU (${Math.round(took)} ms wall)`).toBeLessThan(CASE_TIMEOUT_MS);
  if (c.expect !== 'either') expect(outcome.status, outcome.status === 'refused' ? outcome.message : '').toBe(c.expect);
  if (c.message) {
    expect(outcome.status).toBe('refused');
    expect((outcome as Refused).message).toMatch(c.message);
  }
  await c.check?.(outcome);
  if (env.queries > 0) {
    expect(await snapshot(env.engine)).toEqual(env.baseline);
    env.queries = 0;
  }
  return outcome;
}

export const loaded = (o: Outcome): Loaded => {
  expect(o.status).toBe('loaded');
  return o as Loaded;
};

// ---------------------------------------------------------------------------
// Small builders shared by the case lists

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);
export const file = (name: string, content: string | Uint8Array): InputFile => ({ name, bytes: typeof content === 'string' ? utf8(content) : content });

/** Windows-1252 bytes of Latin-1 text. */
export const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);

export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    o = 2;
  }
  for (let i = 0; i < text.length; i++, o += 2) {
    out[o] = text.charCodeAt(i) & 0xff;
    out[o + 1] = text.charCodeAt(i) >> 8;
  }
  return out;
}

export function utf16be(text: string): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array(le.length + 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < le.length; i += 2) {
    out[i + 2] = le[i + 1]!;
    out[i + 3] = le[i]!;
  }
  return out;
}

export type Geom = Geometry;
