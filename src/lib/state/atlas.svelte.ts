import type { Feature, Point } from 'geojson';
import type { FirstView, Indicator, Level, Site } from '../data/catalog-types';
import { baseLevel, catalog, findIndicator, findSite, findLevel } from '../data/catalog';
import { allPointLayers, type PointLayerInfo } from '../data/points';
import { dataUrl, fetchBytes, fetchJson } from '../data/urls';
import { isAggregable } from '../db/queries';
import type { AreaValue } from '../data/values';
import { ValueCache, type LevelData } from './value-cache';
import { classify, type Classification } from '../analysis/classify';
import { divergingColors, paletteColors } from '../map/palette';
import { change, divergingBreaks, formatChange, naturalMeasure, type ChangeMeasure } from '../analysis/change';
import { nearestYear, parseViewState, serializeViewState, type Notice, type ViewMode, type ViewState } from './url';
import type { ChoroplethMap } from '../map/choropleth-map';
import type { TrendSeries } from '../charts/trend';
import type { GridLayer } from '../map/grid-layer';
import type { TrendGlyph, TrendLayer } from '../map/trend-layer';
import { trendGlyphs } from '../map/trend-glyphs';
import { ancestorSeries, crossSiteSeries, type Suggestion } from './trend-series';
import { loadSiteData } from '../db/load';
import { cellColors } from '../map/grid-colors';
import { describeValue } from './describe';
import { formatValue } from '../analysis/format';
import { translate, type Lang } from '../i18n';
import type { AnalysisData } from './analysis.svelte';
import type { Engine } from '../db/engine';
import {
  onSitesChanged,
  registerExtension,
  registerPointLayer,
  registerUserSite,
  unregisterExtension,
  unregisterPointLayer,
  unregisterUserSite,
  isUserSite,
  foreignProjectParts,
  type TableExtension,
  type UserPointLayer,
  type UserSite,
} from '../data/user-data';
import {
  deleteExtension,
  deletePointLayer,
  deleteUserSite,
  loadExtensions,
  loadPointLayers,
  loadUserSites,
  saveExtension,
  savePointLayer,
  saveUserSite,
  StorageFullError,
  type UnreadableRecord,
} from '../data/user-store';
import { insertIndicators, unloadSite } from '../db/schema';
import { basemapWanted, loadBasemap, rememberBasemap } from '../map/basemap';
import { str } from '../db/sql';
import { runReadOnlyQuery, SqlConsoleError, type ConsoleResult } from '../db/sql-console';

export type EngineStatus = 'loading' | 'ready' | 'error';

/** What the map, legend and tooltip show for the current view. */
export interface ViewResult {
  key: string;
  /** Change mode: the range and measure, and each area's values in the two years. */
  change: { from: number; to: number; measure: ChangeMeasure; ends: ReadonlyMap<string, [number | null, number | null]> } | null;
  /** Small multiples: each year's colour per area, all from one classification. */
  multiples: { year: number; colors: ReadonlyMap<string, string | null> }[] | null;
  values: ReadonlyMap<string, AreaValue>;
  classification: Classification | null;
  colors: readonly string[];
  aggregable: boolean;
}

export const DEFAULT_SITE = 'leipzig';

/**
 * Areas whose value is hidden for statistical secrecy: a plain grey, unlike the hatching of missing values.
 * #c0c0c0 (was #b8b8b8, which with tritanopia came within ΔE00 4.4 of PuOr's light purple): see tests/unit/palette-cvd.test.ts.
 */
export const SECRET_COLOR = '#c0c0c0';

/** Modes with an analysis panel (their code is loaded on first use). */
const ANALYSIS_MODES: readonly ViewMode[] = ['compare', 'profile', 'scatter', 'bivariate', 'index', 'lisa'];
/** Modes whose map is coloured by an analysis (not by the indicator's classes). */
const ANALYSIS_MAP_MODES: readonly ViewMode[] = ['bivariate', 'index', 'lisa'];

function dataKey(v: ViewState): string {
  const base = `${v.site}|${v.level}|${v.ind}|${v.year}`;
  if (v.mode === 'change') return `${base}|change:${v.from}-${v.to}:${v.chg ?? 'auto'}`;
  if (v.mode === 'bivariate') return `${base}|bivariate:${v.ind2 ?? ''}`;
  if (v.mode === 'index') return `${base}|index:${v.from}-${v.to}:${v.idx.map((p) => `${p.id}:${p.w}`).join(',')}`;
  if (v.mode === 'lisa') return `${base}|lisa`;
  if (v.mode === 'swipe') return `${base}|swipe:${v.ind2 ?? ''}:${v.from}`;
  return v.mode === 'multiples' ? `${base}|multiples:${v.from}-${v.to}` : base;
}

/** The right-hand map of the swipe view: another year (same classes) or another indicator (own classes). */
export interface SwipeSide {
  key: string;
  ind: Indicator;
  year: number;
  colors: ReadonlyMap<string, string | null>;
  /** Own classes (another indicator); null when the left map's classes are used. */
  classification: Classification | null;
  palette: readonly string[];
}

/** A swipe between two years of one indicator (no different second indicator chosen). */
function swipesYears(v: ViewState): boolean {
  return v.mode === 'swipe' && (v.ind2 === null || v.ind2 === v.ind);
}

/** Something the browser's storage could not give back at start-up (restoring runs in main.ts, before or after the Atlas exists). */
export type StorageNotice =
  | { kind: 'unreadable'; records: UnreadableRecord[] }
  | { kind: 'newer' }
  | { kind: 'failed'; message: string };

/** Reports from outside the Atlas (main.ts): storage problems found when restoring, unexpected errors. */
class AppReports {
  storage = $state.raw<StorageNotice[]>([]);
  /** Messages of unexpected errors (window error / unhandledrejection), newest last. */
  errors = $state.raw<string[]>([]);
}
export const appReports = new AppReports();

