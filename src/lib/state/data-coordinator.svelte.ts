// The data coordinator: the only holder of the DuckDB engine (in the manner of
// Mosaic's coordinator). It starts the engine, loads sites, keeps the value cache
// and makes every write (imported tables, derived point indicators, removals).
// Views and panels ask it for level data; none of them runs SQL. Everything that
// talks to DuckDB is loaded with the engine, not with the first map's JavaScript.
import type { Feature, Point } from 'geojson';
import type { FirstView, Indicator, Site } from '../data/catalog-types';
import { baseLevel } from '../data/catalog';
import { isProgrammeLevel, PROGRAMME_LEVEL } from '../data/programme-areas';
import type { SiteRegistry } from '../data/site-registry.svelte';
import type { PointLayerInfo } from '../data/points';
import type { TableExtension } from '../data/user-data';
import { fetchBytes, fetchJson } from '../data/urls';
import type { Engine } from '../db/engine';
import type { ConsoleResult } from '../db/sql-console';
import type { ReadPart } from '../db/value-parts';
import type { PartPieces } from '../io/value-part-range';
import type { AreaValue } from '../data/values';
import type { LevelData } from '../data/values';
import { translate, type Lang } from '../i18n';
import type { ValueCache } from './value-cache';
import type { ViewState } from './view-state';

export type EngineStatus = 'loading' | 'ready' | 'error';

/** An area found by name (search). */
export interface AreaHit {
  id: string;
  name: string;
  level: string;
}

export class DataCoordinator {
  status = $state<EngineStatus>('loading');
  error = $state<string | null>(null);
  /** Grows whenever the data behind a shown view may have changed (a table added or removed): views refresh. */
  revision = $state(0);
  private engine: Engine | null = null;
  private cache: ValueCache | null = null;
  private readonly firstViews = new Map<string, Promise<FirstView>>();
  private readonly derivedPoints = new Set<string>();
  private readonly derivedExtensions = new Map<string, TableExtension>();
  /** Loads value parts of a site into DuckDB (db/value-parts.ts), once the engine runs. */
  private loadParts: (site: Site, ids: readonly string[], years?: readonly number[]) => Promise<void> = async () => {};

  constructor(private readonly registry: SiteRegistry) {}

  /** The engine's answers (null while it starts): the analysis views read them through this. */
  get values(): ValueCache | null {
    return this.cache;
  }

