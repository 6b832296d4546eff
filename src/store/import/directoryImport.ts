/**
 * Importing a partner directory file (contracts/directory.schema.json): validation that reports
 * every problem at once, the upsert merge with what is stored, and the whole file import.
 *
 * Problem paths use one style everywhere: `$` is the file, `.name` a property, `[i]` a list item,
 * e.g. `$.organizations[1].memberships[0].end`.
 *
 * Entity ids (tenantId, aadObjectId) are GUIDs; they are compared case-insensitively and stored in
 * lower case, the form Teams sends them in.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parseIsoDate } from '../../domain/dates.js';
import type { AccountProgram, BenefitKind, IsoDate, Membership, Role } from '../../domain/types.js';
import { directoryFileOf, readCurrentDocument, withImportLock } from '../dataDir.js';
import { writeDocument, type DirectoryDocument, type DocumentUser } from '../directory/document.js';
import type { ImportSummary } from '../types.js';

// ---------------------------------------------------------------------------------------------
// The file format, as TypeScript (mirrors contracts/directory.schema.json)

/** A benefit as written in an import file. */
export interface ImportedBenefit {
  kind: BenefitKind;
  accessId: string;
  contractId: string;
  start: IsoDate;
  end: IsoDate;
  incidentsUsed?: number;
}

/** An organization as written in an import file; absent lists mean "keep what is stored". */
export interface ImportedOrganization {
  tenantId: string;
  name: string;
  partnerId: string;
  memberships?: Membership[];
  benefits?: ImportedBenefit[];
}

/** A user as written in an import file; absent fields take the schema defaults. */
export interface ImportedUser {
  aadObjectId: string;
  tenantId: string;
  name: string;
  email?: string;
  roles?: Role[];
  accountProgram?: AccountProgram;
}

/** A directory import file that passed {@link validateDirectoryFile}. */
export interface DirectoryFile {
  organizations: ImportedOrganization[];
  users?: ImportedUser[];
}

/** One thing wrong with an import file: where (`$.users[2].tenantId`) and what to change. */
export interface ImportProblem {
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; data: DirectoryFile } | { ok: false; problems: ImportProblem[] };

export type ImportResult = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };

/** What validation may ask about the directory the file is imported into. */
export interface ExistingDirectory {
  hasOrganization(tenantId: string): Promise<boolean>;
  /** The tenant id that already uses this partner id, if any. */
  organizationByPartnerId?(partnerId: string): Promise<string | undefined>;
}

/** Thrown when the import file itself cannot be read (missing, a directory, no permission). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`Cannot read ${file}: ${detail}`);
    this.name = 'ImportFileError';
  }
}

// ---------------------------------------------------------------------------------------------
// Paths

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `parent.key`, `parent[index]`, or `parent["odd key"]`. */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return IDENTIFIER.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Ajv's JSON Pointer (`/organizations/1/end`) in our style (`$.organizations[1].end`). */
function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, segment) => childPath(path, /^\d+$/.test(segment) ? Number(segment) : segment), '$');
}

/** Orders problems as they appear in the file (list indexes numerically), then by message. */
function compareProblems(a: ImportProblem, b: ImportProblem): number {
  const split = (path: string) => path.split(/[.[\]]+/).filter(Boolean);
  const [pa, pb] = [split(a.path), split(b.path)];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] as string, pb[i] as string];
    if (x === y) continue;
    const [nx, ny] = [Number(x), Number(y)];
    return Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x.localeCompare(y);
  }
  return pa.length - pb.length || a.message.localeCompare(b.message);
}

function sortedUnique(problems: ImportProblem[]): ImportProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareProblems);
}

// ---------------------------------------------------------------------------------------------
// Schema validation (Ajv, draft 2020-12)

