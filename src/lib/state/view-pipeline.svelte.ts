// The view pipeline: view state → DuckDB answers (through the data coordinator)
// → pure render functions → the map controller, and the figures the panels read
// (result, names, reference lines, comparisons, swipe side, analysis). The map
// component drives it: an effect calls refresh() whenever the view or the data
// change. Performance marks: atlas:first-map, atlas:update, and atlas:query,
// atlas:recolor, atlas:paint, which split an update.
import type { Indicator, Site } from '../data/catalog-types';
import { baseLevel, findIndicator, findLevel } from '../data/catalog';
import { isProgrammeLevel, type ProgrammeArea } from '../data/programme-areas';
import type { SiteRegistry } from '../data/site-registry.svelte';
import { dataUrl, fetchJsonOnce } from '../data/urls';
import { levelTiles } from '../data/level-tiles';
import type { AreaValue } from '../data/values';
import type { TrendSeries } from '../charts/trend';
import type { MapController } from '../map/map-controller';
import type { FirstPaint } from '../map/first-paint';
import type { FeatureCollection } from 'geojson';
import { cellColors } from '../map/grid-colors';
import { trendGlyphs } from '../map/trend-glyphs';
import type { TrendGlyph } from '../map/trend-layer';
import { areaHoverText, gridHoverText } from '../render/hover-text';
import { buildChange, buildGridResult, buildResult, buildSwipe, needsAllYears, paintedKeyOf, resultColors, swipeTarget, type SwipeSide, type ViewResult } from '../render/view-result';
import type { LevelData } from '../data/values';
import type { Lang } from '../i18n';
import type { AnalysisData } from './analysis.svelte';
import type { estimateNotes } from '../render/estimate-text';

type EstimateNotes = typeof estimateNotes;
import type { DataCoordinator } from './data-coordinator.svelte';
import { ancestorSeries, crossSiteSeries, type Suggestion } from './trend-series';
import type { ViewStore } from './view-store.svelte';
import { ANALYSIS_MAP_MODES, ANALYSIS_MODES, type ViewState } from './view-state';

/** Levels with more areas are drawn by the first paint only from their pre-built tiles (else their geometry is MapLibre's worker's job). */
export const PREPAINT_MAX_AREAS = 1000;

export class ViewPipeline {
  result = $state.raw<ViewResult | null>(null);
  names = $state.raw<ReadonlyMap<string, string>>(new Map());
  /** Compare, profile, scatter, bivariate, index and hot-spot figures (loaded with the first analysis mode). */
  analysis = $state.raw<AnalysisData | null>(null);
  /** The shown indicator at the shown level, all years (from DuckDB). */
  levelData = $state.raw<LevelData | null>(null);
  /** Reference lines for the trend chart: the site's top level (city, Germany) over the years. */
  references = $state.raw<TrendSeries[]>([]);
  /** Areas of other sites in the trend chart (URL cmp), and ones that could be added. */
  comparisons = $state.raw<TrendSeries[]>([]);
  comparisonSuggestions = $state.raw<Suggestion[]>([]);
  /** Years of each selected area, for sparklines. */
  readonly series: ReadonlyMap<string, AreaValue[]>;
  /** The data key and classification of the last view painted on the map (for tests and benchmarks). */
  paintedKey = $state('');
  /** The result once the map shows it: secondary views (ranking) follow the map instead of delaying it. */
  paintedResult = $state.raw<ViewResult | null>(null);
  /** The indicator and year of paintedResult: a ranking formats the painted values with their own unit. */
  paintedOf = $state.raw<{ indicator: Indicator; year: number } | null>(null);
  painted: boolean = $derived(this.paintedKey !== '');
  /** The first coloured map is visible (the first paint or MapLibre's): what is not needed for it may load. */
  firstMapShown = $state(false);
  error = $state<string | null>(null);
  /** Swipe mode: what the right-hand map shows. */
  swipe = $state.raw<SwipeSide | null>(null);
  /** Each area's colour as the map shows it (for image exports and the map's table). */
  shownColors = $state.raw<ReadonlyMap<string, string | null>>(new Map());
  /** What the trend arrows on the map show (for their legend), or null when none are shown. */
  trendShown = $state.raw<{ from: number; to: number; direction: Indicator['direction']; count: number } | null>(null);
  /** The hovered grid cell (grid sites only). */
  gridHover = $state<{ index: number; name: string; x: number; y: number } | null>(null);
  /** Slope per area of the shown trend arrows (for the tooltip; reactive, so an open tooltip gains the
   *  slope when the arrows arrive after the pointer). */
  private slopes = $state.raw<ReadonlyMap<string, number>>(new Map());
  /** The arrows last computed and what they were computed from (a year switch keeps them). */
  private trendMemo: { key: unknown[]; glyphs: TrendGlyph[] } | null = null;
  private gridValues: Float32Array | null = null;
  /** The shown site's programme areas and its base areas' names, for the notes of estimated ones. */
  private estimateInput = $state.raw<{ areas: readonly ProgrammeArea[]; names: ReadonlyMap<string, string>; notes: EstimateNotes } | null>(null);
  private estimateMemo: { input: unknown; lang: Lang; notes: Map<string, string> } | null = null;
  private analysisLoading: Promise<AnalysisData> | null = null;
  private generation = 0;
  private firstMapMarked = false;
  private maplibreMarked = false;

