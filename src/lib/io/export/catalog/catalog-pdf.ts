// The area catalogue as a PDF (A4 portrait) through pdfmake: vector text in Roboto
// (embedded, subset, with a Unicode map: the text is searchable and covers German),
// a table of contents with page numbers on the first page, one page per area with the
// locator map and the sparklines as vector drawings (SVG), page numbers in the footer.
// pdfmake is loaded only here, and this runs in the catalogue's worker.
import type { CatalogModel, CatalogPage, CatalogSparkline } from './catalog-model';

type Node = string | { [key: string]: unknown } | Node[];

const GREY = '#5f6b76';
const ACCENT = '#c2410c';
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The locator map: every area in grey (one path), this area in the accent colour. */
export function locatorSvg(model: CatalogModel, page: CatalogPage): string {
  const { width, height, paths } = model.baseMap;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<path d="${esc(paths.join(''))}" fill="#e3e6ea" stroke="#ffffff" stroke-width="0.6"/>` +
    (page.highlight ? `<path d="${esc(page.highlight)}" fill="${ACCENT}" stroke="#7c2d12" stroke-width="0.8"/>` : '') +
    `</svg>`
  );
}

export function sparklineSvg(s: CatalogSparkline): string {
  const dot = ([x, y]: [number, number], r: number, fill: string) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}">` +
    (s.path ? `<path d="${esc(s.path)}" fill="none" stroke="#1f4e79" stroke-width="1.1"/>` : '') +
    s.dots.map((d) => dot(d, 1.2, '#1f4e79')).join('') +
    (s.current ? dot(s.current, 2, ACCENT) : '') +
    `</svg>`
  );
}

/**
 * The contents in two columns (area, page): pdfmake's own toc has one column, which
 * for 63 Ortsteile needs a second page. The numbers are pdfmake's page references.
 */
function contents(model: CatalogModel): Node {
  const half = Math.ceil(model.pages.length / 2);
  const entry = (i: number) => {
    const p = model.pages[i];
    if (!p) return [{ text: '' }, { text: '' }];
    return [
      { text: p.name, linkToDestination: `area-${i}` },
      { text: '', pageReference: `area-${i}`, alignment: 'right', linkToDestination: `area-${i}` },
    ];
  };
  const body = Array.from({ length: half }, (_, r) => [...entry(r), { text: '' }, ...entry(r + half)]);
  return {
    table: { widths: ['*', 30, 18, '*', 30], body, headerRows: 0 },
    layout: 'noBorders',
    fontSize: 8,
  };
}

function areaPage(model: CatalogModel, page: CatalogPage, index: number): Node[] {
  const l = model.labels;
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, alignment: 'right', ...extra });
  const header = [l.indicator, l.value, l.reference, l.deviation, l.rank, l.series].map((text, i) => ({
    text,
    bold: true,
    alignment: i === 0 ? 'left' : 'right',
    fillColor: '#eef1f4',
  }));
  const body = page.rows.map((r) => [
    { text: [r.label, { text: `\n${r.unit}`, color: GREY, fontSize: 6.5 }] },
    cell(r.value, { bold: true }),
    cell(r.reference),
    cell(r.deviation),
    cell(r.rank),
    r.spark
      ? { stack: [{ svg: sparklineSvg(r.spark), width: r.spark.width }, { text: `${r.spark.from}–${r.spark.to}`, fontSize: 6, color: GREY, alignment: 'right' }] }
      : cell('–'),
  ]);
  return [
    { text: page.name, style: 'h1', id: `area-${index}`, pageBreak: 'before' },
    { text: page.subtitle, color: GREY, margin: [0, 0, 0, 8] },
    {
      columns: [
        {
          width: model.baseMap.width,
          stack: [{ svg: locatorSvg(model, page), width: model.baseMap.width }, { text: l.mapCaption, fontSize: 7, color: GREY, margin: [0, 2, 0, 0] }],
        },
        {
          width: '*',
          stack: [{ text: l.summary, bold: true, margin: [0, 0, 0, 4] }, ...page.text.map((p) => ({ text: p, margin: [0, 0, 0, 5], lineHeight: 1.15 }))],
        },
      ],
      columnGap: 14,
      margin: [0, 0, 0, 10],
    },
    {
      table: { headerRows: 1, widths: ['*', 52, 52, 52, 40, 86], body: [header, ...body], dontBreakRows: true },
      layout: 'lightHorizontalLines',
      fontSize: 7.5,
    },
    ...page.notes.map((n) => ({ text: n, fontSize: 7, color: GREY, margin: [0, 4, 0, 0] })),
    { text: l.rankNote, fontSize: 7, color: GREY, margin: [0, 4, 0, 0] },
    { text: `${l.sources}: ${model.sources.join(' · ')}`, fontSize: 6.5, color: GREY, margin: [0, 6, 0, 0] },
  ];
}

/** pdfmake's document definition of the catalogue (plain data but for the footer function). */
export function catalogDocDefinition(model: CatalogModel, pageCount: (n: number) => void = () => {}): Record<string, unknown> {
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 40],
    info: { title: model.title, creator: 'Quartiersatlas', producer: 'Quartiersatlas (pdfmake)' },
    language: model.lang === 'de' ? 'de-DE' : 'en-GB',
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      title: { fontSize: 16, bold: true },
      h1: { fontSize: 15, bold: true, margin: [0, 0, 0, 2] },
    },
    footer: (current: number, count: number) => {
      pageCount(count);
      return {
        columns: [
          { text: model.title, fontSize: 7, color: GREY },
          { text: model.labels.pageOf.replace('{page}', String(current)).replace('{pages}', String(count)), fontSize: 7, color: GREY, alignment: 'right' },
        ],
        margin: [40, 12, 40, 0],
      };
    },
    content: [
      { text: model.title, style: 'title' },
      { text: model.subtitle, color: GREY, fontSize: 8, margin: [0, 2, 0, 8] },
      { text: model.labels.contents, bold: true, fontSize: 11, margin: [0, 6, 0, 4] },
      contents(model),
      { text: `${model.labels.sources}: ${model.sources.join(' · ')}`, fontSize: 6.5, color: GREY, margin: [0, 12, 0, 0] },
      ...model.pages.flatMap((p, i) => areaPage(model, p, i)),
    ],
  };
}

interface PdfMake {
  addVirtualFileSystem(vfs: Record<string, string>): void;
  setProgressCallback(cb: (fraction: number) => void): void;
  createPdf(doc: Record<string, unknown>): { getBuffer(): Promise<Uint8Array> };
}

/** The PDF's bytes and page count; `progress` gets the share of pages written (after layout). */
export async function writeCatalogPdf(model: CatalogModel, progress: (fraction: number) => void = () => {}): Promise<{ bytes: Uint8Array; pages: number }> {
  const [{ default: pdfMake }, { default: vfs }] = (await Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')])) as [
    { default: PdfMake },
    { default: Record<string, string> },
  ];
  pdfMake.addVirtualFileSystem(vfs);
  pdfMake.setProgressCallback(progress);
  let pages = 0;
  const buffer = await pdfMake.createPdf(catalogDocDefinition(model, (n) => (pages = n))).getBuffer();
  return { bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), pages };
}
