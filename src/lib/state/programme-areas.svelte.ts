// The user's programme areas (Fördergebiete, Sozialräume, …): adding, editing,
// renaming and deleting them (with undo of the last deletion), keeping them in
// the browser (IndexedDB), in project files and — unions of base areas — in the
// URL (pa=). The site registry holds them and gives each site its level
// PROGRAMME_LEVEL; the data coordinator puts them into DuckDB; this owner keeps
// both in step with the storage and the view.
import { untrack } from 'svelte';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Site } from '../data/catalog-types';
import type { SiteRegistry } from '../data/site-registry.svelte';
import {
  defaultProgrammeColor, encodeProgrammeAreas, isBundled, isProgrammeLevel, isUnion, newProgrammeAreaId,
  type ProgrammeArea,
} from '../data/programme-areas';
import { StorageFullError } from '../data/user-store';
import type { DataCoordinator } from './data-coordinator.svelte';
import type { ViewStore } from './view-store.svelte';
import type { BatchArgs, BatchResult } from './programme-batch';

/** What a new programme area needs; id and colour are chosen when not given. */
export type ProgrammeAreaInput = Omit<ProgrammeArea, 'id' | 'color'> & { id?: string; color?: string };

/** What a drawn programme area needs: members, weights and area shares come from its polygon. */
export type ProgrammePolygonInput = Omit<ProgrammeAreaInput, 'members' | 'weights' | 'areaShares' | 'geometry'> & { geometry: Polygon | MultiPolygon };

/** Where the owner keeps areas (IndexedDB in the app; replaceable in tests). */
export interface ProgrammeStorage {
  save(areas: readonly ProgrammeArea[]): Promise<void>;
  remove(id: string): Promise<void>;
}

// IndexedDB's code is loaded with the first write, not with the first map.
const browserStorage: ProgrammeStorage = {
  save: async (areas) => (await import('../data/programme-areas-store')).saveProgrammeAreas(areas),
  remove: async (id) => (await import('../data/programme-areas-store')).deleteProgrammeArea(id),
};

export class ProgrammeAreas {
  /** Why programme areas could not be kept ('full' = quota), or null; they still last for the session. */
  storageError = $state<string | null>(null);
  /** The last deleted area (undo brings it back), or null. */
  lastRemoved = $state.raw<ProgrammeArea | null>(null);
  /** Bundled areas the user deleted: hidden (in this browser) until restoreBundled(). */
  hiddenBundled = $state.raw<readonly string[]>([]);
  /** Geometry of every site in flight (tests and the e2e hook wait for it). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    readonly registry: SiteRegistry,
    private readonly data: DataCoordinator | null,
    private readonly store: ViewStore | null,
    private readonly storage: ProgrammeStorage = browserStorage,
  ) {
    registry.onProgrammeGeometry = () => data?.repaint();
    // A share link's unions (pa=) join the areas at once: the view may show their level.
    if (store) {
      this.seenPa = store.view.pa;
      this.adopt(store.view.pa);
    }
  }

  /** The view's pa as last adopted or written: only a new one (a URL given to the view) is adopted. */
  private seenPa: readonly ProgrammeArea[] = [];

  /** Every programme area of every site. */
  get all(): readonly ProgrammeArea[] {
    return this.registry.programmeAreas;
  }

  /** The programme areas of one site. */
  of(siteId: string): ProgrammeArea[] {
    return this.registry.programmeAreasOf(siteId);
  }

  find(id: string): ProgrammeArea | undefined {
    return this.registry.programmeAreas.find((a) => a.id === id);
  }

  /** Resolves when every outline asked for so far is in place (tests, the e2e hook). */
  settled(): Promise<void> {
    return this.pending.then(() => undefined);
  }

  /** Adds a programme area (checked; throws with the reason if it is not usable) and keeps it. */
  async add(input: ProgrammeAreaInput): Promise<ProgrammeArea> {
    const area = await this.checked({
      ...input,
      id: input.id ?? this.freshId(),
      color: input.color ?? defaultProgrammeColor(this.of(input.site).length),
    });
    if (this.find(area.id)) throw new Error(`A programme area "${area.id}" exists already`);
    if (!this.registry.find(area.site)) throw new Error(`Unknown site "${area.site}"`);
    if (this.registry.find(area.site)?.kind === 'grid' && !area.geometry) throw new Error(`Programme area ${area.id}: a grid site's programme areas are polygons`);
    await this.apply(area.site, [...this.of(area.site), area]);
    await this.keep([area]);
    return area;
  }

