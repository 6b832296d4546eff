/**
 * The conversation evaluation (see conversationEval.ts): the share of messages answered right in
 * one step, on the part we tune on and on the held-out third, printed with every miss when
 * EVAL_VERBOSE=1 (`npm run eval`). The floors below are regression guards at the level reached,
 * not the product's target (95 of 100 on a set we never see).
 */
import { expect } from 'chai';
import { loadKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { BLIND_SET, DEV_SET, FRESH_SET, FRESH2_SET, FRESH3_SET, FRESH4_SET, FRESH5_SET, H_SET, I_SET, isHeldOut, J_SET, K_SET, L_SET, M_SET, N_SET, openEvalBot, OUTSIDE_SET, QUESTION_SET, runConversationEval, type EvalItem, type Judged } from './conversationEval.js';
import type { TestBot } from '../support/testBot.js';

const FLOOR = { tune: 0.85, heldOut: 0.8, noAnswer: 0.7, blind: 0.85, outside: 0.8, fresh: 0.8, dev: 0.8 };

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

/** "fresh    121/150 = 80.7% (en 76.0%, de 85.3%)" */
function summary(name: string, results: readonly Judged[]): string {
  const right = results.filter((r) => r.right).length;
  const byLang = (['en', 'de'] as const).map((l) => {
    const x = results.filter((r) => r.item.lang === l);
    return `${l} ${pct(x.filter((r) => r.right).length, x.length)}`;
  });
  return `    ${name.padEnd(8)} ${right}/${results.length} = ${pct(right, results.length)} (${byLang.join(', ')})`;
}

describe('eval: conversations, judged by what the bot shows first', function () {
  this.timeout(300_000);
  const items = QUESTION_SET.items;

  describe('shape of the set', () => {
    it('has at least 300 questions with an answer and 40 without, half of them German, ids unique', () => {
      const answerable = items.filter((i) => i.expect.kind !== 'off-topic' && i.expect.kind !== 'unanswerable');
      expect(answerable.length).to.be.at.least(300);
      expect(items.length - answerable.length).to.be.at.least(40);
      expect(items.filter((i) => i.lang === 'de').length).to.equal(items.length / 2);
      expect(new Set(items.map((i) => i.id)).size).to.equal(items.length);
    });

    it('is never tuned on: no held-out message is a phrasing of the knowledge base', () => {
      const key = (t: string) => t.trim().toLowerCase();
      const phrasings = new Set(loadKnowledgeBase().entries.flatMap((e) => [...e.phrasings.en, ...e.phrasings.de].map(key)));
      const copied = items.filter(isHeldOut).flatMap((i) => i.turns).filter((t) => phrasings.has(key(t)));
      expect(copied).to.deep.equal([]);
    });

    it('holds out a third, spread over every kind', () => {
      const held = items.filter(isHeldOut);
      expect(held.length).to.be.within(items.length / 3 - 1, items.length / 3 + 1);
      const kinds = new Set(items.map((i) => i.expect.kind));
      expect(new Set(held.map((i) => i.expect.kind))).to.deep.equal(kinds);
    });
  });

  describe('answers', () => {
    let bot: TestBot;
    let results: Judged[] = [];
    before(async () => {
      bot = await openEvalBot();
      results = await runConversationEval(bot, items);
    });
    after(async () => {
      await bot?.close();
      const lines = ['', '  Conversation eval (right in one step):'];
      for (const [label, rs] of [['tuned on', results.filter((r) => !isHeldOut(r.item))], ['held out', results.filter((r) => isHeldOut(r.item))]] as const) {
        const right = rs.filter((r) => r.right).length;
        const byLang = (['en', 'de'] as const).map((l) => {
          const x = rs.filter((r) => r.item.lang === l);
          return `${l} ${pct(x.filter((r) => r.right).length, x.length)}`;
        });
        lines.push(`    ${label.padEnd(8)} ${right}/${rs.length} = ${pct(right, rs.length)} (${byLang.join(', ')})`);
      }
      const missesBy = new Map<string, number>();
      for (const r of results.filter((x) => !x.right)) {
        const key = `${r.item.expect.kind}: ${r.outcome.type === 'answer' ? 'other answer' : r.outcome.type}`;
        missesBy.set(key, (missesBy.get(key) ?? 0) + 1);
      }
      lines.push(`    misses by kind: ${[...missesBy].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join('; ')}`);
      if (process.env['EVAL_VERBOSE']) {
        // Only the tuned-on part's misses are listed: the held-out part is read as a number only.
        for (const r of results.filter((x) => !x.right && !isHeldOut(x.item))) {
          lines.push(`    ${r.item.id} [${r.item.lang} ${r.item.style} ${r.item.expect.kind} ${r.item.expect.facts.join(',')}${r.item.expect.scenario ? ` ${r.item.expect.scenario}` : ''}] ${r.item.turns.join(' // ')}`);
          lines.push(`        -> ${r.why}; shown: ${r.outcome.shown.slice(0, 140)}`);
        }
      }
      console.error(lines.join('\n'));
    });

    it(`answers at least ${FLOOR.tune * 100}% of the tuned-on part right in one step`, () => {
      const rs = results.filter((r) => !isHeldOut(r.item));
      expect(rs.filter((r) => r.right).length / rs.length).to.be.at.least(FLOOR.tune);
    });

    it(`answers at least ${FLOOR.heldOut * 100}% of the held-out part right in one step`, () => {
      const rs = results.filter((r) => isHeldOut(r.item));
      expect(rs.filter((r) => r.right).length / rs.length).to.be.at.least(FLOOR.heldOut);
    });

    it(`states no answer to at least ${FLOOR.noAnswer * 100}% of off-topic and unanswerable questions`, () => {
      const rs = results.filter((r) => r.item.expect.kind === 'off-topic' || r.item.expect.kind === 'unanswerable');
      expect(rs.filter((r) => r.right).length / rs.length).to.be.at.least(FLOOR.noAnswer);
    });
  });

  describe('the outside set (written apart; two thirds tuned on, a third held out)', () => {
    const outside = OUTSIDE_SET.items;
    let bot: TestBot;
    let results: Judged[] = [];
    before(async () => {
      bot = await openEvalBot();
      results = await runConversationEval(bot, outside);
    });
    after(async () => {
      await bot?.close();
      const lines: string[] = [];
      for (const [label, rs] of [['outside, tuned on', results.filter((r) => !isHeldOut(r.item))], ['outside, held out', results.filter((r) => isHeldOut(r.item))]] as const) {
        const right = rs.filter((r) => r.right).length;
        lines.push(`    ${label.padEnd(18)} ${right}/${rs.length} = ${pct(right, rs.length)}`);
      }
      if (process.env['EVAL_VERBOSE']) {
        for (const r of results.filter((x) => !x.right && !isHeldOut(x.item))) {
          lines.push(`    ${r.item.id} [${r.item.lang} ${r.item.style} ${r.item.expect.kind} ${r.item.expect.facts.join(',')}${r.item.expect.scenario ? ` ${r.item.expect.scenario}` : ''}] ${r.item.turns.join(' // ')}`);
          lines.push(`        -> ${r.why}; shown: ${r.outcome.shown.slice(0, 140)}`);
        }
      }
      console.error(lines.join('\n'));
    });

    it('has 150 answerable messages, half of them German, ids unique', () => {
      expect(outside).to.have.length(150);
      expect(outside.filter((i) => i.lang === 'de')).to.have.length(75);
      expect(new Set(outside.map((i) => i.id)).size).to.equal(150);
      expect(outside.filter((i) => i.expect.kind === 'off-topic' || i.expect.kind === 'unanswerable')).to.deep.equal([]);
    });

    it('is never tuned on in its held-out third: none of it is a phrasing of the knowledge base', () => {
      const key = (t: string) => t.trim().toLowerCase();
      const phrasings = new Set(loadKnowledgeBase().entries.flatMap((e) => [...e.phrasings.en, ...e.phrasings.de].map(key)));
      // The one the writer happened to phrase as the knowledge base already did (before the set existed).
      const coincidences = new Set(['wie viele incidents bekommt gold?']);
      expect(outside.filter(isHeldOut).flatMap((i) => i.turns).filter((t) => phrasings.has(key(t)) && !coincidences.has(key(t)))).to.deep.equal([]);
    });

    it(`answers at least ${FLOOR.outside * 100}% of its held-out third right in one step`, () => {
      const rs = results.filter((r) => isHeldOut(r.item));
      expect(rs.filter((r) => r.right).length / rs.length).to.be.at.least(FLOOR.outside);
    });
  });

  /**
   * A set written apart, by a helper from FACTS.md alone. Never tuned on (`tuned: false`): only its
   * number is printed, never its misses (reading them would make it one more set we tune on), and
   * none of its messages may be a phrasing of the knowledge base (`coincidences`: messages the writer
   * happened to phrase as the knowledge base already did). Tuned on whole (`tuned: true`): it is there
   * so that the tuning sees many outsiders' phrasings, and its misses are printed with EVAL_VERBOSE=1.
   */
  function writtenApart(
    name: string,
    set: { items: EvalItem[] },
    opts: { answerable: number; withoutAnswer?: number; floor: number; tuned: boolean; coincidences?: readonly string[] },
  ) {
    const withoutAnswer = opts.withoutAnswer ?? 0;
    const total = opts.answerable + withoutAnswer;
    describe(`the ${name} set (written apart, ${opts.tuned ? 'tuned on whole' : 'never tuned on'})`, () => {
      let bot: TestBot;
      let results: Judged[] = [];
      before(async () => {
        bot = await openEvalBot();
        results = await runConversationEval(bot, set.items);
      });
      after(async () => {
        await bot?.close();
        console.error(summary(name, results));
        if (opts.tuned && process.env['EVAL_VERBOSE']) {
          for (const r of results.filter((x) => !x.right)) {
            console.error(`    ${r.item.id} [${r.item.lang} ${r.item.style} ${r.item.expect.kind} ${r.item.expect.facts.join(',')}${r.item.expect.scenario ? ` ${r.item.expect.scenario}` : ''}] ${r.item.turns.join(' // ')}`);
            console.error(`        -> ${r.why}; shown: ${r.outcome.shown.slice(0, 90)}`);
          }
        }
      });

      it(`has ${opts.answerable} answerable messages and ${withoutAnswer} without an answer, half of them German, ids unique`, () => {
        expect(set.items.filter((i) => i.expect.kind !== 'off-topic' && i.expect.kind !== 'unanswerable')).to.have.length(opts.answerable);
        expect(set.items).to.have.length(total);
        expect(set.items.filter((i) => i.lang === 'de')).to.have.length(total / 2);
        expect(new Set(set.items.map((i) => i.id)).size).to.equal(total);
      });

      if (!opts.tuned) {
        it(`is never tuned on: no ${name} message is a phrasing of the knowledge base`, () => {
          const key = (t: string) => t.trim().toLowerCase();
          const phrasings = new Set(loadKnowledgeBase().entries.flatMap((e) => [...e.phrasings.en, ...e.phrasings.de].map(key)));
          const allowed = new Set(opts.coincidences ?? []);
          expect(set.items.flatMap((i) => i.turns).filter((t) => phrasings.has(key(t)) && !allowed.has(key(t)))).to.deep.equal([]);
        });
      }

      it(`answers at least ${opts.floor * 100}% right in one step`, () => {
        expect(results.filter((r) => r.right).length / results.length).to.be.at.least(opts.floor);
      });
    });
  }

  writtenApart('blind', BLIND_SET, { answerable: 120, floor: FLOOR.blind, tuned: false });
  writtenApart('second fresh', FRESH2_SET, { answerable: 200, floor: FLOOR.fresh, tuned: false, coincidences: ['was ist premier support for partners?'] });
  writtenApart('third fresh', FRESH3_SET, { answerable: 200, floor: FLOOR.fresh, tuned: false, coincidences: ['wer darf die vorteile aktivieren?'] });
  writtenApart('fourth fresh', FRESH4_SET, { answerable: 200, floor: FLOOR.fresh, tuned: false, coincidences: ['wer darf die vorteile aktivieren?'] });
  writtenApart('fifth fresh', FRESH5_SET, { answerable: 200, floor: FLOOR.fresh, tuned: false, coincidences: ['aktivierung pflicht?', 'wer darf die vorteile aktivieren?'] });
  // The first fresh set was never tuned on until stop 23 (131/150 then); tuned on since, with the
  // third fresh set as its replacement. Sets h-k were measured once on first sight (see conversationEval.ts).
  writtenApart('fresh', FRESH_SET, { answerable: 150, floor: FLOOR.fresh, tuned: true });
  writtenApart('dev', DEV_SET, { answerable: 300, withoutAnswer: 20, floor: FLOOR.dev, tuned: true });
  writtenApart('h', H_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('i', I_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('j', J_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('k', K_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('l', L_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('m', M_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
  writtenApart('n', N_SET, { answerable: 200, floor: FLOOR.dev, tuned: true });
});
