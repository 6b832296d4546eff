/**
 * Knowledge-base cards (issue 6): an answer with its source, the organization's own numbers where
 * they help, follow-up buttons and "Did this help?"; "Did you mean ...?" choices; and what a "No"
 * offers. Pure functions from data to card views.
 */
import { entitlementLines } from '../domain/entitlements.js';
import { t, type Lang } from '../i18n/index.js';
import type { KbEntry, KbFlow } from '../knowledge/knowledgeBase.js';
import type { EntitlementView } from '../services/benefitsService.js';
import { CardAction, type CardActionVerb } from './actions.js';
import { lineView, type CardView } from './views.js';

/** The button a follow-up flow gets: the menu's own wording, so it reads the same everywhere. */
const FLOW_BUTTON: Record<KbFlow, { key: Parameters<typeof t>[1]; action: CardActionVerb }> = {
  tiers: { key: 'menu.tiers', action: CardAction.tiers },
  roleCheck: { key: 'menu.roleCheck', action: CardAction.roleCheck },
  activate: { key: 'menu.activate', action: CardAction.activate },
  ids: { key: 'menu.ids', action: CardAction.ids },
  balance: { key: 'menu.balance', action: CardAction.balance },
  alreadyAssociated: { key: 'menu.assoc', action: CardAction.alreadyAssociated },
  supportPlan: { key: 'menu.plan', action: CardAction.supportPlan },
  escalate: { key: 'menu.person', action: CardAction.escalate },
};

const showEntry = (lang: Lang, entry: KbEntry, via: 'choice' | 'followUp' = 'choice') => ({
  title: entry.title[lang],
  submitData: { action: CardAction.kbShow, entry: entry.id, via },
});

/** The organization's own entitlement, as lines for an answer about what a membership gets. */
function personalLines(lang: Lang, view: EntitlementView | undefined): string[] {
  if (!view?.organization || !view.entitlement) return [];
  const org = view.organization.name;
  if (view.entitlement.active.length === 0) return [t(lang, 'kb.personal.none', { org })];
  return [
    t(lang, 'kb.personal.title', { org }),
    ...entitlementLines(view.entitlement).map((line) => {
      const { text, reason } = lineView(lang, line);
      return `${text} ${reason}`;
    }),
  ];
}

/**
 * One entry's answer. `entryById` resolves follow-up entries; `others` are the entries to offer if
 * the user says it did not help (the runners-up of their question).
 */
export function knowledgeAnswerView(
  lang: Lang,
  entry: KbEntry,
  options: {
    entryById: (id: string) => KbEntry | undefined;
    others: readonly string[];
    /** Entries that came close to the question: offered under the answer, in case one of them was meant. */
    alternatives?: readonly KbEntry[];
    /** Entries that answer the message's other questions (it asked two things): offered under the answer. */
    alsoAsked?: readonly KbEntry[];
    entitlement?: EntitlementView;
    /** This card's id: each person's "Did this help?" counts once per card. */
    card: string;
  },
): CardView {
  const followUps = entry.followUps.flatMap((f) => {
    if ('flow' in f) {
      const b = FLOW_BUTTON[f.flow];
      return [{ title: t(lang, b.key), submitData: { action: b.action } }];
    }
    const target = options.entryById(f.entry);
    return target ? [showEntry(lang, target, 'followUp')] : [];
  });
  // Close runners-up, except those the answer already offers as a follow-up.
  const followUpEntries = new Set(entry.followUps.flatMap((f) => ('entry' in f ? [f.entry] : [])));
  // (An entry the answer already offers as a follow-up is not offered twice.)
  const alsoAsked = (options.alsoAsked ?? []).filter((e) => e.id !== entry.id && !followUpEntries.has(e.id));
  const shown = new Set([entry.id, ...followUpEntries, ...alsoAsked.map((e) => e.id)]);
  const alternatives = (options.alternatives ?? []).filter((e) => !shown.has(e.id));
  const personal = entry.personalize === 'entitlement' ? personalLines(lang, options.entitlement) : [];
  const feedback = (helpful: boolean) => ({
    action: CardAction.kbFeedback,
    entry: entry.id,
    helpful,
    card: options.card,
    ...(helpful ? {} : { others: options.others.filter((id) => id !== entry.id).slice(0, 3) }),
  });
  return {
    once: true,
    template: 'kbAnswer',
    data: {
      title: entry.title[lang],
      lines: entry.answer[lang].split('\n').map((l) => l.trim()).filter(Boolean),
      hasPersonal: personal.length > 0,
      personal,
      // The facts it rests on stay out of what people read (entry ids are in the feedback data and the knowledge log).
      source: t(lang, 'kb.source', { section: entry.section[lang] }),
      hasFollowUps: followUps.length > 0,
      followUps,
      hasAlsoAsked: alsoAsked.length > 0,
      alsoAskedTitle: t(lang, 'kb.alsoAsked'),
      alsoAsked: alsoAsked.map((e) => showEntry(lang, e, 'choice')),
      hasAlternatives: alternatives.length > 0,
      alternativesTitle: t(lang, 'kb.alternatives'),
      alternatives: alternatives.map((e) => showEntry(lang, e, 'choice')),
      feedback: {
        question: t(lang, 'kb.feedback.question'),
        yes: { title: t(lang, 'kb.feedback.yes'), submitData: feedback(true) },
        no: { title: t(lang, 'kb.feedback.no'), submitData: feedback(false) },
      },
    },
  };
}

/** "Did you mean ...?": the closest entries as buttons, never an answer stated as fact. */
export function didYouMeanView(lang: Lang, candidates: readonly KbEntry[]): CardView {
  // Entry titles are whole questions: rows that wrap, not buttons that Teams cuts off.
  return {
    template: 'entryChoice',
    data: {
      title: t(lang, 'kb.didYouMean.title'),
      paragraphs: [t(lang, 'kb.didYouMean.text')],
      question: t(lang, 'kb.didYouMean.question'),
      entries: candidates.slice(0, 3).map((e) => showEntry(lang, e)),
      // "None of these" is an answer to the question, not a request for a person: it gets an honest
      // "I do not know", and only "Talk to a person" there starts a case (noneFitsView).
      other: { title: t(lang, 'kb.didYouMean.none'), submitData: { action: CardAction.kbNone } },
    },
  };
}

/**
 * After "None of these": the bot does not know the answer and says so, without guessing, and
 * offers a person. It starts no escalation itself: a case is made only when the user asks for a
 * person (this button, or in words), and then the escalation asks for the one line to pass on.
 */
export function noneFitsView(lang: Lang): CardView {
  return {
    template: 'message',
    data: {
      title: t(lang, 'kb.noneFits.title'),
      text: t(lang, 'kb.noneFits.text'),
      note: '',
      buttons: [{ title: t(lang, 'menu.person'), action: CardAction.escalate }],
    },
  };
}

/** After "No, it did not help": how to ask better, the closest other entries, and a person. */
export function notHelpedView(lang: Lang, others: readonly KbEntry[]): CardView {
  return {
    template: 'entryChoice',
    data: {
      title: t(lang, 'kb.notHelped.title'),
      paragraphs: [t(lang, 'kb.notHelped.tips')],
      question: others.length > 0 ? t(lang, 'kb.notHelped.question') : '',
      entries: others.map((e) => showEntry(lang, e)),
      other: { title: t(lang, 'menu.person'), submitData: { action: CardAction.escalate } },
    },
  };
}
