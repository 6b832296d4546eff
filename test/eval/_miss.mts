// Tuned-on sets only: every miss, and for a did-you-mean whether its first suggestion states the main fact.
import { QUESTION_SET, OUTSIDE_SET, FRESH_SET, DEV_SET, isHeldOut, openEvalBot, judge, outcomeOf, EVAL_USER } from '/work/main/test/eval/conversationEval.ts';
import { loadKnowledgeBase } from '/work/main/src/knowledge/knowledgeBase.ts';
const kb = loadKnowledgeBase();
const sets = [...QUESTION_SET.items.filter((i) => !isHeldOut(i)), ...OUTSIDE_SET.items.filter((i) => !isHeldOut(i)), ...FRESH_SET.items, ...DEV_SET.items];
const bot = await openEvalBot();
let dym = 0, dymTop = 0, dymAny = 0, right = 0;
for (const item of sets) {
  const options = { locale: item.lang === 'de' ? 'de-DE' : 'en-US', conversationId: `a:m-${item.id}` };
  await bot.say(EVAL_USER, 'hi', options);
  let replies: any[] = [];
  for (const t of item.turns) replies = await bot.say(EVAL_USER, t, options);
  const j = judge(item, outcomeOf(item.lang, replies));
  if (j.right) { right++; continue; }
  let extra = '';
  if (j.outcome.type === 'didYouMean') {
    const ids = replies.flatMap((r) => r.buttons.map((b: any) => b.data?.entry)).filter(Boolean);
    const main = item.expect.facts[0];
    const hit = ids.map((id: string) => kb.entry(id)?.facts.includes(main!) ?? false);
    dym++; if (hit[0]) dymTop++; if (hit.some(Boolean)) dymAny++;
    extra = ` [${ids.map((id: string, k: number) => (hit[k] ? '*' : '') + id).join(' ')}]`;
  }
  console.log(`${item.id} ${item.expect.kind} ${item.expect.facts.join(',')}${item.expect.scenario ? ' ' + item.expect.scenario : ''} | ${item.turns.join(' // ')}\n    -> ${j.why}${extra}`);
}
console.log(`right ${right}/${sets.length}; didYouMean ${dym}, top right ${dymTop}, any right ${dymAny}`);
await bot.close();
