/**
 * Prompts answered by a card's buttons or by typing, in English or German. The router asks a
 * waiting prompt whether a message answers it (`accepts`) before treating the message as a new
 * request, so "cloud" answers "What does the problem concern?" instead of starting another flow.
 */
import { MessageFactory, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { randomUUID } from 'node:crypto';
import { isCaseRef } from '../domain/balance.js';
import { asksInstead } from '../knowledge/routing.js';
import { extractIncident, normalize, recognize } from '../recognizer/recognizer.js';
import { CardAction, cardActionOf, choiceOf, nonceOf } from '../views/actions.js';
import { withNonce } from '../views/supportViews.js';
import type { CardView } from '../views/views.js';
import { choiceIn, type PromptChoice } from './promptChoices.js';
import type { CardSender } from './turn.js';

/** A prompt the router can ask whether the current message answers it. */
export abstract class AnswerablePrompt<T> extends Prompt<T> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  /** The answer in this turn's message, or undefined when it is no answer to this prompt. */
  abstract answer(context: TurnContext, options: PromptOptions): T | undefined;

  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected override async onRecognize(context: TurnContext, _state: object, options: PromptOptions): Promise<PromptRecognizerResult<T>> {
    const value = this.answer(context, options);
    return value === undefined ? { succeeded: false } : { succeeded: true, value };
  }
}

/**
 * A yes/no prompt answered by a confirmation card (`activation.confirm` / `activation.cancel`) or
 * by typing yes/no; "activate" typed at "Activate ...?" means yes.
 */
export class ConfirmCardPrompt extends AnswerablePrompt<boolean> {
  answer(context: TurnContext): boolean | undefined {
    const verb = cardActionOf(context.activity.value);
    if (verb === CardAction.activationConfirm) return true;
    if (verb === CardAction.activationCancel) return false;
    if (verb) return undefined;
    const typed = context.activity.text ?? '';
    // "Do we need to activate before use?" asks; it does not confirm.
    if (asksInstead(typed, 2)) return undefined;
    const intent = recognize(typed).intent;
    if (intent === 'confirmYes' || intent === 'activate') return true;
    if (intent === 'confirmNo') return false;
    return undefined;
  }
}

/** What a ChoiceCardPrompt keeps in its options: the answers, and the id of the card it showed. */
export interface ChoiceValidations {
  choices: PromptChoice[];
  /** Sent back by the card's buttons; a button of another (older) card does not answer. */
  nonce: string;
}

/** A fresh id for a question card. */
export const newNonce = (): string => randomUUID().slice(0, 8);

/** The intents a typed answer may carry and still be an answer rather than a new request. */
const ANSWER_INTENTS = new Set(['none', 'confirmYes', 'confirmNo', 'greeting']);

/**
 * A question answered by a button of its own choice card (`{ action: 'choose', choice, nonce }`) or
 * by typing one of a choice's words; choices with the ids `yes` / `no` also take a typed yes or no.
 * A typed sentence that asks for something else ("Wie viele Incidents haben wir noch?") is no
 * answer, even when it contains a choice's word: the router then starts that request instead.
 */
export class ChoiceCardPrompt extends AnswerablePrompt<string> {
  answer(context: TurnContext, options: PromptOptions): string | undefined {
    const { choices, nonce } = (options.validations as ChoiceValidations | undefined) ?? { choices: [], nonce: '' };
    const ids = new Set(choices.map((c) => c.id));
    const chosen = choiceOf(context.activity.value);
    if (chosen) return ids.has(chosen) && nonceOf(context.activity.value) === nonce ? chosen : undefined;
    if (context.activity.value && cardActionOf(context.activity.value)) return undefined;
    const text = normalize(context.activity.text ?? '');
    if (!text) return undefined;
    // A question ("what does the cloud 5-pack mean?") is not an answer, even with a choice's word in it.
    if (asksInstead(context.activity.text ?? '', 3)) return undefined;
    const intent = recognize(text).intent;
    if (intent === 'confirmYes' && ids.has('yes')) return 'yes';
    if (intent === 'confirmNo' && ids.has('no')) return 'no';
    if (!ANSWER_INTENTS.has(intent) && text.split(' ').length > 3) return undefined;
    return choiceIn(text, choices);
  }
}

/** A case number, typed alone or labelled ("case 2611...", "SR 2611..."). */
export class CaseRefPrompt extends AnswerablePrompt<string> {
  answer(context: TurnContext): string | undefined {
    const text = context.activity.text ?? '';
    const ref = extractIncident(text).caseRef ?? text.trim();
    return isCaseRef(ref) ? ref : undefined;
  }
}

/** Prompt options for a ChoiceCardPrompt: the card marked with a fresh id, the answers, a retry text. */
export function questionOptions(cards: CardSender, view: CardView, choices: PromptChoice[], retry: string): PromptOptions {
  const nonce = newNonce();
  return {
    prompt: cards.activity(withNonce(view, nonce)),
    retryPrompt: MessageFactory.text(retry),
    validations: { choices, nonce } satisfies ChoiceValidations,
  };
}

/** A free-text answer ("In one line: what do you need help with?"): any sentence of 3+ characters. */
export class FreeTextPrompt extends AnswerablePrompt<string> {
  answer(context: TurnContext): string | undefined {
    if (context.activity.value && cardActionOf(context.activity.value)) return undefined;
    const text = (context.activity.text ?? '').trim();
    return text.length >= 3 ? text : undefined;
  }
}
