/** The recent questions a case card carries (issue 14): what is kept, for how long, and how it is cut. */
import { expect } from 'chai';
import { flowOf, freshQuestions, isQuestion, KEEP, MAX_CHARS, TTL_MS, withQuestion, type RecentQuestion } from '../../src/dialogs/recentQuestions.js';

const NOW = new Date('2026-11-24T10:00:00Z');

describe('dialogs/recentQuestions', () => {
  it(`keeps the last ${KEEP}, oldest first`, () => {
    let kept: RecentQuestion[] = [];
    for (const q of ['one?', 'two?', 'three?', 'four?']) kept = withQuestion(kept, q, 'knowledge', NOW);
    expect(kept.map((q) => q.text)).to.deep.equal(['two?', 'three?', 'four?']);
  });

  it('forgets questions older than a day', () => {
    const old = withQuestion([], 'yesterday?', 'balance', new Date(NOW.getTime() - TTL_MS - 1));
    const kept = withQuestion(old, 'today?', 'balance', NOW);
    expect(freshQuestions(kept, NOW).map((q) => q.text)).to.deep.equal(['today?']);
  });

  it('neutralises the text (links, bidi controls) and cuts a long one at words', () => {
    const [q] = withQuestion([], 'see https://evil.example/x \u202eand [this](https://b.example)', 'knowledge', NOW);
    expect(q!.text).to.match(/^see https.+evil.+example\/x and this \(https.+b.+example\)$/);
    expect(q!.text, 'no address a client would link').to.not.match(/https:\/\/|evil\.example|b\.example/);
    expect(q!.text).to.not.contain('\u202e');
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const [cut] = withQuestion([], long, 'knowledge', NOW);
    expect(cut!.text.length).to.be.at.most(MAX_CHARS + 3);
    expect(cut!.text).to.match(/^word0 word1 .* … .* word79$/);
    for (const w of cut!.text.split(' ').filter((x) => x !== '…')) expect(w).to.match(/^word\d+$/);
  });

  it('commands, answers to the bot and requests for a person are no questions', () => {
    for (const request of ['escalate', 'help', 'cancel', 'confirmYes', 'choice', 'setHelpdeskChannel']) expect(isQuestion(request), request).to.equal(false);
    for (const request of ['knowledge', 'balance', 'activate', 'alreadyAssociated', 'none']) expect(isQuestion(request), request).to.equal(true);
  });

  it('the flow: the interrupted one first, then the last question\'s, else straight to a person', () => {
    const asked = withQuestion([], 'how many left?', 'balance', NOW);
    expect(flowOf('activationDialog', asked)).to.equal('activate');
    expect(flowOf('recordIncidentDialog', asked)).to.equal('recordIncident');
    expect(flowOf(undefined, asked)).to.equal('balance');
    expect(flowOf(undefined, [])).to.equal('escalation');
  });
});
