// The composition root: one instance of each owner, wired together. Components
// get them through typed contexts (contexts.ts), not this object.
//   SiteRegistry    the sites (bundled and imported) and point layers
//   ViewStore       the view state, its URL and history
//   DataCoordinator the DuckDB engine, its value cache and every write
//   ViewPipeline    view → answers → render functions → map; what panels read
//   MapSession      the screen map's controller, camera, basemap, pictures
//   UserImports     "Meine Daten": imports kept in the browser, project files
//   YearPlayer      the year player
//   ProgrammeAreas  the user's programme areas (a level of their site): editing, keeping, pa=
import { siteRegistry, type SiteRegistry } from '../data/site-registry.svelte';
import type { MapController } from '../map/map-controller';
import { DataCoordinator } from './data-coordinator.svelte';
import { MapSession } from './map-session.svelte';
import { ProgrammeAreas } from './programme-areas.svelte';
import { UserImports } from './user-imports.svelte';
import { ViewPipeline } from './view-pipeline.svelte';
import type { ViewState } from './view-state';
import { ViewStore } from './view-store.svelte';
import { YearPlayer } from './year-player.svelte';

export class App {
  readonly sites: SiteRegistry;
  readonly views: ViewStore;
  readonly data: DataCoordinator;
  readonly shown: ViewPipeline;
  readonly map: MapSession;
  readonly imports: UserImports;
  readonly player: YearPlayer;
  readonly programmes: ProgrammeAreas;
  /** What the map was last asked to show: the same view with the same data is not painted twice. */
  private last: { view: ViewState; status: string; revision: number } | null = null;

  constructor(sites: SiteRegistry = siteRegistry) {
    this.sites = sites;
    this.views = new ViewStore(sites);
    this.data = new DataCoordinator(sites);
    // Right after the view: a share link's programme areas (pa=) give the site the level it may show.
    this.programmes = new ProgrammeAreas(sites, this.data, this.views);
    this.shown = new ViewPipeline(this.views, sites, this.data);
    this.map = new MapSession(this.views, sites, this.shown);
    this.imports = new UserImports(sites, this.data, this.views, this.programmes);
    this.player = new YearPlayer(this.views, this.shown);
  }

  private listening = false;

  /**
   * The URL and the browser's history follow the view from now on (the map component calls this when it
   * mounts, before MapLibre has loaded: the presentation's URL is written after it, not overwritten).
   */
  listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.views.listen();
    this.programmes.listen();
  }

  /** Draws the first map, then starts the engine: the first map does not wait for DuckDB. */
  async start(controller: MapController): Promise<void> {
    this.listen();
    // On two cores, compiling DuckDB's wasm alongside MapLibre's first tiling
    // delays the first map by ~0.3 s and the engine gains nothing; go in turn.
    await this.show(controller, true);
    if (this.map.basemap) void this.map.applyBasemap();
    // The bundled programme areas (examples) join their sites after the first map.
    void this.programmes.loadBundled().catch((err: unknown) => console.warn('Quartiersatlas: bundled programme areas', err));
    await this.data.start(this.views.site);
  }

  /**
   * Paints the view in the store (the map component's effect calls this whenever the view, the
   * engine's status or the data change); the map is refitted when the site changes.
   */
  show(controller: MapController, first = false): Promise<void> {
    const view = this.views.view;
    const now = { view, status: this.data.status, revision: this.data.revision };
    const last = this.last;
    if (last && last.view === now.view && last.status === now.status && last.revision === now.revision) return Promise.resolve();
    this.last = now;
    const refit = first || (last !== null && last.view.site !== view.site);
    return this.shown.refresh(view, controller, refit);
  }
}
