// The import dialog's side of import.worker.ts: reads the user's files (with
// progress) and hands them to the worker, which parses them and keeps a table's
// rows; the dialog then asks for other sheets and for joins by name. The worker's
// errors come back as the same ImportError (with its code) that parsing on the
// main thread would throw. One worker per dialog; dispose() frees the rows.
import { ImportError, type InputFile } from './common';
import { ImportCodeError } from './parse-import';
import type { TableChoice, TableImport, TableTarget } from './table-join';
import type { TableOutline } from './table-outline';
import type { DropView, ImportReply, ImportRequest, ParsedView } from './worker-protocol';

/** Overall progress 0–1: reading the files is the first 30 %, parsing the rest. */
export type Progress = (done: number, stage: 'read' | string) => void;

async function readWithProgress(files: readonly File[], progress: Progress): Promise<InputFile[]> {
  const total = files.reduce((s, f) => s + f.size, 0) || 1;
  let read = 0;
  const out: InputFile[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(file.size);
    let at = 0;
    const reader = file.stream().getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes.set(value, at);
      at += value.length;
      read += value.length;
      progress((read / total) * 0.3, 'read');
    }
    out.push({ name: file.name, bytes: at === bytes.length ? bytes : bytes.subarray(0, at) });
  }
  return out;
}

type Waiting = { resolve: (reply: ImportReply) => void; reject: (e: Error) => void; progress?: Progress };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export class ImportWorker {
  private worker: Worker | null = null;
  private nextId = 0;
  private latestJoin = 0;
  private readonly waiting = new Map<number, Waiting>();

  /** Reads files given together: each group of them parsed, the files not used named. */
  async parse(files: readonly File[], progress: Progress = () => {}): Promise<DropView> {
    this.latestJoin++; // joins of the previous file no longer count (nor do their errors)
    const input = await readWithProgress(files, progress);
    // The bytes move to the worker (no copy).
    const reply = await this.ask({ type: 'parse', files: input }, input.map((f) => f.bytes.buffer as ArrayBuffer), progress);
    if (reply.type !== 'parsed') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  /** The outline of another sheet of the drop item's workbook. */
  async sheet(item: string, sheet: string): Promise<TableOutline> {
    const reply = await this.ask({ type: 'sheet', item, sheet });
    if (reply.type !== 'sheet') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  /** Another layer of the drop item's GeoPackage: its boundaries or points. */
  async layer(item: string, layer: string): Promise<ParsedView> {
    const reply = await this.ask({ type: 'layer', item, layer });
    if (reply.type !== 'layer') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  /** The join of a drop item's sheet to a site, or null when a newer join has been asked for meanwhile. */
  async join(item: string, sheet: string, choice: TableChoice, target: TableTarget): Promise<TableImport | null> {
    const mine = ++this.latestJoin;
    let reply: ImportReply;
    try {
      reply = await this.ask({ type: 'join', item, sheet, choice, target });
    } catch (err) {
      if (mine !== this.latestJoin) return null;
      throw err;
    }
    if (mine !== this.latestJoin) return null;
    if (reply.type !== 'joined') throw new Error(`unexpected reply ${reply.type}`);
    return reply.result;
  }

  /** Ends the worker and forgets the rows; the next parse starts a new one. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.latestJoin++;
    for (const w of this.waiting.values()) w.reject(new Error('the import was closed'));
    this.waiting.clear();
  }

  private ask(request: Distribute<ImportRequest>, transfer: Transferable[] = [], progress?: Progress): Promise<ImportReply> {
    const id = ++this.nextId;
    this.worker ??= this.start();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, progress });
      this.worker!.postMessage({ ...request, id } as ImportRequest, transfer);
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<ImportReply>) => {
      const msg = e.data;
      const w = this.waiting.get(msg.id);
      if (!w) return;
      if (msg.type === 'progress') {
        w.progress?.(0.3 + msg.done * 0.7, msg.stage);
        return;
      }
      this.waiting.delete(msg.id);
      if (msg.type !== 'error') w.resolve(msg);
      else if (msg.code) w.reject(new ImportCodeError(msg.file ?? '', msg.code as ImportCodeError['code']));
      else w.reject(msg.file !== null ? new ImportError(msg.file, msg.message) : new Error(msg.message));
    };
    worker.onerror = (e) => {
      for (const w of this.waiting.values()) w.reject(new Error(e.message || 'the import worker failed'));
      this.waiting.clear();
      // A worker that failed this way is gone: the next request starts a new one.
      worker.terminate();
      if (this.worker === worker) this.worker = null;
    };
    return worker;
  }
}