  constructor(
    private readonly store: ViewStore,
    private readonly registry: SiteRegistry,
    private readonly data: DataCoordinator,
  ) {
    this.series = $derived(
      new Map(this.store.view.sel.flatMap((id) => {
        const rows = this.levelData?.byArea.get(id);
        return rows ? [[id, rows] as const] : [];
      })),
    );
    this.prefetchFirstPaint(this.store.view);
  }

  /** The trend arrows as last drawn, or null (for exported pictures). */
  get trendGlyphs(): TrendGlyph[] | null {
    return this.store.view.trend && this.trendMemo ? this.trendMemo.glyphs : null;
  }

  /**
   * The first paint, before MapLibre has loaded: the site's prepared first view (the default indicator
   * and year, from first-view.json) with the level's geometry, coloured exactly as the map will colour
   * it, drawn on `paint`'s canvas. Marks `atlas:first-map` and returns true when drawn; false for any other
   * view (a link to another indicator, a grid site, an analysis mode), which waits for the map.
   */
  async prepaint(view: ViewState, paint: FirstPaint): Promise<boolean> {
    try {
      const shown = this.firstPaintOf(view);
      if (!shown) return false;
      const { site, ind, level } = shown;
      const tiles = levelTiles(level);
      let result: ViewResult | null = null;
      const colors = this.data.levelValues(view, site, ind).then((fetched) => {
        if (!fetched || this.firstMapMarked || this.store.view !== view) return null;
        result = buildResult(view, site, ind, fetched.rows, null);
        return resultColors(result);
      });
      // A tiled level: the tiles MapLibre will read for this camera (first-paint-tiles.ts), else the level's GeoJSON.
      const drawn = tiles
        ? await paint.drawTiles({ href: new URL(tiles.url, location.href).href, layer: tiles.layer, minzoom: tiles.minzoom, maxzoom: tiles.maxzoom, areaCount: level.count }, colors, site.bounds)
        : await Promise.all([colors, fetchJsonOnce<FeatureCollection>(level.geometry)]).then(([c, geometry]) => c !== null && paint.draw(geometry, c, site.bounds));
      if (!drawn || !result || this.firstMapMarked || this.store.view !== view) return false;
      this.result = result;
      this.firstMapMarked = true;
      performance.mark('atlas:first-map');
      this.firstMapShown = true;
      return true;
    } catch {
      return false; // the map paints it
    }
  }

  /** What the first paint would draw for `view`, or null when it leaves the view to the map. */
  private firstPaintOf(view: ViewState): { site: Site; ind: Indicator; level: ReturnType<typeof findLevel> } | null {
    const site = this.registry.site(view.site);
    if (site.kind === 'grid' || isProgrammeLevel(view.level) || view.sel.length > 0) return null;
    const level = findLevel(site, view.level);
    // Larger levels without tiles: parsing and drawing their whole geometry here would hold the main thread up.
    if (level.count > PREPAINT_MAX_AREAS && !level.tiles) return null;
    return { site, ind: findIndicator(site, view.ind), level };
  }