/** An area found by name (search). */
export interface AreaHit {
  id: string;
  name: string;
  level: string;
}

/**
 * The app's view state and the one-way flow behind it:
 * URL ⇄ view state → DuckDB query → classification → map colours.
 */
export class Atlas {
  private readonly initial = parseViewState(location.search, catalog.sites, DEFAULT_SITE);
  view = $state<ViewState>(this.initial.state);
  /**
   * A link to an indicator derived from a point layer (e.g. ind=kitas_anzahl&pts=kitas) names an
   * indicator that exists only once the layer's points are counted: the link is shown again then,
   * unless the user has moved on.
   */
  private pendingSearch: string | null =
    this.initial.state.pts.length > 0 && this.initial.notices.some((n) => n.param === 'ind' || n.param === 'ind2') ? location.search : null;
  notices = $state<Notice[]>(this.initial.notices);
  droppedSelection = $state<string[]>([]);
  engineStatus = $state<EngineStatus>('loading');
  engineError = $state<string | null>(null);
  result = $state.raw<ViewResult | null>(null);
  names = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Compare, profile, scatter, bivariate, index and hot-spot figures (loaded with the first analysis mode). */
  analysis = $state.raw<AnalysisData | null>(null);
  private analysisLoading: Promise<AnalysisData> | null = null;
  private engine: Engine | null = null;
  /** The area hovered on the map or in a linked chart. */
  hovered = $state<string | null>(null);
  /** Areas inside the scatter brush; null = no brush. */
  brushed = $state.raw<string[] | null>(null);
  /** The shown indicator at the shown level, all years (from DuckDB). */
  levelData = $state.raw<LevelData | null>(null);
  /** Reference lines for the trend chart: the site's top level (city, Germany) over the years. */
  references = $state.raw<TrendSeries[]>([]);
  /** Areas of other sites in the trend chart (URL cmp), and ones that could be added. */
  comparisons = $state.raw<TrendSeries[]>([]);
  comparisonSuggestions = $state.raw<Suggestion[]>([]);
  /** Years of each selected area, for sparklines. */
  series: ReadonlyMap<string, AreaValue[]> = $derived(
    new Map(this.view.sel.flatMap((id) => {
      const rows = this.levelData?.byArea.get(id);
      return rows ? [[id, rows] as const] : [];
    })),
  );
  /** The data key and classification of the last view painted on the map (for tests and benchmarks). */
  paintedKey = $state('');
  /** The result once the map shows it: secondary views (ranking) follow the map instead of delaying it. */
  paintedResult = $state.raw<ViewResult | null>(null);
  /** The indicator and year of paintedResult: a ranking formats the painted values with their own unit. */
  paintedOf = $state.raw<{ indicator: Indicator; year: number } | null>(null);
  painted: boolean = $derived(this.paintedKey !== '');
  error = $state<string | null>(null);

  /** Every site: the bundled ones and the user's imports ("Meine Daten"). */
  sites = $state.raw<Site[]>(catalog.sites.slice());
  /** Every point layer: bundled and imported. */
  pointLayers = $state.raw<PointLayerInfo[]>(allPointLayers());
  private readonly stopWatchingSites = onSitesChanged(() => {
    this.sites = catalog.sites.slice();
    this.pointLayers = allPointLayers();
  });
  // From the sites list: an imported table replaces its site object, and views follow.
  site: Site = $derived(this.sites.find((s) => s.id === this.view.site) ?? findSite(this.view.site));
  indicator: Indicator = $derived(findIndicator(this.site, this.view.ind));
  level: Level = $derived(findLevel(this.site, this.view.level));

  private cache: ValueCache | null = null;
  private gridLayer: Promise<GridLayer> | null = null;
  private trendLayer: Promise<TrendLayer> | null = null;
  /** Slope per area of the shown trend arrows (for the tooltip; reactive, so an open tooltip gains the slope
   *  when the arrows arrive after the pointer). */
  private slopes = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** The arrows last computed and what they were computed from (a year switch keeps them). */
  private trendMemo: { key: unknown[]; glyphs: TrendGlyph[] } | null = null;
  /** What the trend arrows on the map show (for their legend), or null when none are shown. */
  trendShown = $state.raw<{ from: number; to: number; direction: Indicator['direction']; count: number } | null>(null);
  private gridCellsOf: string | null = null;
  private gridValues: Float32Array | null = null;
  /** The hovered grid cell (grid sites only). */
  gridHover = $state<{ index: number; name: string; x: number; y: number } | null>(null);
  private map: ChoroplethMap | null = null;
  private generation = 0;
  private firstMapMarked = false;
  private readonly firstViews = new Map<string, Promise<FirstView>>();

  /** Draws the first map, then starts the engine: the first map does not wait for DuckDB. */
  async start(map: ChoroplethMap): Promise<void> {
    this.map = map;
    window.addEventListener('popstate', () => {
      // A presentation URL (mode=present) belongs to the presentation, which shows its slide itself.
      if (new URLSearchParams(location.search).get('mode') === 'present') return;
      this.showQuery(location.search, { write: false });
    });
    this.writeUrl(true);
    // On two cores, compiling DuckDB's wasm alongside MapLibre's first tiling
    // delays the first map by ~0.3 s and the engine gains nothing; go in turn.
    await this.refresh(true);
    if (this.basemap) void this.applyBasemap();
    await this.startEngine();
  }

