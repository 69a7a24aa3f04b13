// The import's parsing off the main thread: files in, ParsedImport out, with
// progress messages on the way (see parse-off-thread.ts for the other side).
import { parseImport } from './parse-import';
import { ImportError, type InputFile } from './import-boundaries';
import { ImportCodeError } from './parse-import';

export type WorkerRequest = { files: InputFile[] };
export type WorkerMessage =
  | { type: 'progress'; stage: string; done: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof parseImport>> }
  | { type: 'error'; file: string | null; message: string; code: string | null };

const post = (msg: WorkerMessage) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (e: MessageEvent<WorkerRequest>) => {
  try {
    const result = await parseImport(e.data.files, (stage, done) => post({ type: 'progress', stage, done }));
    post({ type: 'done', result });
  } catch (err) {
    const file = err instanceof ImportError ? err.file : null;
    const code = err instanceof ImportCodeError ? err.code : null;
    const message = err instanceof ImportError ? err.message.slice(err.file.length + 2) : err instanceof Error ? err.message : String(err);
    post({ type: 'error', file, message, code });
  }
};
