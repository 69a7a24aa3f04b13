// The area catalogue as a Word document (DOCX, through the `docx` package) for those who
// edit it further: the same pages as the PDF — a heading per area (Word's table of contents
// is built from these headings and updated when Word opens the file), the locator map and
// the sparklines as SVG images with a PNG fallback (drawn with OffscreenCanvas where the
// worker has it), the generated text, the table of key figures, notes and sources, page
// numbers in the footer. Runs in the catalogue's worker; `docx` is loaded only here.
import type { CatalogModel, CatalogPage, CatalogSparkline } from './catalog-model';
import { locatorSvg, sparklineSvg } from './catalog-pdf';

type Docx = typeof import('docx');

const GREY = '5F6B76';
const ACCENT = '#c2410c';
const SCALE = 3; // PNG fallback pixels per point

/** A PNG of a drawing (the fallback Word needs beside an SVG), or null without OffscreenCanvas. */
async function png(width: number, height: number, draw: (ctx: OffscreenCanvasRenderingContext2D) => void): Promise<Uint8Array | null> {
  if (typeof OffscreenCanvas === 'undefined' || typeof Path2D === 'undefined') return null;
  const canvas = new OffscreenCanvas(Math.ceil(width * SCALE), Math.ceil(height * SCALE));
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(SCALE, SCALE);
  draw(ctx);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

async function locatorPng(model: CatalogModel, page: CatalogPage): Promise<Uint8Array | null> {
  return png(model.baseMap.width, model.baseMap.height, (ctx) => {
    const base = new Path2D(model.baseMap.paths.join(''));
    ctx.fillStyle = '#e3e6ea';
    ctx.fill(base);
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 0.6;
    ctx.stroke(base);
    if (page.highlight) {
      const own = new Path2D(page.highlight);
      ctx.fillStyle = ACCENT;
      ctx.fill(own);
      ctx.strokeStyle = '#7c2d12';
      ctx.lineWidth = 0.8;
      ctx.stroke(own);
    }
  });
}

async function sparkPng(s: CatalogSparkline): Promise<Uint8Array | null> {
  return png(s.width, s.height, (ctx) => {
    ctx.strokeStyle = '#1f4e79';
    ctx.lineWidth = 1.1;
    if (s.path) ctx.stroke(new Path2D(s.path));
    const dot = ([x, y]: [number, number], r: number, fill: string) => {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fillStyle = fill;
      ctx.fill();
    };
    for (const d of s.dots) dot(d, 1.2, '#1f4e79');
    if (s.current) dot(s.current, 2, ACCENT);
  });
}

/** An image run: SVG (vector) with its PNG fallback; null where no PNG can be drawn (Word requires one). */
function image(d: Docx, svg: string, fallback: Uint8Array | null, width: number, height: number) {
  if (!fallback) return null;
  // docx sizes images in pixels at 96 dpi: points × 4/3.
  const transformation = { width: Math.round((width * 4) / 3), height: Math.round((height * 4) / 3) };
  return new d.ImageRun({ type: 'svg', data: new TextEncoder().encode(svg), fallback: { type: 'png', data: fallback }, transformation });
}

async function areaSection(d: Docx, model: CatalogModel, page: CatalogPage) {
  const l = model.labels;
  const small = (text: string) => new d.TextRun({ text, size: 14, color: GREY });
  const map = image(d, locatorSvg(model, page), await locatorPng(model, page), model.baseMap.width, model.baseMap.height);
  const cell = (children: InstanceType<Docx['Paragraph']>[], width: number) =>
    new d.TableCell({ children, width: { size: width, type: d.WidthType.DXA } });
  const right = (text: string, bold = false) => new d.Paragraph({ alignment: d.AlignmentType.RIGHT, children: [new d.TextRun({ text, bold, size: 16 })] });
  // Twentieths of a point; A4 less the margins is 10,206.
  const widths = [2900, 1100, 1250, 1350, 1200, 1900];
  const header = new d.TableRow({
    tableHeader: true,
    children: [l.indicator, l.value, l.reference, l.deviation, l.rank, l.series].map((text, i) =>
      cell([new d.Paragraph({ alignment: i === 0 ? d.AlignmentType.LEFT : d.AlignmentType.RIGHT, children: [new d.TextRun({ text, bold: true, size: 16 })] })], widths[i]!),
    ),
  });
  const rows = [];
  for (const r of page.rows) {
    const spark = r.spark ? image(d, sparklineSvg(r.spark), await sparkPng(r.spark), r.spark.width, r.spark.height) : null;
    rows.push(
      new d.TableRow({
        cantSplit: true,
        children: [
          cell([new d.Paragraph({ children: [new d.TextRun({ text: r.label, size: 16 }), new d.TextRun({ text: r.unit, size: 13, color: GREY, break: 1 })] })], widths[0]!),
          cell([right(r.value, true)], widths[1]!),
          cell([right(r.reference)], widths[2]!),
          cell([right(r.deviation)], widths[3]!),
          cell([right(r.rank)], widths[4]!),
          cell(
            [
              new d.Paragraph({
                alignment: d.AlignmentType.RIGHT,
                children: spark ? [spark] : [new d.TextRun({ text: '–', size: 16 })],
              }),
              ...(r.spark ? [new d.Paragraph({ alignment: d.AlignmentType.RIGHT, children: [small(`${r.spark.from}–${r.spark.to}`)] })] : []),
            ],
            widths[5]!,
          ),
        ],
      }),
    );
  }
  return [
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new d.TextRun(page.name)] }),
    new d.Paragraph({ children: [new d.TextRun({ text: page.subtitle, color: GREY })] }),
    ...(map ? [new d.Paragraph({ children: [map] }), new d.Paragraph({ children: [small(l.mapCaption)] })] : []),
    new d.Paragraph({ children: [new d.TextRun({ text: l.summary, bold: true })], spacing: { before: 120 } }),
    ...page.text.map((t) => new d.Paragraph({ children: [new d.TextRun(t)], spacing: { after: 80 } })),
    new d.Table({ rows: [header, ...rows], width: { size: widths.reduce((a, b) => a + b, 0), type: d.WidthType.DXA }, columnWidths: widths }),
    ...page.notes.map((n) => new d.Paragraph({ children: [small(n)], spacing: { before: 60 } })),
    new d.Paragraph({ children: [small(l.rankNote)], spacing: { before: 60 } }),
    new d.Paragraph({ children: [small(`${l.sources}: ${model.sources.join(' · ')}`)], spacing: { before: 80 } }),
  ];
}

