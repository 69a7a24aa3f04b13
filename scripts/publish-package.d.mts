// Types for publish-package.mjs (imported by tests/unit/online-package.test.ts).
export const PACKAGE_FORMAT: string;
/** Publishes a bundled site (id) or a folder's site into `outDir`; returns what was written. */
export function publishPackage(what: string, outDir: string): { siteId: string; files: { path: string; bytes: number }[] };
