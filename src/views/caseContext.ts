/**
 * What a case card tells an agent of the partner's conversation before they asked for a person
 * (issue 14): where they were (the flow) and their recent questions in their own words, instead of
 * the bot's last reply. And the resolution note's hint, which says who reads the note. Pure.
 */
import { STRING_TABLES, t, type Lang, type StringKey } from '../i18n/index.js';
import { neutralise } from '../text/neutralise.js';
import type { HelpdeskCase } from '../store/types.js';

/** The label of a flow by name (`balance`, `activate`, ...), when it has one. */
function flowLabel(lang: Lang, flow: string | undefined): string | undefined {
  const key = `case.flow.${flow}`;
  return flow && key in STRING_TABLES.en ? t(lang, key as StringKey) : undefined;
}

/** The case card's facts about the partner's conversation: where they were, then their recent questions (oldest first). */
export function caseContextFacts(lang: Lang, c: HelpdeskCase): { title: string; value: string }[] {
  if (c.origin !== 'escalation' || !c.context) return [];
  const facts: { title: string; value: string }[] = [];
  const where = flowLabel(lang, c.context['topic'] ?? c.context['flow']);
  if (where) facts.push({ title: t(lang, 'case.flow'), value: where });
  const asked = (c.context['asked'] ?? '').split('\n').filter((q) => q.trim());
  // Neutralised when kept; again here, for cases kept before (it changes nothing twice).
  asked.forEach((q, i) => facts.push({ title: i === 0 ? t(lang, 'case.asked') : '', value: lang === 'de' ? `„${neutralise(q)}“` : `“${neutralise(q)}”` }));
  return facts;
}

/** The hint in the resolution note: an escalation's note goes to the partner, a triage's stays in the case. */
export function caseNotePlaceholder(lang: Lang, c: HelpdeskCase): string {
  return t(lang, c.origin === 'escalation' ? 'case.notePlaceholder' : 'case.notePlaceholder.triage');
}
