// The site registry: the one owner of the list of sites (bundled and imported),
// their sources and the point layers. Nothing else adds, replaces or removes a
// site; views read `sites` (reactive) and look sites up here. It also holds the
// programme areas of every site, which become the site's level PROGRAMME_LEVEL.
import type { Indicator, Level, Site, Source } from './catalog-types';
import { baseLevel, bundledCatalog } from './catalog';
import type { AreaCollection } from './geometry';
import { bundledPointLayers, type PointLayerInfo } from './points';
import { PROGRAMME_LEVEL, PROGRAMME_LEVEL_LABEL, type ProgrammeArea } from './programme-areas';
import { dropUserFile, dropUserFiles, putUserFile, USER_PREFIX } from './user-files';
import { safeColor, type TableExtension, type UserPointLayer, type UserSite } from './user-data';

export class SiteRegistry {
  /** Every site, bundled first; a site object is replaced (never mutated) when its indicators change. */
  sites = $state.raw<readonly Site[]>(bundledCatalog.sites.slice());
  /** Every point layer, bundled first. */
  pointLayers = $state.raw<readonly PointLayerInfo[]>(bundledPointLayers.slice());
  /** Sources by key: the bundled catalog's and the imports'. */
  private readonly sources = new Map<string, Source>(Object.entries(bundledCatalog.sources));
  /** Every programme area of every site (each site's in the order given). */
  programmeAreas = $state.raw<readonly ProgrammeArea[]>([]);
  /** Called when a site's programme-area outlines are in place (the map is painted again). */
  onProgrammeGeometry: ((siteId: string) => void) | null = null;
  /** Reads a base level's boundaries (replaceable in tests, which have no fetch for bundled files). */
  loadBaseGeometry: (path: string) => Promise<AreaCollection> = async (path) => (await import('./geometry')).levelGeometry(path);
  private readonly geometryRuns = new Map<string, number>();
  private geometryCounter = 0;

  find(id: string): Site | undefined {
    return this.sites.find((s) => s.id === id);
  }

  /** The site with this id; throws for an unknown one (callers check ids from outside first). */
  site(id: string): Site {
    const site = this.find(id);
    if (!site) throw new Error(`Unknown site "${id}"`);
    return site;
  }

  source(key: string): Source | undefined {
    return this.sources.get(key);
  }

  pointLayer(id: string): PointLayerInfo | undefined {
    return this.pointLayers.find((l) => l.id === id);
  }

  /** Adds or replaces an imported site (idempotent). */
  addSite(entry: UserSite): void {
    for (const [path, bytes] of Object.entries(entry.files)) putUserFile(path, bytes);
    this.sources.set(entry.site.geometrySource, entry.source);
    // A site read again (a project file) keeps its programme level.
    this.replaceSite(entry.site.id, (old) => {
      const programme = old?.levels.find((l) => l.id === PROGRAMME_LEVEL);
      return programme ? { ...entry.site, levels: [...entry.site.levels.filter((l) => l.id !== PROGRAMME_LEVEL), programme] } : entry.site;
    });
  }

  /** Adds (or replaces) a site opened from an online data package (data/online-open.ts) with the sources it cites. */
  addOnlineSite(site: Site, sources: Readonly<Record<string, Source>>): void {
    for (const [key, source] of Object.entries(sources)) this.sources.set(key, source);
    this.replaceSite(site.id, () => site);
  }

  removeSite(id: string): void {
    this.sites = this.sites.filter((s) => s.id !== id);
    dropUserFiles(id);
  }

  /** A new label for an imported site. */
  renameSite(id: string, label: string): Site | undefined {
    return this.replaceSite(id, (site) => (site ? { ...site, label: { de: label, en: label } } : undefined));
  }

  /**
   * Adds an imported table's indicators to its site (the site object is replaced,
   * so views holding the old one notice). False when the site is not (yet) there.
   */
  addExtension(ext: TableExtension): boolean {
    const site = this.find(ext.siteId);
    if (!site) return false;
    putUserFile(ext.file, ext.bytes);
    this.sources.set(ext.sourceKey, ext.source);
    if (site.extraValues?.some((e) => e.file === ext.file)) return true;
    this.replaceSite(site.id, () => ({
      ...site,
      indicators: [...site.indicators, ...ext.indicators.filter((n) => !site.indicators.some((o) => o.id === n.id))],
      extraValues: [...(site.extraValues ?? []), { file: ext.file, indicators: ext.indicators.map((n) => n.id) }],
    }));
    return true;
  }

  /** Removes an extension's indicators from its site. */
  removeExtension(ext: { siteId: string; file: string; indicators: readonly { id: string }[] }): void {
    dropUserFile(ext.file);
    const gone = new Set(ext.indicators.map((n) => n.id));
    this.replaceSite(ext.siteId, (site) =>
      site
        ? { ...site, indicators: site.indicators.filter((n) => !gone.has(n.id)), extraValues: (site.extraValues ?? []).filter((e) => e.file !== ext.file) }
        : undefined,
    );
  }

  /**
   * Adds (or replaces) indicators computed in the app from the site's others (formula indicators,
   * data/formula-indicator-entry.ts), each with its source, after the site's indicators. False when
   * the site is not there.
   */
  addComputedIndicators(siteId: string, entries: readonly { indicator: Indicator; sourceKey: string; source: Source }[]): boolean {
    if (!this.find(siteId)) return false;
    for (const e of entries) this.sources.set(e.sourceKey, e.source);
    this.replaceSite(siteId, (site) =>
      site ? { ...site, indicators: [...site.indicators.map((i) => entries.find((e) => e.indicator.id === i.id)?.indicator ?? i), ...entries.filter((e) => !site.indicators.some((i) => i.id === e.indicator.id)).map((e) => e.indicator)] } : undefined,
    );
    return true;
  }

