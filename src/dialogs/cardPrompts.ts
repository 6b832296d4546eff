/**
 * Prompts answered by a card's buttons or by typing, in English or German. The router asks a
 * waiting prompt whether a message answers it (`accepts`) before treating the message as a new
 * request, so "cloud" answers "What does the problem concern?" instead of starting another flow.
 */
import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { normalize, recognize } from '../recognizer/recognizer.js';
import { CardAction, cardActionOf, choiceOf } from '../views/actions.js';
import { choiceIn, type PromptChoice } from './promptChoices.js';

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
    const intent = recognize(context.activity.text ?? '').intent;
    if (intent === 'confirmYes' || intent === 'activate') return true;
    if (intent === 'confirmNo') return false;
    return undefined;
  }
}

/**
 * A question answered by a button of a choice card (`{ action: 'choose', choice }`) or by typing
 * one of a choice's words; choices with the ids `yes` / `no` also take a typed yes or no. Pass the
 * choices as `validations` in the prompt options; they are kept in the dialog state.
 */
export class ChoiceCardPrompt extends AnswerablePrompt<string> {
  answer(context: TurnContext, options: PromptOptions): string | undefined {
    const choices = (options.validations as PromptChoice[] | undefined) ?? [];
    const ids = new Set(choices.map((c) => c.id));
    const chosen = choiceOf(context.activity.value);
    if (chosen) return ids.has(chosen) ? chosen : undefined;
    if (context.activity.value && cardActionOf(context.activity.value)) return undefined;
    const text = normalize(context.activity.text ?? '');
    if (!text) return undefined;
    const intent = recognize(text).intent;
    if (intent === 'confirmYes' && ids.has('yes')) return 'yes';
    if (intent === 'confirmNo' && ids.has('no')) return 'no';
    return choiceIn(text, choices);
  }
}
