/**
 * The shape of an incoming activity, checked at the edge before the adapter sees it: every field
 * the bot or botbuilder reads has the type they expect, so a wrongly typed field (an
 * `from.aadObjectId: false`, a number where a string belongs, `entities: {}`) is answered 400 with
 * what is wrong instead of throwing inside a turn. Fields nobody reads, and unknown extra fields,
 * are allowed as they come (loose objects): the channel adds fields over time.
 *
 * Where Teams may send `null` for an optional field and every reader treats it as absent (text,
 * value, locale, ...), null is accepted; where a reader would fail on null (entities, attachments,
 * membersAdded, dates) it is refused like any other wrong type.
 */
import { z } from 'zod';

/**
 * The longest id taken. Ids become store keys (`channel/conversations/<conversation>/users/<user>`);
 * Teams ids are well under 200 characters, and with these limits a key stays within lmdb's 1,978 bytes.
 */
const MAX_ID = 256;
const MAX_CHANNEL_ID = 64;

/**
 * Ids travel in HTTP headers (`x-ms-conversation-id`) and URL paths of the replies, where a control
 * character or a lone surrogate makes the send throw: Teams ids are printable ASCII, and so must these be.
 */
const id = (what: string) =>
  z
    .string()
    .min(1, `${what} must not be empty`)
    .max(MAX_ID, `${what} is longer than ${MAX_ID} characters`)
    .regex(/^[\x20-\x7e]+$/, `${what} must be printable ASCII`)
    // Ids are path segments of the reply's URL (/v3/conversations/<id>/activities/<id>), where these
    // two are dot segments: the URL resolves to another route and the send fails.
    .refine((text) => text !== '.' && text !== '..', `${what} must not be "." or ".."`);
const optionalString = z.string().nullish();
/**
 * An id the bot keys its store by when present (an aadObjectId, a tenant id: the personal-chat
 * index is keyed `p:<tenant>` / `<aadObjectId>`): Teams sends GUIDs; too long or with a control
 * character, the store refused the key inside the turn. Empty stays allowed (read as absent).
 */
const keyId = (what: string) =>
  z
    .string()
    .max(MAX_ID, `${what} is longer than ${MAX_ID} characters`)
    .regex(/^[\x20-\x7e]*$/, `${what} must be printable ASCII`)
    .nullish();
const dateText = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'must be a date and time (ISO 8601)');
/** A JSON object (not an array, not null). */
const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.looseObject(shape);

const account = object({
  id: id('the id').optional(),
  name: optionalString,
  aadObjectId: keyId('aadObjectId'),
  role: optionalString,
});

/** A member in membersAdded / membersRemoved: botbuilder compares their ids with the bot's. */
const member = object({ id: id('a member id'), name: optionalString, aadObjectId: keyId('aadObjectId') });

/** An entity; a mention names who is mentioned (TurnContext.removeRecipientMention reads `mentioned.id`). */
const entity = object({ type: z.string() }).superRefine((value, ctx) => {
  if (value.type.toLowerCase() !== 'mention') return;
  const mentioned = object({ id: z.string() }).safeParse(value['mentioned']);
  if (!mentioned.success) ctx.addIssue({ code: 'custom', path: ['mentioned', 'id'], message: 'a mention entity needs it (a string)' });
  if (value['text'] !== undefined && typeof value['text'] !== 'string') ctx.addIssue({ code: 'custom', path: ['text'], message: 'expected a string' });
});

const attachment = object({ contentType: z.string(), contentUrl: optionalString, name: optionalString });

/** Teams' channel data: the tenant (the caller's organization), the team, the channel, the event. */
const channelData = object({
  tenant: object({ id: keyId('the tenant id') }).nullish(),
  team: object({ id: optionalString, name: optionalString }).nullish(),
  channel: object({ id: optionalString, name: optionalString }).nullish(),
  eventType: optionalString,
});

/** An `Action.Execute` press (`adaptiveCard/action`): botbuilder and the bot read `action.verb` and `action.data`. */
const adaptiveCardAction = object({
  action: object({
    type: optionalString,
    verb: z.string({ error: 'expected a string (the button\'s verb)' }),
    data: z.unknown().optional(),
  }),
  trigger: optionalString,
});

