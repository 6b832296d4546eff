/**
 * View models for the self-service flows: the "already associated" walk-through, the support route
 * and plan choice, the incident balance and recording a used incident. Pure; no botbuilder.
 */
import type { BenefitBalance } from '../domain/balance.js';
import { LINKS } from '../domain/links.js';
import type { AssociationDiagnosis, Concern, SupportRoute } from '../domain/troubleshooting.js';
import type { BenefitKind, Organization } from '../domain/types.js';
import { formatDate, t, type Lang, type StringKey } from '../i18n/index.js';
import { CardAction } from './actions.js';
import { button, type CardView } from './views.js';

/** A question's answer option: its id (sent back by the button) and its label. */
export interface ChoiceOption {
  id: string;
  title: string;
}

/**
 * The longest button title (in characters) that Teams shows whole: buttons do not wrap, and Teams
 * cuts a longer title off at the card's edge (on a phone, or with two buttons side by side, well
 * before the playground's 48 or so). Longer labels are rows whose text wraps (see choiceView).
 */
export const MAX_BUTTON_TITLE = 30;

const fitsAButton = (title: string) => [...title].length <= MAX_BUTTON_TITLE;

type Pressable = { title: string; submitData: Record<string, unknown> };

const link = (lang: Lang, key: StringKey, url: string) => ({ title: t(lang, key), url });
const submit = (title: string, submitData: Record<string, unknown>) => ({ title, submitData });
const menuButton = (lang: Lang, key: StringKey, action: string) => {
  const b = button(lang, key, action as never);
  return submit(b.title, { action: b.action });
};

/**
 * A question card with one button per option. `nonce` identifies this card: its buttons answer
 * only the question that showed it. When a label is too long for a button, every option is a row
 * instead (a container with a `selectAction`, like the knowledge answers' follow-ups), whose text
 * wraps rather than being cut off.
 */
export function choiceView(lang: Lang, question: string, options: ChoiceOption[], paragraphs: string[] = [], title = '', nonce = ''): CardView {
  return pressablesView(
    question,
    options.map((o) => submit(o.title, { action: CardAction.choose, choice: o.id, nonce })),
    paragraphs,
    title,
  );
}

/** A question card whose options are buttons when every label fits one, and rows otherwise (or when `asRows`). */
export function pressablesView(question: string, options: Pressable[], paragraphs: string[] = [], title = '', asRows = false): CardView {
  const rows = asRows || !options.every((o) => fitsAButton(o.title));
  return { template: 'choice', data: { title, paragraphs, question, choices: rows ? [] : options, rows: rows ? options : [] } };
}

/** The same card, marked with the id of the question that shows it. */
export function withNonce(view: CardView, nonce: string): CardView {
  const mark = (options: unknown) => ((options as Pressable[] | undefined) ?? []).map((c) => ({ ...c, submitData: { ...c.submitData, nonce } }));
  return { ...view, data: { ...view.data, choices: mark(view.data['choices']), rows: mark(view.data['rows']) }, once: true };
}

interface AdviceParts {
  title: string;
  // Only colours that read well on Teams' light theme: 'Warning' (yellow) and 'Good' (light green,
  // about 2.2:1 on white) do not, so good news keeps the default colour and says so in words; a
  // problem is 'Attention'.
  color?: 'Default' | 'Attention';
  paragraphs: string[];
  stepsTitle?: string;
  steps?: string[];
  plansTitle?: string;
  plans?: string[];
  buttons?: { title: string; submitData: Record<string, unknown> }[];
  links?: { title: string; url: string }[];
}

/** An answer card: what is going on, the next step, and the links for it. */
export function adviceView(parts: AdviceParts): CardView {
  return {
    template: 'advice',
    data: {
      color: 'Default',
      stepsTitle: '',
      steps: [],
      plansTitle: '',
      plans: [],
      buttons: [],
      links: [],
      ...parts,
    },
  };
}

/** "12 incidents left" / "unlimited incidents". */
export function leftText(lang: Lang, balance: BenefitBalance): string {
  if (!balance.allowance) return t(lang, 'left.unknown');
  if (balance.remaining === undefined) return t(lang, 'left.unlimited');
  return t(lang, 'left.incidents', { n: balance.remaining });
}

