import { describe, expect, it } from 'vitest';
import {
  defaultScale,
  fitImage,
  fontSizes,
  hatchSegments,
  layoutLegend,
  layoutPage,
  pageLegendWidth,
  type DrawOp,
  type LegendSpec,
  type Rect,
} from '../../src/lib/io/export/image/layout';
import { PNG_PRESETS, withPngDpi } from '../../src/lib/io/export/image/png';
import { ellipsize, wrapText, type Measure } from '../../src/lib/io/export/image/text';

// Monospace stand-in for canvas measureText: every character is half the font size wide.
const measure: Measure = (text, font) => text.length * font.size * 0.5;
const font = { size: 10 }; // 5 px per character

const inside = (inner: Rect, outer: Rect, eps = 1e-6) =>
  inner.x >= outer.x - eps &&
  inner.y >= outer.y - eps &&
  inner.x + inner.w <= outer.x + outer.w + eps &&
  inner.y + inner.h <= outer.y + outer.h + eps;
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const texts = (ops: DrawOp[]) => ops.filter((o): o is Extract<DrawOp, { kind: 'text' }> => o.kind === 'text');

const legend: LegendSpec = {
  title: 'Arbeitslosenquote',
  subtitle: 'Anteil an den 15- bis 64-Jährigen, %',
  items: [
    { color: '#fee5d9', label: 'bis 4,0', count: '12' },
    { color: '#fcae91', label: '4,0 – 6,5', count: '15' },
    { color: '#fb6a4a', label: '6,5 – 9,0', count: '9' },
    { color: '#cb181d', label: 'über 9,0', count: '7' },
    { color: '#bdbdbd', label: 'keine Daten', hatched: true, count: '2' },
  ],
  note: 'Klassen: Quantile',
};

describe('presets and scale', () => {
  it('has Full HD and A4 landscape at 300 dpi', () => {
    expect(PNG_PRESETS.fhd).toMatchObject({ width: 1920, height: 1080 });
    expect(PNG_PRESETS.a4).toMatchObject({ width: 3508, height: 2480, dpi: 300 });
    // 297 mm at 300 dpi.
    expect(Math.round((297 / 25.4) * 300)).toBe(3508);
  });

  it('scales texts with the picture', () => {
    expect(defaultScale(1920, 1080)).toBe(1);
    expect(defaultScale(3840, 2160)).toBe(2);
    expect(defaultScale(3508, 2480)).toBeCloseTo(PNG_PRESETS.a4.scale);
    expect(defaultScale(0, 0)).toBe(1);
    expect(fontSizes(2).title).toBe(2 * fontSizes(1).title);
    expect(fontSizes(PNG_PRESETS.a4.scale).footer).toBeGreaterThan(fontSizes(1).footer);
  });
});

