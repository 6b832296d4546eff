/**
 * The conversation evaluation: every message of questionSet.json goes to the real bot (the test
 * bot: real dialogs, real store files) as an admin of an organization with active benefits, each in
 * a conversation of its own after the first-contact welcome, and what the bot shows first is judged
 * the way a user would judge it: did the first answer state what was asked (one step), or did the
 * bot ask back, offer "Did you mean", fall back to the menu, or answer something else?
 *
 * What a reply states is read from what the user sees: a knowledge answer by its entry (the entry
 * id travels in the card's feedback buttons; its facts are the entry's), every flow card by its
 * title. The set was written from FACTS.md alone, by someone who never saw the knowledge base.
 *
 * The set is split by id: every third item (q003, q006, ...) is held out. Nothing is tuned on it;
 * both numbers are reported.
 */
import { readFileSync } from 'node:fs';
import { t, type Lang, type StringKey } from '../../src/i18n/index.js';
import { loadKnowledgeBase } from '../../src/knowledge/knowledgeBase.js';
import { CardAction } from '../../src/views/actions.js';
import { createTestBot, TEST_TODAY, type Reply, type TestBot } from '../support/testBot.js';

export type Kind =
  | 'rule'
  | 'own-tiers'
  | 'balance'
  | 'ids'
  | 'activate'
  | 'role-check'
  | 'record-incident'
  | 'already-associated'
  | 'support-route'
  | 'escalate'
  | 'off-topic'
  | 'unanswerable';

export interface EvalItem {
  id: string;
  lang: Lang;
  style: string;
  turns: string[];
  expect: { kind: Kind; facts: string[]; scenario?: 'linked-before' | 'used-up-or-expired' | 'csp-customer' | 'unknown' };
}

export const QUESTION_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./questionSet.json', import.meta.url), 'utf8'));

/**
 * The blind set: 120 messages a helper wrote on 2026-12-03 from FACTS.md alone, without seeing the
 * knowledge base, the recognizer or the set above; all answerable. Never tuned on: only its number
 * is reported, never its misses.
 */
export const BLIND_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./blindSet.json', import.meta.url), 'utf8'));

/**
 * The outside set: 150 messages another helper wrote on 2026-12-03 from FACTS.md alone (same rule:
 * no knowledge base, recognizer or other set seen), in the styles of issue 11, all answerable. Its
 * items o001..o150 are split like the question set: every third held out (read as a number only),
 * the rest tuned on, so the tuning sees how outsiders write, not only how we do.
 */
export const OUTSIDE_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./outsideSet.json', import.meta.url), 'utf8'));

/**
 * The fresh set: 150 messages a third helper wrote on 2026-12-03 (session 21) from FACTS.md alone,
 * seeing nothing else of the project, shaped like the set the product owner keeps (every fact about
 * equally often, 80% rule questions, all of issue 11's styles). Measured before and after the
 * session's changes, never tuned on: only its number is printed, never its misses.
 */
export const FRESH_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./freshSet.json', import.meta.url), 'utf8'));

/**
 * The second fresh set: 200 answerable messages a helper wrote on 2026-12-04 (session 22) from
 * FACTS.md alone, seeing nothing else of the project. Never tuned on: only its number is printed.
 */
export const FRESH2_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./fresh2Set.json', import.meta.url), 'utf8'));

/**
 * The third fresh set: 200 answerable messages a helper wrote on 2026-12-04 (stop 23) from FACTS.md
 * alone, seeing nothing else of the project; it replaces the first fresh set, tuned on since. Never
 * tuned on: only its number is printed.
 */
export const FRESH3_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./fresh3Set.json', import.meta.url), 'utf8'));

/**
 * Tuning set h: 200 answerable messages a helper wrote on 2026-12-04 (stop 23) from FACTS.md alone,
 * seeing nothing else of the project, imagining other people again (a reseller's office manager, a
 * consultant in a hurry, a new employee, an annoyed IT lead, an accountant). Tuned on whole.
 */
export const H_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./hSet.json', import.meta.url), 'utf8'));

/**
 * Tuning set i: 200 answerable messages a helper wrote on 2026-12-04 (stop 23) from FACTS.md alone,
 * seeing nothing else of the project, imagining other people than the earlier sets (a distributor's
 * helpdesk relaying a partner's question, a formal IT-Leiter, a developer on mobile, someone with a
 * wrong assumption, someone comparing levels). Tuned on whole, like the dev set.
 */
export const I_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./iSet.json', import.meta.url), 'utf8'));

