import { expect } from 'chai';
import {
  formatReportCsv,
  formatReportJson,
  formatReportText,
  knowledgeReport,
  questionKey,
  REPORT_CSV_HEADER,
  UNKNOWN_ENTRY_TITLE,
  type ReportEntry,
} from '../../src/knowledge/report.js';
import type { KnowledgeEvent } from '../../src/store/types.js';

const entries: ReportEntry[] = [
  { id: 'who-may-activate', title: { en: 'Who may activate the benefits?', de: 'Wer darf die Vorteile aktivieren?' } },
  { id: 'silver', title: { en: 'What does Silver give?', de: 'Was bringt Silver?' } },
  { id: 'gold', title: { en: 'What does Gold give?', de: 'Was bringt Gold?' } },
  { id: 'advanced', title: { en: 'What is Advanced Support?', de: 'Was ist Advanced Support?' } },
];

const asked = (at: string, entryId: string, lang: 'en' | 'de' = 'en'): KnowledgeEvent => ({ at, type: 'asked', entryId, lang, via: 'text' });
const fb = (at: string, entryId: string, helpful: boolean): KnowledgeEvent => ({ at, type: 'feedback', entryId, lang: 'en', helpful });
const un = (at: string, question: string, suggested: string[] = [], lang: 'en' | 'de' = 'en'): KnowledgeEvent => ({
  at,
  type: 'unanswered',
  question,
  lang,
  suggested,
});

const events: KnowledgeEvent[] = [
  asked('2026-10-30T08:00:00.000Z', 'gold'),
  fb('2026-10-30T08:01:00.000Z', 'gold', false),
  asked('2026-11-01T09:00:00.000Z', 'silver'),
  fb('2026-11-01T09:01:00.000Z', 'silver', true),
  asked('2026-11-01T10:00:00.000Z', 'silver', 'de'),
  fb('2026-11-01T10:01:00.000Z', 'silver', true),
  asked('2026-11-01T11:00:00.000Z', 'silver'),
  fb('2026-11-01T11:01:00.000Z', 'silver', false),
  asked('2026-11-02T09:00:00.000Z', 'gold'),
  asked('2026-11-02T09:30:00.000Z', 'who-may-activate'),
  un('2026-10-29T12:00:00.000Z', 'Where is my invoice?'),
  un('2026-11-01T12:00:00.000Z', 'How do I reset my password?', ['silver']),
  un('2026-11-02T12:00:00.000Z', 'how do i reset my password', []),
  un('2026-11-03T12:00:00.000Z', '  HOW do I   reset my password!!', ['gold', 'silver']),
  un('2026-11-03T13:00:00.000Z', 'Wo ist meine Rechnung?', ['gold'], 'de'),
  un('2026-11-03T14:00:00.000Z', 'where is my invoice', []),
];

