// PNG output of a composed picture: the picture sizes, the encoding of a canvas
// and the resolution written into the file (so an A4 picture prints as A4).

/**
 * Picture sizes: Full HD for screens and slides, A4 landscape at 300 dpi for
 * print. `scale` makes the A4 texts as large on paper as on a Full HD picture
 * printed on the same sheet; `dpi` is written into the PNG so it prints as A4.
 */
export const PNG_PRESETS = {
  fhd: { width: 1920, height: 1080, scale: 1, dpi: 96 },
  a4: { width: 3508, height: 2480, scale: 3508 / 1920, dpi: 300 },
} as const;

export type PngPreset = keyof typeof PNG_PRESETS;

// ---------------------------------------------------------------- PNG pHYs

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The PNG with its resolution set (a pHYs chunk right after IHDR, replacing
 * an existing one), so an A4 picture at 300 dpi prints as A4. Bytes that are
 * not a PNG are returned unchanged.
 */
export function withPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (png.length < 33 || PNG_SIGNATURE.some((b, i) => png[i] !== b) || !(dpi > 0)) return png;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrEnd = 8 + 8 + view.getUint32(8) + 4;
  const chunks: Uint8Array[] = [png.subarray(0, ihdrEnd)];

  const phys = new Uint8Array(4 + 4 + 9 + 4);
  const pv = new DataView(phys.buffer);
  pv.setUint32(0, 9);
  phys.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
  const ppm = Math.round(dpi / 0.0254);
  pv.setUint32(8, ppm);
  pv.setUint32(12, ppm);
  phys[16] = 1; // unit: metre
  pv.setUint32(17, crc32(phys.subarray(4, 17)));
  chunks.push(phys);

  // Copy the remaining chunks, dropping an old pHYs.
  let pos = ihdrEnd;
  while (pos + 12 <= png.length) {
    const len = view.getUint32(pos);
    const end = pos + 12 + len;
    if (end > png.length) break;
    const type = String.fromCharCode(png[pos + 4]!, png[pos + 5]!, png[pos + 6]!, png[pos + 7]!);
    if (type !== 'pHYs') chunks.push(png.subarray(pos, end));
    pos = end;
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** PNG bytes of a canvas; with `dpi`, the resolution is written into the file (print size). */
export async function canvasToPng(canvas: HTMLCanvasElement | OffscreenCanvas, opts: { dpi?: number } = {}): Promise<Blob> {
  const blob =
    'convertToBlob' in canvas
      ? await canvas.convertToBlob({ type: 'image/png' })
      : await new Promise<Blob>((resolve, reject) =>
          canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('image-compose: the canvas could not be encoded as PNG'))), 'image/png'),
        );
  if (!opts.dpi) return blob;
  const bytes = withPngDpi(new Uint8Array(await blob.arrayBuffer()), opts.dpi);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}

/** A canvas as the image of a PPTX slide (SlideImage of pptx-export). */
export function canvasToSlideImage(canvas: HTMLCanvasElement): { dataUrl: string; width: number; height: number } {
  return { dataUrl: canvas.toDataURL('image/png'), width: canvas.width, height: canvas.height };
}