/**
 * Tuning sets j and k: 200 answerable messages each, two more helpers wrote on 2026-12-04 (stop 23)
 * from FACTS.md alone, seeing nothing else of the project, imagining other people again (j: an
 * engineer with a product problem, a partner manager explaining the program, a sceptic, a non-native
 * speaker; k: Austrian or Swiss German, a procurement person, a trainee, someone mixing up the
 * portals, a team lead delegating). Tuned on whole.
 */
export const J_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./jSet.json', import.meta.url), 'utf8'));
export const K_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./kSet.json', import.meta.url), 'utf8'));

/**
 * The fourth fresh set: 200 answerable messages a helper wrote on 2026-12-06 (stop 24) from
 * FACTS.md alone, seeing nothing else of the project (a busy German/English IT admin, many short and
 * colloquial messages). Never tuned on: only its number is printed.
 */
export const FRESH4_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./fresh4Set.json', import.meta.url), 'utf8'));

/**
 * The fifth fresh set: 200 answerable messages a helper wrote on 2026-12-06 (stop 24, after the
 * stop's tuning) from FACTS.md alone, seeing nothing else of the project. Never tuned on: only its
 * number is printed. First measured at the end of stop 24: 173/200 with the code of the stop's start
 * (baf094a), 178/200 with its end.
 */
export const FRESH5_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./fresh5Set.json', import.meta.url), 'utf8'));

/**
 * Tuning set l: 200 answerable messages another helper wrote on 2026-12-06 (stop 24) from FACTS.md
 * alone, seeing nothing else of the project (a non-technical licensing person, a helpdesk colleague,
 * a consultant in a hurry; indirect phrasings about their own situation). Measured once on first
 * sight, tuned on whole since.
 */
export const L_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./lSet.json', import.meta.url), 'utf8'));

/**
 * Tuning sets m and n: 200 answerable messages each, two more helpers wrote on 2026-12-06 (stop 24)
 * from FACTS.md alone, seeing nothing else of the project (m: a managing director writing formal
 * German, a junior engineer on a phone, whole pasted portal messages, questions combining two
 * details; n: a long-time user asking about edge cases, someone checking what they were told,
 * someone mixing up the terms). Measured once on first sight, tuned on whole since.
 */
export const M_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./mSet.json', import.meta.url), 'utf8'));
export const N_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./nSet.json', import.meta.url), 'utf8'));

/**
 * The dev set: 320 messages (300 answerable, 20 off-topic or unanswerable) a fourth helper wrote on
 * 2026-12-03 from FACTS.md alone, seeing nothing else of the project. Tuned on whole: it is there so
 * that the tuning sees many outsiders' phrasings; the held-out parts and the fresh set say whether
 * that generalizes.
 */
export const DEV_SET: { about: string; items: EvalItem[] } = JSON.parse(readFileSync(new URL('./devSet.json', import.meta.url), 'utf8'));

/** Held out: never looked at while tuning (every third item by number). */
export const isHeldOut = (item: EvalItem) => Number(item.id.slice(1)) % 3 === 0;

/** What the first reply of a turn was, as a user sees it. */
export interface Outcome {
  /** 'answer' states something; the rest do not answer in one step. */
  type: 'answer' | 'didYouMean' | 'notUnderstood' | 'question' | 'nothing';
  /** What the answer is: a knowledge entry (`kb:<id>`) or a flow card (`flow:<name>`). */
  what?: string;
  /** The facts the answer states. */
  facts: readonly string[];
  /** The first line the user saw (for the report). */
  shown: string;
}

const kb = loadKnowledgeBase();