  /** Removes computed indicators (formula indicators) from their site. */
  removeComputedIndicators(siteId: string, ids: readonly string[]): void {
    const gone = new Set(ids);
    this.replaceSite(siteId, (site) => (site ? { ...site, indicators: site.indicators.filter((i) => !gone.has(i.id) || i.formula === undefined) } : undefined));
  }

  /** Adds or replaces an imported point layer. */
  addPointLayer(entry: UserPointLayer): void {
    putUserFile(entry.layer.file, entry.bytes);
    this.sources.set(`${entry.layer.id}-source`, entry.layer.source);
    // Sanitised in place: the entry is stored as registered.
    entry.layer.categories = entry.layer.categories.map((c) => ({ ...c, color: safeColor(c.color) }));
    const layer = entry.layer;
    const i = this.pointLayers.findIndex((l) => l.id === layer.id);
    this.pointLayers = i >= 0 ? this.pointLayers.map((l, j) => (j === i ? layer : l)) : [...this.pointLayers, layer];
  }

  removePointLayer(id: string): void {
    this.pointLayers = this.pointLayers.filter((l) => l.id !== id);
    dropUserFiles(id);
  }

  /** The programme areas of one site. */
  programmeAreasOf(siteId: string): ProgrammeArea[] {
    return this.programmeAreas.filter((a) => a.site === siteId);
  }

  /**
   * Replaces one site's programme areas. The site gains (or loses) its level PROGRAMME_LEVEL at
   * once; its outlines (a union of members dissolved, a drawn polygon as it is) follow when
   * computed, and the returned promise resolves then. On a grid site only drawn or imported
   * polygons are programme areas.
   */
  setProgrammeAreas(siteId: string, areas: readonly ProgrammeArea[]): Promise<void> {
    const site = this.find(siteId);
    // One area per id (the first), of this site; on a grid site only polygons (their figures come from the cells).
    const mine = areas.filter((a, i) => a.site === siteId && areas.findIndex((b) => b.id === a.id) === i && (site?.kind !== 'grid' || a.geometry !== undefined));
    this.programmeAreas = [...this.programmeAreas.filter((a) => a.site !== siteId), ...mine];
    if (!site) return Promise.resolve();
    const run = ++this.geometryCounter;
    this.geometryRuns.set(siteId, run);
    const current = site.levels.find((l) => l.id === PROGRAMME_LEVEL);
    if (mine.length === 0) {
      if (current) {
        this.replaceSite(siteId, (s) => (s ? { ...s, levels: s.levels.filter((l) => l.id !== PROGRAMME_LEVEL) } : undefined));
        dropLater(current.geometry);
      }
      return Promise.resolve();
    }
    // At once: the level exists for the view (its old or an empty outline until the new one is in place).
    const placeholder = current?.geometry ?? this.putGeometry(siteId, run, { type: 'FeatureCollection', features: [] });
    this.setProgrammeLevel(siteId, { id: PROGRAMME_LEVEL, label: { ...PROGRAMME_LEVEL_LABEL }, geometry: placeholder, count: mine.length });
    return (async () => {
      const { programmeOutlines } = await import('./programme-areas-outlines');
      const base = mine.some((a) => a.geometry === undefined) ? this.loadBaseGeometry(baseLevel(site).geometry) : Promise.resolve(null);
      // Each outline (first the members side by side, then dissolved) replaces the one before, unless replaced meanwhile.
      await programmeOutlines(base, mine, (fc, step) => {
        if (this.geometryRuns.get(siteId) !== run) return false;
        const path = this.putGeometry(siteId, `${run}${step}`, fc);
        const old = this.find(siteId)?.levels.find((l) => l.id === PROGRAMME_LEVEL)?.geometry;
        this.setProgrammeLevel(siteId, { id: PROGRAMME_LEVEL, label: { ...PROGRAMME_LEVEL_LABEL }, geometry: path, count: mine.length });
        if (old && old !== path) dropLater(old);
        this.onProgrammeGeometry?.(siteId);
        return true;
      });
    })();
  }

  private putGeometry(siteId: string, run: number | string, fc: unknown): string {
    const path = `${USER_PREFIX}pa-${siteId}/${PROGRAMME_LEVEL}-${run}.geojson`;
    putUserFile(path, new TextEncoder().encode(JSON.stringify(fc)));
    return path;
  }

  /** The site's programme level, after its statistical levels. */
  private setProgrammeLevel(siteId: string, level: Level): void {
    this.replaceSite(siteId, (s) => (s ? { ...s, levels: [...s.levels.filter((l) => l.id !== PROGRAMME_LEVEL), level] } : undefined));
  }

  private replaceSite(id: string, make: (site: Site | undefined) => Site | undefined): Site | undefined {
    const i = this.sites.findIndex((s) => s.id === id);
    const next = make(this.sites[i]);
    if (!next) return undefined;
    this.sites = i >= 0 ? this.sites.map((s, j) => (j === i ? next : s)) : [...this.sites, next];
    return next;
  }
}

/**
 * An outline replaced by a newer one is forgotten a while later: the map's worker may still be
 * fetching its blob: URL (revoked at once, the fetch fails and the map reports an error).
 */
function dropLater(path: string): void {
  const timer = setTimeout(() => dropUserFile(path), 60_000) as unknown as { unref?: () => void };
  timer.unref?.(); // (Node: tests do not wait for it)
}

/** The app's one registry (the import, the restore at start and every view share it). */
export const siteRegistry = new SiteRegistry();
