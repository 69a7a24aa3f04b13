// MapLibre's `pmtiles://` protocol for the pre-built vector tiles of large levels (scripts/tiles/):
// the `pmtiles` reader turns each tile request into an HTTP range request for the archive on the app's
// own origin. Loaded (a dynamic import) only when a tiled level is first shown; registered once for all
// maps (the screen map, the swipe view's and the hidden export map share its cache of directories).
//
// A tiled level is read by two sources of the same tiles (the fill's and the outline's: layers.ts,
// outlineSourceId), which ask for each tile at about the same time: the second request gets the first's
// answer (a copy: MapLibre hands the bytes over to its worker), so every tile is fetched and inflated once.
import * as maplibregl from 'maplibre-gl';

/** How long a tile's answer is kept for a second request of the same URL (ms). */
const SHARE_MS = 5000;

type TileAnswer = maplibregl.GetResourceResponse<maplibregl.AddProtocolResponseData>;

let registered: Promise<void> | null = null;

export function pmtilesProtocol(): Promise<void> {
  registered ??= Promise.all([import('pmtiles'), import('./first-paint-archive')]).then(([{ Protocol }, { openedArchives }]) => {
    const protocol = new Protocol();
    // The first paint's readers (header, directories and the tiles it read, handed over once).
    for (const archive of openedArchives()) protocol.add(archive);
    const shared = new Map<string, Promise<TileAnswer>>();
    maplibregl.addProtocol('pmtiles', (params, abortController) => {
      let pending = shared.get(params.url);
      if (!pending) {
        // Not cancelled with the first asker's request: the other source may still want the tile.
        pending = protocol.tilev4(params, new AbortController()) as Promise<TileAnswer>;
        shared.set(params.url, pending);
        const forget = () => shared.delete(params.url);
        pending.then(() => setTimeout(forget, SHARE_MS), forget);
      }
      return pending.then((answer) => {
        abortController.signal.throwIfAborted();
        return answer.data instanceof Uint8Array ? { ...answer, data: answer.data.slice() } : answer;
      });
    });
  });
  registered.catch(() => (registered = null));
  return registered;
}

/** The tile URL template of an archive at `href` (absolute), as the protocol reads it. */
export function pmtilesTemplate(href: string): string {
  return `pmtiles://${href}/{z}/{x}/{y}`;
}