  /** Starts DuckDB-WASM in its worker and loads the site in view; its files download meanwhile. */
  async start(siteInView: Site): Promise<void> {
    try {
      // Each download is used once: DuckDB takes over the buffer.
      const downloads = new Map<string, Promise<Uint8Array>>();
      // A site with value parts: the default indicator's part instead of values.csv (the others when shown);
      // parts by year: only the default year of it (footer and row group by range requests).
      const parts = siteInView.valueParts;
      const d = siteInView.defaults;
      const firstPart = parts?.files[d.ind];
      const firstSize = parts?.rowGroups === 'year' ? parts.sizes?.[d.ind] : undefined;
      const first = parts ? (firstSize === undefined ? [firstPart] : []) : [siteInView.values];
      const early = new Map<string, Promise<PartPieces | null>>();
      if (firstPart && firstSize !== undefined) {
        const pieces = import('../io/value-part-range').then((m) => m.readPartYears(firstPart, firstSize, { years: [d.year], except: [] }));
        pieces.catch(() => undefined);
        early.set(`${firstPart}|${d.year}`, pieces);
      }
      for (const path of [...first, siteInView.areas]) if (path) downloads.set(path, fetchBytes(path));
      const readFile = (path: string): Promise<Uint8Array> => {
        const started = downloads.get(path);
        downloads.delete(path);
        return started ?? fetchBytes(path);
      };
      const [{ createBrowserEngine }, { ValueCache }, { loadSiteData }] = await Promise.all([
        import('../db/browser-engine'),
        import('./value-cache'),
        import('../db/load'),
      ]);
      const engine = await createBrowserEngine();
      this.engine = engine;
      // Value parts: fetched here, decoded to Arrow in their worker, inserted by db/value-parts.ts.
      const readPart: ReadPart = async (path, size, request) => {
        if (request === null || size === undefined) {
          const [bytes, { decodeValuePart }] = await Promise.all([readFile(path), import('../io/value-part-client')]);
          return decodeValuePart(bytes, path);
        }
        const key = request.years?.length === 1 && request.except.length === 0 ? `${path}|${request.years[0]}` : '';
        const started = early.get(key);
        early.delete(key);
        const [pieces, { decodeValuePartPieces }] = await Promise.all([
          started ?? import('../io/value-part-range').then((m) => m.readPartYears(path, size, request)),
          import('../io/value-part-client'),
        ]);
        return pieces ? decodeValuePartPieces(pieces, path) : null;
      };
      this.loadParts = async (site, ids, years) => (await import('../db/value-parts')).ensureIndicatorsLoaded(engine, site, ids, readPart, years);
      // Only the site in view is loaded now; others when the user switches to them. A site with
      // value parts gets its default indicator now, the others when first asked for.
      // A site's programme areas join it in DuckDB right after its own rows.
      const cache = new ValueCache(
        engine,
        (site) =>
          loadSiteData(engine, site, readFile)
            // (A failure is no failure of the site: the view asks again and shows the part's own error.)
            .then(() => (site.valueParts ? this.loadParts(site, [site.defaults.ind], [site.defaults.year]).catch(() => undefined) : undefined))
            .then(() => this.writeProgrammeAreas(engine, site.id))
            .then(() => this.writeFormulaIndicators(engine, site.id))
            .then((failed) => {
              if (failed.length > 0) console.warn('Quartiersatlas: formula indicators that could not be computed', failed);
            }),
        (site, ids, years) => this.loadParts(site, ids, years),
      );
      await cache.ensureSite(siteInView);
      this.cache = cache;
      this.status = 'ready';
      performance.mark('atlas:db-ready');
    } catch (err) {
      this.status = 'error';
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private firstView(site: Site): Promise<FirstView> {
    let fv = this.firstViews.get(site.id);
    if (!fv) {
      fv = fetchJson<FirstView>(site.firstView);
      this.firstViews.set(site.id, fv);
    }
    return fv;
  }

  /**
   * A view's values: from DuckDB (all years of the indicator at the level), or from the
   * precomputed first view while DuckDB starts; null when the view has to wait for the engine.
   */
  async levelValues(view: ViewState, site: Site, ind: Indicator): Promise<{ rows: AreaValue[]; data: LevelData | null } | null> {
    if (this.cache) {
      this.cache.setSecrecy(view.sec);
      // The map of one year (no selection or trend needing the others): a site with value parts by
      // year reads just that year (null: the cache answers with every year).
      if (view.mode === 'map' && !view.trend && view.sel.length === 0) {
        const rows = await this.cache.yearRows(site, view.level, ind, view.year);
        if (rows) return { rows, data: null };
      }
      const data = await this.cache.get(site, view.level, ind);
      return { rows: data.byYear.get(view.year) ?? [], data };
    }
    // Other modes, imported sites and secrecy (which needs the parents and bases) wait for the engine.
    if (view.mode !== 'map' || !site.firstView || view.sec > 1) return null;
    const d = site.defaults;
    if (view.level !== d.level || view.ind !== d.ind || view.year !== d.year) return null;
    const fv = await this.firstView(site);
    const rows = Object.entries(fv.values).map(([id, value]) => ({ id, year: fv.year, value, n: 1, present: value === null ? 0 : 1, coverage: null }));
    return { rows, data: null };
  }

  /** The areas a table can be joined to: the base level of a site (needs the engine). */
  async joinTargets(siteId: string, lang: Lang): Promise<{ id: string; name: string }[]> {
    const cache = this.cache;
    if (!cache) throw new Error(translate(lang, 'analysis.waiting'));
    const site = this.registry.site(siteId);
    const areas = await cache.areas(site, baseLevel(site).id);
    return [...areas.values()].map((a) => ({ id: a.id, name: a.name }));
  }

  /** Every area of the site with its level, for the search box. */
  async searchableAreas(site: Site): Promise<AreaHit[]> {
    const cache = this.cache;
    if (!cache) return [];
    // On a grid site only its programme areas have names (cells have none).
    const named = site.kind === 'grid' ? site.levels.filter((l) => isProgrammeLevel(l.id)) : site.levels;
    const levels = await Promise.all(named.map((l) => cache.areas(site, l.id).then((areas) => ({ level: l.id, areas }))));
    return levels.flatMap(({ level, areas }) => [...areas.values()].map((a) => ({ id: a.id, name: a.name, level })));
  }

  /** The SQL console: one read-only query over the loaded tables. */
  async runConsoleQuery(sql: string, lang: Lang): Promise<ConsoleResult> {
    const { runReadOnlyQuery, SqlConsoleError } = await import('../db/sql-console');
    if (!this.engine) throw new SqlConsoleError('engine', translate(lang, 'analysis.waiting'));
    // The console reads the tables directly: every indicator of the sites loaded is read in first
    // (value parts not yet shown), so no query sees an indicator as empty that merely was not needed yet.
    await this.cache?.ensureAllIndicators();
    return runReadOnlyQuery(this.engine, sql);
  }

  /** How many of the given points (lon/lat) lie in an area of the site's base level. */
  async pointsInSite(siteId: string, points: readonly Feature<Point>[]): Promise<number> {
    const [{ levelGeometry }, { countPointsPerArea }] = await Promise.all([import('../data/geometry'), import('../analysis/points-per-area')]);
    const areas = await levelGeometry(baseLevel(this.registry.site(siteId)).geometry);
    let inside = 0;
    for (const n of countPointsPerArea(points, areas).values()) inside += n;
    return inside;
  }

  /** An imported table's indicators into DuckDB when its site is loaded there (a later load reads them from the site's extraValues). */
  async addTable(ext: TableExtension): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const [{ insertIndicators }, { str }] = await Promise.all([import('../db/schema'), import('../db/sql')]);
    if ((await engine.query(`SELECT 1 FROM areas WHERE site = ${str(ext.siteId)} LIMIT 1`)).numRows > 0) {
      await engine.registerFile(ext.file, ext.bytes.slice());
      await insertIndicators(engine, this.registry.site(ext.siteId), ext.indicators, ext.file);
    }
  }

  /** A site's or a table's data changed: cached answers of the site are dropped and views refresh. */
  forget(siteId: string): void {
    this.cache?.forget(siteId);
    this.revision++;
  }

  /**
   * A site's programme areas (as the registry holds them) into DuckDB, replacing the ones there
   * (once the site is loaded; a later load reads them from the registry); views refresh.
   */
  async setProgrammeAreas(siteId: string): Promise<void> {
    const engine = this.engine;
    if (!engine || !this.registry.find(siteId)) return;
    const { str } = await import('../db/sql');
    if (this.registry.find(siteId)?.kind === 'grid') {
      if (!(await (await import('../db/grid-programme')).gridLoaded(engine, siteId))) return;
    } else if ((await engine.query(`SELECT 1 FROM areas WHERE site = ${str(siteId)} LIMIT 1`)).numRows === 0) return;
    await this.writeProgrammeAreas(engine, siteId);
    this.cache?.forgetLevel(siteId, PROGRAMME_LEVEL);
    this.revision++;
  }

  /** Writes of programme areas one after another (each replaces a site's rows in several statements). */
  private programmeWrites: Promise<unknown> = Promise.resolve();

  private writeProgrammeAreas(engine: Engine, siteId: string): Promise<void> {
    const write = async () => {
      const site = this.registry.find(siteId);
      if (site?.kind === 'grid') await (await import('./grid-programme-areas')).writeGridProgrammeAreas(engine, site, this.registry.programmeAreasOf(siteId));
      else if (site) await (await import('../db/programme-areas')).writeProgrammeAreas(engine, site, this.registry.programmeAreasOf(siteId));
    };
    const next = this.programmeWrites.then(write, write);
    this.programmeWrites = next.catch(() => undefined);
    return next;
  }

  /**
   * A site's formula indicators (as the registry holds them) into DuckDB, replacing the ones there
   * (once the site is loaded; a later load writes them then); their cached answers are dropped and
   * views refresh. Resolves to those that could not be computed (an input missing), with the reason.
   */
  async setFormulaIndicators(siteId: string, changed: readonly string[]): Promise<{ id: string; reason: string }[]> {
    const engine = this.engine;
    if (!engine || !this.registry.find(siteId)) return [];
    const { str } = await import('../db/sql');
    if ((await engine.query(`SELECT 1 FROM areas WHERE site = ${str(siteId)} LIMIT 1`)).numRows === 0) return [];
    const failed = await this.writeFormulaIndicators(engine, siteId, true);
    this.cache?.forgetIndicators(siteId, changed);
    this.revision++;
    return failed;
  }

  /** Writes of formula indicators one after another (each replaces a site's formula rows). */
  private formulaWrites: Promise<unknown> = Promise.resolve();

  private writeFormulaIndicators(engine: Engine, siteId: string, always = false): Promise<{ id: string; reason: string }[]> {
    const write = async () => {
      const site = this.registry.find(siteId);
      // (Without any, the code is not even loaded; after a removal the old rows go.)
      if (!site || site.kind === 'grid' || (!always && !site.indicators.some((i) => i.formula !== undefined))) return [];
      // Their inputs' values must be in DuckDB (a site with value parts loads an indicator when needed).
      if (site.valueParts) await this.loadParts(site, await this.formulaInputs(site));
      const { writeFormulaIndicators } = await import('../db/formula-indicators');
      return (await writeFormulaIndicators(engine, site, (key) => this.registry.source(key))).failed;
    };
    const next = this.formulaWrites.then(write, write);
    this.formulaWrites = next.catch(() => undefined);
    return next;
  }

  /** The indicators the site's formula indicators are computed from. */
  private async formulaInputs(site: Site): Promise<string[]> {
    const [{ formulaRecordOf }, { formulaIndicatorEntry }] = await Promise.all([import('../data/formula-indicators'), import('../data/formula-indicator-entry')]);
    const ids: string[] = [];
    for (const ind of site.indicators) {
      const record = formulaRecordOf(site.id, ind);
      if (!record) continue;
      const entry = formulaIndicatorEntry(site, record, (key) => this.registry.source(key));
      if (entry.ok) ids.push(...entry.inputs.map((i) => i.id));
    }
    return ids;
  }

  /** Something the map shows changed outside DuckDB (a programme area's outline): views paint again. */
  repaint(): void {
    this.revision++;
  }

  /** Removes an imported site's rows from DuckDB. */
  async unloadSite(siteId: string): Promise<void> {
    if (this.engine) await (await import('../db/schema')).unloadSite(this.engine, siteId);
    this.cache?.forget(siteId);
  }

  /**
   * Adds the indicators derived from a point layer (count, per 1,000, catchment) to its site, once.
   * Resolves to the extension when it was added now, null otherwise.
   */
  async derivePointIndicators(layer: PointLayerInfo): Promise<TableExtension | null> {
    const cache = this.cache;
    const engine = this.engine;
    if (!cache || !engine || this.derivedPoints.has(layer.id)) return null;
    this.derivedPoints.add(layer.id);
    try {
      await cache.ensureSite(this.registry.site(layer.site));
      // Loaded on first use: turf's geometry code stays out of the first map's JavaScript.
      const [{ pointIndicators }, { insertIndicators }] = await Promise.all([import('./point-indicators'), import('../db/schema')]);
      const ext = await pointIndicators(cache, this.registry.site(layer.site), layer);
      // Into DuckDB first: the indicators show up in the menus only once their values can be asked for.
      await engine.registerFile(ext.file, ext.bytes.slice());
      await insertIndicators(engine, this.registry.site(layer.site), ext.indicators, ext.file);
      if (!this.registry.addExtension(ext)) return null;
      this.derivedExtensions.set(layer.id, ext);
      return ext;
    } catch (err) {
      this.derivedPoints.delete(layer.id);
      throw err;
    }
  }

  /** The ids of the indicators derived from a point layer (none before it was shown). */
  derivedIndicatorIds(layerId: string): string[] {
    return this.derivedExtensions.get(layerId)?.indicators.map((i) => i.id) ?? [];
  }

  /** The indicators derived from a point layer leave its site (the layer is deleted; the view has left them first). */
  dropPointIndicators(layer: PointLayerInfo): void {
    this.derivedPoints.delete(layer.id);
    const derived = this.derivedExtensions.get(layer.id);
    if (!derived) return;
    this.derivedExtensions.delete(layer.id);
    this.registry.removeExtension(derived);
    this.forget(layer.site);
  }
}
