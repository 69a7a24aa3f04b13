#!/usr/bin/env node
// Build the app's shipped data (data/) and the Leipzig test fixture from the openly licensed
// source files in ../shared/data (override with env SHARED_DATA). Run with `npm run data`.
//
// Output is deterministic: stable key order, fixed number formatting, sorted rows, no timestamps.
// See data/SOURCES.md (written by this script) for provenance, changes and caveats.
//
// Layout: scripts/data/<site>.mjs builds one site each (leipzig, kreise, gemeinden; the Zensus grid
// is scripts/prepare-grid.mjs) and scripts/data/sources-md.mjs writes SOURCES.md; their metadata is in
// scripts/lib/meta/. The files of a site are written in the site package format of
// src/lib/data/site-package.js (scripts/lib/site-output.mjs), the format the app's import writes
// and its DuckDB schema reads.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { cmpStr } from './lib/format.mjs';
import { SOURCES } from './lib/meta/sources.mjs';
import { GRID_SITE } from './lib/meta/grid.mjs';
import { ROOT, SHARED } from './lib/source-input.mjs';
import { sortKeysDeep, write, written } from './lib/site-output.mjs';
import { buildLeipzig } from './data/leipzig.mjs';
import { buildKreise } from './data/kreise.mjs';
import { buildGemeinden } from './data/gemeinden.mjs';
import { buildGermanyOutline } from './data/germany-outline.mjs';
import { sourcesMd } from './data/sources-md.mjs';
import { buildProgrammeExamples } from './data/programme-examples.mjs';
import { addLevelTiles } from './tiles/vector-tiles.mjs';

const started = process.hrtime.bigint();
const log = (...a) => console.log(...a);

function main() {
  log(`shared data: ${SHARED}`);
  const lz = buildLeipzig();
  const kr = buildKreise();
  const gm = buildGemeinden(kr.upper);
  const outline = buildGermanyOutline(); // reads the Länder and Germany kreise.mjs wrote
  const examples = buildProgrammeExamples(); // reads the Ortsteile and Gemeinden written above

  const sites = { sources: SOURCES, sites: [lz.site, kr.site, gm.site, GRID_SITE] };
  // Levels with more than 1,000 areas (the Gemeinden) get pre-built vector tiles beside their GeoJSON.
  for (const t of addLevelTiles(sites, path.join(ROOT, 'data'))) written.push(path.join('data', t.path));
  const catalog = sortKeysDeep(sites);
  write('catalog.json', JSON.stringify(catalog, null, 2) + '\n');
  write('SOURCES.md', sourcesMd(lz.report, kr.report, gm.report, outline, examples));

  // --- summary ---
  const L = lz.report;
  const K = kr.report;
  log('Leipzig: zeros -> missing', JSON.stringify(L.zeros));
  log('Leipzig: _calc check', JSON.stringify(L.calcCheck));
  log(`Leipzig: einwohner sum 2000 = ${L.einwohner2000}, 2023 = ${L.einwohner2023}`);
  log('Leipzig: aggregation check', JSON.stringify(L.aggCheck));
  log('Leipzig: dissolve', JSON.stringify(L.dissolve));
  log('Kreise: zeros -> missing', JSON.stringify(K.zeros), 'negatives -> missing', JSON.stringify(K.negatives));
  log('Kreise: flagged Destatis values', JSON.stringify(K.flagged));
  log('Kreise: Leipzig (14713) unemployment rate', JSON.stringify(K.leipzigAlq));
  log('Kreise: dissolve', JSON.stringify(K.dissolve));
  log('Germany outline', JSON.stringify(outline));
  log(`Kreise: ${K.valueRows} value rows, years ${K.years[0]}–${K.years[K.years.length - 1]}`);
  const G = gm.report;
  log(`Gemeinden: ${G.gemeinden} Gemeinden (${G.zensusRows} Zensus rows), ${G.gemeindefrei} gemeindefreie Gebiete left out`);
  log('Gemeinden: merged', JSON.stringify(G.mergers), 'degenerate rings dropped', G.degenerateRings);
  log(`Gemeinden: geometry ${G.bytesRounded} B rounded, ${G.bytes} B after simplification`, JSON.stringify(G.simplify));
  log('Gemeinden: suppressed', JSON.stringify(G.suppressed), 'zeros', JSON.stringify(G.zeros));
  log('Gemeinden: age shares', JSON.stringify(G.age));
  log('Gemeinden: dwellings', G.wohnungen, 'vacant', G.leerstand, 'owner', JSON.stringify(G.eigentum), JSON.stringify(G.eigentumSachsen));
  log('Gemeinden: households', JSON.stringify(G.haushalte));
  // gzip sizes only for the log: zlib output may differ between Node versions.
  for (const f of written.sort(cmpStr)) {
    const bytes = fs.readFileSync(path.join(ROOT, f));
    log(`  ${f}  ${bytes.length} B  (gzip ${zlib.gzipSync(bytes, { level: 9 }).length} B)`);
  }
  log('Programme examples', JSON.stringify(examples.map((e) => `${e.id}: ${e.memberNames.join(', ')}`)));
  log(`done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

main();