describe('knowledgeReport', () => {
  it('counts asks and feedback per entry, lists every entry, most asked first then by id', () => {
    const report = knowledgeReport(events, entries);
    expect(report.entries).to.deep.equal([
      { id: 'silver', title: 'What does Silver give?', asks: 3, helpful: 2, notHelpful: 1, helpfulPercent: 67 },
      { id: 'gold', title: 'What does Gold give?', asks: 2, helpful: 0, notHelpful: 1, helpfulPercent: 0 },
      { id: 'who-may-activate', title: 'Who may activate the benefits?', asks: 1, helpful: 0, notHelpful: 0, helpfulPercent: null },
      { id: 'advanced', title: 'What is Advanced Support?', asks: 0, helpful: 0, notHelpful: 0, helpfulPercent: null },
    ]);
  });

  it('groups unanswered questions ignoring case, whitespace and punctuation, most frequent first', () => {
    const report = knowledgeReport(events, entries);
    expect(report.unanswered).to.deep.equal([
      // Three wordings once each: the latest wording stands for the group; suggestions most offered first.
      { question: 'HOW do I reset my password!!', count: 3, lastAt: '2026-11-03T12:00:00.000Z', suggested: ['silver', 'gold'] },
      { question: 'where is my invoice', count: 2, lastAt: '2026-11-03T14:00:00.000Z', suggested: [] },
      { question: 'Wo ist meine Rechnung?', count: 1, lastAt: '2026-11-03T13:00:00.000Z', suggested: ['gold'] },
    ]);
  });

  it('names a group by its most frequent wording', () => {
    const report = knowledgeReport(
      [un('2026-11-01T00:00:00Z', 'Who is my partner admin?'), un('2026-11-02T00:00:00Z', 'who is my partner admin'), un('2026-11-03T00:00:00Z', 'Who is my partner admin?')],
      entries,
    );
    expect(report.unanswered).to.deep.equal([
      { question: 'Who is my partner admin?', count: 3, lastAt: '2026-11-03T00:00:00Z', suggested: [] },
    ]);
  });

  it("shows a partner's question to the operator as text: no bidi controls, no live link", () => {
    const report = knowledgeReport([un('2026-11-01T00:00:00Z', 'see [here](https://evil.example/x) \u202Efdp.exe')], entries);
    expect(report.unanswered.map((q) => q.question)).to.deep.equal(['see here (https(:)//evil(.)example/x) fdp.exe']);
  });

  it('keeps the top N groups (default 20), ties broken by the latest', () => {
    const many = Array.from({ length: 25 }, (_, i) => un(`2026-11-01T00:${String(i).padStart(2, '0')}:00Z`, `question ${i}`));
    const byDefault = knowledgeReport(many, entries);
    expect(byDefault.unanswered).to.have.length(20);
    expect(byDefault.unanswered[0]!.question).to.equal('question 24');
    expect(byDefault.totals.distinctUnanswered).to.equal(25);
    expect(knowledgeReport(many, entries, { top: 2 }).unanswered.map((q) => q.question)).to.deep.equal(['question 24', 'question 23']);
    expect(knowledgeReport(many, entries, { top: 0 }).unanswered).to.deep.equal([]);
  });

  it('computes totals', () => {
    expect(knowledgeReport(events, entries).totals).to.deep.equal({
      since: null,
      language: null,
      entriesInAll: 4,
      events: 16,
      asks: 6,
      helpful: 2,
      notHelpful: 2,
      helpfulPercent: 50,
      unanswered: 6,
      distinctUnanswered: 3,
      firstAt: '2026-10-29T12:00:00.000Z',
      lastAt: '2026-11-03T14:00:00.000Z',
    });
  });

  it('counts only events at or after `since`', () => {
    const report = knowledgeReport(events, entries, { since: '2026-11-01' });
    expect(report.entries.map((e) => [e.id, e.asks, e.helpful, e.notHelpful])).to.deep.equal([
      ['silver', 3, 2, 1],
      ['gold', 1, 0, 0],
      ['who-may-activate', 1, 0, 0],
      ['advanced', 0, 0, 0],
    ]);
    expect(report.unanswered.map((q) => [q.question, q.count])).to.deep.equal([
      ['HOW do I reset my password!!', 3],
      ['where is my invoice', 1],
      ['Wo ist meine Rechnung?', 1],
    ]);
    expect(report.totals).to.include({ since: '2026-11-01', events: 13, asks: 5, unanswered: 5, firstAt: '2026-11-01T09:00:00.000Z' });
    expect(knowledgeReport(events, entries, { since: '2026-11-03T13:00:00+00:00' }).totals.events).to.equal(2);
  });

  it('titles entries in the chosen language and keeps ids no longer in the knowledge base', () => {
    const report = knowledgeReport([...events, asked('2026-11-04T00:00:00Z', 'retired-entry')], entries, { lang: 'de' });
    expect(report.entries.find((e) => e.id === 'silver')!.title).to.equal('Was bringt Silver?');
    expect(report.entries.find((e) => e.id === 'retired-entry')).to.deep.equal({
      id: 'retired-entry',
      title: UNKNOWN_ENTRY_TITLE,
      asks: 1,
      helpful: 0,
      notHelpful: 0,
      helpfulPercent: null,
    });
  });

  it('reports every entry with zeros when nothing happened', () => {
    const report = knowledgeReport([], entries);
    expect(report.entries.map((e) => e.id)).to.deep.equal(['advanced', 'gold', 'silver', 'who-may-activate']);
    expect(report.unanswered).to.deep.equal([]);
    expect(report.totals).to.include({ events: 0, asks: 0, helpfulPercent: null, firstAt: null, lastAt: null });
  });

  it('rejects a bad since or top', () => {
    expect(() => knowledgeReport(events, entries, { since: 'yesterday' })).to.throw(RangeError, 'Invalid "since" "yesterday"');
    expect(() => knowledgeReport(events, entries, { top: -1 })).to.throw(RangeError, 'Invalid "top"');
    expect(() => knowledgeReport(events, entries, { top: 1.5 })).to.throw(RangeError, 'Invalid "top"');
  });

  it('questionKey ignores case, whitespace and punctuation', () => {
    expect(questionKey(' Who  may\tactivate?! ')).to.equal(questionKey('who may activate'));
    expect(questionKey("What's a support-plan?")).to.equal(questionKey('whats a support plan'));
    expect(questionKey('ÄNDERN')).to.equal(questionKey('ändern'));
    expect(questionKey('who may activate')).to.not.equal(questionKey('who may deactivate'));
  });
});

