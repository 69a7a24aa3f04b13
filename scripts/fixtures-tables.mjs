#!/usr/bin/env node
// Writes the table fixtures in tests/fixtures/tables/ (run: node scripts/fixtures-tables.mjs).
// They imitate what German Excel and other tools save: Windows-1252 and UTF-8
// (with BOM) CSV with ";", English CSV with ",", Excel's "Unicode-Text"
// (UTF-16LE, tab-separated), title rows and footnotes, wide and long tables,
// keys that lost their leading zeros, missing-value markers and broken rows.
// Output is deterministic; tests/unit/table-detect.test.ts reads these files.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'tests', 'fixtures', 'tables');

/**
 * Leipzig Ortsteile 2022: id, name, Einwohner, Ausländeranteil (%), Arbeitslosenanteil (%)
 * (from data/leipzig/values.csv). Other years and the areas below are made up.
 */
const ORTSTEILE = [
  ['00', 'Zentrum', 1901, 30.67, 4.05],
  ['01', 'Zentrum-Ost', 6114, 16.37, 3],
  ['02', 'Zentrum-Südost', 15226, 30.1, 4.67],
  ['03', 'Zentrum-Süd', 14059, 11.14, 3.14],
  ['04', 'Zentrum-West', 11502, 16.38, 3.22],
  ['05', 'Zentrum-Nordwest', 11042, 10.43, 2.91],
  ['06', 'Zentrum-Nord', 9631, 20.83, 3.49],
  ['10', 'Schönefeld-Abtnaundorf', 13885, 20.97, 6.67],
  ['11', 'Schönefeld-Ost', 10215, 17.66, 8.15],
  ['12', 'Mockau-Süd', 4921, 16.6, 6.15],
  ['13', 'Mockau-Nord', 12212, 18.69, 5.84],
  ['14', 'Thekla', 6001, 10.26, 4.6],
  ['15', 'Plaußig-Portitz', 3229, 2.54, 1.6],
  ['20', 'Neustadt-Neuschönefeld', 13741, 27.89, 7.43],
  ['21', 'Volkmarsdorf', 13935, 35.02, 10.28],
  ['22', 'Anger-Crottendorf', 12542, 14.72, 6.02],
  ['23', 'Sellerhausen-Stünz', 9571, 14.72, 6.8],
  ['24', 'Paunsdorf', 15420, 22, 10.06],
  ['25', 'Heiterblick', 3628, 4.6, 2.58],
  ['26', 'Mölkau', 5925, 3.71, 2.89],
  ['27', 'Engelsdorf', 9399, 5.04, 2.76],
  ['28', 'Baalsdorf', 1835, 2.23, 1.56],
  ['29', 'Althen-Kleinpösna', 2132, 2.16, 1.68],
  ['30', 'Reudnitz-Thonberg', 23293, 14.01, 4.45],
  ['31', 'Stötteritz', 18242, 8.14, 3.56],
  ['32', 'Probstheida', 6977, 8.54, 3.99],
  ['33', 'Meusdorf', 3371, 6.11, 3.8],
  ['34', 'Liebertwolkwitz', 5437, 4.14, 3.77],
  ['35', 'Holzhausen', 6740, 4.15, 2.6],
  ['40', 'Südvorstadt', 26451, 8.45, 3.39],
  ['41', 'Connewitz', 19777, 8.14, 4.85],
  ['42', 'Marienbrunn', 6258, 9.54, 3.32],
  ['43', 'Lößnig', 10777, 11.56, 5.71],
  ['44', 'Dölitz-Dösen', 4809, 7.65, 4.29],
  ['50', 'Schleußig', 12698, 7.6, 2.95],
  ['51', 'Plagwitz', 16967, 11.38, 4.82],
  ['52', 'Kleinzschocher', 10724, 11.53, 6.29],
  ['53', 'Großzschocher', 9281, 5.79, 5.21],
  ['54', 'Knautkleeberg-Knauthain', 5731, 1.81, 1.94],
  ['55', 'Hartmannsdorf-Knautnaundorf', 1328, 4.29, 2.85],
  ['60', 'Schönau', 5650, 12.21, 10.05],
  ['61', 'Grünau-Ost', 7775, 14.25, 7.16],
  ['62', 'Grünau-Mitte', 13761, 24.74, 11.55],
  ['63', 'Grünau-Siedlung', 3843, 3.3, 2.61],
  ['64', 'Lausen-Grünau', 14463, 18.47, 9.33],
  ['65', 'Grünau-Nord', 9337, 18.98, 10.58],
  ['66', 'Miltitz', 1875, 3.2, 3.7],
  ['70', 'Lindenau', 8739, 14.41, 5.24],
  ['71', 'Altlindenau', 19011, 14.95, 5.82],
  ['72', 'Neulindenau', 7275, 8.8, 6.07],
  ['73', 'Leutzsch', 10822, 9.34, 5.41],
  ['74', 'Böhlitz-Ehrenberg', 10266, 5.59, 4.34],
  ['75', 'Burghausen-Rückmarsdorf', 4764, 2.56, 2.16],
  ['80', 'Möckern', 17440, 17.25, 5.9],
  ['81', 'Wahren', 7415, 13.32, 5.56],
  ['82', 'Lützschena-Stahmeln', 4297, 4.24, 2.44],
  ['83', 'Lindenthal', 6731, 5.48, 2.83],
  ['90', 'Gohlis-Süd', 19058, 12.9, 3.68],
  ['91', 'Gohlis-Mitte', 17748, 7.78, 2.94],
  ['92', 'Gohlis-Nord', 10252, 14.85, 5.12],
  ['93', 'Eutritzsch', 15311, 14.49, 3.91],
  ['94', 'Seehausen', 2739, 4.6, 1.68],
  ['95', 'Wiederitzsch', 9177, 5.28, 2.47],
];

