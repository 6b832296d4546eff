/**
 * Held-out evaluation of the knowledge-base search: every labelled question of
 * evalQuestions.json goes through `match()`. Prints top-1/top-3 accuracy (overall, en, de), every
 * miss with the top 3 it got, and fails below the targets. The set's own shape is checked too,
 * including that no question is a copy of an entry phrasing (it would test nothing).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase, type KbLang, type KbMatch } from '../../src/knowledge/knowledgeBase.js';

interface EvalQuestion {
  readonly text: string;
  readonly lang: KbLang;
  readonly expect: string;
}
interface EvalSet {
  readonly questions: readonly EvalQuestion[];
  readonly offTopic: readonly { readonly text: string; readonly lang: KbLang }[];
}

/** Targets: share of questions whose expected entry is first / among the first 3. */
const MIN_TOP1 = 0.9;
const MIN_TOP3 = 0.98;
/** At most this share of labelled questions may be answered confidently with the wrong entry. */
const MAX_WRONG_CONFIDENT = 0.03;

const set = JSON.parse(readFileSync(new URL('./evalQuestions.json', import.meta.url), 'utf8')) as EvalSet;
const kb = loadKnowledgeBase();

const pct = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);
const top3 = (m: KbMatch) => m.hits.map((h) => `${h.entry.id} ${h.score.toFixed(3)}`).join(', ') || '(none)';

describe('knowledge: eval set', () => {
  describe('shape of the set', () => {
    it('has at least 150 labelled questions, at least half of them German', () => {
      expect(set.questions.length).to.be.at.least(150);
      const german = set.questions.filter((q) => q.lang === 'de').length;
      expect(german, `${german} German of ${set.questions.length}`).to.be.at.least(set.questions.length / 2);
    });

    it('has at least 30 off-topic questions', () => {
      expect(set.offTopic.length).to.be.at.least(30);
    });

    it('labels every question with a known entry id and a language', () => {
      const unknown = set.questions.filter((q) => kb.entry(q.expect) === undefined).map((q) => `${q.expect}: ${q.text}`);
      expect(unknown, 'unknown ids').to.deep.equal([]);
      const badLang = [...set.questions, ...set.offTopic].filter((q) => q.lang !== 'en' && q.lang !== 'de').map((q) => q.text);
      expect(badLang, 'bad lang').to.deep.equal([]);
    });

    it('is held out: no question equals an entry phrasing', () => {
      const key = (s: string) => s.trim().toLowerCase();
      const phrasings = new Set(kb.entries.flatMap((e) => [...e.phrasings.en, ...e.phrasings.de].map(key)));
      const copies = [...set.questions, ...set.offTopic].filter((q) => phrasings.has(key(q.text))).map((q) => q.text);
      expect(copies, 'questions copied from entries.json').to.deep.equal([]);
    });
  });

  describe('accuracy', () => {
    const results = set.questions.map((q) => {
      const match = kb.match(q.text);
      const ids = match.hits.map((h) => h.entry.id);
      return { q, match, top1: ids[0] === q.expect, top3: ids.slice(0, 3).includes(q.expect) };
    });
    const offTopic = set.offTopic.map((q) => ({ q, match: kb.match(q.text) }));
    const wrongConfident = results.filter((r) => r.match.confidence === 'answer' && !r.top1);
    const offAnswered = offTopic.filter((r) => r.match.confidence === 'answer');

    after(() => {
      const lines: string[] = ['', '  Knowledge-base eval:'];
      for (const lang of [undefined, 'en', 'de'] as const) {
        const rs = lang ? results.filter((r) => r.q.lang === lang) : results;
        const t1 = rs.filter((r) => r.top1).length;
        const t3 = rs.filter((r) => r.top3).length;
        lines.push(`    ${(lang ?? 'all').padEnd(3)} n=${String(rs.length).padStart(3)}  top-1 ${pct(t1, rs.length)}  top-3 ${pct(t3, rs.length)}`);
      }
      const verdicts = (ms: readonly { match: KbMatch }[]) =>
        (['answer', 'didYouMean', 'none'] as const).map((c) => `${c} ${ms.filter((m) => m.match.confidence === c).length}`).join(', ');
      lines.push(`    labelled verdicts: ${verdicts(results)}; answered with the wrong entry: ${wrongConfident.length} (${pct(wrongConfident.length, results.length)})`);
      lines.push(`    off-topic verdicts (${offTopic.length}): ${verdicts(offTopic)}`);
      const misses = results.filter((r) => !r.top1);
      if (misses.length > 0) lines.push(`    top-1 misses (${misses.length}):`);
      for (const r of misses) {
        lines.push(`      [${r.q.lang}] "${r.q.text}"\n          expected ${r.q.expect}; got [${r.match.confidence}] ${top3(r.match)}${r.top3 ? '' : '  (not in top 3)'}`);
      }
      for (const r of offAnswered) lines.push(`      off-topic answered: [${r.q.lang}] "${r.q.text}" -> ${top3(r.match)}`);
      console.error(lines.join('\n'));
    });

    it(`ranks the expected entry first for at least ${MIN_TOP1 * 100}% of questions`, () => {
      const t1 = results.filter((r) => r.top1).length;
      expect(t1 / results.length, `top-1 ${pct(t1, results.length)}`).to.be.at.least(MIN_TOP1);
    });

    it(`has the expected entry in the top 3 for at least ${MIN_TOP3 * 100}% of questions`, () => {
      const t3 = results.filter((r) => r.top3).length;
      expect(t3 / results.length, `top-3 ${pct(t3, results.length)}`).to.be.at.least(MIN_TOP3);
    });

    it(`answers at most ${MAX_WRONG_CONFIDENT * 100}% of questions confidently with the wrong entry`, () => {
      const list = wrongConfident.map((r) => `${r.q.text} -> ${r.match.hits[0]?.entry.id} (expected ${r.q.expect})`);
      expect(wrongConfident.length / results.length, list.join('\n')).to.be.at.most(MAX_WRONG_CONFIDENT);
    });

    it('never answers an off-topic question confidently', () => {
      expect(offAnswered.map((r) => `${r.q.text} -> ${r.match.hits[0]?.entry.id}`)).to.deep.equal([]);
    });
  });
});