const F16_STEPS = (lang: Lang) => [t(lang, 'assoc.check.step1'), t(lang, 'assoc.check.step2')];

// ---------------------------------------------------------------- "already associated" (F20-F22)

export function assocQuestionView(lang: Lang): CardView {
  return choiceView(
    lang,
    t(lang, 'assoc.question'),
    [
      { id: 'own', title: t(lang, 'assoc.choice.own') },
      { id: 'csp', title: t(lang, 'assoc.choice.csp') },
    ],
    // The two usual causes first (F20, F21): who already knows theirs needs no further question.
    [t(lang, 'assoc.intro'), t(lang, 'assoc.intro.s1'), t(lang, 'assoc.intro.s2'), t(lang, 'assoc.intro.which'), t(lang, 'assoc.where')],
    t(lang, 'assoc.title'),
  );
}

/** F18, F19: a CSP customer's Azure needs no linking. */
export function assocCspView(lang: Lang): CardView {
  return adviceView({
    title: t(lang, 'assoc.csp.title'),
    paragraphs: [t(lang, 'assoc.csp.text'), t(lang, 'assoc.csp.route')],
    links: [link(lang, 'link.partnerCenter', LINKS.partnerCenterCustomers)],
  });
}

/** What the directory already tells about the cloud contract, as an answer card (or none: ask). */
export function assocDiagnosisView(lang: Lang, org: Organization | undefined, diagnosis: AssociationDiagnosis): CardView | undefined {
  const name = org?.name ?? '';
  switch (diagnosis.kind) {
    case 'unknown':
      return undefined;
    case 'actionPack':
      return adviceView({
        title: t(lang, 'assoc.actionPack.title'),
        color: 'Attention',
        paragraphs: [t(lang, 'assoc.actionPack.text', { org: name })],
        buttons: [menuButton(lang, 'menu.plan', CardAction.supportPlan)],
        links: [link(lang, 'link.compare', LINKS.comparePlans)],
      });
    case 'notActivated':
      return adviceView({
        title: t(lang, 'assoc.notActivated.title'),
        color: 'Attention',
        paragraphs: [t(lang, 'assoc.notActivated.text', { org: name })],
        buttons: [menuButton(lang, 'menu.activate', CardAction.activate)],
      });
    case 'noActiveMembership':
      return adviceView({
        title: t(lang, 'assoc.s2.title'),
        color: 'Attention',
        paragraphs: [t(lang, 'assoc.noMembership.text', { org: name }), t(lang, 'refusal.noActiveMembership.todo')],
      });
    case 'valid':
      return assocScenario1View(lang, org, diagnosis.balance);
    case 'expired':
    case 'usedUp':
      return assocScenario2View(lang, org, diagnosis.kind, diagnosis.balance);
  }
}

/** Scenario 1 (F20): already associated with this account; ignore the error. */
export function assocScenario1View(lang: Lang, org?: Organization, balance?: BenefitBalance, unsure = false): CardView {
  const paragraphs = [t(lang, 'assoc.s1.text')];
  if (org && balance) {
    paragraphs.push(t(lang, 'assoc.s1.directory', { org: org.name, end: formatDate(lang, balance.benefit.end), left: leftText(lang, balance) }));
  }
  return adviceView({
    title: t(lang, 'assoc.s1.title'),
    paragraphs,
    stepsTitle: unsure ? t(lang, 'assoc.check.title') : '',
    steps: unsure ? F16_STEPS(lang) : [],
    links: [link(lang, 'link.azure', LINKS.azureHelpAndSupport), ...(unsure ? [link(lang, 'link.sfb', LINKS.supportForBusiness)] : [])],
  });
}

/** Not linked with this account, not expired: perhaps a colleague's account has it (F13, F16). */
export function assocNotLinkedView(lang: Lang): CardView {
  return adviceView({
    title: t(lang, 'assoc.notLinked.title'),
    paragraphs: [t(lang, 'assoc.notLinked.text')],
    stepsTitle: t(lang, 'assoc.check.title'),
    steps: F16_STEPS(lang),
    links: [link(lang, 'link.sfb', LINKS.supportForBusiness)],
  });
}

