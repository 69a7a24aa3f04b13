// The user's imports ("Meine Daten"): adding, keeping (IndexedDB), renaming and
// deleting imported sites, tables and point layers, and project files. The site
// registry holds what is shown, the data coordinator what DuckDB holds; this
// service keeps both in step with the browser's storage and the view.
import type { SiteRegistry } from '../data/site-registry.svelte';
import { foreignProjectParts, isDerivedExtension, isUserSite, type TableExtension, type UserPointLayer, type UserSite } from '../data/user-data';
import {
  deleteExtension, deletePointLayer, deleteUserSite, loadExtensions, loadPointLayers, loadUserSites,
  saveExtension, savePointLayer, saveUserSite, StorageFullError,
} from '../data/user-store';
import type { DataCoordinator } from './data-coordinator.svelte';
import type { ProgrammeAreas } from './programme-areas.svelte';
import { serializeViewState } from './url';
import { DEFAULT_SITE, type ViewStore } from './view-store.svelte';
import { isBundled } from '../data/programme-areas';

function storageProblem(err: unknown): string {
  return err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
}

export class UserImports {
  /** Why imported data could not be kept ('full' = quota), or null. */
  storageError = $state<string | null>(null);

  constructor(
    private readonly registry: SiteRegistry,
    private readonly data: DataCoordinator,
    private readonly store: ViewStore,
    private readonly programmes: ProgrammeAreas | null = null,
  ) {}

  /** Keeps a record; a failure is reported in storageError (the import still shows for this session). */
  private async keep(save: () => Promise<void>): Promise<void> {
    try {
      await save();
      this.storageError = null;
    } catch (err) {
      this.storageError = storageProblem(err);
    }
  }

  /** Adds an imported site, keeps it in the browser's storage and shows it. */
  async addUserSite(entry: UserSite): Promise<void> {
    this.registry.addSite(entry);
    await this.keep(() => saveUserSite(entry));
    this.store.update({ site: entry.site.id });
  }

  /** Adds an imported table's indicators to a site, keeps them, and shows the first. */
  async addTableImport(ext: TableExtension, { show = true }: { show?: boolean } = {}): Promise<void> {
    if (!this.registry.addExtension(ext)) throw new Error(`Unknown site "${ext.siteId}"`);
    await this.data.addTable(ext);
    await this.keep(() => saveExtension(ext));
    const first = ext.indicators[0];
    const years = first?.years ?? [];
    if (first && show) this.store.update({ site: ext.siteId, ind: first.id, year: years[years.length - 1] ?? this.store.view.year });
  }

  /** Adds an imported point layer, keeps it, and shows it on its site. */
  async addPointLayer(entry: UserPointLayer, { show = true }: { show?: boolean } = {}): Promise<void> {
    this.registry.addPointLayer(entry);
    await this.keep(() => savePointLayer(entry));
    if (!show) return;
    if (this.store.view.site !== entry.layer.site) this.store.update({ site: entry.layer.site });
    this.store.update({ pts: [...this.store.view.pts.filter((p) => p !== entry.layer.id), entry.layer.id] });
  }

  /** Deletes an imported site everywhere (map, DuckDB, storage). */
  async removeUserSite(id: string): Promise<void> {
    if (this.store.view.site === id) this.store.update({ site: DEFAULT_SITE });
    await this.removeFormulas(id, null);
    this.registry.removeSite(id);
    await this.programmes?.forgetSite(id);
    await deleteUserSite(id).catch(() => undefined);
    for (const ext of await loadExtensions().catch(() => [])) if (ext.siteId === id) await deleteExtension(ext.id).catch(() => undefined);
    await this.data.unloadSite(id);
  }

  /** Deletes a table that was added to a site: its indicators leave the site and the storage. */
  async removeTableImport(ext: TableExtension): Promise<void> {
    this.store.leaveIndicators(ext.siteId, ext.indicators.map((i) => i.id));
    await this.removeFormulas(ext.siteId, ext.indicators.map((i) => i.id));
    this.registry.removeExtension(ext);
    await deleteExtension(ext.id).catch(() => undefined);
    this.data.forget(ext.siteId);
  }