  /**
   * Applies a change from the UI; dependent parameters are made consistent.
   * `replace` keeps the browser history short (the year player writes one entry per year otherwise).
   */
  update(patch: Partial<ViewState>, { replace = false }: { replace?: boolean } = {}): void {
    if (!replace && this.playing) this.stop();
    this.pendingSearch = null;
    const next: ViewState = { ...this.view, ...patch };
    if (patch.site !== undefined && patch.site !== this.view.site) {
      const site = findSite(next.site);
      Object.assign(next, site.defaults, { sel: [], ind2: null, idx: [], pts: [] });
    }
    const site = findSite(next.site);
    if (['site', 'level', 'ind', 'ind2', 'year', 'mode'].some((k) => k in patch && patch[k as keyof ViewState] !== this.view[k as keyof ViewState])) {
      this.setBrushed(null);
    }
    const ind = findIndicator(site, next.ind);
    if (!ind.years.includes(next.year)) next.year = nearestYear(ind.years, next.year);
    next.from = nearestYear(ind.years, next.from);
    next.to = nearestYear(ind.years, next.to);
    if (next.from > next.to) [next.from, next.to] = [next.to, next.from];
    if (next.from === next.to) next.from = ind.years[0] ?? next.from;
    if (next.from === next.to && next.mode === 'change') next.mode = 'map';
    if (next.cls !== 'manual') next.breaks = null;
    const refit = next.site !== this.view.site;
    this.view = next;
    this.writeUrl(replace);
    void this.refresh(refit);
  }

  /** Whether the year player runs, and how long each year stays on screen. */
  playing = $state(false);
  playDelay = $state(1000);

