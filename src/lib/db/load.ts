import type { Site } from '../data/catalog-types';
import type { Engine } from './engine';
import { loadGrid } from './grid';
import { loadSite, type ReadFile } from './schema';

/** Loads any site's bundled data into DuckDB: areas and observations, or grid cells. */
export async function loadSiteData(engine: Engine, site: Site, readFile: ReadFile): Promise<void> {
  if (site.kind === 'grid') await loadGrid(engine, site.id, await readFile(site.values));
  else await loadSite(engine, site, readFile);
}