describe('report formatting', () => {
  const report = knowledgeReport(events, entries, { since: '2026-11-01', top: 2 });

  it('formats text with the entries table and the most frequent unanswered questions', () => {
    expect(formatReportText(report, { source: 'data/knowledge.jsonl' })).to.equal(
      [
        'Knowledge-base report (from data/knowledge.jsonl, since 2026-11-01)',
        '5 answers shown, 3 feedback (67% helpful), 5 unanswered questions (3 distinct)',
        'Events from 2026-11-01 09:00 to 2026-11-03 14:00',
        '',
        'Entries (most asked first)',
        '  ID                Title                           Asks  Helpful  Yes  No',
        '  silver            What does Silver give?             3      67%    2   1',
        '  gold              What does Gold give?               1        -    0   0',
        '  who-may-activate  Who may activate the benefits?     1        -    0   0',
        '  advanced          What is Advanced Support?          0        -    0   0',
        '',
        'Most frequent unanswered questions',
        '  Count  Last asked        Question',
        '      3  2026-11-03 12:00  HOW do I reset my password!!',
        '                           offered: silver, gold',
        '      1  2026-11-03 14:00  where is my invoice',
        '  (2 of 3 shown)',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are no unanswered questions', () => {
    const text = formatReportText(knowledgeReport([asked('2026-11-01T00:00:00Z', 'gold')], entries));
    expect(text).to.contain('1 answer shown, 0 feedback (none yet), 0 unanswered questions (0 distinct)');
    expect(text).to.match(/Most frequent unanswered questions\n {2}\(none\)\n$/);
  });

  it('formats CSV as one table with a kind column', () => {
    expect(formatReportCsv(report)).to.equal(
      `${REPORT_CSV_HEADER.join(',')}\n` +
        'entry,silver,What does Silver give?,3,2,1,67,,,,\n' +
        'entry,gold,What does Gold give?,1,0,0,,,,,\n' +
        'entry,who-may-activate,Who may activate the benefits?,1,0,0,,,,,\n' +
        'entry,advanced,What is Advanced Support?,0,0,0,,,,,\n' +
        'unanswered,,,,,,,HOW do I reset my password!!,3,2026-11-03T12:00:00.000Z,silver gold\n' +
        'unanswered,,,,,,,where is my invoice,1,2026-11-03T14:00:00.000Z,\n',
    );
  });

  it('guards CSV fields against formula injection and quotes per RFC 4180', () => {
    const csv = formatReportCsv(knowledgeReport([un('2026-11-01T00:00:00Z', '=cmd|"/c calc"!A1, now')], entries));
    expect(csv).to.contain(`unanswered,,,,,,,"'=cmd|""/c calc""!A1, now",1,2026-11-01T00:00:00Z,\n`);
  });

  it('formats JSON as the report object', () => {
    expect(JSON.parse(formatReportJson(report))).to.deep.equal(report);
    expect(formatReportJson(report).endsWith('}\n')).to.equal(true);
  });
});
