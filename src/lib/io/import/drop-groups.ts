// Files given together (one drop, one pick in the file dialog), sorted into what
// belongs together before anything is read: the parts of one shapefile by their
// common name, every other boundary, point or table file on its own, and the
// files the importer does not use, each with its reason. Pure; names only.
import { BOUNDARY_EXTENSIONS, extension, SHAPEFILE_PARTS, TABLE_EXTENSIONS } from './file-kinds';

/** Why a given file is not imported (worded by the dialog, German first). */
export type UnusedReason =
  /** a .dbf, .shx, .prj or .cpg without the .shp of the same name */
  | 'shapefile-part'
  /** metadata or index files GIS programs write beside a shapefile (.qmd, .sbn, .shp.xml, …) */
  | 'sidecar'
  /** the old binary Excel format */
  | 'xls'
  /** a project file among other files (it replaces the user's data: open it on its own) */
  | 'project'
  /** an extension the importer does not read */
  | 'unsupported'
  /** the file was read and refused; `detail` holds the reader's message */
  | 'failed';

export interface UnusedFile {
  file: string;
  reason: UnusedReason;
  /** the reader's message (reason 'failed') or the missing file's name (reason 'shapefile-part') */
  detail?: string;
  /** a failure the dialog words itself (see ImportCodeError) */
  code?: 'xls' | 'no-key-column';
}

/** Files that are read together: one shapefile's parts, or a single file. */
export interface FileGroup {
  /** the group's name (a shapefile's common name without extension, else the file name) */
  key: string;
  /** indices into the given list, in the given order */
  files: number[];
}

/** What GIS programs write beside a shapefile, none of it needed to read it. */
const SIDECARS = new Set(['qmd', 'qml', 'sld', 'lyr', 'lyrx', 'sbn', 'sbx', 'qix', 'fix', 'atx', 'cst', 'xml', 'aih', 'ain', 'idx', 'mxs', 'ixs']);

/** "Stadtteile.shp.xml" → "stadtteile": the name a shapefile's parts share (case-insensitive). */
function stem(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.indexOf('.');
  return dot < 0 ? base : base.slice(0, dot);
}

/**
 * Sorts the given file names into groups to read and files not used. A group
 * is one shapefile (its .shp with the parts of the same name) or one other
 * file of a kind the importer reads; the order of the groups is the order of
 * their first file. (Whether a JSON file is a project file is only known once
 * it is read: see parseDrop.)
 */
export function groupFiles(names: readonly string[]): { groups: FileGroup[]; unused: UnusedFile[] } {
  const groups: FileGroup[] = [];
  const unused: UnusedFile[] = [];
  const shapefiles = new Map<string, FileGroup>();
  names.forEach((name, i) => {
    if (extension(name) === 'shp') {
      const key = stem(name);
      const group = shapefiles.get(key) ?? { key: name.slice(0, name.length - 4), files: [] };
      if (!shapefiles.has(key)) {
        shapefiles.set(key, group);
        groups.push(group);
      }
      group.files.push(i);
    }
  });
  names.forEach((name, i) => {
    const ext = name.includes('.') ? extension(name) : '';
    if (ext === 'shp') return;
    if ((SHAPEFILE_PARTS as readonly string[]).includes(ext)) {
      const group = shapefiles.get(stem(name));
      if (group) group.files.push(i);
      else unused.push({ file: name, reason: 'shapefile-part', detail: `${name.slice(0, name.lastIndexOf('.'))}.shp` });
    } else if (SIDECARS.has(ext) || /\.aux\.xml$/i.test(name)) {
      unused.push({ file: name, reason: 'sidecar' });
    } else if (ext === 'xls') {
      unused.push({ file: name, reason: 'xls' });
    } else if ((BOUNDARY_EXTENSIONS as readonly string[]).includes(ext) || (TABLE_EXTENSIONS as readonly string[]).includes(ext)) {
      groups.push({ key: name, files: [i] });
    } else {
      unused.push({ file: name, reason: 'unsupported' });
    }
  });
  for (const g of groups) g.files.sort((a, b) => a - b);
  groups.sort((a, b) => a.files[0]! - b.files[0]!);
  // Keys name the groups for the worker: unique even for two "ortsteile.shp" from two folders.
  const seen = new Map<string, number>();
  for (const g of groups) {
    const n = (seen.get(g.key) ?? 0) + 1;
    seen.set(g.key, n);
    if (n > 1) g.key = `${g.key} (${n})`;
  }
  return { groups, unused };
}

/** Files read together, named for the dialog: "Stadtteile (.shp, .dbf, .shx, .prj, .cpg)" for one shapefile's parts, else the names. */
export function filesLabel(names: readonly string[]): string {
  if (names.length < 2) return names.join(', ');
  const stems = new Set(names.map((n) => n.slice(0, n.lastIndexOf('.'))));
  if (stems.size !== 1 || names.some((n) => !n.includes('.'))) return names.join(', ');
  const exts = names.map((n) => n.slice(n.lastIndexOf('.')));
  const rank = (e: string) => (e.toLowerCase() === '.shp' ? 0 : 1);
  return `${[...stems][0]} (${[...exts].sort((a, b) => rank(a) - rank(b)).join(', ')})`;
}