describe('wrapText and ellipsize', () => {
  it('breaks at spaces so that every line fits', () => {
    const lines = wrapText('Quelle: Stadt Leipzig, Amt für Statistik und Wahlen · Lizenz: dl-de/by-2-0', 100, font, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(measure(l, font)).toBeLessThanOrEqual(100);
    expect(lines.join(' ')).toBe('Quelle: Stadt Leipzig, Amt für Statistik und Wahlen · Lizenz: dl-de/by-2-0');
  });

  it('breaks words longer than a line and honours explicit line breaks', () => {
    const url = 'https://example.org/' + 'x'.repeat(60);
    const lines = wrapText(url, 100, font, measure);
    expect(lines.join('')).toBe(url);
    for (const l of lines) expect(measure(l, font)).toBeLessThanOrEqual(100);
    expect(wrapText('eins\nzwei', 1000, font, measure)).toEqual(['eins', 'zwei']);
    expect(wrapText('', 100, font, measure)).toEqual([]);
  });

  it('cuts to maxLines with an ellipsis on the last line', () => {
    const lines = wrapText('a b c d e f g h i j k l m n o p', 20, font, measure, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    expect(measure(lines[1]!, font)).toBeLessThanOrEqual(20);
  });

  it('ellipsizes only when needed', () => {
    expect(ellipsize('kurz', 100, font, measure)).toBe('kurz');
    const cut = ellipsize('ein sehr langer Gebietsname', 50, font, measure);
    expect(cut.endsWith('…')).toBe(true);
    expect(measure(cut, font)).toBeLessThanOrEqual(50);
  });
});

describe('fitImage', () => {
  const box = { x: 10, y: 20, w: 400, h: 200 };

  it('contain: whole image, aspect kept, centred inside the box', () => {
    const p = fitImage(1000, 1000, box, 'contain');
    expect(p).toMatchObject({ sx: 0, sy: 0, sw: 1000, sh: 1000, dw: 200, dh: 200, dx: 110, dy: 20 });
    expect(inside({ x: p.dx, y: p.dy, w: p.dw, h: p.dh }, box)).toBe(true);
  });

  it('cover: fills the box, source cropped around its centre, aspect kept', () => {
    const p = fitImage(1000, 1000, box, 'cover');
    expect(p).toMatchObject({ dx: 10, dy: 20, dw: 400, dh: 200, sx: 0, sw: 1000, sh: 500, sy: 250 });
    expect(p.sw / p.sh).toBeCloseTo(p.dw / p.dh);
    const tall = fitImage(300, 1200, box, 'cover');
    expect(tall.sw / tall.sh).toBeCloseTo(2);
    expect(tall.sw).toBe(300);
  });

  it('draws nothing for an empty image or box', () => {
    expect(fitImage(0, 10, box).dw).toBe(0);
    expect(fitImage(10, 10, { ...box, w: 0 }).dw).toBe(0);
  });
});

describe('hatchSegments', () => {
  it('covers the whole swatch with diagonal lines', () => {
    const rect = { x: 0, y: 0, w: 28, h: 18 };
    const segs = hatchSegments(rect, 5);
    expect(segs.length).toBe(Math.ceil((28 + 18) / 5));
    for (const [x1, y1, x2, y2] of segs) {
      expect(y1).toBe(18);
      expect(y2).toBe(0);
      expect(x2 - x1).toBe(18); // 45°
    }
    expect(segs[0]![0]).toBeLessThanOrEqual(rect.x - rect.h + 1e-9);
    expect(hatchSegments(rect, 0)).toEqual([]);
  });
});

describe('layoutLegend', () => {
  it('lists swatches, labels and counts in order without overlap', () => {
    const l = layoutLegend(legend, 1, measure);
    expect(l.width).toBe(340);
    const swatches = l.ops.filter((o) => o.kind === 'swatch');
    expect(swatches).toHaveLength(5);
    expect(swatches.map((s) => s.kind === 'swatch' && s.hatched)).toEqual([false, false, false, false, true]);
    for (let i = 1; i < swatches.length; i++) {
      expect(overlaps(swatches[i - 1] as Rect, swatches[i] as Rect)).toBe(false);
      expect((swatches[i] as Rect).y).toBeGreaterThan((swatches[i - 1] as Rect).y);
    }
    const t = texts(l.ops);
    expect(t[0]).toMatchObject({ text: 'Arbeitslosenquote', font: { weight: 'bold' } });
    const counts = t.filter((o) => o.align === 'right');
    expect(counts.map((c) => c.text)).toEqual(['12', '15', '9', '7', '2']);
    for (const c of counts) expect(c.x).toBe(340 - 16);
    // Everything within the legend box.
    for (const o of l.ops) {
      if (o.kind === 'swatch') expect(inside(o, { x: 0, y: 0, w: l.width, h: l.height })).toBe(true);
      else expect(o.y).toBeLessThan(l.height);
    }
    expect(t.at(-1)!.text).toBe('Klassen: Quantile');
  });

  it('grows with more items and with the scale; long labels wrap or are cut', () => {
    const base = layoutLegend(legend, 1, measure);
    const more = layoutLegend({ ...legend, items: [...legend.items, ...legend.items] }, 1, measure);
    expect(more.height).toBeGreaterThan(base.height);
    const big = layoutLegend(legend, 2, measure);
    expect(big.width).toBe(680);
    expect(big.height).toBeCloseTo(base.height * 2, -1);

    const long = layoutLegend({ title: 'T', items: [{ color: '#000', label: 'ein außerordentlich langer Klassenname '.repeat(4), count: '123' }] }, 1, measure);
    const labels = texts(long.ops).filter((o) => o.align === 'left' && o.text !== 'T');
    expect(labels.length).toBeLessThanOrEqual(2);
    const count = texts(long.ops).find((o) => o.align === 'right')!;
    for (const lab of labels) expect(lab.x + measure(lab.text, lab.font)).toBeLessThanOrEqual(count.x - measure('123', count.font));
  });
});

describe('layoutPage', () => {
  const input = (w: number, h: number, scale: number, sourceLine = 'Quelle: Stadt Leipzig · Lizenz: dl-de/by-2-0') => {
    const lw = pageLegendWidth(w, scale);
    return {
      width: w,
      height: h,
      scale,
      title: 'Arbeitslosenquote 2022',
      subtitle: 'Leipzig, Ortsteile',
      sourceLine,
      dateLine: 'Stand: 01.03.2025',
      legendHeight: layoutLegend(legend, scale, measure, lw).height,
      legendWidth: lw,
    };
  };

  for (const [name, preset] of Object.entries(PNG_PRESETS)) {
    it(`${name}: header, map, legend and footer are on the page and do not overlap`, () => {
      const page = layoutPage(input(preset.width, preset.height, preset.scale), measure);
      const pageRect = { x: 0, y: 0, w: preset.width, h: preset.height };
      expect(inside(page.mapBox, pageRect)).toBe(true);
      expect(inside(page.legendBox, pageRect)).toBe(true);
      expect(overlaps(page.mapBox, page.legendBox)).toBe(false);
      expect(page.mapBox.x + page.mapBox.w).toBeLessThan(page.legendBox.x);
      expect(page.mapBox.w).toBeGreaterThan(preset.width * 0.6);

      const t = texts(page.ops);
      const title = t.find((o) => o.text === 'Arbeitslosenquote 2022')!;
      expect(title.font.weight).toBe('bold');
      expect(title.y).toBeLessThan(page.mapBox.y);
      const date = t.find((o) => o.text === 'Stand: 01.03.2025')!;
      expect(date.align).toBe('right');
      expect(date.x).toBeLessThanOrEqual(preset.width);
      expect(date.y - date.font.size / 2).toBeGreaterThan(page.mapBox.y + page.mapBox.h);
      expect(date.y + date.font.size / 2).toBeLessThan(preset.height);
    });
  }

  it('A4 uses larger texts, in proportion to the page width', () => {
    const fhd = texts(layoutPage(input(1920, 1080, PNG_PRESETS.fhd.scale), measure).ops)[0]!;
    const a4 = texts(layoutPage(input(3508, 2480, PNG_PRESETS.a4.scale), measure).ops)[0]!;
    expect(a4.font.size / 3508).toBeCloseTo(fhd.font.size / 1920, 5);
  });

  it('wraps a long source line left of the date and moves the map up to make room', () => {
    const short = layoutPage(input(1920, 1080, 1), measure);
    const longSource = 'Quelle: ' + 'Amt für Statistik und Wahlen, '.repeat(12) + 'Lizenz: dl-de/by-2-0';
    const long = layoutPage(input(1920, 1080, 1, longSource), measure);
    const t = texts(long.ops);
    const date = t.find((o) => o.align === 'right')!;
    const sourceLines = t.filter((o) => o.align === 'left' && o.y > long.mapBox.y + long.mapBox.h);
    expect(sourceLines.length).toBeGreaterThan(1);
    for (const l of sourceLines) expect(l.x + measure(l.text, l.font)).toBeLessThan(date.x - measure(date.text, date.font));
    expect(long.mapBox.h).toBeLessThan(short.mapBox.h);
  });

  it('shrinks a legend that is taller than the room for it, keeping its aspect ratio', () => {
    const tall = { ...input(1920, 1080, 1), legendHeight: 5000 };
    const page = layoutPage(tall, measure);
    expect(page.legendBox.h).toBeCloseTo(page.mapBox.h);
    expect(page.legendBox.w / page.legendBox.h).toBeCloseTo(tall.legendWidth / 5000);
  });
});

describe('withPngDpi', () => {
  // 1×1 PNG (IHDR, IDAT, IEND).
  const png = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );
  const chunkTypes = (bytes: Uint8Array) => {
    const types: string[] = [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let pos = 8; pos + 12 <= bytes.length; pos += 12 + view.getUint32(pos)) {
      types.push(String.fromCharCode(...bytes.subarray(pos + 4, pos + 8)));
    }
    return types;
  };

  it('adds one pHYs chunk after IHDR with the resolution in pixels per metre', () => {
    const out = withPngDpi(png, 300);
    expect(chunkTypes(out)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    const view = new DataView(out.buffer);
    const at = 8 + 25; // after signature and IHDR
    expect(view.getUint32(at + 8)).toBe(11811); // 300 / 0.0254
    expect(view.getUint32(at + 12)).toBe(11811);
    expect(out[at + 16]).toBe(1);
    // CRC of "pHYs" + data, as in any PNG encoder.
    expect(view.getUint32(at + 17)).toBe(0x78a53f76); // CRC-32 of "pHYs" + data (zlib.crc32)
    // Applying it again replaces, not duplicates.
    expect(chunkTypes(withPngDpi(out, 96))).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });

  it('leaves other bytes alone', () => {
    const notPng = new Uint8Array([1, 2, 3]);
    expect(withPngDpi(notPng, 300)).toBe(notPng);
  });
});