/** Flow cards and texts by their i18n key (title or text): what they are and which facts they state. */
const FLOW_KEYS: [StringKey, string, string[]][] = [
  ['paste.notAuthorized', 'paste-notAuthorized', ['F10', 'F9']],
  ['paste.noBenefits', 'paste-noBenefits', ['F11']],
  ['paste.noBenefits.active', 'paste-noBenefits', ['F11']],
  ['tiers.title', 'tiers', ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F17']],
  ['tiers.org.title', 'own-tiers', ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F17']],
  ['refusal.title', 'refusal', ['F9', 'F10', 'F11', 'F25']],
  ['roleCheck.ok.title', 'role-check', ['F9']],
  ['roleCheck.already.title', 'role-check', ['F9', 'F12']],
  ['activation.confirm.title', 'activate', ['F9', 'F12', 'F25']],
  ['activation.done.title', 'activate', ['F9', 'F12', 'F25']],
  ['activation.already.title', 'activate', ['F12', 'F13', 'F14', 'F25']],
  ['ids.title', 'ids', ['F12', 'F13', 'F14']],
  ['ids.notActivated.title', 'ids', ['F12', 'F25']],
  ['ids.expired.title', 'ids', ['F12', 'F21']],
  // The walk-through's first card names both usual causes and what to do for each, and where the
  // benefit is linked (assoc.where), then asks.
  ['assoc.intro', 'assoc-intro', ['F20', 'F21', 'F22']],
  ['assoc.csp.title', 'assoc-csp', ['F18', 'F19']],
  ['assoc.actionPack.title', 'assoc-actionPack', ['F7', 'F23']],
  ['assoc.notActivated.title', 'assoc-notActivated', ['F25']],
  ['assoc.s1.title', 'assoc-s1', ['F20', 'F22']],
  ['assoc.s2.title', 'assoc-s2', ['F21', 'F23']],
  ['assoc.notLinked.title', 'assoc-notLinked', ['F16', 'F20']],
  ['assoc.check.title', 'assoc-check', ['F16']],
  ['plan.onPremises.title', 'plan-onPremises', ['F15', 'F24']],
  ['plan.cloud.title', 'plan-cloud', ['F17', 'F22', 'F23']],
  ['plan.cloud.paid.title', 'plan-cloud-paid', ['F21', 'F23', 'F22']],
  ['plan.csp.title', 'plan-csp', ['F18', 'F19']],
  ['plan.presales.title', 'plan-presales', ['F26']],
  ['balance.title', 'balance', ['F16', 'F13']],
  ['balance.noContract.title', 'balance', ['F16', 'F25']],
  ['incident.confirm.title', 'record-incident', []],
  ['incident.whichKind', 'record-incident', []],
  ['incident.askCaseRef', 'record-incident', []],
  ['escalate.ask', 'escalate', []],
  ['escalate.noChannel', 'escalate', []],
  ['escalate.created', 'escalate', []],
  ['escalate.waiting', 'escalate', []],
];
/** Cards and texts that ask the user something back instead of answering. */
const QUESTION_KEYS: [StringKey, string][] = [
  ['assoc.question', 'assoc-who'],
  ['plan.question', 'plan-what'],
];

/** A regular expression for a translated string whose placeholders ({org}, {id}) may be anything. */
function pattern(lang: Lang, key: StringKey): RegExp {
  const text = t(lang, key);
  const parts = text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
}
const patterns = (lang: Lang) => ({
  flows: FLOW_KEYS.map(([key, what, facts]) => ({ re: pattern(lang, key), what, facts })),
  questions: QUESTION_KEYS.map(([key, what]) => ({ re: pattern(lang, key), what })),
  didYouMean: pattern(lang, 'kb.didYouMean.title'),
  fallback: pattern(lang, 'fallback.text'),
  unknown: pattern(lang, 'fallback.unknown'),
});
const PATTERNS = { en: patterns('en'), de: patterns('de') };

/** Every line a reply shows, in order: its text, then its card's texts. */
const linesOf = (reply: Reply) => [...(reply.text ? [reply.text] : []), ...reply.cardTexts];

export function outcomeOf(lang: Lang, replies: readonly Reply[]): Outcome {
  // A message mostly in the other language may be answered in it (the bot reads the message's
  // language, not only the client's): its cards are read in both.
  const own = PATTERNS[lang];
  const other = PATTERNS[lang === 'en' ? 'de' : 'en'];
  const p = { flows: [...own.flows, ...other.flows], questions: [...own.questions, ...other.questions] };
  const either = (key: 'didYouMean' | 'fallback' | 'unknown') => (l: string) => own[key].test(l) || other[key].test(l);
  const shown = replies.map((r) => linesOf(r)[0] ?? '').join(' | ');
  const lines = replies.flatMap(linesOf);
  if (lines.some(either('didYouMean'))) return { type: 'didYouMean', facts: [], shown };
  if (lines.some((l) => either('fallback')(l) || either('unknown')(l))) return { type: 'notUnderstood', facts: [], shown };
  for (const reply of replies) {
    const feedback = reply.buttons.map((b) => b.data as { action?: string; entry?: string } | undefined).find((d) => d?.action === CardAction.kbFeedback);
    const entry = feedback?.entry ? kb.entry(feedback.entry) : undefined;
    if (entry) return { type: 'answer', what: `kb:${entry.id}`, facts: entry.facts, shown };
  }
  // A flow's answer counts even when the card also asks a next question (the walk-through's own
  // title comes first); a card that only asks is a question back.
  for (const line of lines) {
    const flow = p.flows.find((f) => f.re.test(line));
    if (flow) return { type: 'answer', what: `flow:${flow.what}`, facts: flow.facts, shown };
  }
  for (const line of lines) {
    const question = p.questions.find((q) => q.re.test(line));
    if (question) return { type: 'question', what: `ask:${question.what}`, facts: [], shown };
  }
  return lines.length === 0 ? { type: 'nothing', facts: [], shown } : { type: 'answer', what: 'other', facts: [], shown };
}

/** Which answers count as right for a kind, beyond stating the main fact. */
const FLOWS_FOR: Partial<Record<Kind, string[]>> = {
  'own-tiers': ['flow:own-tiers', 'flow:tiers'],
  balance: ['flow:balance'],
  ids: ['flow:ids', 'flow:activate'],
  activate: ['flow:activate', 'flow:refusal'],
  'role-check': ['flow:role-check', 'flow:refusal'],
  'record-incident': ['flow:record-incident'],
  escalate: ['flow:escalate'],
};

export interface Judged {
  item: EvalItem;
  outcome: Outcome;
  right: boolean;
  /** Why not, in a few words. */
  why?: string;
}

export function judge(item: EvalItem, outcome: Outcome): Judged {
  const { kind, facts, scenario } = item.expect;
  const ok = (right: boolean, why?: string): Judged => ({ item, outcome, right, ...(right ? {} : { why }) });
  if (kind === 'off-topic' || kind === 'unanswerable') {
    // Right: no answer stated as fact (a did-you-mean or the menu is fine); an own-data card is not.
    return ok(outcome.type !== 'answer' || outcome.what === 'other', `answered ${outcome.what}`);
  }
  if (outcome.type !== 'answer') {
    // Only the "already associated" error with nothing said about the situation may need a question back.
    if (kind === 'already-associated' && scenario === 'unknown' && outcome.what === 'ask:assoc-who') return ok(true);
    return ok(false, outcome.type === 'question' ? `asked back (${outcome.what})` : outcome.type);
  }
  const flows = FLOWS_FOR[kind];
  if (flows) return ok(flows.includes(outcome.what ?? '') || (facts[0] !== undefined && outcome.facts.includes(facts[0])), `got ${outcome.what}`);
  if (kind === 'already-associated' && scenario === 'unknown') {
    return ok(outcome.facts.includes('F20') || outcome.facts.includes('F21'), `got ${outcome.what}`);
  }
  const main = facts[0];
  return ok(main === undefined || outcome.facts.includes(main), `got ${outcome.what} (${outcome.facts.join(', ') || 'no facts'}), wanted ${main}`);
}

/**
 * The organization every question is asked from: Gold with a non-cloud competency (so Product
 * Support and a Signature 10-pack), activated, incidents left on both, the asker a Global admin.
 */
export const EVAL_TENANT = 'e7a1e7a1-0000-4000-8000-000000000001';
export const EVAL_USER = { aadObjectId: 'e7a1e7a1-0000-4000-8000-0000000000aa', tenantId: EVAL_TENANT, name: 'Eva Evaluator', email: 'eva@evalpartner.example' };

function evalDirectory(today: string) {
  const year = today.slice(0, 4);
  const start = `${Number(year) - 1}-12-01`;
  const end = `${Number(year)}-12-31`;
  return {
    organizations: [
      {
        tenantId: EVAL_TENANT,
        name: 'Eval Partner GmbH',
        partnerId: '4799001',
        memberships: [{ offer: 'Gold', competency: 'Data Analytics', start, end }],
        benefits: [
          { kind: 'ProductSupport', accessId: 'e7a1e7a1-0000-4000-8000-0000000000b1', contractId: '7990001', start, end, incidentsUsed: 6 },
          { kind: 'SignatureCloudSupport', accessId: 'e7a1e7a1-0000-4000-8000-0000000000b2', contractId: '7990002', start, end, incidentsUsed: 4 },
        ],
      },
    ],
    users: [{ ...EVAL_USER, roles: ['GlobalAdmin'] }],
  };
}

export async function openEvalBot(): Promise<TestBot> {
  return createTestBot(evalDirectory(TEST_TODAY));
}

/** Asks every item in a conversation of its own; judges what the last turn showed first. */
export async function runConversationEval(bot: TestBot, items: readonly EvalItem[]): Promise<Judged[]> {
  const out: Judged[] = [];
  for (const item of items) {
    const options = { locale: item.lang === 'de' ? 'de-DE' : 'en-US', conversationId: `a:eval-${item.id}` };
    await bot.say(EVAL_USER, 'hi', options);
    let replies: Reply[] = [];
    for (const text of item.turns) replies = await bot.say(EVAL_USER, text, options);
    out.push(judge(item, outcomeOf(item.lang, replies)));
  }
  return out;
}
