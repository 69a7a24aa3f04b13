// MapLibre's `pmtiles://` protocol for the pre-built vector tiles of large levels (scripts/tiles/):
// the `pmtiles` reader turns each tile request into an HTTP range request for the archive on the app's
// own origin. Loaded (a dynamic import) only when a tiled level is first shown; registered once for all
// maps (the screen map, the swipe view's and the hidden export map share its cache of directories).
import * as maplibregl from 'maplibre-gl';

let registered: Promise<void> | null = null;

export function pmtilesProtocol(): Promise<void> {
  registered ??= Promise.all([import('pmtiles'), import('./first-paint-archive')]).then(([{ Protocol }, { openedArchives }]) => {
    const protocol = new Protocol();
    // The first paint's readers (header, directories and the tiles it read, handed over once).
    for (const archive of openedArchives()) protocol.add(archive);
    maplibregl.addProtocol('pmtiles', protocol.tile);
  });
  registered.catch(() => (registered = null));
  return registered;
}

/** The tile URL template of an archive at `href` (absolute), as the protocol reads it. */
export function pmtilesTemplate(href: string): string {
  return `pmtiles://${href}/{z}/{x}/{y}`;
}
