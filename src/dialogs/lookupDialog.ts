import { MessageFactory } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../i18n/index.js';
import type { HelpdeskService } from '../services/helpdeskService.js';
import { CardAction, cardActionOf, tenantOf } from '../views/actions.js';
import { partnerSummaryView, pickPartnerView } from '../views/helpdeskViews.js';
import { DialogId } from './dialogIds.js';
import { callerOf, isPersonalChat, langOfTurn, type CardSender } from './turn.js';
import { begin, type Flow } from './flow.js';
import { shownBack } from '../text/neutralise.js';

const QUERY = `${DialogId.lookup}.query`;

/** The words of a lookup command, in either language (longest first), before what is looked up. */
const LOOKUP_COMMAND =
  /^(?:who is|who's|whos|wer ist|look up|lookup|find partner|find|finde|suche partner|partner suchen|suche|such|nachschlagen|partner|tenant|mandant|user|benutzer)(?:\s+(?:partner|tenant|mandant|user|benutzer))?\s+/i;

/** An e-mail address or an id: "who is ..." asks for a person as much as a partner. */
const PERSON_QUERY = /@|^[0-9a-f]{8}-[0-9a-f]{4}-/i;

/**
 * What a lookup command looks up: "partner northwind" gives "northwind", "who is wanda@x.example?"
 * gives "wanda@x.example"; a bare "lookup" (or the menu's button) gives nothing, and the flow asks.
 */
export function lookupQueryOf(text: string): string {
  const clean = text.replace(/<at>.*?<\/at>/gi, '').trim();
  if (/^(?:lookup|look up|find|suche|partner)$/i.test(clean)) return '';
  return clean.replace(LOOKUP_COMMAND, '').replace(/[?!.]+$/, '').trim();
}

/**
 * Helpdesk partner lookup: "partner 4711002", "lookup Woodgrove", "tenant 0b7c...", or the pick and
 * reveal buttons of its cards. The only cross-tenant view in the bot: partner users get nothing, and
 * every button is re-checked against the caller's role on the server.
 */
export class LookupDialog extends ComponentDialog {
  constructor(
    private readonly helpdesk: HelpdeskService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.lookup);
    this.addDialog(new TextPrompt(QUERY));
    this.addDialog(new WaterfallDialog(`${DialogId.lookup}.steps`, [this.queryStep.bind(this), this.showStep.bind(this)]));
    this.initialDialogId = `${DialogId.lookup}.steps`;
  }

  private async queryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const caller = callerOf(context.activity);
    if (!(await this.helpdesk.agentOf(caller))) {
      await context.sendActivity(t(lang, 'helpdesk.notAgent'));
      return step.endDialog();
    }
    const verb = cardActionOf(context.activity.value);
    const tenantId = tenantOf(context.activity.value);
    if ((verb === CardAction.helpdeskPick || verb === CardAction.helpdeskReveal) && tenantId) {
      // Full IDs only in a personal chat: a helpdesk channel may have guests (F12: IDs are the partner's).
      const reveal = verb === CardAction.helpdeskReveal && isPersonalChat(context.activity);
      if (verb === CardAction.helpdeskReveal && !reveal) await context.sendActivity(t(lang, 'summary.revealPersonal'));
      const summary = await this.helpdesk.summary(caller, tenantId, reveal);
      if (summary) await this.cards.send(context, partnerSummaryView(lang, summary, { personal: isPersonalChat(context.activity) }));
      return step.endDialog();
    }
    const query = verb === CardAction.helpdeskLookup ? '' : lookupQueryOf(context.activity.text ?? '');
    if (query) return step.next(query);
    return step.prompt(QUERY, { prompt: MessageFactory.text(t(lang, 'lookup.ask')) });
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = langOfTurn(step.context);
    // What the agent typed is shown back: neutralised like anyone's text.
    const query = lookupQueryOf(String(step.result)) || String(step.result).trim();
    const shown = shownBack(query);
    const personal = isPersonalChat(step.context.activity);
    const result = await this.helpdesk.lookup(callerOf(step.context.activity), query);
    switch (result.status) {
      case 'notAgent':
        await step.context.sendActivity(t(lang, 'helpdesk.notAgent'));
        break;
      case 'none':
        await step.context.sendActivity(t(lang, PERSON_QUERY.test(query) ? 'hd.whois.none' : 'lookup.none', { query: shown }));
        break;
      case 'person':
        await step.context.sendActivity(t(lang, 'hd.whois.agent', { name: result.person.name, email: result.person.email ?? '–' }));
        break;
      case 'many':
        await this.cards.send(step.context, pickPartnerView(lang, shown, result.matches));
        break;
      case 'one':
        await this.cards.send(step.context, partnerSummaryView(lang, result.summary, { personal, ...(result.person ? { person: result.person } : {}) }));
        break;
    }
    return step.endDialog();
  }
}

/** The helpdesk's partner lookup (and its pick and reveal buttons). */
export const lookupFlow = (helpdesk: HelpdeskService, cards: CardSender): Flow => ({
  dialogs: [new LookupDialog(helpdesk, cards)],
  verbs: { [CardAction.helpdeskPick]: 'lookup', [CardAction.helpdeskReveal]: 'lookup', [CardAction.helpdeskLookup]: 'lookup' },
  starts: { lookup: begin(DialogId.lookup) },
});