const BEZIRKE = ['Mitte', 'Nordost', 'Ost', 'Südost', 'Süd', 'Südwest', 'West', 'Alt-West', 'Nordwest', 'Nord'];

const byId = new Map(ORTSTEILE.map((o) => [o[0], o]));
const pick = (...ids) =>
  ids.map((id) => {
    const o = byId.get(id);
    if (!o) throw new Error(`unknown Ortsteil ${id}`);
    return o;
  });

/** A number with thousands and decimal separators ("de": 1.234,5; "en": 1,234.5). */
function fmt(n, decimals, style = 'de') {
  const [int, frac] = Math.abs(n).toFixed(decimals).split('.');
  const [group, dec] = style === 'de' ? ['.', ','] : [',', '.'];
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${frac ? dec + frac : ''}`;
}

/** Joins rows; fields containing the delimiter, quotes or line breaks are quoted. */
function csv(rows, delimiter = ';', eol = '\r\n') {
  const quote = (f) => (/["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replaceAll('"', '""')}"` : f);
  return rows.map((r) => r.map((f) => quote(String(f))).join(delimiter)).join(eol) + eol;
}

// Encoders ------------------------------------------------------------------

const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
const CP1252_BYTE = new Map(CP1252_HIGH.map((code, i) => [code, 0x80 + i]));

function windows1252(text) {
  return Uint8Array.from(text, (ch) => {
    const code = ch.codePointAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
    const b = CP1252_BYTE.get(code);
    if (b === undefined) throw new Error(`not in Windows-1252: ${ch}`);
    return b;
  });
}
const utf8 = (text) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf8Bom = (text) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
const utf16leBom = (text) => new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf16le'));

// Fixtures --------------------------------------------------------------------

const files = [];
const add = (name, bytes, description) => files.push({ name, bytes, description });

// 1. German Excel "CSV (Trennzeichen-getrennt)": Windows-1252, ";", decimal comma, thousands dot, CRLF.
{
  const streets = [
    ['00', 'Grimmaische Straße'], ['01', 'Dresdner Straße'], ['02', 'Prager Straße'], ['03', 'Peterssteinweg'],
    ['04', 'Jahnallee'], ['40', 'Karl-Liebknecht-Straße'], ['41', 'Bornaische Straße'], ['43', 'Lößniger Straße'],
    ['50', 'Könneritzstraße'], ['53', 'Dieskaustraße'], ['74', 'Leipziger Straße'], ['90', 'Georg-Schumann-Straße'],
  ];
  const rows = [['Ortsteil-Nr.', 'Ortsteil', 'Größte Straße', 'Größe in ha', 'Einwohner', 'Ausländeranteil in %']];
  for (const [id, street] of streets) {
    const [, name, pop, foreign] = byId.get(id);
    const area = 40 + ((Number(id) * 37) % 900) + ((Number(id) * 13) % 10) / 10; // made up
    rows.push([id, name, street, fmt(area, 1), fmt(pop, 0), fmt(foreign, 2)]);
  }
  add('cp1252-semicolon.csv', windows1252(csv(rows)), 'Windows-1252, ";", decimal comma, thousands dot, umlauts and ß (Größe, Straße, Lößnig).');
}

