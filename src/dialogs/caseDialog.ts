import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ProactiveMessenger } from '../adapter/proactive.js';
import { t, type Lang } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { commandArgument } from '../recognizer/recognizer.js';
import { caseIdIn, type CaseChange, type CaseService } from '../services/caseService.js';
import type { CaseListKind } from '../services/helpdeskService.js';
import type { AuditLog } from '../store/types.js';
import { neutralise, shownBack } from '../text/neutralise.js';
import { CardAction, caseIdOf, cardActionOf, noteOf } from '../views/actions.js';
import { auditView, caseListView, caseView } from '../views/helpdeskViews.js';
import { DialogId } from './dialogIds.js';
import { callerOf, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';

/** What the case flow was asked to do. */
export interface CaseOptions {
  request: 'assign' | 'resolve' | 'setChannel' | 'myCases' | 'openCases' | 'casesFor' | 'audit';
}

const CASE_QUERY = `${DialogId.cases}.caseId`;

/** "unassigned cases", "nicht zugewiesene Fälle", "cases without an assignee" (else "open cases"). */
const UNASSIGNED = /\b(?:unassigned|not assigned|nicht zugewiesen\w*|unzugewiesen\w*|without (?:an )?(?:assignee|agent)|ohne (?:bearbeiter\w*|zuweisung))\b/i;

/** The reader's time zone when Teams sends it (a message's `localTimezone`), for dates as they read them. */
function timeZoneOf(context: TurnContext): string | undefined {
  const zone = (context.activity as { localTimezone?: unknown }).localTimezone;
  return typeof zone === 'string' && zone.length > 0 && zone.length < 64 ? zone : undefined;
}

/**
 * The helpdesk's side of cases: "set helpdesk channel", the case card's "Assign to me" and
 * "Resolve" (the card updates in place, the partner hears about it), one case by its id with its
 * history, the case lists ("assigned to me", "open", "unassigned", "cases for ...") and the audit.
 * Agents only, re-checked on the server for every request; a partner's "my cases" lists their own.
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
    this.addDialog(new TextPrompt(CASE_QUERY));
    this.addDialog(new WaterfallDialog(`${DialogId.cases}.steps`, [this.actStep.bind(this), this.showAskedStep.bind(this)]));
    this.initialDialogId = `${DialogId.cases}.steps`;
  }

  private async actStep(step: WaterfallStepContext<CaseOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const caller = callerOf(context.activity);
    const notAgent = () => context.sendActivity(t(lang, 'helpdesk.notAgent'));
    const text = (context.activity.text ?? '').trim();
    const verb = cardActionOf(context.activity.value);
    const zone = timeZoneOf(context);
    switch (step.options.request) {
      case 'setChannel':
        if (await this.cases.setHelpdeskConversation(caller, context.activity.conversation.id)) {
          await context.sendActivity(t(lang, 'helpdesk.channelSet'));
        } else await notAgent();
        break;
      case 'casesFor': {
        // "case C-000002" (or the button of a list's row, or "Case by id"), else "cases for <partner>".
        const pressed = verb === CardAction.caseShow;
        const id = pressed ? caseIdOf(context.activity.value) : caseIdIn(text);
        if (pressed || id) {
          if (!(await this.cases.agentOf(caller))) {
            await context.sendActivity(t(lang, 'hd.case.notAgent'));
            break;
          }
          if (id) {
            await this.showCase(context, lang, id);
            break;
          }
          return step.prompt(CASE_QUERY, { prompt: MessageFactory.text(t(lang, 'hd.case.ask')) });
        }
        const query = commandArgument(text);
        const list = await this.cases.list(caller, { partner: query });
        if (list === 'notAgent') await notAgent();
        // What the agent typed is shown back (the channel reads it too): neutralised, as the lookup and triage do.
        else await this.cards.send(context, caseListView(lang, 'partner', list, shownBack(query), zone));
        break;
      }
      case 'myCases':
      case 'openCases': {
        const agent = await this.cases.agentOf(caller);
        const kind: Exclude<CaseListKind, 'partner'> =
          step.options.request === 'myCases'
            ? agent ? 'assignedToMe' : 'mine'
            : verb === CardAction.casesUnassigned || (!verb && UNASSIGNED.test(text)) ? 'unassigned' : 'open';
        const list = await this.cases.list(caller, kind);
        if (list === 'notAgent') await notAgent();
        else await this.cards.send(context, caseListView(lang, kind, list, '', zone));
        break;
      }
      case 'audit': {
        if (!(await this.cases.agentOf(caller))) {
          await notAgent();
          break;
        }
        const query = verb ? '' : commandArgument(text).replace(/^audit$/i, '');
        const filter = /^\d{4,10}$/.test(query) ? { partnerId: query } : query ? { tenantId: query.toLowerCase() } : {};
        const entries = await this.audit.list({ ...filter, limit: 15 });
        if (entries.length) await this.cards.send(context, auditView(lang, entries, shownBack(query), zone));
        else await context.sendActivity(t(lang, 'hd.audit.none', { query: shownBack(query) }));
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

  /** The answer to "Which case?". */
  private async showAskedStep(step: WaterfallStepContext<CaseOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const typed = String(step.result ?? '').trim();
    const id = caseIdIn(typed);
    if (!id) await context.sendActivity(t(lang, 'hd.case.badId', { text: shownBack(typed, 60) }));
    else await this.showCase(context, lang, id);
    return step.endDialog();
  }

  /** One case with its whole history, for an agent (checked again: the case is another organization's). */
  private async showCase(context: TurnContext, lang: Lang, id: string): Promise<void> {
    const found = await this.cases.byId(callerOf(context.activity), id);
    if (found === 'notAgent') await context.sendActivity(t(lang, 'hd.case.notAgent'));
    else if (!found) await context.sendActivity(t(lang, 'hd.case.notFound', { id }));
    else await this.cards.send(context, caseView(lang, found, timeZoneOf(context)));
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
          // The agent's note reaches the partner: neutralised (no links, no bidi tricks).
          const text =
            request === 'assign'
              ? t(partnerLang, 'case.assigned.partner', { id: c.id, name: change.agent.name })
              : t(partnerLang, 'case.resolved.partner', { id: c.id, name: change.agent.name, note: neutralise(c.notes.at(-1)?.text ?? '') });
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

/** The helpdesk's cases: the channel, the case card's buttons, one case, the lists and the audit. */
export const casesFlow = (cases: CaseService, audit: AuditLog, cards: CardSender, messenger: ProactiveMessenger, logger: Logger): Flow => {
  const start = (request: CaseOptions['request']) => begin(DialogId.cases, { request } satisfies CaseOptions);
  return {
    dialogs: [new CaseDialog(cases, audit, cards, messenger, logger)],
    verbs: {
      [CardAction.caseAssign]: 'caseAssign',
      [CardAction.caseResolve]: 'caseResolve',
      // The helpdesk menu's buttons and a case list's rows (each re-checked as typed commands are).
      [CardAction.caseShow]: 'casesFor',
      [CardAction.casesMine]: 'myCases',
      [CardAction.casesOpen]: 'openCases',
      [CardAction.casesUnassigned]: 'openCases',
      [CardAction.helpdeskAudit]: 'audit',
      [CardAction.helpdeskTriage]: 'triage',
    },
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
