/**
 * Reads and checks a directory document and hands its entities out in chunks: the same code runs
 * in a worker thread (large files: parsing 100,000 organizations must not hold the bot's event loop)
 * and in-process (small files, tests).
 */
import type { DirectoryUser } from '../../domain/types.js';
import { validateDirectoryFile, type ImportProblem } from '../import/directoryImport.js';
import type { DirectoryOrganization } from '../types.js';
import { CorruptDataFileError, countedAtProblems, layoutOf, readDocument, toDirectoryOrganization, toDirectoryUser, type DirectoryDocument } from './document.js';

/** What the loader reports, in order: chunks of entities, then `end`; or `missing`, or `failed`. */
export type LoadMessage =
  | { type: 'missing' }
  | { type: 'organizations'; items: DirectoryOrganization[] }
  | { type: 'users'; items: DirectoryUser[] }
  | { type: 'end'; importedAt?: string }
  /** `detail` says what is wrong: for `corrupt` the reason, otherwise a whole sentence. */
  | { type: 'failed'; reason: 'corrupt' | 'invalid' | 'v1'; detail: string; problems?: ImportProblem[] };

const ORGANIZATIONS_PER_CHUNK = 250;
const USERS_PER_CHUNK = 500;

/** A directory document as read and checked: usable, absent, or why not. */
export type CheckedDocument =
  | { status: 'ok'; document: DirectoryDocument }
  | { status: 'missing' }
  | { status: 'failed'; reason: 'corrupt' | 'invalid' | 'v1'; detail: string; problems?: ImportProblem[] };

/**
 * Reads the document and checks it with the import's rules, unless its text is the one the import
 * checked and wrote (its hash is recorded beside it). One place for the bot's loads and the import.
 */
export async function readCheckedDocument(file: string): Promise<CheckedDocument> {
  let data: unknown;
  let verified = false;
  try {
    ({ data, verified } = await readDocument(file));
  } catch (error) {
    if (!(error instanceof CorruptDataFileError)) throw error;
    return { status: 'failed', reason: 'corrupt', detail: error.detail };
  }
  if (data === undefined) return { status: 'missing' };
  const layout = layoutOf(data);
  if ('problem' in layout) return { status: 'failed', reason: 'corrupt', detail: layout.problem };
  if (layout.version === 1) {
    return {
      status: 'failed',
      reason: 'v1',
      detail: `${file} is in the format of an older version; start the server (npm run serve) once, which upgrades the data directory.`,
    };
  }
  const document = data as DirectoryDocument;
  const validation = verified ? { ok: true as const } : await validateDirectoryFile({ organizations: document.organizations, users: document.users });
  const problems = [...(validation.ok ? [] : validation.problems), ...countedAtProblems(document.countedAt)];
  if (problems.length > 0) return { status: 'failed', reason: 'invalid', detail: `${file} breaks the import format`, problems };
  return { status: 'ok', document };
}

export async function loadDocument(file: string, emit: (message: LoadMessage) => void | Promise<void>): Promise<void> {
  const checked = await readCheckedDocument(file);
  if (checked.status === 'missing') return emit({ type: 'missing' });
  if (checked.status === 'failed') {
    const { status: _status, ...failure } = checked;
    return emit({ type: 'failed', ...failure });
  }
  const { document } = checked;
  // A hand edit may use any case for ids; the snapshot keys them lower-case, as the import does.
  for (let i = 0; i < document.organizations.length; i += ORGANIZATIONS_PER_CHUNK) {
    const items = document.organizations.slice(i, i + ORGANIZATIONS_PER_CHUNK).map((o) =>
      toDirectoryOrganization(
        { ...o, tenantId: o.tenantId.toLowerCase(), memberships: o.memberships ?? [], benefits: o.benefits ?? [] },
        document.countedAt,
      ),
    );
    await emit({ type: 'organizations', items });
  }
  for (let i = 0; i < document.users.length; i += USERS_PER_CHUNK) {
    const items = document.users.slice(i, i + USERS_PER_CHUNK).map((u) =>
      toDirectoryUser({
        ...u,
        aadObjectId: u.aadObjectId.toLowerCase(),
        tenantId: u.tenantId.toLowerCase(),
        roles: u.roles ?? [],
        accountProgram: u.accountProgram ?? 'MPN',
      }),
    );
    await emit({ type: 'users', items });
  }
  await emit({ type: 'end', ...(document.importedAt !== undefined && { importedAt: document.importedAt }) });
}