  /** The first paint's downloads (first view, geometry) start as the app is set up, before its components render. */
  private prefetchFirstPaint(view: ViewState): void {
    try {
      const shown = this.firstPaintOf(view);
      if (!shown) return;
      const tiles = levelTiles(shown.level);
      // A tiled level's archive header and root directory (which tiles are read depends on the map's size, known later).
      if (tiles) void import('../map/first-paint-archive').then((m) => m.archiveReader(new URL(tiles.url, location.href).href).getHeader()).catch(() => undefined);
      else void fetchJsonOnce(shown.level.geometry).catch(() => undefined);
      void this.data.levelValues(view, shown.site, shown.ind).catch(() => undefined);
    } catch {
      // nothing to fetch ahead
    }
  }

  /** Computes and paints `view`; a newer call makes an older one stop where it is. */
  async refresh(view: ViewState, map: MapController, refit = false): Promise<void> {
    const gen = ++this.generation;
    const start = performance.now();
    const site = this.registry.site(view.site);
    const ind = findIndicator(site, view.ind);
    // A grid site's programme areas are polygons like any level's (their figures from the cells).
    if (site.kind === 'grid' && !isProgrammeLevel(view.level)) return this.refreshGrid(map, view, site, ind, gen, start, refit);
    map.hideGrid();
    try {
      const level = findLevel(site, view.level);
      const shown = map.areas.show(site.id, level.id, dataUrl(level.geometry), level.count, levelTiles(level));
      void shown.then(() => this.syncPoints(map, view));
      const [changedSource, fetched] = await Promise.all([shown, this.data.levelValues(view, site, ind)]);
      if (gen !== this.generation) return;
      const queried = performance.now();
      if (changedSource && refit) map.areas.fit(site.bounds);
      if (!fetched) return; // waiting for the engine
      // A grid site's programme areas lie over the grid's cells (muted; loaded with the level).
      const values = this.data.values;
      const context = site.kind === 'grid' && values ? import('./grid-context').then((m) => m.showGridContext(map, values, site, ind, level.id)) : null;
      if (!context) map.hideGridContext();
      this.levelData = fetched.data;
      const result =
        view.mode === 'change' && fetched.data
          ? buildChange(view, site, ind, fetched.data)
          : buildResult(view, site, ind, fetched.rows, needsAllYears(view) ? fetched.data : null);
      this.result = result;
      this.store.pruneSelection(result.values);
      map.areas.setSelected(this.store.view.sel);
      const cache = this.data.values;
      if (cache) {
        void this.loadNames(site, level.id, gen);
        void this.loadEstimates(site, level.id, gen);
        void this.loadReferences(site, ind, level.id, gen);
        void this.loadComparisons(site, ind, gen);
      }
      let colorById: ReadonlyMap<string, string | null> = resultColors(result);
      // Similar areas (and a before/after view's comparison group when it is them) are marked on the map.
      const marks = view.mode === 'similar' || view.mode === 'did';
      if (!marks || !cache) map.areas.setMarked([]);
      if (cache && ANALYSIS_MODES.includes(view.mode)) {
        const analysed = this.ensureAnalysis().then((analysis) => analysis.refresh(cache, site, view));
        if (marks) {
          void analysed.then(() => {
            if (gen === this.generation) map.areas.setMarked(this.analysis?.marked ?? []);
          });
        }
        if (ANALYSIS_MAP_MODES.includes(view.mode)) {
          const colors = await analysed;
          if (gen !== this.generation) return;
          if (colors) colorById = colors;
        }
      }
      map.areas.recolor(colorById);
      this.shownColors = colorById;
      map.areas.setBrushed(this.store.brushed);
      this.swipe = view.mode === 'swipe' && cache ? await this.loadSwipe(view, site, ind, result) : null;
      if (gen !== this.generation) return;
      const trendPainted = this.showTrend(map, view, site, ind, fetched.data, gen);
      const recolored = performance.now();
      // Arrows first, then the map (which draws at once when it can): drawn the other way round,
      // deck.gl's draw queued behind MapLibre's in the software GPU and the update's p95 rose by ~3 ms.
      await trendPainted;
      if (gen !== this.generation) return;
      await context;
      if (gen !== this.generation) return;
      await map.areas.painted();
      if (gen !== this.generation) return;
      cache?.prefetch(site, level.id, view.year, ind);
      this.markPainted(view, result, { start, queried, recolored });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Resolves when the view in the store has been painted from DuckDB (its data key and classes); false after `timeoutMs`. */
  whenViewPainted(timeoutMs = 30_000): Promise<boolean> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      const check = () => {
        if (this.paintedKey === paintedKeyOf(this.store.view, true)) resolve(true);
        else if (performance.now() - t0 > timeoutMs) resolve(false);
        else setTimeout(check, 30);
      };
      check();
    });
  }

  /** Resolves when the map shows the store's year (the year player waits for it). */
  whenYearPainted(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.paintedKey.includes(`|${this.store.view.year}|`) ? resolve() : setTimeout(check, 16));
      check();
    });
  }

  /** Tooltip text for a hovered area or grid cell. */
  describeHover(id: string, lang: Lang): { text: string; note: string | null } {
    const ind = this.store.indicator;
    if (this.store.site.kind === 'grid' && !isProgrammeLevel(this.store.view.level)) return gridHoverText(this.gridValues, Number(id), ind, lang);
    const v = this.store.view;
    const trend = v.trend ? { slope: this.slopes.get(id), series: this.levelData?.byArea.get(id) ?? [], from: v.from, to: v.to } : null;
    const text = areaHoverText(id, ind, this.result, trend, lang);
    const estimate = this.result?.values.get(id)?.estimated ? this.estimateNote(id, lang) : null;
    return estimate ? { text: text.text, note: text.note ? `${estimate}\n${text.note}` : estimate } : text;
  }

  /** The notes of estimated programme areas (and their texts) are loaded: the legend may speak of them. */
  get estimatesReady(): boolean {
    return this.estimateInput !== null;
  }

  /**
   * How an estimated programme area's value is estimated ("geschätzt: 37 % der Fläche von …"), or null
   * for an exact one (tooltip, ranking, profile, exports).
   */
  estimateNote(id: string, lang: Lang): string | null {
    const input = this.estimateInput;
    if (!input) return null;
    if (this.estimateMemo?.input !== input || this.estimateMemo.lang !== lang) {
      this.estimateMemo = { input, lang, notes: input.notes(input.areas, (base) => input.names.get(base) ?? base, lang) };
    }
    return this.estimateMemo.notes.get(id) ?? null;
  }

  private markPainted(view: ViewState, result: ViewResult, t: { start: number; queried: number; recolored: number }): void {
    // Finer measures show where an update's time goes (benchmarks read them).
    performance.measure('atlas:query', { start: t.start, end: t.queried });
    performance.measure('atlas:recolor', { start: t.queried, end: t.recolored });
    performance.measure('atlas:paint', { start: t.recolored, end: performance.now() });
    this.paintedKey = paintedKeyOf(view, this.data.values !== null);
    // After the map, when the browser is idle: a ranking re-renders then rather than delaying the map
    // (or the next update, when years or indicators are switched in quick succession).
    const of = { indicator: findIndicator(this.registry.site(view.site), view.ind), year: view.year };
    const publish = () => {
      if (this.result !== result) return;
      this.paintedResult = result;
      this.paintedOf = of;
    };
    if ('requestIdleCallback' in window) requestIdleCallback(publish, { timeout: 250 });
    else setTimeout(publish, 0);
    if (!this.maplibreMarked) {
      // The first coloured map that MapLibre drew (the first paint, if any, came before it).
      this.maplibreMarked = true;
      if (!this.firstMapMarked) performance.mark('atlas:first-map');
      this.firstMapMarked = true;
      this.firstMapShown = true;
      performance.mark('atlas:first-maplibre-map');
    } else {
      performance.measure('atlas:update', { start: t.start, end: performance.now() });
    }
  }

  /** A grid site: cells from DuckDB as typed arrays, drawn by the (lazily loaded) deck.gl grid layer. */
  private async refreshGrid(map: MapController, view: ViewState, site: Site, ind: Indicator, gen: number, start: number, refit: boolean): Promise<void> {
    map.hideAreas();
    this.trendShown = null;
    this.trendMemo = null;
    if (refit) map.areas.fit(site.bounds);
    const cache = this.data.values;
    if (!cache) return; // the grid has no precomputed first view: wait for the engine
    try {
      const [layer, values] = await Promise.all([map.showGrid(site.id, () => cache.gridCells(site)), cache.gridValues(site, ind)]);
      if (gen !== this.generation) return;
      const queried = performance.now();
      const result = buildGridResult(view, ind, values);
      layer.setColors(cellColors(values, result.classification, result.colors));
      layer.setVisible(true);
      const recolored = performance.now();
      this.gridValues = values;
      this.levelData = null;
      this.result = result;
      await layer.painted();
      if (gen !== this.generation) return;
      this.markPainted(view, result, { start, queried, recolored });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  /** Point layers of the site in the URL's `pts` are shown, every other one hidden; shown ones gain their indicators. */
  private syncPoints(map: MapController, view: ViewState): void {
    for (const layer of this.registry.pointLayers) {
      const visible = layer.site === view.site && view.pts.includes(layer.id);
      void map.showPoints(layer.id, dataUrl(layer.file), layer.categories, visible);
      if (!visible) continue;
      this.data.derivePointIndicators(layer).then(
        (ext) => ext && this.store.resumePendingLink(ext.indicators.map((i) => i.id)),
        (err: unknown) => (this.error = err instanceof Error ? err.message : String(err)),
      );
    }
  }

  /** Trend arrows (deck.gl, loaded on first use), see trendGlyphs. */
  private async showTrend(map: MapController, view: ViewState, site: Site, ind: Indicator, data: LevelData | null, gen: number): Promise<void> {
    const cache = this.data.values;
    if (!(view.trend && data !== null && ind.years.length > 1 && cache !== null)) {
      if (this.slopes.size > 0) this.slopes = new Map();
      this.trendMemo = null;
      this.trendShown = null;
      await map.showTrend(null);
      return;
    }
    const points = await cache.points(site, view.level);
    if (gen !== this.generation) return;
    const key = [points, data, view.from, view.to, ind.direction];
    if (!this.trendMemo || key.some((part, i) => part !== this.trendMemo!.key[i])) {
      const { glyphs, slopes } = trendGlyphs(points, data.byArea, view.from, view.to, ind.direction);
      this.slopes = slopes;
      this.trendMemo = { key, glyphs };
      this.trendShown = { from: view.from, to: view.to, direction: ind.direction, count: glyphs.length };
    }
    await map.showTrend(this.trendMemo.glyphs);
  }

  private async loadSwipe(view: ViewState, site: Site, ind: Indicator, left: ViewResult): Promise<SwipeSide> {
    const target = swipeTarget(view, site, ind);
    const data = await this.data.values!.get(site, view.level, target.ind);
    return buildSwipe(view, site, left, target, data);
  }

  private ensureAnalysis(): Promise<AnalysisData> {
    this.analysisLoading ??= import('./analysis.svelte').then(({ AnalysisData }) => {
      const analysis = new AnalysisData();
      this.analysis = analysis;
      return analysis;
    });
    return this.analysisLoading;
  }

  private async loadReferences(site: Site, ind: Indicator, level: string, gen: number): Promise<void> {
    const cache = this.data.values;
    if (!cache) return;
    const sel = this.store.view.sel;
    const references = await ancestorSeries(cache, site, ind, level, sel);
    // A programme area is also compared with the rest of the city ("übrige Stadt"); loaded with the level.
    if (isProgrammeLevel(level) && sel.length > 0) {
      const { programmeRestSeries } = await import('./programme-references');
      references.push(...(await programmeRestSeries(cache, site, ind, sel, this.store.view.lang)));
    }
    if (gen === this.generation) this.references = references;
  }

  private async loadComparisons(site: Site, ind: Indicator, gen: number): Promise<void> {
    // Other sites are loaded into DuckDB only once the trend chart is shown (an area is selected).
    const cache = this.data.values;
    const found = cache && this.store.view.sel.length > 0
      ? await crossSiteSeries(cache, site, ind, this.store.view.sel, this.store.view.cmp)
      : { series: [], suggestions: [] };
    if (gen !== this.generation) return;
    this.comparisons = found.series;
    this.comparisonSuggestions = found.suggestions;
  }

  private async loadEstimates(site: Site, level: string, gen: number): Promise<void> {
    const areas = isProgrammeLevel(level) ? this.registry.programmeAreasOf(site.id) : [];
    if (areas.length === 0) {
      if (this.estimateInput) this.estimateInput = null;
      return;
    }
    // Loaded with the programme level: the wording and its texts are not part of the first map.
    const [names, { estimateNotes }] = await Promise.all([
      site.kind === 'grid' ? new Map<string, string>() : this.data.values?.names(site, baseLevel(site).id),
      import('../render/estimate-text'),
    ]);
    if (names && gen === this.generation) this.estimateInput = { areas, names, notes: estimateNotes };
  }

  private async loadNames(site: Site, level: string, gen: number): Promise<void> {
    const names = await this.data.values?.names(site, level);
    if (names && gen === this.generation) this.names = names;
  }
}
