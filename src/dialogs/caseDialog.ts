import { CardFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import { t, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { commandArgument } from '../recognizer/recognizer.js';
import type { CaseChange, CaseService } from '../services/caseService.js';
import type { AuditLog } from '../store/types.js';
import { CardAction, caseIdOf, noteOf } from '../views/actions.js';
import { casesText, caseView } from '../views/helpdeskViews.js';
import { DialogId } from './dialogIds.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';

/** What the case flow was asked to do. */
export interface CaseOptions {
  request: 'assign' | 'resolve' | 'setChannel' | 'myCases' | 'openCases' | 'casesFor' | 'audit';
}

/**
 * The helpdesk's side of cases: "set helpdesk channel", the case card's "Assign to me" and
 * "Resolve" (the card updates in place, the partner hears about it), the case lists and
 * "audit 4711002". Agents only, except "my cases".
 */
export class CaseDialog extends ComponentDialog {
  constructor(
    private readonly cases: CaseService,
    private readonly audit: AuditLog,
    private readonly cards: CardSender,
    private readonly messenger: ProactiveMessenger,
    private readonly logger: Logger,
  ) {
    super(DialogId.cases);
    this.addDialog(new WaterfallDialog(`${DialogId.cases}.steps`, [this.actStep.bind(this)]));
    this.initialDialogId = `${DialogId.cases}.steps`;
  }

  private async actStep(step: WaterfallStepContext<CaseOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const caller = callerOf(context.activity);
    const notAgent = () => context.sendActivity(t(lang, 'helpdesk.notAgent'));
    switch (step.options.request) {
      case 'setChannel':
        if (await this.cases.setHelpdeskConversation(caller, context.activity.conversation.id)) {
          await context.sendActivity(t(lang, 'helpdesk.channelSet'));
        } else await notAgent();
        break;
      case 'myCases':
      case 'openCases':
      case 'casesFor': {
        const which = step.options.request === 'myCases' ? 'mine' : step.options.request === 'openCases' ? 'open' : { partner: commandArgument(context.activity.text ?? '') };
        const list = await this.cases.list(caller, which);
        if (list === 'notAgent') await notAgent();
        else await context.sendActivity(casesText(lang, list));
        break;
      }
      case 'audit': {
        if (!(await this.cases.agentOf(caller))) {
          await notAgent();
          break;
        }
        const query = commandArgument(context.activity.text ?? '').replace(/^audit$/i, '');
        const filter = /^\d{4,10}$/.test(query) ? { partnerId: query } : query ? { tenantId: query.toLowerCase() } : {};
        const entries = await this.audit.list({ ...filter, limit: 15 });
        await context.sendActivity(
          entries.length
            ? entries.map((e) => t(lang, 'audit.line', { at: e.at.slice(0, 16).replace('T', ' '), actor: e.actor.name, action: e.action })).join('\n')
            : t(lang, 'audit.none', { query }),
        );
        break;
      }
      case 'assign':
      case 'resolve': {
        const caseId = caseIdOf(context.activity.value);
        if (!caseId) break;
        const change =
          step.options.request === 'assign'
            ? await this.cases.assign(caller, caseId)
            : await this.cases.resolve(caller, caseId, noteOf(context.activity.value));
        await this.report(context, lang, change, step.options.request);
        break;
      }
    }
    return step.endDialog();
  }

  private async report(context: TurnContext, lang: Lang, change: CaseChange, request: 'assign' | 'resolve'): Promise<void> {
    switch (change.status) {
      case 'notAgent':
        await context.sendActivity(t(lang, 'helpdesk.notAgent'));
        return;
      case 'notFound':
        await context.sendActivity(t(lang, 'case.notFound'));
        return;
      case 'alreadyResolved':
        await context.sendActivity(t(lang, 'case.alreadyResolved', { id: change.helpdeskCase.id }));
        return;
      case 'noteMissing':
        await context.sendActivity(t(lang, 'case.noteMissing'));
        return;
      case 'alreadyAssigned':
        await context.sendActivity(
          change.toCaller
            ? t(lang, 'case.assigned.ack', { id: change.helpdeskCase.id })
            : t(lang, 'case.assignedOther', { id: change.helpdeskCase.id, name: change.helpdeskCase.assignee?.name ?? '' }),
        );
        return;
      case 'changed': {
        const c = change.helpdeskCase;
        // The card updates in place for everyone in the helpdesk conversation (this turn's own chat).
        if (c.card && c.card.conversationId.split(';')[0] === context.activity.conversation.id.split(';')[0]) {
          const card = this.cards.activity(caseView(lang, c));
          try {
            await context.updateActivity({ ...card, id: c.card.activityId, type: 'message', attachments: card.attachments ?? [CardFactory.adaptiveCard({})] });
          } catch (error) {
            this.logger.warn({ err: error, caseId: c.id }, 'could not update the case card in place');
          }
        }
        let told = false;
        if (change.partner) {
          const partnerLang = (change.partner.reference['locale'] as string | undefined)?.startsWith('de') ? 'de' : 'en';
          const text =
            request === 'assign'
              ? t(partnerLang, 'case.assigned.partner', { id: c.id, name: change.agent.name })
              : t(partnerLang, 'case.resolved.partner', { id: c.id, name: change.agent.name, note: c.notes.at(-1)?.text ?? '' });
          try {
            await this.messenger.send(change.partner.reference, [{ type: 'message', text, textFormat: 'plain' }]);
            told = true;
          } catch (error) {
            this.logger.error({ err: error, caseId: c.id }, 'could not tell the partner about the case change');
          }
        }
        const ack = request === 'assign' ? 'case.assigned.ack' : told ? 'case.resolved.ack' : 'case.resolved.ackUntold';
        await context.sendActivity(t(lang, ack, { id: c.id }));
      }
    }
  }
}

/** The helpdesk's cases: the channel, the case card's buttons, the lists and the audit. */
export const casesFlow = (cases: CaseService, audit: AuditLog, cards: CardSender, messenger: ProactiveMessenger, logger: Logger): Flow => {
  const start = (request: CaseOptions['request']) => begin(DialogId.cases, { request } satisfies CaseOptions);
  return {
    dialogs: [new CaseDialog(cases, audit, cards, messenger, logger)],
    verbs: { [CardAction.caseAssign]: 'caseAssign', [CardAction.caseResolve]: 'caseResolve' },
    starts: {
      setHelpdeskChannel: start('setChannel'),
      myCases: start('myCases'),
      openCases: start('openCases'),
      casesFor: start('casesFor'),
      audit: start('audit'),
      caseAssign: start('assign'),
      caseResolve: start('resolve'),
    },
  };
};