// 2. Excel "CSV UTF-8": BOM, ";", one year named in a header.
{
  const rows = [['Schlüssel', 'Gebiet', 'Einwohner am 31.12.2022', 'Arbeitslosenanteil (%)']];
  for (const [id, name, pop, , unemployed] of pick('10', '11', '12', '13', '14', '15', '20', '21', '22', '23')) {
    rows.push([id, name, fmt(pop, 0), fmt(unemployed, 2)]);
  }
  add('utf8-bom.csv', utf8Bom(csv(rows)), 'UTF-8 with BOM, ";", a single year in a header ("Einwohner am 31.12.2022").');
}

// 3. English CSV: ",", decimal point, thousands comma (quoted), quotes, doubled quotes, a line break in a field.
{
  const rows = [
    ['district_id', 'district_name', 'population', 'unemployment rate (%)', 'average income (EUR)', 'note'],
    ['01001', 'Flensburg, Stadt', fmt(92550, 0, 'en'), '7.4', fmt(1834.5, 2, 'en'), ''],
    ['01002', 'Kiel, "Landeshauptstadt"', fmt(247717, 0, 'en'), '7.9', fmt(1921.25, 2, 'en'), 'revised\nfigure'],
    ['01003', 'Lübeck, Hansestadt', fmt(217198, 0, 'en'), '7.1', fmt(1902, 2, 'en'), ''],
    ['01004', 'Neumünster, Stadt', fmt(79905, 0, 'en'), '7.6', fmt(1788.75, 2, 'en'), ''],
    ['01051', 'Dithmarschen', fmt(133193, 0, 'en'), '5.6', fmt(1856.1, 2, 'en'), ''],
    ['01053', 'Herzogtum Lauenburg', fmt(200581, 0, 'en'), '4.3', fmt(2051.4, 2, 'en'), ''],
    ['02000', 'Hamburg', fmt(1892122, 0, 'en'), '7.2', fmt(2412, 2, 'en'), ''],
    ['03101', 'Braunschweig, Stadt', fmt(251804, 0, 'en'), '6.3', fmt(2115.8, 2, 'en'), ''],
  ];
  add('english-comma.csv', utf8(csv(rows, ',', '\n')), 'English CSV: ",", decimal point, quoted thousands commas, doubled quotes, a line break inside quotes.');
}

// 4. Excel "Unicode-Text": UTF-16LE with BOM, tab-separated.
{
  const rows = [['Stadtbezirk', 'Name', 'Einwohner', 'Durchschnittsalter']];
  BEZIRKE.forEach((name, b) => {
    const pop = ORTSTEILE.filter((o) => o[0][0] === String(b)).reduce((s, o) => s + o[2], 0);
    rows.push([String(b), name, String(pop), fmt(40 + ((b * 7) % 9) + b / 10, 1)]);
  });
  add('unicode-text.txt', utf16leBom(csv(rows, '\t')), 'Excel "Unicode-Text": UTF-16LE with BOM, tab-separated, Stadtbezirke 0–9.');
}

// 5. Two title rows and a note row above the header, a footnote block below.
{
  const rows = [
    ['Bevölkerung in den Ortsteilen des Stadtbezirks Süd', '', '', ''],
    ['Stand:', '31.12.2022', '', ''],
    ['Quelle: Amt für Statistik und Wahlen Leipzig, eigene Berechnungen', '', '', ''],
    ['OT', 'Ortsteil', 'Einwohner¹', 'Ausländeranteil in %'],
  ];
  for (const [id, name, pop, foreign] of pick('40', '41', '42', '43', '44')) rows.push([id, name, fmt(pop, 0), fmt(foreign, 2)]);
  rows.push(['', '', '', ''], ['1) mit Hauptwohnsitz', '', '', ''], ['Stand der Gebietsgliederung: 01.01.2022', '', '', '']);
  add('title-rows.csv', utf8(csv(rows)), 'Two title rows and a note row above the header (row 4), a blank row and footnotes below.');
}

// 6. Wide table with dates as headers.
{
  const years = [2019, 2020, 2021, 2022];
  const rows = [['Ortsteil', 'Name', ...years.map((y) => `31.12.${y}`)]];
  for (const [id, name, pop] of pick('00', '01', '02', '03', '04', '05', '06', '10', '11', '12')) {
    rows.push([id, name, ...years.map((y) => fmt(Math.round(pop * (1 - 0.012 * (2022 - y))), 0))]);
  }
  add('wide-dates.csv', utf8(csv(rows)), 'Wide table: one indicator, years in headers "31.12.2019" … "31.12.2022".');
}

