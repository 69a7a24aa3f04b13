// Typed contexts: App.svelte provides each owner once; a component asks for the
// ones it needs (getViewContext() …) instead of receiving one object everywhere.
import { createContext } from 'svelte';
import type { SiteRegistry } from '../data/site-registry.svelte';
import type { App } from './app.svelte';
import type { DataCoordinator } from './data-coordinator.svelte';
import type { MapSession } from './map-session.svelte';
import type { ProgrammeAreas } from './programme-areas.svelte';
import type { UserImports } from './user-imports.svelte';
import type { ViewPipeline } from './view-pipeline.svelte';
import type { ViewStore } from './view-store.svelte';
import type { YearPlayer } from './year-player.svelte';

export const [getAppContext, setAppContext] = createContext<App>();
export const [getViewContext, setViewContext] = createContext<ViewStore>();
export const [getSitesContext, setSitesContext] = createContext<SiteRegistry>();
export const [getDataContext, setDataContext] = createContext<DataCoordinator>();
export const [getShownContext, setShownContext] = createContext<ViewPipeline>();
export const [getMapContext, setMapContext] = createContext<MapSession>();
export const [getImportsContext, setImportsContext] = createContext<UserImports>();
export const [getPlayerContext, setPlayerContext] = createContext<YearPlayer>();
export const [getProgrammesContext, setProgrammesContext] = createContext<ProgrammeAreas>();

/** Provides every owner of the app to the components below (call during App.svelte's initialisation). */
export function prepareAppContexts(app: App): void {
  setAppContext(app);
  setViewContext(app.views);
  setSitesContext(app.sites);
  setDataContext(app.data);
  setShownContext(app.shown);
  setMapContext(app.map);
  setImportsContext(app.imports);
  setPlayerContext(app.player);
  setProgrammesContext(app.programmes);
}
