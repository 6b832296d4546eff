/**
 * The contracts of the append-only logs ({@link AuditLog}, {@link KnowledgeLog}), run against every
 * implementation: the JSON Lines files of one machine and the logs on entity tables (the in-memory
 * twin, Azure Table Storage on Azurite). What only a file can show (line layout, torn lines) stays
 * in the JSON Lines tests.
 */
import { expect } from 'chai';
import { MAX_QUESTION_LENGTH } from '../../src/store/jsonl/jsonlKnowledgeLog.js';
import {
  InvalidAuditEntryError,
  InvalidKnowledgeEventError,
  type AuditEntry,
  type AuditLog,
  type KnowledgeEvent,
  type KnowledgeLog,
} from '../../src/store/types.js';

export interface LogUnderTest<L> {
  log: L & { flush(): Promise<void> };
  /** Another instance on the same storage (a second bot instance, or a restart). */
  another(): L & { flush(): Promise<void> };
  /** How many records are stored (0: nothing, not even an empty file or table row). */
  stored(): Promise<number>;
  dispose(): Promise<void>;
}

export interface LogContractOptions {
  /** How many entries the "newest limit over many" case appends (fewer where every append is a request). */
  many?: number;
}

const CONTOSO = '6f0e1a52-3c1d-4e7b-9a40-2b8d5c7e9f01';
const WOODGROVE = '0b7c9e24-8d3f-4a55-b1e2-7c4d6a9f3e12';
const alice = { aadObjectId: 'a1', name: 'Alice' };

const entry = (at: string, action: string, more: Partial<AuditEntry> = {}): AuditEntry => ({ at, actor: alice, action, ...more });

