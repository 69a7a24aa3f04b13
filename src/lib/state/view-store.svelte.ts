// The view store: the view state, its URL and the browser history. Every change
// from the UI goes through update(), which keeps the view consistent with the
// same rules as URL parsing (view-normalize.ts). What the view shows is computed
// elsewhere (view-pipeline.svelte.ts), driven by the map component.
import type { Indicator, Level, Site } from '../data/catalog-types';
import { findIndicator, findLevel } from '../data/catalog';
import type { SiteRegistry } from '../data/site-registry.svelte';
import { parseViewState, serializeViewState } from './url';
import { normalizeView } from './view-normalize';
import { MAX_SELECTED, type Notice, type ViewState } from './view-state';

export const DEFAULT_SITE = 'leipzig';

export class ViewStore {
  private readonly initial: { state: ViewState; notices: Notice[] };
  view = $state<ViewState>() as ViewState;
  notices = $state<Notice[]>([]);
  /** Selected ids that did not exist at the shown level (dropped, with a notice). */
  droppedSelection = $state<string[]>([]);
  /** The area hovered on the map or in a linked chart. */
  hovered = $state<string | null>(null);
  /** Areas inside the scatter brush; null = no brush. */
  brushed = $state.raw<string[] | null>(null);
  // From the registry's sites: an imported table replaces its site object, and views follow.
  readonly site: Site;
  readonly indicator: Indicator;
  readonly level: Level;
  /** Called before a change by the user (not a replacing one such as the year player's): the player stops. */
  beforeUserChange: (() => void) | null = null;
  /**
   * A link to an indicator derived from a point layer (e.g. ind=kitas_anzahl&pts=kitas) names an
   * indicator that exists only once the layer's points are counted: the link is shown again then,
   * unless the user has moved on.
   */
  private pendingSearch: string | null;

  constructor(private readonly registry: SiteRegistry) {
    this.initial = parseViewState(location.search, registry.sites.slice(), DEFAULT_SITE);
    this.view = this.initial.state;
    this.notices = this.initial.notices;
    this.pendingSearch =
      this.initial.state.pts.length > 0 && this.initial.notices.some((n) => n.param === 'ind' || n.param === 'ind2') ? location.search : null;
    this.site = $derived(this.registry.site(this.view.site));
    this.indicator = $derived(findIndicator(this.site, this.view.ind));
    this.level = $derived(findLevel(this.site, this.view.level));
  }

  /** Writes the first view to the URL and follows back/forward from then on. */
  listen(): void {
    window.addEventListener('popstate', () => {
      // A presentation URL (mode=present) belongs to the presentation, which shows its slide itself.
      if (new URLSearchParams(location.search).get('mode') === 'present') return;
      this.showQuery(location.search, { write: false });
    });
    this.writeUrl(true);
  }

  /**
   * Applies a change from the UI; dependent parameters are made consistent.
   * `replace` keeps the browser history short (the year player writes one entry per year otherwise).
   */
  update(patch: Partial<ViewState>, { replace = false }: { replace?: boolean } = {}): void {
    if (!replace) this.beforeUserChange?.();
    this.pendingSearch = null;
    let next: ViewState = { ...this.view, ...patch };
    if (patch.site !== undefined && patch.site !== this.view.site) {
      Object.assign(next, this.registry.site(next.site).defaults, { sel: [], ind2: null, idx: [], pts: [], sim: [], start: null, fx: '' });
    }
    if (['site', 'level', 'ind', 'ind2', 'year', 'mode'].some((k) => k in patch && patch[k as keyof ViewState] !== this.view[k as keyof ViewState])) {
      this.brushed = null;
    }
    next = normalizeView(next, this.registry.site(next.site));
    this.view = next;
    this.writeUrl(replace);
  }

  /** Shows a whole view given as a URL query (back/forward, a project file), with notices for what did not fit. */
  showQuery(search: string, { write }: { write: boolean }): void {
    const parsed = parseViewState(search, this.registry.sites.slice(), DEFAULT_SITE);
    this.view = parsed.state;
    this.notices = parsed.notices;
    if (write) this.writeUrl(false);
  }

  toggleSelected(id: string): void {
    const sel = this.view.sel.includes(id) ? this.view.sel.filter((s) => s !== id) : [...this.view.sel, id].slice(-MAX_SELECTED);
    this.update({ sel });
  }

  /** Selects an area found by search, switching to its level. */
  selectOnLevel(id: string, level: string): void {
    const sel = this.view.level === level ? [...this.view.sel.filter((s) => s !== id), id].slice(-MAX_SELECTED) : [id];
    this.update({ level, sel });
  }

  /** Hover from the map or a linked chart (ranking, scatter): the map follows (MapView). */
  setHovered(id: string | null): void {
    this.hovered = id;
  }

  /** The scatter brush: the map dims everything outside it. */
  setBrushed(ids: string[] | null): void {
    this.brushed = ids;
  }

  /** Indicators about to disappear must not stay in the view (the lookup of the shown indicator would fail). */
  leaveIndicators(siteId: string, ids: readonly string[]): void {
    if (this.view.site !== siteId || ids.length === 0) return;
    const gone = new Set(ids);
    const patch: Partial<ViewState> = {};
    if (gone.has(this.view.ind)) patch.ind = this.registry.site(siteId).defaults.ind;
    if (this.view.ind2 && gone.has(this.view.ind2)) patch.ind2 = null;
    if (this.view.idx.some((w) => gone.has(w.id))) patch.idx = this.view.idx.filter((w) => !gone.has(w.id));
    if (this.view.sim.some((id) => gone.has(id))) patch.sim = this.view.sim.filter((id) => !gone.has(id));
    if (Object.keys(patch).length > 0) this.update(patch, { replace: true });
  }

  /** Selected ids that do not exist at the shown level are dropped, with a notice. */
  pruneSelection(existing: ReadonlyMap<string, unknown>): void {
    const missing = this.view.sel.filter((id) => !existing.has(id));
    if (missing.length === 0) return;
    this.droppedSelection = missing;
    this.view = { ...this.view, sel: this.view.sel.filter((id) => existing.has(id)) };
    this.writeUrl(true);
  }

  /** Indicators derived from a point layer arrived: a link that named one of them is shown now. */
  resumePendingLink(indicatorIds: readonly string[]): void {
    const pending = this.pendingSearch;
    if (!pending) return;
    const q = new URLSearchParams(pending);
    if (!indicatorIds.some((id) => q.getAll('ind').concat(q.getAll('ind2')).includes(id))) return;
    this.pendingSearch = null;
    this.showQuery(pending, { write: true });
  }

  private writeUrl(replace: boolean): void {
    const url = serializeViewState(this.view);
    if (url === location.search) return;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
}
