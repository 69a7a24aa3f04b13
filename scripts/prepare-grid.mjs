#!/usr/bin/env node
// Build data/zensus-grid/ (the "Zensus 2011 – 1-km-Gitter" site) from the shared Zensus 2011 1 km grid
// (../shared/data/zensus2011-grid-1km, override the folder with env SHARED_DATA).
//
//   cells.arrow       Apache Arrow IPC stream, one row per populated 1 km cell, sorted by y then x
//   SOURCES.md        provenance, licence, attribution and changes (data/SOURCES.md links it)
//
// Output is deterministic (sorted rows, fixed column order and types, no timestamps): running it twice gives
// byte-identical files.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetRead } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import proj4 from 'proj4';
import { Field, Float32, Int32, Schema, Table, makeData, makeVector, tableToIPC } from 'apache-arrow';

const started = process.hrtime.bigint();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, process.env.SHARED_DATA ?? '../shared/data');
const SRC_DIR = path.join(SHARED, 'zensus2011-grid-1km');
const SRC_FILE = 'zensus2011_grid1km_de.parquet';
const OUT = path.join(ROOT, 'data', 'zensus-grid');

const EPSG_3035 =
  '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
proj4.defs('EPSG:3035', EPSG_3035);
const toWgs84 = proj4('EPSG:3035', 'EPSG:4326');

// Expected totals from the source's SOURCE.md (a wrong input must fail loudly).
const EXPECTED_CELLS = 214_633;
const EXPECTED_EINWOHNER = 80_212_528;
const EXPECTED_AUSLAENDER_PRESENT = 201_101;
// Point used to check the reprojection: Leipzig's centre (Markt), 51.34 N 12.37 E.
const CHECK_POINT = { name: 'Leipzig centre', lat: 51.34, lon: 12.37 };

/** Attribute columns: output name = source name; `int` columns are Int32, the others Float32. */
const ATTRIBUTES = [
  { name: 'einwohner', int: true, de: 'Einwohner', en: 'residents' },
  { name: 'auslaender_pct', de: 'Ausländeranteil (%)', en: 'foreign nationals (%)' },
  { name: 'frauen_pct', de: 'Frauenanteil (%)', en: 'women (%)' },
  { name: 'alter_mean', de: 'Durchschnittsalter (Jahre)', en: 'mean age (years)' },
  { name: 'unter18_pct', de: 'Anteil unter 18 (%)', en: 'under 18 (%)' },
  { name: 'ab65_pct', de: 'Anteil 65 und älter (%)', en: '65 and older (%)' },
  { name: 'hhgroesse_mean', de: 'durchschnittliche Haushaltsgröße (Personen)', en: 'mean household size (persons)' },
  { name: 'leerstandsquote_pct', de: 'Leerstandsquote (%)', en: 'dwelling vacancy rate (%)' },
];

const log = (...a) => console.log(...a);
const fmtInt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Reads the whole parquet file column-wise: { name: array of values (null for NULL) }. */
async function readParquetColumns(file) {
  if (!fs.existsSync(file)) throw new Error(`missing input ${file} (set SHARED_DATA to the shared data folder)`);
  const buf = fs.readFileSync(file);
  const arrayBuffer = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const metadata = parquetMetadata(arrayBuffer);
  const n = Number(metadata.num_rows);
  const names = metadata.schema.slice(1).map((e) => e.name);
  const columns = Object.fromEntries(names.map((name) => [name, new Array(n)]));
  await parquetRead({
    file: arrayBuffer,
    metadata,
    // The file's pages are ZSTD-compressed; hyparquet has only Snappy built in.
    compressors,
    onChunk: ({ columnName, columnData, rowStart }) => {
      const target = columns[columnName];
      for (let i = 0; i < columnData.length; i++) target[rowStart + i] = columnData[i];
    },
  });
  for (const name of names) {
    const col = columns[name];
    for (let i = 0; i < n; i++) if (col[i] === undefined) throw new Error(`column ${name}: row ${i} not read`);
  }
  return { n, columns };
}

