// The table join for the import dialog: small tables on the spot, large ones in
// a worker (kept for the dialog's lifetime), so changing the key column or the
// target site never freezes the tab. Only the latest request's answer counts.
import { joinTable, type TableImport } from './import-table';

type JoinArgs = Parameters<typeof joinTable>;

/** Below this many rows the join takes a few milliseconds: no worker round trip. */
const SMALL = 20_000;

export class Joiner {
  private worker: Worker | null = null;
  private latest = 0;
  private readonly pending = new Map<number, { resolve: (r: TableImport | null) => void; reject: (e: Error) => void }>();

  /** The join, or null when a newer request has replaced this one. */
  join(...args: JoinArgs): Promise<TableImport | null> {
    const id = ++this.latest;
    for (const [old, p] of this.pending) {
      p.resolve(null);
      this.pending.delete(old);
    }
    if (args[1].dataRows.length < SMALL) return Promise.resolve(joinTable(...args));
    this.worker ??= this.start();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, args });
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL('./join.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; result?: TableImport; error?: string }>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.error !== undefined) p.reject(new Error(e.data.error));
      else p.resolve(e.data.result ?? null);
    };
    worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'the join worker failed'));
      this.pending.clear();
    };
    return worker;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.resolve(null);
    this.pending.clear();
  }
}
