// Decodes value parts off the main thread: Parquet bytes in, an Arrow IPC stream out (transferred).
import { valuePartToArrowIPC } from './value-part';

export interface ValuePartMessage {
  id: number;
  file: string;
  bytes: Uint8Array;
}

self.onmessage = async (e: MessageEvent<ValuePartMessage>) => {
  const { id, file, bytes } = e.data;
  try {
    const ipc = await valuePartToArrowIPC(bytes, file);
    (self as unknown as Worker).postMessage({ id, ipc }, [ipc.buffer]);
  } catch (err) {
    self.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
