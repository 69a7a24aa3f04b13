// PowerPoint (.pptx) of a table and a bar chart (the programme-area overview): the table on
// as many 16:9 slides as it needs (rows per slide fixed), then one slide with a native,
// editable PowerPoint bar chart of two series (e.g. value and reference), each slide with
// a source line. pptxgenjs is loaded lazily (see pptx-export.ts); texts are plain text.
import { SLIDE_HEIGHT, SLIDE_WIDTH } from './pptx-export';

export interface TableDeck {
  title: string;
  subtitle?: string;
  columns: string[];
  /** Cells as display text ('' for an empty cell). */
  rows: string[][];
  /** Two series per category, e.g. the value and its reference; null = no bar. */
  chart?: { title: string; categories: string[]; series: { name: string; values: (number | null)[] }[] };
  sourceLine: string;
  lang?: 'de' | 'en';
}

/** Table rows per slide (the header repeats on every slide). */
export const ROWS_PER_SLIDE = 12;

const MARGIN = 0.45;
const FONT = 'Calibri';

/** The table's rows split into slides. */
export function tablePages<T>(rows: readonly T[], perSlide = ROWS_PER_SLIDE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < rows.length; i += perSlide) pages.push(rows.slice(i, i + perSlide));
  return pages.length > 0 ? pages : [[]];
}

export async function buildTablePptx(deck: TableDeck): Promise<Uint8Array> {
  if (deck.columns.length === 0) throw new Error('buildTablePptx: the table has no columns');
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.subject = deck.title;
  pptx.author = 'Quartiersatlas';
  pptx.company = 'Quartiersatlas';
  const lang = deck.lang === 'en' ? 'en-US' : 'de-DE';
  const text = { fontFace: FONT, lang, margin: 0 } as const;
  const inner = SLIDE_WIDTH - 2 * MARGIN;
  const pages = tablePages(deck.rows);

  const frame = (title: string) => {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addText(title, { ...text, x: MARGIN, y: 0.3, w: inner, h: 0.7, fontSize: 24, bold: true, color: '222222', valign: 'top', fit: 'shrink' });
    if (deck.subtitle) slide.addText(deck.subtitle, { ...text, x: MARGIN, y: 1.0, w: inner, h: 0.4, fontSize: 14, color: '555555', valign: 'top', fit: 'shrink' });
    slide.addText(deck.sourceLine, { ...text, x: MARGIN, y: SLIDE_HEIGHT - MARGIN - 0.5, w: inner, h: 0.5, fontSize: 9, color: '555555', valign: 'bottom', fit: 'shrink' });
    return slide;
  };

  pages.forEach((page, i) => {
    const slide = frame(pages.length > 1 ? `${deck.title} (${i + 1}/${pages.length})` : deck.title);
    const header = deck.columns.map((c) => ({ text: c, options: { bold: true, fill: { color: 'EEEEEE' } } }));
    const body = page.map((row) => deck.columns.map((_, c) => ({ text: row[c] ?? '' })));
    slide.addTable([header, ...body], {
      x: MARGIN,
      y: 1.5,
      w: inner,
      fontFace: FONT,
      fontSize: 11,
      color: '222222',
      border: { type: 'solid', pt: 0.5, color: 'BBBBBB' },
      autoPage: false,
    });
  });

  if (deck.chart && deck.chart.categories.length > 0) {
    const slide = frame(deck.chart.title);
    // PowerPoint has no "missing" bar: a missing value is left out as an empty point, never drawn as 0.
    // (pptxgenjs writes an empty point for NaN.) Horizontal bars run bottom-up: reversed, the first row is on top.
    const labels = [...deck.chart.categories].reverse();
    const data = deck.chart.series.map((s) => ({ name: s.name, labels, values: [...s.values].reverse().map((v) => (v === null ? Number.NaN : v)) }));
    slide.addChart(pptx.ChartType.bar, data, {
      x: MARGIN,
      y: 1.5,
      w: inner,
      h: SLIDE_HEIGHT - 1.5 - MARGIN - 0.65,
      barDir: 'bar',
      barGrouping: 'clustered',
      chartColors: ['0072B2', 'BBBBBB'],
      showLegend: true,
      legendPos: 'b',
      catAxisLabelFontSize: 10,
      valAxisLabelFontSize: 10,
      dataLabelFontSize: 9,
    });
  }

  const out = await pptx.write({ outputType: 'uint8array', compression: true });
  if (out instanceof Uint8Array) return out;
  if (out instanceof ArrayBuffer) return new Uint8Array(out);
  throw new Error('buildTablePptx: unexpected output from pptxgenjs');
}
