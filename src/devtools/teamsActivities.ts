/**
 * Factories for Teams-shaped activities, as Microsoft Teams sends them to a bot.
 */
import { randomUUID } from 'node:crypto';

export interface TeamsUser {
  aadObjectId: string;
  tenantId: string;
  name: string;
}

export interface ActivityOptions {
  user: TeamsUser;
  serviceUrl: string;
  text?: string;
  value?: Record<string, unknown>;
  locale?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  id?: string;
}

export const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Partner Support' };

/** The personal conversation id of a user (stable, so state carries across turns). */
export const personalConversation = (user: TeamsUser) => `a:personal-${user.aadObjectId}`;

export function teamsMessage(o: ActivityOptions): Record<string, unknown> {
  const conversationType = o.conversationType ?? 'personal';
  return {
    type: 'message',
    id: o.id ?? `msg-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: { id: `29:${o.user.aadObjectId}`, name: o.user.name, aadObjectId: o.user.aadObjectId },
    recipient: BOT,
    conversation: {
      id: o.conversationId ?? personalConversation(o.user),
      conversationType,
      tenantId: o.user.tenantId,
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    channelData: { tenant: { id: o.user.tenantId } },
    locale: o.locale ?? 'en-US',
    text: o.text,
    value: o.value,
  };
}

/** The conversationUpdate Teams sends when the bot is installed in a personal chat. */
export function teamsInstall(o: Omit<ActivityOptions, 'text' | 'value'>): Record<string, unknown> {
  const message = teamsMessage(o);
  return { ...message, type: 'conversationUpdate', text: undefined, membersAdded: [BOT, message.from] };
}

/** The `adaptiveCard/action` invoke Teams sends for an `Action.Execute` press or a card refresh. */
export function teamsExecute(
  o: Omit<ActivityOptions, 'text' | 'value'> & { verb: string; data?: Record<string, unknown>; replyToId?: string },
): Record<string, unknown> {
  const message = teamsMessage(o);
  return {
    ...message,
    // The id of the message whose card was pressed.
    ...(o.replyToId ? { replyToId: o.replyToId } : {}),
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: { action: { type: 'Action.Execute', verb: o.verb, data: o.data ?? {} }, trigger: o.verb.endsWith('.refresh') ? 'automatic' : 'manual' },
  };
}