/** Runs `count` appends in call order, at most `width` in flight. */
async function appendMany<T>(count: number, append: (i: number) => Promise<T>, width = 50): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < count; i += 1) {
    const p = append(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= width) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

/** Invalid audit entries: what each is, the entry, what the error names. */
export const INVALID_AUDIT_ENTRIES: [string, unknown, string][] = [
  ['without at', { actor: alice, action: 'x' }, '"at"'],
  ['with an at that is not a timestamp', { at: 'yesterday', actor: alice, action: 'x' }, '"at"'],
  ['with an impossible date', { at: '2026-02-30T00:00:00Z', actor: alice, action: 'x' }, '"at"'],
  ['without actor', { at: '2026-11-01T00:00:00Z', action: 'x' }, '"actor"'],
  ['with an actor without aadObjectId', { at: '2026-11-01T00:00:00Z', actor: { name: 'A' }, action: 'x' }, '"actor"'],
  ['without action', { at: '2026-11-01T00:00:00Z', actor: alice }, '"action"'],
  ['with an empty action', { at: '2026-11-01T00:00:00Z', actor: alice, action: ' ' }, '"action"'],
  ['with nested details', { at: '2026-11-01T00:00:00Z', actor: alice, action: 'x', details: { a: { b: 1 } } }, '"details"'],
  ['with a numeric tenantId', { at: '2026-11-01T00:00:00Z', actor: alice, action: 'x', tenantId: 7 }, '"tenantId"'],
  ['that is not an object', null, 'not an object'],
];

export function auditLogContract(name: string, open: () => Promise<LogUnderTest<AuditLog>>, options: LogContractOptions = {}): void {
  describe(`AuditLog contract: ${name}`, function () {
    this.timeout(60_000);
    let opened: LogUnderTest<AuditLog>;
    let log: AuditLog & { flush(): Promise<void> };
    beforeEach(async () => {
      opened = await open();
      log = opened.log;
    });
    afterEach(() => opened.dispose());

    it('lists what was appended, as valid entries with nothing but their fields', async () => {
      await log.append({
        action: 'case.created',
        details: { caseId: 'C-000001', urgent: true, minutes: 30, text: 'one\ntwo\r\nthree\u2028four', name: 'Jürgen Groß 😀' },
        partnerId: '4711001',
        tenantId: CONTOSO,
        actor: { name: 'Älice', aadObjectId: 'a1', extra: 'x' } as AuditEntry['actor'],
        at: '2026-11-24T10:00:00.000Z',
        secret: 'not stored',
      } as AuditEntry);
      await log.append(entry('2026-11-24T10:05:00.000Z', 'activation'));
      expect(await log.list()).to.deep.equal([
        {
          at: '2026-11-24T10:00:00.000Z',
          actor: { aadObjectId: 'a1', name: 'Älice' },
          tenantId: CONTOSO,
          partnerId: '4711001',
          action: 'case.created',
          details: { caseId: 'C-000001', urgent: true, minutes: 30, text: 'one\ntwo\r\nthree\u2028four', name: 'Jürgen Groß 😀' },
        },
        entry('2026-11-24T10:05:00.000Z', 'activation'),
      ]);
    });

    it('rejects an invalid entry with InvalidAuditEntryError naming the field, and writes nothing', async () => {
      for (const [what, value, mentions] of INVALID_AUDIT_ENTRIES) {
        const error = await log.append(value as AuditEntry).catch((e: unknown) => e);
        expect(error, what).to.be.instanceOf(InvalidAuditEntryError);
        expect((error as Error).message, what).to.contain(mentions).and.contain('Nothing was written');
      }
      expect(await opened.stored()).to.equal(0);
      expect(await log.list()).to.deep.equal([]);
    });

    it('lists nothing, and stores nothing, when nothing was appended', async () => {
      expect(await log.list()).to.deep.equal([]);
      expect(await log.list({ tenantId: CONTOSO, since: '2026-01-01', limit: 3 })).to.deep.equal([]);
      expect(await log.list({ partnerId: '4711001' })).to.deep.equal([]);
      expect(await opened.stored()).to.equal(0);
    });

    describe('list filters', () => {
      const entries = [
        entry('2026-10-31T23:59:59.999Z', 'e1', { tenantId: CONTOSO, partnerId: 'P1' }),
        entry('2026-11-01T00:00:00.000Z', 'e2', { tenantId: WOODGROVE, partnerId: 'P2' }),
        entry('2026-11-01T12:00:00.000Z', 'e3', { tenantId: CONTOSO, partnerId: 'P1' }),
        entry('2026-11-02T00:00:00.000Z', 'e4'),
        entry('2026-11-03T00:00:00.000Z', 'e5', { tenantId: CONTOSO, partnerId: 'P1' }),
        // A partner named without a tenant, and a tenant without a partner id.
        entry('2026-11-04T00:00:00.000Z', 'e6', { partnerId: 'P1' }),
        entry('2026-11-05T00:00:00.000Z', 'e7', { tenantId: WOODGROVE }),
      ];
      beforeEach(async () => {
        for (const e of entries) await log.append(e);
      });

      const cases: [string, Parameters<AuditLog['list']>[0], string[]][] = [
        ['no filter: all, oldest first', {}, ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']],
        ['since a date: from its midnight UTC, inclusive', { since: '2026-11-01' }, ['e2', 'e3', 'e4', 'e5', 'e6', 'e7']],
        ['since a timestamp, inclusive', { since: '2026-11-01T12:00:00Z' }, ['e3', 'e4', 'e5', 'e6', 'e7']],
        ['since a timestamp with an offset', { since: '2026-11-01T13:00:00+01:00' }, ['e3', 'e4', 'e5', 'e6', 'e7']],
        ['since after everything', { since: '2027-01-01' }, []],
        ['tenantId', { tenantId: CONTOSO }, ['e1', 'e3', 'e5']],
        ['tenantId is compared exactly', { tenantId: CONTOSO.toUpperCase() }, []],
        ['partnerId, with and without a tenant', { partnerId: 'P1' }, ['e1', 'e3', 'e5', 'e6']],
        ['partnerId of one entry', { partnerId: 'P2' }, ['e2']],
        ['an unknown partnerId', { partnerId: 'P9' }, []],
        ['limit keeps the newest', { limit: 2 }, ['e6', 'e7']],
        ['limit with a partnerId', { partnerId: 'P1', limit: 2 }, ['e5', 'e6']],
        ['limit with a tenantId', { tenantId: WOODGROVE, limit: 1 }, ['e7']],
        ['limit larger than the log', { limit: 50 }, ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']],
        ['limit 0', { limit: 0 }, []],
        ['all together', { since: '2026-11-01', tenantId: CONTOSO, partnerId: 'P1', limit: 1 }, ['e5']],
        ['partner and since', { since: '2026-11-01T12:00:00Z', partnerId: 'P1' }, ['e3', 'e5', 'e6']],
      ];
      for (const [what, filter, expected] of cases) {
        it(what, async () => {
          expect((await log.list(filter)).map((e) => e.action)).to.deep.equal(expected);
        });
      }

      const badFilters: [string, Parameters<AuditLog['list']>[0], string][] = [
        ['a since that is not a date', { since: 'last week' }, 'Invalid "since" "last week"'],
        ['a since that is an impossible date', { since: '2026-02-30' }, 'Invalid "since"'],
        ['a negative limit', { limit: -1 }, 'Invalid "limit" -1'],
        ['a fractional limit', { limit: 1.5 }, 'Invalid "limit" 1.5'],
      ];
      it('rejects a bad filter with a RangeError naming it', async () => {
        for (const [what, filter, message] of badFilters) {
          const error = await log.list(filter).catch((e: unknown) => e);
          expect(error, what).to.be.instanceOf(RangeError);
          expect((error as Error).message, what).to.contain(message);
        }
      });
    });

    it('keeps the newest `limit` over many entries of the same instant, in the order they were appended', async () => {
      const many = options.many ?? 1500;
      await appendMany(many, (i) => log.append(entry('2026-12-01T00:00:00Z', `bulk${i}`, i % 2 ? { tenantId: CONTOSO, partnerId: 'P1' } : {})));
      expect((await log.list({ limit: 3 })).map((e) => e.action)).to.deep.equal([`bulk${many - 3}`, `bulk${many - 2}`, `bulk${many - 1}`]);
      expect((await log.list({ partnerId: 'P1', limit: 2 })).map((e) => e.action)).to.deep.equal([`bulk${many - 3}`, `bulk${many - 1}`]);
      expect(await log.list()).to.have.length(many);
    });

    it('lists concurrent appends whole, in call order', async () => {
      const n = 300;
      const padding = 'x'.repeat(2000);
      await Promise.all(Array.from({ length: n }, (_, i) => log.append(entry('2026-11-01T00:00:00Z', `a${i}`, { details: { i, padding } }))));
      const listed = await log.list();
      expect(listed.map((e) => e.details!.i)).to.deep.equal(Array.from({ length: n }, (_, i) => i));
      expect(listed.every((e) => e.details!.padding === padding)).to.equal(true);
    });

    it('lists appends started before the call, even when not awaited; flush() waits for them', async () => {
      void log.append(entry('2026-11-01T00:00:00Z', 'unawaited'));
      expect((await log.list()).map((e) => e.action)).to.deep.equal(['unawaited']);
      void log.append(entry('2026-11-01T00:00:01Z', 'flushed'));
      await log.flush();
      expect((await opened.another().list()).map((e) => e.action)).to.deep.equal(['unawaited', 'flushed']);
    });

    it('two instances appending at once (two bot instances) lose nothing, and each lists what both wrote', async () => {
      const other = opened.another();
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => log.append(entry(`2026-11-01T00:00:${String(i).padStart(2, '0')}Z`, `one${i}`, { tenantId: CONTOSO, partnerId: 'P1' }))),
        ...Array.from({ length: 40 }, (_, i) => other.append(entry(`2026-11-01T00:00:${String(i).padStart(2, '0')}.500Z`, `two${i}`, { tenantId: CONTOSO, partnerId: 'P1' }))),
      ]);
      // Each instance's appends in their order; across instances, the order of the writes (a file)
      // or of `at` (a table): compared by `at` here.
      const byAt = (list: AuditEntry[]) => [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((e) => e.action);
      const expected = Array.from({ length: 40 }, (_, i) => [`one${i}`, `two${i}`]).flat();
      expect(byAt(await log.list())).to.deep.equal(expected);
      expect(byAt(await other.list({ partnerId: 'P1' }))).to.deep.equal(expected);
      expect(byAt(await other.list({ tenantId: CONTOSO, since: '2026-11-01T00:00:39Z' }))).to.deep.equal(['one39', 'two39']);
    });
  });
}

/** Knowledge events for tests: an answer asked for, a question without an answer, feedback. */
export const asked = (at: string, entryId = 'who-may-activate', more: Partial<Extract<KnowledgeEvent, { type: 'asked' }>> = {}): KnowledgeEvent => ({
  at,
  type: 'asked',
  entryId,
  lang: 'en',
  via: 'text',
  ...more,
});
export const unanswered = (at: string, question: string, suggested: string[] = []): KnowledgeEvent => ({ at, type: 'unanswered', question, lang: 'de', suggested });
export const feedback = (at: string, helpful: boolean, entryId = 'who-may-activate'): KnowledgeEvent => ({ at, type: 'feedback', entryId, lang: 'en', helpful });
const idOf = (e: KnowledgeEvent) => (e.type === 'unanswered' ? e.question : e.entryId);

/** Invalid knowledge events: what each is, the event, what the error names (every problem). */
export const INVALID_KNOWLEDGE_EVENTS: [string, unknown, string[]][] = [
  ['that is not an object', 'asked', ['not an object']],
  ['without at', { type: 'asked', entryId: 'gold', lang: 'en', via: 'text' }, ['"at"']],
  ['with an impossible date', asked('2026-02-30T00:00:00Z'), ['"at"']],
  ['with an unknown type', { at: '2026-11-01T00:00:00Z', type: 'shown', lang: 'en' }, ['"type"']],
  ['with an unknown lang', asked('2026-11-01T00:00:00Z', 'gold', { lang: 'fr' as 'en' }), ['"lang"']],
  ['with an entryId that is not kebab-case', asked('2026-11-01T00:00:00Z', 'Gold_Tier'), ['"entryId"']],
  ['with an entryId longer than 64', asked('2026-11-01T00:00:00Z', 'a'.repeat(65)), ['"entryId"']],
  ['with an unknown via', asked('2026-11-01T00:00:00Z', 'gold', { via: 'voice' as 'text' }), ['"via"']],
  ['feedback without helpful', { at: '2026-11-01T00:00:00Z', type: 'feedback', entryId: 'gold', lang: 'en' }, ['"helpful"']],
  ['unanswered without a question', { at: '2026-11-01T00:00:00Z', type: 'unanswered', lang: 'en', suggested: [] }, ['"question"']],
  ['unanswered with only control characters', unanswered('2026-11-01T00:00:00Z', '\u0000\r\n \t'), ['"question" must not be empty']],
  ['unanswered with a bad suggestion', unanswered('2026-11-01T00:00:00Z', 'q', ['ok', 'NOT OK']), ['"suggested"']],
  ['unanswered without suggested', { at: '2026-11-01T00:00:00Z', type: 'unanswered', question: 'q', lang: 'en' }, ['"suggested"']],
  ['with several problems', { at: 'yesterday', type: 'feedback', entryId: '', lang: 'it', helpful: 'yes' }, ['"at"', '"lang"', '"entryId"', '"helpful"']],
];

export function knowledgeLogContract(name: string, open: () => Promise<LogUnderTest<KnowledgeLog>>): void {
  describe(`KnowledgeLog contract: ${name}`, function () {
    this.timeout(60_000);
    let opened: LogUnderTest<KnowledgeLog>;
    let log: KnowledgeLog & { flush(): Promise<void> };
    beforeEach(async () => {
      opened = await open();
      log = opened.log;
    });
    afterEach(() => opened.dispose());

    it('lists what was appended, as valid events with nothing but their fields', async () => {
      await log.append({ via: 'choice', lang: 'de', entryId: 'silver', type: 'asked', at: '2026-11-24T10:00:00.000Z', user: 'not stored' } as KnowledgeEvent);
      await log.append({ suggested: ['gold', 'silver'], lang: 'en', question: 'Wo ist meine Rechnung für Größe?', type: 'unanswered', at: '2026-11-24T10:01:00Z', aadObjectId: 'x' } as KnowledgeEvent);
      await log.append({ helpful: false, lang: 'en', entryId: 'gold', type: 'feedback', at: '2026-11-24T10:02:00Z' });
      expect(await log.list()).to.deep.equal([
        { at: '2026-11-24T10:00:00.000Z', type: 'asked', entryId: 'silver', lang: 'de', via: 'choice' },
        { at: '2026-11-24T10:01:00Z', type: 'unanswered', question: 'Wo ist meine Rechnung für Größe?', lang: 'en', suggested: ['gold', 'silver'] },
        { at: '2026-11-24T10:02:00Z', type: 'feedback', entryId: 'gold', lang: 'en', helpful: false },
      ]);
    });

    it('stores a question without control characters, whitespace collapsed, cut to 300 characters', async () => {
      await log.append(unanswered('2026-11-01T00:00:00Z', ' Wo ist\r\nmeine\tRechnung\u0007?\u202e\u0000  '));
      await log.append(unanswered('2026-11-01T00:00:01Z', `${'ä'.repeat(MAX_QUESTION_LENGTH - 1)}😀😀😀`));
      const [first, second] = (await opened.another().list()) as Extract<KnowledgeEvent, { type: 'unanswered' }>[];
      expect(first!.question).to.equal('Wo ist meine Rechnung?');
      expect(second!.question).to.equal(`${'ä'.repeat(MAX_QUESTION_LENGTH - 1)}😀`);
    });

    it('rejects an invalid event with InvalidKnowledgeEventError listing every problem, and writes nothing', async () => {
      for (const [what, value, mentions] of INVALID_KNOWLEDGE_EVENTS) {
        const error = await log.append(value as KnowledgeEvent).catch((e: unknown) => e);
        expect(error, what).to.be.instanceOf(InvalidKnowledgeEventError);
        for (const mention of mentions) expect((error as Error).message, what).to.contain(mention);
        expect((error as Error).message, what).to.match(/^Invalid knowledge event: .*\. Nothing was written to the knowledge log\.$/s);
      }
      expect(await opened.stored()).to.equal(0);
    });

    it('lists nothing, and stores nothing, when nothing was appended', async () => {
      expect(await log.list()).to.deep.equal([]);
      expect(await log.list({ since: '2026-11-01' })).to.deep.equal([]);
      expect(await opened.stored()).to.equal(0);
    });

    describe('list({ since })', () => {
      const events = [
        asked('2026-10-30T08:00:00.000Z', 'e0'),
        asked('2026-10-31T23:59:59.999Z', 'e1'),
        asked('2026-11-01T00:00:00.000Z', 'e2'),
        unanswered('2026-11-01T12:00:00.000Z', 'e3'),
        feedback('2026-11-02T00:00:00.000Z', true, 'e4'),
        asked('2027-03-01T00:00:00.000Z', 'e5'),
      ];
      beforeEach(async () => {
        for (const e of events) await log.append(e);
      });

      const cases: [string, string | undefined, string[]][] = [
        ['no since: all, oldest first', undefined, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5']],
        ['a date: from its midnight UTC, inclusive', '2026-11-01', ['e2', 'e3', 'e4', 'e5']],
        ['a timestamp, inclusive', '2026-11-01T12:00:00Z', ['e3', 'e4', 'e5']],
        ['a timestamp with an offset', '2026-11-01T13:00:00+01:00', ['e3', 'e4', 'e5']],
        ['a timestamp late in a day', '2026-10-31T23:59:59.999Z', ['e1', 'e2', 'e3', 'e4', 'e5']],
        ['a day without events', '2026-12-15', ['e5']],
        ['after everything', '2028-01-01', []],
      ];
      for (const [what, since, expected] of cases) {
        it(what, async () => {
          expect((await log.list(since === undefined ? {} : { since })).map(idOf)).to.deep.equal(expected);
        });
      }

      it('rejects a since that is not a date', async () => {
        const error = await log.list({ since: 'last week' }).catch((e: unknown) => e);
        expect(error).to.be.instanceOf(RangeError);
        expect((error as Error).message).to.contain('Invalid "since" "last week"');
      });
    });

    it('lists concurrent appends whole, in call order', async () => {
      const n = 300;
      const padding = 'x'.repeat(285);
      const suggested = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(64, 'y'));
      await Promise.all(Array.from({ length: n }, (_, i) => log.append(unanswered('2026-11-01T00:00:00Z', `${i} ${padding}`, suggested))));
      const listed = (await log.list()) as Extract<KnowledgeEvent, { type: 'unanswered' }>[];
      expect(listed.map((e) => Number(e.question.split(' ')[0]))).to.deep.equal(Array.from({ length: n }, (_, i) => i));
      expect(listed.every((e) => e.suggested.length === 10)).to.equal(true);
    });

    it('lists appends started before the call, even when not awaited; flush() waits for them', async () => {
      void log.append(asked('2026-11-01T00:00:00Z', 'unawaited'));
      expect(await log.list()).to.deep.equal([asked('2026-11-01T00:00:00Z', 'unawaited')]);
      void log.append(asked('2026-11-01T00:00:01Z', 'flushed'));
      await log.flush();
      expect((await opened.another().list()).map(idOf)).to.deep.equal(['unawaited', 'flushed']);
    });

    it('two instances appending at once (two bot instances) lose nothing', async () => {
      const other = opened.another();
      await Promise.all([
        ...Array.from({ length: 40 }, (_, i) => log.append(asked(`2026-11-01T00:00:${String(i).padStart(2, '0')}Z`, `one-${i}`))),
        ...Array.from({ length: 40 }, (_, i) => other.append(asked(`2026-11-01T00:00:${String(i).padStart(2, '0')}.500Z`, `two-${i}`))),
      ]);
      const byAt = (list: KnowledgeEvent[]) => [...list].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map(idOf);
      const expected = Array.from({ length: 40 }, (_, i) => [`one-${i}`, `two-${i}`]).flat();
      expect(byAt(await log.list())).to.deep.equal(expected);
      expect(byAt(await other.list({ since: '2026-11-01T00:00:39Z' }))).to.deep.equal(['one-39', 'two-39']);
    });
  });
}
