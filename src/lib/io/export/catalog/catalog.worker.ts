// The catalogue's worker: lays out the model as PDF (pdfmake) or DOCX (docx) off the main
// thread, so the page stays usable; reports progress; cancelling terminates it.
import type { CatalogReply, CatalogRequestMessage } from './catalog-client';

// The libraries' bundled setImmediate shims (JSZip in docx, the stream polyfills of pdfmake)
// take a module worker, which has no importScripts, for a window and post their ticks to the
// page, where nobody answers: the writers would wait forever. A real one, on a MessageChannel.
const g = globalThis as unknown as { setImmediate?: (fn: (...a: unknown[]) => void, ...args: unknown[]) => number };
if (typeof g.setImmediate !== 'function') {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (fn, ...args) => {
    queue.push(() => fn(...args));
    channel.port2.postMessage(null);
    return queue.length;
  };
}

self.onmessage = async (e: MessageEvent<CatalogRequestMessage>) => {
  const { format, model } = e.data;
  const post = (msg: CatalogReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);
  try {
    // pdfmake reports every item it draws: pass on whole percents only.
    let last = -1;
    const progress = (fraction: number) => {
      const percent = Math.floor(fraction * 100);
      if (percent === last) return;
      last = percent;
      post({ type: 'progress', fraction });
    };
    const { bytes, pages } =
      format === 'pdf'
        ? await (await import('./catalog-pdf')).writeCatalogPdf(model, progress)
        : await (await import('./catalog-docx')).writeCatalogDocx(model, progress);
    post({ type: 'done', bytes, pages }, [bytes.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
