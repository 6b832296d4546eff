/**
 * Demo data is kept apart from real data. `npm start` loads the demo directory only into an empty
 * data directory, and marks that directory with `demo.json`. An import into a marked directory is
 * refused (it would merge the operator's partners with the demo's organizations and with whatever
 * the demo people did: activations, cases, audit entries); `npm run import -- --remove-demo`
 * takes the demo out first:
 *
 * - a marked directory holds nothing but the demo, so everything in it (directory, run-time store,
 *   logs, the chat window's files) moves into `demo-backup-<time>/` inside it, and the directory
 *   starts empty;
 * - a directory from before the marker that holds the demo's organizations next to imported ones
 *   keeps the imported ones: the demo's organizations and users are taken out of its directory.
 *
 * Both need the bot stopped (the server lock is taken meanwhile), so nothing is moved under it.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_FILES, directoryFileOf, readCurrentDocument, withImportLock, writeDocument } from '../store/index.js';
import { pathExists } from '../store/dataDir.js';
import { acquireLock } from '../store/fileLock.js';
import { DEMO_TENANTS, DEMO_USERS } from './demoDirectory.js';

/** The marker file of a data directory that npm start filled with the demo directory. */
export const DEMO_MARKER = 'demo.json';

/** Marks `dataDir` as holding the demo data (written before the demo directory itself). */
export async function markDemoDataDir(dataDir: string, at: Date): Promise<void> {
  const note = {
    demo: true,
    loadedAt: at.toISOString(),
    about: 'npm start loaded the demo directory into this data directory. npm run import refuses it; npm run import -- --remove-demo takes the demo out.',
  };
  await writeFile(join(dataDir, DEMO_MARKER), `${JSON.stringify(note, null, 2)}\n`);
}

/** Whether `dataDir` carries the demo marker. */
export function isDemoDataDir(dataDir: string): Promise<boolean> {
  return pathExists(join(dataDir, DEMO_MARKER));
}

/** An import into a data directory that holds the demo data. */
export class DemoDataError extends Error {
  override name = 'DemoDataError';
}

/** Throws {@link DemoDataError} when `dataDir` holds the demo data, saying what to do instead. */
export async function refuseDemoDataDir(dataDir: string, file: string): Promise<void> {
  if (!(await isDemoDataDir(dataDir))) return;
  let loadedAt = '';
  try {
    loadedAt = ` on ${String((JSON.parse(await readFile(join(dataDir, DEMO_MARKER), 'utf8')) as { loadedAt?: string }).loadedAt ?? '').slice(0, 10)}`;
  } catch {
    // The marker is there; its content is only for people.
  }
  throw new DemoDataError(
    `${dataDir} holds the demo data that npm start loaded${loadedAt} (${join(dataDir, DEMO_MARKER)} says so). Your directory would be merged into it: ` +
      'the demo organizations (Contoso, Woodgrove, ...) and what the demo people did would show up beside your partners. Nothing was written. Either\n' +
      `  - import into a data directory of its own: DATA_DIR=./data-live npm run import -- ${file}   (and start the bot with the same DATA_DIR), or\n` +
      `  - stop the bot and replace the demo: npm run import -- --remove-demo ${file}   (the demo's files are kept in ${join(dataDir, 'demo-backup-<time>')}).`,
  );
}

export type RemoveDemoResult =
  | { kind: 'moved'; backup: string; moved: string[] }
  | { kind: 'filtered'; organizations: number; users: number }
  | { kind: 'none' };

/** What a marked data directory holds, all of it the demo's (reports/: npm run report's pages of the demo people's cases). */
const DEMO_FILES = [DATA_FILES.directory, `${DATA_FILES.directory}.verified`, DATA_FILES.runtime, DATA_FILES.audit, DATA_FILES.knowledge, 'playground', 'reports', DEMO_MARKER];

/**
 * Takes the demo data out of `dataDir` (see the module comment).
 * @throws LockedError when a bot server serves the directory, or an import runs.
 */
export async function removeDemo(dataDir: string, now: Date): Promise<RemoveDemoResult> {
  await mkdir(dataDir, { recursive: true });
  const releaseServer = await acquireLock(join(dataDir, DATA_FILES.serverLock), 'Removing the demo data (npm run import -- --remove-demo)');
  try {
    return await withImportLock(dataDir, async () => {
      if (await isDemoDataDir(dataDir)) {
        const backup = join(dataDir, `demo-backup-${now.toISOString().replace(/[:.]/g, '-')}`);
        await mkdir(backup, { recursive: true });
        const moved: string[] = [];
        // The marker goes last: an interrupted removal still reads as a demo directory.
        for (const name of DEMO_FILES) {
          if (!(await pathExists(join(dataDir, name)))) continue;
          await rename(join(dataDir, name), join(backup, name));
          moved.push(name);
        }
        return { kind: 'moved', backup, moved };
      }
      const document = await readCurrentDocument(dataDir);
      const tenants = new Set<string>(Object.values(DEMO_TENANTS).map((t) => t.toLowerCase()));
      const users = new Set<string>(Object.values(DEMO_USERS).map((u) => u.toLowerCase()));
      const organizations = document.organizations.filter((o) => !tenants.has(o.tenantId.toLowerCase()));
      const people = document.users.filter((u) => !tenants.has(u.tenantId.toLowerCase()) && !users.has(u.aadObjectId.toLowerCase()));
      const removed = { organizations: document.organizations.length - organizations.length, users: document.users.length - people.length };
      if (removed.organizations + removed.users === 0) return { kind: 'none' };
      const countedAt = document.countedAt && Object.fromEntries(Object.entries(document.countedAt).filter(([t]) => !tenants.has(t.toLowerCase())));
      await writeDocument(
        directoryFileOf(dataDir),
        { ...document, organizations, users: people, ...(countedAt && { countedAt }), importedAt: now.toISOString() },
        { checked: true },
      );
      return { kind: 'filtered', ...removed };
    });
  } finally {
    await releaseServer();
  }
}
