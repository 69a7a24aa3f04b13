// Decoding of uploaded text files. German Excel still saves "CSV (Trennzeichen-
// getrennt)" in Windows-1252, "CSV UTF-8" with a byte order mark, and
// "Unicode-Text" as UTF-16LE with a BOM; other tools write UTF-8 without a BOM.

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  /** The text without byte order mark. */
  text: string;
  encoding: TextEncodingName;
}

/**
 * Windows-1252 bytes 0x80–0x9F (the only range where it differs from
 * ISO-8859-1). Unassigned bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1
 * control of the same number, as in the WHATWG encoding standard.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Decodes Windows-1252 without relying on the runtime's ICU data (Node builds
 * with small-icu lack the legacy single-byte decoders).
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/** UTF-16BE via the always-available UTF-16LE decoder (byte pairs swapped). */
function decodeUtf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(swapped);
}

/**
 * Decodes file bytes: a UTF-8 BOM (or UTF-16 BOMs) wins; otherwise strict
 * UTF-8 (TextDecoder fatal) and, if that fails, windows-1252. Returns the text
 * without BOM and the encoding used.
 *
 * Strict UTF-8 is a reliable test: a Windows-1252 umlaut ("ö" = 0xF6) followed
 * by an ASCII byte is never valid UTF-8, and pure ASCII reads the same in both.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // The BOM wins even if the rest is not valid UTF-8 (broken bytes become U+FFFD).
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: decodeUtf16be(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
