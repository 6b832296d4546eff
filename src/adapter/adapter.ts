/**
 * The Bot Framework adapter: authentication of incoming requests and outgoing replies, middleware,
 * and the error boundary that turns a failed turn into a short, friendly message.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type BotState,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.js';
import { langOf, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { ActivityStore } from '../store/types.js';
import { ProcessActivityOnce, SerializeConversationTurns } from './middleware.js';

/**
 * @param dialogStates the state a failed turn resets (the dialog stack), so the next message starts
 *   afresh instead of failing again in the same step.
 * @param processed where the ids of processed activities are kept, so a redelivery acts once;
 *   `owner` is this process's random id.
 */
export function createAdapter(
  config: Config,
  logger: Logger,
  dialogStates: BotState,
  processed: { activities: ActivityStore; owner: string },
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppType: config.auth?.appType ?? '',
    MicrosoftAppId: config.auth?.appId ?? '',
    MicrosoftAppPassword: config.auth?.appPassword ?? '',
    MicrosoftAppTenantId: config.auth?.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.use(new ProcessActivityOnce(processed.activities, { owner: processed.owner, logger }));
  adapter.use(new SerializeConversationTurns());

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const a = context.activity;
    logger.error(
      { err: error, activityId: a.id, type: a.type, conversationId: a.conversation?.id, channelId: a.channelId },
      'turn failed',
    );
    try {
      // A dialog that threw may throw again on the next turn: start that user's flow afresh.
      await dialogStates.delete(context);
      await context.sendActivity(t(langOf(a.locale), 'error.generic'));
      await context.sendTraceActivity('OnTurnError', `${error}`, 'https://www.botframework.com/schemas/error', 'TurnError');
    } catch (sendError) {
      logger.error({ err: sendError, conversationId: a.conversation?.id }, 'could not tell the user about a failed turn');
    }
  };
  return adapter;
}
