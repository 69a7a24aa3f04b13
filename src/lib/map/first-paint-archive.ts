// The first paint's reads from a level's PMTiles archive (HTTP range requests, the `pmtiles` reader),
// shared with MapLibre: the map's `pmtiles://` protocol (map/pmtiles-protocol.ts) is given the same
// reader, so the header and directories are not fetched twice, and each tile the first paint read is
// handed to MapLibre once from memory instead of being fetched again. Loaded only for tiled levels.
import { FetchSource, PMTiles, type RangeResponse, type Source } from 'pmtiles';

/** A range source that keeps the responses it fetched until MapLibre asks for the same range once. */
class SharedSource implements Source {
  private readonly fetcher: FetchSource;
  private readonly kept = new Map<string, Promise<RangeResponse>>();
  keep = true;

  constructor(private readonly url: string) {
    this.fetcher = new FetchSource(url);
  }

  getKey(): string {
    return this.url;
  }

  getBytes(offset: number, length: number, signal?: AbortSignal, etag?: string): Promise<RangeResponse> {
    const key = `${offset}:${length}`;
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      return kept;
    }
    const fetched = this.fetcher.getBytes(offset, length, this.keep ? undefined : signal, etag);
    if (this.keep) {
      this.kept.set(key, fetched);
      fetched.catch(() => this.kept.delete(key));
    }
    return fetched;
  }

  /** Stops keeping (MapLibre has what it needs, or the first paint was not used). */
  release(): void {
    this.keep = false;
    this.kept.clear();
  }
}

const archives = new Map<string, { reader: PMTiles; source: SharedSource }>();

/** The reader of the archive at `href` (absolute URL), opened once for the first paint and the map. */
export function archiveReader(href: string): PMTiles {
  let archive = archives.get(href);
  if (!archive) {
    const source = new SharedSource(href);
    archive = { reader: new PMTiles(source), source };
    archives.set(href, archive);
  }
  return archive.reader;
}

/** Every reader opened so far (the map's protocol adds them, so it reads through the same ones). */
export function openedArchives(): PMTiles[] {
  return [...archives.values()].map((a) => a.reader);
}

/** Ranges kept for MapLibre are dropped a while after the map has taken over (a tile not asked for by then will not be). */
export function releaseKeptTiles(): void {
  for (const { source } of archives.values()) source.release();
}

/** The decompressed bytes of tiles z/x/y (null: none in the archive). */
export async function readTiles(href: string, tiles: readonly { z: number; x: number; y: number }[]): Promise<(Uint8Array | null)[]> {
  const reader = archiveReader(href);
  return Promise.all(
    tiles.map(async ({ z, x, y }) => {
      const tile = await reader.getZxy(z, x, y);
      return tile ? new Uint8Array(tile.data) : null;
    }),
  );
}