const SCHEMA_URL = new URL('../../../contracts/directory.schema.json', import.meta.url);
const EXAMPLE_GUID = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** The compiled schema; loaded once, on first use. */
function schemaValidator(): ReturnType<Ajv2020['compile']> {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>;
    // verbose: errors carry the offending value and the schema around them, for specific messages.
    compiled = new Ajv2020({ allErrors: true, verbose: true }).compile(schema);
  }
  return compiled;
}

/** A short, readable rendering of a value for messages. */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'an object',
  array: 'a list ([...])',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

/** Friendlier wording for the `pattern` keywords, by schema location. */
const PATTERN_MESSAGES: [suffix: string, message: string][] = [
  ['/$defs/uuid/pattern', `must be a GUID like ${EXAMPLE_GUID}`],
  ['/$defs/date/pattern', 'must be a date written YYYY-MM-DD, e.g. 2026-03-31'],
  ['/partnerId/pattern', 'must be the partner (MPN) id: 4 to 10 digits'],
  ['/accessId/pattern', 'must be 6 to 64 letters, digits or hyphens'],
  ['/contractId/pattern', 'must be 4 to 64 letters, digits or hyphens'],
];

/** Singular names of the lists in the file, for messages about their items. */
const ITEM_NAMES: Record<string, string> = {
  organizations: 'organization',
  users: 'user',
  memberships: 'membership',
  benefits: 'benefit',
};

/**
 * What the object at `pointer` is ("organization", "user", ...). Taken from the data's location,
 * because Ajv reports schema paths relative to the `$defs` entry, where `#/required` is ambiguous.
 */
function entityAt(pointer: string): string | undefined {
  const list = pointer.split('/').filter((segment) => segment !== '' && !/^\d+$/.test(segment)).at(-1);
  return list === undefined ? undefined : ITEM_NAMES[list];
}

