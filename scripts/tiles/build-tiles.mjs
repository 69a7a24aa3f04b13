#!/usr/bin/env node
// Pre-built vector tiles for the bundled levels with more than 1,000 areas (today the Gemeinden):
// `node scripts/tiles/build-tiles.mjs` writes `<level>.pmtiles` beside each such level's GeoJSON in
// data/ and its `tiles` entry into data/catalog.json. `npm run data` (scripts/prepare-data.mjs) does the
// same after writing the catalog; this script redoes only the tiles (e.g. after a change to the tiler).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sortKeysDeep } from '../lib/site-output.mjs';
import { addLevelTiles } from './vector-tiles.mjs';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');
const catalogFile = path.join(dataDir, 'catalog.json');
const started = Date.now();
const catalog = JSON.parse(fs.readFileSync(catalogFile, 'utf8'));
const written = addLevelTiles(catalog, dataDir);
fs.writeFileSync(catalogFile, JSON.stringify(sortKeysDeep(catalog), null, 2) + '\n');
for (const w of written) console.log(`  data/${w.path}  ${w.bytes} B  (${w.tiles} tiles)`);
console.log(`tiles done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
