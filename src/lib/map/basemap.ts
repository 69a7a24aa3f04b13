// The optional online basemap: an OpenStreetMap-based vector style from
// OpenFreeMap, loaded only after the user opts in (the default map is offline
// and sends nothing anywhere). Its sources and layers go under the areas;
// layers that need the style's icon sprite are left out (no sprite is loaded),
// its text labels use its own glyphs.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

export const BASEMAP_STYLE_URL = 'https://tiles.openfreemap.org/styles/positron';
export const BASEMAP_HOSTS = ['tiles.openfreemap.org'];
export const BASEMAP_PREFIX = 'basemap:';

export interface BasemapParts {
  glyphs: string | null;
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
}

/** The style's sources and layers, renamed so they cannot clash with ours. Pure (tested). */
export function basemapParts(style: StyleSpecification): BasemapParts {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, src] of Object.entries(style.sources ?? {})) sources[BASEMAP_PREFIX + id] = src;
  const layers = (style.layers ?? [])
    .filter((l) => l.type !== 'background' && !(l.type === 'symbol' && l.layout && 'icon-image' in l.layout))
    .map((l) => ({ ...l, id: BASEMAP_PREFIX + l.id, ...('source' in l && typeof l.source === 'string' ? { source: BASEMAP_PREFIX + l.source } : {}) }) as LayerSpecification);
  return { glyphs: style.glyphs ?? null, sources, layers };
}

export async function loadBasemap(): Promise<BasemapParts> {
  const res = await fetch(BASEMAP_STYLE_URL);
  if (!res.ok) throw new Error(`${BASEMAP_STYLE_URL}: HTTP ${res.status}`);
  return basemapParts((await res.json()) as StyleSpecification);
}

const SETTING = 'quartiersatlas.basemap';

/** The user's choice, kept in this browser only (a shared link never turns it on for someone else). */
export function basemapWanted(): boolean {
  try {
    return localStorage.getItem(SETTING) === 'osm';
  } catch {
    return false;
  }
}

export function rememberBasemap(on: boolean): void {
  try {
    if (on) localStorage.setItem(SETTING, 'osm');
    else localStorage.removeItem(SETTING);
  } catch {
    // Without storage the choice lasts for the session.
  }
}
