/**
 * The triage summary card: a diagnosis from the partner's directory data and the category, the
 * next step with its link, the facts it rests on, and the partner's data (IDs masked).
 */
import { LINKS } from '../domain/links.js';
import { diagnoseAlreadyAssociated, supportRoute } from '../domain/troubleshooting.js';
import { formatDate, t, type Lang } from '../i18n/index.js';
import type { Intent } from '../recognizer/recognizer.js';
import type { PartnerSummary } from '../services/helpdeskService.js';
import { CardAction } from './actions.js';
import { adviceView, leftText, pressablesView, routeView, warningTexts } from './supportViews.js';
import type { CardView } from './views.js';

export type TriageCategory = 'activation' | 'roles' | 'ids' | 'assoc' | 'plan' | 'balance' | 'other';
export const TRIAGE_CATEGORIES: readonly TriageCategory[] = ['activation', 'roles', 'ids', 'assoc', 'plan', 'balance', 'other'];

/**
 * "What is the problem about?" for the partner `org`: one row per category. Teams shows at most six
 * actions in a row and hides the rest behind "…", and there are seven categories; rows also keep
 * every label whole on a phone.
 */
export function triageCategoryView(lang: Lang, org: string): CardView {
  const rows = TRIAGE_CATEGORIES.map((id) => ({ title: t(lang, `triage.cat.${id}`), submitData: { action: CardAction.choose, choice: id } }));
  return pressablesView(t(lang, 'triage.category'), rows, [org], '', true);
}

export interface TriageInput {
  category: TriageCategory;
  scope: 'onPremises' | 'cloud';
  /** The intent of the pasted error text, if it was one of the portal errors. */
  error?: Intent;
  today: string;
}

/** The diagnosis sentence and the facts it rests on. */
export function triageDiagnosis(lang: Lang, summary: PartnerSummary, input: TriageInput): { text: string; facts: string[] } {
  const org = summary.organization;
  const admins = summary.admins.map((a) => a.name).join(', ') || t(lang, 'summary.noAdmins');
  const category = input.error === 'alreadyAssociated' ? 'assoc' : input.error === 'notAuthorizedError' || input.error === 'noBenefitsError' ? 'roles' : input.category;
  if (input.error === 'notAuthorizedError') return { text: t(lang, 'triage.dx.csp'), facts: ['F10'] };
  if (summary.entitlement.active.length === 0) return { text: t(lang, 'triage.dx.noMembership'), facts: ['F11'] };
  switch (category) {
    case 'activation':
    case 'ids':
      return org.benefits.length
        ? { text: t(lang, 'triage.dx.activated'), facts: ['F12', 'F13', 'F14'] }
        : { text: t(lang, 'triage.dx.notActivated', { admins }), facts: ['F9', 'F25'] };
    case 'roles':
      return { text: t(lang, 'triage.dx.roles', { admins }), facts: ['F9', 'F10'] };
    case 'assoc': {
      const d = diagnoseAlreadyAssociated(org, input.today);
      if (d.kind === 'valid') return { text: t(lang, 'triage.dx.assoc.valid'), facts: ['F20', 'F22'] };
      if (d.kind === 'usedUp') return { text: t(lang, 'triage.dx.assoc.usedUp'), facts: ['F21', 'F23'] };
      if (d.kind === 'expired') return { text: t(lang, 'triage.dx.assoc.expired'), facts: ['F21', 'F23'] };
      if (d.kind === 'actionPack') return { text: t(lang, 'triage.dx.assoc.actionPack'), facts: ['F7', 'F23'] };
      return { text: t(lang, 'triage.dx.notActivated', { admins }), facts: ['F25'] };
    }
    case 'balance': {
      const lines = summary.balances.map((b) => `${t(lang, `kind.${b.benefit.kind}`)}: ${leftText(lang, b)} ${warningTexts(lang, b).join(' ')}`.trim());
      return { text: lines.join('; ') || t(lang, 'triage.dx.none'), facts: ['F16', 'F21'] };
    }
    case 'plan': {
      const route = supportRoute(input.scope, org, input.today);
      const text = route.gap ? t(lang, `plan.gap.${route.gap}`, { org: org.name, kind: t(lang, `kind.${input.scope === 'cloud' ? 'SignatureCloudSupport' : 'ProductSupport'}`) }) : t(lang, input.scope === 'cloud' ? 'plan.cloud.text' : 'plan.onPremises.text');
      return { text, facts: ['F15', 'F17', 'F23'] };
    }
    default:
      return { text: t(lang, 'triage.dx.other'), facts: [] };
  }
}

export function triageView(lang: Lang, summary: PartnerSummary, input: TriageInput): { view: CardView; diagnosis: string } {
  const org = summary.organization;
  const { text } = triageDiagnosis(lang, summary, input);
  const next = routeView(lang, supportRoute(input.scope, org, input.today), org);
  const partnerLines = summary.balances.map(
    (b) => `${t(lang, `kind.${b.benefit.kind}`)}: ${leftText(lang, b)}, ${t(lang, 'ids.validRange', { start: formatDate(lang, b.benefit.start), end: formatDate(lang, b.benefit.end) })}`,
  );
  const view = adviceView({
    title: t(lang, 'triage.title', { org: `${org.name} (${org.partnerId})` }),
    paragraphs: [t(lang, 'triage.diagnosis', { text }), ...(next.data['paragraphs'] as string[]).filter((p) => p !== text)],
    stepsTitle: partnerLines.length ? t(lang, 'triage.benefits') : '',
    steps: partnerLines,
    links: [...((next.data['links'] as { title: string; url: string }[]) ?? []).slice(0, 3), { title: t(lang, 'link.benefits'), url: LINKS.technicalBenefits }],
  });
  return { view, diagnosis: text };
}
