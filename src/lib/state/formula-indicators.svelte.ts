// The user's formula indicators ("Indikatorenrechner"): adding and deleting them, keeping them
// in the browser (IndexedDB), in project files and in share links (fx=). The site registry holds
// them as indicators of their site (with `formula`); the data coordinator writes their rows into
// DuckDB. Loaded with the calculator panel (or a project file that has some), not with the first map.
import { untrack } from 'svelte';
import type { SiteRegistry } from '../data/site-registry.svelte';
import type { Site } from '../data/catalog-types';
import {
  checkFormulaIndicator, decodeFormulaIndicators, encodeFormulaIndicators, formulaRecordOf, formulaRecords, newFormulaIndicatorId,
  type FormulaIndicator,
} from '../data/formula-indicators';
import { formulaIndicatorEntry, formulaInputs, formulaNames, type FormulaEntry } from '../data/formula-indicator-entry';
import { formulaText, parseFormula, ratioParts, type FormulaNode, type FormulaResult, type RatioParts } from '../analysis/formula';
import { StorageFullError } from '../data/user-store';
import type { DataCoordinator } from './data-coordinator.svelte';
import type { ViewStore } from './view-store.svelte';

/** Where the owner keeps formula indicators (IndexedDB in the app; replaceable in tests). */
export interface FormulaStorage {
  save(list: readonly FormulaIndicator[]): Promise<void>;
  remove(id: string): Promise<void>;
}

const browserStorage: FormulaStorage = {
  save: async (list) => (await import('../data/formula-indicators-store')).saveFormulaIndicators(list),
  remove: async (id) => (await import('../data/formula-indicators-store')).deleteFormulaIndicator(id),
};

export type FormulaInput = Omit<FormulaIndicator, 'id'> & { id?: string };

/** What the form shows while a formula is typed: the parse and, when it parses, how it aggregates. */
export type FormulaPreview = { parsed: FormulaResult; parts: RatioParts | null };

/** Built entries of one site for the registry, and the records that could not become one. */
function entriesOf(site: Site, list: readonly FormulaIndicator[], registry: SiteRegistry): { ok: Extract<FormulaEntry, { ok: true }>[]; failed: string[] } {
  const ok: Extract<FormulaEntry, { ok: true }>[] = [];
  const failed: string[] = [];
  for (const r of list) {
    const entry = formulaIndicatorEntry(site, r, (key) => registry.source(key));
    if (entry.ok) ok.push(entry);
    else failed.push(entry.reason);
  }
  return { ok, failed };
}

/**
 * Formula indicators into the registry without DuckDB (the start-up, before the engine runs: a
 * site's load writes its rows). Records of unknown sites are left out; reasons of those that
 * could not be built are returned.
 */
export function registerFormulaIndicators(registry: SiteRegistry, list: readonly FormulaIndicator[]): string[] {
  const failed: string[] = [];
  for (const siteId of new Set(list.map((f) => f.site))) {
    const site = registry.find(siteId);
    if (!site) continue;
    const built = entriesOf(site, list.filter((f) => f.site === siteId), registry);
    failed.push(...built.failed);
    if (built.ok.length > 0) registry.addComputedIndicators(siteId, built.ok);
  }
  return failed;
}

export class FormulaIndicators {
  /** Why formula indicators could not be kept ('full' = quota), or null; they still last for the session. */
  storageError = $state<string | null>(null);

  constructor(
    private readonly registry: SiteRegistry,
    private readonly data: DataCoordinator | null,
    private readonly store: ViewStore | null,
    private readonly storage: FormulaStorage = browserStorage,
  ) {}

  /** The formula indicators of a site. */
  of(siteId: string): FormulaIndicator[] {
    const site = this.registry.find(siteId);
    return site ? formulaRecords([site]) : [];
  }

  /** Every formula indicator of every site. */
  get all(): FormulaIndicator[] {
    return formulaRecords(this.registry.sites);
  }

  find(id: string): FormulaIndicator | undefined {
    for (const site of this.registry.sites) {
      const ind = site.indicators.find((i) => i.id === id);
      const record = ind ? formulaRecordOf(site.id, ind) : null;
      if (record) return record;
    }
    return undefined;
  }

  /** The indicators of a site a formula may name (id, label), for the suggestions as one types. */
  inputs(siteId: string): { id: string; label: { de: string; en: string } }[] {
    const site = this.registry.find(siteId);
    return site && site.kind !== 'grid' ? formulaInputs(site).map((i) => ({ id: i.id, label: i.label })) : [];
  }

  /** A formula as typed, parsed against the site (nothing is changed). */
  preview(siteId: string, text: string): FormulaPreview {
    const site = this.registry.site(siteId);
    const names = formulaNames(site);
    const parsed = parseFormula(text, names);
    return { parsed, parts: parsed.ok ? ratioParts(parsed.ast, names) : null };
  }

  /** A part of a formula (numerator, denominator) written out. */
  partText(node: FormulaNode): string {
    return formulaText(node);
  }

