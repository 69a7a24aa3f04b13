// The catalogue's worker: lays out the model as PDF (pdfmake) or DOCX (docx) off the main
// thread, so the page stays usable; reports progress; cancelling terminates it.
import type { CatalogReply, CatalogRequestMessage } from './catalog-client';

self.onmessage = async (e: MessageEvent<CatalogRequestMessage>) => {
  const { format, model } = e.data;
  const post = (msg: CatalogReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);
  try {
    const progress = (fraction: number) => post({ type: 'progress', fraction });
    const { bytes, pages } =
      format === 'pdf'
        ? await (await import('./catalog-pdf')).writeCatalogPdf(model, progress)
        : await (await import('./catalog-docx')).writeCatalogDocx(model, progress);
    post({ type: 'done', bytes, pages }, [bytes.buffer]);
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
