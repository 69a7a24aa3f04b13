// PowerPoint (.pptx) for "present and share": one 16:9 slide per view with
// the title on top, the map image (aspect kept) on the left, the legend image
// on the right, a small source line at the bottom and optional speaker notes.
//
// pptxgenjs is large (~500 kB source, bundles JSZip): it is loaded lazily, so
// it only reaches the browser when someone exports a presentation. All texts
// are passed as plain text; pptxgenjs escapes them for XML. Images must be
// base64 data URLs: pptxgenjs would otherwise read a path from disk (Node) or
// fetch a URL, which an export must never do.

export interface SlideImage {
  /** A base64 PNG (or JPEG) data URL, e.g. canvas.toDataURL('image/png'). */
  dataUrl: string;
  /** Pixel size of the image; only the aspect ratio matters for the layout. */
  width: number;
  height: number;
}

export interface SlideSpec {
  title: string;
  subtitle?: string;
  map: SlideImage;
  legend?: SlideImage;
  sourceLine: string;
  /** Speaker notes (plain text). */
  notes?: string;
}

export interface PptxMeta {
  title: string;
  author?: string;
  lang?: 'de' | 'en';
}

/** A position on the slide in inches. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SlideLayout {
  title: Box;
  subtitle: Box | null;
  map: Box;
  legend: Box | null;
  source: Box;
}

/** LAYOUT_WIDE: PowerPoint's default 16:9 slide, 13.333 × 7.5 inches. */
export const SLIDE_WIDTH = 13.333;
export const SLIDE_HEIGHT = 7.5;
const MARGIN = 0.45;
const GAP = 0.25;
const LEGEND_WIDTH = 3.1;

const FONT = 'Calibri';
const TEXT_COLOR = '222222';
const MUTED_COLOR = '555555';

/**
 * The largest box with the image's aspect ratio inside `box` (never
 * stretched). `align` places it when it is narrower or shorter than the box.
 */
export function fitContain(
  imageWidth: number,
  imageHeight: number,
  box: Box,
  align: { x: 'start' | 'center'; y: 'start' | 'center' } = { x: 'center', y: 'center' },
): Box {
  if (!(imageWidth > 0 && imageHeight > 0)) return { ...box };
  const s = Math.min(box.w / imageWidth, box.h / imageHeight);
  const w = imageWidth * s;
  const h = imageHeight * s;
  return {
    x: box.x + (align.x === 'center' ? (box.w - w) / 2 : 0),
    y: box.y + (align.y === 'center' ? (box.h - h) / 2 : 0),
    w,
    h,
  };
}

/** Where everything goes on a slide (inches), given which optional parts exist. */
export function slideLayout(hasSubtitle: boolean, hasLegend: boolean): SlideLayout {
  const inner = SLIDE_WIDTH - 2 * MARGIN;
  const title: Box = { x: MARGIN, y: 0.3, w: inner, h: 0.75 };
  const subtitle: Box | null = hasSubtitle ? { x: MARGIN, y: 1.05, w: inner, h: 0.45 } : null;
  const top = hasSubtitle ? 1.6 : 1.2;
  const source: Box = { x: MARGIN, y: SLIDE_HEIGHT - MARGIN - 0.5, w: inner, h: 0.5 };
  const bottom = source.y - 0.1;
  const legend: Box | null = hasLegend
    ? { x: SLIDE_WIDTH - MARGIN - LEGEND_WIDTH, y: top, w: LEGEND_WIDTH, h: bottom - top }
    : null;
  const map: Box = { x: MARGIN, y: top, w: (legend ? legend.x - GAP : SLIDE_WIDTH - MARGIN) - MARGIN, h: bottom - top };
  return { title, subtitle, map, legend, source };
}

const DATA_URL = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;

function checkImage(image: SlideImage, what: string, slide: number): void {
  if (typeof image?.dataUrl !== 'string' || !DATA_URL.test(image.dataUrl)) {
    throw new Error(`buildPptx: slide ${slide}: the ${what} image must be a base64 PNG or JPEG data URL`);
  }
  if (!(Number.isFinite(image.width) && image.width > 0 && Number.isFinite(image.height) && image.height > 0)) {
    throw new Error(`buildPptx: slide ${slide}: the ${what} image needs a positive width and height`);
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const inches = (b: Box) => ({ x: round(b.x), y: round(b.y), w: round(b.w), h: round(b.h) });

/** A .pptx file with one slide per spec. */
export async function buildPptx(slides: SlideSpec[], meta: PptxMeta): Promise<Uint8Array> {
  if (slides.length === 0) throw new Error('buildPptx: there are no slides to export');
  slides.forEach((s, i) => {
    checkImage(s.map, 'map', i + 1);
    if (s.legend) checkImage(s.legend, 'legend', i + 1);
  });

  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = meta.title;
  pptx.subject = meta.title;
  pptx.author = meta.author ?? 'Quartiersatlas';
  pptx.company = 'Quartiersatlas';
  const lang = meta.lang === 'en' ? 'en-US' : 'de-DE';
  const text = { fontFace: FONT, lang, margin: 0 } as const;

  for (const spec of slides) {
    const layout = slideLayout(Boolean(spec.subtitle), Boolean(spec.legend));
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };

    slide.addText(spec.title, {
      ...text,
      ...inches(layout.title),
      fontSize: 26,
      bold: true,
      color: TEXT_COLOR,
      valign: 'top',
      fit: 'shrink',
    });
    if (layout.subtitle && spec.subtitle) {
      slide.addText(spec.subtitle, { ...text, ...inches(layout.subtitle), fontSize: 15, color: MUTED_COLOR, valign: 'top', fit: 'shrink' });
    }

    slide.addImage({
      data: spec.map.dataUrl,
      ...inches(fitContain(spec.map.width, spec.map.height, layout.map)),
      altText: spec.title,
    });
    if (layout.legend && spec.legend) {
      slide.addImage({
        data: spec.legend.dataUrl,
        ...inches(fitContain(spec.legend.width, spec.legend.height, layout.legend, { x: 'start', y: 'start' })),
        altText: spec.subtitle ?? spec.title,
      });
    }

    slide.addText(spec.sourceLine, { ...text, ...inches(layout.source), fontSize: 9, color: MUTED_COLOR, valign: 'bottom', fit: 'shrink' });
    if (spec.notes) slide.addNotes(spec.notes);
  }

  const out = await pptx.write({ outputType: 'uint8array', compression: true });
  if (out instanceof Uint8Array) return out;
  if (out instanceof ArrayBuffer) return new Uint8Array(out);
  throw new Error('buildPptx: unexpected output from pptxgenjs');
}
