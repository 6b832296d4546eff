import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { recognize } from '../recognizer/recognizer.js';
import { CardAction, cardActionOf } from '../views/actions.js';

/**
 * A yes/no prompt answered by a confirmation card's buttons (`activation.confirm` /
 * `activation.cancel`) or by typing yes/no in English or German. Anything else re-prompts.
 */
export class ConfirmCardPrompt extends Prompt<boolean> {
  constructor(dialogId: string, validator?: PromptValidator<boolean>) {
    super(dialogId, validator);
  }

  protected override async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(activity);
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<boolean>> {
    const verb = cardActionOf(context.activity.value);
    if (verb === CardAction.activationConfirm) return { succeeded: true, value: true };
    if (verb === CardAction.activationCancel) return { succeeded: true, value: false };
    const intent = recognize(context.activity.text ?? '').intent;
    // "Activate" typed in answer to "Activate ...?" means yes.
    if (intent === 'confirmYes' || intent === 'activate') return { succeeded: true, value: true };
    if (intent === 'confirmNo') return { succeeded: true, value: false };
    return { succeeded: false };
  }
}
