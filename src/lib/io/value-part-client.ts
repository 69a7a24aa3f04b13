// The page's side of value-part.worker.ts: one worker, started with the first value part and kept
// (each indicator of a large site is decoded there when first shown). Without Worker support the
// part is decoded here.
import type { ValuePartMessage } from './value-part.worker';

let worker: Worker | null = null;
let next = 0;
const waiting = new Map<number, { resolve: (ipc: Uint8Array) => void; reject: (err: Error) => void }>();

function decoder(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./value-part.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; ipc?: Uint8Array; error?: string }>) => {
      const job = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.ipc) job?.resolve(e.data.ipc);
      else job?.reject(new Error(e.data.error ?? 'the value part could not be decoded'));
    };
    worker.onerror = (e) => {
      for (const job of waiting.values()) job.reject(new Error(e.message || 'the value part worker failed'));
      waiting.clear();
      worker = null;
    };
  }
  return worker;
}

/** A value part's Parquet bytes (handed over: detached afterwards) as an Arrow IPC stream. */
export async function decodeValuePart(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  const w = decoder();
  if (!w) return (await import('./value-part')).valuePartToArrowIPC(bytes, file);
  const id = next++;
  return new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const message: ValuePartMessage = { id, file, bytes };
    w.postMessage(message, [bytes.buffer]);
  });
}
