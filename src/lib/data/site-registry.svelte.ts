// The site registry: the one owner of the list of sites (bundled and imported),
// their sources and the point layers. Nothing else adds, replaces or removes a
// site; views read `sites` (reactive) and look sites up here.
import type { Site, Source } from './catalog-types';
import { bundledCatalog } from './catalog';
import { bundledPointLayers, type PointLayerInfo } from './points';
import { dropUserFile, dropUserFiles, putUserFile } from './user-files';
import { safeColor, type TableExtension, type UserPointLayer, type UserSite } from './user-data';

export class SiteRegistry {
  /** Every site, bundled first; a site object is replaced (never mutated) when its indicators change. */
  sites = $state.raw<readonly Site[]>(bundledCatalog.sites.slice());
  /** Every point layer, bundled first. */
  pointLayers = $state.raw<readonly PointLayerInfo[]>(bundledPointLayers.slice());
  /** Sources by key: the bundled catalog's and the imports'. */
  private readonly sources = new Map<string, Source>(Object.entries(bundledCatalog.sources));

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
    this.replaceSite(entry.site.id, () => entry.site);
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

  private replaceSite(id: string, make: (site: Site | undefined) => Site | undefined): Site | undefined {
    const i = this.sites.findIndex((s) => s.id === id);
    const next = make(this.sites[i]);
    if (!next) return undefined;
    this.sites = i >= 0 ? this.sites.map((s, j) => (j === i ? next : s)) : [...this.sites, next];
    return next;
  }
}

/** The app's one registry (the import, the restore at start and every view share it). */
export const siteRegistry = new SiteRegistry();
