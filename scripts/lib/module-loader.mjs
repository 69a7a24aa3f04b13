// Loads the app's TypeScript modules in Node through one Vite module runner that stays open while a
// script runs. `runnerImport` closes its runner after the import, so a module's own dynamic imports
// (value-cache.ts loads db/programme-rest.ts on first use) would fail later with "Vite module runner
// has been closed".
import { createServer, createServerModuleRunner } from 'vite';

let runner = null;
let server = null;

/** The module at `path` (absolute, or relative to the repo root given as `root`). */
export async function loadModule(root, path) {
  if (!runner) {
    server = await createServer({ configFile: false, root, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false, ws: false } });
    runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  }
  return runner.import(path.startsWith('/') ? path : `${root}${path}`);
}

/** Closes the runner and its server (call once at the end; a script that exits anyway may skip it). */
export async function closeModules() {
  await runner?.close();
  await server?.close();
  runner = server = null;
}
