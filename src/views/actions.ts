/**
 * The verbs a card button sends back (in `data.action`). The bot treats them as requests, never as
 * facts: every verb is re-checked on the server against the caller's identity.
 */
export const CardAction = {
  tiers: 'tiers',
  roleCheck: 'roleCheck',
  activate: 'activate',
  activationConfirm: 'activation.confirm',
  activationCancel: 'activation.cancel',
  ids: 'ids',
  help: 'help',
} as const;

export type CardActionVerb = (typeof CardAction)[keyof typeof CardAction];

const VERBS = new Set<string>(Object.values(CardAction));

/** The verb in a card submit's value, if it is one the bot knows; anything else is ignored. */
export function cardActionOf(value: unknown): CardActionVerb | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  return typeof action === 'string' && VERBS.has(action) ? (action as CardActionVerb) : undefined;
}