function float32Vector(values, n) {
  // Nullable Float32 built from a typed array and a validity bitmap (a fixed layout, no builder heuristics).
  const data = new Float32Array(n);
  const valid = new Uint8Array(Math.ceil(n / 8));
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null) {
      nullCount++;
      continue;
    }
    data[i] = v;
    valid[i >> 3] |= 1 << (i & 7);
  }
  return makeVector(
    makeData({ type: new Float32(), length: n, nullCount, nullBitmap: nullCount > 0 ? valid : null, data }),
  );
}

function int32Vector(values) {
  return makeVector(Int32Array.from(values));
}

async function main() {
  log(`shared data: ${SHARED}`);
  const { n, columns } = await readParquetColumns(path.join(SRC_DIR, SRC_FILE));
  if (n !== EXPECTED_CELLS) throw new Error(`expected ${EXPECTED_CELLS} cells, got ${n}`);

  // --- checks on the source ---
  const xs = columns.x_mp_1km;
  const ys = columns.y_mp_1km;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = ys[i];
    if (!Number.isInteger(x) || !Number.isInteger(y) || x % 1000 !== 500 || y % 1000 !== 500) {
      throw new Error(`row ${i}: cell centre ${x}, ${y} is not on the 1 km grid`);
    }
    const id = `CRS3035RES1000mN${y - 500}E${x - 500}`;
    if (columns.gitter_id_1km[i] !== id) throw new Error(`row ${i}: gitter_id_1km ${columns.gitter_id_1km[i]} ≠ ${id}`);
    const ew = columns.einwohner[i];
    if (!Number.isInteger(ew) || ew < 3) throw new Error(`row ${i}: einwohner ${ew}`);
  }

  // --- sort by y, then x (the source is sorted already; this makes it certain) ---
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => ys[a] - ys[b] || xs[a] - xs[b]);
  for (let k = 1; k < n; k++) {
    if (ys[order[k]] === ys[order[k - 1]] && xs[order[k]] === xs[order[k - 1]]) {
      throw new Error(`duplicate cell ${xs[order[k]]}, ${ys[order[k]]}`);
    }
  }
  const pick = (col) => order.map((i) => col[i]);
  const x = pick(xs);
  const y = pick(ys);

  // --- reprojection of the cell centres to WGS 84 ---
  const lon = new Float32Array(n);
  const lat = new Float32Array(n);
  let maxF32ErrorM = 0;
  for (let i = 0; i < n; i++) {
    const [lo, la] = toWgs84.forward([x[i], y[i]]);
    lon[i] = lo;
    lat[i] = la;
    // Error of storing as Float32, in metres (1° latitude ≈ 111.2 km).
    const dx = (lon[i] - lo) * 111_320 * Math.cos((la * Math.PI) / 180);
    const dy = (lat[i] - la) * 111_132;
    maxF32ErrorM = Math.max(maxF32ErrorM, Math.hypot(dx, dy));
  }
  let roundTripM = 0;
  for (let i = 0; i < n; i += 97) {
    const [bx, by] = toWgs84.inverse([lon[i], lat[i]]);
    roundTripM = Math.max(roundTripM, Math.hypot(bx - x[i], by - y[i]));
  }

  // --- attributes: NULL stays null (suppressed values are never 0) ---
  const stats = {};
  const vectors = {};
  for (const a of ATTRIBUTES) {
    const values = pick(columns[a.name]);
    let present = 0;
    let min = Infinity;
    let max = -Infinity;
    let nonInteger = 0;
    for (const v of values) {
      if (v === null) continue;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${a.name}: not a number: ${v}`);
      if (v < 0) throw new Error(`${a.name}: negative value ${v} (the source's -1 code should be NULL)`);
      present++;
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (!Number.isInteger(v)) nonInteger++;
    }
    stats[a.name] = { present, missing: n - present, min, max, nonInteger };
    vectors[a.name] = a.int ? int32Vector(values) : float32Vector(values, n);
    if (a.int && present !== n) throw new Error(`${a.name}: ${n - present} NULL values`);
  }
  const einwohnerSum = columns.einwohner.reduce((s, v) => s + v, 0);
  if (einwohnerSum !== EXPECTED_EINWOHNER) throw new Error(`einwohner sum ${einwohnerSum} ≠ ${EXPECTED_EINWOHNER}`);
  if (stats.auslaender_pct.present !== EXPECTED_AUSLAENDER_PRESENT) {
    throw new Error(`auslaender_pct present in ${stats.auslaender_pct.present} cells, expected ${EXPECTED_AUSLAENDER_PRESENT}`);
  }

  // --- reprojection check: the cell that contains Leipzig's centre ---
  const [cx, cy] = proj4('EPSG:4326', 'EPSG:3035', [CHECK_POINT.lon, CHECK_POINT.lat]);
  const cellX = Math.floor(cx / 1000) * 1000 + 500;
  const cellY = Math.floor(cy / 1000) * 1000 + 500;
  const checkRow = x.findIndex((v, i) => v === cellX && y[i] === cellY);
  if (checkRow < 0) throw new Error(`no cell at ${cellX}, ${cellY} (${CHECK_POINT.name})`);
  const check = {
    point: CHECK_POINT,
    pointIn3035: [Math.round(cx), Math.round(cy)],
    cell: `CRS3035RES1000mN${cellY - 500}E${cellX - 500}`,
    row: checkRow,
    centre: [cellX, cellY],
    centreLonLat: [Number(lon[checkRow].toFixed(6)), Number(lat[checkRow].toFixed(6))],
    einwohner: columns.einwohner[order[checkRow]],
    auslaender_pct: columns.auslaender_pct[order[checkRow]],
  };
  // The point must lie within half a cell (plus a little) of the cell centre, in degrees too.
  if (Math.abs(check.centreLonLat[0] - CHECK_POINT.lon) > 0.012 || Math.abs(check.centreLonLat[1] - CHECK_POINT.lat) > 0.008) {
    throw new Error(`reprojection check failed: ${JSON.stringify(check)}`);
  }

  // --- write the Arrow IPC stream ---
  const fields = [
    new Field('x', new Int32(), false),
    new Field('y', new Int32(), false),
    new Field('lon', new Float32(), false),
    new Field('lat', new Float32(), false),
    ...ATTRIBUTES.map((a) => new Field(a.name, a.int ? new Int32() : new Float32(), !a.int)),
  ];
  const table = new Table(new Schema(fields), {
    x: int32Vector(x),
    y: int32Vector(y),
    lon: makeVector(lon),
    lat: makeVector(lat),
    ...vectors,
  });
  const ipc = tableToIPC(table, 'stream');
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, 'cells.arrow'), ipc);
  const gz = zlib.gzipSync(ipc, { level: 9 }).length;
  const sources = sourcesText({ n, stats, check, einwohnerSum, maxF32ErrorM });
  fs.writeFileSync(path.join(OUT, 'SOURCES.md'), sources);

  let minLon = Infinity, maxLon = -Infinity, minLat = Infinity, maxLat = -Infinity; // prettier-ignore
  for (let i = 0; i < n; i++) {
    minLon = Math.min(minLon, lon[i]);
    maxLon = Math.max(maxLon, lon[i]);
    minLat = Math.min(minLat, lat[i]);
    maxLat = Math.max(maxLat, lat[i]);
  }
  log(`Zensus grid: ${fmtInt(n)} cells, einwohner sum ${fmtInt(einwohnerSum)}`);
  log(`  bbox of centres lon ${minLon.toFixed(4)}–${maxLon.toFixed(4)}, lat ${minLat.toFixed(4)}–${maxLat.toFixed(4)}`);
  log(`  Float32 lon/lat: max error ${maxF32ErrorM.toFixed(3)} m; inverse round trip ≤ ${roundTripM.toFixed(3)} m`);
  log(`  check ${JSON.stringify(check)}`);
  for (const a of ATTRIBUTES) log(`  ${a.name}: ${JSON.stringify(stats[a.name])}`);
  log(`  data/zensus-grid/cells.arrow  ${ipc.length} B (gzip -9: ${gz} B)`);
  log(`  data/zensus-grid/SOURCES.md  ${Buffer.byteLength(sources)} B`);
  log(`done in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

function sourcesText({ n, stats, check, einwohnerSum, maxF32ErrorM }) {
  const rows = ATTRIBUTES.map((a) => {
    const s = stats[a.name];
    return `| \`${a.name}\` | ${a.de} / ${a.en} | ${a.int ? 'Int32' : 'Float32'} | ${fmtInt(s.present)} | ${fmtInt(s.missing)} | ${fmtInt(s.min)}–${fmtInt(s.max)} |`;
  });
  return `## Zensus 2011 1 km grid (\`zensus-grid\`)

- Publisher: Statistische Ämter des Bundes und der Länder, Zensus 2011 ("Spitze Werte im 1-km-Gitter",
  reference date 9 May 2011). **Census 2011, not 2022.**
- Licence: [Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)](https://www.govdata.de/dl-de/by-2-0)
  (as stated by the repository the files were taken from, for Census and BKG grid data).
- Attribution: \`Zensus 2011, © Statistische Ämter des Bundes und der Länder, Datenlizenz Deutschland – Namensnennung – Version 2.0; Daten verändert (zusammengeführt, gefiltert).\`
- Origin: repository \`JsLth/z22data\` (data repository of the R package \`z22\`, GESIS), commit
  \`b6c927bda2aeb8252a2e846623d6cfd7cdf1b7b1\`, \`data_1km/_grid.parquet\` and
  \`data_1km/continuous_{Einwohner,Auslaender_A,Frauen_A,Alter_D,unter18_A,ab65_A,HHGroesse_D,Leerstandsquote}.parquet\`,
  joined on the cell centre in \`zensus2011-grid-1km/${SRC_FILE}\` (the source's \`-1\` turned into NULL, only cells
  with at least one resident kept).
- File: \`zensus-grid/cells.arrow\` — Apache Arrow IPC stream, ${fmtInt(n)} populated 1 km cells
  (${fmtInt(einwohnerSum)} residents), sorted by \`y\`, then \`x\`. Written by \`scripts/prepare-grid.mjs\`.

What was changed:

- **Reprojection.** \`x\`, \`y\` are the cell centres in EPSG:3035 (ETRS89-LAEA, metres) as in the source; the cell is
  the 1,000 m square around the centre, and its INSPIRE id is \`CRS3035RES1000mN{y-500}E{x-500}\` (the source's
  \`gitter_id_1km\`, dropped because it follows from \`x\`, \`y\`). \`lon\`, \`lat\` are the centres reprojected to EPSG:4326
  with proj4 (\`${EPSG_3035}\`), stored as Float32 (at most ${maxF32ErrorM.toFixed(2)} m off).
  Check: ${check.point.name} (${check.point.lat} N, ${check.point.lon} E) lies in cell \`${check.cell}\`, whose centre
  reprojects to ${check.centreLonLat[1]} N, ${check.centreLonLat[0]} E (${fmtInt(check.einwohner)} residents).
- **Missing is never 0.** Values the statistical offices suppressed for secrecy (coded \`-1\` in the source) are null;
  cells with fewer than 3 residents are not in the source at all. Per column:

| column | meaning | type | cells with a value | suppressed (null) | range |
| --- | --- | --- | ---: | ---: | --- |
${rows.join('\n')}

- Values are stored as Float32: the source has at most two decimals, which Float32 keeps (round to two decimals
  for display, e.g. 42.099998 → 42.1).
- Shares, means and the vacancy rate are the published per-cell values; they cannot be aggregated to larger areas
  without the underlying counts (only \`einwohner\` can be summed).
`;
}

await main();
