// Draws the app icons (a small choropleth: 3 × 3 tiles in the YlOrRd classes
// on the app's accent colour) and writes them as PNG into public/icons/.
// No browser, no dependency: pixels are computed here (4 × 4 supersampling
// for smooth edges) and encoded with node:zlib. Run after changing the design:
//   node scripts/make-icons.mjs
// The PNGs are committed; the build copies public/ as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = join(import.meta.dirname, '..', 'public', 'icons');

const ACCENT = hex('#1f4e79'); // --accent in src/app.css (also the manifest's theme_color)
// ColorBrewer YlOrRd, 5 classes (the app's default palette), light → dark.
const CLASSES = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'].map(hex);
// Class of each tile, row by row: a plausible map, not a gradient.
const PATTERN = [
  [0, 2, 1],
  [3, 4, 2],
  [1, 3, 0],
];

function hex(s) {
  return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
}

/** Inside a rounded rectangle [x0, x1] × [y0, y1] with corner radius r? (unit coordinates) */
function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * Colour [r, g, b, a] at unit coordinates (0..1). `maskable`: the background
 * fills the whole square (the platform cuts its own shape) and the tiles stay
 * inside the safe zone, a centred circle with 40 % of the size as radius.
 */
function sample(x, y, maskable) {
  const background = maskable || inRoundedRect(x, y, 0, 0, 1, 1, 0.18);
  if (!background) return [0, 0, 0, 0];
  // Tiles: 3 × 3 in a square of side 0.56 (half diagonal 0.396 < 0.4), gaps of 0.025.
  const side = 0.56;
  const gap = 0.025;
  const tile = (side - 2 * gap) / 3;
  const origin = (1 - side) / 2;
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const x0 = origin + col * (tile + gap);
      const y0 = origin + row * (tile + gap);
      if (inRoundedRect(x, y, x0, y0, x0 + tile, y0 + tile, 0.02)) return [...CLASSES[PATTERN[row][col]], 255];
    }
  }
  return [...ACCENT, 255];
}

function render(size, maskable) {
  const SS = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average premultiplied colour over SS × SS sub-pixels.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const [cr, cg, cb, ca] = sample((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, maskable);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round(a / (SS * SS));
    }
  }
  return png(size, size, rgba);
}

// --- PNG encoding (RGBA, 8 bit, no interlace) ---

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter, interlace: 0
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
]) {
  const file = join(OUT, name);
  const bytes = render(size, maskable);
  writeFileSync(file, bytes);
  process.stdout.write(`${file}  ${bytes.length} B\n`);
}
