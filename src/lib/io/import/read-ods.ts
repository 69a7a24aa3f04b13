// OpenDocument spreadsheets (.ods: LibreOffice, many German administrations)
// as rows of cells, one entry per sheet, exactly as read-xlsx.ts gives Excel
// workbooks: the same table detection, keys and join follow unchanged. The
// archive is checked and expanded with the guards used for workbooks
// (zip-guard.ts); content.xml is read by ods-xml.ts.
import { unzip } from 'but-unzip';
import { errorText, ImportError } from './common';
import { archiveProblem, InflateLimitError, meteredInflate, zipDirectory } from './zip-guard';
import { OdsError, readOdsContent } from './ods-xml';
import type { SheetRows } from './read-xlsx';

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const refuse = (fileName: string, why: string) => new ImportError(fileName, `not a readable OpenDocument spreadsheet (${why})`);

/** The entries `names` of the archive, expanded (metered: an entry may lie about its size). */
async function expandEntries(bytes: Uint8Array, fileName: string, names: readonly string[]): Promise<Map<string, Uint8Array>> {
  const directory = zipDirectory(bytes);
  if (!directory) throw refuse(fileName, 'it is not a zip archive, or the archive is damaged or truncated');
  const wanted = directory.filter((e) => names.includes(e.name));
  const problem = archiveProblem(wanted);
  if (problem) throw refuse(fileName, problem);
  let limit = 0;
  let items;
  try {
    items = unzip(bytes, (raw) => meteredInflate(raw, limit));
  } catch (err) {
    throw refuse(fileName, `the archive is damaged: ${errorText(err)}`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [i, item] of items.entries()) {
    if (!names.includes(item.filename)) continue;
    limit = directory[i]?.name === item.filename ? directory[i]!.size : 0;
    try {
      out.set(item.filename, await item.read());
    } catch (err) {
      const why = err instanceof InflateLimitError ? 'expands beyond the size the archive gives for it' : `cannot be expanded (${errorText(err)})`;
      throw refuse(fileName, `the archive is damaged: ${item.filename} ${why}`);
    }
  }
  return out;
}

export async function readOds(bytes: Uint8Array, fileName: string): Promise<SheetRows[]> {
  const parts = await expandEntries(bytes, fileName, ['mimetype', 'content.xml']);
  const mime = parts.get('mimetype');
  if (mime) {
    const type = new TextDecoder().decode(mime.subarray(0, 200)).trim();
    if (type !== ODS_MIME && type !== `${ODS_MIME}-template`) throw refuse(fileName, `its type is ${type.slice(0, 80) || 'empty'}, not a spreadsheet`);
  }
  const content = parts.get('content.xml');
  if (!content) throw refuse(fileName, 'the archive holds no content.xml');
  let sheets;
  try {
    sheets = readOdsContent(new TextDecoder().decode(content));
  } catch (err) {
    if (err instanceof OdsError) throw refuse(fileName, `content.xml: ${err.message}`);
    throw err;
  }
  if (sheets.length === 0) throw refuse(fileName, 'content.xml holds no sheet');
  return sheets.map((s) => (s.truncated.length > 0 ? { name: s.name, rows: s.rows, truncated: s.truncated } : { name: s.name, rows: s.rows }));
}