// 7. Wide table with indicator stems and years.
{
  const rows = [['Nr.', 'Ortsteil', 'Einwohner 2021', 'Einwohner 2022', 'Arbeitslosenanteil 2021 (%)', 'Arbeitslosenanteil 2022 (%)', 'Fläche (ha)']];
  for (const [id, name, pop, , unemployed] of pick('30', '31', '32', '33', '34', '35', '40', '41')) {
    rows.push([id, name, fmt(Math.round(pop * 0.99), 0), fmt(pop, 0), fmt(unemployed * 1.05, 2), fmt(unemployed, 2), fmt(100 + Number(id) * 7.5, 1)]);
  }
  add('wide-stems.csv', utf8(csv(rows)), 'Wide table: "Einwohner 2021/2022", "Arbeitslosenanteil 2021/2022 (%)" and a column without year.');
}

// 8. Long table with a "Jahr" column (first column).
{
  const rows = [['Jahr', 'Ortsteil-Nr.', 'Ortsteil', 'Einwohner', 'Arbeitslosenanteil in %', 'Durchschnittsalter in Jahren']];
  for (const year of [2020, 2021, 2022]) {
    for (const [id, name, pop, , unemployed] of pick('50', '51', '52', '53', '54', '55')) {
      const f = 1 - 0.01 * (2022 - year);
      rows.push([String(year), id, name, fmt(Math.round(pop * f), 0), fmt(unemployed / f, 2), fmt(38 + (Number(id) % 7) + (2022 - year) / 10, 1)]);
    }
  }
  add('long-jahr.csv', utf8(csv(rows)), 'Long table: a "Jahr" column (2020–2022), 6 Ortsteile per year.');
}

// 9. All 63 Leipzig Ortsteile with the leading zeros Excel drops ("00" → "0", "06" → "6").
{
  const rows = [['OT', 'Name', 'Einwohner', 'Ausländeranteil']];
  for (const [id, name, pop, foreign] of ORTSTEILE) rows.push([String(Number(id)), name, fmt(pop, 0), fmt(foreign, 2)]);
  add('lost-zeros.csv', utf8(csv(rows)), 'All 63 Leipzig Ortsteile with keys "0".."95" (leading zeros of "00".."06" lost).');
}

// 10. Missing and secret markers (Windows-1252: "–", "—" and "…" are single bytes there).
{
  const markers = ['.', '-', '–', '—', 'x', 'X', 'k.A.', 'k. A.', '/', '...', '…', ''];
  const rows = [['Nr', 'Ortsteil', 'Einwohner', 'Arbeitslose', 'SGB-II-Quote']];
  pick('60', '61', '62', '63', '64', '65', '66', '70', '71', '72', '73', '74').forEach(([id, name, pop, , unemployed], i) => {
    rows.push([id, name, fmt(pop, 0), markers[i], i % 4 === 0 ? markers[(i + 6) % markers.length] : fmt(unemployed * 1.6, 1)]);
  });
  add('markers.csv', windows1252(csv(rows)), 'Windows-1252: every missing/secret marker once in "Arbeitslose", some in "SGB-II-Quote".');
}

// 11. Broken rows and a text in a numeric column.
{
  const lines = [
    'Nr;Ortsteil;Einwohner;Ausländeranteil in %',
    '00;Zentrum;1.901;30,67',
    '01;Zentrum-Ost;6.114;16,37',
    '02;Zentrum-Südost;15.226;30,1',
    '03;Zentrum-Süd;Nord;14.059;11,14',
    '04;Zentrum-West;11.502',
    '05;Zentrum-Nordwest;11.042;12,3a',
    '06;Zentrum-Nord;9.631;20,83',
    '10;"Schönefeld-Abtnaundorf; Nord";13.885;20,97',
  ];
  add('broken.csv', utf8(lines.join('\r\n') + '\r\n'), 'Row 5 has 5 fields, row 6 has 3, D7 holds "12,3a"; row 9 has a quoted ";" (fine).');
}

// ----------------------------------------------------------------------------

fs.mkdirSync(OUT, { recursive: true });
for (const { name, bytes } of files) fs.writeFileSync(path.join(OUT, name), bytes);
const readme = [
  '# Table fixtures',
  '',
  'Written by `node scripts/fixtures-tables.mjs` (do not edit by hand); read by `tests/unit/table-detect.test.ts`.',
  'Leipzig 2022 figures come from `data/leipzig/values.csv`; other years, areas, ages, streets and the',
  'Schleswig-Holstein figures are made up for testing.',
  '',
  ...files.map(({ name, bytes, description }) => `- \`${name}\` (${bytes.length} bytes): ${description}`),
  '',
].join('\n');
fs.writeFileSync(path.join(OUT, 'README.md'), readme);
console.log(`wrote ${files.length} fixtures to ${path.relative(ROOT, OUT)}`);
