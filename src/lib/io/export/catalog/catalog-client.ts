// Starts the catalogue's worker for one file and gives its progress; `cancel` ends it
// at once (terminate), whatever it is doing.
import type { CatalogFormat, CatalogModel } from './catalog-model';

export interface CatalogRequestMessage {
  format: CatalogFormat;
  model: CatalogModel;
}

export type CatalogReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; bytes: Uint8Array; pages: number }
  | { type: 'error'; message: string };

export const CATALOG_MIME: Record<CatalogFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export class CatalogCancelled extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AbortError';
  }
}

export interface CatalogJob {
  result: Promise<{ blob: Blob; pages: number }>;
  cancel(): void;
}

/** Writes the catalogue in a worker. `progress(fraction)` while pages are written. */
export function writeCatalog(format: CatalogFormat, model: CatalogModel, progress: (fraction: number) => void, cancelledText: string): CatalogJob {
  const worker = new Worker(new URL('./catalog.worker.ts', import.meta.url), { type: 'module' });
  let settle: { reject: (err: Error) => void } | null = null;
  const result = new Promise<{ blob: Blob; pages: number }>((resolve, reject) => {
    settle = { reject };
    worker.onmessage = (e: MessageEvent<CatalogReply>) => {
      const msg = e.data;
      if (typeof msg !== 'object' || msg === null || !('type' in msg)) return;
      if (msg.type === 'progress') return progress(msg.fraction);
      worker.terminate();
      if (msg.type === 'done') resolve({ blob: new Blob([msg.bytes.slice().buffer], { type: CATALOG_MIME[format] }), pages: msg.pages });
      else reject(new Error(msg.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'the catalogue worker failed'));
    };
    worker.postMessage({ format, model } satisfies CatalogRequestMessage);
  });
  return {
    result,
    cancel: () => {
      worker.terminate();
      settle?.reject(new CatalogCancelled(cancelledText));
    },
  };
}