  /** Formula indicators computed from indicators that go away (null: all of the site) go too. */
  private async removeFormulas(siteId: string, ids: readonly string[] | null): Promise<void> {
    if (!this.registry.find(siteId)?.indicators.some((i) => i.formula !== undefined)) return;
    const { formulaIndicatorsOwner } = await import('./formula-indicators.svelte');
    await formulaIndicatorsOwner(this.registry, this.data, this.store).removeUsing(siteId, ids);
  }

  /** Deletes an imported point layer and the indicators derived from it. */
  async removePointLayer(id: string): Promise<void> {
    const layer = this.registry.pointLayer(id);
    if (!layer) return;
    if (this.store.view.pts.includes(id)) this.store.update({ pts: this.store.view.pts.filter((p) => p !== id) }, { replace: true });
    this.store.leaveIndicators(layer.site, this.data.derivedIndicatorIds(id));
    this.data.dropPointIndicators(layer);
    this.registry.removePointLayer(id);
    await deletePointLayer(id).catch(() => undefined);
  }

  /** Renames an imported point layer (label only). */
  async renamePointLayer(id: string, label: string): Promise<void> {
    const entry = (await loadPointLayers().catch(() => [])).find((e) => e.layer.id === id);
    if (!entry || label.trim() === '') return;
    const renamed = { ...entry, layer: { ...entry.layer, label: { de: label.trim(), en: label.trim() } } };
    this.registry.addPointLayer(renamed);
    await savePointLayer(renamed).catch(() => undefined);
  }

  /** Renames an imported site (label only). */
  async renameUserSite(id: string, label: string): Promise<void> {
    if (!isUserSite(id) || label.trim() === '') return;
    const site = this.registry.renameSite(id, label.trim());
    if (!site) return;
    const entry = (await loadUserSites().catch(() => [])).find((e) => e.site.id === id);
    if (entry) await saveUserSite({ ...entry, site }).catch(() => undefined);
  }

  /** The tables the user added to sites (not the indicators derived from point layers). */
  async storedTables(): Promise<TableExtension[]> {
    return (await loadExtensions().catch(() => [])).filter((e) => !isDerivedExtension(e.id));
  }

  /** Everything imported and the current view, as a project file (JSON text). */
  async exportProject(): Promise<string> {
    const [{ writeProject }, { formulaRecords }, sites, extensions, pointLayers] = await Promise.all([
      import('../io/project-file'),
      import('../data/formula-indicators'),
      loadUserSites().catch(() => []),
      loadExtensions().catch(() => []),
      loadPointLayers().catch(() => []),
    ]);
    // (Bundled programme areas come with the app.)
    const programmeAreas = this.registry.programmeAreas.filter((a) => !isBundled(a));
    const formulaIndicators = formulaRecords(this.registry.sites);
    return writeProject({ sites, extensions, pointLayers, programmeAreas, formulaIndicators, view: serializeViewState(this.store.view) });
  }

  /** Restores a project file: its sites and tables are added (kept), then its view is shown. */
  async importProject(text: string, fileName: string): Promise<void> {
    const { readProject } = await import('../io/project-file');
    const project = readProject(text, fileName);
    const foreign = foreignProjectParts(project);
    if (foreign.length > 0) throw new Error(`${fileName}: the project file would replace bundled data (${foreign.join(', ')})`);
    for (const entry of project.sites) {
      this.registry.addSite(entry);
      await saveUserSite(entry).catch((err: unknown) => {
        this.storageError = err instanceof StorageFullError ? 'full' : String(err);
      });
    }
    for (const ext of project.extensions) {
      if (isDerivedExtension(ext.id)) continue; // derived from bundled point layers: computed again when shown
      await this.addTableImport(ext, { show: false });
    }
    for (const layer of project.pointLayers) await this.addPointLayer(layer, { show: false });
    // Programme areas after the sites they belong to, before the view (which may show their level).
    if (project.programmeAreas.length > 0) await this.programmes?.addMany(project.programmeAreas);
    // Formula indicators after the tables their formulas may name, before the view (which may show one).
    if (project.formulaIndicators.length > 0) {
      const { formulaIndicatorsOwner } = await import('./formula-indicators.svelte');
      await formulaIndicatorsOwner(this.registry, this.data, this.store).addMany(project.formulaIndicators);
    }
    // The project's view as it was (update() would reset a new site to its defaults).
    this.store.showQuery(project.view, { write: true });
  }
}