/** Scenario 2 (F21): the contract expired or ran out, so it is hidden; a new plan is needed. */
export function assocScenario2View(lang: Lang, org: Organization | undefined, why: 'expired' | 'usedUp' | 'told', balance?: BenefitBalance): CardView {
  let text = t(lang, 'assoc.s2.told');
  if (org && balance && why === 'expired') text = t(lang, 'assoc.s2.expired', { org: org.name, end: formatDate(lang, balance.benefit.end) });
  if (org && balance && why === 'usedUp' && balance.allowance && !balance.allowance.unlimited) {
    text = t(lang, 'assoc.s2.usedUp', { org: org.name, used: balance.used, total: balance.allowance.incidents });
  }
  return adviceView({ title: t(lang, 'assoc.s2.title'), color: 'Attention', paragraphs: [text, t(lang, 'assoc.s2.next')] });
}

export const yesNoUnsure = (lang: Lang): ChoiceOption[] => [
  { id: 'yes', title: t(lang, 'choice.yes') },
  { id: 'no', title: t(lang, 'choice.no') },
  { id: 'unsure', title: t(lang, 'choice.unsure') },
];

// ---------------------------------------------------------------- support route and plans

export const concernOptions = (lang: Lang): ChoiceOption[] => [
  { id: 'onPremises', title: t(lang, 'plan.choice.onPremises') },
  { id: 'cloud', title: t(lang, 'plan.choice.cloud') },
  { id: 'cspCustomer', title: t(lang, 'plan.choice.cspCustomer') },
  { id: 'presales', title: t(lang, 'plan.choice.presales') },
];

const KIND_OF: Record<'onPremises' | 'cloud', BenefitKind> = { onPremises: 'ProductSupport', cloud: 'SignatureCloudSupport' };

/** The route for a problem, whether the organization is covered, and the paid plans if not. */
export function routeView(lang: Lang, route: SupportRoute, org?: Organization): CardView {
  const concern: Concern = route.concern;
  if (concern === 'cspCustomer') {
    return adviceView({
      title: t(lang, 'plan.csp.title'),
      paragraphs: [t(lang, 'assoc.csp.route'), t(lang, 'assoc.csp.text')],
      links: [link(lang, 'link.partnerCenter', LINKS.partnerCenterCustomers)],
    });
  }
  if (concern === 'presales') {
    // F26: TPD is on the same page as the support benefits, Partner Center's technical benefits.
    return adviceView({
      title: t(lang, 'plan.presales.title'),
      paragraphs: [t(lang, 'plan.presales.text')],
      links: [link(lang, 'link.benefits', LINKS.technicalBenefits)],
    });
  }
  const kind = t(lang, `kind.${KIND_OF[concern]}`);
  // A cloud contract that cannot be used (used up, expired, Action Pack) is not recommended again:
  // the route is a paid plan (F21, F23).
  const paidCloud = concern === 'cloud' && route.recommend.length > 0;
  const paragraphs = [t(lang, paidCloud ? 'plan.cloud.paid.text' : concern === 'cloud' ? 'plan.cloud.text' : 'plan.onPremises.text')];
  const name = org?.name ?? '';
  if (route.covered && route.balance) {
    paragraphs.push(t(lang, 'plan.covered', { org: name, kind, left: leftText(lang, route.balance), end: formatDate(lang, route.balance.benefit.end) }));
  } else if (route.gap) {
    paragraphs.push(t(lang, `plan.gap.${route.gap}`, { org: name, kind }));
  }
  const plans = route.recommend.map((p) => t(lang, p === 'advanced' ? 'plan.advanced' : 'plan.premier'));
  const links = [
    link(lang, concern === 'cloud' ? 'link.azure' : 'link.sfb', concern === 'cloud' ? LINKS.azureHelpAndSupport : LINKS.supportForBusiness),
    ...route.recommend.map((p) => (p === 'advanced' ? link(lang, 'link.advanced', LINKS.advancedSupport) : link(lang, 'link.premier', LINKS.premierSupport))),
    ...(route.recommend.length ? [link(lang, 'link.compare', LINKS.comparePlans)] : []),
  ];
  return adviceView({
    title: t(lang, paidCloud ? 'plan.cloud.paid.title' : concern === 'cloud' ? 'plan.cloud.title' : 'plan.onPremises.title'),
    color: route.covered === false ? 'Attention' : 'Default',
    paragraphs,
    plansTitle: plans.length ? t(lang, 'plan.recommend') : '',
    plans: plans.length ? [...plans, t(lang, 'plan.compare')] : [],
    buttons: route.gap === 'notActivated' ? [menuButton(lang, 'menu.activate', CardAction.activate)] : [],
    links,
  });
}