/** Turns one Ajv error into a problem, or undefined for errors that only repeat another one. */
function schemaProblem(error: ErrorObject): ImportProblem | undefined {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const got = `(got ${shown(error.data)})`;
  switch (error.keyword) {
    case 'if':
      // "must match then/else" is always accompanied by the specific error below.
      return undefined;
    case 'required': {
      const property = String(params.missingProperty);
      const where = childPath(path, property);
      if (error.schemaPath.endsWith('/then/required')) {
        return { path: where, message: 'is missing; Silver and Gold memberships need a competency, e.g. "Cloud Platform"' };
      }
      const owner = entityAt(error.instancePath);
      const every = owner === undefined ? 'the file needs' : `every ${owner} needs`;
      return { path: where, message: `is missing; ${every} "${property}"` };
    }
    case 'not': {
      // The only `not` is the membership's else-branch: a competency on a non-Silver/Gold offer.
      const offer = (error.data as Record<string, unknown> | undefined)?.offer;
      if (offer !== 'ActionPack') return undefined; // an unknown offer is reported by `enum`
      return { path: childPath(path, 'competency'), message: 'is not allowed: ActionPack memberships have no competency; remove it' };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      return {
        path: childPath(path, property),
        message: `is not a known property; remove it or fix the spelling (known: ${known.join(', ')})`,
      };
    }
    case 'type':
      return { path, message: `must be ${TYPE_NAMES[String(params.type)] ?? String(params.type)} ${got}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return { path, message: `must be one of ${allowed} ${got}` };
    }
    case 'pattern': {
      const friendly = PATTERN_MESSAGES.find(([suffix]) => error.schemaPath.endsWith(suffix))?.[1];
      return { path, message: `${friendly ?? `must match ${String(params.pattern)}`} ${got}` };
    }
    case 'minLength':
      return { path, message: 'must not be empty' };
    case 'maxLength':
      return { path, message: `must be at most ${String(params.limit)} characters (got ${String((error.data as string).length)})` };
    case 'minimum':
      return { path, message: `must be ${String(params.limit)} or more ${got}` };
    case 'uniqueItems': {
      const later = Math.max(Number(params.i), Number(params.j));
      const list = error.data as unknown[];
      return { path: childPath(path, later), message: `${shown(list[later])} is listed twice; list each value once` };
    }
    default:
      return { path, message: error.message ?? `fails the schema's "${error.keyword}" rule` };
  }
}

function schemaProblems(json: unknown): ImportProblem[] {
  const validate = schemaValidator();
  if (validate(json)) return [];
  return (validate.errors ?? []).map(schemaProblem).filter((p): p is ImportProblem => p !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Checks the schema cannot express. They run on whatever parts of the file are well-formed, so one
// run reports schema and semantic problems together.

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE_SHAPE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object items of `list` (anything else is the schema's business) with their paths. */
function itemsAt(list: unknown, path: string): { item: Json; path: string }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => (isObject(item) ? [{ item, path: childPath(path, i) }] : []));
}

/** A GUID field, lower-cased, or undefined when it is not a well-formed GUID. */
function guidOf(item: Json, key: string): string | undefined {
  const value = item[key];
  return typeof value === 'string' && GUID.test(value) ? value.toLowerCase() : undefined;
}

/** Real calendar dates, and `end` not before `start`, for a membership or benefit. */
function checkPeriod(item: Json, path: string, problems: ImportProblem[]): void {
  const dates: Partial<Record<'start' | 'end', string>> = {};
  for (const key of ['start', 'end'] as const) {
    const value = item[key];
    if (typeof value !== 'string' || !DATE_SHAPE.test(value)) continue; // the schema reports it
    if (parseIsoDate(value)) dates[key] = value;
    else problems.push({ path: childPath(path, key), message: `${value} is not a real calendar date; check the day and the month` });
  }
  if (dates.start && dates.end && dates.end < dates.start) {
    problems.push({
      path: childPath(path, 'end'),
      message: `end ${dates.end} is before start ${dates.start}; end is the last valid day, so it must be on or after start`,
    });
  }
}

/** Records the first path of each key; reports later ones as duplicates. */
class FirstSeen {
  readonly #paths = new Map<string, string>();
  /** The path where `key` was seen first, or undefined (and remembers `path`) when it is new. */
  check(key: string, path: string): string | undefined {
    const first = this.#paths.get(key);
    if (first === undefined) this.#paths.set(key, path);
    return first;
  }
  has(key: string): boolean {
    return this.#paths.has(key);
  }
}

async function semanticProblems(json: unknown, existing: ExistingDirectory | undefined): Promise<ImportProblem[]> {
  if (!isObject(json)) return [];
  const problems: ImportProblem[] = [];
  const organizations = itemsAt(json.organizations, '$.organizations');
  const tenants = new FirstSeen();
  for (const { item, path } of organizations) {
    const tenantId = guidOf(item, 'tenantId');
    const first = tenantId && tenants.check(tenantId, path);
    if (tenantId && first) {
      problems.push({
        path: childPath(path, 'tenantId'),
        message: `tenantId ${tenantId} is also used by ${first}; each organization may appear only once, so merge the two entries`,
      });
    }
    for (const m of itemsAt(item.memberships, childPath(path, 'memberships'))) checkPeriod(m.item, m.path, problems);
    checkBenefits(item, path, problems);
  }
  await checkPartnerIds(organizations, tenants, existing, problems);
  // While an organization's tenantId is unreadable, its users would all look orphaned: leave the
  // user-tenant check until the schema problems are fixed, rather than bury them in noise.
  const tenantsKnown =
    Array.isArray(json.organizations) && organizations.length === json.organizations.length && organizations.every(({ item }) => guidOf(item, 'tenantId'));
  await checkUsers(itemsAt(json.users, '$.users'), tenantsKnown ? tenants : undefined, existing, problems);
  return problems;
}

function checkBenefits(organization: Json, path: string, problems: ImportProblem[]): void {
  const kinds = new FirstSeen();
  for (const { item, path: benefitPath } of itemsAt(organization.benefits, childPath(path, 'benefits'))) {
    checkPeriod(item, benefitPath, problems);
    const kind = item.kind;
    const first = typeof kind === 'string' ? kinds.check(kind, benefitPath) : undefined;
    if (first) {
      problems.push({
        path: childPath(benefitPath, 'kind'),
        message: `${String(kind)} is already given at ${first}; an organization has at most one benefit of each kind, so remove one`,
      });
    }
  }
}

/** One partner id belongs to one tenant, within the file and against the stored directory. */
async function checkPartnerIds(
  organizations: { item: Json; path: string }[],
  tenantsInFile: FirstSeen,
  existing: ExistingDirectory | undefined,
  problems: ImportProblem[],
): Promise<void> {
  const owners = new Map<string, { tenantId: string; path: string }>();
  for (const { item, path } of organizations) {
    const tenantId = guidOf(item, 'tenantId');
    const partnerId = item.partnerId;
    if (!tenantId || typeof partnerId !== 'string') continue;
    const owner = owners.get(partnerId);
    if (!owner) owners.set(partnerId, { tenantId, path });
    if (owner && owner.tenantId !== tenantId) {
      problems.push({
        path: childPath(path, 'partnerId'),
        message: `partnerId ${partnerId} is also used by ${owner.path} (tenant ${owner.tenantId}); a partner id belongs to one tenant, so correct one of them`,
      });
      continue;
    }
    const stored = await existing?.organizationByPartnerId?.(partnerId);
    // A stored owner that is itself in this file gets its partner id from the file: no conflict left.
    if (stored !== undefined && stored.toLowerCase() !== tenantId && !tenantsInFile.has(stored.toLowerCase())) {
      problems.push({
        path: childPath(path, 'partnerId'),
        message: `partnerId ${partnerId} already belongs to tenant ${stored} in the directory; correct the partnerId, or also list tenant ${stored} in this file with its own partnerId`,
      });
    }
  }
}

/**
 * Unique users, each in an organization of this file or of the directory (helpdesk staff exempt).
 * @param tenantsInFile undefined skips the tenant check (the file's tenants are not all readable).
 */
async function checkUsers(
  users: { item: Json; path: string }[],
  tenantsInFile: FirstSeen | undefined,
  existing: ExistingDirectory | undefined,
  problems: ImportProblem[],
): Promise<void> {
  const ids = new FirstSeen();
  for (const { item, path } of users) {
    const aadObjectId = guidOf(item, 'aadObjectId');
    const first = aadObjectId && ids.check(aadObjectId, path);
    if (aadObjectId && first) {
      problems.push({
        path: childPath(path, 'aadObjectId'),
        message: `aadObjectId ${aadObjectId} is also used by ${first}; each user may appear only once, so remove or merge one entry`,
      });
    }
    const tenantId = guidOf(item, 'tenantId');
    const helpdesk = Array.isArray(item.roles) && item.roles.includes('HelpdeskAgent');
    if (!tenantsInFile || !tenantId || helpdesk || tenantsInFile.has(tenantId)) continue;
    if (existing && (await existing.hasOrganization(tenantId))) continue;
    const where = existing ? 'in this file or in the directory' : 'in this file';
    const who = typeof item.aadObjectId === 'string' ? `user ${item.aadObjectId}` : 'this user';
    problems.push({
      path: childPath(path, 'tenantId'),
      message: `${who} has tenantId ${tenantId}, which is not an organization ${where}; add the organization or give the user the HelpdeskAgent role`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/**
 * Validates an import file's parsed JSON against contracts/directory.schema.json and the rules the
 * schema cannot express. Reports every problem, ordered as they appear in the file.
 * @param existing the directory imported into, to accept users of already stored organizations
 *   and to refuse partner ids that a stored tenant already uses.
 */
export async function validateDirectoryFile(json: unknown, existing?: ExistingDirectory): Promise<ValidationResult> {
  const problems = sortedUnique([...schemaProblems(json), ...(await semanticProblems(json, existing))]);
  return problems.length === 0 ? { ok: true, data: json as DirectoryFile } : { ok: false, problems };
}

function toMembership(m: Membership): Membership {
  return { offer: m.offer, ...(m.competency !== undefined && { competency: m.competency }), start: m.start, end: m.end };
}

function toBenefit(b: ImportedBenefit): ImportedBenefit {
  return { kind: b.kind, accessId: b.accessId, contractId: b.contractId, start: b.start, end: b.end, incidentsUsed: b.incidentsUsed ?? 0 };
}

function toUser(u: ImportedUser): DocumentUser {
  return {
    aadObjectId: u.aadObjectId.toLowerCase(),
    tenantId: u.tenantId.toLowerCase(),
    name: u.name,
    ...(u.email !== undefined && { email: u.email }),
    roles: [...(u.roles ?? [])],
    accountProgram: u.accountProgram ?? 'MPN',
  };
}

const sameContract = (a: ImportedBenefit, b: ImportedBenefit) => a.contractId === b.contractId && a.accessId === b.accessId;

/**
 * The document after importing a validated file (an upsert): organizations by tenantId, with name
 * and partnerId replaced, memberships replaced when the file lists them (kept otherwise), and
 * benefits merged by kind when the file lists them (kept otherwise); users by aadObjectId, replaced
 * whole with the schema defaults applied. An imported contract whose count (or identity) changed
 * gets `countedAt = now`: cases the bot records from then on add to the new count. Contracts
 * activated in the bot and cases recorded there live in the run-time store and are not touched.
 * @returns the new document and the counts of what the file contained.
 */
export function mergeIntoDocument(data: DirectoryFile, current: DirectoryDocument, now: Date): { document: DirectoryDocument; summary: ImportSummary } {
  const at = now.toISOString();
  const organizations = new Map(current.organizations.map((o) => [o.tenantId, o]));
  const countedAt: NonNullable<DirectoryDocument['countedAt']> = { ...current.countedAt };
  for (const imported of data.organizations) {
    const tenantId = imported.tenantId.toLowerCase();
    const stored = organizations.get(tenantId);
    let benefits = stored?.benefits ?? [];
    if (imported.benefits) {
      const incoming = imported.benefits.map(toBenefit);
      const counted = { ...countedAt[tenantId] };
      for (const benefit of incoming) {
        const before = benefits.find((b) => b.kind === benefit.kind);
        const unchanged = before && sameContract(before, benefit) && (before.incidentsUsed ?? 0) === benefit.incidentsUsed;
        if (!unchanged) counted[benefit.kind] = at;
      }
      benefits = [...benefits.map((b) => incoming.find((i) => i.kind === b.kind) ?? b), ...incoming.filter((i) => !benefits.some((b) => b.kind === i.kind))];
      countedAt[tenantId] = counted;
    }
    organizations.set(tenantId, {
      tenantId,
      name: imported.name,
      partnerId: imported.partnerId,
      memberships: imported.memberships ? imported.memberships.map(toMembership) : (stored?.memberships ?? []),
      benefits,
    });
  }
  const users = new Map(current.users.map((u) => [u.aadObjectId, u]));
  for (const user of data.users ?? []) users.set(user.aadObjectId.toLowerCase(), toUser(user));
  const benefitCount = data.organizations.reduce((sum, org) => sum + (org.benefits?.length ?? 0), 0);
  return {
    document: {
      schemaVersion: 2,
      importedAt: at,
      organizations: [...organizations.values()],
      users: [...users.values()],
      ...(Object.keys(countedAt).length > 0 && { countedAt }),
    },
    summary: { organizations: data.organizations.length, users: data.users?.length ?? 0, benefits: benefitCount },
  };
}

/** Validation's view of a document: which tenants it has, and who uses which partner id. */
export function existingIn(document: DirectoryDocument): ExistingDirectory {
  const tenants = new Set(document.organizations.map((o) => o.tenantId));
  const partners = new Map(document.organizations.map((o) => [o.partnerId, o.tenantId]));
  return {
    hasOrganization: async (tenantId) => tenants.has(tenantId.toLowerCase()),
    organizationByPartnerId: async (partnerId) => partners.get(partnerId),
  };
}

/**
 * Validates parsed import JSON against the current document and merges it; nothing is written
 * here. Used by the import CLI, by `npm start` for the demo data, and by tests.
 */
export async function importIntoDocument(
  json: unknown,
  current: DirectoryDocument,
  now: Date,
): Promise<{ ok: true; document: DirectoryDocument; summary: ImportSummary } | { ok: false; problems: ImportProblem[] }> {
  const validation = await validateDirectoryFile(json, existingIn(current));
  if (!validation.ok) return validation;
  return { ok: true, ...mergeIntoDocument(validation.data, current, now) };
}

/** Where parsing `text` failed: the offset of the first character that cannot start valid JSON. */
function jsonErrorOffset(text: string, error: Error): number {
  const reported = /at position (\d+)/.exec(error.message);
  if (reported) return Number(reported[1]);
  if (error.message.includes('end of JSON input')) return text.length;
  // Some V8 messages ("Unexpected token ...") carry no position. A prefix is fine so far when it
  // parses or fails only for ending early; the first prefix that is not gives the offset.
  const fineSoFar = (prefix: string): boolean => {
    try {
      JSON.parse(prefix);
      return true;
    } catch (e) {
      const message = (e as Error).message;
      const at = /at position (\d+)/.exec(message);
      return message.includes('end of JSON input') || (at !== null && Number(at[1]) >= prefix.length);
    }
  };
  let [fine, broken] = [0, text.length];
  while (broken - fine > 1) {
    const middle = Math.floor((fine + broken) / 2);
    if (fineSoFar(text.slice(0, middle))) fine = middle;
    else broken = middle;
  }
  return broken - 1;
}

/** `line L, column C` (both from 1) of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/** Parses an import file's text; a syntax error becomes a problem at `$` with its line and column. */
export function parseImportText(text: string): { ok: true; json: unknown } | { ok: false; problems: ImportProblem[] } {
  const body = text.replace(/^\uFEFF/, ''); // editors on Windows like to add a byte-order mark
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch (error) {
    const detail = (error as Error).message.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '').replace(/ in JSON at position \d+$/, '');
    const where = body.trim() === '' ? 'the file is empty' : lineAndColumn(body, jsonErrorOffset(body, error as Error));
    return { ok: false, problems: [{ path: '$', message: `is not valid JSON: ${detail} (${where})` }] };
  }
}

/**
 * Imports a directory file into a data directory while the bot may be serving from it: reads and
 * parses the file, takes the import lock (one import at a time), reads the current document,
 * validates, merges, and writes the new document atomically. The running bot notices the new file
 * and swaps it in. Nothing is written when there is any problem.
 * @throws ImportFileError when the file cannot be read; LockedError when another import runs;
 *   CorruptDataFileError or InvalidDirectoryError when the stored document is unusable.
 */
export async function importDirectoryFile(
  file: string,
  dataDir: string,
  now: () => Date = () => new Date(),
  /** Runs under the import lock before anything is read; may throw to refuse the import. */
  underLock?: () => Promise<void>,
): Promise<ImportResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : (error as Error).message;
    throw new ImportFileError(file, detail);
  }
  const parsed = parseImportText(text);
  if (!parsed.ok) return parsed;
  return withImportLock(dataDir, async () => {
    await underLock?.();
    const current = await readCurrentDocument(dataDir);
    const result = await importIntoDocument(parsed.json, current, now());
    if (!result.ok) return result;
    await writeDocument(directoryFileOf(dataDir), result.document, { checked: true });
    return { ok: true, summary: result.summary };
  });
}