  /** Adds a formula indicator (checked; throws with the reason if it is not usable), computes and keeps it. */
  async add(input: FormulaInput): Promise<FormulaIndicator> {
    const checked = checkFormulaIndicator({ ...input, id: input.id ?? this.freshId() });
    if (!checked.ok) throw new Error(checked.reason);
    const site = this.registry.find(checked.value.site);
    if (!site) throw new Error(`Unknown site "${checked.value.site}"`);
    if (site.indicators.some((i) => i.id === checked.value.id)) throw new Error(`An indicator "${checked.value.id}" exists already`);
    const entry = formulaIndicatorEntry(site, checked.value, (key) => this.registry.source(key));
    if (!entry.ok) throw new Error(entry.reason);
    const record: FormulaIndicator = { ...checked.value, formula: entry.indicator.formula!, decimals: entry.indicator.decimals };
    const failed = await this.apply(site.id, [entry]);
    if (failed.some((f) => f.id === record.id)) {
      this.registry.removeComputedIndicators(site.id, [record.id]);
      throw new Error(failed.find((f) => f.id === record.id)!.reason);
    }
    await this.keep([record]);
    return record;
  }

  /** Deletes a formula indicator (the view leaves it first). */
  async remove(id: string): Promise<void> {
    const record = this.find(id);
    if (!record) return;
    this.store?.leaveIndicators(record.site, [id]);
    this.registry.removeComputedIndicators(record.site, [id]);
    await this.data?.setFormulaIndicators(record.site, [id]);
    await this.storage.remove(id).catch(() => undefined);
  }

  /**
   * Deletes the formula indicators that name any of these indicators (a table deleted from the
   * site: what is computed from it goes with it), or every one of the site (`ids` null: the site deleted).
   */
  async removeUsing(siteId: string, ids: readonly string[] | null): Promise<void> {
    const site = this.registry.find(siteId);
    const gone = ids === null ? null : new Set(ids);
    const records = site ? this.of(siteId) : this.all.filter((f) => f.site === siteId);
    for (const f of records) {
      if (gone === null || (f.formula.match(/[a-z_][a-z0-9_]*/g) ?? []).some((name) => gone.has(name))) await this.remove(f.id);
    }
  }

  /** Formula indicators from a project file or a link: added (or replacing those with the same id) and kept; the reasons of those refused. */
  async addMany(list: readonly FormulaIndicator[]): Promise<string[]> {
    const failed: string[] = [];
    const kept: FormulaIndicator[] = [];
    for (const siteId of new Set(list.map((f) => f.site))) {
      const site = this.registry.find(siteId);
      if (!site) continue;
      const built = entriesOf(site, list.filter((f) => f.site === siteId), this.registry);
      failed.push(...built.failed);
      if (built.ok.length === 0) continue;
      await this.apply(siteId, built.ok);
      kept.push(...built.ok.map((e) => formulaRecordOf(siteId, e.indicator)!));
    }
    await this.keep(kept);
    return failed;
  }

  /** The view's fx as last adopted or written: only a new one (a URL given to the view) is adopted. */
  private seenFx: string | null = null;

  /**
   * From now on: formula indicators in a URL the view is given (back/forward, a saved view) are
   * adopted, and the view's fx= names the shown site's formula indicators (so a copied link brings them).
   */
  listen(): () => void {
    return $effect.root(() => {
      $effect(() => {
        const store = this.store;
        if (!store) return;
        const fx = store.view.fx;
        const site = store.view.site;
        untrack(() => {
          if (fx === this.seenFx) return;
          this.seenFx = fx;
          const fresh = decodeFormulaIndicators(fx, site).list.filter((f) => !this.find(f.id));
          if (fresh.length > 0) void this.addMany(fresh);
        });
      });
      $effect(() => {
        const store = this.store;
        if (!store) return;
        const wanted = encodeFormulaIndicators(this.of(store.view.site));
        if (store.view.fx !== wanted) {
          untrack(() => {
            this.seenFx = wanted;
            store.update({ fx: wanted }, { replace: true });
          });
        }
      });
    });
  }

  /** Registry, then DuckDB (the rows of the site's formula indicators are written again). */
  private async apply(siteId: string, entries: Extract<FormulaEntry, { ok: true }>[]): Promise<{ id: string; reason: string }[]> {
    this.registry.addComputedIndicators(siteId, entries);
    return (await this.data?.setFormulaIndicators(siteId, entries.map((e) => e.indicator.id))) ?? [];
  }

  private freshId(): string {
    let id = newFormulaIndicatorId();
    while (this.find(id)) id = newFormulaIndicatorId();
    return id;
  }

  private async keep(list: readonly FormulaIndicator[]): Promise<void> {
    try {
      await this.storage.save(list);
      this.storageError = null;
    } catch (err) {
      this.storageError = err instanceof StorageFullError ? 'full' : err instanceof Error ? err.message : String(err);
    }
  }
}

const owners = new WeakMap<SiteRegistry, FormulaIndicators>();

/** The app's one owner of formula indicators (made on first use). */
export function formulaIndicatorsOwner(registry: SiteRegistry, data: DataCoordinator | null, store: ViewStore | null): FormulaIndicators {
  let owner = owners.get(registry);
  if (!owner) owners.set(registry, (owner = new FormulaIndicators(registry, data, store)));
  return owner;
}