// ---------------------------------------------------------------- balance (F13, F16, F21)

export function warningTexts(lang: Lang, b: BenefitBalance): string[] {
  return b.warnings.map((w) => {
    const end = formatDate(lang, b.benefit.end);
    switch (w) {
      case 'expired':
        return t(lang, 'balance.warn.expired', { end });
      case 'endsSoon':
        return t(lang, 'balance.warn.endsSoon', { n: b.daysLeft, end });
      case 'fewLeft':
        return t(lang, 'balance.warn.fewLeft', { n: b.remaining ?? 0 });
      case 'usedUp':
        return t(lang, 'balance.warn.usedUp');
    }
  });
}

export function balanceView(lang: Lang, org: Organization, balances: readonly BenefitBalance[]): CardView {
  return {
    template: 'balance',
    data: {
      title: t(lang, 'balance.title', { org: org.name }),
      contracts: balances.map((b) => {
        const total = !b.allowance ? t(lang, 'balance.unknown') : b.allowance.unlimited ? t(lang, 'balance.unlimited') : String(b.allowance.incidents);
        const facts = [
          { title: t(lang, 'balance.total'), value: total },
          { title: t(lang, 'balance.used'), value: String(b.used) },
          { title: t(lang, 'balance.left'), value: b.remaining === undefined ? total : String(b.remaining) },
          { title: t(lang, 'balance.valid'), value: t(lang, 'ids.validRange', { start: formatDate(lang, b.benefit.start), end: formatDate(lang, b.benefit.end) }) },
        ];
        // Every contract shows the same four facts, so their values line up from card to card; the
        // cases are a line of their own (as a fifth fact, "Cases recorded here" widened only its
        // contract's label column, and the values of the contracts no longer lined up).
        const cases = b.benefit.cases?.length ? t(lang, 'balance.cases', { cases: b.benefit.cases.map((c) => c.caseRef).join(', ') }) : '';
        return { kind: t(lang, `kind.${b.benefit.kind}`), facts, cases, warnings: warningTexts(lang, b) };
      }),
      disclaimer: t(lang, 'balance.disclaimer', { org: org.name }),
      checkTitle: t(lang, 'assoc.check.title'),
      steps: F16_STEPS(lang),
      links: [link(lang, 'link.sfb', LINKS.supportForBusiness), link(lang, 'link.remaining', LINKS.remainingIncidents)],
    },
  };
}

// ---------------------------------------------------------------- recording an incident

/** The benefits to pick from, by their short names: "Microsoft Product Support (lokal installierte Produkte)" is no button. */
export function kindOptions(lang: Lang, kinds: readonly BenefitKind[]): ChoiceOption[] {
  return kinds.map((k) => ({ id: k, title: t(lang, `choice.kind.${k}`) }));
}

/** The confirmation before recording: which contract, which case, what is left afterwards. */
/** @param after the contract's balance once the incident is recorded (the service's preview). */
export function incidentConfirmView(lang: Lang, after: BenefitBalance, caseRef: string): CardView {
  const kind = t(lang, `kind.${after.benefit.kind}`);
  const text = !after.allowance
    ? t(lang, 'incident.confirm.unknown', { kind, caseRef })
    : after.remaining === undefined
      ? t(lang, 'incident.confirm.unlimited', { kind, caseRef })
      : t(lang, 'incident.confirm.counted', { kind, caseRef, after: after.remaining });
  return choiceView(
    lang,
    text,
    [
      { id: 'yes', title: t(lang, 'incident.confirm.yes') },
      { id: 'no', title: t(lang, 'incident.confirm.no') },
    ],
    [],
    t(lang, 'incident.confirm.title'),
  );
}

