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
  /** Universal Actions: Teams asks for the confirmation card as it is now for the viewer. */
  activationRefresh: 'activation.refresh',
  ids: 'ids',
  help: 'help',
  balance: 'balance',
  alreadyAssociated: 'alreadyAssociated',
  supportPlan: 'supportPlan',
  escalate: 'escalate',
  /** The answer to a question card; `choice` says which. */
  choose: 'choose',
  /** Helpdesk: show this partner (`tenantId`), or reveal its IDs; the caller is re-checked. */
  helpdeskPick: 'helpdesk.pick',
  helpdeskReveal: 'helpdesk.reveal',
  /** Helpdesk case card buttons; `caseId` names the case, the caller is re-checked. */
  caseAssign: 'case.assign',
  caseResolve: 'case.resolve',
  /** Helpdesk: one case with its history (`caseId`, or asked for), and the helpdesk menu's buttons. */
  caseShow: 'case.show',
  casesMine: 'cases.mine',
  casesOpen: 'cases.open',
  casesUnassigned: 'cases.unassigned',
  helpdeskLookup: 'helpdesk.lookup',
  helpdeskTriage: 'helpdesk.triage',
  helpdeskAudit: 'helpdesk.audit',
  /** Knowledge base: show the entry `entry` (a "did you mean" choice or a follow-up question). */
  kbShow: 'kb.show',
  /** Knowledge base: "Did this help?" answered (`entry`, `helpful`), with `others` to offer on a no. */
  kbFeedback: 'kb.feedback',
  /** Knowledge base: "None of these" on "Did you mean ...?"; answered, never a case by itself. */
  kbNone: 'kb.none',
} as const;

export type CardActionVerb = (typeof CardAction)[keyof typeof CardAction];

const VERBS = new Set<string>(Object.values(CardAction));

/** The verb in a card submit's value, if it is one the bot knows; anything else is ignored. */
export function cardActionOf(value: unknown): CardActionVerb | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const action = (value as { action?: unknown }).action;
  return typeof action === 'string' && VERBS.has(action) ? (action as CardActionVerb) : undefined;
}

const KINDS = new Set(['ProductSupport', 'SignatureCloudSupport']);

/**
 * What an activation confirmation card showed (its contract start and benefit kinds), read from the
 * submit value; undefined when missing or malformed. Only used to detect a stale card: the caller
 * and the organization always come from the channel, never from here.
 */
export function shownActivationOf(value: unknown): { start: string; kinds: ('ProductSupport' | 'SignatureCloudSupport')[] } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { start, kinds } = value as { start?: unknown; kinds?: unknown };
  if (typeof start !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return undefined;
  if (!Array.isArray(kinds) || kinds.length === 0 || kinds.length > 2 || !kinds.every((k) => typeof k === 'string' && KINDS.has(k))) {
    return undefined;
  }
  return { start, kinds: kinds as ('ProductSupport' | 'SignatureCloudSupport')[] };
}

/** The choice id of a question card's answer (`{ action: 'choose', choice }`), if it is one. */
export function choiceOf(value: unknown): string | undefined {
  if (cardActionOf(value) !== CardAction.choose) return undefined;
  const choice = (value as { choice?: unknown }).choice;
  return typeof choice === 'string' && /^[A-Za-z]{1,32}$/.test(choice) ? choice : undefined;
}

/** The tenant id a helpdesk button names (a target, never an identity); undefined if malformed. */
export function tenantOf(value: unknown): string | undefined {
  const tenantId = (value as { tenantId?: unknown } | undefined)?.tenantId;
  return typeof tenantId === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId)
    ? tenantId.toLowerCase()
    : undefined;
}

/** The question-card id a `choose` button carries. */
export function nonceOf(value: unknown): string | undefined {
  const nonce = (value as { nonce?: unknown } | undefined)?.nonce;
  return typeof nonce === 'string' ? nonce : undefined;
}

/** The case id a case-card button carries, if well-formed. */
export function caseIdOf(value: unknown): string | undefined {
  const id = (value as { caseId?: unknown } | undefined)?.caseId;
  return typeof id === 'string' && /^C-\d{6,}$/.test(id) ? id : undefined;
}

/** The resolution note typed into a case card (free text: displayed only escaped). */
export function noteOf(value: unknown): string {
  const note = (value as { note?: unknown } | undefined)?.note;
  return typeof note === 'string' ? note : '';
}

const ENTRY_ID = /^[a-z0-9-]{1,64}$/;

/** The knowledge-base entry id a `kb.show` / `kb.feedback` button names, if well-formed. */
export function kbEntryOf(value: unknown): string | undefined {
  const entry = (value as { entry?: unknown } | undefined)?.entry;
  return typeof entry === 'string' && ENTRY_ID.test(entry) ? entry : undefined;
}

/** A `kb.feedback` answer: which entry, helpful or not, and the alternatives to offer (at most 3). */
export function kbFeedbackOf(value: unknown): { entry: string; helpful: boolean; others: string[]; card: string } | undefined {
  if (cardActionOf(value) !== CardAction.kbFeedback) return undefined;
  const entry = kbEntryOf(value);
  const helpful = (value as { helpful?: unknown }).helpful;
  const card = (value as { card?: unknown }).card;
  if (!entry || typeof helpful !== 'boolean' || typeof card !== 'string' || !/^[0-9a-f]{8}$/.test(card)) return undefined;
  const raw = (value as { others?: unknown }).others;
  const others = Array.isArray(raw) ? raw.filter((o): o is string => typeof o === 'string' && ENTRY_ID.test(o)).slice(0, 3) : [];
  return { entry, helpful, others, card };
}
