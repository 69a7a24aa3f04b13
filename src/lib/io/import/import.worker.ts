// The import dialog's worker: parses the dropped files and, for a table, keeps its
// rows here for the dialog's lifetime. The dialog gets an outline (header,
// suggestion, counts); joins to a site (every change of key column, year column or
// target) run here on the kept rows. See worker-client.ts for the other side.
import { ImportCodeError, parseGeoPackage } from './parse-import';
import { parseDrop } from './parse-drop';
import { ImportError, type InputFile } from './common';
import { extension } from './file-kinds';
import { suggestMapping, type TableSuggestion } from './table/mapping';
import type { Cell } from './table/cells';
import { joinTable } from './table-join';
import { outlineOf } from './table-outline';
import type { ImportReply, ImportRequest, ItemView } from './worker-protocol';

type Sheets = Map<string, { rows: Cell[][]; suggestion: TableSuggestion | null; truncated: string[] }>;
/** The last drop's tables by item key: their sheets, and each sheet's suggestion once made. */
let tables = new Map<string, Sheets>();
/** The last drop's GeoPackages by item key, for reading their other layers. */
let geopackages = new Map<string, InputFile>();

const post = (msg: ImportReply) => (self as unknown as Worker).postMessage(msg);

function sheetOf(item: string, name: string): { rows: Cell[][]; suggestion: TableSuggestion; truncated: string[] } {
  const sheet = tables.get(item)?.get(name);
  if (!sheet) throw new Error(`no sheet "${name}" in the parsed file`);
  sheet.suggestion ??= suggestMapping(sheet.rows);
  return sheet as { rows: Cell[][]; suggestion: TableSuggestion; truncated: string[] };
}

async function handle(req: ImportRequest): Promise<ImportReply> {
  switch (req.type) {
    case 'parse': {
      tables = new Map();
      geopackages = new Map();
      const drop = await parseDrop(req.files, (stage, done) => post({ id: req.id, type: 'progress', stage, done }));
      const items = drop.items.map(({ key, files, parsed }): ItemView => {
        if (parsed.kind !== 'table') {
          const gpkg = files.length === 1 && extension(files[0]!) === 'gpkg' ? req.files.find((f) => f.name === files[0]) : undefined;
          if (gpkg) geopackages.set(key, gpkg);
          return { ...parsed, key, files };
        }
        const sheets: Sheets = new Map();
        for (const s of parsed.sheets) sheets.set(s.name, { rows: s.rows, suggestion: s.name === parsed.sheet ? parsed.suggestion : null, truncated: s.truncated ?? [] });
        tables.set(key, sheets);
        const chosen = sheetOf(key, parsed.sheet);
        return {
          kind: 'table',
          key,
          files,
          fileName: parsed.fileName,
          sheetNames: parsed.sheets.map((s) => s.name),
          table: outlineOf(parsed.sheet, chosen.rows, chosen.suggestion, chosen.truncated),
          points: parsed.points,
        };
      });
      return { id: req.id, type: 'parsed', result: { items, unused: drop.unused } };
    }
    case 'sheet': {
      const sheet = sheetOf(req.item, req.sheet);
      return { id: req.id, type: 'sheet', result: outlineOf(req.sheet, sheet.rows, sheet.suggestion, sheet.truncated) };
    }
    case 'layer': {
      const gpkg = geopackages.get(req.item);
      if (!gpkg) throw new Error(`no GeoPackage "${req.item}" was parsed`);
      return { id: req.id, type: 'layer', result: await parseGeoPackage(gpkg, req.layer) };
    }
    case 'join': {
      const sheet = sheetOf(req.item, req.sheet);
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
