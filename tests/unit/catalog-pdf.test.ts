// The catalogue's PDF writer with the real pdfmake on the real Leipzig model: one page
// per Ortsteil plus the contents, searchable text (read back with pdf.js), page numbers;
// and the DOCX writer with the real docx package (a zip with word/document.xml).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLoadedEngine, dataDir } from './helpers/node-engine';
import { bundledCatalog, findBundledSite } from '../../src/lib/data/catalog';
import { loadSiteData } from '../../src/lib/db/load';
import type { AreaCollection } from '../../src/lib/data/geometry';
import { ValueCache } from '../../src/lib/state/value-cache';
import { buildCatalogModel } from '../../src/lib/state/catalog-build';
import { writeCatalogPdf } from '../../src/lib/io/export/catalog/catalog-pdf';
import { writeCatalogDocx } from '../../src/lib/io/export/catalog/catalog-docx';
import type { CatalogModel } from '../../src/lib/io/export/catalog/catalog-model';
import { unzip } from 'but-unzip';

const site = findBundledSite('leipzig');
const geometry = async (path: string) => JSON.parse(readFileSync(dataDir + path, 'utf8')) as AreaCollection;
let model: CatalogModel;

beforeAll(async () => {
  const engine = await createLoadedEngine();
  const cache = new ValueCache(engine, (s) => loadSiteData(engine, s, async () => new Uint8Array()));
  const ids = (await geometry('leipzig/ortsteil.geojson')).features.map((f) => String(f.properties.id));
  model = await buildCatalogModel(
    { site, level: 'ortsteil', ids, indicators: site.indicators, year: 2023, lang: 'de', sec: 0 },
    { cache, geometry, source: (k) => bundledCatalog.sources[k], now: new Date('2026-12-06') },
  );
});

async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return pages;
}

describe('catalogue PDF (Leipzig, 63 Ortsteile)', () => {
  it('has the contents page and one page per Ortsteil, with searchable text', async () => {
    const started = performance.now();
    const fractions: number[] = [];
    const { bytes, pages } = await writeCatalogPdf(model, (f) => fractions.push(f));
    console.log(`PDF: ${pages} pages, ${(bytes.length / 1024).toFixed(0)} KB in ${(performance.now() - started).toFixed(0)} ms`);
    if (process.env.CATALOG_PDF_OUT) (await import('node:fs')).writeFileSync(process.env.CATALOG_PDF_OUT, bytes);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(pages).toBe(64);
    expect(fractions[fractions.length - 1]).toBeCloseTo(1);
    const text = await pdfText(bytes);
    expect(text).toHaveLength(64);
    expect(text[0]).toContain('Inhalt');
    expect(text[0]).toContain('Plaußig-Portitz');
    const lindenau = text.findIndex((t) => t.startsWith('Lindenau'));
    expect(lindenau).toBeGreaterThan(0);
    const page = model.pages.find((p) => p.name === 'Lindenau')!;
    // The values as the model has them (NBSP becomes a space in extracted text).
    const value = page.rows.find((r) => r.label === 'Ausländeranteil')!.value.replace(/\u00a0/g, ' ');
    expect(text[lindenau]!.replace(/\u00a0/g, ' ')).toContain(value);
    expect(text[lindenau]).toContain(`Seite ${lindenau + 1} von 64`);
  }, 120_000);
});

describe('catalogue DOCX (Leipzig, 63 Ortsteile)', () => {
  it('is a zip whose word/document.xml has every Ortsteil as a heading, the contents and the values', async () => {
    const fractions: number[] = [];
    const { bytes } = await writeCatalogDocx(model, (f) => fractions.push(f));
    expect(fractions).toHaveLength(63);
    const entries = unzip(bytes);
    const doc = entries.find((e) => e.filename === 'word/document.xml');
    expect(doc).toBeDefined();
    const xml = new TextDecoder().decode(await doc!.read());
    for (const p of model.pages) expect(xml).toContain(`<w:t xml:space="preserve">${p.name.replace(/&/g, '&amp;')}</w:t>`);
    expect(xml).toContain('Inhalt');
    expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(63);
    const lindenau = model.pages.find((p) => p.name === 'Lindenau')!;
    expect(xml).toContain(lindenau.rows[2]!.value);
    expect(xml).toContain(lindenau.text[0]!.replace(/„/g, '„'));
  }, 120_000);
});
