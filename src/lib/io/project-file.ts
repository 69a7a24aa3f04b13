// The project file: every import (sites, tables added to sites, point layers) and the view,
// in one JSON file to move work between computers. Binary file contents are
// base64-encoded.
import type { TableExtension, UserPointLayer, UserSite } from '../data/user-data';
import { ImportError } from './import-boundaries';

export const PROJECT_FORMAT = 'quartiersatlas-project';

interface StoredSite extends Omit<UserSite, 'files'> {
  files: Record<string, string>;
}
interface StoredExtension extends Omit<TableExtension, 'bytes'> {
  bytes: string;
}
interface StoredPointLayer extends Omit<UserPointLayer, 'bytes'> {
  bytes: string;
}
export interface ProjectFile {
  format: typeof PROJECT_FORMAT;
  version: 1;
  created: string;
  /** The view as a URL query ("?site=…"). */
  view: string;
  sites: StoredSite[];
  extensions: StoredExtension[];
  /** Imported point layers (optional: files written before they existed have none). */
  pointLayers?: StoredPointLayer[];
}

export interface ProjectContents {
  sites: UserSite[];
  extensions: TableExtension[];
  pointLayers: UserPointLayer[];
  view: string;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function writeProject({ sites, extensions, pointLayers, view }: ProjectContents): string {
  const project: ProjectFile = {
    format: PROJECT_FORMAT,
    version: 1,
    created: new Date().toISOString(),
    view,
    sites: sites.map((s) => ({ ...s, files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, toBase64(v)])) })),
    extensions: extensions.map((e) => ({ ...e, bytes: toBase64(e.bytes) })),
    pointLayers: pointLayers.map((l) => ({ ...l, bytes: toBase64(l.bytes) })),
  };
  return JSON.stringify(project);
}

/** Whether a parsed JSON document is a project file (not GeoJSON). */
export function isProject(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === PROJECT_FORMAT;
}

export function readProject(text: string, fileName: string): ProjectContents {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(fileName, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isProject(json)) throw new ImportError(fileName, 'not a Quartiersatlas project file');
  const p = json as ProjectFile;
  if (p.version !== 1) throw new ImportError(fileName, `project file version ${String(p.version)} is not supported`);
  if (!Array.isArray(p.sites) || !Array.isArray(p.extensions) || (p.pointLayers !== undefined && !Array.isArray(p.pointLayers))) throw new ImportError(fileName, 'the project file is incomplete');
  try {
    return {
      view: typeof p.view === 'string' ? p.view : '',
      sites: p.sites.map((s) => ({ ...s, files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [k, fromBase64(v)])) })),
      extensions: p.extensions.map((e) => ({ ...e, bytes: fromBase64(e.bytes) })),
      pointLayers: (p.pointLayers ?? []).map((l) => ({ ...l, bytes: fromBase64(l.bytes) })),
    };
  } catch (err) {
    throw new ImportError(fileName, `the project file is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
}