  /**
   * Adds a drawn polygon as a programme area: its members are the base areas it touches, each with
   * the share of its counts inside (areal weights computed off the main thread, refined by the Zensus grid's
   * residents on bundled sites: programme-surface.ts) and the share of its
   * area (areaShares) where it is cut. Throws PolygonOutsideError (data/programme-weights.ts) when it touches none. On a grid site
   * the polygon itself is the area (its figures come from the cells).
   */
  async addPolygon(input: ProgrammePolygonInput): Promise<ProgrammeArea> {
    const site = this.registry.find(input.site);
    if (!site) throw new Error(`Unknown site "${input.site}"`);
    if (site.kind === 'grid') return this.add({ ...input, members: [] });
    return this.add({ ...input, ...(await this.weigh(site, input.geometry)) });
  }

  /**
   * Adds many polygons of one site at once (an imported file's features), each weighed like
   * addPolygon, then written to DuckDB and kept in one go; those that cannot be added are reported by
   * their index (state/programme-batch.ts, loaded on first use).
   */
  async addPolygons(...args: BatchArgs): Promise<BatchResult> {
    return (await import('./programme-batch')).addPolygons(this, ...args);
  }

  /** A drawn area gets a new polygon: members, weights and area shares are found again. */
  async updatePolygon(id: string, geometry: Polygon | MultiPolygon): Promise<ProgrammeArea> {
    const old = this.find(id);
    if (!old) throw new Error(`Unknown programme area "${id}"`);
    const site = this.registry.site(old.site);
    if (site.kind === 'grid') return this.update(id, { geometry });
    return this.update(id, await this.weigh(site, geometry));
  }

  /** Members, weights (< 1 only) and area shares of a polygon against the site's base areas (also for programme-batch.ts). */
  async weigh(site: Site, geometry: Polygon | MultiPolygon) {
    const [{ polygonMembers }, { zensusSurface }] = await Promise.all([import('../data/programme-weights'), import('./programme-surface')]);
    const cache = this.data?.values;
    return polygonMembers(site, geometry, this.registry.loadBaseGeometry, cache ? zensusSurface(site, this.registry.sites, cache) : undefined);
  }

  /** Changes a programme area (name, programme, start year, colour, members, polygon and weights). */
  async update(id: string, patch: Partial<Omit<ProgrammeArea, 'id' | 'site'>>): Promise<ProgrammeArea> {
    const old = this.find(id);
    if (!old) throw new Error(`Unknown programme area "${id}"`);
    if (isBundled(old)) throw new Error(`The bundled programme area "${old.name}" cannot be changed`);
    const merged: Record<string, unknown> = { ...old, ...patch };
    // Members given without weights are a union again (weights belong to a polygon).
    if (patch.members && !('weights' in patch)) delete merged.weights;
    if (patch.members && !('areaShares' in patch)) delete merged.areaShares;
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const area = await this.checked(merged);
    await this.apply(area.site, this.of(area.site).map((a) => (a.id === id ? area : a)));
    await this.keep([area]);
    return area;
  }

  rename(id: string, name: string): Promise<ProgrammeArea> {
    return this.update(id, { name });
  }

  /** Deletes a programme area; undoRemove() brings the last one back. */
  async remove(id: string): Promise<void> {
    const area = this.find(id);
    if (!area) return;
    const rest = this.of(area.site).filter((a) => a.id !== id);
    this.leaveLevel(area.site, id, rest.length === 0);
    this.lastRemoved = area;
    await this.apply(area.site, rest);
    // A bundled area is only hidden (it comes back with restoreBundled()).
    if (isBundled(area)) await this.hideBundled([...this.hiddenBundled, id]);
    else await this.storage.remove(id).catch(() => undefined);
  }

  /** Brings the last deleted programme area back (false when there is none). */
  async undoRemove(): Promise<boolean> {
    const area = this.lastRemoved;
    if (!area || this.find(area.id) || !this.registry.find(area.site)) return false;
    this.lastRemoved = null;
    await this.apply(area.site, [...this.of(area.site), area]);
    if (isBundled(area)) await this.hideBundled(this.hiddenBundled.filter((h) => h !== area.id));
    else await this.keep([area]);
    return true;
  }

  /**
   * The bundled programme areas (examples and sourced ones, data/programme-areas/examples.json)
   * join their sites, except those the user hid; DuckDB gets them at once where the site is loaded.
   */
  async loadBundled(only?: ReadonlySet<string>): Promise<void> {
    const examples = await import('./programme-examples');
    this.hiddenBundled = [...examples.hiddenExamples()];
    const { sites, outlines } = await examples.addBundledAreas(this.registry, only);
    this.pending = Promise.all([this.pending, outlines]);
    for (const site of sites) await this.data?.setProgrammeAreas(site);
  }

