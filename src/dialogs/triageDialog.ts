import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Clock } from '../clock.js';
import { t } from '../i18n/index.js';
import { commandArgument, recognize } from '../recognizer/recognizer.js';
import type { CaseService } from '../services/caseService.js';
import type { HelpdeskService } from '../services/helpdeskService.js';
import { caseView } from '../views/helpdeskViews.js';
import { choiceView } from '../views/supportViews.js';
import { triageCategoryView, triageView, type TriageCategory } from '../views/triageViews.js';
import { ChoiceCardPrompt, FreeTextPrompt, questionOptions } from './cardPrompts.js';
import { DialogId } from './dialogIds.js';
import type { PromptChoice } from './promptChoices.js';
import { callerOf, langOfTurn, requestKeyOf, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { shownBack } from '../text/neutralise.js';

const CHOICE = `${DialogId.triage}.choice`;
const TEXT = `${DialogId.triage}.text`;

const CATEGORY_WORDS: PromptChoice[] = [
  { id: 'activation', words: ['activation', 'activate', 'aktivierung', 'aktivieren'] },
  { id: 'roles', words: ['roles', 'role', 'account', 'rollen', 'konto'] },
  { id: 'ids', words: ['ids', 'id', 'access id', 'contract id'] },
  { id: 'assoc', words: ['already associated', 'associated', 'zugeordnet'] },
  { id: 'plan', words: ['plan', 'support', 'which support'] },
  { id: 'balance', words: ['balance', 'incidents', 'kontingent'] },
  { id: 'other', words: ['other', 'something else', 'anderes', 'sonstiges'] },
];
const SCOPE_WORDS: PromptChoice[] = [
  { id: 'onPremises', words: ['on-premises', 'on premises', 'on-prem', 'lokal'] },
  { id: 'cloud', words: ['cloud', 'azure'] },
];

interface Gathered {
  tenantId?: string;
  category?: TriageCategory;
  scope?: 'onPremises' | 'cloud';
}

/**
 * "triage" (helpdesk agents): which partner, what the problem is about, on-premises or cloud, and
 * the error text; ends with a summary card (diagnosis, next step, facts, partner data) saved as a case.
 */
export class TriageDialog extends ComponentDialog {
  constructor(
    private readonly helpdesk: HelpdeskService,
    private readonly cases: CaseService,
    private readonly cards: CardSender,
    private readonly clock: Clock,
  ) {
    super(DialogId.triage);
    this.addDialog(new ChoiceCardPrompt(CHOICE));
    this.addDialog(new FreeTextPrompt(TEXT));
    this.addDialog(
      new WaterfallDialog(`${DialogId.triage}.steps`, [
        this.partnerStep.bind(this),
        this.categoryStep.bind(this),
        this.scopeStep.bind(this),
        this.errorStep.bind(this),
        this.summaryStep.bind(this),
      ]),
    );
    this.initialDialogId = `${DialogId.triage}.steps`;
  }

  private gathered(step: WaterfallStepContext): Gathered {
    return step.values as Gathered;
  }

  private async partnerStep(step: WaterfallStepContext<{ problem?: string }>): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    if (!(await this.helpdesk.agentOf(callerOf(step.context.activity)))) {
      await step.context.sendActivity(t(lang, 'helpdesk.notAgent'));
      return step.endDialog();
    }
    const inline = commandArgument(step.context.activity.text ?? '').replace(/^(?:start |new |neue |starte )?triage\s*/i, '');
    if (inline && !step.options?.problem) return step.next(inline);
    const text = step.options?.problem ? t(lang, 'triage.partnerAgain', { problem: step.options.problem }) : t(lang, 'triage.partner');
    return step.prompt(TEXT, { prompt: MessageFactory.text(text) });
  }

  private async categoryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    const query = String(step.result);
    const found = await this.helpdesk.lookup(callerOf(step.context.activity), query);
    if (found.status !== 'one') {
      // What the agent typed is shown back in the helpdesk channel: neutralised like anyone's text.
      const shown = shownBack(query);
      const problem =
        found.status === 'many'
          ? t(lang, 'lookup.many', { query: shown }) + ' ' + found.matches.map((o) => `${o.name} (${o.partnerId})`).join(', ')
          : t(lang, 'lookup.none', { query: shown });
      return step.replaceDialog(DialogId.triage, { problem });
    }
    this.gathered(step).tenantId = found.summary.organization.tenantId;
    const view = triageCategoryView(lang, found.summary.organization.name);
    return step.prompt(CHOICE, questionOptions(this.cards, view, CATEGORY_WORDS, t(lang, 'choice.reprompt')));
  }

  private async scopeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    this.gathered(step).category = step.result as TriageCategory;
    const options = [
      { id: 'onPremises', title: t(lang, 'triage.scope.onPremises') },
      { id: 'cloud', title: t(lang, 'triage.scope.cloud') },
    ];
    return step.prompt(CHOICE, questionOptions(this.cards, choiceView(lang, t(lang, 'triage.scope'), options), SCOPE_WORDS, t(lang, 'choice.reprompt')));
  }

  private async errorStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    this.gathered(step).scope = step.result as 'onPremises' | 'cloud';
    return step.prompt(TEXT, { prompt: MessageFactory.text(t(langOfTurn(step.context), 'triage.error')) });
  }

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const caller = callerOf(context.activity);
    const { tenantId, category, scope } = this.gathered(step);
    const summary = await this.helpdesk.summary(caller, tenantId!, false);
    if (!summary) {
      await context.sendActivity(t(lang, 'helpdesk.notAgent'));
      return step.endDialog();
    }
    const errorText = String(step.result);
    const error = recognize(errorText).intent;
    const { view, diagnosis } = triageView(lang, summary, { category: category!, scope: scope!, error, today: this.clock.today() });
    await this.cards.send(context, view);
    const org = summary.organization;
    const saved = await this.cases.createTriage(caller, org, category!, `${t(lang, `triage.cat.${category!}`)}: ${diagnosis}`, requestKeyOf(context.activity));
    if (saved) {
      await context.sendActivity(t(lang, 'triage.saved', { id: saved.id }));
      // The case card here, so the case can be assigned and resolved like an escalation.
      const posted = await context.sendActivity(this.cards.activity(caseView(lang, saved)));
      if (posted?.id) await this.cases.attachCard(saved.id, { conversationId: context.activity.conversation.id, activityId: posted.id });
    }
    return step.endDialog();
  }
}

/** The helpdesk's guided triage. */
export const triageFlow = (helpdesk: HelpdeskService, cases: CaseService, cards: CardSender, clock: Clock): Flow => ({
  dialogs: [new TriageDialog(helpdesk, cases, cards, clock)],
  starts: { triage: begin(DialogId.triage, {}) },
});
