// What every part of the import shares: the input file, the error that names it,
// and safe reading of text and JSON. Its own module so that the boundary readers
// (read-*.ts, loaded on demand by boundaries.ts) do not import boundaries.ts back.
import { decodeText } from './text-decode';

/** A file as read by the import dialog (or a test). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}

export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** The file name without folders and extension (the name shown for an import). */
export const stem = (name: string) => name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** A value from a file as text, never throwing: String() throws for an object such as {"toString": 1}. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' && typeof v !== 'function') return String(v);
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
}

/** Text files larger than this are refused before decoding (the dialog's limit for all files together). */
export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

/** A file's text (see decodeText); refuses files too large to hold as a string. */
export function fileText(file: InputFile): string {
  if (file.bytes.length > MAX_TEXT_BYTES) {
    throw new ImportError(file.name, `is too large to read (${Math.round(file.bytes.length / 1024 / 1024)} MB; at most ${MAX_TEXT_BYTES / 1024 / 1024} MB)`);
  }
  return decodeText(file.bytes).text;
}

/** No GeoJSON or project file comes near this; deeper data overflows the stack of recursive code (JSON.stringify, String(), structured clone). */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping early beyond `max`. */
function jsonDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > max) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** JSON.parse with the file named in errors, refusing nesting deeper than MAX_JSON_DEPTH. */
export function parseJson(fileName: string, text: string): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new ImportError(fileName, `is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ImportError(fileName, `not valid JSON (${errorText(err)})`);
  }
}