  /** Brings every hidden bundled area back. */
  async restoreBundled(): Promise<void> {
    const ids = new Set(this.hiddenBundled);
    await this.hideBundled([]);
    if (this.lastRemoved && ids.has(this.lastRemoved.id)) this.lastRemoved = null;
    await this.loadBundled(ids);
  }

  private async hideBundled(ids: readonly string[]): Promise<void> {
    this.hiddenBundled = [...new Set(ids)];
    (await import('./programme-examples')).setHiddenExamples(this.hiddenBundled);
  }

  /** A deleted imported site takes its programme areas along (from the list and the storage). */
  async forgetSite(siteId: string): Promise<void> {
    const gone = this.of(siteId);
    if (gone.length === 0) return;
    await this.registry.setProgrammeAreas(siteId, []);
    for (const a of gone) await this.storage.remove(a.id).catch(() => undefined);
  }

  /** Programme areas from a project file or storage: added, or replacing those with the same id; kept. */
  async addMany(areas: readonly ProgrammeArea[]): Promise<void> {
    const bySite = new Map<string, ProgrammeArea[]>();
    for (const a of areas) {
      if (!this.registry.find(a.site)) continue;
      bySite.set(a.site, [...(bySite.get(a.site) ?? []), a]);
    }
    for (const [site, list] of bySite) {
      const ids = new Set(list.map((a) => a.id));
      await this.apply(site, [...this.of(site).filter((a) => !ids.has(a.id)), ...list]);
    }
    await this.keep([...bySite.values()].flat());
  }

  /**
   * The unions a URL names (pa=) that are not here yet join the areas of their site and are kept
   * like the user's own (a share link's recipient then has them); those already here stay as they are.
   */
  adopt(areas: readonly ProgrammeArea[]): void {
    // (Not the one just deleted: the view's URL may still name it for a moment.)
    const fresh = areas.filter((a) => !this.find(a.id) && a.id !== this.lastRemoved?.id && this.registry.find(a.site));
    if (fresh.length === 0) return;
    for (const site of new Set(fresh.map((a) => a.site))) {
      void this.apply(site, [...this.of(site), ...fresh.filter((a) => a.site === site)]);
    }
    void this.keep(fresh);
  }

  /**
   * From now on: unions in a URL the view is given (back/forward, a saved view) are adopted, and
   * the view's pa= names the shown site's unions (so a copied link restores them).
   */
  listen(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const pa = this.store?.view.pa;
        if (!pa || pa === this.seenPa) return;
        this.seenPa = pa;
        untrack(() => this.adopt(pa));
      });
      $effect(() => {
        const store = this.store;
        if (!store) return;
        const wanted = this.of(store.view.site).filter((a) => isUnion(a) && !isBundled(a));
        const shown = store.view.pa;
        if (shown.some((a) => a.site !== store.view.site) || encodeProgrammeAreas(wanted) !== encodeProgrammeAreas(shown)) {
          untrack(() => {
            this.seenPa = wanted;
            store.update({ pa: wanted }, { replace: true });
          });
        }
      });
    });
  }

  /** The whole check (loaded with the first edit, not with the first map). */
  async checked(x: unknown): Promise<ProgrammeArea> {
    const checked = (await import('../data/programme-areas-check')).checkProgrammeArea(x);
    if (!checked.ok) throw new Error(checked.reason);
    return checked.value;
  }

  freshId(): string {
    let id = newProgrammeAreaId();
    while (this.find(id)) id = newProgrammeAreaId();
    return id;
  }

  /** The view leaves an area that goes away (and the level when it is the last). */
  private leaveLevel(siteId: string, id: string, last: boolean): void {
    const store = this.store;
    if (!store || store.view.site !== siteId || !isProgrammeLevel(store.view.level)) return;
    if (last) store.update({ level: this.registry.site(siteId).defaults.level, sel: [] }, { replace: true });
    else if (store.view.sel.includes(id)) store.update({ sel: store.view.sel.filter((s) => s !== id) }, { replace: true });
  }

  /** One site's areas into the registry (level and outlines) and DuckDB (also for programme-batch.ts). */
  async apply(siteId: string, areas: readonly ProgrammeArea[]): Promise<void> {
    const geometry = this.registry.setProgrammeAreas(siteId, areas);
    this.pending = Promise.all([this.pending, geometry.catch(() => undefined)]);
    await this.data?.setProgrammeAreas(siteId);
  }

  async keep(all: readonly ProgrammeArea[]): Promise<void> {
    // Bundled areas come with the app: never kept.
    const areas = all.filter((a) => !isBundled(a));
    if (areas.length === 0) return;
    try {
      await this.storage.save(areas);
      this.storageError = null;
    } catch (err) {
      this.storageError = err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
    }
  }
}
