import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyDocument, readDocumentData, type DirectoryDocument } from '../../../src/store/directory/document.js';
import { acquireLock, LockedError } from '../../../src/store/fileLock.js';
import {
  ImportFileError,
  importDirectoryFile,
  importIntoDocument,
  mergeIntoDocument,
  parseImportText,
  validateDirectoryFile,
  type DirectoryFile,
  type ExistingDirectory,
  type ImportProblem,
} from '../../../src/store/import/directoryImport.js';
import { openDataDir } from '../../../src/store/index.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const fixture = async (name: string): Promise<Record<string, any>> =>
  JSON.parse(await readFile(new URL(`directory.${name}.json`, FIXTURES), 'utf8')) as Record<string, any>;

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const FOURTH_COFFEE = '3d2a6b18-1f4e-4c09-8e7a-5b6c2d1e0f23';
const NORTHWIND = '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d34';
const STRANGER = '11111111-2222-4333-8444-555555555555';

async function problemsOf(json: unknown, existing?: ExistingDirectory): Promise<ImportProblem[]> {
  const result = await validateDirectoryFile(json, existing);
  return result.ok ? [] : result.problems;
}

describe('validateDirectoryFile', () => {
  it('accepts the example file', async () => {
    const example = await fixture('example');
    const result = await validateDirectoryFile(example);
    expect(result).to.deep.equal({ ok: true, data: example });
  });

  // Each case changes the example in one place and expects exactly one problem.
  type Mutation = (file: Record<string, any>) => void;
  const EMA = '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b05';
  const cases: [what: string, mutate: Mutation, path: string, message: string][] = [
    ['top level is not an object', (f) => Object.assign(f, { organizations: 'x' }), '$.organizations', 'must be a list ([...]) (got "x")'],
    ['an unknown top-level property', (f) => (f.colour = 'blue'), '$.colour', 'is not a known property; remove it or fix the spelling (known: organizations, users)'],
    ['a missing organization name', (f) => delete f.organizations[0].name, '$.organizations[0].name', 'is missing; every organization needs "name"'],
    ['an empty name', (f) => (f.organizations[0].name = ''), '$.organizations[0].name', 'must not be empty'],
    ['a tenantId that is not a GUID', (f) => (f.organizations[2].tenantId = 'fourth-coffee'), '$.organizations[2].tenantId', 'must be a GUID like 6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01 (got "fourth-coffee")'],
    ['a partnerId that is a number', (f) => (f.organizations[0].partnerId = 4711001), '$.organizations[0].partnerId', 'must be a string (got 4711001)'],
    ['a partnerId with letters', (f) => (f.organizations[0].partnerId = 'MPN4711'), '$.organizations[0].partnerId', 'must be the partner (MPN) id: 4 to 10 digits (got "MPN4711")'],
    ['an unknown offer', (f) => (f.organizations[0].memberships[0].offer = 'Platinum'), '$.organizations[0].memberships[0].offer', 'must be one of ActionPack, Silver, Gold (got "Platinum")'],
    ['Gold without competency', (f) => delete f.organizations[0].memberships[0].competency, '$.organizations[0].memberships[0].competency', 'is missing; Silver and Gold memberships need a competency, e.g. "Cloud Platform"'],
    ['ActionPack with a competency', (f) => (f.organizations[2].memberships[0].competency = 'Security'), '$.organizations[2].memberships[0].competency', 'is not allowed: ActionPack memberships have no competency; remove it'],
    ['a date in another format', (f) => (f.organizations[0].memberships[0].start = '01.01.2026'), '$.organizations[0].memberships[0].start', 'must be a date written YYYY-MM-DD, e.g. 2026-03-31 (got "01.01.2026")'],
    ['a date that does not exist', (f) => (f.organizations[0].memberships[1].end = '2026-02-30'), '$.organizations[0].memberships[1].end', '2026-02-30 is not a real calendar date; check the day and the month'],
    ['a membership ending before it starts', (f) => (f.organizations[1].memberships[0].end = '2026-02-28'), '$.organizations[1].memberships[0].end', 'end 2026-02-28 is before start 2026-03-01; end is the last valid day, so it must be on or after start'],
    ['a benefit ending before it starts', (f) => (f.organizations[1].benefits[1].start = '2027-03-15'), '$.organizations[1].benefits[1].end', 'end 2027-03-14 is before start 2027-03-15; end is the last valid day, so it must be on or after start'],
    ['an accessId that is too short', (f) => (f.organizations[1].benefits[0].accessId = 'abc'), '$.organizations[1].benefits[0].accessId', 'must be 6 to 64 letters, digits or hyphens (got "abc")'],
    ['negative incidentsUsed', (f) => (f.organizations[1].benefits[0].incidentsUsed = -1), '$.organizations[1].benefits[0].incidentsUsed', 'must be 0 or more (got -1)'],
    ['fractional incidentsUsed', (f) => (f.organizations[1].benefits[0].incidentsUsed = 1.5), '$.organizations[1].benefits[0].incidentsUsed', 'must be a whole number (got 1.5)'],
    ['an imported entitlement total', (f) => (f.organizations[1].benefits[0].incidentsTotal = 10), '$.organizations[1].benefits[0].incidentsTotal', 'is not a known property; remove it or fix the spelling (known: kind, accessId, contractId, start, end, incidentsUsed)'],
    ['two benefits of one kind', (f) => (f.organizations[1].benefits[1].kind = 'ProductSupport'), '$.organizations[1].benefits[1].kind', 'ProductSupport is already given at $.organizations[1].benefits[0]; an organization has at most one benefit of each kind, so remove one'],
    [
      'a duplicate tenantId (other case)',
      (f) => {
        f.organizations[2].tenantId = CONTOSO.toUpperCase();
        f.users[4].tenantId = CONTOSO; // else Ema's organization would be missing, a second problem
      },
      '$.organizations[2].tenantId',
      `tenantId ${CONTOSO} is also used by $.organizations[0]; each organization may appear only once, so merge the two entries`,
    ],
    ['a partnerId used by two tenants', (f) => (f.organizations[2].partnerId = '4711001'), '$.organizations[2].partnerId', `partnerId 4711001 is also used by $.organizations[0] (tenant ${CONTOSO}); a partner id belongs to one tenant, so correct one of them`],
    ['a duplicate aadObjectId', (f) => (f.users[1].aadObjectId = f.users[0].aadObjectId), '$.users[1].aadObjectId', 'aadObjectId 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01 is also used by $.users[0]; each user may appear only once, so remove or merge one entry'],
    ['a user of an unknown tenant', (f) => (f.users[1].tenantId = STRANGER), '$.users[1].tenantId', `user 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02 has tenantId ${STRANGER}, which is not an organization in this file; add the organization or give the user the HelpdeskAgent role`],
    ['a repeated role', (f) => (f.users[0].roles = ['MpnPartnerAdmin', 'MpnPartnerAdmin']), '$.users[0].roles[1]', '"MpnPartnerAdmin" is listed twice; list each value once'],
    ['an unknown role', (f) => (f.users[0].roles = ['Owner']), '$.users[0].roles[0]', 'must be one of GlobalAdmin, MpnPartnerAdmin, AdminAgent, HelpdeskAgent (got "Owner")'],
    ['an unknown account program', (f) => (f.users[2].accountProgram = 'Partner'), '$.users[2].accountProgram', 'must be one of MPN, CSP (got "Partner")'],
    ['a missing user name', (f) => delete f.users[3].name, '$.users[3].name', 'is missing; every user needs "name"'],
  ];
  for (const [what, mutate, path, message] of cases) {
    it(`reports ${what}`, async () => {
      const file = await fixture('example');
      mutate(file);
      expect(await problemsOf(file)).to.deep.equal([{ path, message }]);
    });
  }

  it("reports a user whose organization was dropped from the file", async () => {
    const file = await fixture('example');
    file.organizations.pop();
    expect(await problemsOf(file)).to.deep.equal([
      {
        path: '$.users[4].tenantId',
        message: `user ${EMA} has tenantId ${FOURTH_COFFEE}, which is not an organization in this file; add the organization or give the user the HelpdeskAgent role`,
      },
    ]);
  });

  it('reports a file without organizations, and one that is not an object', async () => {
    expect(await problemsOf({ users: [] })).to.deep.equal([
      { path: '$.organizations', message: 'is missing; the file needs "organizations"' },
    ]);
    expect(await problemsOf([])).to.deep.equal([{ path: '$', message: 'must be an object (got a list)' }]);
  });

  it('reports every problem of a file at once, in file order', async () => {
    expect(await problemsOf(await fixture('invalid'))).to.deep.equal([
      { path: '$.organizations[0].memberships[0].competency', message: 'is missing; Silver and Gold memberships need a competency, e.g. "Cloud Platform"' },
      { path: '$.organizations[0].memberships[1].start', message: '2026-02-30 is not a real calendar date; check the day and the month' },
      { path: '$.organizations[1].benefits[0].end', message: 'end 2026-03-14 is before start 2026-03-15; end is the last valid day, so it must be on or after start' },
      { path: '$.organizations[1].partnerId', message: `partnerId 4711001 is also used by $.organizations[0] (tenant ${CONTOSO}); a partner id belongs to one tenant, so correct one of them` },
      { path: '$.users[0].tenantId', message: `user 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01 has tenantId ${STRANGER}, which is not an organization in this file; add the organization or give the user the HelpdeskAgent role` },
      { path: '$.users[1].accountProgram', message: 'must be one of MPN, CSP (got "Partner")' },
    ]);
  });

  it('accepts a HelpdeskAgent of a tenant that is no organization', async () => {
    const file = await fixture('example');
    expect(file.users[5].tenantId).to.equal('c0ffee00-0000-4000-8000-00000000d35c');
    expect(await problemsOf(file)).to.deep.equal([]);
    file.users[5].roles = [];
    expect((await problemsOf(file)).map((p) => p.path)).to.deep.equal(['$.users[5].tenantId']);
  });

  describe('against the stored directory', () => {
    const stored: ExistingDirectory = {
      hasOrganization: async (tenantId) => tenantId === NORTHWIND,
      organizationByPartnerId: async (partnerId) => ({ '4711004': NORTHWIND, '4711001': CONTOSO })[partnerId],
    };

    it('accepts a user of a stored organization, and says where it looked when there is none', async () => {
      const file = { organizations: [], users: [{ aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b07', tenantId: NORTHWIND, name: 'Nils' }] };
      expect(await problemsOf(file, stored)).to.deep.equal([]);
      file.users[0]!.tenantId = STRANGER;
      expect(await problemsOf(file, stored)).to.deep.equal([
        {
          path: '$.users[0].tenantId',
          message: `user 9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b07 has tenantId ${STRANGER}, which is not an organization in this file or in the directory; add the organization or give the user the HelpdeskAgent role`,
        },
      ]);
    });

    it("refuses a partnerId that a stored tenant uses, unless the file also re-imports that tenant", async () => {
      const file = await fixture('example');
      file.organizations[2].partnerId = '4711004';
      expect(await problemsOf(file, stored)).to.deep.equal([
        {
          path: '$.organizations[2].partnerId',
          message: `partnerId 4711004 already belongs to tenant ${NORTHWIND} in the directory; correct the partnerId, or also list tenant ${NORTHWIND} in this file with its own partnerId`,
        },
      ]);
      file.organizations.push({ tenantId: NORTHWIND, name: 'Northwind', partnerId: '4711005' });
      expect(await problemsOf(file, stored)).to.deep.equal([]);
    });
  });
});

describe('importIntoDocument and mergeIntoDocument', () => {
  const NOW = new Date('2026-11-24T10:00:00.000Z');
  const LATER = new Date('2026-11-25T10:00:00.000Z');
  const imported = async (json: unknown, current = emptyDocument(), now = NOW) => {
    const result = await importIntoDocument(json, current, now);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  };
  const org = (document: DirectoryDocument, tenantId: string) => document.organizations.find((o) => o.tenantId === tenantId);
  const user = (document: DirectoryDocument, id: string) => document.users.find((u) => u.aadObjectId === id);

  it('imports the example with defaults applied and counts what the file contained', async () => {
    const { document, summary } = await imported(await fixture('example'));
    expect(summary).to.deep.equal({ organizations: 3, users: 6, benefits: 2 });
    expect(document.importedAt).to.equal(NOW.toISOString());
    expect(org(document, WOODGROVE)!.benefits[0]).to.deep.equal({
      kind: 'ProductSupport',
      accessId: 'a1b2c3d4-0000-4000-8000-000000000001',
      contractId: '7001234',
      start: '2026-03-15',
      end: '2027-03-14',
      incidentsUsed: 4,
    });
    expect(document.countedAt?.[WOODGROVE]).to.deep.equal({ ProductSupport: NOW.toISOString(), SignatureCloudSupport: NOW.toISOString() });
    expect(org(document, FOURTH_COFFEE)!.benefits).to.deep.equal([]);
    expect(user(document, '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02')).to.deep.equal({
      aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02',
      tenantId: CONTOSO,
      name: 'Ben Engineer',
      email: 'ben@contoso.example',
      roles: [],
      accountProgram: 'MPN',
    });
    expect(user(document, '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b03')!.accountProgram).to.equal('CSP');
    // The document is itself a valid import file.
    expect((await validateDirectoryFile({ organizations: document.organizations, users: document.users })).ok).to.equal(true);
  });

  it('upserts: keeps memberships and benefits the file omits, merges benefits by kind', async () => {
    const first = (await imported(await fixture('example'))).document;
    const { document, summary } = await imported(await fixture('reimport'), first, LATER);
    expect(summary).to.deep.equal({ organizations: 3, users: 2, benefits: 1 });
    const contoso = org(document, CONTOSO)!;
    expect(contoso.name).to.equal('Contoso Cloud Services GmbH');
    expect(contoso.memberships.map((m) => m.competency)).to.deep.equal(['Cloud Platform', 'Data Analytics']);
    const woodgrove = org(document, WOODGROVE)!;
    expect(woodgrove.memberships).to.deep.equal([{ offer: 'Gold', competency: 'Application Development', start: '2026-03-01', end: '2027-02-28' }]);
    expect(woodgrove.benefits.map((b) => [b.kind, b.contractId])).to.deep.equal([
      ['ProductSupport', '7009999'],
      ['SignatureCloudSupport', org(first, WOODGROVE)!.benefits[1]!.contractId],
    ]);
    // A new contract's count is as of this import; the unchanged one keeps its time.
    expect(document.countedAt?.[WOODGROVE]).to.deep.equal({ ProductSupport: LATER.toISOString(), SignatureCloudSupport: NOW.toISOString() });
    // Organizations and users not in the file stay; users in the file are replaced whole.
    expect(org(document, FOURTH_COFFEE)!.name).to.equal('Fourth Coffee IT');
    expect(user(document, '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b01')!.name).to.equal('Ana Admin');
    expect(user(document, '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02')).to.deep.equal({
      aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b02',
      tenantId: CONTOSO,
      name: 'Ben Engineer',
      roles: ['GlobalAdmin'],
      accountProgram: 'MPN',
    });
  });

  it('stores GUIDs in lower case and fills in empty lists', () => {
    const data: DirectoryFile = {
      organizations: [{ tenantId: CONTOSO.toUpperCase(), name: 'Contoso', partnerId: '4711001' }],
      users: [{ aadObjectId: 'ABCDEF00-0000-4000-8000-000000000001', tenantId: CONTOSO.toUpperCase(), name: 'Up' }],
    };
    const { document } = mergeIntoDocument(data, emptyDocument(), NOW);
    expect(document.organizations).to.deep.equal([{ tenantId: CONTOSO, name: 'Contoso', partnerId: '4711001', memberships: [], benefits: [] }]);
    expect(document.users[0]).to.deep.include({ aadObjectId: 'abcdef00-0000-4000-8000-000000000001', tenantId: CONTOSO });
  });

  it('accepts users of organizations stored earlier, and refuses a partner id another stored tenant has', async () => {
    const first = (await imported(await fixture('example'))).document;
    const ok = await importIntoDocument({ organizations: [], users: [{ aadObjectId: '9a1e0c4b-2d3f-4e5a-8b6c-7d8e9f0a1b07', tenantId: FOURTH_COFFEE, name: 'Nils' }] }, first, NOW);
    expect(ok.ok).to.equal(true);
    const file = { organizations: [{ tenantId: NORTHWIND, name: 'Northwind', partnerId: '4711002' }] };
    const result = await importIntoDocument(file, first, NOW);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).to.deep.equal(['$.organizations[0].partnerId']);
  });
});

describe('parseImportText', () => {
  const cases: [what: string, text: string, message: string][] = [
    ['a missing property name', '{\n  "organizations": [\n    { "a": 1, }\n  ]\n}', 'is not valid JSON: Expected double-quoted property name (line 3, column 15)'],
    ['a broken literal', '{\n  "organizations": [\n    { "a": tru }\n  ]\n}', "is not valid JSON: Unexpected token ' ' (line 3, column 15)"],
    ['a trailing comma in a list', '{"organizations": [1,]}', "is not valid JSON: Unexpected token ']' (line 1, column 22)"],
    ['a truncated file', '{"organizations": [', 'is not valid JSON: Unexpected end of JSON input (line 1, column 20)'],
    ['an empty file', '  \n', 'is not valid JSON: Unexpected end of JSON input (the file is empty)'],
  ];
  for (const [what, text, message] of cases) {
    it(`locates ${what}`, () => {
      expect(parseImportText(text)).to.deep.equal({ ok: false, problems: [{ path: '$', message }] });
    });
  }

  it('parses a file with a byte-order mark', () => {
    expect(parseImportText('\uFEFF{"organizations": []}')).to.deep.equal({ ok: true, json: { organizations: [] } });
  });
});

describe('importDirectoryFile', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-importfile-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a file into a data directory, also while a bot server holds it, and releases the import lock', async () => {
    const dataDir = join(dir, 'data');
    const server = await openDataDir(dataDir, { watch: false });
    try {
      const result = await importDirectoryFile(new URL('directory.example.json', FIXTURES).pathname, dataDir);
      expect(result).to.deep.equal({ ok: true, summary: { organizations: 3, users: 6, benefits: 2 } });
      expect(await server.directory.reload()).to.deep.include({ status: 'loaded', organizations: 3, users: 6 });
      expect(server.directory.current().organization(WOODGROVE)!.name).to.equal('Woodgrove Software');
    } finally {
      await server.close();
    }
    expect(await readFile(join(dataDir, 'import.lock')).catch(() => 'released')).to.equal('released');
  });

  it('throws ImportFileError for a missing file, and LockedError while another import runs', async () => {
    const missing = join(dir, 'missing.json');
    const error = await importDirectoryFile(missing, join(dir, 'data')).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ImportFileError);
    expect((error as Error).message).to.equal(`Cannot read ${missing}: no such file`);

    const file = join(dir, 'ok.json');
    await writeFile(file, '{"organizations": []}');
    await importDirectoryFile(file, join(dir, 'data'));
    const release = await acquireLock(join(dir, 'data', 'import.lock'), 'An import');
    const before = await readDocumentData(join(dir, 'data', 'directory.json'));
    const locked = await importDirectoryFile(file, join(dir, 'data')).catch((e: unknown) => e);
    expect(locked).to.be.instanceOf(LockedError);
    expect((locked as Error).message).to.match(/^An import \(process \d+, since .+\) holds .*import\.lock\.$/);
    expect(await readDocumentData(join(dir, 'data', 'directory.json'))).to.deep.equal(before);
    await release();
  });

  it('returns the JSON syntax problem without touching the data directory', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{"organizations": [}');
    const dataDir = join(dir, 'data');
    const result = await importDirectoryFile(file, dataDir);
    expect(result).to.deep.equal({
      ok: false,
      problems: [{ path: '$', message: "is not valid JSON: Unexpected token '}' (line 1, column 20)" }],
    });
    const created = await readFile(join(dataDir, 'directory.json')).then(
      () => true,
      () => false,
    );
    expect(created).to.equal(false);
  });
});
