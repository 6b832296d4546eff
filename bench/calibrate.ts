/**
 * Calibrates the knowledge search's verdict thresholds on the parts of the evaluation we tune on:
 * the question set's tuned-on two thirds, the outside set's tuned-on two thirds and the whole dev
 * set and, since stop 23, the whole fresh set and tuning sets h to n (conversations through the real test bot), plus the
 * knowledge-base eval's off-topic questions (search only). Never the held-out parts, the blind set
 * or the second to fifth fresh sets. CAL_PREFIX=l scores only the items whose id starts so (one set).
 *
 *   npx tsx bench/calibrate.ts                      the thresholds in use
 *   npx tsx bench/calibrate.ts answerMaxRatio=0.85,0.9,0.95 answerCoverage=0.5,0.55
 *                                                   every combination of the values given
 *
 * Score per point: right - 3 x (answered wrong) - 3 x (off-topic answered), as in search.ts's note:
 * stating a wrong fact costs more than offering buttons.
 */
import { readFileSync } from 'node:fs';
import { loadKnowledgeBase } from '../src/knowledge/knowledgeBase.js';
import { THRESHOLDS, type ConfidenceThresholds } from '../src/knowledge/search.js';
import { DEV_SET, FRESH_SET, H_SET, I_SET, J_SET, K_SET, L_SET, M_SET, N_SET, isHeldOut, openEvalBot, OUTSIDE_SET, QUESTION_SET, runConversationEval, type Judged } from '../test/eval/conversationEval.js';

const items = [...QUESTION_SET.items.filter((i) => !isHeldOut(i)), ...OUTSIDE_SET.items.filter((i) => !isHeldOut(i)), ...FRESH_SET.items, ...DEV_SET.items, ...H_SET.items, ...I_SET.items, ...J_SET.items, ...K_SET.items, ...L_SET.items, ...M_SET.items, ...N_SET.items].filter((i) => !process.env['CAL_PREFIX'] || i.id.startsWith(process.env['CAL_PREFIX']));
const offTopic = (JSON.parse(readFileSync(new URL('../test/knowledge/evalQuestions.json', import.meta.url), 'utf8')) as { offTopic: { text: string }[] }).offTopic;
const kb = loadKnowledgeBase();

const axes = process.argv.slice(2).map((arg) => {
  const [key, values] = arg.split('=');
  if (!key || !values || !(key in THRESHOLDS)) throw new Error(`not a threshold: ${arg} (one of ${Object.keys(THRESHOLDS).join(', ')})`);
  return { key: key as keyof ConfidenceThresholds, values: values.split(',').map(Number) };
});
const points: Partial<ConfidenceThresholds>[] = axes.reduce<Partial<ConfidenceThresholds>[]>((acc, axis) => acc.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.key]: v }))), [{}]);

const base = { ...THRESHOLDS };
try {
  for (const point of points) {
    Object.assign(THRESHOLDS, base, point);
    // A bot of its own per point: a conversation must not carry the last point's topic.
    const bot = await openEvalBot();
    const results: Judged[] = await runConversationEval(bot, items).finally(() => bot.close());
    const right = results.filter((r) => r.right).length;
    const answeredWrong = results.filter((r) => !r.right && r.outcome.type === 'answer').length;
    const offAnswered = offTopic.filter((q) => kb.match(q.text).confidence === 'answer').length;
    const score = right - 3 * answeredWrong - 3 * offAnswered;
    console.log(`${JSON.stringify(point)}  right ${right}/${results.length}  answered wrong ${answeredWrong}  off-topic answered ${offAnswered}  score ${score}`);
  }
} finally {
  Object.assign(THRESHOLDS, base);
}
