// Reads the user's files (with progress) and parses them in a web worker, so a
// 100 MB CSV does not freeze the tab. The worker's errors come back as the same
// ImportError (with its code) that parsing on the main thread would throw.
import { ImportError, type InputFile } from './import-boundaries';
import { ImportCodeError, type ParsedImport } from './parse-import';
import type { WorkerMessage } from './parse.worker';

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

export async function parseFilesOffThread(files: readonly File[], progress: Progress = () => {}): Promise<ParsedImport> {
  const input = await readWithProgress(files, progress);
  const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ParsedImport>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
        const msg = e.data;
        if (msg.type === 'progress') progress(0.3 + msg.done * 0.7, msg.stage);
        else if (msg.type === 'done') resolve(msg.result);
        else if (msg.code) reject(new ImportCodeError(msg.file ?? '', msg.code as ImportCodeError['code']));
        else reject(msg.file !== null ? new ImportError(msg.file, msg.message) : new Error(msg.message));
      };
      worker.onerror = (e) => reject(new Error(e.message || 'the import worker failed'));
      // The bytes move to the worker (no copy).
      worker.postMessage({ files: input }, input.map((f) => f.bytes.buffer as ArrayBuffer));
    });
  } finally {
    worker.terminate();
  }
}