/** The DOCX bytes; `progress` gets the share of area pages done. */
export async function writeCatalogDocx(model: CatalogModel, progress: (fraction: number) => void = () => {}): Promise<{ bytes: Uint8Array; pages: number }> {
  const d: Docx = await import('docx');
  const body = [];
  for (const [i, page] of model.pages.entries()) {
    body.push(...(await areaSection(d, model, page)));
    progress((i + 1) / model.pages.length);
  }
  const pageOf = model.labels.pageOf.split(/(\{page\}|\{pages\})/).map((part) =>
    part === '{page}' ? d.PageNumber.CURRENT : part === '{pages}' ? d.PageNumber.TOTAL_PAGES : part,
  );
  const doc = new d.Document({
    creator: 'Quartiersatlas',
    title: model.title,
    description: model.subtitle,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Calibri', size: 18 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 850, bottom: 850, left: 850, right: 850 } } },
        footers: {
          default: new d.Footer({
            children: [new d.Paragraph({ alignment: d.AlignmentType.RIGHT, children: [new d.TextRun({ children: pageOf, size: 14, color: GREY })] })],
          }),
        },
        children: [
          new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [new d.TextRun(model.title)] }),
          new d.Paragraph({ children: [new d.TextRun({ text: model.subtitle, color: GREY, size: 16 })] }),
          new d.Paragraph({ children: [new d.TextRun({ text: model.labels.contents, bold: true, size: 22 })], spacing: { before: 200, after: 80 } }),
          new d.TableOfContents(model.labels.contents, { hyperlink: true, headingStyleRange: '1-1' }),
          new d.Paragraph({ children: [new d.TextRun({ text: `${model.labels.sources}: ${model.sources.join(' · ')}`, size: 13, color: GREY })], spacing: { before: 200 } }),
          ...body,
        ],
      },
    ],
  });
  const bytes = new Uint8Array(await (await d.Packer.toBlob(doc)).arrayBuffer());
  return { bytes, pages: model.pages.length + 1 };
}
