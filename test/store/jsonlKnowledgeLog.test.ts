import { expect } from 'chai';
import { access, appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cleanQuestion,
  JsonlKnowledgeLog,
  knowledgeEventProblems,
} from '../../src/store/jsonl/jsonlKnowledgeLog.js';
import { openDataDir } from '../../src/store/dataDir.js';
import { InvalidKnowledgeEventError, type KnowledgeEvent } from '../../src/store/types.js';
import * as store from '../../src/store/index.js';
import { asked, feedback, INVALID_KNOWLEDGE_EVENTS, unanswered } from './logContract.js';

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

describe('JsonlKnowledgeLog', () => {
  let dir: string;
  let file: string;
  let log: JsonlKnowledgeLog;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'psb-knowledge-'));
    file = join(dir, 'knowledge.jsonl');
    log = new JsonlKnowledgeLog(file);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = async () => (await readFile(file, 'utf8')).split('\n');

  it('appends one JSON line per event, fields in a fixed order, unknown fields dropped', async () => {
    await log.append({ via: 'choice', lang: 'de', entryId: 'silver', type: 'asked', at: '2026-11-24T10:00:00.000Z', user: 'not stored' } as KnowledgeEvent);
    await log.append({ suggested: ['gold', 'silver'], lang: 'en', question: 'Where is my invoice?', type: 'unanswered', at: '2026-11-24T10:01:00Z', aadObjectId: 'x' } as KnowledgeEvent);
    await log.append({ helpful: false, lang: 'en', entryId: 'gold', type: 'feedback', at: '2026-11-24T10:02:00Z' });
    expect(await lines()).to.deep.equal([
      '{"at":"2026-11-24T10:00:00.000Z","type":"asked","entryId":"silver","lang":"de","via":"choice"}',
      '{"at":"2026-11-24T10:01:00Z","type":"unanswered","question":"Where is my invoice?","lang":"en","suggested":["gold","silver"]}',
      '{"at":"2026-11-24T10:02:00Z","type":"feedback","entryId":"gold","lang":"en","helpful":false}',
      '',
    ]);
    expect(await log.list()).to.deep.equal([
      { at: '2026-11-24T10:00:00.000Z', type: 'asked', entryId: 'silver', lang: 'de', via: 'choice' },
      { at: '2026-11-24T10:01:00Z', type: 'unanswered', question: 'Where is my invoice?', lang: 'en', suggested: ['gold', 'silver'] },
      { at: '2026-11-24T10:02:00Z', type: 'feedback', entryId: 'gold', lang: 'en', helpful: false },
    ]);
    expect(log.lastSkipped).to.equal(0);
  });

  it('cleanQuestion never splits a surrogate pair and keeps short questions as they are', () => {
    expect(cleanQuestion('Who may activate?')).to.equal('Who may activate?');
    expect(cleanQuestion('😀'.repeat(400))).to.equal('😀'.repeat(300));
    expect(cleanQuestion('\u0085a\u2028b\u2029c\u0085')).to.equal('a b c');
  });

  // Appending them is the log contract's (logContract.ts, run against this log too); here the validator itself.
  it('knowledgeEventProblems lists every problem of an invalid event, one each', () => {
    for (const [what, value, mentions] of INVALID_KNOWLEDGE_EVENTS) expect(knowledgeEventProblems(value), what).to.have.length(mentions.length);
  });

  it('accepts every valid shape', () => {
    for (const via of ['text', 'choice', 'followUp'] as const) {
      expect(knowledgeEventProblems(asked('2026-11-01', 'a-1', { via }))).to.deep.equal([]);
    }
    expect(knowledgeEventProblems(feedback('2026-11-01T10:00:00+01:00', true))).to.deep.equal([]);
    expect(knowledgeEventProblems(unanswered('2026-11-01T10:00:00Z', 'x'.repeat(1000), ['a']))).to.deep.equal([]);
  });

  it('lists nothing, and creates nothing, when the file does not exist or an append was rejected', async () => {
    expect(await log.list()).to.deep.equal([]);
    expect(await log.list({ since: '2026-11-01' })).to.deep.equal([]);
    expect(log.lastSkipped).to.equal(0);
    for (const [what, value] of INVALID_KNOWLEDGE_EVENTS) {
      expect(await log.append(value as KnowledgeEvent).catch((e: unknown) => e), what).to.be.instanceOf(InvalidKnowledgeEventError);
    }
    expect(await exists(file)).to.equal(false);
  });

  it('skips and counts corrupt lines without rewriting the file; appends after a torn last line start a new line', async () => {
    await log.append(asked('2026-11-01T00:00:00Z', 'first'));
    await appendFile(
      file,
      'not json at all\n{"at":"2026-11-01T00:00:01Z","type":"asked","lang":"en","via":"text"}\n\n[1,2]\n',
    );
    await log.append(asked('2026-11-01T00:00:02Z', 'second'));
    await appendFile(file, '{"at":"2026-11-01T00:00:03Z","type":"ask'); // a crash mid-append
    const before = await readFile(file);

    // A fresh instance, as after a restart, must notice the missing newline.
    const reopened = new JsonlKnowledgeLog(file);
    await reopened.append(asked('2026-11-01T00:00:04Z', 'third'));
    await reopened.append(feedback('2026-11-01T00:00:05Z', true, 'fourth'));

    const after = await readFile(file);
    expect(after.subarray(0, before.length).equals(before)).to.equal(true);
    expect(after.subarray(before.length).toString('utf8').startsWith('\n{"at":"2026-11-01T00:00:04Z"')).to.equal(true);
    const events = await reopened.list();
    expect(events.map((e) => (e.type === 'unanswered' ? e.question : e.entryId))).to.deep.equal(['first', 'second', 'third', 'fourth']);
    expect(reopened.lastSkipped).to.equal(4);
    expect(await reopened.scan()).to.deep.equal({ events, skipped: 4 });
    expect(await readFile(file)).to.deep.equal(after);
  });

  it('appends to a file that does not end in a newline (written elsewhere) on a new line', async () => {
    await writeFile(file, '{"at":"2026-11-01T00:00:00Z","type":"asked","entryId":"gold","lang":"en","via":"text"}');
    await log.append(asked('2026-11-01T00:00:01Z', 'silver'));
    expect(await lines()).to.deep.equal([
      '{"at":"2026-11-01T00:00:00Z","type":"asked","entryId":"gold","lang":"en","via":"text"}',
      '{"at":"2026-11-01T00:00:01Z","type":"asked","entryId":"silver","lang":"en","via":"text"}',
      '',
    ]);
    expect((await log.list()).map((e) => (e.type === 'asked' ? e.entryId : ''))).to.deep.equal(['gold', 'silver']);
    expect(log.lastSkipped).to.equal(0);
  });

  it('cleans a question read from a hand-edited line', async () => {
    await writeFile(file, `${JSON.stringify({ at: '2026-11-01T00:00:00Z', type: 'unanswered', question: 'a\u0000b\nc', lang: 'en', suggested: [] })}\n`);
    expect(await log.list()).to.deep.equal([{ at: '2026-11-01T00:00:00Z', type: 'unanswered', question: 'ab c', lang: 'en', suggested: [] }]);
  });


});

describe('openDataDir: the knowledge log', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'psb-knowledge-dir-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is knowledge.jsonl in the data directory, flushed on close, and exported from the store', async () => {
    expect(store.DATA_FILES.knowledge).to.equal('knowledge.jsonl');
    expect(store.JsonlKnowledgeLog).to.equal(JsonlKnowledgeLog);
    expect(store.knowledgeEventProblems).to.equal(knowledgeEventProblems);
    const stores = await openDataDir(root);
    expect(stores.knowledge).to.be.instanceOf(JsonlKnowledgeLog);
    expect(stores.knowledge.file).to.equal(join(root, 'knowledge.jsonl'));
    void stores.knowledge.append(asked('2026-11-01T00:00:00Z', 'unawaited'));
    await stores.close();
    expect(await readFile(join(root, 'knowledge.jsonl'), 'utf8')).to.contain('"unawaited"');

    const reopened = await openDataDir(root);
    try {
      expect(await reopened.knowledge.list()).to.deep.equal([asked('2026-11-01T00:00:00Z', 'unawaited')]);
    } finally {
      await reopened.close();
    }
  });
});
