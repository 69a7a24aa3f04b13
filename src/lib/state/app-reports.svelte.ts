import type { UnreadableRecord } from '../data/user-store';

/** Something the browser's storage could not give back at start-up (restoring runs in main.ts, before or after the app exists). */
export type StorageNotice =
  | { kind: 'unreadable'; records: UnreadableRecord[] }
  | { kind: 'newer' }
  | { kind: 'failed'; message: string };

/** Reports from outside the views (main.ts): storage problems found when restoring, unexpected errors. */
class AppReports {
  storage = $state.raw<StorageNotice[]>([]);
  /** Messages of unexpected errors (window error / unhandledrejection), newest last. */
  errors = $state.raw<string[]>([]);
}
export const appReports = new AppReports();
