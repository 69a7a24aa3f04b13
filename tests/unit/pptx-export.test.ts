import { describe, expect, it } from 'vitest';
import { unzip } from 'but-unzip';
import { buildPptx, fitContain, slideLayout, SLIDE_HEIGHT, SLIDE_WIDTH, type Box, type SlideSpec } from '../../src/lib/io/export/pptx-export';

// A 1×1 transparent PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const EVIL = '<script>alert(1)</script> & "x"';

const slides: SlideSpec[] = [
  {
    title: EVIL,
    subtitle: 'Leipzig, Ortsteile, 2022',
    map: { dataUrl: PNG, width: 1600, height: 1000 },
    legend: { dataUrl: PNG, width: 340, height: 400 },
    sourceLine: 'Quelle: Stadt Leipzig · Lizenz: dl-de/by-2-0',
    notes: 'Notiz eins: Grünau & Lößnig',
  },
  {
    title: 'Zweite Folie',
    map: { dataUrl: PNG, width: 800, height: 800 },
    sourceLine: 'Quelle: Statistisches Landesamt',
    notes: 'Notiz zwei',
  },
  {
    title: 'Dritte Folie',
    subtitle: 'ohne Notizen',
    map: { dataUrl: PNG, width: 1920, height: 1080 },
    legend: { dataUrl: PNG, width: 340, height: 200 },
    sourceLine: 'Quelle: –',
  },
];

async function entries(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const item of unzip(bytes)) out.set(item.filename, new TextDecoder().decode(await item.read()));
  return out;
}

describe('buildPptx', () => {
  it('writes one slide per spec, speaker notes, and escapes the texts', async () => {
    const bytes = await buildPptx(slides, { title: 'Quartiersatlas – Präsentation', author: 'Test', lang: 'de' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);

    const files = await entries(bytes);
    const slideFiles = [...files.keys()].filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).sort();
    expect(slideFiles).toEqual(['ppt/slides/slide1.xml', 'ppt/slides/slide2.xml', 'ppt/slides/slide3.xml']);

    const slide1 = files.get('ppt/slides/slide1.xml')!;
    expect(slide1).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(slide1).not.toContain('<script>');
    expect(slide1).toContain('Leipzig, Ortsteile, 2022');
    expect(slide1).toContain('lang="de-DE"');
    // The alt text of the map image (an attribute) is escaped, too.
    expect(slide1).toMatch(/descr="&lt;script&gt;/);
    expect(files.get('ppt/slides/slide2.xml')).toContain('Zweite Folie');

    const notes = [...files.entries()].filter(([f]) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f));
    const notesText = notes.map(([, xml]) => xml).join('\n');
    expect(notesText).toContain('Notiz eins: Grünau &amp; Lößnig');
    expect(notesText).toContain('Notiz zwei');

    // Two images on slide 1 and 3 (map + legend), one on slide 2; all embedded.
    expect(slide1.match(/<p:pic>/g)).toHaveLength(2);
    expect(files.get('ppt/slides/slide2.xml')!.match(/<p:pic>/g)).toHaveLength(1);
    expect([...files.keys()].filter((f) => f.startsWith('ppt/media/')).length).toBeGreaterThanOrEqual(1);

    // 16:9 and the metadata.
    expect(files.get('ppt/presentation.xml')).toMatch(/<p:sldSz cx="12192000" cy="6858000"/);
    expect(files.get('docProps/core.xml')).toContain('<dc:title>Quartiersatlas – Präsentation</dc:title>');
  });

  it('fails clearly without slides or with a non-data-URL image', async () => {
    await expect(buildPptx([], { title: 't' })).rejects.toThrow(/no slides/);
    await expect(
      buildPptx([{ ...slides[1]!, map: { dataUrl: 'https://example.org/map.png', width: 10, height: 10 } }], { title: 't' }),
    ).rejects.toThrow(/data URL/);
    await expect(
      buildPptx([{ ...slides[1]!, map: { dataUrl: PNG, width: 0, height: 10 } }], { title: 't' }),
    ).rejects.toThrow(/width and height/);
  });
});

describe('slide layout', () => {
  const inside = (inner: Box, outer: Box) =>
    inner.x >= outer.x - 1e-9 &&
    inner.y >= outer.y - 1e-9 &&
    inner.x + inner.w <= outer.x + outer.w + 1e-9 &&
    inner.y + inner.h <= outer.y + outer.h + 1e-9;
  const slide: Box = { x: 0, y: 0, w: SLIDE_WIDTH, h: SLIDE_HEIGHT };

  it('keeps the aspect ratio and centres the image in its box', () => {
    const box = { x: 1, y: 1, w: 10, h: 5 };
    const wide = fitContain(1920, 1080, box);
    expect(wide.w / wide.h).toBeCloseTo(1920 / 1080);
    expect(wide.w).toBeCloseTo(5 * (1920 / 1080));
    expect(wide.x).toBeCloseTo(1 + (10 - wide.w) / 2);
    expect(wide.y).toBeCloseTo(1);
    const tall = fitContain(100, 1000, box, { x: 'start', y: 'start' });
    expect(tall).toEqual({ x: 1, y: 1, w: 0.5, h: 5 });
    expect(inside(tall, box)).toBe(true);
  });

  it('places map, legend, title and source without overlap, inside the slide', () => {
    for (const sub of [true, false]) {
      const l = slideLayout(sub, true);
      for (const b of [l.title, l.map, l.legend!, l.source]) expect(inside(b, slide)).toBe(true);
      expect(l.map.x + l.map.w).toBeLessThan(l.legend!.x);
      expect(l.map.y).toBeGreaterThanOrEqual(l.title.y + l.title.h);
      if (l.subtitle) expect(l.map.y).toBeGreaterThanOrEqual(l.subtitle.y + l.subtitle.h);
      expect(l.map.y + l.map.h).toBeLessThanOrEqual(l.source.y);
    }
    const noLegend = slideLayout(false, false);
    expect(noLegend.legend).toBeNull();
    expect(noLegend.map.w).toBeGreaterThan(slideLayout(false, true).map.w);
  });
});
