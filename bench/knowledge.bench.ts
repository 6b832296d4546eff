/**
 * Knowledge-base search speed: index build time and `match()` latency over the eval questions.
 *
 *   npx tsx bench/knowledge.bench.ts               prints the measures, exits 1 when a target is missed
 *   npx tsx bench/knowledge.bench.ts --calibrate   reruns the confidence calibration (see search.ts)
 *
 * `benchKnowledge(record)` is exported for bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { KnowledgeBase, loadKnowledgeBase, type KbEntry } from '../src/knowledge/knowledgeBase.js';
import { ANSWER_COVERAGE, ANSWER_MAX_RATIO, ANSWER_PHRASE_COVERAGE, confidenceOf, createSearchIndex, MIN_COVERAGE } from '../src/knowledge/search.js';

type Record = (name: string, value: number, unit: string, target: number) => void;

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

function evalTexts(): string[] {
  const set = JSON.parse(readFileSync(new URL('../test/knowledge/evalQuestions.json', import.meta.url), 'utf8')) as {
    questions: { text: string }[];
    offTopic: { text: string }[];
  };
  return [...set.questions, ...set.offTopic].map((q) => q.text);
}

/** Index build (load + validate + index) and match() latency; targets for the 2-core reference machine. */
export function benchKnowledge(record: Record): void {
  const builds: number[] = [];
  let kb: KnowledgeBase | undefined;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    kb = loadKnowledgeBase();
    builds.push(performance.now() - t0);
  }
  record('knowledge base load + index build (median of 10)', percentile(builds, 50), 'ms', 300);
  const texts = evalTexts();
  for (const text of texts) kb!.match(text); // warm-up: JIT and the analyzer's word cache
  const fresh = loadKnowledgeBase();
  const cold: number[] = [];
  for (const text of texts) {
    const t0 = performance.now();
    fresh.match(text);
    cold.push(performance.now() - t0);
  }
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const text of texts) {
      const t0 = performance.now();
      kb!.match(text);
      times.push(performance.now() - t0);
    }
  }
  record(`knowledge match() p50 (${texts.length} eval questions)`, percentile(times, 50), 'ms', 5);
  record('knowledge match() p95', percentile(times, 95), 'ms', 15);
  record('knowledge match() p95, first time each question (cold word cache)', percentile(cold, 95), 'ms', 30);
}

/**
 * The simulation behind the confidence thresholds in search.ts, from entries.json alone:
 * leave-one-phrasing-out (stand-ins for answerable questions) and leave-one-entry-out (near-misses
 * the knowledge base cannot answer). Prints the best grid points by
 * correct - 3 x wrong - near-misses answered, averaged over each point's neighbours.
 */
export function calibrate(): void {
  const entries = loadKnowledgeBase().entries;
  type Row = { ok: boolean; coverage: number; phraseCoverage: number; ratio: number };
  const lopo: Row[] = [];
  const loeo: Row[] = [];
  for (const e of entries) {
    for (const lang of ['en', 'de'] as const) {
      e.phrasings[lang].forEach((p, i) => {
        const without: KbEntry[] = entries.map((x) => (x === e ? { ...x, phrasings: { ...x.phrasings, [lang]: x.phrasings[lang].filter((_, j) => j !== i) } } : x));
        const x = createSearchIndex(without).explain(p);
        lopo.push({ ok: x.hits[0]?.entry.id === e.id, coverage: x.coverage, phraseCoverage: x.phraseCoverage, ratio: x.ratio });
      });
    }
    const index = createSearchIndex(entries.filter((x) => x !== e));
    for (const p of [...e.phrasings.en, ...e.phrasings.de]) {
      const x = index.explain(p);
      loeo.push({ ok: false, coverage: x.coverage, phraseCoverage: x.phraseCoverage, ratio: x.ratio });
    }
  }
  const grid = (from: number, to: number) => Array.from({ length: Math.round((to - from) / 0.05) + 1 }, (_, i) => Math.round((from + i * 0.05) * 100) / 100);
  const agreements = grid(0.4, 0.85);
  const ratios = grid(0.4, 0.95);
  const answered = (r: Row, a: number, m: number) => Math.min(r.coverage, r.phraseCoverage) >= a && r.ratio <= m;
  const stats = (a: number, m: number) => {
    const correct = lopo.filter((r) => r.ok && answered(r, a, m)).length;
    const wrong = lopo.filter((r) => !r.ok && answered(r, a, m)).length;
    const near = loeo.filter((r) => answered(r, a, m)).length;
    return { correct, wrong, near, utility: correct - 3 * wrong - near };
  };
  const table = new Map<string, ReturnType<typeof stats>>();
  for (const a of agreements) for (const m of ratios) table.set(`${a}/${m}`, stats(a, m));
  const smoothed = [...table].map(([key, s]) => {
    const [a, m] = key.split('/').map(Number) as [number, number];
    const around: number[] = [];
    for (const da of [-0.05, 0, 0.05]) for (const dm of [-0.05, 0, 0.05]) {
      const n = table.get(`${Math.round((a + da) * 100) / 100}/${Math.round((m + dm) * 100) / 100}`);
      if (n) around.push(n.utility);
    }
    return { a, m, ...s, smooth: around.reduce((x, y) => x + y, 0) / around.length };
  });
  smoothed.sort((x, y) => y.smooth - x.smooth);
  const okCoverage = lopo.filter((r) => r.ok).map((r) => r.coverage);
  console.log(`LOPO: ${lopo.filter((r) => r.ok).length}/${lopo.length} ranked first; LOEO near-misses: ${loeo.length}`);
  console.log(`1st percentile of coverage of correctly ranked LOPO questions: ${percentile(okCoverage, 1).toFixed(3)} (MIN_COVERAGE = ${MIN_COVERAGE})`);
  const inUse = (rows: Row[]) => rows.filter((r) => confidenceOf(true, r.coverage, r.phraseCoverage, r.ratio) === 'answer');
  console.log(
    `in use (coverage >= ${ANSWER_COVERAGE}, phrase coverage >= ${ANSWER_PHRASE_COVERAGE}, ratio <= ${ANSWER_MAX_RATIO}, or a contained phrasing):`,
    { correct: inUse(lopo).filter((r) => r.ok).length, wrong: inUse(lopo).filter((r) => !r.ok).length, near: inUse(loeo).length },
  );
  console.log('best grid points (agreement, max ratio): smoothed utility, LOPO correct/wrong answered, LOEO answered');
  for (const s of smoothed.slice(0, 8)) console.log(`  ${s.a.toFixed(2)} ${s.m.toFixed(2)}: ${s.smooth.toFixed(1)}  ${s.correct}/${s.wrong}  ${s.near}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--calibrate')) {
    calibrate();
  } else {
    let missed = 0;
    benchKnowledge((name, value, unit, target) => {
      const ok = value <= target;
      if (!ok) missed++;
      console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${value.toFixed(2)} ${unit} (target <= ${target} ${unit})`);
    });
    process.exit(missed ? 1 : 0);
  }
}
