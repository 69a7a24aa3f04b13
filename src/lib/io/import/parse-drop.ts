// Files given together, read group by group: a city's Stadtteile shapefile and its
// population table dropped at once become two items — the boundaries first, then the
// table, which the dialog joins to them — and every file not used is named with its
// reason. A single group is read exactly as parseImport reads it (its errors are the
// import's errors); with several, a group that fails is listed, the others go on.
import { ImportError, type InputFile } from './common';
import { groupFiles, type UnusedFile } from './drop-groups';
import { ImportCodeError, parseGeoPackage, parseImport, type ParsedImport, type ParseProgress } from './parse-import';
import { defaultChoice } from './table-join';

export interface DropItem {
  /** the group's name, unique within the drop (the worker keeps a table's rows under it) */
  key: string;
  /** the names of the files read for it */
  files: string[];
  parsed: ParsedImport;
}

export interface ParsedDrop {
  /** what was read, boundaries first, then tables, then points (the order the dialog takes them in) */
  items: DropItem[];
  unused: UnusedFile[];
}

const ORDER: Record<ParsedImport['kind'], number> = { project: 0, boundaries: 1, table: 2, points: 3 };

function refusal(file: string, err: unknown): UnusedFile {
  if (err instanceof ImportCodeError) return { file, reason: err.code === 'xls' ? 'xls' : 'failed', code: err.code };
  if (err instanceof ImportError) {
    const prefix = `${err.file}: `;
    return { file, reason: 'failed', detail: err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message };
  }
  throw err; // a defect, not the file's fault: it must not be hidden in a list
}

/**
 * A GeoPackage's point layers besides the polygon layer read: further items (a city's package of
 * Stadtteile with its schools gives a site and a point layer). A point layer that cannot be read is named.
 */
async function pointLayersOf(item: DropItem, files: readonly InputFile[], unused: UnusedFile[]): Promise<DropItem[]> {
  const { parsed } = item;
  if (parsed.kind !== 'boundaries' || !parsed.gpkg || item.files.length !== 1) return [];
  const file = files.find((f) => f.name === item.files[0]);
  if (!file) return [];
  const out: DropItem[] = [];
  for (const layer of parsed.gpkg.layers) {
    if (layer.kind !== 'points' || layer.name === parsed.gpkg.layer) continue;
    try {
      out.push({ key: `${item.key}#${layer.name}`, files: item.files, parsed: await parseGeoPackage(file, layer.name) });
    } catch (err) {
      unused.push(refusal(`${file.name} (${layer.name})`, err));
    }
  }
  return out;
}

export async function parseDrop(files: readonly InputFile[], progress: ParseProgress = () => {}): Promise<ParsedDrop> {
  const { groups, unused } = groupFiles(files.map((f) => f.name));
  // One group (or none the importer recognises): read as one import, its errors are the import's.
  if (groups.length <= 1) {
    const used = groups.length === 1 ? groups[0]!.files.map((i) => files[i]!) : files;
    const parsed = await parseImport(used, progress);
    const item = { key: groups[0]?.key ?? used.map((f) => f.name).join(', '), files: used.map((f) => f.name), parsed };
    const kept = groups.length === 1 ? unused : [];
    return { items: [item, ...(await pointLayersOf(item, files, kept))], unused: kept };
  }
  const items: DropItem[] = [];
  for (const [n, group] of groups.entries()) {
    const part = group.files.map((i) => files[i]!);
    const names = part.map((f) => f.name);
    const scaled: ParseProgress = (stage, done) => progress(stage, (n + done) / groups.length);
    try {
      const parsed = await parseImport(part, scaled);
      // A project replaces the user's data: it is opened on its own, never as part of a drop.
      if (parsed.kind === 'project') unused.push({ file: parsed.fileName, reason: 'project' });
      // A text without key column (a readme.txt beside a shapefile) is named, not shown as a step that fails.
      else if (parsed.kind === 'table' && !parsed.points && !defaultChoice(parsed.suggestion, parsed.fileName, 2000)) {
        unused.push({ file: parsed.fileName, reason: 'failed', code: 'no-key-column' });
      } else {
        const item = { key: group.key, files: names, parsed };
        items.push(item, ...(await pointLayersOf(item, files, unused)));
      }
    } catch (err) {
      unused.push(refusal(names.join(', '), err));
    }
  }
  if (items.length === 0) {
    const reasons = unused.map((u) => `${u.file} (${u.detail ?? u.code ?? u.reason})`).join('; ');
    throw new ImportError(files.map((f) => f.name).join(', '), `none of the files can be imported: ${reasons}`);
  }
  items.sort((a, b) => ORDER[a.parsed.kind] - ORDER[b.parsed.kind]);
  const order = new Map(files.map((f, i) => [f.name, i]));
  unused.sort((a, b) => (order.get(a.file.split(', ')[0]!) ?? 0) - (order.get(b.file.split(', ')[0]!) ?? 0));
  return { items, unused };
}
