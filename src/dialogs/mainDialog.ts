import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogContext,
  type DialogState,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { t } from '../i18n/index.js';
import { recognize, type Intent } from '../recognizer/recognizer.js';
import type { BenefitsService } from '../services/benefitsService.js';
import { CardAction, cardActionOf, shownActivationOf, type CardActionVerb } from '../views/actions.js';
import { menuView } from '../views/views.js';
import { ActivationDialog, CONFIRM_PROMPT, type ActivationOptions } from './activationDialog.js';
import { DialogId } from './dialogIds.js';
import { IdsDialog } from './idsDialog.js';
import { TiersDialog } from './tiersDialog.js';
import { langOfTurn, type CardSender } from './turn.js';

/** What the user asked for in this turn, from a card button or from free text. */
type Request = 'tiers' | 'roleCheck' | 'activate' | 'activationConfirm' | 'activationCancel' | 'ids' | Intent;

const FROM_VERB: Record<CardActionVerb, Request> = {
  [CardAction.tiers]: 'tiers',
  [CardAction.roleCheck]: 'roleCheck',
  [CardAction.activate]: 'activate',
  [CardAction.activationConfirm]: 'activationConfirm',
  [CardAction.activationCancel]: 'activationCancel',
  [CardAction.ids]: 'ids',
  [CardAction.help]: 'help',
};

/** Requests that start a flow of their own, replacing whatever flow was waiting for an answer. */
const NEW_FLOW = new Set<Request>(['tiers', 'roleCheck', 'activate', 'ids']);

/** Requests a waiting activation confirmation answers itself ("activate" there means yes). */
const CONFIRMATION_ANSWERS = new Set<Request>(['activate', 'activationConfirm', 'activationCancel']);

const REQUEST = Symbol('request');

/** What the user asked for in this turn (recognized once per turn, then remembered). */
export function requestOf(context: TurnContext): Request {
  const cached = context.turnState.get(REQUEST) as Request | undefined;
  if (cached) return cached;
  const verb = cardActionOf(context.activity.value);
  const request = verb ? FROM_VERB[verb] : recognize(context.activity.text ?? '').intent;
  context.turnState.set(REQUEST, request);
  return request;
}

/** The innermost active dialog's id (the prompt a flow waits on), if any. */
function waitingDialogId(dc: DialogContext): string | undefined {
  let id = dc.activeDialog?.id;
  for (let child = dc.child; child; child = child.child) id = child.activeDialog?.id ?? id;
  return id;
}

/**
 * The router: decides which flow a message belongs to. Precedence: "cancel" and "start over" end
 * any flow; "help" answers without ending it; a new request (button or recognized text) replaces a
 * waiting flow; otherwise the waiting flow gets the message; with no flow, unrecognized text gets
 * the menu, never silence.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    benefits: BenefitsService,
    private readonly cards: CardSender,
  ) {
    super(DialogId.main);
    this.addDialog(new TiersDialog(benefits, cards));
    this.addDialog(new ActivationDialog(benefits, cards));
    this.addDialog(new IdsDialog(benefits, cards));
    this.addDialog(new WaterfallDialog(`${DialogId.main}.steps`, [this.routeStep.bind(this)]));
    this.initialDialogId = `${DialogId.main}.steps`;
  }

  /** Runs one turn through the dialog stack kept in `dialogState`. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const request = requestOf(context);
    const lang = langOfTurn(context);

    if (request === 'cancel' || request === 'startOver') {
      const wasActive = dc.activeDialog !== undefined;
      await dc.cancelAllDialogs();
      if (request === 'startOver') {
        await context.sendActivity(t(lang, 'startOver.done'));
        await this.cards.send(context, menuView(lang, 'welcome'));
      } else {
        await context.sendActivity(t(lang, wasActive ? 'cancel.done' : 'cancel.nothing'));
      }
      return;
    }
    if (dc.activeDialog) {
      if (request === 'help') {
        // Answer and keep the flow waiting where it was.
        await this.cards.send(context, menuView(lang, 'help'));
        return;
      }
      const answersConfirmation = waitingDialogId(dc) === CONFIRM_PROMPT && CONFIRMATION_ANSWERS.has(request);
      if (NEW_FLOW.has(request) && !answersConfirmation) await dc.cancelAllDialogs();
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const lang = langOfTurn(context);
    const activate = (mode: ActivationOptions['mode']) => step.beginDialog(DialogId.activation, { mode });
    switch (requestOf(context)) {
      case 'tiers':
        return step.beginDialog(DialogId.tiers);
      case 'ids':
        return step.beginDialog(DialogId.ids);
      case 'roleCheck':
        return activate('check');
      case 'activate':
        return activate('activate');
      case 'activationConfirm':
        // A confirmation with no flow waiting: activation re-checks everything on the server.
        return step.beginDialog(DialogId.activation, {
          mode: 'confirmed',
          shown: shownActivationOf(context.activity.value),
        } satisfies ActivationOptions);
      case 'activationCancel':
        await context.sendActivity(t(lang, 'activation.cancelled'));
        return step.endDialog();
      case 'greeting':
        await this.cards.send(context, menuView(lang, 'welcome'));
        return step.endDialog();
      case 'help':
        await this.cards.send(context, menuView(lang, 'help'));
        return step.endDialog();
      default:
        await this.cards.send(context, menuView(lang, 'fallback'));
        return step.endDialog();
    }
  }
}
