// The import dialog's worker: parses the dropped files and, for a table, keeps its
// rows here for the dialog's lifetime. The dialog gets an outline (header,
// suggestion, counts); joins to a site (every change of key column, year column or
// target) run here on the kept rows. See worker-client.ts for the other side.
import { parseImport, parseGeoPackage, ImportCodeError } from './parse-import';
import { ImportError, type InputFile } from './common';
import { extension } from './file-kinds';
import { suggestMapping, type TableSuggestion } from './table/mapping';
import type { Cell } from './table/cells';
import { joinTable } from './table-join';
import { outlineOf } from './table-outline';
import type { ImportReply, ImportRequest } from './worker-protocol';

/** The last parsed table's sheets, and each sheet's suggestion once made. */
let sheets = new Map<string, { rows: Cell[][]; suggestion: TableSuggestion | null }>();
/** The last parsed GeoPackage, for reading its other layers. */
let geopackage: InputFile | null = null;

const post = (msg: ImportReply) => (self as unknown as Worker).postMessage(msg);

function sheetOf(name: string): { rows: Cell[][]; suggestion: TableSuggestion } {
  const sheet = sheets.get(name);
  if (!sheet) throw new Error(`no sheet "${name}" in the parsed file`);
  sheet.suggestion ??= suggestMapping(sheet.rows);
  return sheet as { rows: Cell[][]; suggestion: TableSuggestion };
}

async function handle(req: ImportRequest): Promise<ImportReply> {
  switch (req.type) {
    case 'parse': {
      sheets = new Map();
      geopackage = req.files.find((f) => extension(f.name) === 'gpkg') ?? null;
      const parsed = await parseImport(req.files, (stage, done) => post({ id: req.id, type: 'progress', stage, done }));
      if (parsed.kind !== 'table') return { id: req.id, type: 'parsed', result: parsed };
      for (const s of parsed.sheets) sheets.set(s.name, { rows: s.rows, suggestion: s.name === parsed.sheet ? parsed.suggestion : null });
      const chosen = sheetOf(parsed.sheet);
      return {
        id: req.id,
        type: 'parsed',
        result: {
          kind: 'table',
          fileName: parsed.fileName,
          sheetNames: parsed.sheets.map((s) => s.name),
          table: outlineOf(parsed.sheet, chosen.rows, chosen.suggestion),
          points: parsed.points,
        },
      };
    }
    case 'sheet': {
      const sheet = sheetOf(req.sheet);
      return { id: req.id, type: 'sheet', result: outlineOf(req.sheet, sheet.rows, sheet.suggestion) };
    }
    case 'layer': {
      if (!geopackage) throw new Error('no GeoPackage was parsed');
      return { id: req.id, type: 'parsed', result: await parseGeoPackage(geopackage, req.layer) };
    }
    case 'join': {
      const sheet = sheetOf(req.sheet);
      return { id: req.id, type: 'joined', result: joinTable(sheet.rows, sheet.suggestion, req.choice, req.target) };
    }
  }
}

self.onmessage = async (e: MessageEvent<ImportRequest>) => {
  const { id } = e.data;
  try {
    post(await handle(e.data));
  } catch (err) {
    const file = err instanceof ImportError ? err.file : null;
    const code = err instanceof ImportCodeError ? err.code : null;
    const message = err instanceof ImportError ? err.message.slice(err.file.length + 2) : err instanceof Error ? err.message : String(err);
    post({ id, type: 'error', file, message, code });
  }
};