  /** Plays through the indicator's years from the shown one (from the first if at the end); stops at the last. */
  async play(): Promise<void> {
    if (this.playing) return;
    const years = this.indicator.years;
    if (years.length < 2) return;
    this.playing = true;
    if (this.view.year >= (years[years.length - 1] ?? this.view.year)) this.update({ year: years[0] ?? this.view.year }, { replace: true });
    while (this.playing) {
      const shownAt = performance.now();
      await this.whenPainted();
      const wait = this.playDelay - (performance.now() - shownAt);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!this.playing) break;
      const next = this.indicator.years.find((y) => y > this.view.year);
      if (next === undefined) break;
      this.update({ year: next }, { replace: true });
    }
    this.playing = false;
  }

  stop(): void {
    this.playing = false;
  }

  /** Resolves when the view in the state has been painted. */
  private whenPainted(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.paintedKey.includes(`|${this.view.year}|`) ? resolve() : setTimeout(check, 16));
      check();
    });
  }

  /** Resolves when the map shows the view in the state (its data key and classes) from DuckDB; false after `timeoutMs`. */
  whenViewPainted(timeoutMs = 30_000): Promise<boolean> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const check = () => {
        const v = this.view;
        // The whole view's key (mode, years, second indicator, classes), as markPainted writes it.
        if (this.paintedKey === `${dataKey(v)}|${v.cls}|${v.k}|db`) resolve(true);
        else if (performance.now() - t0 > timeoutMs) resolve(false);
        else setTimeout(check, 30);
      };
      check();
    });
  }

  /** Hover from the map or a linked chart (ranking, scatter): both show it. */
  setHovered(id: string | null): void {
    this.hovered = id;
    this.map?.setHover(id);
  }


  /** Adds an imported site, keeps it in the browser's storage and shows it. */
  async addUserSite(entry: UserSite): Promise<void> {
    registerUserSite(entry);
    let stored = true;
    try {
      await saveUserSite(entry);
    } catch (err) {
      stored = false;
      this.storageError = err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
    }
    if (stored) this.storageError = null;
    this.update({ site: entry.site.id });
  }

  /** The areas a table can be joined to: the base level of a site (needs the engine). */
  async joinTargets(siteId: string): Promise<{ id: string; name: string }[]> {
    const cache = this.cache;
    if (!cache) throw new Error(translate(this.view.lang, 'analysis.waiting'));
    const site = findSite(siteId);
    const areas = await cache.areas(site, baseLevel(site).id);
    return [...areas.values()].map((a) => ({ id: a.id, name: a.name }));
  }

  /** Adds an imported table's indicators to a site, keeps them, and shows the first. */
  async addTableImport(ext: TableExtension, { show = true }: { show?: boolean } = {}): Promise<void> {
    if (!registerExtension(ext)) throw new Error(`Unknown site "${ext.siteId}"`);
    const engine = this.engine;
    if (engine && (await engine.query(`SELECT 1 FROM areas WHERE site = ${str(ext.siteId)} LIMIT 1`)).numRows > 0) {
      // Already in DuckDB: add the new indicators now (a later load reads them from the site's extraValues).
      const site = findSite(ext.siteId);
      await engine.registerFile(ext.file, ext.bytes.slice());
      await insertIndicators(engine, site, ext.indicators, ext.file);
    }
    try {
      await saveExtension(ext);
      this.storageError = null;
    } catch (err) {
      this.storageError = err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
    }
    const first = ext.indicators[0];
    const years = first?.years ?? [];
    if (first && show) this.update({ site: ext.siteId, ind: first.id, year: years[years.length - 1] ?? this.view.year });
  }

  /** Everything imported and the current view, as a project file (JSON text). */
  async exportProject(): Promise<string> {
    const [{ writeProject }, sites, extensions, pointLayers] = await Promise.all([
      import('../io/project-file'),
      loadUserSites().catch(() => []),
      loadExtensions().catch(() => []),
      loadPointLayers().catch(() => []),
    ]);
    return writeProject({ sites, extensions, pointLayers, view: serializeViewState(this.view) });
  }

  /** Restores a project file: its sites and tables are added (kept), then its view is shown. */
  async importProject(text: string, fileName: string): Promise<void> {
    const { readProject } = await import('../io/project-file');
    const project = readProject(text, fileName);
    const foreign = foreignProjectParts(project);
    if (foreign.length > 0) throw new Error(`${fileName}: the project file would replace bundled data (${foreign.join(', ')})`);
    for (const entry of project.sites) {
      registerUserSite(entry);
      await saveUserSite(entry).catch((err: unknown) => {
        this.storageError = err instanceof StorageFullError ? 'full' : String(err);
      });
    }
    for (const ext of project.extensions) {
      if (ext.id.startsWith('pts-')) continue; // derived from bundled point layers: computed again when shown
      await this.addTableImport(ext, { show: false });
    }
    for (const layer of project.pointLayers) await this.addPointLayer(layer, { show: false });
    // The project's view as it was (update() would reset a new site to its defaults).
    this.showQuery(project.view, { write: true });
  }

  /** Shows a whole view given as a URL query (back/forward, a project file), with notices for what did not fit. */
  showQuery(search: string, { write }: { write: boolean }): void {
    const parsed = parseViewState(search, catalog.sites, DEFAULT_SITE);
    const refit = parsed.state.site !== this.view.site;
    this.view = parsed.state;
    this.notices = parsed.notices;
    if (write) this.writeUrl(false);
    void this.refresh(refit);
  }

  /** The optional online basemap (off by default; the user's choice is kept in this browser only). */
  basemap = $state(basemapWanted());
  basemapError = $state<string | null>(null);

  async setBasemap(on: boolean): Promise<void> {
    rememberBasemap(on);
    this.basemap = on;
    await this.applyBasemap();
  }

  private async applyBasemap(): Promise<void> {
    const map = this.map;
    if (!map) return;
    try {
      await map.setBasemap(this.basemap ? await loadBasemap() : null);
      this.basemapError = null;
    } catch (err) {
      // Offline or blocked: the map stays as it is, without the basemap.
      this.basemapError = err instanceof Error ? err.message : String(err);
      this.basemap = false;
      await map.setBasemap(null);
    }
  }

  /** Each area's colour as the map shows it (for image exports and the map's table). */
  shownColors = $state.raw<ReadonlyMap<string, string | null>>(new Map());

  /**
   * The map as shown (areas, colours, selection, point layers, extent), drawn by a hidden map of
   * `width` × `height` CSS pixels at `pixelRatio`: for PNG and PPTX exports.
   */
  async mapImage(width: number, height: number, pixelRatio: number): Promise<HTMLCanvasElement> {
    const map = this.map;
    if (!map) throw new Error('map not ready');
    const [{ renderMapImage }] = await Promise.all([import('../map/map-snapshot'), this.whenViewPainted()]);
    const level = this.level;
    const points = this.pointLayers
      .filter((l) => l.site === this.view.site && this.view.pts.includes(l.id))
      .map((l) => ({ id: l.id, url: dataUrl(l.file), categories: l.categories }));
    return renderMapImage({
      width,
      height,
      pixelRatio,
      site: this.view.site,
      level: level.id,
      geometryUrl: dataUrl(level.geometry),
      areaCount: level.count,
      colors: this.shownColors,
      selected: this.view.sel,
      bounds: map.getBounds(),
      points,
      trend: this.view.trend && this.trendMemo ? this.trendMemo.glyphs : null,
    });
  }

  /** The map's camera (saved with a view), or null before the map exists. */
  camera(): { center: [number, number]; zoom: number; bearing: number } | null {
    return this.map?.getCamera() ?? null;
  }

  moveCamera(camera: { center: [number, number]; zoom: number; bearing?: number }, options: { animate?: boolean } = {}): void {
    this.map?.setCamera(camera, options);
  }

  /** Deletes an imported site everywhere (map, DuckDB, storage). */
  async removeUserSite(id: string): Promise<void> {
    if (this.view.site === id) this.update({ site: DEFAULT_SITE });
    unregisterUserSite(id);
    await deleteUserSite(id).catch(() => undefined);
    for (const ext of await loadExtensions().catch(() => [])) if (ext.siteId === id) await deleteExtension(ext.id).catch(() => undefined);
    if (this.engine) await unloadSite(this.engine, id);
    this.cache?.forget(id);
  }

  /** Indicators about to disappear must not stay in the view (findIndicator would fail). */
  private leaveIndicators(siteId: string, ids: readonly string[]): void {
    if (this.view.site !== siteId) return;
    const gone = new Set(ids);
    const site = findSite(siteId);
    const patch: Partial<ViewState> = {};
    if (gone.has(this.view.ind)) patch.ind = site.defaults.ind;
    if (this.view.ind2 && gone.has(this.view.ind2)) patch.ind2 = null;
    if (this.view.idx.some((w) => gone.has(w.id))) patch.idx = this.view.idx.filter((w) => !gone.has(w.id));
    if (Object.keys(patch).length > 0) this.update(patch, { replace: true });
  }

  /** Deletes a table that was added to a site: its indicators leave the site and the storage. */
  async removeTableImport(ext: TableExtension): Promise<void> {
    this.leaveIndicators(ext.siteId, ext.indicators.map((i) => i.id));
    unregisterExtension(ext);
    await deleteExtension(ext.id).catch(() => undefined);
    this.cache?.forget(ext.siteId);
    void this.refresh();
  }

  /** How many of the given points (lon/lat) lie in an area of the site's base level. */
  async pointsInSite(siteId: string, points: readonly Feature<Point>[]): Promise<number> {
    const [{ levelGeometry }, { countPointsPerArea }] = await Promise.all([import('../data/geometry'), import('../analysis/points-per-area')]);
    const areas = await levelGeometry(baseLevel(findSite(siteId)).geometry);
    let inside = 0;
    for (const n of countPointsPerArea(points, areas).values()) inside += n;
    return inside;
  }

  /** The tables the user added to sites (not the indicators derived from point layers). */
  async storedTables(): Promise<TableExtension[]> {
    return (await loadExtensions().catch(() => [])).filter((e) => !e.id.startsWith('pts-'));
  }

  /** Adds an imported point layer, keeps it, and shows it on its site. */
  async addPointLayer(entry: UserPointLayer, { show = true }: { show?: boolean } = {}): Promise<void> {
    registerPointLayer(entry);
    try {
      await savePointLayer(entry);
      this.storageError = null;
    } catch (err) {
      this.storageError = err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
    }
    if (!show) return;
    if (this.view.site !== entry.layer.site) this.update({ site: entry.layer.site });
    this.update({ pts: [...this.view.pts.filter((p) => p !== entry.layer.id), entry.layer.id] });
  }

  /** Deletes an imported point layer and the indicators derived from it. */
  async removePointLayer(id: string): Promise<void> {
    const layer = this.pointLayers.find((l) => l.id === id);
    if (!layer) return;
    if (this.view.pts.includes(id)) this.update({ pts: this.view.pts.filter((p) => p !== id) }, { replace: true });
    this.map?.removePoints(id);
    const derived = this.derivedExtensions.get(id);
    if (derived) {
      this.leaveIndicators(layer.site, derived.indicators.map((i) => i.id));
      unregisterExtension(derived);
      this.derivedExtensions.delete(id);
      this.cache?.forget(layer.site);
    }
    this.derivedPoints.delete(id);
    unregisterPointLayer(id);
    await deletePointLayer(id).catch(() => undefined);
  }

  /** Renames an imported point layer (label only). */
  async renamePointLayer(id: string, label: string): Promise<void> {
    const entry = (await loadPointLayers().catch(() => [])).find((e) => e.layer.id === id);
    if (!entry || label.trim() === '') return;
    const renamed = { ...entry, layer: { ...entry.layer, label: { de: label.trim(), en: label.trim() } } };
    registerPointLayer(renamed);
    await savePointLayer(renamed).catch(() => undefined);
  }

  /** Renames an imported site (label only). */
  async renameUserSite(id: string, label: string): Promise<void> {
    const site = catalog.sites.find((s) => s.id === id);
    if (!site || !isUserSite(id) || label.trim() === '') return;
    site.label = { de: label.trim(), en: label.trim() };
    this.sites = catalog.sites.slice();
    const entries = await loadUserSites().catch(() => []);
    const entry = entries.find((e) => e.site.id === id);
    if (entry) await saveUserSite({ ...entry, site }).catch(() => undefined);
  }

  /** Why imported data could not be kept ('full' = quota), or null. */
  storageError = $state<string | null>(null);
  /** What could not be restored from the browser's storage, and unexpected errors (shown by Notices). */
  readonly reports = appReports;

  /** Swipe mode: what the right-hand map shows. */
  swipe = $state.raw<SwipeSide | null>(null);

  /** The scatter brush: the map dims everything outside it. */
  setBrushed(ids: string[] | null): void {
    this.brushed = ids;
    this.map?.setBrushed(ids);
  }

  /** The SQL console: one read-only query over the loaded tables. */
  runConsoleQuery(sql: string): Promise<ConsoleResult> {
    if (!this.engine) return Promise.reject(new SqlConsoleError('engine', translate(this.view.lang, 'analysis.waiting')));
    return runReadOnlyQuery(this.engine, sql);
  }

  private ensureAnalysis(): Promise<AnalysisData> {
    this.analysisLoading ??= import('./analysis.svelte').then(({ AnalysisData }) => {
      const analysis = new AnalysisData();
      this.analysis = analysis;
      return analysis;
    });
    return this.analysisLoading;
  }

  /** Every area of the site with its level, for the search box (areas come from DuckDB). */
  async searchableAreas(): Promise<AreaHit[]> {
    const cache = this.cache;
    if (!cache || this.site.kind === 'grid') return [];
    const site = this.site;
    const levels = await Promise.all(site.levels.map((l) => cache.areas(site, l.id).then((areas) => ({ level: l.id, areas }))));
    return levels.flatMap(({ level, areas }) => [...areas.values()].map((a) => ({ id: a.id, name: a.name, level })));
  }

  /** Selects an area found by search (switching to its level) and zooms to it. */
  async goToArea(hit: AreaHit): Promise<void> {
    const sel = this.view.level === hit.level ? [...this.view.sel.filter((s) => s !== hit.id), hit.id].slice(-6) : [hit.id];
    this.update({ level: hit.level, sel });
    const { areaBounds, levelGeometry } = await import('../data/geometry');
    const fc = await levelGeometry(findLevel(this.site, hit.level).geometry);
    const bounds = areaBounds(fc, hit.id);
    if (bounds) this.map?.zoomTo(bounds);
  }

  toggleSelected(id: string): void {
    const sel = this.view.sel.includes(id) ? this.view.sel.filter((s) => s !== id) : [...this.view.sel, id].slice(-6);
    this.update({ sel });
  }

  private writeUrl(replace: boolean): void {
    const url = serializeViewState(this.view);
    if (url === location.search) return;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }

  private async startEngine(): Promise<void> {
    try {
      // The site's files download while the engine starts (a grid site has no
      // first view to show meanwhile). Each download is used once: DuckDB takes
      // over the buffer.
      const downloads = new Map<string, Promise<Uint8Array>>();
      const inView = findSite(this.view.site);
      for (const path of [inView.values, inView.areas]) if (path) downloads.set(path, fetchBytes(path));
      const readFile = (path: string): Promise<Uint8Array> => {
        const started = downloads.get(path);
        downloads.delete(path);
        return started ?? fetchBytes(path);
      };
      const { createBrowserEngine } = await import('../db/browser-engine');
      const engine = await createBrowserEngine();
      this.engine = engine;
      // Only the site in view is loaded now; others when the user switches to them.
      const cache = new ValueCache(engine, (site) => loadSiteData(engine, site, readFile));
      await cache.ensureSite(findSite(this.view.site));
      this.cache = cache;
      this.engineStatus = 'ready';
      performance.mark('atlas:db-ready');
      await this.refresh();
    } catch (err) {
      this.engineStatus = 'error';
      this.engineError = err instanceof Error ? err.message : String(err);
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

  /** Values for a view: from DuckDB, or from the precomputed first view while DuckDB starts. */
  private async fetchValues(
    view: ViewState,
    site: Site,
    ind: Indicator,
  ): Promise<{ rows: AreaValue[]; data: LevelData | null } | null> {
    if (this.cache) {
      this.cache.setSecrecy(view.sec);
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

  private async refresh(refit = false): Promise<void> {
    const map = this.map;
    if (!map) return;
    const gen = ++this.generation;
    const start = performance.now();
    const view = this.view;
    const site = findSite(view.site);
    const ind = findIndicator(site, view.ind);
    if (site.kind === 'grid') return this.refreshGrid(map, view, site, ind, gen, start, refit);
    void this.gridLayer?.then((layer) => layer.setVisible(false));
    try {
      const level = findLevel(site, view.level);
      const shown = map.show(site.id, level.id, dataUrl(level.geometry), level.count);
      void shown.then(() => this.syncPoints(map, view));
      const [changedSource, fetched] = await Promise.all([shown, this.fetchValues(view, site, ind)]);
      if (gen !== this.generation) return;
      const queried = performance.now();
      if (changedSource && refit) map.fit(site.bounds);
      if (!fetched) return; // waiting for the engine
      this.levelData = fetched.data;
      const result =
        view.mode === 'change' && fetched.data
          ? this.buildChange(view, site, ind, fetched.data)
          : this.buildResult(view, site, ind, fetched.rows, view.mode === 'multiples' || swipesYears(view) ? fetched.data : null);
      this.result = result;
      this.pruneSelection(result);
      map.setSelected(this.view.sel);
      if (this.cache) {
        void this.loadNames(site, level.id, gen);
        void this.loadReferences(site, ind, level.id, gen);
        void this.loadComparisons(site, ind, gen);
      }
      let colorById: ReadonlyMap<string, string | null> = new Map(
        [...result.values].map(([id, v]) => {
          if (v.secret) return [id, SECRET_COLOR];
          const cls = result.classification?.classOf(v.value) ?? -1;
          return [id, cls >= 0 ? (result.colors[cls] ?? null) : null];
        }),
      );
      if (this.cache && ANALYSIS_MODES.includes(view.mode)) {
        const analysed = this.ensureAnalysis().then((analysis) => analysis.refresh(this.cache!, site, view));
        if (ANALYSIS_MAP_MODES.includes(view.mode)) {
          const colors = await analysed;
          if (gen !== this.generation) return;
          if (colors) colorById = colors;
        }
      }
      map.recolor(colorById);
      this.shownColors = colorById;
      map.setBrushed(this.brushed);
      this.swipe = view.mode === 'swipe' && this.cache ? await this.buildSwipe(view, site, ind, result) : null;
      if (gen !== this.generation) return;
      const trendPainted = this.showTrend(map, view, site, ind, fetched.data, gen);
      const recolored = performance.now();
      // Arrows first, then the map (which draws at once when it can): drawn the other way round,
      // deck.gl's draw queued behind MapLibre's in the software GPU and the update's p95 rose by ~3 ms.
      await trendPainted;
      if (gen !== this.generation) return;
      await map.painted();
      if (gen !== this.generation) return;
      this.cache?.prefetch(site, level.id);
      this.markPainted(view, result, { start, queried, recolored });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private markPainted(view: ViewState, result: ViewResult, t: { start: number; queried: number; recolored: number }): void {
    // Finer measures show where an update's time goes (benchmarks read them).
    performance.measure('atlas:query', { start: t.start, end: t.queried });
    performance.measure('atlas:recolor', { start: t.queried, end: t.recolored });
    performance.measure('atlas:paint', { start: t.recolored, end: performance.now() });
    this.paintedKey = `${result.key}|${view.cls}|${view.k}|${this.cache ? 'db' : 'first'}`;
    // After the map, when the browser is idle: a ranking re-renders then rather than delaying the map
    // (or the next update, when years or indicators are switched in quick succession).
    const of = { indicator: findIndicator(findSite(view.site), view.ind), year: view.year };
    const publish = () => {
      if (this.result !== result) return;
      this.paintedResult = result;
      this.paintedOf = of;
    };
    if ('requestIdleCallback' in window) requestIdleCallback(publish, { timeout: 250 });
    else setTimeout(publish, 0);
    if (!this.firstMapMarked) {
      this.firstMapMarked = true;
      performance.mark('atlas:first-map');
    } else {
      performance.measure('atlas:update', { start: t.start, end: performance.now() });
    }
  }

  /** A grid site: cells from DuckDB as typed arrays, drawn by the (lazily loaded) deck.gl grid layer. */
  private async refreshGrid(
    map: ChoroplethMap,
    view: ViewState,
    site: Site,
    ind: Indicator,
    gen: number,
    start: number,
    refit: boolean,
  ): Promise<void> {
    map.hideAreas();
    void this.trendLayer?.then((layer) => layer.setVisible(false));
    this.trendShown = null;
    this.trendMemo = null;
    if (refit) map.fit(site.bounds);
    const cache = this.cache;
    if (!cache) return; // the grid has no precomputed first view: wait for the engine
    try {
      const [layer, cells, values] = await Promise.all([
        this.ensureGridLayer(map),
        cache.gridCells(site),
        cache.gridValues(site, ind),
      ]);
      if (gen !== this.generation) return;
      if (this.gridCellsOf !== site.id) {
        layer.setCells(cells.positions, cells.count);
        this.gridCellsOf = site.id;
      }
      const queried = performance.now();
      const nums = Array.from(values, (v) => (Number.isNaN(v) ? null : v));
      const classification = nums.some((v) => v !== null) ? classify(nums, view.cls, view.k, view.breaks ?? undefined) : null;
      const colors = classification ? paletteColors(classification.k, ind.direction) : [];
      layer.setColors(cellColors(values, classification, colors));
      layer.setVisible(true);
      const recolored = performance.now();
      this.gridValues = values;
      this.levelData = null;
      const result: ViewResult = { key: dataKey(view), values: new Map(), classification, colors, aggregable: true, change: null, multiples: null };
      this.result = result;
      await layer.painted();
      if (gen !== this.generation) return;
      this.markPainted(view, result, { start, queried, recolored });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Point layers of the site in the URL's `pts` are shown, every other one hidden. */
  private syncPoints(map: ChoroplethMap, view: ViewState): void {
    for (const layer of this.pointLayers) {
      const visible = layer.site === view.site && view.pts.includes(layer.id);
      void map.showPoints(layer.id, dataUrl(layer.file), layer.categories, visible);
      if (visible) void this.derivePointIndicators(layer);
    }
  }

  private readonly derivedPoints = new Set<string>();
  private readonly derivedExtensions = new Map<string, TableExtension>();

  /** Adds the indicators derived from a point layer (count, per 1,000, catchment) to its site, once. */
  private async derivePointIndicators(layer: PointLayerInfo): Promise<void> {
    const cache = this.cache;
    const engine = this.engine;
    if (!cache || !engine || this.derivedPoints.has(layer.id)) return;
    this.derivedPoints.add(layer.id);
    try {
      await cache.ensureSite(findSite(layer.site));
      // Loaded on first use: turf's geometry code stays out of the first map's JavaScript.
      const { pointIndicators } = await import('./point-indicators');
      const ext = await pointIndicators(cache, findSite(layer.site), layer);
      // Into DuckDB first: the indicators show up in the menus only once their values can be asked for.
      await engine.registerFile(ext.file, ext.bytes.slice());
      await insertIndicators(engine, findSite(layer.site), ext.indicators, ext.file);
      if (!registerExtension(ext)) return;
      this.derivedExtensions.set(layer.id, ext);
      const pending = this.pendingSearch;
      if (pending && ext.indicators.some((i) => new URLSearchParams(pending).getAll('ind').concat(new URLSearchParams(pending).getAll('ind2')).includes(i.id))) {
        this.pendingSearch = null;
        this.showQuery(pending, { write: true });
      }
    } catch (err) {
      this.derivedPoints.delete(layer.id);
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Trend arrows (deck.gl, loaded on first use), see trendGlyphs. */
  private async showTrend(map: ChoroplethMap, view: ViewState, site: Site, ind: Indicator, data: LevelData | null, gen: number): Promise<void> {
    const on = view.trend && data !== null && ind.years.length > 1 && this.cache !== null;
    if (!on) {
      if (this.slopes.size > 0) this.slopes = new Map();
      this.trendMemo = null;
      this.trendShown = null;
      if (this.trendLayer) (await this.trendLayer).setVisible(false);
      return;
    }
    this.trendLayer ??= import('../map/trend-layer').then(({ TrendLayer }) => new TrendLayer(map.map));
    const [layer, points] = await Promise.all([this.trendLayer, this.cache!.points(site, view.level)]);
    if (gen !== this.generation) return;
    const key = [points, data, view.from, view.to, ind.direction];
    if (!this.trendMemo || key.some((part, i) => part !== this.trendMemo!.key[i])) {
      const { glyphs, slopes } = trendGlyphs(points, data.byArea, view.from, view.to, ind.direction);
      this.slopes = slopes;
      this.trendMemo = { key, glyphs };
      this.trendShown = { from: view.from, to: view.to, direction: ind.direction, count: glyphs.length };
    }
    layer.setGlyphs(this.trendMemo.glyphs);
    layer.setVisible(true);
    await layer.painted();
  }

  private ensureGridLayer(map: ChoroplethMap): Promise<GridLayer> {
    this.gridLayer ??= import('../map/grid-layer').then(({ GridLayer }) => {
      const layer = new GridLayer(map.map);
      layer.onHover((index, x, y) => {
        const name = index === null ? null : layer.cellId(index);
        this.gridHover = index === null || name === null ? null : { index, name, x, y };
      });
      return layer;
    });
    return this.gridLayer;
  }

  /** Tooltip text for a hovered area or grid cell. */
  describeHover(id: string, lang: Lang): { text: string; note: string | null } {
    if (this.site.kind === 'grid') {
      const v = this.gridValues?.[Number(id)];
      const value = v === undefined || Number.isNaN(v) ? null : v;
      return { text: formatValue(value, this.indicator.unit, this.indicator.decimals, lang), note: null };
    }
    const result = this.result;
    if (result?.change) {
      const ind = this.indicator;
      const [a, b] = result.change.ends.get(id) ?? [null, null];
      const v = result.values.get(id)?.value ?? null;
      const fmt = (x: number | null) => formatValue(x, ind.unit, ind.decimals, lang);
      return {
        text: formatChange(v, result.change.measure, ind.unit, ind.decimals, lang),
        note: `${result.change.from}: ${fmt(a)} → ${result.change.to}: ${fmt(b)}`,
      };
    }
    const described = describeValue(result?.values.get(id), this.indicator, result?.aggregable ?? true, lang);
    const slope = this.view.trend ? this.slopes.get(id) : undefined;
    if (slope === undefined) return described;
    const ind = this.indicator;
    const series = this.levelData?.byArea.get(id) ?? [];
    const inRange = series.filter((p) => p.year >= this.view.from && p.year <= this.view.to);
    const years = inRange.map((p) => `${p.year}: ${formatValue(p.value, ind.unit, ind.decimals, lang)}`).join(' · ');
    const perYear = formatChange(slope, 'abs', ind.unit, Math.max(ind.decimals, 1) + 1, lang);
    return { text: described.text, note: `${translate(lang, 'trend.slope', { slope: perYear })}\n${years}` };
  }

  /** One year's map; with `all` (small multiples) the classes come from every year from–to, the same for each map. */
  private buildResult(view: ViewState, site: Site, ind: Indicator, rows: AreaValue[], all: LevelData | null = null): ViewResult {
    const values = new Map(rows.map((r) => [r.id, r]));
    const aggregable = isAggregable(site, ind, view.level);
    // Classes over several years: every year from–to (small multiples), or the two years of a swipe.
    const years = !all ? [] : swipesYears(view) ? [view.from, view.year] : ind.years.filter((y) => y >= view.from && y <= view.to);
    const nums = all ? years.flatMap((y) => (all.byYear.get(y) ?? []).map((r) => r.value)) : rows.map((r) => r.value);
    let classification: Classification | null = null;
    if (aggregable && nums.some((v) => v !== null)) {
      classification = classify(nums, view.cls, view.k, view.breaks ?? undefined);
    }
    const colors = classification ? paletteColors(classification.k, ind.direction) : [];
    const colorOf = (v: number | null) => {
      const cls = classification?.classOf(v) ?? -1;
      return cls >= 0 ? (colors[cls] ?? null) : null;
    };
    const multiples = all && view.mode === 'multiples'
      ? years.map((year) => ({ year, colors: new Map((all.byYear.get(year) ?? []).map((r) => [r.id, colorOf(r.value)])) }))
      : null;
    return { key: dataKey(view), values, classification, colors, aggregable, change: null, multiples };
  }

  /**
   * The right-hand map of the swipe view: `ind2` in the same year with its own
   * classes, or without a second indicator the same indicator in the year `from`
   * coloured with the left map's classes (computed over both years), so that
   * colours compare across years.
   */
  private async buildSwipe(view: ViewState, site: Site, ind: Indicator, left: ViewResult): Promise<SwipeSide> {
    const other = view.ind2 && view.ind2 !== ind.id ? findIndicator(site, view.ind2) : null;
    const shown = other ?? ind;
    const year = other ? nearestYear(other.years, view.year) : view.from;
    const data = await this.cache!.get(site, view.level, shown);
    const rows = data.byYear.get(year) ?? [];
    let classification = left.classification;
    let palette = left.colors;
    if (other) {
      const nums = rows.map((r) => r.value);
      classification = isAggregable(site, other, view.level) && nums.some((v) => v !== null) ? classify(nums, view.cls, view.k) : null;
      palette = classification ? paletteColors(classification.k, other.direction) : [];
    }
    const colors = new Map(
      rows.map((r) => {
        const cls = classification?.classOf(r.value) ?? -1;
        return [r.id, cls >= 0 ? (palette[cls] ?? null) : null] as const;
      }),
    );
    return { key: `${site.id}|${view.level}|${shown.id}|${year}`, ind: shown, year, colors, classification: other ? classification : null, palette };
  }

  /** Change between `from` and `to`: diverging classes centred on zero, "worse" in red. */
  private buildChange(view: ViewState, site: Site, ind: Indicator, data: LevelData): ViewResult {
    const measure = view.chg ?? naturalMeasure(ind.unit);
    const fromRows = new Map((data.byYear.get(view.from) ?? []).map((r) => [r.id, r]));
    const ends = new Map<string, [number | null, number | null]>();
    const rows = (data.byYear.get(view.to) ?? []).map((r) => {
      const from = fromRows.get(r.id);
      const a = from?.value ?? null;
      ends.set(r.id, [a, r.value]);
      // A change from or to a secret value is itself secret.
      const secret = r.secret ?? from?.secret;
      return { ...r, value: change(a, r.value, measure), ...(secret ? { secret } : {}) };
    });
    const values = new Map(rows.map((r) => [r.id, r]));
    const aggregable = isAggregable(site, ind, view.level);
    const nums = rows.map((r) => r.value);
    const k = Math.max(3, Math.min(9, view.k));
    const classification =
      aggregable && nums.some((v) => v !== null) ? classify(nums, 'manual', k, divergingBreaks(nums, k)) : null;
    // RdBu runs red (low) to blue (high): reversed when a rise is bad, purple–orange when neutral.
    const base = divergingColors(k, ind.direction === 'neutral' ? 'PuOr' : 'RdBu');
    const colors = ind.direction === 'higher-worse' ? [...base].reverse() : base;
    return { key: dataKey(view), values, classification, colors, aggregable, change: { from: view.from, to: view.to, measure, ends }, multiples: null };
  }

  private async loadReferences(site: Site, ind: Indicator, level: string, gen: number): Promise<void> {
    if (!this.cache) return;
    const references = await ancestorSeries(this.cache, site, ind, level, this.view.sel);
    if (gen === this.generation) this.references = references;
  }

  private async loadComparisons(site: Site, ind: Indicator, gen: number): Promise<void> {
    // Other sites are loaded into DuckDB only once the trend chart is shown (an area is selected).
    const found = this.cache && this.view.sel.length > 0
      ? await crossSiteSeries(this.cache, site, ind, this.view.sel, this.view.cmp)
      : { series: [], suggestions: [] };
    if (gen !== this.generation) return;
    this.comparisons = found.series;
    this.comparisonSuggestions = found.suggestions;
  }

  private async loadNames(site: Site, level: string, gen: number): Promise<void> {
    const names = await this.cache?.names(site, level);
    if (names && gen === this.generation) this.names = names;
  }

  /** Selected ids that do not exist at the shown level are dropped, with a notice. */
  private pruneSelection(result: ViewResult): void {
    const missing = this.view.sel.filter((id) => !result.values.has(id));
    if (missing.length === 0) return;
    this.droppedSelection = missing;
    this.view = { ...this.view, sel: this.view.sel.filter((id) => result.values.has(id)) };
    this.writeUrl(true);
  }
}
