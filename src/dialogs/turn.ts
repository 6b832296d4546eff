/**
 * What every flow reads from a turn (who is asking, in which language, in which kind of
 * conversation) and how it sends a card. The caller's identity comes from the channel's activity
 * fields only, never from card data.
 */
import { CardFactory, MessageFactory, type Activity, type BotState, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson, CardRenderer } from '../cards/renderer.js';
import type { Caller } from '../domain/access.js';
import { chooseLang, langOf, type ConversationLanguage, type Lang } from '../i18n/index.js';
import type { CardView } from '../views/views.js';

/**
 * The caller as Teams reports them: `from.aadObjectId` and the tenant of the conversation. Only
 * the Teams channel vouches for these fields; on other channels (Web Chat, Direct Line, the
 * Emulator) the client writes them itself, so there the caller has no tenant and is refused.
 */
export function callerOf(activity: Partial<Activity>): Caller {
  if (activity.channelId !== 'msteams') return { name: activity.from?.name };
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof channelTenant === 'string' ? channelTenant : activity.conversation?.tenantId;
  // The directory keeps GUIDs in lower case, the form Teams sends; fold here so any client matches.
  return { aadObjectId: activity.from?.aadObjectId?.toLowerCase(), tenantId: tenantId?.toLowerCase(), name: activity.from?.name };
}

/**
 * What identifies the request an activity makes, for writes that must happen once even when the
 * channel delivers the activity twice (the activity id is unique within its conversation).
 */
export function requestKeyOf(activity: Partial<Activity>): string | undefined {
  return activity.id && activity.conversation?.id ? `${activity.conversation.id}|${activity.id}` : undefined;
}

/** The state property (per person and conversation) that keeps the language the bot uses there. */
export const LANGUAGE_PROPERTY = 'language';
const TURN_LANG = Symbol('turnLang');

/**
 * Decides this turn's language once, at the start of the turn (i18n chooseLang: the locale, the
 * text, and the language the person used here before, kept in `state` so it survives restarts and
 * holds across instances). When the text turns an English-locale conversation German, the activity's
 * locale becomes `de-DE` for the rest of the turn, so whatever reads it (the stored conversation
 * reference for reminders and case updates, an escalation's context, the error reply) agrees.
 */
export async function chooseTurnLanguage(context: TurnContext, state: BotState): Promise<Lang> {
  const activity = context.activity;
  const property = state.createProperty<ConversationLanguage | undefined>(LANGUAGE_PROPERTY);
  const before = await property.get(context);
  const text = activity.type === 'message' && typeof activity.text === 'string' ? activity.text : undefined;
  const chosen = chooseLang(activity.locale, text, before);
  if (!before || before.lang !== chosen.lang || before.locale !== chosen.locale || before.byText !== chosen.byText) await property.set(context, chosen);
  context.turnState.set(TURN_LANG, chosen.lang);
  if (chosen.lang !== langOf(activity.locale)) activity.locale = chosen.lang === 'de' ? 'de-DE' : 'en-US';
  return chosen.lang;
}

/** The turn's language: as chooseTurnLanguage decided it, else (a turn that did not decide) the locale's. */
export function langOfTurn(context: TurnContext): Lang {
  return (context.turnState.get(TURN_LANG) as Lang | undefined) ?? langOf(context.activity.locale);
}

/**
 * True in a 1:1 chat with the bot. Group chats, channels and anything that does not say it is
 * personal count as shared, so the IDs are never posted where others might read them.
 */
export function isPersonalChat(activity: Partial<Activity>): boolean {
  return activity.conversation?.conversationType === 'personal';
}

/** Renders views into card attachments and sends them. */
export class CardSender {
  constructor(private readonly renderer: CardRenderer) {}

  /** The rendered card; with `refresh`, Teams asks the bot for it again as each viewer sees it. */
  card(view: CardView): Readonly<AdaptiveCardJson> {
    const card = this.renderer.render(view.template, view.data, { reuse: !view.once });
    // Rendered cards are shared and frozen: the refresh goes on a copy of the top level.
    if (view.refresh) return { ...card, refresh: { action: { type: 'Action.Execute', verb: view.refresh, data: { action: view.refresh } } } };
    return card;
  }

  /** A message activity carrying the rendered card. */
  activity(view: CardView): Partial<Activity> {
    return MessageFactory.attachment(CardFactory.adaptiveCard(this.card(view)));
  }

  async send(context: TurnContext, ...views: CardView[]): Promise<void> {
    for (const view of views) await context.sendActivity(this.activity(view));
  }
}

/** Turn-state key: what the conversation was about before this turn (a `LastTopic`), for follow-ups. */
export const LAST_TOPIC = Symbol('lastTopic');
/** Turn-state key: what this turn's question was about (a `LastTopic`), kept for the next turn's follow-up. */
export const TOPIC_NOW = Symbol('topicNow');

/** Turn-state key: the flow a new request interrupted (an escalation records it). */
export const INTERRUPTED_FLOW = Symbol('interruptedFlow');
