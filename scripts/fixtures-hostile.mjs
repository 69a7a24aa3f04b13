// Writes the hostile-content fixtures in tests/fixtures/hostile/ (used by
// tests/e2e/hostile.spec.ts): files whose names, values and property keys are
// HTML, script, template syntax, spreadsheet formulas, javascript: URLs, bidi
// overrides and very long strings. None of it may ever run or turn into markup.
// - areas.geojson: 12 squares over Leipzig (WGS84), one hostile name each,
//   numeric attributes with hostile keys (they become indicators);
// - table.csv: German Excel style (";", decimal comma), keyed by Leipzig's
//   Ortsteil numbers, hostile names and column headers, two rows that match nothing;
// - points.geojson: Kitas-like points with hostile names and categories.
// The test gives the files hostile names too (setInputFiles with a buffer).
// Run: node scripts/fixtures-hostile.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('../tests/fixtures/hostile/', import.meta.url);
mkdirSync(dir, { recursive: true });

/** The strings every view is fed; exported for the test through hostile.json. */
export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=1</script>',
  svg: '"><svg onload=window.__pwned=1>',
  js: 'javascript:window.__pwned=1',
  template: '{{7*7}} ${7*7} <%= 7*7 %>',
  hyperlink: '=HYPERLINK("http://x")',
  plus: '+cmd',
  minus: '-1+2',
  at: '@SUM(1)',
  rtl: '\u202Egnp.exe\u202C Nord',
  long: `Lang ${'<b>x</b>'.repeat(110)} Ende`, // under the importer's 1,000-character limit for names
  plain: 'Ganz normal',
};
const names = Object.values(HOSTILE);

// 4 × 3 squares of 0.03° × 0.02° from 12.31° E, 51.31° N.
const square = (i) => {
  const r = (v) => Math.round(v * 1e4) / 1e4;
  const [x0, y0] = [r(12.31 + (i % 4) * 0.03), r(51.31 + Math.floor(i / 4) * 0.02)];
  const [x1, y1] = [r(x0 + 0.03), r(y0 + 0.02)];
  return { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
};
const areas = {
  type: 'FeatureCollection',
  name: HOSTILE.script,
  features: names.map((name, i) => ({
    type: 'Feature',
    properties: {
      // Ids as a city GIS might have them ("id" is found as the key); "-01" starts like a formula.
      id: i === 0 ? '-01' : `h${String(i + 1).padStart(2, '0')}`,
      name,
      [HOSTILE.img]: 10 + i * 3,
      [HOSTILE.hyperlink]: 100 - i * 7,
      link: HOSTILE.js,
    },
    geometry: square(i),
  })),
};
// A numeric "__proto__" attribute too (JSON.parse makes it an own property; an
// object literal here would set the prototype instead, so it is spliced in).
let n = 0;
const json = JSON.stringify(areas).replace(/"link":/g, () => `"__proto__":${n++},"link":`);
writeFileSync(new URL('areas.geojson', dir), json + '\n');

const quote = (s) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = [['OT', 'Name', HOSTILE.svg, HOSTILE.at].map(quote).join(';')];
// Leipzig's 63 Ortsteile (data/leipzig/areas.csv).
const ortsteile = readFileSync(new URL('../data/leipzig/areas.csv', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.split(','))
  .filter((f) => f[2] === 'ortsteil')
  .map((f) => f[0]);
for (const [i, id] of ortsteile.entries()) {
  lines.push([id, quote(`${names[i % names.length]} #${i}`), `${(i * 1.5).toFixed(1).replace('.', ',')}`, String(1000 + i * 10)].join(';'));
}
// Rows that match no Ortsteil: they are listed as unmatched, with their names.
lines.push(['97', quote(HOSTILE.img), '1,0', '1'].join(';'));
lines.push(['98', quote(HOSTILE.hyperlink), '2,0', '2'].join(';'));
writeFileSync(new URL('table.csv', dir), lines.join('\r\n') + '\r\n');

const points = {
  type: 'FeatureCollection',
  features: names.slice(0, 10).map((name, i) => ({
    type: 'Feature',
    properties: { name, traeger: [HOSTILE.img, HOSTILE.hyperlink, HOSTILE.script][i % 3] },
    geometry: { type: 'Point', coordinates: [12.33 + i * 0.01, 51.32 + (i % 4) * 0.01] },
  })),
};
writeFileSync(new URL('points.geojson', dir), JSON.stringify(points) + '\n');

writeFileSync(new URL('hostile.json', dir), JSON.stringify(HOSTILE, null, 1) + '\n');