const activity = object({
  type: z.string().min(1, 'must not be empty'),
  id: id('activity.id').nullish(),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  channelId: z.string().min(1, 'must not be empty').max(MAX_CHANNEL_ID, `is longer than ${MAX_CHANNEL_ID} characters`),
  conversation: object({
    id: id('conversation.id'),
    tenantId: keyId('conversation.tenantId'),
    conversationType: optionalString,
    isGroup: z.boolean().nullish(),
    name: optionalString,
  }),
  from: account.extend({ id: id('from.id') }),
  recipient: account.extend({ id: id('recipient.id') }),
  text: optionalString,
  textFormat: optionalString,
  locale: optionalString,
  name: optionalString,
  action: optionalString,
  replyToId: optionalString,
  timestamp: dateText.optional(),
  localTimestamp: dateText.optional(),
  expiration: dateText.optional(),
  entities: z.array(entity).optional(),
  attachments: z.array(attachment).optional(),
  membersAdded: z.array(member).optional(),
  membersRemoved: z.array(member).optional(),
  channelData: channelData.nullish(),
  // A card submit's data (an object) on a message; an invoke's value depends on its name (below).
  value: z.unknown().optional(),
}).superRefine((a, ctx) => {
  if (a.type === 'invoke' && typeof a.name !== 'string') {
    ctx.addIssue({ code: 'custom', path: ['name'], message: 'expected a string (an invoke needs its name)' });
  }
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
    const action = (a.value as { action?: unknown } | null | undefined)?.action;
    if (typeof action !== 'object' || action === null || Array.isArray(action)) {
      ctx.addIssue({ code: 'custom', path: ['value', 'action'], message: 'an adaptiveCard/action invoke needs an action with a verb (an object)' });
    } else {
      const value = adaptiveCardAction.safeParse(a.value);
      for (const issue of value.success ? [] : value.error.issues) ctx.addIssue({ ...issue, path: ['value', ...issue.path] } as z.core.$ZodRawIssue);
    }
  } else if (a.type === 'message' && a.value !== undefined && a.value !== null && (typeof a.value !== 'object' || Array.isArray(a.value))) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'expected an object (the card\'s data)' });
  }
});

/** At most this many problems are named in one answer. */
const MAX_NAMED = 3;

/** The JSON type of `value`, as a client would name it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** The value at `path` in `body`, or undefined. */
function at(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const fieldName = (path: readonly PropertyKey[]) =>
  ['activity', ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

const ARTICLE: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', object: 'an object', array: 'an array' };

/** One problem in a sentence: the field, what was expected, what came. */
function describe(issue: z.core.$ZodIssue, body: unknown): string {
  const field = fieldName(issue.path);
  const got = at(body, issue.path);
  if (issue.code === 'invalid_type') {
    if (got === undefined) return `${field} is required (${ARTICLE[issue.expected] ?? issue.expected})`;
    return `${field}: expected ${ARTICLE[issue.expected] ?? issue.expected}, got ${jsonType(got)}`;
  }
  if (issue.code === 'custom' && got !== undefined && /^expected /.test(issue.message)) return `${field}: ${issue.message}, got ${jsonType(got)}`;
  return `${field}: ${issue.message}`;
}

/** The answer to a body that is no JSON object at all (also the server's, for a body that is no JSON). */
export const NOT_AN_ACTIVITY = 'Expected a JSON activity object (Content-Type: application/json).';

export type ShapeCheck = { ok: true } | { ok: false; message: string };

/**
 * Checks a parsed JSON body. The message is short and names each wrong field (at most
 * {@link MAX_NAMED}, then how many more), e.g. `activity.from.aadObjectId: expected a string, got boolean`.
 */
export function checkActivityShape(body: unknown): ShapeCheck {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: NOT_AN_ACTIVITY };
  }
  const checked = activity.safeParse(body);
  if (checked.success) return { ok: true };
  const named = checked.error.issues.slice(0, MAX_NAMED).map((issue) => describe(issue, body));
  const more = checked.error.issues.length - named.length;
  return { ok: false, message: `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}.` };
}
